#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace casus::text {
namespace {

std::vector<std::string> Split(std::string_view s) {
  std::vector<SentenceRange> r;
  SplitSentences(s, &r);
  std::vector<std::string> out;
  for (const auto& x : r) out.emplace_back(s.substr(x.start, x.end - x.start));
  return out;
}

TEST(SentenceSplitterTest, SplitsOnTerminalPunctuation) {
  EXPECT_EQ(Split("Russia attacked. Ukraine replied! Why? Nobody knows."),
            (std::vector<std::string>{"Russia attacked.", "Ukraine replied!", "Why?",
                                      "Nobody knows."}));
}

TEST(SentenceSplitterTest, AbbreviationsDoNotSplit) {
  EXPECT_EQ(Split("Gen. Smith met Dr. Jones on Jan. 5 in the U.S. capital. They talked."),
            (std::vector<std::string>{"Gen. Smith met Dr. Jones on Jan. 5 in the U.S. capital.",
                                      "They talked."}));
}

TEST(SentenceSplitterTest, InitialsAndDecimals) {
  EXPECT_EQ(Split("J. R. Smith said growth was 3.5 percent. Markets rose."),
            (std::vector<std::string>{"J. R. Smith said growth was 3.5 percent.",
                                      "Markets rose."}));
}

TEST(SentenceSplitterTest, AcronymAtSentenceEndBeforeOpener) {
  EXPECT_EQ(Split("Sanctions were imposed by the U.S. The EU followed."),
            (std::vector<std::string>{"Sanctions were imposed by the U.S.", "The EU followed."}));
  EXPECT_EQ(Split("The U.S. President spoke."),
            (std::vector<std::string>{"The U.S. President spoke."}));
}

TEST(SentenceSplitterTest, QuotesAndBlankLines) {
  EXPECT_EQ(Split("\"We will respond,\" he said. \"Soon.\" Then silence.\n\nNew paragraph"),
            (std::vector<std::string>{"\"We will respond,\" he said.", "\"Soon.\"",
                                      "Then silence.", "New paragraph"}));
}

TEST(SentenceSplitterTest, EmptyAndBlankText) {
  EXPECT_TRUE(Split("").empty());
  EXPECT_TRUE(Split("   \n\n  ").empty());
}

}  // namespace
}  // namespace casus::text
