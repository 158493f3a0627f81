#include "syntax/eval.h"

#include <gtest/gtest.h>

namespace casus::syntax {
namespace {

std::vector<ConlluSentence> Parse(const char* text) {
  std::vector<ConlluSentence> s;
  std::vector<ConlluProblem> problems;
  ParseConllu(text, "t", &s, &problems);
  EXPECT_TRUE(problems.empty());
  return s;
}

const char* kGold =
    "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
    "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tOK\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "\n";

TEST(EvalTest, IdenticalFilesScorePerfectly) {
  auto g = Parse(kGold);
  SyntaxScores s;
  ASSERT_TRUE(EvaluateSyntax(g, g, &s).ok());
  EXPECT_DOUBLE_EQ(s.tokens.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.sentences.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.words.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.las.f1(), 1.0);
  EXPECT_EQ(s.tokens.gold, 4);  // don't, go, ., OK
}

TEST(EvalTest, AlignsDifferentTokenizationAndSentences) {
  // The system splits "don't" without a multiword token, merges the two
  // sentences and attaches "." wrongly.
  const char* sys =
      "1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\tSpaceAfter=No\n"
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
      "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n"
      "5\tOK\tok\tINTJ\tUH\t_\t3\tparataxis\t_\t_\n"
      "\n";
  auto g = Parse(kGold);
  auto s = Parse(sys);
  SyntaxScores r;
  ASSERT_TRUE(EvaluateSyntax(g, s, &r).ok());
  EXPECT_EQ(r.tokens.gold, 4);
  EXPECT_EQ(r.tokens.system, 5);
  EXPECT_EQ(r.tokens.correct, 3);  // go . OK
  EXPECT_EQ(r.sentences.correct, 0);
  EXPECT_EQ(r.upos.correct, 3);    // go . OK aligned; do/n't not (different token)
  EXPECT_EQ(r.uas.correct, 1);     // go (root)
}

TEST(EvalTest, RejectsDifferentTexts) {
  auto g = Parse(kGold);
  auto s = Parse("1\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n");
  SyntaxScores r;
  Status st = EvaluateSyntax(g, s, &r);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace casus::syntax
