// The query engine, deduplication, migration and exports on the fixture store.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "casus/query.h"
#include "casus/store.h"
#include "sqlite_util.h"
#include "test_util.h"
#include "unit/server/fixture.h"

namespace casus {
namespace {

using testing::BuildFixtureDb;

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { path_ = new std::string(BuildFixtureDb("query_test")); }
  static void TearDownTestSuite() { delete path_; }
  void SetUp() override {
    auto q = QueryEngine::Open(*path_);
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    q_ = std::move(q).value();
  }
  static EventFilter Filter(std::initializer_list<std::pair<const char*, const char*>> kv) {
    EventFilter f;
    for (auto& [k, v] : kv) {
      Status st = f.Set(k, v);
      EXPECT_TRUE(st.ok()) << k << "=" << v << ": " << st.ToString();
    }
    return f;
  }
  size_t Count(const EventFilter& f) {
    PageRequest page;
    page.limit = kMaxPageSize;
    auto t = q_->Events(f, page);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t.value().rows.size() : 0;
  }
  static std::string* path_;
  std::unique_ptr<QueryEngine> q_;
};
std::string* QueryTest::path_ = nullptr;

const Value& Cell(const Table& t, size_t row, const char* col) {
  int c = t.Column(col);
  EXPECT_GE(c, 0) << col;
  return t.rows.at(row).at(size_t(c < 0 ? 0 : c));
}

TEST_F(QueryTest, SummaryCountsEverything) {
  auto s = q_->Summary();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value().articles, 12);
  EXPECT_EQ(s.value().sentences, 32);  // 20 of the texts, 12 titles (sentence -1)
  EXPECT_EQ(s.value().events, 20);
  EXPECT_EQ(s.value().dedup_events, 18);
  EXPECT_EQ(s.value().first_date, "2025-03-01");
  EXPECT_EQ(s.value().last_date, "2025-04-21");
  EXPECT_EQ(s.value().by_quad[4], 7);
  EXPECT_EQ(s.value().dedup_window_days, 1);
}

TEST_F(QueryTest, DeduplicatesTheSameDayDyadAndCode) {
  PageRequest page;
  auto t = q_->Events(Filter({{"source", "GONMIL"}, {"target", "MOR"}, {"dedup", "1"}}), page);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t.value().rows.size(), 2u);
  // Newest first: 2025-04-05 (one mention), then 2025-03-01 (three).
  EXPECT_EQ(Cell(t.value(), 1, "date").s, "2025-03-01");
  EXPECT_EQ(Cell(t.value(), 1, "num_mentions").i, 3);
  EXPECT_EQ(Cell(t.value(), 1, "num_sources").i, 2);
  EXPECT_EQ(Cell(t.value(), 1, "num_articles").i, 3);
  EXPECT_EQ(Cell(t.value(), 1, "is_root").i, 1);
  EXPECT_EQ(Cell(t.value(), 0, "num_mentions").i, 1);
  auto m = q_->Mentions(Cell(t.value(), 1, "id").i);
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m.value().rows.size(), 3u);
  std::set<std::string> docs;
  for (size_t i = 0; i < 3; ++i) docs.insert(Cell(m.value(), i, "doc_id").s);
  EXPECT_EQ(docs, (std::set<std::string>{"fw-001", "fw-002", "fw-003"}));
}

TEST_F(QueryTest, FiltersOnActorsCodesDatesAndText) {
  EXPECT_EQ(Count({}), 20u);
  EXPECT_EQ(Count(Filter({{"source", "GON*"}})), 9u);
  EXPECT_EQ(Count(Filter({{"source", "GON"}})), 4u);
  EXPECT_EQ(Count(Filter({{"actor", "ROH*"}})), 6u);
  EXPECT_EQ(Count(Filter({{"source", "gon*"}, {"target", "MOR"}})), 7u);
  EXPECT_EQ(Count(Filter({{"code", "19*"}})), 7u);
  EXPECT_EQ(Count(Filter({{"code", "190"}})), 5u);
  EXPECT_EQ(Count(Filter({{"root", "11"}})), 6u);
  EXPECT_EQ(Count(Filter({{"quad", "1"}})), 6u);
  EXPECT_EQ(Count(Filter({{"plover", "consult"}})), 2u);
  EXPECT_EQ(Count(Filter({{"from", "2025-04-01"}})), 5u);
  EXPECT_EQ(Count(Filter({{"from", "2025-03-03"}, {"to", "2025-03-10"}})), 7u);
  EXPECT_EQ(Count(Filter({{"text", "praised"}})), 4u);
  EXPECT_EQ(Count(Filter({{"text", "praised"}, {"source", "ROH"}})), 2u);
  EXPECT_EQ(Count(Filter({{"text", "\"attacked Mordor\" NOT river"}})), 3u);
  EXPECT_EQ(Count(Filter({{"text", "praised"}, {"dedup", "1"}})), 4u);
  EXPECT_EQ(Count(Filter({{"mode", "verbal"}})), 0u);  // no modes yet
  EXPECT_EQ(Count(Filter({{"dedup", "1"}, {"from", "2025-03-01"}, {"to", "2025-03-01"}})), 3u);
}

