#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "casus/pipeline.h"
#include "casus/store.h"
#include "sqlite_util.h"
#include "test_util.h"

namespace casus {
namespace {

const char* kDict =
    "[actors]\nArnor => ARN\nGondor => GON\nMordor => MOR\n"
    "[verbs]\nverb attack => 190\nverb condemn => 111\n";

std::string TempDb(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("casus_store_test_" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
  return p.string();
}

void CodeAndStore(EventStore* store, const Document& doc) {
  Pipeline p(testing::Dict(kDict), {});
  Coder c = p.NewCoder();
  std::vector<Sentence> s;
  std::vector<Event> e;
  c.Code(doc, &s, &e);
  ASSERT_CASUS_OK(store->PutDocument(doc, s, e));
}

TEST(StoreTest, TitlesAreCodedAsSentencesMinusOne) {
  auto path = TempDb("titles");
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document d{"doc1", "2025-01-02", "Mordor attacked Gondor", "Arnor condemned Mordor.", "s", "u",
             "{}"};
  Pipeline p(testing::Dict(kDict), {});
  Coder c = p.NewCoder();
  std::vector<Sentence> s;
  std::vector<Event> e;
  c.Code(d, &s, &e);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].index, -1);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].sent_index, 0);
  EXPECT_EQ(e[1].sent_index, -1);
  EXPECT_EQ(e[1].source + " " + e[1].target + " " + e[1].code, "MOR GON 190");
  EXPECT_EQ(e[1].sentence, "Mordor attacked Gondor");
  // Its evidence indexes the title.
  EXPECT_EQ(e[1].target_ev.text, "Gondor");
  EXPECT_EQ(d.title.substr(e[1].target_ev.start, e[1].target_ev.end - e[1].target_ev.start),
            "Gondor");
  ASSERT_CASUS_OK(store.value()->PutDocument(d, s, e));
  store.value().reset();
  EXPECT_EQ(testing::SqlScalar(path, "SELECT count(*) FROM sentences WHERE sent_index = -1 AND "
                                     "text = 'Mordor attacked Gondor'"),
            1);
  EXPECT_EQ(testing::SqlScalar(path, "SELECT count(*) FROM events WHERE sent_index = -1"), 1);

  // Topic labels are no headlines: a breadcrumb, a title opening with a
  // year, a title that only names an event.
  for (const char* label : {"Mordor war > Mordor attacked Gondor", "2025 Mordor attacked Gondor",
                            "Mordor's attack on Gondor"}) {
    Document l = d;
    l.title = label;
    s.clear();
    e.clear();
    c.Code(l, &s, &e);
    for (const Event& ev : e) EXPECT_GE(ev.sent_index, 0) << label;
  }

  // CodingOptions::code_titles off (casus code --no-titles): the text only.
  CodingOptions o;
  o.code_titles = false;
  Pipeline p2(testing::Dict(kDict), o);
  Coder c2 = p2.NewCoder();
  s.clear();
  e.clear();
  c2.Code(d, &s, &e);
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(e.size(), 1u);
}

TEST(StoreTest, RecodingTheSameDocumentDuplicatesNothing) {
  auto path = TempDb("recode");
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document d{"doc1", "2025-01-02", "t", "Arnor attacked Gondor. Mordor condemned Arnor.", "s", "u", "{}"};
  CodeAndStore(store.value().get(), d);
  CodeAndStore(store.value().get(), d);
  auto st = store.value()->Stats(10);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st.value().articles, 1);
  EXPECT_EQ(st.value().sentences, 3);  // two of the text, one of the title "t"
  EXPECT_EQ(st.value().events, 2);
  ASSERT_EQ(st.value().by_root.size(), 2u);
  EXPECT_EQ(st.value().by_root[0].root, "11");
  EXPECT_EQ(st.value().by_root[1].root, "19");
  EXPECT_FALSE(st.value().by_root[1].label.empty());
}

TEST(StoreTest, ANewVersionOfADocumentReplacesTheOld) {
  auto path = TempDb("replace");
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok());
  CodeAndStore(store.value().get(),
               Document{"doc1", "2025-01-02", "", "Arnor attacked Gondor.", "", "", "{}"});
  CodeAndStore(store.value().get(),
               Document{"doc1", "2025-01-02", "", "Mordor condemned Arnor.", "", "", "{}"});
  auto st = store.value()->Stats(10);
  ASSERT_EQ(st.value().events, 1);
  ASSERT_EQ(st.value().top_dyads.size(), 1u);
  EXPECT_EQ(st.value().top_dyads[0].source, "MOR");
}

