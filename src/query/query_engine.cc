// The query engine: filters -> parameterised SQL over a read-only connection.
#include <simdjson.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "casus/query.h"
#include "casus/store.h"
#include "common/date.h"
#include "common/strutil.h"
#include "dict/cameo_codes.h"
#include "query/sql.h"
#include "store/window.h"

namespace casus {

namespace query_internal {

bool Constrains(const std::string& pattern) {
  return !pattern.empty() && pattern != "*";
}

void SqlBuilder::Match(const std::string& column, const std::string& pattern) {
  if (pattern.empty()) return;
  if (pattern.back() == '*') {
    std::string prefix = pattern.substr(0, pattern.size() - 1);
    if (prefix.empty()) return;
    // A range, so that the index on the column is used.
    std::string upper = prefix;
    upper.back() = char(upper.back() + 1);
    where.push_back("(" + column + " >= ? AND " + column + " < ?)");
    args.push_back(Arg::Text(prefix));
    args.push_back(Arg::Text(upper));
  } else {
    where.push_back(column + " = ?");
    args.push_back(Arg::Text(pattern));
  }
}

std::string SqlBuilder::MatchExpr(const std::string& column, const std::string& pattern) {
  SqlBuilder b;
  b.Match(column, pattern);
  if (b.where.empty()) return "1";
  for (Arg& a : b.args) args.push_back(std::move(a));
  return b.where[0];
}

std::string SqlBuilder::Where() const {
  if (where.empty()) return "";
  std::string w = " WHERE ";
  for (size_t i = 0; i < where.size(); ++i) {
    if (i) w += " AND ";
    w += where[i];
  }
  return w;
}

void AddFilter(const EventFilter& f, SqlBuilder* b, const std::vector<std::string>* sources) {
  const bool dd = f.dedup;
  // The dyad indexes begin with the month bucket: a condition on the source
  // is searched month by month (a target alone uses the target index).
  const bool by_source = sources || Constrains(f.source);
  if (by_source) b->where.push_back(kInMonths);
  const std::string date = dd ? "e.window_start" : "e.date";
  if (!f.from.empty()) {
    // A window counts when it ends on or after `from`.
    b->where.push_back((dd ? std::string("e.window_end") : date) + " >= ?");
    b->args.push_back(Arg::Text(f.from));
  }
  if (!f.to.empty()) {
    b->where.push_back(date + " <= ?");
    b->args.push_back(Arg::Text(f.to));
  }
  if (!f.actor.empty() && f.actor != "*") {
    std::string s = b->MatchExpr("e.source", f.actor);
    std::string t = b->MatchExpr("e.target", f.actor);
    // The source side with its months, so that SQLite searches both indexes.
    if (by_source) b->where.push_back("(" + s + " OR " + t + ")");
    else b->where.push_back(std::string("((") + kInMonths + " AND " + s + ") OR " + t + ")");
  }
  if (sources) {
    if (sources->empty()) {
      b->where.push_back("0");
    } else {
      std::string in = "e.source IN (";
      for (size_t i = 0; i < sources->size(); ++i) {
        in += i ? ", ?" : "?";
        b->args.push_back(Arg::Text((*sources)[i]));
      }
      b->where.push_back(in + ")");
    }
  } else {
    b->Match("e.source", f.source);
  }
  b->Match("e.target", f.target);
  b->Match("e.code", f.code);
  if (!f.root.empty()) {
    b->where.push_back("e.root = ?");
    b->args.push_back(Arg::Text(f.root));
  }
  if (f.quad != 0) {
    b->where.push_back("e.quad_class = ?");
    b->args.push_back(Arg::Int(f.quad));
  }
  if (!f.plover.empty()) {
    b->where.push_back("e.plover = ?");
    b->args.push_back(Arg::Text(f.plover));
  }
  // Default counts hold asserted events only; "any" adds the negated,
  // hypothetical, future, alleged and denied ones. dedup_events holds
  // asserted events only.
  if (f.mode.empty() || f.mode == "asserted") {
    if (!dd) b->where.push_back("e.mode IS NULL");
  } else if (f.mode != "any") {
    b->where.push_back(dd ? "0" : "e.mode = ?");
    if (!dd) b->args.push_back(Arg::Text(f.mode));
  }
  if (!f.text.empty()) {
    const char* fts =
        "(SELECT s.doc_id, s.sent_index FROM sentences_fts "
        "JOIN sentences s ON s.id = sentences_fts.rowid WHERE sentences_fts MATCH ?)";
    if (dd) {
      b->where.push_back(std::string(
                             "EXISTS (SELECT 1 FROM events m WHERE m.source = e.source AND "
                             "m.target = e.target AND m.date >= e.window_start AND "
                             "m.date <= e.window_end AND m.code = e.code AND "
                             "(m.doc_id, m.sent_index) IN ") +
                         fts + ")");
    } else {
      b->where.push_back(std::string("(e.doc_id, e.sent_index) IN ") + fts);
    }
    b->args.push_back(Arg::Text(f.text));
  }
}

std::string ColText(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(s, i)))
           : std::string();
}

