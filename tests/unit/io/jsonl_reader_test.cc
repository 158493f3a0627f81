#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "casus/reader.h"

namespace casus {
namespace {

std::string TempFile(const std::string& name, const std::string& content) {
  auto p = std::filesystem::temp_directory_path() / ("casus_io_test_" + name);
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

struct ReadAll {
  std::vector<Document> docs;
  std::vector<InputProblem> problems;
};

ReadAll Read(const std::string& path, ReaderOptions o = {}) {
  ReadAll r;
  auto reader = ArticleReader::OpenJsonl(path, o);
  EXPECT_TRUE(reader.ok());
  Document d;
  InputProblem p;
  while (true) {
    auto n = reader.value()->Read(&d, &p);
    if (n == ArticleReader::Next::kEnd) break;
    if (n == ArticleReader::Next::kDocument) r.docs.push_back(d);
    else r.problems.push_back(p);
  }
  return r;
}

TEST(JsonlReaderTest, ReadsArticlesAndKeepsExtraKeys) {
  auto path = TempFile("ok.jsonl",
                       "{\"id\":\"a\",\"date\":\"2025-01-02\",\"title\":\"T\",\"text\":\"Hi.\","
                       "\"source\":\"S\",\"url\":\"u\",\"lang\":\"en\",\"n\":[1,2]}\n\n"
                       "{\"id\":7,\"date\":\"20250103\",\"text\":\"Two.\"}\n");
  ReadAll r = Read(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[0].title, "T");
  EXPECT_EQ(r.docs[0].extra_json, "{\"lang\":\"en\",\"n\":[1,2]}");
  EXPECT_EQ(r.docs[1].id, "7");
  EXPECT_EQ(r.docs[1].date, "2025-01-03");
}

TEST(JsonlReaderTest, BadRecordsAreReportedWithLineAndSkipped) {
  auto path = TempFile("bad.jsonl",
                       "{\"id\":\"a\",\"date\":\"2025-01-02\",\"text\":\"ok\"}\n"
                       "{broken json\n"
                       "{\"id\":\"b\",\"date\":\"2025-01-02\"}\n"
                       "{\"id\":\"c\",\"text\":\"no date\"}\n"
                       "{\"id\":\"d\",\"date\":\"2025-02-30\",\"text\":\"bad date\"}\n"
                       "{\"id\":\"e\",\"date\":\"2025-01-02\",\"text\":\"bad \xff utf8\"}\n"
                       "[1,2]\n"
                       "{\"id\":\"f\",\"date\":\"2025-01-02\",\"text\":\"last\"}\n");
  ReadAll r = Read(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[1].id, "f");
  ASSERT_EQ(r.problems.size(), 6u);
  EXPECT_EQ(r.problems[0].line, 2);
  EXPECT_NE(r.problems[0].message.find("broken JSON"), std::string::npos);
  EXPECT_NE(r.problems[1].message.find("missing \"text\""), std::string::npos);
  EXPECT_NE(r.problems[2].message.find("missing \"date\""), std::string::npos);
  EXPECT_NE(r.problems[3].message.find("bad date"), std::string::npos);
  EXPECT_NE(r.problems[4].message.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(r.problems[5].line, 7);
  EXPECT_NE(r.problems[0].ToString().find(path + ":2: "), std::string::npos);
}

TEST(JsonlReaderTest, DefaultDateFillsMissingDates) {
  auto path = TempFile("nodate.jsonl", "{\"id\":\"c\",\"text\":\"no date\"}\n");
  ReaderOptions o;
  o.default_date = "2024-05-06";
  ReadAll r = Read(path, o);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, "2024-05-06");
}

TEST(JsonlReaderTest, OverlongLineIsSkippedAndReadingGoesOn) {
  std::string big = "{\"id\":\"big\",\"date\":\"2025-01-02\",\"text\":\"" +
                    std::string(3u << 20, 'a') + "\"}\n";
  auto path = TempFile("long.jsonl",
                       big + "{\"id\":\"after\",\"date\":\"2025-01-02\",\"text\":\"x\"}");
  ReaderOptions o;
  o.max_line_bytes = 1u << 20;
  ReadAll r = Read(path, o);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 1);
  EXPECT_NE(r.problems[0].message.find("over the limit"), std::string::npos);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "after");  // last line without a newline
}

TEST(JsonlReaderTest, EmptyInputAndMissingFile) {
  ReadAll r = Read(TempFile("empty.jsonl", ""));
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(r.problems.empty());
  auto missing = ArticleReader::OpenJsonl("/nonexistent/x.jsonl", {});
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/x.jsonl"), std::string::npos);
}

TEST(TextReaderTest, PlainTextNeedsADate) {
  auto path = TempFile("story.txt", "Arnor attacked Gondor.\n");
  EXPECT_FALSE(ArticleReader::OpenText(path, {}).ok());
  ReaderOptions o;
  o.default_date = "2025-01-02";
  auto r = ArticleReader::OpenText(path, o);
  ASSERT_TRUE(r.ok());
  Document d;
  InputProblem p;
  ASSERT_EQ(r.value()->Read(&d, &p), ArticleReader::Next::kDocument);
  EXPECT_EQ(d.id, "casus_io_test_story");
  EXPECT_EQ(d.date, "2025-01-02");
  EXPECT_EQ(r.value()->Read(&d, &p), ArticleReader::Next::kEnd);
}

}  // namespace
}  // namespace casus
