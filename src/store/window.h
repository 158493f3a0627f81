// Deduplication windows: the fixed run of days that holds a date. Shared by
// the store (which writes dedup_events) and the query engine.
#pragma once

#include <string>

namespace casus {

// YYYYMMDD of a day count since 1970-01-01 (inverse of DaysFromDate).
int DateFromDays(int days);

// Sets [*start, *end] (YYYY-MM-DD) to the window of `days` days that holds
// `date`. Windows are counted from Monday 1970-01-05, so 7-day windows are
// ISO weeks. With days <= 1, or a date that does not parse, both are `date`.
void WindowOf(const std::string& date, int days, std::string* start, std::string* end);

}  // namespace casus