Value ColValue(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return Value::Int(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return Value::Real(sqlite3_column_double(s, i));
    case SQLITE_NULL: return Value::Null();
    default: return Value::Text(ColText(s, i));
  }
}

void BindArgs(sqlite3_stmt* st, const std::vector<Arg>& args, int first) {
  for (size_t i = 0; i < args.size(); ++i) {
    int idx = first + int(i);
    if (args[i].is_int) sqlite3_bind_int64(st, idx, args[i].i);
    else sqlite3_bind_text(st, idx, args[i].s.data(), int(args[i].s.size()), SQLITE_TRANSIENT);
  }
}

bool ParseEvidenceSpans(const std::string& evidence_json, EvidenceSpans* out) {
  *out = EvidenceSpans{};
  if (evidence_json.empty()) return false;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(evidence_json).get(root) != simdjson::SUCCESS) return false;
  const char* names[3] = {"source", "target", "trigger"};
  for (int k = 0; k < 3; ++k) {
    simdjson::dom::element el;
    if (root[names[k]].get(el) != simdjson::SUCCESS || el.is_null()) continue;
    int64_t a = 0, b = 0;
    if (el["start"].get(a) != simdjson::SUCCESS || el["end"].get(b) != simdjson::SUCCESS)
      continue;
    out->span[k][0] = a;
    out->span[k][1] = b;
    out->present[k] = true;
    std::string_view t;
    if (el["text"].get(t) == simdjson::SUCCESS) out->text[k] = std::string(t);
  }
  return true;
}

std::string HighlightsJson(const std::string& evidence_json, int64_t sentence_start,
                           int64_t sentence_len) {
  EvidenceSpans sp;
  ParseEvidenceSpans(evidence_json, &sp);
  const char* names[3] = {"source", "target", "trigger"};
  std::string o = "{";
  for (int k = 0; k < 3; ++k) {
    if (k) o += ",";
    o += "\"";
    o += names[k];
    o += "\":";
    int64_t a = sp.span[k][0] - sentence_start, b = sp.span[k][1] - sentence_start;
    if (!sp.present[k] || a < 0 || b > sentence_len || a >= b) {
      o += "null";
    } else {
      o += "[" + std::to_string(a) + "," + std::to_string(b) + "]";
    }
  }
  return o + "}";
}

std::string PeriodOf(const std::string& date, Period by) {
  if (by == Period::kDay || date.size() < 10) return date;
  if (by == Period::kMonth) return date.substr(0, 7);
  int ymd = 0;
  if (!ParseDate(date, &ymd)) return date;
  int days = DaysFromDate(ymd);
  // 1970-01-01 was a Thursday: Monday is day 4 modulo 7.
  int monday = days - (((days - 4) % 7) + 7) % 7;
  return FormatDate(DateFromDays(monday));
}

}  // namespace query_internal

using namespace query_internal;

QueryEngine::~QueryEngine() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  if (db_) sqlite3_close(db_);
}

