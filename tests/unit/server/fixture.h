// A test database: the fictional-world articles of articles.jsonl coded with
// tests/fixtures/dicts/fictional (12 articles, 20 event mentions, 18
// deduplicated events; GONMIL->MOR 190 on 2025-03-01 is reported three times
// by two outlets).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "casus/reader.h"
#include "casus/store.h"

namespace casus::testing {

inline std::string FixturePath(const std::string& rel) {
  return std::string(CASUS_SOURCE_DIR) + "/" + rel;
}

inline std::string FreshDbPath(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() /
           ("casus_" + name + "_" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p.string();
}

inline std::vector<Document> FixtureArticles() {
  std::vector<Document> docs;
  auto r = ArticleReader::OpenJsonl(FixturePath("tests/unit/server/articles.jsonl"), {});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) return docs;
  Document d;
  InputProblem p;
  ArticleReader::Next n;
  while ((n = r.value()->Read(&d, &p)) != ArticleReader::Next::kEnd) {
    EXPECT_EQ(n, ArticleReader::Next::kDocument) << p.ToString();
    if (n == ArticleReader::Next::kDocument) docs.push_back(d);
  }
  return docs;
}

inline std::shared_ptr<const Dictionary> FictionalDict() {
  std::vector<DictProblem> problems;
  auto d = Dictionary::LoadFolder(FixturePath("tests/fixtures/dicts/fictional"), &problems);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.value();
}

// Codes `docs` into the store.
inline void CodeInto(EventStore* store, const std::vector<Document>& docs) {
  Pipeline p(FictionalDict(), {});
  Coder c = p.NewCoder();
  ASSERT_TRUE(store->Begin().ok());
  for (const Document& d : docs) {
    std::vector<Sentence> s;
    std::vector<Event> e;
    c.Code(d, &s, &e);
    Status st = store->PutDocument(d, s, e);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  Status st = store->Commit();
  ASSERT_TRUE(st.ok()) << st.ToString();
}

// Creates the fixture database at a fresh path and returns the path.
inline std::string BuildFixtureDb(const std::string& name, int window_days = 0) {
  std::string path = FreshDbPath(name);
  StoreOptions o;
  o.dedup_window_days = window_days;
  auto store = EventStore::Open(path, o);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  CodeInto(store.value().get(), FixtureArticles());
  return path;
}

}  // namespace casus::testing
