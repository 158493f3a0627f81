// Date expressions in news sentences, resolved against the article date.
//
//   "yesterday", "today", "tomorrow", "last night", "overnight"
//   "two days ago", "a week ago", "three weeks ago", "last week", "next week"
//   "(on|late on|early) Monday", "last Tuesday", "next Tuesday", "this Friday"
//   "Jan. 5", "January 5", "5 January", "Jan. 5, 2025", "on Saturday, Jan. 3"
//
// A weekday alone is ambiguous in news: "met on Monday" is the last Monday,
// "will meet on Monday" the next one. Both readings are returned; the coder
// picks by the event's mode. A month and day without a year take the year
// that puts the date nearest the article date, preferring the past.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace casus::recognize {

struct DateMention {
  uint32_t begin = 0, end = 0;  // token range [begin, end) in the sentence
  int past = 0;                 // YYYYMMDD: the reading for past and present events
  int next = 0;                 // YYYYMMDD: the reading for future events (== past unless a weekday)
};

// Finds the date expressions of one sentence. `words` are its tokens
// normalised (text::NormalizeToken: lower case, ASCII quotes); `article` is
// the article date as YYYYMMDD (0 when unknown: nothing is found).
void FindDates(const std::vector<std::string>& words, int article,
               std::vector<DateMention>* out);

// YYYYMMDD plus n days (n may be negative).
int AddDays(int yyyymmdd, int n);

// 0 = Monday ... 6 = Sunday.
int Weekday(int yyyymmdd);

}  // namespace casus::recognize
