// casus stats: the summary of a store.
#include <cstdio>

#include "casus/store.h"
#include "cli/cli.h"

namespace casus::cli {

namespace {

struct StatsArgs {
  std::string db = "casus.db";
  int top = 10;
  bool json = false;
};

int RunStats(const StatsArgs& a) {
  auto store = EventStore::Open(a.db, /*read_only=*/true);
  if (!store.ok()) {
    std::fprintf(stderr, "casus: %s\n", store.status().ToString().c_str());
    return kExitFatal;
  }
  auto st = store.value()->Stats(a.top);
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.status().ToString().c_str());
    return kExitFatal;
  }
  const StoreStats& s = st.value();
  if (a.json) {
    std::printf("{\"articles\":%lld,\"sentences\":%lld,\"events\":%lld,\"by_root\":[",
                (long long)s.articles, (long long)s.sentences, (long long)s.events);
    for (size_t i = 0; i < s.by_root.size(); ++i)
      std::printf("%s{\"root\":\"%s\",\"events\":%lld}", i ? "," : "", s.by_root[i].root.c_str(),
                  (long long)s.by_root[i].events);
    std::printf("],\"top_dyads\":[");
    for (size_t i = 0; i < s.top_dyads.size(); ++i)
      std::printf("%s{\"source\":\"%s\",\"target\":\"%s\",\"events\":%lld}", i ? "," : "",
                  s.top_dyads[i].source.c_str(), s.top_dyads[i].target.c_str(),
                  (long long)s.top_dyads[i].events);
    std::printf("]}\n");
    return kExitOk;
  }
  std::printf("articles   %lld\nsentences  %lld\nevents     %lld\n\n", (long long)s.articles,
              (long long)s.sentences, (long long)s.events);
  std::printf("events by CAMEO root\n");
  for (const RootCount& r : s.by_root)
    std::printf("  %s  %-40.40s %8lld\n", r.root.c_str(), r.label.c_str(), (long long)r.events);
  std::printf("\ntop %d dyads (source -> target)\n", a.top);
  for (const DyadCount& d : s.top_dyads)
    std::printf("  %-12s -> %-12s %8lld\n", d.source.c_str(), d.target.c_str(),
                (long long)d.events);
  return kExitOk;
}

}  // namespace

void AddStatsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "Summarise a store: articles, sentences, events by CAMEO root, top dyads");
  cmd->add_option("--db", args->db, "SQLite database written by casus code --db")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "how many dyads to list")->capture_default_str();
  cmd->add_flag("--json", args->json, "print the summary as one JSON object");
  cmd->callback([args, exit_code] { *exit_code = RunStats(*args); });
}

}  // namespace casus::cli
