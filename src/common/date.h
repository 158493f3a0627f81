// Calendar dates as integers YYYYMMDD, which sort and compare correctly.
#pragma once

#include <string>
#include <string_view>

namespace casus {

// Parses "YYYY-MM-DD" or "YYYYMMDD" into YYYYMMDD. Returns false on anything
// else, including impossible dates such as 2025-02-30.
bool ParseDate(std::string_view s, int* yyyymmdd);

// Formats YYYYMMDD as "YYYY-MM-DD".
std::string FormatDate(int yyyymmdd);

// Days since 1970-01-01 for a YYYYMMDD date (proleptic Gregorian).
int DaysFromDate(int yyyymmdd);

}  // namespace casus
