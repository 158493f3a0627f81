// casus: asking questions of an event store. The one layer under
// `casus query`, `casus export` and `casus serve` (which are thin shells).
//
//   auto q = casus::QueryEngine::Open("casus.db");
//   casus::EventFilter f;
//   CASUS_TRY(f.Set("source", "USA*"));
//   CASUS_TRY(f.Set("target", "RUS*"));
//   auto series = q.value()->Series(f, casus::Period::kWeek, /*per_dyad=*/true);
//
// Every query is parameterised SQL over a read-only connection, so a
// QueryEngine can read a file that `casus code --db` is writing (WAL). A
// QueryEngine caches prepared statements and is not thread-safe: use one per
// thread. Results are Tables of Values, which print as text, CSV or JSON.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "casus/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace casus {

// One cell of a result table.
struct Value {
  enum class Kind { kNull, kInt, kReal, kText, kJson };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;  // the text, or JSON text for kJson

  static Value Null() { return Value{}; }
  static Value Int(int64_t v) { Value x; x.kind = Kind::kInt; x.i = v; return x; }
  static Value Real(double v) { Value x; x.kind = Kind::kReal; x.d = v; return x; }
  static Value Text(std::string v) { Value x; x.kind = Kind::kText; x.s = std::move(v); return x; }
  static Value Json(std::string v) { Value x; x.kind = Kind::kJson; x.s = std::move(v); return x; }
  // The value as plain text ("" for null; JSON as its text).
  std::string ToString() const;
  // The value as a JSON value.
  void AppendJson(std::string* out) const;
};

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  // Paging: the cursor for the next page, empty on the last page.
  std::string next_cursor;

  // Index of a column, or -1.
  int Column(std::string_view name) const;
  // An array of objects, one a row: [{"col": value, ...}, ...].
  std::string ToJsonRows() const;
  // A header line and one line a row (RFC 4180 quoting).
  std::string ToCsv() const;
  // Aligned columns for a terminal; cells longer than `max_cell` are cut.
  std::string ToText(size_t max_cell = 48) const;
};

enum class TableFormat { kTable, kCsv, kJson };
// Parses "table", "csv" or "json".
Result<TableFormat> ParseTableFormat(std::string_view name);
// The whole table in that format (JSON: {"columns":[...],"rows":[{...}],...}).
std::string FormatTable(const Table& t, TableFormat format);

// Which events a query looks at. Empty fields match everything. Actor and
// code fields take an exact code ("RUSMIL") or a prefix ending in '*'
// ("USA*"). Dates are inclusive YYYY-MM-DD.
struct EventFilter {
  std::string from;
  std::string to;
  std::string actor;    // source or target
  std::string source;
  std::string target;
  std::string code;     // CAMEO event code, e.g. "042" or "04*"
  std::string root;     // CAMEO root, two digits
  int quad = 0;         // 1..4, 0 = any
  std::string plover;   // PLOVER event type, e.g. "CONSULT"
  std::string mode;     // PLOVER mode: "" or "asserted" (mode NULL), "any", or negated, hypothetical, future, alleged, denied
  std::string text;     // FTS5 query over the evidence sentences
  bool dedup = false;   // ask the deduplicated events instead of the mentions

  // Sets the filter called `name` (the field names above; "quad_class" is
  // accepted for "quad"; dedup takes 1/0/true/false) from text, checking it.
  // Returns InvalidArgument for a bad value, NotFound for an unknown name.
  Status Set(std::string_view name, std::string_view value);
  // The names Set() accepts.
  static const std::vector<std::string>& Names();
};

enum class Period { kDay, kWeek, kMonth };
// Parses "day", "week" (ISO weeks, labelled by their Monday) or "month".
Result<Period> ParsePeriod(std::string_view name);

struct PageRequest {
  int limit = 100;       // 1..kMaxPageSize
  int64_t offset = 0;    // rows to skip (ignored with a cursor)
  std::string cursor;    // Table::next_cursor of the previous page
};
inline constexpr int kMaxPageSize = 1000;

enum class TopKind { kActors, kSources, kTargets, kDyads, kCodes, kRoots };
// Parses "actors", "sources", "targets", "dyads", "codes" or "roots".
Result<TopKind> ParseTopKind(std::string_view name);

struct Network {
  Table nodes;  // id, label, events
  Table edges;  // source, target, events, goldstein_mean, cooperation, conflict
};

enum class ExportFormat { kPlover, kGdelt, kPhoenix, kCsv };
// Parses "plover", "gdelt", "phoenix" or "csv".
Result<ExportFormat> ParseExportFormat(std::string_view name);

struct StoreSummary {
  int schema_version = 0;
  int dedup_window_days = 1;
  int64_t articles = 0;
  int64_t sentences = 0;
  int64_t events = 0;        // mentions
  int64_t dedup_events = 0;
  int64_t actors = 0;
  std::string first_date;
  std::string last_date;
  int64_t by_quad[5] = {0, 0, 0, 0, 0};  // [1..4]
  std::string ToJson() const;
};

class QueryEngine {
 public:
  ~QueryEngine();
  // Opens `path` read-only. A file of an older schema is first upgraded by a
  // short read-write open (it must be writable then).
  static Result<std::unique_ptr<QueryEngine>> Open(const std::string& path);

  // Matching events, newest first: the mentions, or the deduplicated events
  // (with num_mentions, num_sources, num_articles and their first mention)
  // when filter.dedup. Each row carries its evidence sentence and
  // "highlights": {"source":[start,end],"target":...,"trigger":...} in bytes
  // of that sentence (null where absent).
  Result<Table> Events(const EventFilter& filter, const PageRequest& page);
  // The mentions of one deduplicated event.
  Result<Table> Mentions(int64_t dedup_id);
  // Counts per period: period[, source, target], events, goldstein_sum,
  // goldstein_mean, verbal_coop, material_coop, verbal_conflict,
  // material_conflict. per_dyad splits the rows by (source, target);
  // otherwise every matching event counts towards one series.
  Result<Table> Series(const EventFilter& filter, Period by, bool per_dyad);
  // Actors and the weighted edges between them (the `max_edges` heaviest).
  // `countries` merges actors on their first three letters.
  Result<Network> ActorNetwork(const EventFilter& filter, int max_edges, bool countries);
  // The most frequent actors, dyads or codes among matching events.
  Result<Table> Top(const EventFilter& filter, TopKind what, int limit);
  Result<StoreSummary> Summary();
  // Writes every matching event to `out` in the format docs/formats.md
  // describes; *rows gets the number of records written, *left_out those
  // that the format cannot hold (PLOVER: events without a PLOVER type).
  Status Export(const EventFilter& filter, ExportFormat format, FILE* out, int64_t* rows,
                int64_t* left_out);

 private:
  QueryEngine() = default;
  Status Error(const char* what) const;
  // A cached prepared statement for `sql` (reset, bindings cleared).
  Result<sqlite3_stmt*> Statement(const std::string& sql);
  // The actor codes a source prefix stands for, when a target is given too
  // (*use false: keep the prefix range).
  Status ExpandSources(const EventFilter& f, std::vector<std::string>* codes, bool* use);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, sqlite3_stmt*> cache_;
  int window_days_ = 1;
};

}  // namespace casus