TEST_F(QueryTest, RejectsBadFilterValues) {
  EventFilter f;
  EXPECT_EQ(f.Set("from", "2025-02-30").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Set("quad", "5").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Set("source", "USA' OR 1=1 --").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Set("code", "0*4").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Set("root", "190").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Set("colour", "red").code(), Status::Code::kNotFound);
  EXPECT_EQ(f.Set("text", std::string(600, 'a')).code(), Status::Code::kInvalidArgument);
  // Text goes to FTS5 as a bound parameter: SQL in it is just words.
  ASSERT_CASUS_OK(f.Set("text", "x'; DROP TABLE events; --"));
  auto t = q_->Events(f, PageRequest{});
  EXPECT_FALSE(t.ok() && !t.value().rows.empty());
  if (!t.ok()) {
    EXPECT_EQ(t.status().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_EQ(Count({}), 20u);
  EventFilter bad;
  ASSERT_CASUS_OK(bad.Set("text", "\"unterminated"));
  EXPECT_EQ(q_->Events(bad, PageRequest{}).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(QueryTest, PagesWithCursorAndOffset) {
  std::set<int64_t> seen;
  PageRequest page;
  page.limit = 6;
  int pages = 0;
  std::string last_date = "9999";
  while (true) {
    auto t = q_->Events({}, page);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    ++pages;
    for (size_t i = 0; i < t.value().rows.size(); ++i) {
      EXPECT_TRUE(seen.insert(Cell(t.value(), i, "id").i).second);
      EXPECT_LE(Cell(t.value(), i, "date").s, last_date);
      last_date = Cell(t.value(), i, "date").s;
    }
    if (t.value().next_cursor.empty()) break;
    page.cursor = t.value().next_cursor;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(seen.size(), 20u);
  EXPECT_EQ(pages, 4);
  PageRequest off;
  off.limit = 5;
  off.offset = 18;
  EXPECT_EQ(q_->Events({}, off).value().rows.size(), 2u);
  PageRequest bad;
  bad.cursor = "2025-01-01|x";
  EXPECT_EQ(q_->Events({}, bad).status().code(), Status::Code::kInvalidArgument);
  bad.cursor.clear();
  bad.limit = kMaxPageSize + 1;
  EXPECT_EQ(q_->Events({}, bad).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(QueryTest, HighlightsAreSentenceRelativeBytes) {
  auto t = q_->Events(Filter({{"source", "ROH"}, {"from", "2025-04-21"}}), PageRequest{});
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.value().rows.size(), 1u);
  const std::string sentence = Cell(t.value(), 0, "sentence").s;
  EXPECT_EQ(sentence, "\xC3\x89omer's Rohirrim praised Gondor warmly.");
  const std::string hl = Cell(t.value(), 0, "highlights").s;
  // "Rohirrim" starts at byte 9 (É is two bytes), "praised" at 18, "Gondor" at 26.
  EXPECT_EQ(hl, "{\"source\":[9,17],\"target\":[26,32],\"trigger\":[18,25]}");
}

TEST_F(QueryTest, SeriesByWeekAndMonth) {
  auto w = q_->Series(Filter({{"source", "GON*"}, {"target", "MOR"}}), Period::kWeek, false);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  std::vector<std::string> periods;
  int64_t total = 0;
  for (size_t i = 0; i < w.value().rows.size(); ++i) {
    periods.push_back(Cell(w.value(), i, "period").s);
    total += Cell(w.value(), i, "events").i;
  }
  EXPECT_EQ(periods, (std::vector<std::string>{"2025-02-24", "2025-03-03", "2025-03-10",
                                                "2025-03-31"}));
  EXPECT_EQ(total, 7);
  EXPECT_EQ(Cell(w.value(), 0, "events").i, 3);
  EXPECT_DOUBLE_EQ(Cell(w.value(), 0, "goldstein_sum").d, -30);
  EXPECT_DOUBLE_EQ(Cell(w.value(), 0, "goldstein_mean").d, -10);
  EXPECT_EQ(Cell(w.value(), 0, "material_conflict").i, 3);
  EXPECT_EQ(Cell(w.value(), 2, "verbal_conflict").i, 2);

  auto m = q_->Series(Filter({{"target", "MOR"}}), Period::kMonth, true);
  ASSERT_TRUE(m.ok());
  ASSERT_GE(m.value().Column("source"), 0);
  int64_t sum = 0;
  for (size_t i = 0; i < m.value().rows.size(); ++i) {
    EXPECT_EQ(Cell(m.value(), i, "target").s, "MOR");
    EXPECT_EQ(Cell(m.value(), i, "period").s.size(), 7u);
    sum += Cell(m.value(), i, "events").i;
  }
  EXPECT_EQ(sum, int64_t(Count(Filter({{"target", "MOR"}}))));
  auto d = q_->Series(Filter({{"source", "GONMIL"}, {"dedup", "1"}}), Period::kDay, false);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d.value().rows.size(), 2u);
  EXPECT_EQ(Cell(d.value(), 0, "events").i, 1);  // deduplicated: one event that day
}

TEST_F(QueryTest, CountrySeriesMatchTheEvents) {
  // Country prefixes are answered from country_days; "code=*" forces the
  // same question through the events.
  for (const char* src : {"GON*", "MOR*", "ROH*", "ARN*"}) {
    for (const char* tgt : {"", "MOR*", "GON*", "ROH*"}) {
      for (Period by : {Period::kDay, Period::kWeek, Period::kMonth}) {
        EventFilter fast = Filter({{"source", src}, {"target", tgt}});
        EventFilter slow = fast;
        slow.code = "*";
        auto a = q_->Series(fast, by, false);
        auto b = q_->Series(slow, by, false);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(a.value().ToCsv(), b.value().ToCsv()) << src << " -> " << tgt;
      }
    }
  }
  auto w = q_->Series(Filter({{"source", "GON*"}, {"target", "MOR*"}, {"quad", "3"},
                              {"from", "2025-03-05"}}), Period::kMonth, false);
  ASSERT_TRUE(w.ok());
  ASSERT_EQ(w.value().rows.size(), 1u);
  EXPECT_EQ(Cell(w.value(), 0, "events").i, 2);
}

TEST_F(QueryTest, NetworkAndTop) {
  auto n = q_->ActorNetwork({}, 100, false);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value().nodes.rows.size(), 11u);
  EXPECT_EQ(Cell(n.value().nodes, 0, "id").s, "MOR");
  EXPECT_EQ(Cell(n.value().nodes, 0, "label").s, "Mordor");
  EXPECT_EQ(Cell(n.value().edges, 0, "source").s, "GONMIL");
  EXPECT_EQ(Cell(n.value().edges, 0, "events").i, 4);
  auto c = q_->ActorNetwork({}, 100, true);
  ASSERT_TRUE(c.ok());
  for (const auto& row : c.value().nodes.rows) EXPECT_EQ(row[0].s.size(), 3u);
  EXPECT_EQ(q_->ActorNetwork({}, 0, false).status().code(), Status::Code::kInvalidArgument);

  auto a = q_->Top({}, TopKind::kActors, 3);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Cell(a.value(), 0, "actor").s, "MOR");
  EXPECT_EQ(Cell(a.value(), 0, "events").i, 12);
  auto codes = q_->Top({}, TopKind::kCodes, 2);
  ASSERT_TRUE(codes.ok());
  EXPECT_FALSE(Cell(codes.value(), 0, "label").s.empty());
  auto dy = q_->Top(Filter({{"quad", "4"}}), TopKind::kDyads, 1);
  ASSERT_TRUE(dy.ok());
  EXPECT_EQ(Cell(dy.value(), 0, "source").s, "GONMIL");
}

TEST_F(QueryTest, TablesFormat) {
  auto t = q_->Top({}, TopKind::kDyads, 2);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value().ToCsv(), "source,target,events\nGONMIL,MOR,4\nGON,MOR,3\n");
  std::string json = FormatTable(t.value(), TableFormat::kJson);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;
  EXPECT_NE(t.value().ToText().find("GONMIL"), std::string::npos);
}

// Reads a whole file.
std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

size_t Fields(const std::string& line, char sep) {
  return size_t(std::count(line.begin(), line.end(), sep)) + 1;
}

std::string ExportTo(QueryEngine* q, ExportFormat f, const EventFilter& filter, int64_t* rows,
                     int64_t* left_out) {
  std::string path = testing::FreshDbPath("export") + ".out";
  FILE* out = std::fopen(path.c_str(), "wb");
  EXPECT_NE(out, nullptr);
  Status st = q->Export(filter, f, out, rows, left_out);
  std::fclose(out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::string s = Slurp(path);
  std::remove(path.c_str());
  return s;
}

TEST_F(QueryTest, ExportsGdeltPhoenixPloverCsv) {
  int64_t rows = 0, left = 0;
  auto gdelt = Lines(ExportTo(q_.get(), ExportFormat::kGdelt, {}, &rows, &left));
  ASSERT_EQ(gdelt.size(), 18u);
  EXPECT_EQ(rows, 18);
  for (const auto& l : gdelt) EXPECT_EQ(Fields(l, '\t'), 61u) << l;
  // The GONMIL->MOR event of 2025-03-01.
  const std::string* g = nullptr;
  for (const auto& l : gdelt)
    if (l.find("\tGONMIL\t") != std::string::npos && l.find("\t20250301\t") != std::string::npos)
      g = &l;
  ASSERT_NE(g, nullptr);
  std::vector<std::string> c;
  std::stringstream ss(*g);
  std::string cell;
  while (std::getline(ss, cell, '\t')) c.push_back(cell);
  c.resize(61);
  EXPECT_EQ(c[1], "20250301");                 // Day
  EXPECT_EQ(c[2], "202503");                   // MonthYear
  EXPECT_EQ(c[3], "2025");                     // Year
  EXPECT_EQ(c[5], "GONMIL");                   // Actor1Code
  EXPECT_EQ(c[6], "GONDORIAN ARMY");           // Actor1Name
  EXPECT_EQ(c[7], "GON");                      // Actor1CountryCode
  EXPECT_EQ(c[12], "MIL");                     // Actor1Type1Code
  EXPECT_EQ(c[15], "MOR");                     // Actor2Code
  EXPECT_EQ(c[25], "1");                       // IsRootEvent
  EXPECT_EQ(c[26], "190");                     // EventCode
  EXPECT_EQ(c[27], "190");                     // EventBaseCode
  EXPECT_EQ(c[28], "19");                      // EventRootCode
  EXPECT_EQ(c[29], "4");                       // QuadClass
  EXPECT_EQ(c[30], "-10.0");                   // GoldsteinScale
  EXPECT_EQ(c[31], "3");                       // NumMentions
  EXPECT_EQ(c[32], "2");                       // NumSources
  EXPECT_EQ(c[33], "3");                       // NumArticles
  EXPECT_EQ(c[59].size(), 14u);                // DATEADDED YYYYMMDDHHMMSS
  EXPECT_EQ(c[60], "https://example.org/fw/001");  // SOURCEURL

  auto phoenix = Lines(ExportTo(q_.get(), ExportFormat::kPhoenix, {}, &rows, &left));
  ASSERT_EQ(phoenix.size(), 18u);
  for (const auto& l : phoenix) EXPECT_EQ(Fields(l, '\t'), 26u) << l;
  bool found = false;
  for (const auto& l : phoenix)
    if (l.find("fw-001_0;fw-002_0;fw-003_0") != std::string::npos) {
      found = true;
      EXPECT_NE(l.find("Minas Tirith Herald;Edoras Courier"), std::string::npos) << l;
    }
  EXPECT_TRUE(found);

  std::string plover = ExportTo(q_.get(), ExportFormat::kPlover, {}, &rows, &left);
  EXPECT_EQ(rows + left, 20);
  simdjson::dom::parser parser;
  for (const auto& l : Lines(plover)) {
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(l).get(e), simdjson::SUCCESS) << l;
    std::string_view ev;
    EXPECT_EQ(e["event"].get(ev), simdjson::SUCCESS);
    EXPECT_FALSE(ev.empty());
  }

  auto csv = Lines(ExportTo(q_.get(), ExportFormat::kCsv, [] { EventFilter f; (void)f.Set("source", "GON*"); return f; }(), &rows, &left));
  ASSERT_EQ(csv.size(), 1u + 9u);
  EXPECT_EQ(csv[0].substr(0, 28), "event_id,dedup_id,date,sourc");
  auto dcsv = Lines(ExportTo(q_.get(), ExportFormat::kCsv,
                             [] { EventFilter f; f.dedup = true; return f; }(), &rows, &left));
  EXPECT_EQ(dcsv.size(), 19u);
}

// --- the store side -----------------------------------------------------------

// Rows where country_days differs from the events it sums (both ways).
const char* kCountryDaysMismatch =
    "WITH x AS (SELECT substr(source, 1, 3) s, substr(target, 1, 3) t, date d, quad_class q, "
    "count(*) n, total(goldstein) g FROM events WHERE mode IS NULL GROUP BY 1, 2, 3, 4) "
    "SELECT (SELECT count(*) FROM x LEFT JOIN country_days c ON c.source = x.s AND "
    "c.target = x.t AND c.date = x.d AND c.quad_class = x.q "
    "WHERE c.events IS NOT x.n OR abs(c.goldstein_sum - x.g) > 1e-9) + "
    "(SELECT count(*) FROM country_days) - (SELECT count(*) FROM x)";

int64_t Scalar(const std::string& path, const char* sql) {
  return testing::SqlScalar(path, sql);
}

TEST(DedupTest, RecodingChangesNothingAndReplacingRecounts) {
  std::string path = BuildFixtureDb("dedup_recode");
  auto before = Scalar(path, "SELECT total(id * 1000003 + num_mentions * 101 + num_sources * 7 + num_articles) FROM dedup_events");
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    testing::CodeInto(store.value().get(), testing::FixtureArticles());
  }
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events"), 18);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events"), 20);
  EXPECT_EQ(Scalar(path, "SELECT total(id * 1000003 + num_mentions * 101 + num_sources * 7 + num_articles) FROM dedup_events"), before);
  // A new version of fw-003 without the attack: the event loses a mention.
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    Document d = testing::FixtureArticles()[2];
    d.text = "Officials said nothing.";
    testing::CodeInto(store.value().get(), {d});
  }
  EXPECT_EQ(Scalar(path, "SELECT num_mentions * 100 + num_sources * 10 + num_articles FROM dedup_events WHERE source = 'GONMIL' AND window_start = '2025-03-01'"), 222);
  // Both Edoras Courier mentions gone too: only the Herald's remains.
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    Document d = testing::FixtureArticles()[1];
    d.text = "Rohan praised Gondor.";
    testing::CodeInto(store.value().get(), {d});
  }
  EXPECT_EQ(Scalar(path, "SELECT num_mentions * 100 + num_sources * 10 + num_articles FROM dedup_events WHERE source = 'GONMIL' AND window_start = '2025-03-01'"), 111);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'river'"), 0);
  EXPECT_EQ(Scalar(path, kCountryDaysMismatch), 0);
  EXPECT_EQ(Scalar(path, "SELECT sum(events) FROM country_days"),
            Scalar(path, "SELECT count(*) FROM events"));
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'nothing'"), 1);
}

