// Loads the committed models (models/) and checks a few analyses that the
// coder relies on: subjects, objects, passive agents, lemmas, and that
// workers on several threads agree.
#include <gtest/gtest.h>

#include <thread>

#include "casus/syntax.h"

namespace casus::syntax {
namespace {

std::shared_ptr<const Analyzer> Models() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto r = Analyzer::Load(std::string(CASUS_SOURCE_DIR) + "/models");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : nullptr;
  }();
  return a;
}

TEST(ModelsTest, SubjectVerbObject) {
  auto a = Models();
  ASSERT_TRUE(a);
  Worker w = a->NewWorker();
  std::vector<TokenAnalysis> out;
  w.Analyze({"Rebels", "shot", "two", "soldiers", "in", "the", "capital", "."}, &out);
  ASSERT_EQ(out.size(), 8u);
  EXPECT_EQ(out[1].upos, "VERB");
  EXPECT_EQ(out[1].lemma, "shoot");
  EXPECT_EQ(out[1].head, 0);
  EXPECT_EQ(out[1].deprel, "root");
  EXPECT_EQ(out[0].head, 2);
  EXPECT_EQ(out[0].deprel, "nsubj");
  EXPECT_EQ(out[3].head, 2);
  EXPECT_EQ(out[3].deprel, "obj");
  EXPECT_EQ(out[3].lemma, "soldier");
  // "in the capital": either reading is a valid UD analysis.
  EXPECT_TRUE((out[6].head == 2 && out[6].deprel == "obl") ||
              (out[6].head == 4 && out[6].deprel == "nmod"))
      << out[6].head << " " << out[6].deprel;
  EXPECT_EQ(out[4].deprel, "case");
  EXPECT_EQ(out[4].head, 7);
}

TEST(ModelsTest, PassiveAgentAndIrregularLemmas) {
  auto a = Models();
  ASSERT_TRUE(a);
  Worker w = a->NewWorker();
  std::vector<TokenAnalysis> out;
  w.Analyze({"The", "protesters", "were", "struck", "by", "police", "."}, &out);
  ASSERT_EQ(out.size(), 7u);
  EXPECT_EQ(out[3].lemma, "strike");
  EXPECT_EQ(out[1].deprel, "nsubj:pass");
  EXPECT_EQ(out[1].head, 4);
  EXPECT_EQ(out[2].deprel, "aux:pass");
  EXPECT_EQ(out[5].deprel, "obl:agent");
  EXPECT_EQ(out[5].head, 4);
  w.Analyze({"Thousands", "fled", "as", "troops", "sought", "the", "leaders", "."}, &out);
  EXPECT_EQ(out[1].lemma, "flee");
  EXPECT_EQ(out[4].lemma, "seek");
}

TEST(ModelsTest, EmptyAndOddInput) {
  auto a = Models();
  ASSERT_TRUE(a);
  Worker w = a->NewWorker();
  std::vector<TokenAnalysis> out;
  w.Analyze(std::vector<std::string>{}, &out);
  EXPECT_TRUE(out.empty());
  w.Analyze({"\xff\xfe", "", "-", "???"}, &out);
  ASSERT_EQ(out.size(), 4u);
  int roots = 0;
  for (const TokenAnalysis& t : out) {
    roots += t.head == 0;
    EXPECT_GE(t.head, 0);
    EXPECT_LE(t.head, 4);
  }
  EXPECT_EQ(roots, 1);
}

TEST(ModelsTest, WorkersOnThreadsAgree) {
  auto a = Models();
  ASSERT_TRUE(a);
  std::vector<std::string> sent = {"Gondor", "accused", "Arnor", "of", "violating", "the",
                                   "truce", "on", "Monday", "."};
  std::vector<TokenAnalysis> ref;
  a->NewWorker().Analyze(sent, &ref);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Worker w = a->NewWorker();
      std::vector<TokenAnalysis> out;
      bool same = true;
      for (int i = 0; i < 200; ++i) {
        w.Analyze(sent, &out);
        for (size_t k = 0; k < out.size(); ++k)
          same = same && out[k].head == ref[k].head && out[k].deprel == ref[k].deprel &&
                 out[k].lemma == ref[k].lemma;
      }
      ok[t] = same;
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_TRUE(ok[t]);
}

}  // namespace
}  // namespace casus::syntax