TEST(StoreTest, DataSurvivesReopeningAndBatches) {
  auto path = TempDb("reopen");
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_CASUS_OK(store.value()->Begin());
    for (int i = 0; i < 20; ++i)
      CodeAndStore(store.value().get(), Document{"d" + std::to_string(i), "2025-01-02", "",
                                                 "Arnor attacked Gondor.", "", "", "{}"});
    ASSERT_CASUS_OK(store.value()->Commit());
  }
  auto ro = EventStore::Open(path, /*read_only=*/true);
  ASSERT_TRUE(ro.ok());
  auto st = ro.value()->Stats(3);
  EXPECT_EQ(st.value().articles, 20);
  EXPECT_EQ(st.value().events, 20);
  ASSERT_EQ(st.value().top_dyads.size(), 1u);
  EXPECT_EQ(st.value().top_dyads[0].events, 20);
  EXPECT_FALSE(ro.value()->PutDocument(Document{}, {}, {}).ok());
}

int64_t QueryInt(const std::string& path, const char* sql) {
  return testing::SqlScalar(path, sql);
}

// New documents skip the replace look-ups; a document stored earlier in the
// same transaction, or in an earlier one, must still be replaced everywhere.
TEST(StoreTest, ReplacingInTheSameAndALaterTransactionKeepsEveryTableInStep) {
  auto path = TempDb("replace_tx");
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    EventStore* s = store.value().get();
    ASSERT_CASUS_OK(s->Begin());
    CodeAndStore(s, Document{"a", "2025-01-02", "",
                             "Arnor attacked Gondor. Gondor attacked Arnor.", "w", "", "{}"});
    CodeAndStore(s, Document{"b", "2025-01-02", "", "Arnor attacked Gondor.", "w", "", "{}"});
    CodeAndStore(s, Document{"a", "2025-01-02", "", "Mordor condemned Arnor.", "w", "", "{}"});
    ASSERT_CASUS_OK(s->Commit());
    ASSERT_CASUS_OK(s->Begin());
    CodeAndStore(s, Document{"b", "2025-01-02", "", "Mordor condemned Arnor.", "x", "", "{}"});
    ASSERT_CASUS_OK(s->Commit());
  }
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM events"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                           "'attacked'"),
            0);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                           "'condemned'"),
            2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM dedup_events"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT num_mentions * 100 + num_articles * 10 + num_sources "
                           "FROM dedup_events"),
            222);
  EXPECT_EQ(QueryInt(path, "SELECT sum(events) FROM country_days"), 2);
}