TEST(DedupTest, WindowOfSevenDaysGroupsIsoWeeks) {
  std::string path = BuildFixtureDb("dedup_week", 7);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events WHERE window_start = '2025-02-24' AND window_end = '2025-03-02' AND source = 'GONMIL'"), 1);
  // GON->MOR 111 on 03-03 and 03-10: two different weeks.
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events WHERE source = 'GON' AND target = 'MOR' AND code = '111'"), 2);
  // Reopening without a window keeps seven; asking for one day recounts.
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store.value()->dedup_window_days(), 7);
  }
  StoreOptions o;
  o.dedup_window_days = 1;
  {
    auto store = EventStore::Open(path, o);
    ASSERT_TRUE(store.ok());
  }
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events"), 18);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events WHERE window_start <> window_end"), 0);
  o.dedup_window_days = 400;
  EXPECT_FALSE(EventStore::Open(path, o).ok());
}

TEST(MigrationTest, VersionOneFilesAreUpgraded) {
  std::string path = testing::FreshDbPath("migrate_v1");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* v1 = R"sql(
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta VALUES('schema_version', '1');
    CREATE TABLE documents(id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT, source TEXT,
      url TEXT, text TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{}',
      coded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
    CREATE TABLE sentences(doc_id TEXT NOT NULL, sent_index INTEGER NOT NULL, start INTEGER NOT NULL,
      end INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(doc_id, sent_index)) WITHOUT ROWID;
    CREATE TABLE events(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, sent_index INTEGER NOT NULL,
      date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,
      root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
      attribution TEXT, evidence TEXT NOT NULL);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_dyad ON events(source, target, date);
    INSERT INTO documents(id, date, source, text) VALUES('a', '2025-01-02', 'X', 'Arnor attacked Gondor.');
    INSERT INTO documents(id, date, source, text) VALUES('b', '2025-01-02', 'Y', 'Arnor attacked Gondor!');
    INSERT INTO sentences VALUES('a', 0, 0, 22, 'Arnor attacked Gondor.');
    INSERT INTO sentences VALUES('b', 0, 0, 22, 'Arnor attacked Gondor!');
    INSERT INTO events(doc_id, sent_index, date, source, target, code, root, quad_class, goldstein, plover, evidence)
      VALUES('a', 0, '2025-01-02', 'ARN', 'GON', '190', '19', 4, -10, 'ASSAULT',
             '{"source":{"start":0,"end":5,"text":"Arnor","entry":"x"},"target":null,"trigger":null}');
    INSERT INTO events(doc_id, sent_index, date, source, target, code, root, quad_class, goldstein, plover, evidence)
      VALUES('b', 0, '2025-01-02', 'ARN', 'GON', '190', '19', 4, -10, 'ASSAULT', '{}');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  // A query on the old file upgrades it first.
  auto q = QueryEngine::Open(path);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version'"), kStoreSchemaVersion);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events WHERE month = 202501"), 2);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM months WHERE month = 202501"), 1);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM sentences"), 2);
  // Version 3 columns exist; events stored before have no event date or place.
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events WHERE event_date IS NULL AND location IS NULL"), 2);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events WHERE mode IS NULL"), 2);
  EXPECT_EQ(Scalar(path, "SELECT num_mentions * 100 + num_sources * 10 + num_articles FROM dedup_events"), 222);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM actors WHERE code = 'ARN' AND example = 'Arnor'"), 1);
  EXPECT_EQ(Scalar(path, kCountryDaysMismatch), 0);
  EXPECT_EQ(Scalar(path, "SELECT sum(events) FROM country_days"), 2);
  EventFilter f;
  ASSERT_CASUS_OK(f.Set("text", "attacked"));
  auto t = q.value()->Events(f, PageRequest{});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t.value().rows.size(), 2u);
  // Storing on the upgraded file works as usual.
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store.value()->schema_version(), kStoreSchemaVersion);
}

