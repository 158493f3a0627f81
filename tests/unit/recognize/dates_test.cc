#include "recognize/dates.h"

#include <gtest/gtest.h>

#include <sstream>

#include "text/tokenizer.h"

namespace casus::recognize {
namespace {

// The dates found in `sentence`, as "past/next" (next only when it differs).
std::vector<std::string> Dates(const std::string& sentence, int article) {
  std::vector<text::Token> toks;
  text::Tokenize(sentence, 0, &toks);
  std::vector<std::string> words;
  std::string norm;
  for (const auto& t : toks) {
    text::NormalizeToken(std::string_view(sentence).substr(t.start, t.end - t.start), &norm);
    words.push_back(norm);
  }
  std::vector<DateMention> found;
  FindDates(words, article, &found);
  std::vector<std::string> out;
  for (const auto& d : found)
    out.push_back(d.past == d.next ? std::to_string(d.past)
                                   : std::to_string(d.past) + "/" + std::to_string(d.next));
  return out;
}

using V = std::vector<std::string>;

TEST(DatesTest, Weekdays) {
  EXPECT_EQ(Weekday(20250224), 0);  // a Monday
  EXPECT_EQ(Weekday(20250302), 6);  // a Sunday
  // Article on Thursday 2025-02-13: "on Wednesday" is the day before, or the next one.
  EXPECT_EQ(Dates("Trump spoke with Putin on Wednesday.", 20250213), V{"20250212/20250219"});
  // The same weekday as the article is the article date.
  EXPECT_EQ(Dates("They met on Monday.", 20250324), V{"20250324"});
  EXPECT_EQ(Dates("They will meet next Tuesday.", 20260422), V{"20260428"});
  EXPECT_EQ(Dates("They met last Tuesday.", 20260428), V{"20260421"});
}

TEST(DatesTest, RelativeDays) {
  EXPECT_EQ(Dates("They met in Riyadh yesterday.", 20250219), V{"20250218"});
  EXPECT_EQ(Dates("Two days ago, forces killed 72 people.", 20250627), V{"20250625"});
  EXPECT_EQ(Dates("Last week, the SBU detained a colonel.", 20250714), V{"20250707"});
  EXPECT_EQ(Dates("It happened three weeks ago.", 20250301), V{"20250208"});
  EXPECT_EQ(Dates("Yesterday's strike killed 20.", 20250407), V{"20250406"});
  EXPECT_EQ(Dates("Across the year, a day passed.", 20250407), V{});
}

TEST(DatesTest, MonthAndDay) {
  EXPECT_EQ(Dates("On Jan. 5, vessels blocked a mission.", 20250107), V{"20250105"});
  // Late December in an early-January article is last year.
  EXPECT_EQ(Dates("On Dec. 28 the talks ended.", 20250103), V{"20241228"});
  EXPECT_EQ(Dates("They met on 24 June 2024.", 20250107), V{"20240624"});
  EXPECT_EQ(Dates("They met on June 24th, 2023.", 20250107), V{"20230624"});
  // "Saturday, Jan. 3": the explicit date decides.
  EXPECT_EQ(Dates("a raid on Caracas on Saturday, Jan. 3.", 20260105), V{"20260103"});
  // "may" and "march" are dates only with a day.
  EXPECT_EQ(Dates("Troops may march on the city.", 20250107), V{});
  EXPECT_EQ(Dates("On May 9, troops paraded.", 20250512), V{"20250509"});
}

TEST(DatesTest, UnknownArticleDate) { EXPECT_EQ(Dates("They met yesterday.", 0), V{}); }

TEST(DatesTest, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(AddDays(20250301, -1), 20250228);
  EXPECT_EQ(AddDays(20240301, -1), 20240229);
  EXPECT_EQ(AddDays(20241231, 1), 20250101);
}

}  // namespace
}  // namespace casus::recognize
