// casus query: filter, page through and aggregate the events of a store.
#include <cstdio>
#include <memory>

#include "casus/query.h"
#include "cli/cli.h"
#include "cli/filter_options.h"

namespace casus::cli {

namespace {

struct QueryArgs {
  std::string db = "casus.db";
  std::map<std::string, std::string> filters;  // name -> value, as given
  bool dedup = false;
  std::string by;
  bool merge = false;
  std::string top;
  int limit = 100;
  int64_t offset = 0;
  std::string cursor;
  std::string format = "table";
};

int RunQuery(const QueryArgs& a) {
  auto format = ParseTableFormat(a.format);
  if (!format.ok()) {
    std::fprintf(stderr, "casus: %s\n", format.status().message().c_str());
    return kExitUsage;
  }
  EventFilter f;
  if (!MakeFilter(a.filters, a.dedup, &f)) return kExitUsage;
  auto engine = QueryEngine::Open(a.db);
  if (!engine.ok()) {
    std::fprintf(stderr, "casus: %s\n", engine.status().ToString().c_str());
    return kExitFatal;
  }
  QueryEngine& q = *engine.value();
  Result<Table> table = Status::Internal("no query");
  if (!a.by.empty()) {
    auto period = ParsePeriod(a.by);
    if (!period.ok()) {
      std::fprintf(stderr, "casus: --by: %s\n", period.status().message().c_str());
      return kExitUsage;
    }
    table = q.Series(f, period.value(), /*per_dyad=*/!a.merge);
  } else if (!a.top.empty()) {
    auto what = ParseTopKind(a.top);
    if (!what.ok()) {
      std::fprintf(stderr, "casus: --top: %s\n", what.status().message().c_str());
      return kExitUsage;
    }
    table = q.Top(f, what.value(), a.limit);
  } else {
    PageRequest page;
    page.limit = a.limit;
    page.offset = a.offset;
    page.cursor = a.cursor;
    table = q.Events(f, page);
    // The terminal table leaves out the bulky JSON columns.
    if (table.ok() && format.value() == TableFormat::kTable) {
      Table& t = table.value();
      for (const char* drop : {"evidence", "highlights", "title", "url", "doc_id"}) {
        int c = t.Column(drop);
        if (c < 0) continue;
        t.columns.erase(t.columns.begin() + c);
        for (auto& row : t.rows) row.erase(row.begin() + c);
      }
    }
  }
  if (!table.ok()) {
    const Status& st = table.status();
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return st.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  std::string out = FormatTable(table.value(), format.value());
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (format.value() == TableFormat::kTable && !table.value().next_cursor.empty())
    std::fprintf(stderr, "more rows: --cursor '%s'\n", table.value().next_cursor.c_str());
  return kExitOk;
}

}  // namespace

bool MakeFilter(const std::map<std::string, std::string>& filters, bool dedup, EventFilter* f) {
  for (const auto& [name, value] : filters) {
    Status st = f->Set(name, value);
    if (!st.ok()) {
      std::fprintf(stderr, "casus: --%s: %s\n", name.c_str(), st.message().c_str());
      return false;
    }
  }
  f->dedup = dedup;
  return true;
}

void AddFilterOptions(CLI::App* cmd, std::map<std::string, std::string>* filters,
                      bool* dedup) {
  struct Opt {
    const char* name;
    const char* help;
  };
  static const Opt kOpts[] = {
      {"from", "first date, YYYY-MM-DD (inclusive)"},
      {"to", "last date, YYYY-MM-DD (inclusive)"},
      {"actor", "source or target actor: a code (RUSMIL) or prefix (USA*)"},
      {"source", "source actor code or prefix (USA*)"},
      {"target", "target actor code or prefix (RUS*)"},
      {"code", "CAMEO event code or prefix (042, 19*)"},
      {"root", "CAMEO root code, two digits (19)"},
      {"quad", "quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"},
      {"plover", "PLOVER event type (CONSULT, ASSAULT, ...)"},
      {"mode", "PLOVER mode: negated, hypothetical, future, alleged, denied; \"any\" for all events (default: asserted events only)"},
      {"text", "full-text search of the evidence sentences (SQLite FTS5 syntax)"},
  };
  for (const Opt& o : kOpts) {
    std::string name = o.name;
    cmd->add_option_function<std::string>(
        "--" + name, [filters, name](const std::string& v) { (*filters)[name] = v; }, o.help);
  }
  cmd->add_flag("--dedup", *dedup,
                "use the deduplicated events (one per date, source, target and code) instead "
                "of every mention");
}

void AddQueryCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "query",
      "Query a store: list matching events (newest first), aggregate them per dyad by day, "
      "week or month (--by), or rank actors, dyads and codes (--top)");
  cmd->add_option("--db", args->db, "SQLite database written by casus code --db")
      ->capture_default_str();
  AddFilterOptions(cmd, &args->filters, &args->dedup);
  cmd->add_option("--by", args->by,
                  "aggregate per dyad and period: day, week or month (count, Goldstein sum and "
                  "mean, events per quad class)");
  cmd->add_flag("--merge", args->merge, "with --by: one series for all matching dyads");
  cmd->add_option("--top", args->top, "rank: actors, sources, targets, dyads, codes or roots");
  cmd->add_option("--limit", args->limit, "rows per page (1-1000; with --top, how many)")
      ->capture_default_str()
      ->check(CLI::Range(1, kMaxPageSize));
  cmd->add_option("--offset", args->offset, "rows to skip")->check(CLI::NonNegativeNumber);
  cmd->add_option("--cursor", args->cursor, "continue after the page that printed this cursor");
  cmd->add_option("--format,-f", args->format, "table, csv or json")->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunQuery(*args); });
}

}  // namespace casus::cli
