// casus export: a store as PLOVER JSONL, a GDELT 2.0 event table, Phoenix or CSV.
#include <cstdio>
#include <memory>

#include "casus/query.h"
#include "cli/cli.h"
#include "cli/filter_options.h"

namespace casus::cli {

namespace {

struct ExportArgs {
  std::string db = "casus.db";
  std::string format;
  std::string out = "-";
  std::map<std::string, std::string> filters;
  bool dedup = false;
  bool quiet = false;
};

int RunExport(const ExportArgs& a) {
  auto format = ParseExportFormat(a.format);
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
  FILE* out = stdout;
  if (a.out != "-") {
    out = std::fopen(a.out.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "casus: cannot write %s\n", a.out.c_str());
      return kExitFatal;
    }
  }
  int64_t rows = 0, left_out = 0;
  Status st = engine.value()->Export(f, format.value(), out, &rows, &left_out);
  if (out != stdout && std::fclose(out) != 0 && st.ok())
    st = Status::IOError("cannot write " + a.out);
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return st.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFatal;
  }
  if (!a.quiet) {
    std::fprintf(stderr, "casus: %lld records written", (long long)rows);
    if (left_out)
      std::fprintf(stderr, ", %lld events without a PLOVER type left out", (long long)left_out);
    std::fprintf(stderr, "\n");
  }
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export events: plover (JSONL, one record per mention), gdelt (GDELT 2.0 event table, 61 "
      "tab-separated columns, one row per deduplicated event), phoenix (26 tab-separated "
      "columns, deduplicated), csv (one row per mention; per event with --dedup). "
      "docs/formats.md describes every column");
  cmd->add_option("--db", args->db, "SQLite database written by casus code --db")
      ->capture_default_str();
  cmd->add_option("--format,-f", args->format, "plover, gdelt, phoenix or csv")->required();
  cmd->add_option("--out,-o", args->out, "output file ('-' for stdout)")->capture_default_str();
  AddFilterOptions(cmd, &args->filters, &args->dedup);
  cmd->add_flag("--quiet,-q", args->quiet, "no summary on stderr");
  cmd->callback([args, exit_code] { *exit_code = RunExport(*args); });
}

}  // namespace casus::cli
