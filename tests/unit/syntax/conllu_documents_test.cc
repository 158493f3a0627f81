#include "syntax/conllu_documents.h"

#include <gtest/gtest.h>

#include "casus/pipeline.h"
#include "test_util.h"

namespace casus::syntax {
namespace {

// Two documents; the second has a multiword token and a date comment.
const char* kConllu =
    "# newdoc id = d1\n"
    "# text = Rohan attacked Mordor.\n"
    "1\tRohan\tRohan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tMordor\tMordor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# date = 2024-12-30\n"
    "1\tIran\tIran\tPROPN\tNNP\t_\t8\tnsubj\t_\tSpaceAfter=No\n"
    "2\t,\t,\tPUNCT\t,\t_\t6\tpunct\t_\t_\n"
    "3-4\tBritain's\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tBritain\tBritain\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_\n"
    "4\t's\t's\tPART\tPOS\t_\t3\tcase\t_\t_\n"
    "5\tmain\tmain\tADJ\tJJ\t_\t6\tamod\t_\t_\n"
    "6\tfoe\tfoe\tNOUN\tNN\t_\t1\tappos\t_\tSpaceAfter=No\n"
    "7\t,\t,\tPUNCT\t,\t_\t8\tpunct\t_\t_\n"
    "8\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "9\tFrance\tFrance\tPROPN\tNNP\t_\t8\tobj\t_\tSpaceAfter=No\n"
    "10\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_\n"
    "\n";

std::vector<Document> Read(const char* text, const std::string& date,
                           std::vector<InputProblem>* problems) {
  std::vector<ConlluSentence> sents;
  ParseConllu(text, "t.conllu", &sents, nullptr);
  std::vector<Document> docs;
  ConlluToDocuments(sents, "t.conllu", date, &docs, problems);
  return docs;
}

TEST(ConlluDocumentsTest, DocumentsWordsAndHeads) {
  std::vector<InputProblem> problems;
  auto docs = Read(kConllu, "2025-03-04", &problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "d1");
  EXPECT_EQ(docs[0].date, "2025-03-04");
  EXPECT_EQ(docs[0].text, "Rohan attacked Mordor.");
  ASSERT_EQ(docs[0].words.size(), 4u);
  EXPECT_EQ(docs[0].words[2].start, 15u);
  EXPECT_EQ(docs[0].words[2].end, 21u);
  EXPECT_EQ(docs[0].words[2].head, 1);  // "attacked"
  EXPECT_EQ(docs[0].words[1].head, -1);  // the root
  EXPECT_EQ(docs[0].words[2].deprel, "obj");
  // The text rebuilt from the forms; the multiword token's words share its surface.
  EXPECT_EQ(docs[1].date, "2024-12-30");
  EXPECT_EQ(docs[1].text, "Iran, Britain's main foe, attacked France.");
  ASSERT_EQ(docs[1].words.size(), 10u);
  EXPECT_EQ(docs[1].text.substr(docs[1].words[2].start, 7), "Britain");
  EXPECT_EQ(docs[1].text.substr(docs[1].words[3].start, 2), "'s");
}

TEST(ConlluDocumentsTest, ADocumentWithoutADateIsReported) {
  std::vector<InputProblem> problems;
  auto docs = Read(kConllu, "", &problems);
  ASSERT_EQ(docs.size(), 1u);  // d2 has its own date
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].ToString().find("t.conllu:1: document \"d1\" has no valid date"),
            std::string::npos)
      << problems[0].ToString();
}

TEST(ConlluDocumentsTest, TheCoderTakesRolesFromTheGivenParse) {
  const char* dict = R"(
[actors]
Britain => GBR
France => FRA
Iran => IRN
[verbs]
verb attack => 190
)";
  auto d = testing::Dict(dict);
  std::vector<InputProblem> problems;
  auto docs = Read(kConllu, "2025-03-04", &problems);
  ASSERT_EQ(docs.size(), 2u);
  Pipeline p(d, {});
  Coder c = p.NewCoder();
  std::vector<Event> events;
  c.Code(docs[1], nullptr, &events);
  ASSERT_EQ(events.size(), 1u);
  // The apposition misleads the position rule ("Britain ... attacked"); the
  // parse's subject is Iran.
  EXPECT_EQ(events[0].source + " " + events[0].target, "IRN FRA");
  Document plain = docs[1];
  plain.words.clear();
  events.clear();
  c.Code(plain, nullptr, &events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].source + " " + events[0].target, "GBR FRA");
}

}  // namespace
}  // namespace casus::syntax
