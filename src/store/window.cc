#include "store/window.h"

#include <algorithm>

#include "common/date.h"

namespace casus {

namespace {
// Days since 1970-01-01 of Monday 1970-01-05.
constexpr int kWindowAnchor = 4;
}  // namespace

int DateFromDays(int z) {
  // H. Hinnant's civil_from_days.
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return y * 10000 + m * 100 + d;
}

void WindowOf(const std::string& date, int days, std::string* start, std::string* end) {
  int ymd = 0;
  if (days <= 1 || !ParseDate(date, &ymd)) {
    *start = *end = date;
    return;
  }
  int n = DaysFromDate(ymd) - kWindowAnchor;
  int first = n >= 0 ? n / days * days : -((-n + days - 1) / days) * days;
  *start = FormatDate(DateFromDays(first + kWindowAnchor));
  *end = FormatDate(DateFromDays(first + kWindowAnchor + days - 1));
}

namespace {

// SQLite's CAST(text AS INTEGER): an optional sign and the leading digits;
// 0 when there are none.
int CastInt(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  int v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
  return neg ? -v : v;
}

}  // namespace

int MonthOf(std::string_view date) {
  // substr(d, 1, 4) and substr(d, 6, 2), in bytes (dates are ASCII).
  std::string_view y = date.substr(0, std::min<size_t>(4, date.size()));
  std::string_view m = date.size() > 5 ? date.substr(5, 2) : std::string_view();
  return CastInt(y) * 100 + CastInt(m);
}

}  // namespace casus
