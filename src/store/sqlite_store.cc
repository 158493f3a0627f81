#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <string_view>

#include "casus/store.h"
#include "casus/writer.h"
#include "common/date.h"
#include "store/window.h"
#include "dict/cameo_codes.h"

namespace casus {

namespace {

// Version 1: documents, sentences (WITHOUT ROWID), events.
// Version 2: events.mode; sentences get a rowid for the FTS5 index
// sentences_fts; dedup_events (GDELT-style deduplication); actors.
// Version 3: events.event_date and the event's place (location,
// location_country, lat, lon); dedup_events and country_days count only
// asserted events (mode NULL).
// Version 4: a month bucket (YYYYMM of the date) leads the dyad indexes of
// events and dedup_events and the key of country_days; `months` lists the
// buckets. A commit's inserts then land in the index pages of the
// current months instead of one page per dyad (4x fewer pages written per
// commit in store_bench); queries seek each month (`month IN months`).
// docs/storage.md describes every table.
constexpr const char* kSchemaTables = R"sql(
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
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id     TEXT NOT NULL,
  sent_index INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  UNIQUE(doc_id, sent_index)
);
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
  evidence    TEXT NOT NULL,
  mode        TEXT,
  event_date  TEXT,
  location    TEXT,
  location_country TEXT,
  lat         REAL,
  lon         REAL,
  location_admin1 TEXT,
  location_kind TEXT,
  month       INTEGER NOT NULL DEFAULT 0
);
-- Sentence ids only grow (AUTOINCREMENT): the store indexes the sentences of a
-- transaction in one statement at commit (id > the mark taken at Begin), as
-- FTS5 would otherwise flush its buffers at every statement.
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
  text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS dedup_events(
  id           INTEGER PRIMARY KEY,
  window_start TEXT NOT NULL,
  window_end   TEXT NOT NULL,
  source       TEXT NOT NULL,
  target       TEXT NOT NULL,
  code         TEXT NOT NULL,
  root         TEXT NOT NULL,
  quad_class   INTEGER NOT NULL,
  goldstein    REAL NOT NULL,
  plover       TEXT,
  mode         TEXT,
  first_date   TEXT NOT NULL,
  last_date    TEXT NOT NULL,
  num_mentions INTEGER NOT NULL,
  num_sources  INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  is_root      INTEGER NOT NULL,
  first_event  INTEGER NOT NULL,
  month        INTEGER NOT NULL DEFAULT 0,  -- of window_start
  UNIQUE(month, source, target, window_start, code)  -- also the dyad index
);
-- Events per (source country, target country, day, quad class): the dyad
-- series of country prefixes (USA* -> RUS*) without reading every event.
CREATE TABLE IF NOT EXISTS country_days(
  source        TEXT NOT NULL,
  target        TEXT NOT NULL,
  date          TEXT NOT NULL,
  quad_class    INTEGER NOT NULL,
  events        INTEGER NOT NULL,
  goldstein_sum REAL NOT NULL,
  month         INTEGER NOT NULL,
  PRIMARY KEY(month, source, target, date, quad_class)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actors(
  code    TEXT PRIMARY KEY,
  example TEXT
) WITHOUT ROWID;
-- Every month bucket of events, dedup_events and country_days (rows stay
-- when their events go: an empty month costs one index seek).
CREATE TABLE IF NOT EXISTS months(month INTEGER PRIMARY KEY);
)sql";

constexpr const char* kSchemaIndexes = R"sql(
CREATE INDEX IF NOT EXISTS events_doc    ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date   ON events(date);
-- Covers the dyad time series (no table look-up).
CREATE INDEX IF NOT EXISTS events_dyad4  ON events(month, source, target, date, quad_class, goldstein, mode);
-- Target first: a target alone is searched here (a commit touches one page
-- per target, not per dyad).
CREATE INDEX IF NOT EXISTS events_target ON events(target, date);
CREATE INDEX IF NOT EXISTS dedup_target ON dedup_events(target, window_start);
CREATE INDEX IF NOT EXISTS dedup_date   ON dedup_events(window_start);
)sql";

// The columns of dedup_events before version 4, copied by the migration.
constexpr const char* kDedupColumnsV3 =
    "id, window_start, window_end, source, target, code, root, quad_class, goldstein, plover, "
    "mode, first_date, last_date, num_mentions, num_sources, num_articles, is_root, first_event";

constexpr char kSep = '\x1f';