Status QueryEngine::Error(const char* what) const {
  return Status::IOError(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
}

Result<sqlite3_stmt*> QueryEngine::Statement(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), int(sql.size()), &st, nullptr) != SQLITE_OK)
    return Error("prepare");
  // Bounded: filters make a few hundred distinct statements at most.
  if (cache_.size() > 256) {
    for (auto& [k, v] : cache_) sqlite3_finalize(v);
    cache_.clear();
  }
  cache_.emplace(sql, st);
  return st;
}

Result<std::unique_ptr<QueryEngine>> QueryEngine::Open(const std::string& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<QueryEngine> q(new QueryEngine());
    q->path_ = path;
    if (sqlite3_open_v2(path.c_str(), &q->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
      return q->Error("cannot open database");
    sqlite3_busy_timeout(q->db_, 5000);
    sqlite3_exec(q->db_, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    int version = -1;
    std::string window;
    if (sqlite3_prepare_v2(q->db_, "SELECT key, value FROM meta", -1, &st, nullptr) ==
        SQLITE_OK) {
      version = 1;
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::string k = ColText(st, 0);
        if (k == "schema_version") version = std::atoi(ColText(st, 1).c_str());
        if (k == "dedup_window_days") window = ColText(st, 1);
      }
      sqlite3_finalize(st);
    } else if (sqlite3_prepare_v2(q->db_, "SELECT 1 FROM documents", -1, &st, nullptr) ==
               SQLITE_OK) {
      sqlite3_finalize(st);
      version = 1;
    }
    if (version < 0) return Status::NotFound(path + " is not a casus database");
    if (version > kStoreSchemaVersion)
      return Status::InvalidArgument(path + " has schema version " + std::to_string(version) +
                                     ", newer than this casus");
    if (version == kStoreSchemaVersion) {
      q->window_days_ = std::max(1, std::atoi(window.c_str()));
      return q;
    }
    if (attempt > 0) break;
    q.reset();
    // An older file: upgrade it once, then open it read-only again.
    auto upgraded = EventStore::Open(path);
    if (!upgraded.ok())
      return Status::IOError(path + " has an older schema and could not be upgraded: " +
                             upgraded.status().ToString());
  }
  return Status::Internal(path + ": schema upgrade did not take");
}

namespace {

constexpr const char* kMentionColumns[] = {
    "id", "date", "source", "target", "code", "root", "quad_class", "goldstein", "plover",
    "mode", "attribution", "doc_id", "sent_index", "title", "publisher", "url", "event_date",
    "location", "location_country", "lat", "lon", "sentence", "highlights", "evidence"};
// The column of "sentence" in kMentionSelect.
constexpr int kMentionSentenceCol = 21;

constexpr const char* kMentionSelect =
    "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, "
    "e.plover, e.mode, e.attribution, e.doc_id, e.sent_index, d.title, d.source, d.url, "
    "coalesce(e.event_date, e.date), e.location, e.location_country, e.lat, e.lon, "
    "s.text, s.start, e.evidence "
    "FROM events e LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sent_index = e.sent_index "
    "LEFT JOIN documents d ON d.id = e.doc_id";

constexpr const char* kDedupColumns[] = {
    "id", "date", "window_end", "source", "target", "code", "root", "quad_class", "goldstein",
    "plover", "mode", "num_mentions", "num_sources", "num_articles", "is_root", "first_date",
    "last_date", "doc_id", "sent_index", "title", "publisher", "url", "sentence", "highlights",
    "evidence"};

constexpr const char* kDedupSelect =
    "SELECT e.id, e.window_start, e.window_end, e.source, e.target, e.code, e.root, "
    "e.quad_class, e.goldstein, e.plover, e.mode, e.num_mentions, e.num_sources, "
    "e.num_articles, e.is_root, e.first_date, e.last_date, m.doc_id, m.sent_index, d.title, "
    "d.source, d.url, s.text, s.start, m.evidence "
    "FROM dedup_events e LEFT JOIN events m ON m.id = e.first_event "
    "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sent_index = m.sent_index "
    "LEFT JOIN documents d ON d.id = m.doc_id";

// Reads a mention or dedup row: the columns before the sentence as they
// are, then sentence, highlights, evidence.
std::vector<Value> ReadEventRow(sqlite3_stmt* st, int sentence_col) {
  std::vector<Value> row;
  for (int i = 0; i < sentence_col; ++i) row.push_back(ColValue(st, i));
  std::string sentence = ColText(st, sentence_col);
  int64_t start = sqlite3_column_int64(st, sentence_col + 1);
  std::string evidence = ColText(st, sentence_col + 2);
  std::string hl = HighlightsJson(evidence, start, int64_t(sentence.size()));
  row.push_back(sqlite3_column_type(st, sentence_col) == SQLITE_NULL ? Value::Null()
                                                                     : Value::Text(sentence));
  row.push_back(Value::Json(std::move(hl)));
  row.push_back(evidence.empty() ? Value::Null() : Value::Json(std::move(evidence)));
  return row;
}

bool ParseCursor(const std::string& c, std::string* date, int64_t* id) {
  size_t bar = c.find('|');
  if (bar == std::string::npos || bar > 16 || c.size() - bar > 20 || bar + 1 == c.size())
    return false;
  int ymd = 0;
  if (!ParseDate(c.substr(0, bar), &ymd)) return false;
  for (size_t i = bar + 1; i < c.size(); ++i)
    if (!IsAsciiDigit(c[i])) return false;
  *date = c.substr(0, bar);
  *id = std::atoll(c.c_str() + bar + 1);
  return true;
}

// Maps SQLite errors that the caller caused (a bad FTS5 query) to InvalidArgument.
Status QueryError(sqlite3* db, const std::string& path, const EventFilter& f) {
  std::string m = sqlite3_errmsg(db);
  // A malformed FTS5 query is a plain SQLITE_ERROR; I/O trouble has other codes.
  if (!f.text.empty() && sqlite3_errcode(db) == SQLITE_ERROR)
    return Status::InvalidArgument("text \"" + f.text + "\": not a valid FTS5 query (" + m + ")");
  return Status::IOError(path + ": query: " + m);
}

}  // namespace

Result<Table> QueryEngine::Events(const EventFilter& filter, const PageRequest& page) {
  if (page.limit < 1 || page.limit > kMaxPageSize)
    return Status::InvalidArgument("limit must be 1 to " + std::to_string(kMaxPageSize));
  if (page.offset < 0) return Status::InvalidArgument("offset must be 0 or more");
  SqlBuilder b;
  AddFilter(filter, &b);
  const std::string date = filter.dedup ? "e.window_start" : "e.date";
  if (!page.cursor.empty()) {
    std::string cd;
    int64_t ci = 0;
    if (!ParseCursor(page.cursor, &cd, &ci))
      return Status::InvalidArgument("cursor \"" + page.cursor + "\" is not one this server made");
    b.where.push_back("(" + date + " < ? OR (" + date + " = ? AND e.id < ?))");
    b.args.push_back(Arg::Text(cd));
    b.args.push_back(Arg::Text(cd));
    b.args.push_back(Arg::Int(ci));
  }
  std::string sql = std::string(filter.dedup ? kDedupSelect : kMentionSelect) + b.Where() +
                    " ORDER BY " + date + " DESC, e.id DESC LIMIT ? OFFSET ?";
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement(sql).get(&st));
  BindArgs(st, b.args, 1);
  sqlite3_bind_int(st, int(b.args.size()) + 1, page.limit);
  sqlite3_bind_int64(st, int(b.args.size()) + 2, page.cursor.empty() ? page.offset : 0);
  Table t;
  if (filter.dedup) t.columns.assign(std::begin(kDedupColumns), std::end(kDedupColumns));
  else t.columns.assign(std::begin(kMentionColumns), std::end(kMentionColumns));
  const int sentence_col = filter.dedup ? 22 : kMentionSentenceCol;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) t.rows.push_back(ReadEventRow(st, sentence_col));
  if (rc != SQLITE_DONE) {
    Status err = QueryError(db_, path_, filter);
    sqlite3_reset(st);
    return err;
  }
  sqlite3_reset(st);
  if (int(t.rows.size()) == page.limit) {
    const auto& last = t.rows.back();
    t.next_cursor = last[1].ToString() + "|" + last[0].ToString();
  }
  return t;
}

