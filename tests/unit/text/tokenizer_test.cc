#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace casus::text {
namespace {

std::vector<std::string> Toks(std::string_view s) {
  std::vector<Token> t;
  Tokenize(s, 0, &t);
  std::vector<std::string> out;
  for (const Token& k : t) out.emplace_back(s.substr(k.start, k.end - k.start));
  return out;
}

TEST(TokenizerTest, AcronymsAbbreviationsAndInitials) {
  EXPECT_EQ(Toks("U.S. Gen. J. Smith met Mr. Lee"),
            (std::vector<std::string>{"U.S.", "Gen.", "J.", "Smith", "met", "Mr.", "Lee"}));
  EXPECT_EQ(Toks("the U.N. said."), (std::vector<std::string>{"the", "U.N.", "said", "."}));
}

TEST(TokenizerTest, NumbersKeepInternalPunctuation) {
  EXPECT_EQ(Toks("rose 3.5 percent to 1,000 troops."),
            (std::vector<std::string>{"rose", "3.5", "percent", "to", "1,000", "troops", "."}));
}

TEST(TokenizerTest, CliticsAndHyphens) {
  EXPECT_EQ(Toks("Iran's cease-fire didn't hold"),
            (std::vector<std::string>{"Iran", "'s", "cease", "-", "fire", "did", "n't", "hold"}));
  EXPECT_EQ(Toks("Iran\xE2\x80\x99s"), (std::vector<std::string>{"Iran", "\xE2\x80\x99s"}));
  EXPECT_EQ(Toks("Cote d'Ivoire"), (std::vector<std::string>{"Cote", "d'Ivoire"}));
}

TEST(TokenizerTest, ByteOffsetsAreShiftedByBase) {
  std::vector<Token> t;
  Tokenize("Kyiv \xE2\x80\x94 Moscow", 100, &t);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].start, 100u);
  EXPECT_EQ(t[0].end, 104u);
  EXPECT_EQ(t[1].start, 105u);  // the em dash is one 3-byte token
  EXPECT_EQ(t[1].end, 108u);
  EXPECT_FALSE(t[1].word);
  EXPECT_EQ(t[2].start, 109u);
  EXPECT_TRUE(t[2].capitalized);
}

TEST(TokenizerTest, NormalizeFoldsCaseQuotesAndDashes) {
  std::string out;
  NormalizeToken("WASHINGTON", &out);
  EXPECT_EQ(out, "washington");
  NormalizeToken("\xE2\x80\x99s", &out);
  EXPECT_EQ(out, "'s");
  NormalizeToken("\xE2\x80\x93", &out);
  EXPECT_EQ(out, "-");
}

TEST(TokenizerTest, NonAsciiLettersStayInWords) {
  EXPECT_EQ(Toks("Erdoğan visited Türkiye"),
            (std::vector<std::string>{"Erdoğan", "visited", "Türkiye"}));
}

}  // namespace
}  // namespace casus::text
