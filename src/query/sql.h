// Internal helpers of the query engine: building parameterised WHERE clauses
// from an EventFilter, reading columns, evidence spans, calendar periods.
// Every value a user gives goes through a bound parameter, never into SQL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "casus/query.h"

namespace casus::query_internal {

struct Arg {
  bool is_int = false;
  int64_t i = 0;
  std::string s;
  static Arg Int(int64_t v) { Arg a; a.is_int = true; a.i = v; return a; }
  static Arg Text(std::string v) { Arg a; a.s = std::move(v); return a; }
};

struct SqlBuilder {
  std::vector<std::string> where;  // ANDed conditions with '?' placeholders
  std::vector<Arg> args;           // one per '?', in order

  // Adds `column = ?`, or a range for a prefix pattern ending in '*'.
  void Match(const std::string& column, const std::string& pattern);
  // The same condition as an expression (args appended), "1" if none.
  std::string MatchExpr(const std::string& column, const std::string& pattern);
  // " WHERE a AND b" or "".
  std::string Where() const;
};

// Every month bucket (events.month, dedup_events.month, country_days.month):
// the first column of the dyad indexes.
inline constexpr const char* kInMonths = "e.month IN (SELECT month FROM months)";
// Whether an actor pattern selects anything narrower than every actor.
bool Constrains(const std::string& pattern);

// Adds the filter's conditions on the table aliased `e` (events, or
// dedup_events when f.dedup). With `sources`, a source prefix becomes
// `e.source IN (those codes)`, so that the dyad index is searched per source
// rather than scanned over every target of the prefix.
void AddFilter(const EventFilter& f, SqlBuilder* b,
               const std::vector<std::string>* sources = nullptr);

std::string ColText(sqlite3_stmt* s, int i);
Value ColValue(sqlite3_stmt* s, int i);
// Binds args to parameters first, first + 1, ...
void BindArgs(sqlite3_stmt* st, const std::vector<Arg>& args, int first);

// Source, target, trigger spans of an events.evidence JSON (document bytes).
struct EvidenceSpans {
  int64_t span[3][2] = {{0, 0}, {0, 0}, {0, 0}};
  bool present[3] = {false, false, false};
  std::string text[3];
};
bool ParseEvidenceSpans(const std::string& evidence_json, EvidenceSpans* out);
// {"source":[a,b]|null,"target":...,"trigger":...} relative to the sentence.
std::string HighlightsJson(const std::string& evidence_json, int64_t sentence_start,
                           int64_t sentence_len);

// The label of the period holding `date`: the date, its ISO week's Monday,
// or YYYY-MM.
std::string PeriodOf(const std::string& date, Period by);

}  // namespace casus::query_internal