Result<Table> QueryEngine::Mentions(int64_t dedup_id) {
  // The window's months: from the dedup row's (that of window_start) to
  // that of window_end.
  char end_month[256];
  std::snprintf(end_month, sizeof end_month, kMonthSql, "x.window_end", "x.window_end");
  std::string sql = std::string(kMentionSelect) +
                    " JOIN dedup_events x ON x.id = ? AND e.source = x.source AND "
                    "e.target = x.target AND e.date >= x.window_start AND "
                    "e.date <= x.window_end AND e.code = x.code "
                    "AND e.month IN (SELECT month FROM months WHERE month BETWEEN x.month AND " +
                    end_month + ") ORDER BY e.date, e.id";
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement(sql).get(&st));
  sqlite3_bind_int64(st, 1, dedup_id);
  Table t;
  t.columns.assign(std::begin(kMentionColumns), std::end(kMentionColumns));
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) t.rows.push_back(ReadEventRow(st, kMentionSentenceCol));
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return Error("query");
  return t;
}

Status QueryEngine::ExpandSources(const EventFilter& f, std::vector<std::string>* codes,
                                  bool* use) {
  *use = false;
  codes->clear();
  if (f.source.size() < 2 || f.source.back() != '*' || f.target.empty() || f.target == "*")
    return Status::OK();
  // Every actor code of an event is in `actors` (the store keeps it so).
  std::string prefix = f.source.substr(0, f.source.size() - 1), upper = prefix;
  upper.back() = char(upper.back() + 1);
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement("SELECT code FROM actors WHERE code >= ?1 AND code < ?2 LIMIT 201")
                .get(&st));
  sqlite3_bind_text(st, 1, prefix.data(), int(prefix.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, upper.data(), int(upper.size()), SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) codes->push_back(ColText(st, 0));
  sqlite3_reset(st);
  *use = codes->size() <= 200;  // beyond that, the range scan is as good
  return Status::OK();
}