// Version 3 keyed the dyad indexes and country_days by actor first; version
// 4 puts the month bucket first. The upgrade keeps every dedup id.
TEST(MigrationTest, VersionThreeFilesGetMonthBuckets) {
  std::string path = testing::FreshDbPath("migrate_v3");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* v3 = R"sql(
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta VALUES('schema_version', '3');
    INSERT INTO meta VALUES('dedup_window_days', '7');
    CREATE TABLE documents(id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT, source TEXT,
      url TEXT, text TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{}',
      coded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
    CREATE TABLE sentences(id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL,
      sent_index INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
      text TEXT NOT NULL, UNIQUE(doc_id, sent_index));
    CREATE TABLE events(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, sent_index INTEGER NOT NULL,
      date TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,
      root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
      attribution TEXT, evidence TEXT NOT NULL, mode TEXT, event_date TEXT, location TEXT,
      location_country TEXT, lat REAL, lon REAL, location_admin1 TEXT, location_kind TEXT);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_dyad3 ON events(source, target, date, quad_class, goldstein, mode);
    CREATE INDEX events_target ON events(target, date);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE dedup_events(id INTEGER PRIMARY KEY, window_start TEXT NOT NULL,
      window_end TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,
      root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT,
      mode TEXT, first_date TEXT NOT NULL, last_date TEXT NOT NULL,
      num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,
      num_articles INTEGER NOT NULL, is_root INTEGER NOT NULL, first_event INTEGER NOT NULL,
      UNIQUE(source, target, window_start, code));
    CREATE INDEX dedup_target ON dedup_events(target, window_start);
    CREATE INDEX dedup_date ON dedup_events(window_start);
    CREATE TABLE country_days(source TEXT NOT NULL, target TEXT NOT NULL, date TEXT NOT NULL,
      quad_class INTEGER NOT NULL, events INTEGER NOT NULL, goldstein_sum REAL NOT NULL,
      PRIMARY KEY(source, target, date, quad_class)) WITHOUT ROWID;
    CREATE TABLE actors(code TEXT PRIMARY KEY, example TEXT) WITHOUT ROWID;
    INSERT INTO documents(id, date, source, text) VALUES('a', '2025-01-31', 'X', 'Arnor attacked Gondor.');
    INSERT INTO documents(id, date, source, text) VALUES('b', '2025-02-01', 'Y', 'Arnor attacked Gondor!');
    INSERT INTO sentences(doc_id, sent_index, start, end, text) VALUES('a', 0, 0, 22, 'Arnor attacked Gondor.');
    INSERT INTO sentences(doc_id, sent_index, start, end, text) VALUES('b', 0, 0, 22, 'Arnor attacked Gondor!');
    INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');
    INSERT INTO events(id, doc_id, sent_index, date, source, target, code, root, quad_class, goldstein, plover, evidence)
      VALUES(7, 'a', 0, '2025-01-31', 'ARN', 'GON', '190', '19', 4, -10, 'ASSAULT', '{}');
    INSERT INTO events(id, doc_id, sent_index, date, source, target, code, root, quad_class, goldstein, plover, evidence)
      VALUES(8, 'b', 0, '2025-02-01', 'ARN', 'GON', '190', '19', 4, -10, 'ASSAULT', '{}');
    INSERT INTO dedup_events VALUES(41, '2025-01-27', '2025-02-02', 'ARN', 'GON', '190', '19', 4,
      -10, 'ASSAULT', NULL, '2025-01-31', '2025-02-01', 2, 2, 2, 1, 7);
    INSERT INTO country_days VALUES('ARN', 'GON', '2025-01-31', 4, 1, -10);
    INSERT INTO country_days VALUES('ARN', 'GON', '2025-02-01', 4, 1, -10);
    INSERT INTO actors VALUES('ARN', 'Arnor'), ('GON', 'Gondor');
  )sql";
  ASSERT_EQ(sqlite3_exec(db, v3, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto q = QueryEngine::Open(path);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(Scalar(path, "SELECT value FROM meta WHERE key = 'schema_version'"), 4);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('events_dyad3', 'dedup_events_v3')"), 0);
  EXPECT_EQ(Scalar(path, "SELECT id * 1000 + month - 202500 FROM dedup_events"), 41001);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM months"), 2);
  EXPECT_EQ(Scalar(path, "SELECT sum(month) FROM events"), 202501 + 202502);
  EXPECT_EQ(Scalar(path, "SELECT sum(month) FROM country_days"), 202501 + 202502);
  EXPECT_EQ(Scalar(path, kCountryDaysMismatch), 0);
  // The window spans two months: both mentions are found.
  auto m = q.value()->Mentions(41);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m.value().rows.size(), 2u);
  EventFilter f;
  ASSERT_CASUS_OK(f.Set("source", "ARN"));
  ASSERT_CASUS_OK(f.Set("target", "GON"));
  auto series = q.value()->Series(f, Period::kMonth, false);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series.value().rows.size(), 2u);
  EXPECT_EQ(series.value().rows[0][0].s, "2025-01");
  EXPECT_EQ(series.value().rows[1][1].i, 1);
  ASSERT_CASUS_OK(f.Set("dedup", "1"));
  EXPECT_EQ(q.value()->Events(f, PageRequest{}).value().rows.size(), 1u);
  EventFilter by_target;
  ASSERT_CASUS_OK(by_target.Set("actor", "GON"));
  EXPECT_EQ(q.value()->Events(by_target, PageRequest{}).value().rows.size(), 2u);
  // Recoding a document on the upgraded file recounts the same dedup row.
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(store.value()->dedup_window_days(), 7);
    Document d{"b", "2025-02-01", "", "Nothing happened.", "Y", "", "{}"};
    ASSERT_CASUS_OK(store.value()->PutDocument(d, {}, {}));
  }
  EXPECT_EQ(Scalar(path, "SELECT id * 100 + num_mentions FROM dedup_events"), 4101);
  EXPECT_EQ(Scalar(path, kCountryDaysMismatch), 0);
}

