// Trains the tagger and parser on a tiny synthetic treebank (well under a
// second) and checks they learn it, that training is deterministic, and that
// the model files round-trip and reject bad headers.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "casus/syntax.h"
#include "syntax/model_files.h"
#include "unit/syntax/synthetic_treebank.h"

namespace casus::syntax {
namespace {

struct Trained {
  Tagger tagger;
  Lemmatizer lemmatizer;
  Parser parser;
};

void Train(Trained* t) {
  auto train = testing::SyntheticTreebank(300, 1);
  auto dev = testing::SyntheticTreebank(30, 2);
  TaggerOptions topt;
  topt.epochs = 3;
  ASSERT_TRUE(Tagger::Train(train, dev, topt, &t->tagger).ok());
  t->lemmatizer.Learn(train);
  ParserOptions popt;
  popt.epochs = 4;
  ASSERT_TRUE(Parser::Train(train, dev, popt, &t->parser).ok());
}

std::string TempPath(const char* name) {
  return (std::filesystem::temp_directory_path() /
          (std::string("casus_syntax_test_") + std::to_string(::getpid()) + "_" + name))
      .string();
}

TEST(TrainingTest, LearnsTheSyntheticTreebank) {
  Trained t;
  Train(&t);
  auto dev = testing::SyntheticTreebank(50, 3);
  TaggerScratch ts;
  ParserScratch ps;
  size_t words = 0, tags = 0, heads_ok = 0, labels_ok = 0;
  std::vector<int> cls, heads, labels;
  for (const ConlluSentence& s : dev) {
    std::vector<std::string_view> w, u, x;
    for (const ConlluWord& cw : s.words) w.push_back(cw.form);
    t.tagger.Tag(w, &ts, &cls);
    for (size_t i = 0; i < w.size(); ++i) {
      u.push_back(t.tagger.upos(cls[i]));
      x.push_back(t.tagger.xpos(cls[i]));
      tags += u[i] == s.words[i].upos;
    }
    t.parser.Parse(w, u, x, &ps, &heads, &labels);
    for (size_t i = 0; i < w.size(); ++i) {
      ++words;
      heads_ok += heads[i] == s.words[i].head;
      labels_ok += heads[i] == s.words[i].head && t.parser.label(labels[i]) == s.words[i].deprel;
    }
  }
  EXPECT_GE(tags, words * 99 / 100);
  EXPECT_GE(heads_ok, words * 95 / 100);
  EXPECT_GE(labels_ok, words * 95 / 100);
}

TEST(TrainingTest, IsDeterministic) {
  Trained a, b;
  Train(&a);
  Train(&b);
  BinaryWriter wa, wb;
  a.tagger.Save(&wa);
  b.tagger.Save(&wb);
  a.parser.Save(&wa);
  b.parser.Save(&wb);
  EXPECT_EQ(wa.data(), wb.data());
}

// Loading moves rows with many weights to a dense array; saving must still
// write all the weights (the same number of bytes: features may come in
// another order), and the loaded models must tag and parse the same.
TEST(TrainingTest, LoadedModelsSaveAndWorkTheSame) {
  Trained t;
  Train(&t);
  BinaryWriter tw, pw1;
  t.tagger.Save(&tw);
  t.parser.Save(&pw1);
  Tagger tagger;
  Parser parser;
  BinaryReader tr(tw.data()), pr(pw1.data());
  ASSERT_TRUE(tagger.Load(&tr));
  ASSERT_TRUE(parser.Load(&pr));
  EXPECT_TRUE(tr.at_end() && pr.at_end());
  BinaryWriter pw2;
  parser.Save(&pw2);
  EXPECT_EQ(pw1.data().size(), pw2.data().size());
  auto dev = testing::SyntheticTreebank(20, 4);
  TaggerScratch ts;
  ParserScratch ps;
  std::vector<int> c1, c2, h1, h2, l1, l2;
  for (const ConlluSentence& s : dev) {
    std::vector<std::string_view> w, u, x;
    for (const ConlluWord& cw : s.words) w.push_back(cw.form);
    t.tagger.Tag(w, &ts, &c1);
    tagger.Tag(w, &ts, &c2);
    EXPECT_EQ(c1, c2);
    for (int c : c1) {
      u.push_back(tagger.upos(c));
      x.push_back(tagger.xpos(c));
    }
    t.parser.Parse(w, u, x, &ps, &h1, &l1);
    parser.Parse(w, u, x, &ps, &h2, &l2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(l1, l2);
  }
}

// A beam parser trained globally (ParserOptions::beam > 1) learns the
// treebank, trains deterministically, is written as format 3 with its beam
// width, and parses the same after loading.
TEST(TrainingTest, BeamParserLearnsIsDeterministicAndRoundTrips) {
  auto train = testing::SyntheticTreebank(300, 1);
  auto dev = testing::SyntheticTreebank(30, 2);
  ParserOptions popt;
  popt.epochs = 4;
  popt.beam = 2;
  Parser a, b;
  ASSERT_TRUE(Parser::Train(train, dev, popt, &a).ok());
  ASSERT_TRUE(Parser::Train(train, dev, popt, &b).ok());
  EXPECT_EQ(a.beam(), 2);
  EXPECT_EQ(a.format_version(), 3u);
  BinaryWriter wa, wb;
  a.Save(&wa);
  b.Save(&wb);
  EXPECT_EQ(wa.data(), wb.data());
  const std::string pp = TempPath("beam_parser.bin");
  ASSERT_TRUE(SaveParserModel(pp, a).ok());
  Parser loaded;
  ASSERT_TRUE(LoadParserModel(pp, &loaded).ok());
  std::remove(pp.c_str());
  EXPECT_EQ(loaded.beam(), 2);
  auto test = testing::SyntheticTreebank(50, 3);
  ParserScratch ps;
  std::vector<int> h1, h2, l1, l2;
  size_t words = 0, heads_ok = 0;
  for (const ConlluSentence& s : test) {
    std::vector<std::string_view> w, u, x;
    for (const ConlluWord& cw : s.words) {
      w.push_back(cw.form);
      u.push_back(cw.upos);
      x.push_back(cw.xpos);
    }
    a.Parse(w, u, x, &ps, &h1, &l1);
    loaded.Parse(w, u, x, &ps, &h2, &l2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(l1, l2);
    for (size_t i = 0; i < w.size(); ++i) {
      ++words;
      heads_ok += h1[i] == s.words[i].head;
    }
  }
  EXPECT_GE(heads_ok, words * 95 / 100);
}

TEST(TrainingTest, ModelFilesRoundTripAndRejectBadHeaders) {
  Trained t;
  Train(&t);
  const std::string tp = TempPath("tagger.bin"), pp = TempPath("parser.bin");
  ASSERT_TRUE(SaveTaggerModel(tp, t.tagger, t.lemmatizer).ok());
  ASSERT_TRUE(SaveParserModel(pp, t.parser).ok());
  auto analyzer = Analyzer::LoadFiles(tp, pp);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Worker worker = analyzer.value()->NewWorker();
  std::vector<TokenAnalysis> out;
  worker.Analyze({"the", "rebel", "shot", "a", "soldier", "."}, &out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[2].upos, "VERB");
  EXPECT_EQ(out[2].lemma, "shoot");
  EXPECT_EQ(out[2].head, 0);
  EXPECT_EQ(out[1].head, 3);
  EXPECT_EQ(out[1].deprel, "nsubj");
  EXPECT_EQ(out[4].deprel, "obj");

  std::string data;
  ASSERT_TRUE(ReadWholeFile(tp, &data).ok());
  auto write = [](const std::string& path, const std::string& bytes) {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  };
  Tagger tg;
  Lemmatizer lm;
  // Wrong magic: a parser file given as a tagger.
  Status st = LoadTaggerModel(pp, &tg, &lm);
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("wrong magic"), std::string::npos) << st.ToString();
  // A newer format version.
  std::string newer = data;
  newer[4] = 99;
  write(tp, newer);
  st = LoadTaggerModel(tp, &tg, &lm);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("version 99"), std::string::npos) << st.ToString();
  // An older format (other feature templates, no second pass): rejected,
  // not misread.
  std::string older = data;
  older[4] = 2;
  write(tp, older);
  st = LoadTaggerModel(tp, &tg, &lm);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("version 2 is not supported"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("retrain"), std::string::npos) << st.ToString();
  std::string pdata;
  ASSERT_TRUE(ReadWholeFile(pp, &pdata).ok());
  pdata[4] = 1;
  write(pp, pdata);
  st = LoadParserModel(pp, &t.parser);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.message().find("version 1 is not supported"), std::string::npos) << st.ToString();
  // Truncated and padded files.
  for (size_t cut : {size_t(3), size_t(8), data.size() / 2, data.size() - 1}) {
    write(tp, data.substr(0, cut));
    EXPECT_FALSE(LoadTaggerModel(tp, &tg, &lm).ok()) << cut;
  }
  write(tp, data + "x");
  EXPECT_FALSE(LoadTaggerModel(tp, &tg, &lm).ok());
  // Missing file.
  EXPECT_EQ(LoadParserModel(TempPath("none.bin"), &t.parser).code(), Status::Code::kNotFound);
  std::remove(tp.c_str());
  std::remove(pp.c_str());
}

}  // namespace
}  // namespace casus::syntax
