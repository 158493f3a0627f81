#include "store/window.h"

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

}  // namespace casus