TEST(ModeTest, TheModeColumnIsFiltered) {
  std::string path = BuildFixtureDb("mode");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "UPDATE events SET mode = 'hypothetical' WHERE id = 1", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  auto q = QueryEngine::Open(path);
  ASSERT_TRUE(q.ok());
  EventFilter f;
  ASSERT_CASUS_OK(f.Set("mode", "hypothetical"));
  auto t = q.value()->Events(f, PageRequest{});
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t.value().rows.size(), 1u);
  EXPECT_EQ(Cell(t.value(), 0, "id").i, 1);
  // By default only asserted events count; "any" counts them all.
  const int64_t all = Scalar(path, "SELECT count(*) FROM events");
  EventFilter dflt;
  PageRequest big;
  big.limit = 1000;
  auto d = q.value()->Events(dflt, big);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(int64_t(d.value().rows.size()), all - 1);
  EventFilter any;
  ASSERT_CASUS_OK(any.Set("mode", "any"));
  auto a = q.value()->Events(any, big);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(int64_t(a.value().rows.size()), all);
}

// A coded event with a mode is stored with it, with its event date and
// place, and stays out of the deduplicated events and the day counts.
TEST(ModeTest, EventsWithAModeAreStoredButNotCounted) {
  std::string path = testing::FreshDbPath("mode_store");
  {
    auto store = EventStore::Open(path);
    ASSERT_TRUE(store.ok());
    Pipeline p(testing::FictionalDict(), {});
    Coder c = p.NewCoder();
    Document d{"m1", "2025-05-07", "", "Mordor did not attack Gondor. Rohan attacked Dunland yesterday.",
               "Z", "", "{}"};
    std::vector<Sentence> s;
    std::vector<Event> e;
    c.Code(d, &s, &e);
    ASSERT_EQ(e.size(), 2u);
    ASSERT_CASUS_OK(store.value()->PutDocument(d, s, e));
  }
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events WHERE mode = 'negated'"), 1);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM events WHERE mode IS NULL AND event_date = '2025-05-06'"), 1);
  EXPECT_EQ(Scalar(path, "SELECT count(*) FROM dedup_events"), 1);
  EXPECT_EQ(Scalar(path, "SELECT sum(events) FROM country_days"), 1);
  EXPECT_EQ(Scalar(path, kCountryDaysMismatch), 0);
}

TEST(WalTest, ReadersSeeCommittedWritesOnly) {
  std::string path = BuildFixtureDb("wal");
  auto q = QueryEngine::Open(path);
  ASSERT_TRUE(q.ok());
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok());
  ASSERT_CASUS_OK(store.value()->Begin());
  Pipeline p(testing::FictionalDict(), {});
  Coder c = p.NewCoder();
  Document d{"fw-new", "2025-05-01", "", "Mordor attacked Gondor.", "Z", "", "{}"};
  std::vector<Sentence> s;
  std::vector<Event> e;
  c.Code(d, &s, &e);
  ASSERT_CASUS_OK(store.value()->PutDocument(d, s, e));
  EXPECT_EQ(q.value()->Summary().value().events, 20);  // not committed yet
  ASSERT_CASUS_OK(store.value()->Commit());
  EXPECT_EQ(q.value()->Summary().value().events, 21);
  EXPECT_EQ(q.value()->Summary().value().dedup_events, 19);
}

}  // namespace
}  // namespace casus
