// The HTTP API, in-process on an ephemeral loopback port, over the fixture store.
#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include <atomic>
#include <thread>

#include "casus/server.h"
#include "casus/store.h"
#include "test_util.h"
#include "unit/server/fixture.h"

namespace casus {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::BuildFixtureDb("server_test");
    ServerOptions o;
    o.db = path_;
    o.port = 0;
    o.threads = 4;
    auto s = Server::Create(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value();
    ASSERT_CASUS_OK(server_->Bind());
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(10, 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  // GET path; returns the status and parses the JSON body into *doc.
  int Get(const std::string& path, simdjson::dom::element* doc = nullptr) {
    auto res = client_->Get(path.c_str());
    if (!res) return -1;
    body_ = res->body;
    if (doc) {
      EXPECT_EQ(parser_.parse(body_).get(*doc), simdjson::SUCCESS) << body_;
    }
    return res->status;
  }
  std::string path_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  Status run_status_;
  std::unique_ptr<httplib::Client> client_;
  simdjson::dom::parser parser_;
  std::string body_;
};

// The cursor is "date|id": '|' must be escaped in a URL.
std::string Escape(const std::string& s) {
  std::string r;
  for (char c : s) r += c == '|' ? std::string("%7C") : std::string(1, c);
  return r;
}

int64_t Int(simdjson::dom::element e, const char* key) {
  int64_t v = -1;
  EXPECT_EQ(e[key].get(v), simdjson::SUCCESS) << key;
  return v;
}

std::string Str(simdjson::dom::element e, const char* key) {
  std::string_view v;
  EXPECT_EQ(e[key].get(v), simdjson::SUCCESS) << key;
  return std::string(v);
}

TEST_F(ServerTest, HealthAndStats) {
  simdjson::dom::element d;
  ASSERT_EQ(Get("/api/health", &d), 200);
  EXPECT_EQ(Str(d, "status"), "ok");
  EXPECT_EQ(Int(d, "schema_version"), kStoreSchemaVersion);
  ASSERT_EQ(Get("/api/stats", &d), 200);
  EXPECT_EQ(Int(d, "articles"), 12);
  EXPECT_EQ(Int(d, "events"), 20);
  EXPECT_EQ(Int(d, "dedup_events"), 18);
}

TEST_F(ServerTest, EventsWithFiltersAndCursorPaging) {
  simdjson::dom::element d;
  ASSERT_EQ(Get("/api/events?source=GON*&target=MOR&limit=3", &d), 200);
  simdjson::dom::array rows;
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(rows.size(), 3u);
  std::string cursor = Str(d, "next_cursor");
  int total = 3;
  while (!cursor.empty()) {
    ASSERT_EQ(Get("/api/events?source=GON*&target=MOR&limit=3&cursor=" +
                      Escape(cursor), &d), 200);
    ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
    total += int(rows.size());
    if (d["next_cursor"].is_null()) break;
    cursor = Str(d, "next_cursor");
  }
  EXPECT_EQ(total, 7);
  ASSERT_EQ(Get("/api/events?dedup=1&source=GONMIL&from=2025-03-01&to=2025-03-01", &d), 200);
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  ASSERT_EQ(rows.size(), 1u);
  simdjson::dom::element row = rows.at(0);
  EXPECT_EQ(Int(row, "num_mentions"), 3);
  EXPECT_EQ(Int(row, "num_sources"), 2);
  EXPECT_EQ(Int(row, "num_articles"), 3);
  simdjson::dom::array trigger;
  ASSERT_EQ(row["highlights"]["trigger"].get(trigger), simdjson::SUCCESS);
  EXPECT_EQ(Str(row, "sentence").substr(size_t(int64_t(trigger.at(0))),
                                        size_t(int64_t(trigger.at(1)) - int64_t(trigger.at(0)))),
            "attacked");
  ASSERT_EQ(Get("/api/mentions?id=" + std::to_string(Int(row, "id")), &d), 200);
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(rows.size(), 3u);
  ASSERT_EQ(Get("/api/events?text=praised&offset=1&limit=2", &d), 200);
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(rows.size(), 2u);
}

TEST_F(ServerTest, DyadNetworkTop) {
  simdjson::dom::element d;
  ASSERT_EQ(Get("/api/dyad?source=GON*&target=MOR&by=month", &d), 200);
  simdjson::dom::array rows;
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(Str(rows.at(0), "period"), "2025-03");
  EXPECT_EQ(Int(rows.at(0), "events"), 6);
  EXPECT_EQ(Int(rows.at(0), "material_conflict"), 3);
  EXPECT_EQ(Int(rows.at(0), "verbal_conflict"), 3);
  ASSERT_EQ(Get("/api/dyad?target=MOR&by=week&split=1", &d), 200);
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(Str(rows.at(0), "target"), "MOR");

  ASSERT_EQ(Get("/api/network?edges=2", &d), 200);
  simdjson::dom::array nodes, edges;
  ASSERT_EQ(d["nodes"].get(nodes), simdjson::SUCCESS);
  ASSERT_EQ(d["edges"].get(edges), simdjson::SUCCESS);
  EXPECT_EQ(edges.size(), 2u);
  EXPECT_EQ(nodes.size(), 3u);  // GONMIL, MOR, GON
  EXPECT_EQ(Str(edges.at(0), "source"), "GONMIL");
  ASSERT_EQ(Get("/api/network?level=country", &d), 200);

  ASSERT_EQ(Get("/api/top?what=actors&limit=1", &d), 200);
  ASSERT_EQ(d["rows"].get(rows), simdjson::SUCCESS);
  EXPECT_EQ(Str(rows.at(0), "actor"), "MOR");
  ASSERT_EQ(Get("/api/top?what=codes&quad=4", &d), 200);
}

TEST_F(ServerTest, BadRequestsGetJsonErrors) {
  simdjson::dom::element d;
  EXPECT_EQ(Get("/api/events?colour=red", &d), 400);
  EXPECT_NE(Str(d, "error").find("colour"), std::string::npos);
  EXPECT_EQ(Get("/api/events?from=yesterday", &d), 400);
  EXPECT_EQ(Get("/api/events?limit=100000", &d), 400);
  EXPECT_EQ(Get("/api/events?cursor=nonsense", &d), 400);
  EXPECT_EQ(Get("/api/events?text=%22open", &d), 400);
  EXPECT_EQ(Get("/api/events?source=USA%27%20OR%201%3D1", &d), 400);
  EXPECT_EQ(Get("/api/dyad?by=year", &d), 400);
  EXPECT_EQ(Get("/api/network?edges=0", &d), 400);
  EXPECT_EQ(Get("/api/top?what=everything", &d), 400);
  EXPECT_EQ(Get("/api/mentions?id=abc", &d), 400);
  EXPECT_EQ(Get("/api/nothing-here", &d), 404);
  EXPECT_EQ(Get("/", nullptr), 404);  // no dashboard configured here
  // Bounded requests: a long URI and a body are refused.
  EXPECT_EQ(Get("/api/events?text=" + std::string(10000, 'a'), nullptr), 414);
  auto res = client_->Post("/api/events", std::string(100000, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
  // The store is untouched and the server still answers.
  ASSERT_EQ(Get("/api/stats", &d), 200);
  EXPECT_EQ(Int(d, "events"), 20);
}

TEST_F(ServerTest, ServesWhileTheStoreIsWritten) {
  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      while (!done) {
        auto r = c.Get("/api/dyad?source=MOR&by=day");
        if (r && r->status == 200) ++ok;
        else ++failed;
      }
    });
  }
  {
    auto store = EventStore::Open(path_);
    ASSERT_TRUE(store.ok());
    Pipeline p(testing::FictionalDict(), {});
    Coder coder = p.NewCoder();
    for (int i = 0; i < 40; ++i) {
      Document d{"w" + std::to_string(i), "2025-05-0" + std::to_string(1 + i % 9), "",
                 "Mordor attacked Gondor. Gondor condemned Mordor.", "Wire", "", "{}"};
      std::vector<Sentence> s;
      std::vector<Event> e;
      coder.Code(d, &s, &e);
      ASSERT_CASUS_OK(store.value()->PutDocument(d, s, e));
    }
  }
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  simdjson::dom::element d;
  ASSERT_EQ(Get("/api/stats", &d), 200);
  EXPECT_EQ(Int(d, "events"), 100);
  EXPECT_EQ(Int(d, "articles"), 52);
}

TEST(ServerOptionsTest, DefaultsAreLoopbackAndBounded) {
  ServerOptions o;
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_LE(o.max_body_bytes, 65536u);
  o.db = testing::FreshDbPath("missing_dir") + "/nope/x.db";
  EXPECT_FALSE(Server::Create(o).ok());
  o.db = testing::BuildFixtureDb("server_opts");
  o.web_root = "/nonexistent-casus-web";
  EXPECT_FALSE(Server::Create(o).ok());
}

}  // namespace
}  // namespace casus
