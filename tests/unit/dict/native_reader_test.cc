#include <gtest/gtest.h>

#include "casus/dictionary.h"
#include "dict/compiled.h"
#include "dict/raw.h"
#include "test_util.h"

namespace casus::dict {
namespace {

std::vector<DictProblem> Problems(const std::string& text) {
  std::vector<DictProblem> problems;
  auto d = Dictionary::FromText("x.dict", text, &problems);
  EXPECT_TRUE(d.ok());
  return problems;
}

TEST(NativeReaderTest, ReadsEverySection) {
  auto d = testing::Dict(
      "[actors]\nArnor | Fornost => ARN\n"
      "[agents]\narmy | troops => MIL\n"
      "[synsets]\n&DEAL = deal | pact\n"
      "[verbs]\nverb sign => ---\n    * &DEAL => 057\nverb visit => 042:043\n"
      "[discards]\nchess tournament\n");
  EXPECT_EQ(d->num_actors(), 1u);
  EXPECT_EQ(d->num_agents(), 1u);
  EXPECT_EQ(d->num_verbs(), 2u);
  EXPECT_EQ(d->num_patterns(), 1u);
  EXPECT_EQ(d->compiled().verbs[1].paired, "043");
}

TEST(NativeReaderTest, DatedCodesPickTheRangeInForce) {
  auto d = testing::Dict(
      "[actors]\nTheoden => ROHGOV 2020-01-01..2024-12-31, ROHELI\n");
  const ActorEntry& a = d->compiled().actors[0];
  ASSERT_NE(a.CodeOn(20230101), nullptr);
  EXPECT_EQ(*a.CodeOn(20230101), "ROHGOV");
  EXPECT_EQ(*a.CodeOn(20250101), "ROHELI");
  EXPECT_EQ(*a.CodeOn(20191231), "ROHELI");
}

TEST(NativeReaderTest, OpenEndedAndCompactDates) {
  auto d = testing::Dict("[actors]\nAragorn => GONGOV 20190325.., GONELI\n");
  EXPECT_EQ(*d->compiled().actors[0].CodeOn(20260101), "GONGOV");
  EXPECT_EQ(*d->compiled().actors[0].CodeOn(20190101), "GONELI");
}

TEST(NativeReaderTest, ErrorsNameLineColumnAndQuoteTheFragment) {
  auto p = Problems("[actors]\nArnor => ARN\nGondor => gon\n[verbs]\nverb attack => 1x2\n");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].line, 3);
  EXPECT_EQ(p[0].column, 11);
  EXPECT_NE(p[0].message.find("\"gon\""), std::string::npos) << p[0].message;
  EXPECT_EQ(p[1].line, 5);
  EXPECT_NE(p[1].ToString().find("x.dict:5:16: bad CAMEO code \"1x2\""), std::string::npos)
      << p[1].ToString();
}

TEST(NativeReaderTest, BadLinesAreSkippedTheRestLoads) {
  std::vector<DictProblem> problems;
  auto d = Dictionary::FromText("x.dict",
                                "[actors]\nno arrow here\nArnor => ARN 2020-02-30..\n"
                                "Gondor => GON\n[bogus]\nRohan => ROH\n[verbs]\n  * orphan => 010\n"
                                "verb meet {met => 040\nverb x => 01:\n",
                                &problems);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value()->num_actors(), 1u);  // only Gondor
  EXPECT_EQ(problems.size(), 7u);
  for (const auto& p : problems) EXPECT_GT(p.line, 0) << p.ToString();
}

TEST(NativeReaderTest, UnknownSynsetIsReported) {
  auto p = Problems("[verbs]\nverb sign => ---\n    * &NOPE => 057\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].message.find("&NOPE"), std::string::npos);
}

TEST(NativeReaderTest, InvalidUtf8LineIsReportedAndSkipped) {
  std::vector<DictProblem> problems;
  auto d = Dictionary::FromText("x.dict", "[actors]\nAr\xffnor => ARN\nGondor => GON\n", &problems);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(d.value()->num_actors(), 1u);
}

TEST(NativeReaderTest, RegularVerbForms) {
  EXPECT_EQ(RegularVerbForms("condemn"),
            (std::vector<std::string>{"condemn", "condemns", "condemned", "condemning"}));
  EXPECT_EQ(RegularVerbForms("agree"),
            (std::vector<std::string>{"agree", "agrees", "agreed", "agreeing"}));
  EXPECT_EQ(RegularVerbForms("deny"),
            (std::vector<std::string>{"deny", "denies", "denied", "denying"}));
  EXPECT_EQ(RegularVerbForms("ban"), (std::vector<std::string>{"ban", "bans", "banned", "banning"}));
  EXPECT_EQ(RegularVerbForms("visit"),
            (std::vector<std::string>{"visit", "visits", "visited", "visiting"}));
  EXPECT_EQ(RegularVerbForms("reach"),
            (std::vector<std::string>{"reach", "reaches", "reached", "reaching"}));
  EXPECT_EQ(RegularVerbForms("urge"), (std::vector<std::string>{"urge", "urges", "urged", "urging"}));
}

TEST(NativeReaderTest, ActorCodeShapes) {
  EXPECT_TRUE(ValidActorCode("USA"));
  EXPECT_TRUE(ValidActorCode("USAGOV"));
  EXPECT_TRUE(ValidActorCode("---GOV"));
  EXPECT_FALSE(ValidActorCode("US"));
  EXPECT_FALSE(ValidActorCode("USAG"));
  EXPECT_FALSE(ValidActorCode("usa"));
}

TEST(NativeReaderTest, TheBundledDictionariesLoadWithoutProblems) {
  std::vector<DictProblem> problems;
  auto d = Dictionary::LoadFolder(CASUS_SOURCE_DIR "/data/dict", &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();
  EXPECT_GT(d.value()->num_actors(), 500u);
  EXPECT_GT(d.value()->num_verbs(), 200u);
}

}  // namespace
}  // namespace casus::dict
