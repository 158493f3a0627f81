// casus dedup: set the deduplication window of a store and recount.
#include <cstdio>
#include <memory>

#include "casus/store.h"
#include "cli/cli.h"

namespace casus::cli {

namespace {

struct DedupArgs {
  std::string db = "casus.db";
  int window = 1;
};

int RunDedup(const DedupArgs& a) {
  StoreOptions o;
  o.dedup_window_days = a.window;
  auto store = EventStore::Open(a.db, o);
  if (!store.ok()) {
    std::fprintf(stderr, "casus: %s\n", store.status().ToString().c_str());
    return kExitFatal;
  }
  auto st = store.value()->Stats(0);
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.status().ToString().c_str());
    return kExitFatal;
  }
  std::printf("%s: %lld mentions -> %lld deduplicated events (window %d day%s)\n", a.db.c_str(),
              (long long)st.value().events, (long long)st.value().dedup_events,
              store.value()->dedup_window_days(), store.value()->dedup_window_days() == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace

void AddDedupCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dedup",
      "Set the deduplication window of a store (days; 1 = same day) and recount its "
      "deduplicated events. Later casus code runs keep the window");
  cmd->add_option("--db", args->db, "SQLite database written by casus code --db")
      ->capture_default_str();
  cmd->add_option("--window", args->window, "days per window (1-366)")
      ->capture_default_str()
      ->check(CLI::Range(1, 366));
  cmd->callback([args, exit_code] { *exit_code = RunDedup(*args); });
}

}  // namespace casus::cli
