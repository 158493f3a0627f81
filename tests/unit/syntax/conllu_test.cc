#include "syntax/conllu.h"

#include <gtest/gtest.h>

#include <string>

#include "syntax/shuffle.h"

namespace casus::syntax {
namespace {

const char* kGood =
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "3.1\tknows\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

TEST(ConlluTest, ReadsWordsMultiwordTokensAndEmptyNodes) {
  std::vector<ConlluSentence> s;
  std::vector<ConlluProblem> problems;
  ParseConllu(kGood, "good.conllu", &s, &problems);
  ASSERT_TRUE(problems.empty()) << problems[0].ToString();
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].words.size(), 5u);
  EXPECT_EQ(s[0].Comment("sent_id"), "s1");
  EXPECT_EQ(s[0].words[3].form, "know");
  EXPECT_EQ(s[0].words[3].head, 0);
  EXPECT_FALSE(s[0].words[3].space_after);
  ASSERT_EQ(s[0].extra.size(), 2u);
  EXPECT_TRUE(s[0].extra[0].multiword);
  EXPECT_EQ(s[0].extra[0].before, 1u);
  EXPECT_FALSE(s[0].extra[1].multiword);
  EXPECT_EQ(s[0].extra[1].before, 3u);
  EXPECT_EQ(SentenceText(s[0]), "I don't know.");
}

TEST(ConlluTest, WriteRoundTrips) {
  std::vector<ConlluSentence> s;
  ParseConllu(kGood, "good.conllu", &s, nullptr);
  std::string out;
  WriteConllu(s[0], &out);
  EXPECT_EQ(out, kGood);
}

TEST(ConlluTest, ReportsFileAndLineAndSkipsBadSentences) {
  const char* bad =
      "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
      "2\tdog\tdog\tNOUN\tNN\t_\t0\n"  // 7 columns
      "\n"
      "1\tOK\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "\n"
      "1\tHi\thi\tINTJ\tUH\t_\tx\troot\t_\t_\n"  // bad head: kept, heads ignored
      "\n"
      "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "3\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n"  // ID jumps
      "\n"
      "1\tHi\thi\tINTJ\tUH\t_\t7\troot\t_\t_\n";  // head out of range, no final blank
  std::vector<ConlluSentence> s;
  std::vector<ConlluProblem> problems;
  ParseConllu(bad, "bad.conllu", &s, &problems);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].words[0].form, "OK");
  EXPECT_EQ(s[1].words[0].head, -1);
  EXPECT_EQ(s[2].words[0].head, -1);
  ASSERT_GE(problems.size(), 4u);
  EXPECT_EQ(problems[0].ToString().substr(0, 13), "bad.conllu:2:");
  EXPECT_EQ(problems[1].line, 6);
  EXPECT_EQ(problems[2].line, 9);
}

TEST(ConlluTest, NeverCrashesOnGarbage) {
  // A cheap in-test fuzzer: mutations of a valid file and random bytes.
  SplitMix rng(42);
  std::string base(kGood);
  const char alphabet[] = "\t\n\r 0123456789-._#=|abcXY\xe2\x80\x99";
  for (int iter = 0; iter < 3000; ++iter) {
    std::string t = base + base;
    int edits = 1 + static_cast<int>(rng.Below(12));
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng.Below(t.size() + 1);
      switch (rng.Below(3)) {
        case 0: if (pos < t.size()) t.erase(pos, 1 + rng.Below(4)); break;
        case 1: t.insert(pos, 1, alphabet[rng.Below(sizeof alphabet - 1)]); break;
        default: if (pos < t.size()) t[pos] = static_cast<char>(rng.Below(256)); break;
      }
    }
    std::vector<ConlluSentence> s;
    std::vector<ConlluProblem> problems;
    ParseConllu(t, "fuzz", &s, &problems);
    for (const ConlluSentence& x : s) {
      for (const ConlluWord& w : x.words) {
        EXPECT_GE(w.head, -1);
        EXPECT_LE(w.head, static_cast<int>(x.words.size()));
      }
      std::string out;
      WriteConllu(x, &out);
      (void)SentenceText(x);
    }
  }
}

}  // namespace
}  // namespace casus::syntax