// A document that fails half-way is undone alone: the transaction is rolled
// back and the documents before it in the batch are written again.
TEST(StoreTest, AFailedDocumentLeavesTheRestOfItsBatchStored) {
  auto path = TempDb("failed_doc");
  { auto store = EventStore::Open(path); ASSERT_TRUE(store.ok()); }
  {
    // Inserting the events of "bad" fails after its row and sentences.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER fail BEFORE INSERT ON events WHEN NEW.doc_id = 'bad' "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    EventStore* s = store.value().get();
    Pipeline p(testing::Dict(kDict), {});
    Coder c = p.NewCoder();
    auto put = [&](const Document& d) {
      std::vector<Sentence> sent;
      std::vector<Event> ev;
      c.Code(d, &sent, &ev);
      return s->PutDocument(d, sent, ev);
    };
    ASSERT_CASUS_OK(s->Begin());
    ASSERT_CASUS_OK(put(Document{"a", "2025-01-02", "", "Arnor attacked Gondor.", "w", "", "{}"}));
    Status bad = put(Document{"bad", "2025-01-02", "", "Arnor attacked Gondor.", "x", "", "{}"});
    EXPECT_FALSE(bad.ok());
    EXPECT_NE(bad.message().find("refused"), std::string::npos) << bad.ToString();
    ASSERT_CASUS_OK(put(Document{"c", "2025-01-03", "", "Mordor condemned Arnor.", "w", "", "{}"}));
    ASSERT_CASUS_OK(s->Commit());
    // Two sentences with the same index: refused before anything is written.
    std::vector<Sentence> twice(2);
    EXPECT_EQ(s->PutDocument(Document{"d", "2025-01-02", "", "x", "w", "", "{}"}, twice, {}).code(),
              Status::Code::kInvalidArgument);
  }
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM documents WHERE id IN ('a', 'c')"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM events"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'attacked'"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT num_mentions * 100 + num_articles * 10 + num_sources "
                           "FROM dedup_events WHERE code = '190'"),
            111);
  EXPECT_EQ(QueryInt(path, "SELECT sum(events) FROM country_days"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM months"), 1);
}

// Every row of `sql` on the file at `path`, as text ("a|b\n" per row).
std::string Dump(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) out = "error";
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      out += t ? reinterpret_cast<const char*>(t) : "NULL";
      out += '|';
    }
    out += '\n';
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// What a reader sees of a store, row ids left out (a bulk load numbers the
// deduplicated events in key order; a replaced document gets new ids).
std::string DumpStore(const std::string& path) {
  std::string out;
  for (const char* sql : {
           "SELECT d.window_start, d.window_end, d.source, d.target, d.code, d.root, "
           "d.quad_class, d.goldstein, d.plover, d.mode, d.first_date, d.last_date, "
           "d.num_mentions, d.num_sources, d.num_articles, d.is_root, d.month, e.doc_id, "
           "e.sent_index FROM dedup_events d JOIN events e ON e.id = d.first_event "
           "ORDER BY d.window_start, d.source, d.target, d.code",
           "SELECT * FROM country_days ORDER BY month, source, target, date, quad_class",
           "SELECT * FROM actors ORDER BY code",
           "SELECT * FROM months ORDER BY month",
           "SELECT doc_id, sent_index, date, source, target, code, mode, evidence FROM events "
           "ORDER BY doc_id, sent_index, code",
           "SELECT doc_id, sent_index, text FROM sentences ORDER BY doc_id, sent_index",
           "SELECT id, date, title, source, text FROM documents ORDER BY id",
           "SELECT s.doc_id, s.sent_index FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
           "WHERE f.sentences_fts MATCH 'attacked' ORDER BY 1, 2",
           "SELECT s.doc_id, s.sent_index FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
           "WHERE f.sentences_fts MATCH 'condemned' ORDER BY 1, 2",
           "SELECT s.doc_id, s.sent_index FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
           "WHERE f.sentences_fts MATCH 'Gondor' ORDER BY 1, 2",
           "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
           "SELECT key, value FROM meta ORDER BY key",
       }) {
    out += Dump(path, sql);
    out += "--\n";
  }
  return out;
}

// Articles over two months with repeated mentions, outlets shared and
// absent, titles, a negated event, and documents replaced in the same and in
// a later transaction.
void StoreStream(EventStore* s) {
  const char* kTexts[] = {"Arnor attacked Gondor. Mordor condemned Arnor.",
                          "Gondor attacked Mordor.", "Arnor did not attack Gondor.",
                          "Mordor condemned Arnor. Arnor attacked Gondor.",
                          "Gondor condemned Mordor. Gondor attacked Mordor."};
  const char* kOutlets[] = {"w", "x", "", "w"};
  const char* kDates[] = {"2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-10"};
  for (int tx = 0; tx < 3; ++tx) {
    ASSERT_CASUS_OK(s->Begin());
    for (int i = 0; i < 7; ++i) {
      const int n = tx * 7 + i;
      CodeAndStore(s, Document{"d" + std::to_string(n), kDates[n % 5],
                               n % 3 ? "" : "Mordor attacked Gondor", kTexts[n % 5],
                               kOutlets[n % 4], "", "{}"});
    }
    // d3 again in its own transaction, d1 in a later one.
    CodeAndStore(s, Document{"d" + std::to_string(tx == 0 ? 3 : 1), "2025-02-01", "",
                             kTexts[(tx + 2) % 5], "y", "", "{}"});
    ASSERT_CASUS_OK(s->Commit());
  }
}

