#include "recognize/recognizer.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace casus::recognize {
namespace {

struct Analysed {
  std::vector<text::Token> toks;
  std::vector<uint32_t> ids;
  std::vector<Mention> mentions;
  std::vector<VerbCandidate> verbs;
};

Analysed Analyse(const dict::Compiled& c, std::string_view s) {
  Analysed a;
  text::Tokenize(s, 0, &a.toks);
  std::string norm;
  for (const auto& t : a.toks) {
    text::NormalizeToken(s.substr(t.start, t.end - t.start), &norm);
    a.ids.push_back(c.Lookup(norm));
  }
  Recognizer(c).Recognize(s, a.toks, a.ids, &a.mentions, &a.verbs);
  return a;
}

const char* kDict =
    "[actors]\nUnited States | U.S. | =US => USA\nUnited States Army => USAMIL\n"
    "North Korea => PRK\n[agents]\nmilitary | army => MIL\n"
    "[verbs]\nverb attack => 190\n";

TEST(RecognizerTest, LongestMatchWins) {
  auto d = testing::Dict(kDict);
  auto a = Analyse(d->compiled(), "The United States Army attacked North Korea");
  ASSERT_EQ(a.mentions.size(), 2u);
  EXPECT_EQ(a.mentions[0].begin, 1u);
  EXPECT_EQ(a.mentions[0].end, 4u);
  EXPECT_EQ(d->compiled().actors[a.mentions[0].entry].codes[0].code, "USAMIL");
  EXPECT_EQ(a.mentions[1].begin, 5u);
  ASSERT_EQ(a.verbs.size(), 1u);
  EXPECT_EQ(a.verbs[0].token, 4u);
}

TEST(RecognizerTest, CaseSensitivePhrases) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(Analyse(d->compiled(), "US troops").mentions.size(), 1u);
  EXPECT_EQ(Analyse(d->compiled(), "they told us").mentions.size(), 0u);
  EXPECT_EQ(Analyse(d->compiled(), "the u.s. army").mentions.size(), 2u);  // case-insensitive forms
}

TEST(RecognizerTest, DiscardPhrases) {
  auto d = testing::Dict("[actors]\nArnor => ARN\n[discards]\nchess tournament\n");
  std::string s = "Arnor won the chess tournament";
  Analysed a = Analyse(d->compiled(), s);
  EXPECT_TRUE(Recognizer(d->compiled()).Discarded(s, a.toks, a.ids));
  std::string s2 = "Arnor won the tournament";
  Analysed b = Analyse(d->compiled(), s2);
  EXPECT_FALSE(Recognizer(d->compiled()).Discarded(s2, b.toks, b.ids));
}

}  // namespace
}  // namespace casus::recognize