namespace {

// "USA*": a country prefix, which country_days answers.
bool IsCountryPrefix(const std::string& p) { return p.size() == 4 && p.back() == '*'; }

}  // namespace

Result<Table> QueryEngine::Series(const EventFilter& filter, Period by, bool per_dyad) {
  SqlBuilder b;
  std::string sql;
  const EventFilter& f = filter;
  if (!f.dedup && !per_dyad && IsCountryPrefix(f.source) &&
      (f.target.empty() || IsCountryPrefix(f.target)) && f.actor.empty() && f.code.empty() &&
      f.root.empty() && f.plover.empty() && f.mode.empty() && f.text.empty()) {
    // Country to country: the per-day sums the store keeps in country_days.
    b.where.push_back(kInMonths);
    b.where.push_back("e.source = ?");
    b.args.push_back(Arg::Text(f.source.substr(0, 3)));
    if (!f.target.empty()) {
      b.where.push_back("e.target = ?");
      b.args.push_back(Arg::Text(f.target.substr(0, 3)));
    }
    if (!f.from.empty()) {
      b.where.push_back("e.date >= ?");
      b.args.push_back(Arg::Text(f.from));
    }
    if (!f.to.empty()) {
      b.where.push_back("e.date <= ?");
      b.args.push_back(Arg::Text(f.to));
    }
    if (f.quad) {
      b.where.push_back("e.quad_class = ?");
      b.args.push_back(Arg::Int(f.quad));
    }
    sql = "SELECT e.source, e.target, e.date, e.quad_class, e.events, e.goldstein_sum "
          "FROM country_days e" + b.Where();
  } else {
    std::vector<std::string> sources;
    bool expand = false;
    CASUS_TRY(ExpandSources(filter, &sources, &expand));
    AddFilter(filter, &b, expand ? &sources : nullptr);
    const std::string date = filter.dedup ? "e.window_start" : "e.date";
    // One row per event, read from the dyad index (events_dyad4 covers these
    // columns), month by month; the rows are summed into periods here, which
    // costs less than having SQLite sort them for a GROUP BY.
    sql = "SELECT e.source, e.target, " + date + ", e.quad_class, 1, e.goldstein FROM " +
          (filter.dedup ? "dedup_events" : "events") + " e" + b.Where();
  }
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement(sql).get(&st));
  BindArgs(st, b.args, 1);
  struct Bucket {
    int64_t n = 0;
    double sum = 0;
    int64_t quad[5] = {0, 0, 0, 0, 0};
  };
  // Key: period, or source \x1f target \x1f period; the std::map keeps the
  // output sorted by (dyad,) period. Consecutive rows mostly share a day
  // and a dyad, so the last bucket is reused without a look-up.
  std::map<std::string, Bucket> buckets;
  std::string last_date, last_period, key;
  std::string last_source, last_target;
  Bucket* last_bucket = nullptr;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char* d = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    if (!d) continue;
    std::string_view dv(d, size_t(sqlite3_column_bytes(st, 2)));
    bool same = last_bucket != nullptr;
    if (dv != last_date) {
      last_date.assign(dv);
      std::string period = PeriodOf(last_date, by);
      if (period != last_period) {
        last_period = std::move(period);
        same = false;
      }
    }
    if (per_dyad) {
      std::string_view sv(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                          size_t(sqlite3_column_bytes(st, 0)));
      std::string_view tv(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                          size_t(sqlite3_column_bytes(st, 1)));
      if (sv != last_source || tv != last_target) {
        last_source.assign(sv);
        last_target.assign(tv);
        same = false;
      }
    }
    if (!same) {
      key.clear();
      if (per_dyad) {
        key += last_source;
        key += '\x1f';
        key += last_target;
        key += '\x1f';
      }
      key += last_period;
      last_bucket = &buckets[key];
    }
    Bucket& bucket = *last_bucket;
    const int q = sqlite3_column_int(st, 3);
    const int64_t n = sqlite3_column_int64(st, 4);
    bucket.n += n;
    bucket.sum += sqlite3_column_double(st, 5);
    if (q >= 1 && q <= 4) bucket.quad[q] += n;
  }
  if (rc != SQLITE_DONE) {
    Status err = QueryError(db_, path_, filter);
    sqlite3_reset(st);
    return err;
  }
  sqlite3_reset(st);
  Table t;
  t.columns = {"period"};
  if (per_dyad) {
    t.columns.push_back("source");
    t.columns.push_back("target");
  }
  for (const char* c : {"events", "goldstein_sum", "goldstein_mean", "verbal_coop",
                        "material_coop", "verbal_conflict", "material_conflict"})
    t.columns.push_back(c);
  t.rows.reserve(buckets.size());
  for (const auto& [k, bucket] : buckets) {
    std::vector<Value> row;
    if (per_dyad) {
      size_t x = k.find('\x1f'), y = k.find('\x1f', x + 1);
      row.push_back(Value::Text(k.substr(y + 1)));
      row.push_back(Value::Text(k.substr(0, x)));
      row.push_back(Value::Text(k.substr(x + 1, y - x - 1)));
    } else {
      row.push_back(Value::Text(k));
    }
    row.push_back(Value::Int(bucket.n));
    row.push_back(Value::Real(bucket.sum));
    row.push_back(Value::Real(bucket.n ? bucket.sum / double(bucket.n) : 0));
    for (int q = 1; q <= 4; ++q) row.push_back(Value::Int(bucket.quad[q]));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Result<Network> QueryEngine::ActorNetwork(const EventFilter& filter, int max_edges,
                                          bool countries) {
  if (max_edges < 1 || max_edges > 5000)
    return Status::InvalidArgument("edges must be 1 to 5000");
  SqlBuilder b;
  AddFilter(filter, &b);
  b.where.push_back("e.source <> '---' AND e.target <> '---'");
  std::string src = countries ? "substr(e.source, 1, 3)" : "e.source";
  std::string tgt = countries ? "substr(e.target, 1, 3)" : "e.target";
  std::string sql = "SELECT " + src + " AS a, " + tgt +
                    " AS b, count(*) AS n, avg(e.goldstein), "
                    "sum(e.quad_class IN (1, 2)), sum(e.quad_class IN (3, 4)) FROM " +
                    (filter.dedup ? "dedup_events" : "events") + " e" + b.Where() +
                    " GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?";
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement(sql).get(&st));
  BindArgs(st, b.args, 1);
  sqlite3_bind_int(st, int(b.args.size()) + 1, max_edges);
  Network net;
  net.edges.columns = {"source", "target", "events", "goldstein_mean", "cooperation",
                       "conflict"};
  std::vector<std::string> order;
  std::unordered_map<std::string, int64_t> weight;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::string a = ColText(st, 0), c = ColText(st, 1);
    int64_t n = sqlite3_column_int64(st, 2);
    for (const std::string& x : {a, c}) {
      auto [it, fresh] = weight.emplace(x, 0);
      if (fresh) order.push_back(x);
      it->second += n;
    }
    if (a == c) weight[a] -= n;  // a self-loop counts once
    net.edges.rows.push_back({Value::Text(a), Value::Text(c), Value::Int(n),
                              Value::Real(sqlite3_column_double(st, 3)),
                              Value::Int(sqlite3_column_int64(st, 4)),
                              Value::Int(sqlite3_column_int64(st, 5))});
  }
  if (rc != SQLITE_DONE) {
    Status err = QueryError(db_, path_, filter);
    sqlite3_reset(st);
    return err;
  }
  sqlite3_reset(st);
  net.nodes.columns = {"id", "label", "events"};
  sqlite3_stmt* name = nullptr;
  CASUS_TRY(Statement("SELECT example FROM actors WHERE code = ?").get(&name));
  for (const std::string& id : order) {
    std::string label;
    if (!countries) {
      sqlite3_reset(name);
      sqlite3_bind_text(name, 1, id.data(), int(id.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(name) == SQLITE_ROW) label = ColText(name, 0);
    }
    net.nodes.rows.push_back({Value::Text(id), Value::Text(label), Value::Int(weight[id])});
  }
  sqlite3_reset(name);
  std::stable_sort(net.nodes.rows.begin(), net.nodes.rows.end(),
                   [](const auto& x, const auto& y) { return x[2].i > y[2].i; });
  return net;
}

