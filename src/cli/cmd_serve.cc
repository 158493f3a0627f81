// casus serve: the JSON API and the web dashboard over a store.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "casus/server.h"
#include "cli/cli.h"

namespace casus::cli {

namespace {

struct ServeArgs {
  ServerOptions options;
  bool no_web = false;
};

// Where the built dashboard is: $CASUS_WEB, then next to the binary
// (../share/casus/web), then the source tree the binary was built from.
std::string DefaultWebFolder() { return DataFolder("CASUS_WEB", "web", CASUS_DEFAULT_WEB); }

// The signal handler may only touch this; the main thread polls it.
volatile std::sig_atomic_t g_stop_requested = 0;  // NOLINT: signal handlers need a global

int RunServe(ServeArgs a) {
  ServerOptions& o = a.options;
  if (a.no_web) o.web_root.clear();
  else if (o.web_root.empty()) o.web_root = DefaultWebFolder();
  auto server = Server::Create(o);
  if (!server.ok()) {
    std::fprintf(stderr, "casus: %s\n", server.status().ToString().c_str());
    return kExitFatal;
  }
  Status st = server.value()->Bind();
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return kExitFatal;
  }
  std::printf("casus: serving %s on http://%s:%d/\n", o.db.c_str(), o.host.c_str(),
              server.value()->port());
  std::fflush(stdout);
  Server* raw = server.value().get();
  std::signal(SIGINT, [](int) { g_stop_requested = 1; });
  std::signal(SIGTERM, [](int) { g_stop_requested = 1; });
  std::thread watcher([raw] {
    while (!g_stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    raw->Stop();
  });
  st = raw->Run();
  g_stop_requested = 1;
  watcher.join();
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve a store read-only: the JSON API under /api/ (docs/api.md) and the web dashboard "
      "at /. Safe to run while casus code --db writes to the same file");
  cmd->add_option("--db", args->options.db, "SQLite database written by casus code --db")
      ->required();
  cmd->add_option("--host", args->options.host,
                  "address to listen on (loopback by default; 0.0.0.0 exposes it to the network)")
      ->capture_default_str();
  cmd->add_option("--port,-p", args->options.port, "port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web", args->options.web_root,
                  "folder of the built dashboard (default: $CASUS_WEB, the installed one, or "
                  "web/dist of the source tree)");
  cmd->add_flag("--no-web", args->no_web, "serve the API only");
  cmd->add_option("--threads", args->options.threads, "worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--log", args->options.log_requests, "log one line per request on stderr");
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace casus::cli
