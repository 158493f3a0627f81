#include <sqlite3.h>

#include "casus/store.h"
#include "casus/writer.h"
#include "dict/cameo_codes.h"

namespace casus {

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents(
  id       TEXT PRIMARY KEY,
  date     TEXT NOT NULL,
  title    TEXT,
  source   TEXT,
  url      TEXT,
  text     TEXT NOT NULL,
  extra    TEXT NOT NULL DEFAULT '{}',
  coded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE IF NOT EXISTS sentences(
  doc_id     TEXT NOT NULL,
  sent_index INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY(doc_id, sent_index)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events(
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL,
  sent_index  INTEGER NOT NULL,
  date        TEXT NOT NULL,
  source      TEXT NOT NULL,
  target      TEXT NOT NULL,
  code        TEXT NOT NULL,
  root        TEXT NOT NULL,
  quad_class  INTEGER NOT NULL,
  goldstein   REAL NOT NULL,
  plover      TEXT,
  attribution TEXT,
  evidence    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc  ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);
CREATE INDEX IF NOT EXISTS events_root ON events(root, date);
)sql";

void Bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
}
void BindOrNull(sqlite3_stmt* s, int i, const std::string& v) {
  if (v.empty()) sqlite3_bind_null(s, i);
  else Bind(s, i, v);
}
std::string Col(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

EventStore::~EventStore() {
  if (in_tx_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  for (sqlite3_stmt* s : {del_events_, del_sentences_, put_doc_, put_sentence_, put_event_})
    sqlite3_finalize(s);
  if (db_) sqlite3_close(db_);
}

Status EventStore::Error(const char* what) const {
  return Status::IOError(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
}

Status EventStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError(path_ + ": " + m);
  }
  return Status::OK();
}

Status EventStore::Prepare(const char* sql, sqlite3_stmt** stmt) {
  if (sqlite3_prepare_v2(db_, sql, -1, stmt, nullptr) != SQLITE_OK) return Error("prepare");
  return Status::OK();
}

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path, bool read_only) {
  std::unique_ptr<EventStore> s(new EventStore());
  s->path_ = path;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &s->db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    return s->Error("cannot open database");
  sqlite3_busy_timeout(s->db_, 10000);
  if (!read_only) {
    CASUS_TRY(s->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
    CASUS_TRY(s->Exec(kSchema));
    std::string v = "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
                    std::to_string(kSchemaVersion) + "')";
    CASUS_TRY(s->Exec(v.c_str()));
    CASUS_TRY(s->Prepare("DELETE FROM events WHERE doc_id = ?1", &s->del_events_));
    CASUS_TRY(s->Prepare("DELETE FROM sentences WHERE doc_id = ?1", &s->del_sentences_));
    CASUS_TRY(s->Prepare(
        "INSERT OR REPLACE INTO documents(id, date, title, source, url, text, extra) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &s->put_doc_));
    CASUS_TRY(s->Prepare(
        "INSERT INTO sentences(doc_id, sent_index, start, end, text) VALUES(?1, ?2, ?3, ?4, ?5)",
        &s->put_sentence_));
    CASUS_TRY(s->Prepare(
        "INSERT INTO events(doc_id, sent_index, date, source, target, code, root, quad_class, "
        "goldstein, plover, attribution, evidence) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        &s->put_event_));
  } else {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(s->db_, "SELECT count(*) FROM documents", -1, &st, nullptr) != SQLITE_OK)
      return Status::NotFound(path + " is not a casus database (no documents table)");
    sqlite3_finalize(st);
  }
  return s;
}

Status EventStore::Begin() {
  if (in_tx_) return Status::OK();
  CASUS_TRY(Exec("BEGIN IMMEDIATE"));
  in_tx_ = true;
  return Status::OK();
}

Status EventStore::Commit() {
  if (!in_tx_) return Status::OK();
  in_tx_ = false;
  return Exec("COMMIT");
}

Status EventStore::PutDocument(const Document& doc, const std::vector<Sentence>& sentences,
                               const std::vector<Event>& events) {
  if (!put_doc_) return Status::InvalidArgument(path_ + " is open read-only");
  const bool own_tx = !in_tx_;
  if (own_tx) CASUS_TRY(Begin());
  // A savepoint per document: a failure undoes this document only.
  CASUS_TRY(Exec("SAVEPOINT doc"));
  auto step = [&](sqlite3_stmt* s, const char* what) -> Status {
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_DONE) return Error(what);
    return Status::OK();
  };
  Status st;
  do {
    Bind(del_events_, 1, doc.id);
    if (!(st = step(del_events_, "delete events")).ok()) break;
    Bind(del_sentences_, 1, doc.id);
    if (!(st = step(del_sentences_, "delete sentences")).ok()) break;
    Bind(put_doc_, 1, doc.id);
    Bind(put_doc_, 2, doc.date);
    BindOrNull(put_doc_, 3, doc.title);
    BindOrNull(put_doc_, 4, doc.source);
    BindOrNull(put_doc_, 5, doc.url);
    Bind(put_doc_, 6, doc.text);
    Bind(put_doc_, 7, doc.extra_json);
    if (!(st = step(put_doc_, "store document")).ok()) break;
    for (const Sentence& s : sentences) {
      Bind(put_sentence_, 1, doc.id);
      sqlite3_bind_int(put_sentence_, 2, s.index);
      sqlite3_bind_int64(put_sentence_, 3, s.start);
      sqlite3_bind_int64(put_sentence_, 4, s.end);
      sqlite3_bind_text(put_sentence_, 5, doc.text.data() + s.start, int(s.end - s.start),
                        SQLITE_TRANSIENT);
      if (!(st = step(put_sentence_, "store sentence")).ok()) break;
    }
    if (!st.ok()) break;
    for (const Event& e : events) {
      Bind(put_event_, 1, doc.id);
      sqlite3_bind_int(put_event_, 2, e.sent_index);
      Bind(put_event_, 3, e.date);
      Bind(put_event_, 4, e.source);
      Bind(put_event_, 5, e.target);
      Bind(put_event_, 6, e.code);
      Bind(put_event_, 7, e.root);
      sqlite3_bind_int(put_event_, 8, e.quad_class);
      sqlite3_bind_double(put_event_, 9, e.goldstein);
      BindOrNull(put_event_, 10, e.plover);
      BindOrNull(put_event_, 11, e.attribution);
      Bind(put_event_, 12, EvidenceToJson(e));
      if (!(st = step(put_event_, "store event")).ok()) break;
    }
  } while (false);
  if (st.ok()) {
    st = Exec("RELEASE doc");
  } else {
    Exec("ROLLBACK TO doc");
    Exec("RELEASE doc");
  }
  if (own_tx) {
    Status c = Commit();
    if (st.ok()) st = c;
  }
  return st;
}

Result<StoreStats> EventStore::Stats(int top) const {
  StoreStats out;
  auto scalar = [&](const char* sql, int64_t* v) -> Status {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) return Error("query");
    if (sqlite3_step(s) == SQLITE_ROW) *v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return Status::OK();
  };
  CASUS_TRY(scalar("SELECT count(*) FROM documents", &out.articles));
  CASUS_TRY(scalar("SELECT count(*) FROM sentences", &out.sentences));
  CASUS_TRY(scalar("SELECT count(*) FROM events", &out.events));
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT root, count(*) FROM events GROUP BY root ORDER BY root", -1,
                         &s, nullptr) != SQLITE_OK)
    return Error("query");
  while (sqlite3_step(s) == SQLITE_ROW) {
    RootCount rc;
    rc.root = Col(s, 0);
    rc.label = std::string(dict::RootLabel(rc.root));
    rc.events = sqlite3_column_int64(s, 1);
    out.by_root.push_back(std::move(rc));
  }
  sqlite3_finalize(s);
  if (sqlite3_prepare_v2(db_,
                         "SELECT source, target, count(*) AS n FROM events "
                         "GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?1",
                         -1, &s, nullptr) != SQLITE_OK)
    return Error("query");
  sqlite3_bind_int(s, 1, top);
  while (sqlite3_step(s) == SQLITE_ROW)
    out.top_dyads.push_back(DyadCount{Col(s, 0), Col(s, 1), sqlite3_column_int64(s, 2)});
  sqlite3_finalize(s);
  return out;
}

}  // namespace casus
