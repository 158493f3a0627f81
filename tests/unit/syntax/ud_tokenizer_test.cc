#include "syntax/ud_tokenizer.h"

#include <gtest/gtest.h>

namespace casus::syntax {
namespace {

std::vector<std::string> Surface(std::string_view text, const UdSentence& s) {
  std::vector<std::string> out;
  for (const UdToken& t : s.tokens) {
    std::string x(text.substr(t.start, t.end - t.start));
    if (t.words.size() > 1) {
      x += "=";
      for (size_t i = 0; i < t.words.size(); ++i) x += (i ? "+" : "") + t.words[i];
    }
    out.push_back(x);
  }
  return out;
}

TEST(UdTokenizerTest, CliticsAreMultiwordTokens) {
  std::string text = "I don't think Iran's army can't win. They're sure I'm right, and we cannot stop.";
  std::vector<UdSentence> s;
  UdTokenize(text, &s);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(Surface(text, s[0]),
            (std::vector<std::string>{"I", "don't=do+n't", "think", "Iran's=Iran+'s", "army",
                                      "can't=ca+n't", "win", "."}));
  EXPECT_EQ(Surface(text, s[1]),
            (std::vector<std::string>{"They're=They+'re", "sure", "I'm=I+'m", "right", ",", "and",
                                      "we", "cannot=can+not", "stop", "."}));
  EXPECT_FALSE(s[0].tokens[6].space_after);  // "win" before "."
  EXPECT_TRUE(s[0].tokens[0].space_after);
}

TEST(UdTokenizerTest, HyphensSplitExceptAfterPrefixes) {
  std::string text = "The cease-fire by e-mail was non-binding and re-elected a two-year-old.";
  std::vector<UdSentence> s;
  UdTokenize(text, &s);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Surface(text, s[0]),
            (std::vector<std::string>{"The", "cease", "-", "fire", "by", "e-mail", "was",
                                      "non-binding", "and", "re-elected", "a", "two", "-", "year",
                                      "-", "old", "."}));
}

TEST(UdTokenizerTest, OffsetsPointIntoTheText) {
  std::string text = "  Gen. Smith arrived.\n\nHe left on Jan. 5.";
  std::vector<UdSentence> s;
  UdTokenize(text, &s);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(text.substr(s[0].start, s[0].end - s[0].start), "Gen. Smith arrived.");
  EXPECT_EQ(Surface(text, s[1]),
            (std::vector<std::string>{"He", "left", "on", "Jan.", "5", "."}));
}

}  // namespace
}  // namespace casus::syntax
