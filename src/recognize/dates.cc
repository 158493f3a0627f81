#include "recognize/dates.h"

#include <cstdlib>

#include "common/date.h"

namespace casus::recognize {

namespace {

int DateFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2);
  return y * 10000 + m * 100 + d;
}

struct Name {
  std::string_view word;
  int value;
};

constexpr Name kWeekdays[] = {
    {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4},
    {"saturday", 5}, {"sunday", 6}, {"mon", 0}, {"tue", 1}, {"tues", 1}, {"wed", 2},
    {"thu", 3}, {"thur", 3}, {"thurs", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6}};

constexpr Name kMonths[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan.", 1}, {"feb.", 2}, {"mar.", 3}, {"apr.", 4}, {"aug.", 8},
    {"sep.", 9}, {"sept.", 9}, {"oct.", 10}, {"nov.", 11}, {"dec.", 12}, {"jan", 1},
    {"feb", 2}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
    {"oct", 10}, {"nov", 11}, {"dec", 12}};

constexpr Name kNumbers[] = {{"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3},
                             {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
                             {"eight", 8}, {"nine", 9}, {"ten", 10}, {"several", -1}};

template <size_t N>
int Find(const Name (&table)[N], std::string_view w) {
  for (const Name& n : table)
    if (n.word == w) return n.value;
  return -1;
}

// A day of the month: "5", "05", "5th", "1st", "22nd", "23rd".
int DayNumber(std::string_view w) {
  size_t i = 0;
  int v = 0;
  while (i < w.size() && i < 2 && w[i] >= '0' && w[i] <= '9') v = v * 10 + (w[i++] - '0');
  if (i == 0) return -1;
  std::string_view rest = w.substr(i);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
  return v >= 1 && v <= 31 ? v : -1;
}

int Year(std::string_view w) {
  if (w.size() != 4) return -1;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v >= 1900 && v <= 2100 ? v : -1;
}

// The month/day nearest the article date, preferring the past: a date more
// than 60 days after the article belongs to the year before.
int NearestYear(int month, int day, int article) {
  int y = article / 10000;
  int cand = 0;
  if (!ParseDate(std::to_string(y * 10000 + month * 100 + day), &cand)) return 0;
  if (DaysFromDate(cand) - DaysFromDate(article) > 60) {
    if (!ParseDate(std::to_string((y - 1) * 10000 + month * 100 + day), &cand)) return 0;
  } else if (DaysFromDate(article) - DaysFromDate(cand) > 305) {
    if (!ParseDate(std::to_string((y + 1) * 10000 + month * 100 + day), &cand)) return 0;
  }
  return cand;
}

}  // namespace

int AddDays(int yyyymmdd, int n) { return DateFromDays(DaysFromDate(yyyymmdd) + n); }

int Weekday(int yyyymmdd) {
  // 1970-01-01 was a Thursday (3).
  int d = (DaysFromDate(yyyymmdd) + 3) % 7;
  return d < 0 ? d + 7 : d;
}

void FindDates(const std::vector<std::string>& w, int article, std::vector<DateMention>* out) {
  out->clear();
  if (article == 0) return;
  const uint32_t n = uint32_t(w.size());
  auto at = [&](uint32_t i) -> std::string_view { return i < n ? std::string_view(w[i]) : ""; };
  auto add = [&](uint32_t b, uint32_t e, int past, int next) {
    if (past == 0) return;
    out->push_back(DateMention{b, e, past, next ? next : past});
  };
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view x = w[i];
    if (x == "yesterday") { add(i, i + 1, AddDays(article, -1), 0); continue; }
    if (x == "today" || x == "tonight") { add(i, i + 1, article, 0); continue; }
    if (x == "tomorrow") { add(i, i + 1, AddDays(article, 1), 0); continue; }
    if (x == "overnight") { add(i, i + 1, article, 0); continue; }
    if ((x == "last" || x == "next" || x == "this") && i + 1 < n) {
      std::string_view y = at(i + 1);
      const int sign = x == "last" ? -1 : (x == "next" ? 1 : 0);
      if (y == "night" && sign < 0) { add(i, i + 2, AddDays(article, -1), 0); ++i; continue; }
      if (y == "week" && sign != 0) { add(i, i + 2, AddDays(article, 7 * sign), 0); ++i; continue; }
      if (y == "morning" || y == "afternoon" || y == "evening") {
        if (sign == 0) { add(i, i + 2, article, 0); ++i; continue; }
      }
      int wd = Find(kWeekdays, y);
      if (wd >= 0) {
        const int today = Weekday(article);
        int back = (today - wd + 7) % 7, fwd = (wd - today + 7) % 7;
        if (sign < 0) back = back == 0 ? 7 : back;
        if (sign > 0) fwd = fwd == 0 ? 7 : fwd;
        if (sign < 0) add(i, i + 2, AddDays(article, -back), 0);
        else if (sign > 0) add(i, i + 2, AddDays(article, fwd), 0);
        else add(i, i + 2, AddDays(article, -back), AddDays(article, fwd));
        ++i;
        continue;
      }
    }
    // "two days ago", "a week ago", "three weeks ago"
    if (i + 2 < n && at(i + 2) == "ago") {
      int num = Find(kNumbers, x);
      if (num < 0) num = DayNumber(x);  // "3 days ago"
      std::string_view unit = at(i + 1);
      int per = unit == "day" || unit == "days" ? 1 : (unit == "week" || unit == "weeks" ? 7 : 0);
      if (num > 0 && per > 0) {
        add(i, i + 3, AddDays(article, -num * per), 0);
        i += 2;
        continue;
      }
    }
    // Month and day: "Jan. 5", "January 5th", "Jan. 5, 2025".
    int month = Find(kMonths, x);
    if (month > 0 && x != "may" && x != "march") {
      int day = DayNumber(at(i + 1));
      if (day > 0) {
        int e = i + 2, year = -1;
        if (at(e) == "," && Year(at(e + 1)) > 0) { year = Year(at(e + 1)); e += 2; }
        else if (Year(at(e)) > 0) { year = Year(at(e)); e += 1; }
        int date = 0;
        if (year > 0) ParseDate(std::to_string(year * 10000 + month * 100 + day), &date);
        else date = NearestYear(month, day, article);
        add(i, uint32_t(e), date, 0);
        i = uint32_t(e) - 1;
        continue;
      }
    }
    if (month > 0 && (x == "may" || x == "march")) {
      // Only with a day after them: "May 9", "March 3": verbs otherwise.
      int day = DayNumber(at(i + 1));
      if (day > 0 && (i + 2 >= n || Find(kMonths, at(i + 2)) < 0)) {
        int date = NearestYear(month, day, article);
        uint32_t e = i + 2;
        if (at(e) == "," && Year(at(e + 1)) > 0) {
          ParseDate(std::to_string(Year(at(e + 1)) * 10000 + month * 100 + day), &date);
          e += 2;
        }
        add(i, e, date, 0);
        i = e - 1;
        continue;
      }
    }
    // Day and month: "5 January", "5th of January".
    int day = DayNumber(x);
    if (day > 0) {
      uint32_t m = i + 1;
      if (at(m) == "of") ++m;
      int mon = Find(kMonths, at(m));
      if (mon > 0) {
        uint32_t e = m + 1;
        int date = 0;
        if (Year(at(e)) > 0) {
          ParseDate(std::to_string(Year(at(e)) * 10000 + mon * 100 + day), &date);
          ++e;
        } else {
          date = NearestYear(mon, day, article);
        }
        add(i, e, date, 0);
        i = e - 1;
        continue;
      }
    }
    // A weekday alone: "on Monday", "late on Sunday", "Tuesday's talks".
    int wd = Find(kWeekdays, x);
    if (wd >= 0 && x.size() > 4) {
      // "Saturday, Jan. 3": the explicit date that follows decides.
      if (at(i + 1) == "," && Find(kMonths, at(i + 2)) > 0 && DayNumber(at(i + 3)) > 0) continue;
      const int today = Weekday(article);
      const int back = (today - wd + 7) % 7, fwd = (wd - today + 7) % 7;
      add(i, i + 1, AddDays(article, -back), AddDays(article, fwd));
    }
  }
}

}  // namespace casus::recognize