// A bulk load (the store was empty) ends with the same tables, indexes and
// search results as writing every commit in full, for a one-day and a
// seven-day window; storing the same stream again changes no count.
TEST(StoreTest, ABulkLoadStoresWhatPerCommitWritingStores) {
  for (int window : {1, 7}) {
    std::string dumps[2];
    for (int bulk = 0; bulk < 2; ++bulk) {
      auto path = TempDb("bulk" + std::to_string(bulk));
      StoreOptions o;
      o.bulk_load = bulk == 1;
      o.dedup_window_days = window;
      {
        auto store = EventStore::Open(path, o);
        ASSERT_TRUE(store.ok());
        ASSERT_CASUS_OK(store.value()->Begin());
        EXPECT_EQ(store.value()->bulk_loading(), bulk == 1);
        ASSERT_CASUS_OK(store.value()->Commit());
        StoreStream(store.value().get());
        if (bulk) {
          // Until it finishes, the deduplicated events wait.
          EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM dedup_events"), 0);
          EXPECT_EQ(QueryInt(path, "SELECT value FROM meta WHERE key = 'bulk_load'"), 1);
          ASSERT_CASUS_OK(store.value()->Finish());
          EXPECT_FALSE(store.value()->bulk_loading());
        }
      }
      dumps[bulk] = DumpStore(path);
      EXPECT_GT(QueryInt(path, "SELECT count(*) FROM dedup_events WHERE num_mentions > 1"), 0);
      EXPECT_GT(QueryInt(path, "SELECT count(*) FROM dedup_events WHERE num_articles > 1"), 0);
      EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM events_dyad4"), -1);  // an index, not a table
      EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                               "name = 'events_dyad4'"),
                1);
      // The same input again (per commit now: the store is not empty).
      {
        auto store = EventStore::Open(path, o);
        ASSERT_TRUE(store.ok());
        StoreStream(store.value().get());
        EXPECT_FALSE(store.value()->bulk_loading());
      }
      EXPECT_EQ(DumpStore(path), dumps[bulk]) << "window " << window;
    }
    EXPECT_EQ(dumps[1], dumps[0]) << "window " << window;
  }
}

// A bulk load whose process ended before finishing (no destructor ran) is
// completed by the next read-write open from what was committed.
TEST(StoreTest, AnUnfinishedBulkLoadIsCompletedAtTheNextOpen) {
  auto path = TempDb("bulk_crash");
  auto ref = TempDb("bulk_crash_ref");
  {
    StoreOptions o;
    o.bulk_load = false;
    auto store = EventStore::Open(ref, o);
    ASSERT_TRUE(store.ok());
    StoreStream(store.value().get());
  }
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto store = EventStore::Open(path);
    if (!store.ok()) _exit(1);
    StoreStream(store.value().get());
    _exit(store.value()->bulk_loading() ? 0 : 2);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(QueryInt(path, "SELECT value FROM meta WHERE key = 'bulk_load'"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM dedup_events"), 0);
  { ASSERT_TRUE(EventStore::Open(path).ok()); }
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM meta WHERE key = 'bulk_load'"), 0);
  EXPECT_EQ(DumpStore(path), DumpStore(ref));
}

// Another writer storing the same deduplicated event while a bulk load runs:
// the load's count and the other's are added up at the end; a document the
// other stored and the load replaces is replaced everywhere.
TEST(StoreTest, ABulkLoadCountsWhatAnotherWriterStoredMeanwhile) {
  auto path = TempDb("bulk_other");
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok());
  ASSERT_CASUS_OK(store.value()->Begin());
  CodeAndStore(store.value().get(),
               Document{"a", "2025-01-02", "", "Arnor attacked Gondor.", "w", "", "{}"});
  ASSERT_CASUS_OK(store.value()->Commit());
  ASSERT_TRUE(store.value()->bulk_loading());
  {
    auto other = EventStore::Open(path);
    ASSERT_TRUE(other.ok());
    CodeAndStore(other.value().get(),
                 Document{"b", "2025-01-02", "", "Arnor attacked Gondor.", "x", "", "{}"});
    CodeAndStore(other.value().get(),
                 Document{"c", "2025-01-02", "", "Mordor condemned Arnor.", "x", "", "{}"});
    EXPECT_FALSE(other.value()->bulk_loading());
  }
  ASSERT_CASUS_OK(store.value()->Begin());
  CodeAndStore(store.value().get(),
               Document{"c", "2025-01-02", "", "Gondor condemned Mordor.", "x", "", "{}"});
  ASSERT_CASUS_OK(store.value()->Commit());
  ASSERT_CASUS_OK(store.value()->Finish());
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM dedup_events"), 2);
  EXPECT_EQ(QueryInt(path, "SELECT num_mentions * 100 + num_articles * 10 + num_sources "
                           "FROM dedup_events WHERE source = 'ARN'"),
            222);
  EXPECT_EQ(QueryInt(path, "SELECT num_mentions FROM dedup_events WHERE source = 'GON'"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT sum(events) FROM country_days"), 3);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM country_days WHERE source = 'MOR'"), 0);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                           "'Mordor'"),
            1);
}

TEST(StoreTest, OpeningANonDatabaseFails) {
  auto p = std::filesystem::temp_directory_path() / "casus_store_test_notadb.db";
  {
    FILE* f = fopen(p.c_str(), "w");
    fputs("this is not sqlite, just text that is long enough to be a header......", f);
    fclose(f);
  }
  auto s = EventStore::Open(p.string());
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace casus
