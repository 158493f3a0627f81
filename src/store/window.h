// Deduplication windows: the fixed run of days that holds a date. Shared by
// the store (which writes dedup_events) and the query engine.
#pragma once

#include <string>
#include <string_view>

namespace casus {

// YYYYMMDD of a day count since 1970-01-01 (inverse of DaysFromDate).
int DateFromDays(int days);

// Sets [*start, *end] (YYYY-MM-DD) to the window of `days` days that holds
// `date`. Windows are counted from Monday 1970-01-05, so 7-day windows are
// ISO weeks. With days <= 1, or a date that does not parse, both are `date`.
void WindowOf(const std::string& date, int days, std::string* start, std::string* end);

// The month bucket of a date, YYYYMM (202503 for "2025-03-14"): the first
// column of the dyad and target indexes, so that a commit's inserts land in
// the few index pages of the current months (docs/storage.md). The same as
// the SQL expression kMonthSql applied to the date; 0 for text too short.
int MonthOf(std::string_view date);

// MonthOf in SQL, with %s standing for the date column.
inline constexpr const char* kMonthSql =
    "(CAST(substr(%s, 1, 4) AS INTEGER) * 100 + CAST(substr(%s, 6, 2) AS INTEGER))";

}  // namespace casus