// Binds without a copy: REQUIRES `v` to outlive the statement's next step.
void BindStatic(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_STATIC);
}
void BindStaticOrNull(sqlite3_stmt* s, int i, const std::string& v) {
  if (v.empty()) sqlite3_bind_null(s, i);
  else BindStatic(s, i, v);
}
void Bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
}
void BindOrNull(sqlite3_stmt* s, int i, const std::string& v) {
  if (v.empty()) sqlite3_bind_null(s, i);
  else Bind(s, i, v);
}
void AddDistinct(std::vector<std::string>* set, const std::string& v) {
  if (std::find(set->begin(), set->end(), v) == set->end()) set->push_back(v);
}
std::string Col(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// The lock file of a bulk load: held (flock) by the process loading, so
// that another process can tell a running load from one that died.
std::string BulkLockPath(const std::string& db) { return db + "-bulk"; }

// Opens and locks the lock file; -1 when another process holds it or it
// cannot be created.
int LockBulk(const std::string& db) {
  int fd = ::open(BulkLockPath(db).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

EventStore::~EventStore() {
  if (put_doc_) Finish();
  for (sqlite3_stmt* s : {has_doc_, del_events_, del_sentences_, put_doc_, put_sentence_,
                          put_event_, old_events_, dedup_agg_, dedup_put_, dedup_del_, put_actor_,
                          fts_mark_stmt_, fts_add_, fts_del_, fts_has_, dedup_ins_,
                          country_put_, country_del_,
                          put_month_, bulk_del_events_})
    sqlite3_finalize(s);
  if (db_) sqlite3_close(db_);
  if (bulk_lock_fd_ >= 0) ::close(bulk_lock_fd_);
}

Status EventStore::Error(const char* what) const {
  return Status::IOError(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
}

// Runs a prepared statement to its end (or its first row) and resets it for
// the next use.
Status EventStore::Step(sqlite3_stmt* s, const char* what) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(what);
  return Status::OK();
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

namespace {

// Reads one integer or text value of a one-row query; false when no row.
bool QueryText(sqlite3* db, const char* sql, std::string* out) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return false;
  bool found = sqlite3_step(s) == SQLITE_ROW;
  if (found) *out = Col(s, 0);
  sqlite3_finalize(s);
  return found;
}

bool TableExists(sqlite3* db, const char* name) {
  std::string sql = std::string("SELECT 1 FROM sqlite_master WHERE name = '") + name + "'";
  std::string v;
  return QueryText(db, sql.c_str(), &v);
}

// The stored schema version: 0 for an empty file, 1 for files written
// before the meta row existed.
int StoredVersion(sqlite3* db) {
  std::string v;
  if (TableExists(db, "meta") &&
      QueryText(db, "SELECT value FROM meta WHERE key = 'schema_version'", &v))
    return std::atoi(v.c_str());
  return TableExists(db, "documents") ? 1 : 0;
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path, bool read_only) {
  StoreOptions o;
  o.read_only = read_only;
  return Open(path, o);
}

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path,
                                                     const StoreOptions& options) {
  const bool read_only = options.read_only;
  if (options.dedup_window_days < 0 || options.dedup_window_days > 366)
    return Status::InvalidArgument("deduplication window must be 1 to 366 days");
  std::unique_ptr<EventStore> s(new EventStore());
  s->path_ = path;
  s->bulk_allowed_ = options.bulk_load;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &s->db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    return s->Error("cannot open database");
  sqlite3_busy_timeout(s->db_, 10000);
  if (read_only) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(s->db_, "SELECT count(*) FROM documents", -1, &st, nullptr) != SQLITE_OK)
      return Status::NotFound(path + " is not a casus database (no documents table)");
    sqlite3_finalize(st);
    s->schema_version_ = StoredVersion(s->db_);
    std::string w;
    if (s->schema_version_ >= 2 &&
        QueryText(s->db_, "SELECT value FROM meta WHERE key = 'dedup_window_days'", &w))
      s->window_days_ = std::max(1, std::atoi(w.c_str()));
    return s;
  }
  // A larger page cache keeps the indexes of a big store in memory while
  // ingesting (512 MiB: store_bench at 1M events, a 1.2 GB file, spent 5% less
  // CPU than with 128 MiB). Checkpoints every 65536 WAL pages (256 MiB): a
  // commit of 500 documents dirties thousands of index pages, and with 8192
  // nearly every commit copied them back to the file (commits took 30% less
  // CPU). The WAL file may grow to about that size while writing.
  CASUS_TRY(s->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; "
                    "PRAGMA wal_autocheckpoint=65536;"));
  CASUS_TRY(s->Exec("BEGIN IMMEDIATE"));
  s->in_tx_ = true;
  const int version = StoredVersion(s->db_);
  if (version > kStoreSchemaVersion) {
    s->Exec("ROLLBACK");
    s->in_tx_ = false;
    return Status::InvalidArgument(path + " has schema version " + std::to_string(version) +
                                   ", newer than this casus (" +
                                   std::to_string(kStoreSchemaVersion) + ")");
  }
  Status st = Status::OK();
  if (version == 1) st = s->Migrate(1);
  if (st.ok() && (version == 1 || version == 2)) st = s->Migrate(2);
  if (st.ok() && version >= 1 && version <= 3) st = s->Migrate(3);
  if (st.ok()) st = s->Exec(kSchemaTables);
  if (st.ok()) st = s->Exec(kSchemaIndexes);
  if (st.ok()) {
    std::string v = "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '" +
                    std::to_string(kStoreSchemaVersion) + "')";
    st = s->Exec(v.c_str());
  }
  // FTS5 merges its segments less often: each transaction adds one segment,
  // and the default (merge 4 segments of a level, crisis at 16) rewrote the
  // index about twice as often; queries read a few more segments instead.
  // Stored in sentences_fts_config, so it also holds for older files.
  if (st.ok())
    st = s->Exec(
        "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('automerge', 16); "
        "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('crisismerge', 64);");
  if (st.ok()) st = s->PrepareWriters();
  bool rebuild = version == 1;
  // A bulk load that did not finish (the process died): the indexes were
  // created again above; the deduplicated events, country days and the FTS5
  // index are rebuilt from what was committed.
  std::string unfinished;
  const bool bulk_flag =
      st.ok() && QueryText(s->db_, "SELECT value FROM meta WHERE key = 'bulk_load'", &unfinished);
  int lock = bulk_flag ? LockBulk(path) : -1;
  const bool recover = bulk_flag && lock >= 0;
  // Another process is bulk loading: this store writes per commit, and
  // leaves country_days (empty until that load finishes) alone.
  const bool other_bulk = bulk_flag && !recover;
  if (lock >= 0) ::close(lock);
  if (other_bulk) s->bulk_decided_ = true;
  if (recover) {
    rebuild = true;
    st = s->Exec(
        "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild'); "
        "DELETE FROM meta WHERE key = 'bulk_load';");
    if (st.ok()) st = s->RebuildCountryDays();
  }
  if (st.ok()) {
    std::string w;
    int stored = QueryText(s->db_, "SELECT value FROM meta WHERE key = 'dedup_window_days'", &w)
                     ? std::atoi(w.c_str())
                     : 0;
    int want = options.dedup_window_days > 0 ? options.dedup_window_days
                                             : (stored > 0 ? stored : 1);
    if (stored != want) {
      std::string q = "INSERT OR REPLACE INTO meta(key, value) VALUES('dedup_window_days', '" +
                      std::to_string(want) + "')";
      st = s->Exec(q.c_str());
      rebuild = rebuild || stored != 0;
    }
    s->window_days_ = want;
  }
  if (st.ok() && rebuild) st = s->RebuildDedup();
  if (st.ok() && !other_bulk) {
    // An upgraded file (or one written before country_days existed).
    std::string any;
    if (!QueryText(s->db_, "SELECT 1 FROM country_days LIMIT 1", &any) &&
        QueryText(s->db_, "SELECT 1 FROM events LIMIT 1", &any))
      st = s->RebuildCountryDays();
  }
  if (!st.ok()) {
    s->Exec("ROLLBACK");
    s->in_tx_ = false;
    return st;
  }
  s->in_tx_ = false;
  CASUS_TRY(s->Exec("COMMIT"));
  if (recover) ::unlink(BulkLockPath(path).c_str());
  s->schema_version_ = kStoreSchemaVersion;
  return s;
}

namespace {

bool HasColumn(sqlite3* db, const char* table, const char* column) {
  std::string sql = std::string("SELECT 1 FROM pragma_table_info('") + table +
                    "') WHERE name = '" + column + "'";
  std::string v;
  return QueryText(db, sql.c_str(), &v);
}

// kMonthSql on `column`.
std::string MonthSql(const char* column) {
  char buf[256];
  std::snprintf(buf, sizeof buf, kMonthSql, column, column);
  return buf;
}

}  // namespace