Result<Table> QueryEngine::Top(const EventFilter& filter, TopKind what, int limit) {
  if (limit < 1 || limit > kMaxPageSize)
    return Status::InvalidArgument("limit must be 1 to " + std::to_string(kMaxPageSize));
  const std::string table = filter.dedup ? "dedup_events" : "events";
  SqlBuilder b;
  std::string sql;
  Table t;
  switch (what) {
    case TopKind::kActors: {
      SqlBuilder b2;
      AddFilter(filter, &b);
      AddFilter(filter, &b2);
      for (Arg& a : b2.args) b.args.push_back(a);
      sql = "SELECT actor, count(*) AS n FROM (SELECT e.source AS actor FROM " + table + " e" +
            b.Where() + " UNION ALL SELECT e.target FROM " + table + " e" + b2.Where() +
            ") WHERE actor <> '---' GROUP BY actor ORDER BY n DESC, actor LIMIT ?";
      t.columns = {"actor", "events"};
      break;
    }
    case TopKind::kSources:
    case TopKind::kTargets: {
      AddFilter(filter, &b);
      std::string c = what == TopKind::kSources ? "e.source" : "e.target";
      sql = "SELECT " + c + " AS actor, count(*) AS n FROM " + table + " e" + b.Where() +
            " GROUP BY actor ORDER BY n DESC, actor LIMIT ?";
      t.columns = {"actor", "events"};
      break;
    }
    case TopKind::kDyads:
      AddFilter(filter, &b);
      sql = "SELECT e.source, e.target, count(*) AS n FROM " + table + " e" + b.Where() +
            " GROUP BY e.source, e.target ORDER BY n DESC, e.source, e.target LIMIT ?";
      t.columns = {"source", "target", "events"};
      break;
    case TopKind::kCodes:
    case TopKind::kRoots: {
      AddFilter(filter, &b);
      std::string c = what == TopKind::kCodes ? "e.code" : "e.root";
      sql = "SELECT " + c + " AS c, count(*) AS n FROM " + table + " e" + b.Where() +
            " GROUP BY c ORDER BY n DESC, c LIMIT ?";
      t.columns = {what == TopKind::kCodes ? "code" : "root", "label", "events"};
      break;
    }
  }
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement(sql).get(&st));
  BindArgs(st, b.args, 1);
  sqlite3_bind_int(st, int(b.args.size()) + 1, limit);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<Value> row;
    if (what == TopKind::kCodes || what == TopKind::kRoots) {
      std::string c = ColText(st, 0);
      std::string label;
      if (what == TopKind::kRoots) {
        label = std::string(dict::RootLabel(c));
      } else if (const dict::CameoCode* cc = dict::LookupCameo(c)) {
        label = cc->label;
      }
      row = {Value::Text(c), Value::Text(label), Value::Int(sqlite3_column_int64(st, 1))};
    } else {
      for (int i = 0; i < int(t.columns.size()); ++i) row.push_back(ColValue(st, i));
    }
    t.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    Status err = QueryError(db_, path_, filter);
    sqlite3_reset(st);
    return err;
  }
  sqlite3_reset(st);
  return t;
}