Status EventStore::Migrate(int from_version) {
  if (from_version == 3) {
    // 3 -> 4: month buckets lead the dyad and target indexes (the tables
    // of older versions were brought to version 3 first).
    if (!HasColumn(db_, "events", "month")) {
      CASUS_TRY(Exec("ALTER TABLE events ADD COLUMN month INTEGER NOT NULL DEFAULT 0"));
      CASUS_TRY(Exec(("UPDATE events SET month = " + MonthSql("date")).c_str()));
    }
    CASUS_TRY(Exec("DROP INDEX IF EXISTS events_dyad3"));
    // The unique key of dedup_events is part of the table: copy it into the
    // new table, ids unchanged (they are GDELT's GlobalEventID in exports).
    if (TableExists(db_, "dedup_events") && !HasColumn(db_, "dedup_events", "month")) {
      CASUS_TRY(Exec("ALTER TABLE dedup_events RENAME TO dedup_events_v3"));
      CASUS_TRY(Exec(kSchemaTables));
      std::string copy = std::string("INSERT INTO dedup_events(") + kDedupColumnsV3 +
                         ", month) SELECT " + kDedupColumnsV3 + ", " +
                         MonthSql("window_start") + " FROM dedup_events_v3";
      CASUS_TRY(Exec(copy.c_str()));
      CASUS_TRY(Exec("DROP TABLE dedup_events_v3"));
    }
    // country_days is recounted from the events (Open does it when empty).
    if (TableExists(db_, "country_days") && !HasColumn(db_, "country_days", "month"))
      CASUS_TRY(Exec("DROP TABLE country_days"));
    CASUS_TRY(Exec(kSchemaTables));
    return Exec(
        "INSERT OR IGNORE INTO months(month) SELECT DISTINCT month FROM events; "
        "INSERT OR IGNORE INTO months(month) SELECT DISTINCT month FROM dedup_events;");
  }
  if (from_version == 2) {
    // 2 -> 3: the event's date and place. Events stored before have none
    // (event_date NULL reads as the article date).
    CASUS_TRY(Exec("DROP INDEX IF EXISTS events_dyad2; "
                   "ALTER TABLE events ADD COLUMN event_date TEXT; "
                   "ALTER TABLE events ADD COLUMN location TEXT; "
                   "ALTER TABLE events ADD COLUMN location_country TEXT; "
                   "ALTER TABLE events ADD COLUMN lat REAL; "
                   "ALTER TABLE events ADD COLUMN lon REAL; "
                   "ALTER TABLE events ADD COLUMN location_admin1 TEXT; "
                   "ALTER TABLE events ADD COLUMN location_kind TEXT;"));
    return Status::OK();
  }
  if (from_version != 1) return Status::Internal("no migration from version " + std::to_string(from_version));
  // 1 -> 2: events.mode, sentences with a rowid (for FTS5), the new tables.
  CASUS_TRY(Exec("ALTER TABLE events ADD COLUMN mode TEXT"));
  // events_dyad3 covers the dyad series; root filters use the date index.
  CASUS_TRY(Exec("DROP INDEX IF EXISTS events_dyad; DROP INDEX IF EXISTS events_root;"));
  CASUS_TRY(Exec(R"sql(
    ALTER TABLE sentences RENAME TO sentences_v1;
    CREATE TABLE sentences(
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id     TEXT NOT NULL,
      sent_index INTEGER NOT NULL,
      start      INTEGER NOT NULL,
      end        INTEGER NOT NULL,
      text       TEXT NOT NULL,
      UNIQUE(doc_id, sent_index));
    INSERT INTO sentences(doc_id, sent_index, start, end, text)
      SELECT doc_id, sent_index, start, end, text FROM sentences_v1 ORDER BY doc_id, sent_index;
    DROP TABLE sentences_v1;
  )sql"));
  CASUS_TRY(Exec(kSchemaTables));
  CASUS_TRY(Exec("INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild')"));
  CASUS_TRY(Exec(
      "INSERT OR IGNORE INTO actors(code, example) "
      "SELECT source, json_extract(evidence, '$.source.text') FROM events WHERE source <> '---' "
      "UNION ALL "
      "SELECT target, json_extract(evidence, '$.target.text') FROM events WHERE target <> '---'"));
  return Status::OK();
}

Status EventStore::PrepareWriters() {
  CASUS_TRY(Prepare("SELECT 1 FROM documents WHERE id = ?1", &has_doc_));
  CASUS_TRY(Prepare("DELETE FROM events WHERE doc_id = ?1", &del_events_));
  CASUS_TRY(Prepare("DELETE FROM sentences WHERE doc_id = ?1", &del_sentences_));
  CASUS_TRY(Prepare(
      "INSERT OR REPLACE INTO documents(id, date, title, source, url, text, extra) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      &put_doc_));
  CASUS_TRY(Prepare(
      "INSERT INTO sentences(doc_id, sent_index, start, end, text) VALUES(?1, ?2, ?3, ?4, ?5)",
      &put_sentence_));
  CASUS_TRY(Prepare(
      "INSERT INTO events(doc_id, sent_index, date, source, target, code, root, quad_class, "
      "goldstein, plover, attribution, evidence, mode, event_date, location, location_country, "
      "lat, lon, location_admin1, location_kind, month) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20, ?21)",
      &put_event_));
  CASUS_TRY(Prepare("SELECT date, source, target, code, quad_class, goldstein FROM events WHERE doc_id = ?1 "
                    "AND mode IS NULL",
                    &old_events_));
  // One deduplicated event: the mentions of (source, target, code) in the window.
  // An article without an outlet name counts as its own source.
  CASUS_TRY(Prepare(
      "SELECT count(*), count(DISTINCT e.doc_id), "
      "count(DISTINCT coalesce(nullif(d.source, ''), '#' || e.doc_id)), "
      "min(e.date), max(e.date), min(e.sent_index), min(e.id), "
      "min(e.root), min(e.quad_class), min(e.goldstein), min(e.plover), max(e.mode) "
      "FROM events e JOIN documents d ON d.id = e.doc_id "
      "WHERE e.month IN (SELECT month FROM months WHERE month BETWEEN ?6 AND ?7) "
      "AND e.source = ?1 AND e.target = ?2 AND e.date >= ?3 AND e.date <= ?4 AND e.code = ?5 "
      "AND e.mode IS NULL",
      &dedup_agg_));
  CASUS_TRY(Prepare(
      "INSERT INTO dedup_events(window_start, window_end, source, target, code, root, quad_class, "
      "goldstein, plover, mode, first_date, last_date, num_mentions, num_sources, num_articles, "
      "is_root, first_event, month) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
      "ON CONFLICT(month, source, target, window_start, code) DO UPDATE SET "
      "window_end = excluded.window_end, root = excluded.root, quad_class = excluded.quad_class, "
      "goldstein = excluded.goldstein, plover = excluded.plover, mode = excluded.mode, "
      "first_date = excluded.first_date, last_date = excluded.last_date, "
      "num_mentions = excluded.num_mentions, num_sources = excluded.num_sources, "
      "num_articles = excluded.num_articles, is_root = excluded.is_root, "
      "first_event = excluded.first_event",
      &dedup_put_));
  CASUS_TRY(Prepare(
      "INSERT INTO dedup_events(window_start, window_end, source, target, code, root, quad_class, "
      "goldstein, plover, mode, first_date, last_date, num_mentions, num_sources, num_articles, "
      "is_root, first_event, month) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
      "ON CONFLICT DO NOTHING",
      &dedup_ins_));
  CASUS_TRY(Prepare(
      "DELETE FROM dedup_events WHERE month = ?5 AND window_start = ?1 AND source = ?2 "
      "AND target = ?3 AND code = ?4",
      &dedup_del_));
  CASUS_TRY(Prepare("INSERT OR IGNORE INTO actors(code, example) VALUES(?1, ?2)", &put_actor_));
  CASUS_TRY(Prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sentences'", &fts_mark_stmt_));
  CASUS_TRY(Prepare(
      "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE id > ?1",
      &fts_add_));
  // Only sentences indexed by an earlier transaction are in the index.
  CASUS_TRY(Prepare(
      "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
      "SELECT 'delete', id, text FROM sentences WHERE doc_id = ?1 AND id <= ?2",
      &fts_del_));
  CASUS_TRY(Prepare(
      "SELECT EXISTS(SELECT 1 FROM sentences WHERE doc_id = ?1 AND id <= ?2)", &fts_has_));
  CASUS_TRY(Prepare(
      "INSERT INTO country_days(source, target, date, quad_class, events, goldstein_sum, month) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
      "events = events + excluded.events, goldstein_sum = goldstein_sum + excluded.goldstein_sum",
      &country_put_));
  CASUS_TRY(Prepare(
      "DELETE FROM country_days WHERE source = ?1 AND target = ?2 AND date = ?3 AND "
      "quad_class = ?4 AND month = ?7 AND events <= 0",
      &country_del_));
  CASUS_TRY(Prepare("INSERT OR IGNORE INTO months(month) VALUES(?1)", &put_month_));
  CASUS_TRY(Prepare("DELETE FROM events WHERE id BETWEEN ?1 AND ?2", &bulk_del_events_));
  return Status::OK();
}

void EventStore::MarkDirty(const std::string& date, const std::string& source,
                           const std::string& target, const std::string& code) {
  dirty_.insert(DedupKey(date, source, target, code));
}

std::string EventStore::DedupKey(const std::string& date, const std::string& source,
                                 const std::string& target, const std::string& code) const {
  std::string start, end;
  WindowOf(date, window_days_, &start, &end);
  std::string key;
  key.reserve(start.size() + source.size() + target.size() + code.size() + 3);
  key += start;
  key += kSep;
  key += source;
  key += kSep;
  key += target;
  key += kSep;
  key += code;
  return key;
}

void EventStore::AddMonth(int month) {
  if (std::find(months_.begin(), months_.end(), month) == months_.end()) months_.push_back(month);
}

Status EventStore::WriteMonths() {
  for (int m : months_) {
    sqlite3_bind_int(put_month_, 1, m);
    int rc = sqlite3_step(put_month_);
    sqlite3_reset(put_month_);
    if (rc != SQLITE_DONE) return Error("store months");
  }
  months_.clear();
  return Status::OK();
}

Status EventStore::WriteActors() {
  for (const auto& [code, actor] : new_actors_) {
    Bind(put_actor_, 1, code);
    BindOrNull(put_actor_, 2, actor.example);
    int rc = sqlite3_step(put_actor_);
    sqlite3_reset(put_actor_);
    sqlite3_clear_bindings(put_actor_);
    if (rc != SQLITE_DONE) return Error("store actor");
  }
  new_actors_.clear();
  return Status::OK();
}

Status EventStore::RefreshDedup() {
  if (!dedup_agg_) return Status::OK();
  auto step = [this](sqlite3_stmt* s, const char* what) { return Step(s, what); };
  // The months of this transaction's events and of their windows, first:
  // the recounts below read the events month by month.
  auto window_month = [](const std::string& key) {
    return MonthOf(std::string_view(key).substr(0, key.find(kSep)));
  };
  for (const auto& kv : pending_) AddMonth(window_month(kv.first));
  for (const std::string& k : dirty_) AddMonth(window_month(k));
  CASUS_TRY(WriteMonths());
  CASUS_TRY(WriteActors());
  // New keys: the counts gathered in memory are complete, because a key
  // without a row has no mentions stored before this transaction. A key that
  // has a row already is recounted from the mentions below.
  std::vector<const std::pair<const std::string, PendingDedup>*> fresh;
  fresh.reserve(pending_.size());
  for (const auto& kv : pending_)
    if (!dirty_.count(kv.first)) fresh.push_back(&kv);
  std::sort(fresh.begin(), fresh.end(), [](auto* x, auto* y) { return x->first < y->first; });
  for (const auto* kv : fresh) {
    const std::string& key = kv->first;
    const PendingDedup& p = kv->second;
    size_t a = key.find(kSep), b = key.find(kSep, a + 1), c = key.find(kSep, b + 1);
    std::string start = key.substr(0, a), end = start;
    if (window_days_ > 1) {
      std::string ignored;
      WindowOf(start, window_days_, &ignored, &end);
    }
    sqlite3_bind_text(dedup_ins_, 1, start.data(), int(start.size()), SQLITE_STATIC);
    sqlite3_bind_text(dedup_ins_, 2, end.data(), int(end.size()), SQLITE_STATIC);
    sqlite3_bind_text(dedup_ins_, 3, key.data() + a + 1, int(b - a - 1), SQLITE_STATIC);
    sqlite3_bind_text(dedup_ins_, 4, key.data() + b + 1, int(c - b - 1), SQLITE_STATIC);
    sqlite3_bind_text(dedup_ins_, 5, key.data() + c + 1, int(key.size() - c - 1),
                      SQLITE_STATIC);
    BindStatic(dedup_ins_, 6, p.root);
    sqlite3_bind_int(dedup_ins_, 7, p.quad_class);
    sqlite3_bind_double(dedup_ins_, 8, p.goldstein);
    BindStaticOrNull(dedup_ins_, 9, p.plover);
    sqlite3_bind_null(dedup_ins_, 10);  // mode: not coded yet
    BindStatic(dedup_ins_, 11, p.first_date);
    BindStatic(dedup_ins_, 12, p.last_date);
    sqlite3_bind_int64(dedup_ins_, 13, p.mentions);
    sqlite3_bind_int64(dedup_ins_, 14, int64_t(p.outlets.size()));
    sqlite3_bind_int64(dedup_ins_, 15, int64_t(p.docs.size()));
    // GDELT's IsRootEvent: a mention in the first sentence or in the title
    // (sentence indexes below 0).
    sqlite3_bind_int(dedup_ins_, 16, p.min_sent <= 0 ? 1 : 0);
    sqlite3_bind_int64(dedup_ins_, 17, p.first_event);
    sqlite3_bind_int(dedup_ins_, 18, MonthOf(start));
    CASUS_TRY(step(dedup_ins_, "store deduplicated event"));
    if (sqlite3_changes(db_) == 0) dirty_.insert(key);
  }
  pending_.clear();
  // Sorted, so that the rows are visited in index order.
  std::vector<std::string> keys(dirty_.begin(), dirty_.end());
  dirty_.clear();
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    size_t a = key.find(kSep), b = key.find(kSep, a + 1), c = key.find(kSep, b + 1);
    std::string start = key.substr(0, a);
    std::string source = key.substr(a + 1, b - a - 1);
    std::string target = key.substr(b + 1, c - b - 1);
    std::string code = key.substr(c + 1);
    std::string end = start;
    if (window_days_ > 1) {
      std::string ignored;
      WindowOf(start, window_days_, &ignored, &end);
    }
    Bind(dedup_agg_, 1, source);
    Bind(dedup_agg_, 2, target);
    Bind(dedup_agg_, 3, start);
    Bind(dedup_agg_, 4, end);
    Bind(dedup_agg_, 5, code);
    const int month = MonthOf(start);
    sqlite3_bind_int(dedup_agg_, 6, month);
    sqlite3_bind_int(dedup_agg_, 7, MonthOf(end));
    if (sqlite3_step(dedup_agg_) != SQLITE_ROW) {
      sqlite3_reset(dedup_agg_);
      return Error("deduplicate events");
    }
    int64_t mentions = sqlite3_column_int64(dedup_agg_, 0);
    if (mentions == 0) {
      sqlite3_reset(dedup_agg_);
      sqlite3_clear_bindings(dedup_agg_);
      Bind(dedup_del_, 1, start);
      Bind(dedup_del_, 2, source);
      Bind(dedup_del_, 3, target);
      Bind(dedup_del_, 4, code);
      sqlite3_bind_int(dedup_del_, 5, month);
      CASUS_TRY(step(dedup_del_, "delete deduplicated event"));
      continue;
    }
    Bind(dedup_put_, 1, start);
    Bind(dedup_put_, 2, end);
    Bind(dedup_put_, 3, source);
    Bind(dedup_put_, 4, target);
    Bind(dedup_put_, 5, code);
    sqlite3_bind_value(dedup_put_, 6, sqlite3_column_value(dedup_agg_, 7));   // root
    sqlite3_bind_value(dedup_put_, 7, sqlite3_column_value(dedup_agg_, 8));   // quad_class
    sqlite3_bind_value(dedup_put_, 8, sqlite3_column_value(dedup_agg_, 9));   // goldstein
    sqlite3_bind_value(dedup_put_, 9, sqlite3_column_value(dedup_agg_, 10));  // plover
    sqlite3_bind_value(dedup_put_, 10, sqlite3_column_value(dedup_agg_, 11)); // mode
    sqlite3_bind_value(dedup_put_, 11, sqlite3_column_value(dedup_agg_, 3));  // first_date
    sqlite3_bind_value(dedup_put_, 12, sqlite3_column_value(dedup_agg_, 4));  // last_date
    sqlite3_bind_int64(dedup_put_, 13, mentions);
    sqlite3_bind_int64(dedup_put_, 14, sqlite3_column_int64(dedup_agg_, 2));
    sqlite3_bind_int64(dedup_put_, 15, sqlite3_column_int64(dedup_agg_, 1));
    sqlite3_bind_int(dedup_put_, 16, sqlite3_column_int64(dedup_agg_, 5) <= 0 ? 1 : 0);
    sqlite3_bind_int64(dedup_put_, 17, sqlite3_column_int64(dedup_agg_, 6));
    sqlite3_bind_int(dedup_put_, 18, month);
    Status st = step(dedup_put_, "store deduplicated event");
    sqlite3_reset(dedup_agg_);
    sqlite3_clear_bindings(dedup_agg_);
    CASUS_TRY(st);
  }
  return Status::OK();
}

void EventStore::AddCountryDay(const std::string& date, const std::string& source,
                               const std::string& target, int quad_class, int64_t events,
                               double goldstein) {
  std::string key;
  key.reserve(24);
  key.append(source, 0, 3);
  key += kSep;
  key.append(target, 0, 3);
  key += kSep;
  key += date;
  key += kSep;
  key += char('0' + (quad_class >= 0 && quad_class <= 9 ? quad_class : 0));
  CountryDayDelta& d = doc_country_days_[key];
  d.events += events;
  d.goldstein += goldstein;
}

Status EventStore::RefreshCountryDays() {
  if (!country_put_) return Status::OK();
  std::vector<std::pair<std::string, CountryDayDelta>> rows(country_days_.begin(),
                                                            country_days_.end());
  country_days_.clear();
  std::sort(rows.begin(), rows.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [key, d] : rows) {
    if (d.events == 0 && d.goldstein == 0) continue;
    size_t a = key.find(kSep), b = key.find(kSep, a + 1), c = key.find(kSep, b + 1);
    for (sqlite3_stmt* st : {country_put_, country_del_}) {
      if (st == country_del_ && d.events >= 0) break;
      sqlite3_bind_text(st, 1, key.data(), int(a), SQLITE_STATIC);
      sqlite3_bind_text(st, 2, key.data() + a + 1, int(b - a - 1), SQLITE_STATIC);
      sqlite3_bind_text(st, 3, key.data() + b + 1, int(c - b - 1), SQLITE_STATIC);
      sqlite3_bind_int(st, 4, key[c + 1] - '0');
      sqlite3_bind_int(st, 7, MonthOf(std::string_view(key.data() + b + 1, c - b - 1)));
      if (st == country_put_) {
        sqlite3_bind_int64(st, 5, d.events);
        sqlite3_bind_double(st, 6, d.goldstein);
      }
      int rc = sqlite3_step(st);
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      if (rc != SQLITE_DONE) return Error("store country days");
    }
  }
  return Status::OK();
}

Status EventStore::RebuildCountryDays() {
  doc_country_days_.clear();
  country_days_.clear();
  return Exec(
      "DELETE FROM country_days; "
      "INSERT INTO country_days(source, target, date, quad_class, events, goldstein_sum, month) "
      "SELECT substr(source, 1, 3), substr(target, 1, 3), date, quad_class, count(*), "
      "total(goldstein), min(month) FROM events WHERE mode IS NULL GROUP BY 1, 2, 3, 4");
}

Status EventStore::RebuildDedup() {
  if (!dedup_agg_) return Status::InvalidArgument(path_ + " is open read-only");
  if (bulk_) CASUS_TRY(Finish());
  const bool own_tx = !in_tx_;
  if (own_tx) CASUS_TRY(Begin());
  replayable_ = false;  // PutDocument's replay would not redo this
  pending_.clear();
  Status st = Exec("DELETE FROM dedup_events");
  if (st.ok()) {
    sqlite3_stmt* all = nullptr;
    st = Prepare("SELECT DISTINCT date, source, target, code FROM events WHERE mode IS NULL",
                 &all);
    if (st.ok()) {
      while (sqlite3_step(all) == SQLITE_ROW)
        MarkDirty(Col(all, 0), Col(all, 1), Col(all, 2), Col(all, 3));
      sqlite3_finalize(all);
    }
  }
  if (st.ok()) st = RefreshDedup();
  if (own_tx) {
    if (!st.ok()) {
      in_tx_ = false;
      Exec("ROLLBACK");
      return st;
    }
    return Commit();
  }
  return st;
}

Status EventStore::Begin() {
  if (in_tx_) return Status::OK();
  if (!bulk_decided_) CASUS_TRY(MaybeStartBulk());
  CASUS_TRY(Exec("BEGIN IMMEDIATE"));
  in_tx_ = true;
  tx_docs_.clear();
  replayable_ = true;
  if (bulk_) {
    // The sentences of a bulk load are indexed at the end: the mark stays.
    tx_mentions_ = bulk_mentions_.size();
    tx_seqs_ = bulk_outlet_.size();
    tx_doc_undo_.clear();
    tx_dead_.clear();
    return Status::OK();
  }
  return MarkSentences();
}

Status EventStore::MarkSentences() {
  fts_mark_ = 0;
  if (!fts_mark_stmt_) return Status::OK();
  sqlite3_reset(fts_mark_stmt_);
  int rc = sqlite3_step(fts_mark_stmt_);
  if (rc == SQLITE_ROW) fts_mark_ = sqlite3_column_int64(fts_mark_stmt_, 0);
  sqlite3_reset(fts_mark_stmt_);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("read sentence ids");
  return Status::OK();
}

Status EventStore::IndexNewSentences() {
  if (!fts_add_) return Status::OK();
  sqlite3_bind_int64(fts_add_, 1, fts_mark_);
  int rc = sqlite3_step(fts_add_);
  sqlite3_reset(fts_add_);
  if (rc != SQLITE_DONE) return Error("index sentences");
  return MarkSentences();
}

Status EventStore::Commit() {
  if (!in_tx_) return Status::OK();
  tx_docs_.clear();
  Status st;
  if (bulk_) {
    // The mentions stay in memory until FinishBulk; the month buckets and
    // actors are written now. (Keys to recount and country-day changes come
    // from replacing what another writer stored: kept for the end too.)
    st = WriteMonths();
    if (st.ok()) st = WriteActors();
    bulk_dirty_.insert(dirty_.begin(), dirty_.end());
    dirty_.clear();
    for (const auto& [k, d] : country_days_) {
      CountryDayDelta& t = bulk_country_days_[k];
      t.events += d.events;
      t.goldstein += d.goldstein;
    }
    country_days_.clear();
    tx_doc_undo_.clear();
    tx_dead_.clear();
  } else {
    st = RefreshDedup();
    if (st.ok()) st = RefreshCountryDays();
    if (st.ok()) st = IndexNewSentences();
  }
  in_tx_ = false;
  if (!st.ok()) {
    Exec("ROLLBACK");
    UndoBulkTx();
    return st;
  }
  return Exec("COMMIT");
}

void EventStore::UndoBulkTx() {
  if (!bulk_) return;
  bulk_mentions_.resize(std::min(bulk_mentions_.size(), tx_mentions_));
  for (uint32_t seq : tx_dead_)
    if (seq < bulk_dead_.size()) bulk_dead_[seq] = 0;
  bulk_outlet_.resize(std::min(bulk_outlet_.size(), tx_seqs_));
  bulk_dead_.resize(std::min(bulk_dead_.size(), tx_seqs_));
  for (auto it = tx_doc_undo_.rbegin(); it != tx_doc_undo_.rend(); ++it) {
    if (it->second.seq == UINT32_MAX) bulk_docs_.erase(it->first);
    else bulk_docs_[it->first] = it->second;
  }
  tx_doc_undo_.clear();
  tx_dead_.clear();
}

uint32_t EventStore::Intern(const std::string& v) {
  auto [it, fresh] = name_ids_.try_emplace(v, uint32_t(names_.size()));
  if (fresh) names_.push_back(v);
  return it->second;
}

Status EventStore::MaybeStartBulk() {
  bulk_decided_ = true;
  if (!bulk_allowed_ || !put_doc_ || path_.empty() || path_[0] == ':') return Status::OK();
  CASUS_TRY(Exec("BEGIN IMMEDIATE"));
  std::string any;
  if (QueryText(db_, "SELECT 1 FROM documents LIMIT 1", &any) ||
      QueryText(db_, "SELECT 1 FROM meta WHERE key = 'bulk_load'", &any))
    return Exec("COMMIT");
  bulk_lock_fd_ = LockBulk(path_);
  if (bulk_lock_fd_ < 0) return Exec("COMMIT");
  // Nothing stored: the secondary indexes are built at the end, in one
  // sort each, instead of entry by entry. The meta row marks the load as
  // unfinished until FinishBulk (Open recovers an interrupted one).
  Status st = Exec(
      "DROP INDEX IF EXISTS events_doc; DROP INDEX IF EXISTS events_date; "
      "DROP INDEX IF EXISTS events_dyad4; DROP INDEX IF EXISTS events_target; "
      "DROP INDEX IF EXISTS dedup_target; DROP INDEX IF EXISTS dedup_date; "
      "INSERT OR REPLACE INTO meta(key, value) VALUES('bulk_load', '1');");
  if (st.ok()) st = MarkSentences();
  if (st.ok()) st = Exec("COMMIT");
  if (!st.ok()) {
    Exec("ROLLBACK");
    ::close(bulk_lock_fd_);
    bulk_lock_fd_ = -1;
    return st;
  }
  bulk_ = true;
  return Status::OK();
}

Status EventStore::Finish() {
  CASUS_TRY(Commit());
  if (!bulk_) return Status::OK();
  return FinishBulk();
}

Status EventStore::FinishBulk() {
  auto step = [this](sqlite3_stmt* s, const char* what) { return Step(s, what); };
  CASUS_TRY(Exec("BEGIN IMMEDIATE"));
  in_tx_ = true;
  Status st;
  do {
    // The mentions of documents stored once (not replaced later).
    std::vector<uint32_t> live;
    live.reserve(bulk_mentions_.size());
    for (uint32_t i = 0; i < bulk_mentions_.size(); ++i)
      if (!bulk_dead_[bulk_mentions_[i].doc]) live.push_back(i);
    // Window of each date, country prefix of each actor (as names).
    const size_t n0 = names_.size();
    std::vector<uint32_t> wstart(n0, UINT32_MAX), wend(n0, UINT32_MAX), prefix(n0, UINT32_MAX);
    for (uint32_t i : live) {
      const BulkMention& m = bulk_mentions_[i];
      if (wstart[m.date] == UINT32_MAX) {
        std::string a, b;
        WindowOf(names_[m.date], window_days_, &a, &b);
        wstart[m.date] = Intern(a);
        wend[m.date] = Intern(b);
      }
      for (uint32_t actor : {m.source, m.target})
        if (prefix[actor] == UINT32_MAX) prefix[actor] = Intern(names_[actor].substr(0, 3));
    }
    // Rank of every name in byte order: the sort keys below are integers.
    std::vector<uint32_t> order(names_.size()), rank(names_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t x, uint32_t y) { return names_[x] < names_[y]; });
    for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    std::vector<int> month_of(names_.size(), -1);
    auto month = [&](uint32_t name) {
      if (month_of[name] < 0) month_of[name] = MonthOf(names_[name]);
      return month_of[name];
    };
    // Deduplicated events: mentions sorted by the unique key (month, source,
    // target, window_start, code), so rows are appended to it in order.
    struct Key {
      int month;
      uint32_t a, b, c, d;
      uint32_t i;
      bool operator<(const Key& o) const {
        if (month != o.month) return month < o.month;
        if (a != o.a) return a < o.a;
        if (b != o.b) return b < o.b;
        if (c != o.c) return c < o.c;
        if (d != o.d) return d < o.d;
        return i < o.i;
      }
      bool Same(const Key& o) const {
        return month == o.month && a == o.a && b == o.b && c == o.c && d == o.d;
      }
    };
    std::vector<Key> keys;
    keys.reserve(live.size());
    for (uint32_t i : live) {
      const BulkMention& m = bulk_mentions_[i];
      const uint32_t ws = wstart[m.date];
      keys.push_back(Key{month(ws), rank[m.source], rank[m.target], rank[ws], rank[m.code], i});
    }
    std::sort(keys.begin(), keys.end());
    std::vector<uint32_t> docs, outlets;
    for (size_t g = 0; g < keys.size() && st.ok();) {
      size_t h = g + 1;
      while (h < keys.size() && keys[h].Same(keys[g])) ++h;
      const BulkMention* first = &bulk_mentions_[keys[g].i];
      uint32_t first_date = first->date, last_date = first->date;
      int min_sent = first->sent_index;
      docs.clear();
      outlets.clear();
      for (size_t k = g; k < h; ++k) {
        const BulkMention& m = bulk_mentions_[keys[k].i];
        if (m.event_id < first->event_id) first = &m;
        if (rank[m.date] < rank[first_date]) first_date = m.date;
        if (rank[m.date] > rank[last_date]) last_date = m.date;
        min_sent = std::min(min_sent, m.sent_index);
        if (std::find(docs.begin(), docs.end(), m.doc) == docs.end()) docs.push_back(m.doc);
        const uint32_t outlet = bulk_outlet_[m.doc];
        if (std::find(outlets.begin(), outlets.end(), outlet) == outlets.end())
          outlets.push_back(outlet);
      }
      const uint32_t ws = wstart[first->date];
      AddMonth(keys[g].month);
      BindStatic(dedup_ins_, 1, names_[ws]);
      BindStatic(dedup_ins_, 2, names_[wend[first->date]]);
      BindStatic(dedup_ins_, 3, names_[first->source]);
      BindStatic(dedup_ins_, 4, names_[first->target]);
      BindStatic(dedup_ins_, 5, names_[first->code]);
      BindStatic(dedup_ins_, 6, names_[first->root]);
      sqlite3_bind_int(dedup_ins_, 7, first->quad_class);
      sqlite3_bind_double(dedup_ins_, 8, first->goldstein);
      BindStaticOrNull(dedup_ins_, 9, names_[first->plover]);
      sqlite3_bind_null(dedup_ins_, 10);
      BindStatic(dedup_ins_, 11, names_[first_date]);
      BindStatic(dedup_ins_, 12, names_[last_date]);
      sqlite3_bind_int64(dedup_ins_, 13, int64_t(h - g));
      sqlite3_bind_int64(dedup_ins_, 14, int64_t(outlets.size()));
      sqlite3_bind_int64(dedup_ins_, 15, int64_t(docs.size()));
      sqlite3_bind_int(dedup_ins_, 16, min_sent <= 0 ? 1 : 0);
      sqlite3_bind_int64(dedup_ins_, 17, first->event_id);
      sqlite3_bind_int(dedup_ins_, 18, keys[g].month);
      st = step(dedup_ins_, "store deduplicated event");
      // A row there already (another writer stored the key meanwhile) is
      // recounted from the mentions once the indexes exist.
      if (st.ok() && sqlite3_changes(db_) == 0)
        dirty_.insert(names_[ws] + kSep + names_[first->source] + kSep + names_[first->target] +
                      kSep + names_[first->code]);
      g = h;
    }
    if (!st.ok()) break;
    // Country days: (month, source country, target country, date, quad class).
    keys.clear();
    for (uint32_t i : live) {
      const BulkMention& m = bulk_mentions_[i];
      keys.push_back(Key{month(m.date), rank[prefix[m.source]], rank[prefix[m.target]],
                         rank[m.date], uint32_t(m.quad_class), i});
    }
    std::sort(keys.begin(), keys.end());
    for (size_t g = 0; g < keys.size() && st.ok();) {
      size_t h = g;
      double goldstein = 0;
      for (; h < keys.size() && keys[h].Same(keys[g]); ++h)
        goldstein += bulk_mentions_[keys[h].i].goldstein;
      const BulkMention& m = bulk_mentions_[keys[g].i];
      BindStatic(country_put_, 1, names_[prefix[m.source]]);
      BindStatic(country_put_, 2, names_[prefix[m.target]]);
      BindStatic(country_put_, 3, names_[m.date]);
      sqlite3_bind_int(country_put_, 4, m.quad_class);
      sqlite3_bind_int64(country_put_, 5, int64_t(h - g));
      sqlite3_bind_double(country_put_, 6, goldstein);
      sqlite3_bind_int(country_put_, 7, keys[g].month);
      st = step(country_put_, "store country days");
      g = h;
    }
    if (!st.ok()) break;
    if (!(st = WriteMonths()).ok()) break;
    // Changes to what another writer stored meanwhile.
    country_days_ = bulk_country_days_;
    if (!(st = RefreshCountryDays()).ok()) break;
    // The indexes, each in one sorted pass.
    if (!(st = Exec(kSchemaIndexes)).ok()) break;
    dirty_.insert(bulk_dirty_.begin(), bulk_dirty_.end());
    if (!dirty_.empty() && !(st = RefreshDedup()).ok()) break;
    // The FTS5 index of every sentence, in one pass (sentences another
    // writer stored meanwhile are in the index already: rebuilt, not added).
    if (!(st = Exec("INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild')")).ok()) break;
    if (!(st = MarkSentences()).ok()) break;
    st = Exec("DELETE FROM meta WHERE key = 'bulk_load'");
  } while (false);
  in_tx_ = false;
  if (!st.ok()) {
    Exec("ROLLBACK");
    months_.clear();
    dirty_.clear();
    country_days_.clear();
    return st;
  }
  CASUS_TRY(Exec("COMMIT"));
  bulk_ = false;
  ::unlink(BulkLockPath(path_).c_str());
  ::close(bulk_lock_fd_);
  bulk_lock_fd_ = -1;
  bulk_mentions_ = {};
  bulk_docs_ = {};
  bulk_outlet_ = {};
  bulk_dead_ = {};
  bulk_dirty_ = {};
  bulk_country_days_ = {};
  name_ids_ = {};
  names_ = {};
  return Status::OK();
}

Status EventStore::PutDocument(const Document& doc, const std::vector<Sentence>& sentences,
                               const std::vector<Event>& events) {
  if (!put_doc_) return Status::InvalidArgument(path_ + " is open read-only");
  // UNIQUE(doc_id, sent_index), checked before anything is written.
  for (size_t i = 0; i < sentences.size(); ++i)
    for (size_t j = i + 1; j < sentences.size(); ++j)
      if (sentences[i].index == sentences[j].index)
        return Status::InvalidArgument("document \"" + doc.id + "\": sentence index " +
                                       std::to_string(sentences[i].index) + " given twice");
  const bool own_tx = !in_tx_;
  if (own_tx) CASUS_TRY(Begin());
  Status st = WriteDocument(doc, sentences, events);
  if (st.ok()) {
    if (!own_tx) tx_docs_.push_back(TxDocument{doc, sentences, events});
  } else {
    // A failure undoes this document only: the transaction is rolled back
    // and the documents stored before in it are written again. (This costs
    // less than a savepoint per document, which copied every page a
    // document touched into a statement journal.)
    Status again = Replay();
    if (!again.ok()) st = Status::IOError(st.message() + "; " + again.message());
  }
  if (own_tx) {
    Status c = Commit();
    if (st.ok()) st = c;
  }
  return st;
}

Status EventStore::Replay() {
  Exec("ROLLBACK");
  in_tx_ = false;
  UndoBulkTx();
  pending_.clear();
  dirty_.clear();
  doc_keys_.clear();
  country_days_.clear();
  doc_country_days_.clear();
  new_actors_.clear();
  months_.clear();
  std::vector<TxDocument> docs;
  docs.swap(tx_docs_);
  if (!replayable_)
    return Status::IOError("the transaction was rolled back (" + std::to_string(docs.size()) +
                           " documents not stored)");
  CASUS_TRY(Begin());
  for (const TxDocument& d : docs) {
    Status st = WriteDocument(d.doc, d.sentences, d.events);
    if (!st.ok()) {
      Exec("ROLLBACK");
      in_tx_ = false;
      return Status::IOError("the transaction was rolled back (" + std::to_string(docs.size()) +
                             " documents not stored): " + st.message());
    }
  }
  tx_docs_ = std::move(docs);
  return Status::OK();
}

Status EventStore::WriteDocument(const Document& doc, const std::vector<Sentence>& sentences,
                                 const std::vector<Event>& events) {
  auto step = [this](sqlite3_stmt* s, const char* what) { return Step(s, what); };
  Status st;
  BulkDoc placed;  // where this document's events are (bulk load)
  do {
    // A document stored before is replaced: its events, sentences and index
    // entries go first. A new one (the usual case) skips those look-ups.
    BindStatic(has_doc_, 1, doc.id);
    int rc = sqlite3_step(has_doc_);
    sqlite3_reset(has_doc_);
    sqlite3_clear_bindings(has_doc_);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      st = Error("read document");
      break;
    }
    const bool replacing = rc == SQLITE_ROW;
    auto placed_before = replacing && bulk_ ? bulk_docs_.find(doc.id) : bulk_docs_.end();
    if (placed_before != bulk_docs_.end()) {
      // Stored earlier in this bulk load: its mentions are dropped from
      // memory, its events deleted by id (events_doc is built at the end).
      bulk_dead_[placed_before->second.seq] = 1;
      tx_dead_.push_back(placed_before->second.seq);
      sqlite3_bind_int64(bulk_del_events_, 1, placed_before->second.first_event);
      sqlite3_bind_int64(bulk_del_events_, 2, placed_before->second.last_event);
      if (!(st = step(bulk_del_events_, "delete events")).ok()) break;
    } else if (replacing) {
      // The deduplicated events of the old version must be recounted too
      // (in a bulk load, a document another writer stored: at the end).
      BindStatic(old_events_, 1, doc.id);
      while ((rc = sqlite3_step(old_events_)) == SQLITE_ROW) {
        const std::string date = Col(old_events_, 0), source = Col(old_events_, 1),
                          target = Col(old_events_, 2);
        MarkDirty(date, source, target, Col(old_events_, 3));
        AddCountryDay(date, source, target, sqlite3_column_int(old_events_, 4), -1,
                      -sqlite3_column_double(old_events_, 5));
      }
      sqlite3_reset(old_events_);
      sqlite3_clear_bindings(old_events_);
      if (rc != SQLITE_DONE) {
        st = Error("read old events");
        break;
      }
      BindStatic(del_events_, 1, doc.id);
      if (!(st = step(del_events_, "delete events")).ok()) break;
      // Touching the FTS5 table costs a flush at every later statement of the
      // transaction, so only when this document has indexed sentences.
      BindStatic(fts_has_, 1, doc.id);
      sqlite3_bind_int64(fts_has_, 2, fts_mark_);
      rc = sqlite3_step(fts_has_);
      const bool indexed = rc == SQLITE_ROW && sqlite3_column_int(fts_has_, 0) != 0;
      sqlite3_reset(fts_has_);
      sqlite3_clear_bindings(fts_has_);
      if (rc != SQLITE_ROW) {
        st = Error("read old sentences");
        break;
      }
      if (indexed) {
        BindStatic(fts_del_, 1, doc.id);
        sqlite3_bind_int64(fts_del_, 2, fts_mark_);
        if (!(st = step(fts_del_, "unindex sentences")).ok()) break;
      }
    }
    if (replacing) {
      BindStatic(del_sentences_, 1, doc.id);
      if (!(st = step(del_sentences_, "delete sentences")).ok()) break;
    }
    BindStatic(put_doc_, 1, doc.id);
    BindStatic(put_doc_, 2, doc.date);
    BindStaticOrNull(put_doc_, 3, doc.title);
    BindStaticOrNull(put_doc_, 4, doc.source);
    BindStaticOrNull(put_doc_, 5, doc.url);
    BindStatic(put_doc_, 6, doc.text);
    BindStatic(put_doc_, 7, doc.extra_json);
    if (!(st = step(put_doc_, "store document")).ok()) break;
    for (const Sentence& s : sentences) {
      BindStatic(put_sentence_, 1, doc.id);
      sqlite3_bind_int(put_sentence_, 2, s.index);
      sqlite3_bind_int64(put_sentence_, 3, s.start);
      sqlite3_bind_int64(put_sentence_, 4, s.end);
      // A title's sentences (index < 0) are ranges of the title.
      const std::string& text = s.index < 0 ? doc.title : doc.text;
      const size_t b = std::min<size_t>(s.start, text.size());
      const size_t e = std::min<size_t>(std::max<size_t>(s.end, b), text.size());
      sqlite3_bind_text(put_sentence_, 5, text.data() + b, int(e - b), SQLITE_STATIC);
      if (!(st = step(put_sentence_, "store sentence")).ok()) break;
    }
    if (!st.ok()) break;
    std::string evidence;
    const uint32_t seq = uint32_t(bulk_outlet_.size());
    placed.seq = seq;
    if (bulk_) {
      // An article without an outlet counts as its own outlet.
      bulk_outlet_.push_back(doc.source.empty() ? (0x80000000u | seq) : Intern(doc.source));
      bulk_dead_.push_back(0);
    }
    for (const Event& e : events) {
      BindStatic(put_event_, 1, doc.id);
      sqlite3_bind_int(put_event_, 2, e.sent_index);
      BindStatic(put_event_, 3, e.date);
      BindStatic(put_event_, 4, e.source);
      BindStatic(put_event_, 5, e.target);
      BindStatic(put_event_, 6, e.code);
      BindStatic(put_event_, 7, e.root);
      sqlite3_bind_int(put_event_, 8, e.quad_class);
      sqlite3_bind_double(put_event_, 9, e.goldstein);
      BindStaticOrNull(put_event_, 10, e.plover);
      BindStaticOrNull(put_event_, 11, e.attribution);
      evidence = EvidenceToJson(e);
      BindStatic(put_event_, 12, evidence);
      BindStaticOrNull(put_event_, 13, e.mode);
      BindStatic(put_event_, 14, e.event_date.empty() ? e.date : e.event_date);
      const int month = MonthOf(e.date);
      sqlite3_bind_int(put_event_, 21, month);
      AddMonth(month);
      if (e.location.present()) {
        BindStatic(put_event_, 15, e.location.name);
        BindStatic(put_event_, 16, e.location.country);
        sqlite3_bind_double(put_event_, 17, e.location.lat);
        sqlite3_bind_double(put_event_, 18, e.location.lon);
        BindStaticOrNull(put_event_, 19, e.location.admin1);
        BindStatic(put_event_, 20, e.location.kind);
      } else {
        for (int i = 15; i <= 20; ++i) sqlite3_bind_null(put_event_, i);
      }
      if (!(st = step(put_event_, "store event")).ok()) break;
      const int64_t event_id = sqlite3_last_insert_rowid(db_);
      if (placed.last_event < placed.first_event) placed.first_event = event_id;
      placed.last_event = event_id;
      // Negated, hypothetical, future, alleged and denied events are stored
      // but stay out of the deduplicated events and the day counts.
      if (!e.mode.empty()) continue;
      if (bulk_) {
        bulk_mentions_.push_back(BulkMention{Intern(e.source), Intern(e.target), Intern(e.code),
                                             Intern(e.date), Intern(e.root), Intern(e.plover),
                                             seq, e.sent_index, e.quad_class, e.goldstein,
                                             event_id});
        if (e.source != "---" && !new_actors_.count(e.source))
          new_actors_[e.source] = PendingActor{e.source_ev.text};
        if (e.target != "---" && !new_actors_.count(e.target))
          new_actors_[e.target] = PendingActor{e.target_ev.text};
        continue;
      }
      std::string key = DedupKey(e.date, e.source, e.target, e.code);
      doc_keys_.push_back(key);
      auto [it, fresh] = pending_.try_emplace(std::move(key));
      PendingDedup& p = it->second;
      if (fresh) {
        p.root = e.root;
        p.quad_class = e.quad_class;
        p.goldstein = e.goldstein;
        p.plover = e.plover;
        p.first_date = p.last_date = e.date;
        p.min_sent = e.sent_index;
        p.first_event = event_id;
      }
      ++p.mentions;
      if (e.date < p.first_date) p.first_date = e.date;
      if (e.date > p.last_date) p.last_date = e.date;
      p.min_sent = std::min(p.min_sent, e.sent_index);
      p.first_event = std::min(p.first_event, event_id);
      AddDistinct(&p.docs, doc.id);
      AddCountryDay(e.date, e.source, e.target, e.quad_class, 1, e.goldstein);
      AddDistinct(&p.outlets, doc.source.empty() ? "#" + doc.id : doc.source);
      if (e.source != "---" && !new_actors_.count(e.source))
        new_actors_[e.source] = PendingActor{e.source_ev.text};
      if (e.target != "---" && !new_actors_.count(e.target))
        new_actors_[e.target] = PendingActor{e.target_ev.text};
    }
  } while (false);
  // On a failure the caller rolls back and rebuilds every count in memory.
  if (!st.ok()) return st;
  if (bulk_) {
    auto [it, fresh] = bulk_docs_.try_emplace(doc.id);
    BulkDoc before = it->second;
    if (fresh) before.seq = UINT32_MAX;
    tx_doc_undo_.emplace_back(doc.id, before);
    it->second = placed;
  }
  for (auto& [k, d] : doc_country_days_) {
    CountryDayDelta& t = country_days_[k];
    t.events += d.events;
    t.goldstein += d.goldstein;
  }
  doc_country_days_.clear();
  doc_keys_.clear();
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
  if (schema_version_ >= 2) CASUS_TRY(scalar("SELECT count(*) FROM dedup_events", &out.dedup_events));
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