Result<StoreSummary> QueryEngine::Summary() {
  StoreSummary s;
  s.schema_version = kStoreSchemaVersion;
  s.dedup_window_days = window_days_;
  auto scalar = [&](const char* sql, int64_t* v) -> Status {
    sqlite3_stmt* st = nullptr;
    CASUS_TRY(Statement(sql).get(&st));
    if (sqlite3_step(st) == SQLITE_ROW) *v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return Status::OK();
  };
  CASUS_TRY(scalar("SELECT count(*) FROM documents", &s.articles));
  CASUS_TRY(scalar("SELECT count(*) FROM sentences", &s.sentences));
  CASUS_TRY(scalar("SELECT count(*) FROM events", &s.events));
  CASUS_TRY(scalar("SELECT count(*) FROM dedup_events", &s.dedup_events));
  CASUS_TRY(scalar("SELECT count(*) FROM actors", &s.actors));
  sqlite3_stmt* st = nullptr;
  CASUS_TRY(Statement("SELECT min(date), max(date) FROM events").get(&st));
  if (sqlite3_step(st) == SQLITE_ROW) {
    s.first_date = ColText(st, 0);
    s.last_date = ColText(st, 1);
  }
  sqlite3_reset(st);
  CASUS_TRY(Statement("SELECT quad_class, count(*) FROM events GROUP BY quad_class").get(&st));
  while (sqlite3_step(st) == SQLITE_ROW) {
    int q = sqlite3_column_int(st, 0);
    if (q >= 1 && q <= 4) s.by_quad[q] = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  return s;
}

std::string StoreSummary::ToJson() const {
  std::string o = "{\"schema_version\":" + std::to_string(schema_version) +
                  ",\"dedup_window_days\":" + std::to_string(dedup_window_days) +
                  ",\"articles\":" + std::to_string(articles) +
                  ",\"sentences\":" + std::to_string(sentences) +
                  ",\"events\":" + std::to_string(events) +
                  ",\"dedup_events\":" + std::to_string(dedup_events) +
                  ",\"actors\":" + std::to_string(actors) + ",\"first_date\":" +
                  (first_date.empty() ? "null" : JsonQuote(first_date)) + ",\"last_date\":" +
                  (last_date.empty() ? "null" : JsonQuote(last_date)) + ",\"by_quad\":{";
  for (int q = 1; q <= 4; ++q) {
    if (q > 1) o += ",";
    o += "\"" + std::to_string(q) + "\":" + std::to_string(by_quad[q]);
  }
  return o + "}}";
}

}  // namespace casus
