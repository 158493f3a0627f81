// casus export: PLOVER JSONL, the GDELT 2.0 event table, Phoenix, CSV.
// docs/formats.md gives every column with its meaning.
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "casus/query.h"
#include "common/date.h"
#include "common/strutil.h"
#include "query/sql.h"
#include "store/window.h"

namespace casus {

using namespace query_internal;

namespace {

// A CAMEO actor code cut into its three-letter parts: USAGOV -> USA, GOV.
struct ActorParts {
  std::string code;         // "" for "---"
  std::string country;      // a country code, or "" for an IGO/NGO/...
  std::string known_group;  // the organisation of an IGO/NGO code (IGOUNO -> UNO)
  std::string types[3];     // role codes after the country/organisation
  std::string entity;       // Phoenix: the first part
  std::string role;         // Phoenix: the second part
  std::string attribute;    // Phoenix: the rest
};

bool IsGroupPrefix(const std::string& p) {
  return p == "IGO" || p == "NGO" || p == "IMG" || p == "MNC" || p == "NGM";
}

ActorParts SplitActor(const std::string& code) {
  ActorParts a;
  if (code.empty() || code == "---") return a;
  a.code = code;
  std::vector<std::string> parts;
  for (size_t i = 0; i < code.size(); i += 3) parts.push_back(code.substr(i, 3));
  size_t next = 1;
  if (IsGroupPrefix(parts[0])) {
    a.types[0] = parts[0];
    if (parts.size() > 1) a.known_group = parts[1];
    next = 2;
    int t = 1;
    for (size_t i = next; i < parts.size() && t < 3; ++i) a.types[t++] = parts[i];
  } else {
    a.country = parts[0];
    int t = 0;
    for (size_t i = next; i < parts.size() && t < 3; ++i) a.types[t++] = parts[i];
  }
  a.entity = parts[0];
  if (parts.size() > 1) a.role = parts[1];
  for (size_t i = 2; i < parts.size(); ++i) a.attribute += parts[i];
  return a;
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = char(c - 32);
  return s;
}

// Tab-separated fields hold no tabs or line breaks.
std::string Field(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string Num1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += "\"\"";
    else r.push_back(c);
  }
  return r + "\"";
}

std::string Digits(const std::string& date) {
  std::string r;
  for (char c : date)
    if (IsAsciiDigit(c)) r.push_back(c);
  return r;
}

// GDELT's FractionDate: the year plus the fraction of it completed.
std::string FractionDate(const std::string& date) {
  int ymd = 0;
  if (!ParseDate(date, &ymd)) return "";
  int y = ymd / 10000;
  int doy = DaysFromDate(ymd) - DaysFromDate(y * 10000 + 101);
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", y + double(doy) / (leap ? 366 : 365));
  return buf;
}

class Out {
 public:
  explicit Out(FILE* f) : f_(f) {}
  std::string buf;
  Status Flush(bool force) {
    if (!force && buf.size() < (1u << 16)) return Status::OK();
    if (!buf.empty() && fwrite(buf.data(), 1, buf.size(), f_) != buf.size())
      return Status::IOError(std::string("cannot write output: ") + strerror(errno));
    buf.clear();
    if (force && fflush(f_) != 0)
      return Status::IOError(std::string("cannot write output: ") + strerror(errno));
    return Status::OK();
  }

 private:
  FILE* f_;
};

std::string Coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

// A coordinate column, empty when NULL.
std::string LatLon(sqlite3_stmt* st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL ? "" : Coord(sqlite3_column_double(st, col));
}

}  // namespace

Status QueryEngine::Export(const EventFilter& filter, ExportFormat format, FILE* out,
                           int64_t* rows, int64_t* left_out) {
  *rows = 0;
  *left_out = 0;
  Out o(out);
  SqlBuilder b;
  EventFilter f = filter;
  const bool per_event = format == ExportFormat::kGdelt || format == ExportFormat::kPhoenix ||
                         (format == ExportFormat::kCsv && filter.dedup);
  f.dedup = per_event;
  AddFilter(f, &b);

  if (per_event) {
    std::string sql =
        "SELECT e.id, e.window_start, e.window_end, e.first_date, e.source, e.target, e.code, "
        "e.root, e.quad_class, e.goldstein, e.num_mentions, e.num_sources, e.num_articles, "
        "e.is_root, json_extract(m.evidence, '$.source.text'), "
        "json_extract(m.evidence, '$.target.text'), d.url, d.coded_at, e.plover, e.mode, "
        "e.last_date, m.location, m.location_country, m.lat, m.lon, m.location_admin1, "
        "m.location_kind "
        "FROM dedup_events e LEFT JOIN events m ON m.id = e.first_event "
        "LEFT JOIN documents d ON d.id = m.doc_id" +
        b.Where() + " ORDER BY e.window_start, e.id";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return Error("prepare export");
    BindArgs(st, b.args, 1);
    sqlite3_stmt* ms = nullptr;
    if (format == ExportFormat::kPhoenix &&
        sqlite3_prepare_v2(db_,
                           "SELECT m.doc_id, m.sent_index, d.url, d.source FROM events m "
                           "JOIN documents d ON d.id = m.doc_id WHERE m.month IN (SELECT "
                           "month FROM months WHERE month BETWEEN ?6 AND ?7) AND m.source = ?1 AND "
                           "m.target = ?2 AND m.date >= ?3 AND m.date <= ?4 AND m.code = ?5 "
                           "ORDER BY m.id",
                           -1, &ms, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return Error("prepare export");
    }
    if (format == ExportFormat::kCsv)
      o.buf +=
          "dedup_id,date,window_end,first_date,last_date,source,target,code,root,quad_class,"
          "goldstein,plover,mode,num_mentions,num_sources,num_articles,is_root,source_text,"
          "target_text,url\n";
    Status status;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const std::string id = ColText(st, 0), ws = ColText(st, 1), we = ColText(st, 2),
                        first = ColText(st, 3), src = ColText(st, 4), tgt = ColText(st, 5),
                        code = ColText(st, 6), root = ColText(st, 7),
                        a1name = ColText(st, 14), a2name = ColText(st, 15),
                        url = ColText(st, 16), coded_at = ColText(st, 17);
      const int quad = sqlite3_column_int(st, 8);
      const double gold = sqlite3_column_double(st, 9);
      const int64_t nm = sqlite3_column_int64(st, 10), ns = sqlite3_column_int64(st, 11),
                    na = sqlite3_column_int64(st, 12);
      const bool is_root = sqlite3_column_int(st, 13) != 0;
      if (format == ExportFormat::kCsv) {
        const std::string cells[] = {id, ws, we, first, ColText(st, 20), src, tgt, code, root,
                                     std::to_string(quad), Num1(gold), ColText(st, 18),
                                     ColText(st, 19), std::to_string(nm), std::to_string(ns),
                                     std::to_string(na), is_root ? "1" : "0", a1name, a2name,
                                     url};
        for (size_t i = 0; i < std::size(cells); ++i) {
          if (i) o.buf += ",";
          o.buf += CsvCell(cells[i]);
        }
        o.buf += "\n";
      } else if (format == ExportFormat::kGdelt) {
        ActorParts a1 = SplitActor(src), a2 = SplitActor(tgt);
        std::string day = Digits(first);
        std::vector<std::string> c;
        c.reserve(61);
        c.push_back(id);                                  // 1 GlobalEventID
        c.push_back(day);                                 // 2 Day
        c.push_back(day.substr(0, 6));                    // 3 MonthYear
        c.push_back(day.substr(0, 4));                    // 4 Year
        c.push_back(FractionDate(first));                 // 5 FractionDate
        for (const ActorParts* a : {&a1, &a2}) {          // 6-15, 16-25
          const std::string& name = a == &a1 ? a1name : a2name;
          c.push_back(a->code);                           // ActorNCode
          c.push_back(a->code.empty() ? "" : Upper(name));  // ActorNName
          c.push_back(a->country);                        // ActorNCountryCode
          c.push_back(a->known_group);                    // ActorNKnownGroupCode
          c.push_back("");                                // ActorNEthnicCode
          c.push_back("");                                // ActorNReligion1Code
          c.push_back("");                                // ActorNReligion2Code
          for (int t = 0; t < 3; ++t) c.push_back(a->types[t]);  // ActorNType1..3Code
        }
        c.push_back(is_root ? "1" : "0");                 // 26 IsRootEvent
        c.push_back(code);                                // 27 EventCode
        c.push_back(code.substr(0, 3));                   // 28 EventBaseCode
        c.push_back(root);                                // 29 EventRootCode
        c.push_back(std::to_string(quad));                // 30 QuadClass
        c.push_back(Num1(gold));                          // 31 GoldsteinScale
        c.push_back(std::to_string(nm));                  // 32 NumMentions
        c.push_back(std::to_string(ns));                  // 33 NumSources
        c.push_back(std::to_string(na));                  // 34 NumArticles
        c.push_back("");                                  // 35 AvgTone (not computed)
        for (int g = 0; g < 2; ++g) {                     // 36-43, 44-51: actor places
          c.push_back("0");                               // Geo_Type: not coded
          for (int k = 0; k < 7; ++k) c.push_back("");
        }
        // 52-59 ActionGeo: the place of the first mention, from the gazetteer.
        const std::string place = ColText(st, 21), kind = ColText(st, 26);
        if (place.empty()) {
          c.push_back("0");
          for (int k = 0; k < 7; ++k) c.push_back("");
        } else {
          const bool country = kind == "country" || kind == "territory";
          const bool adm1 = kind == "admin1" || kind == "region";
          const bool usa = ColText(st, 22) == "USA";
          // GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
          c.push_back(country ? "1" : adm1 ? (usa ? "2" : "5") : (usa ? "3" : "4"));
          std::string full = place;
          if (!ColText(st, 25).empty()) full += ", " + ColText(st, 25);
          c.push_back(full);                              // ActionGeo_FullName
          c.push_back(ColText(st, 22));                   // ActionGeo_CountryCode (ISO3)
          c.push_back("");                                // ActionGeo_ADM1Code
          c.push_back("");                                // ActionGeo_ADM2Code
          c.push_back(Coord(sqlite3_column_double(st, 23)));  // ActionGeo_Lat
          c.push_back(Coord(sqlite3_column_double(st, 24)));  // ActionGeo_Long
          c.push_back(place);                             // ActionGeo_FeatureID
        }
        c.push_back(Digits(coded_at).substr(0, 14));      // 60 DATEADDED
        c.push_back(url);                                 // 61 SOURCEURL
        for (size_t i = 0; i < c.size(); ++i) {
          if (i) o.buf += "\t";
          o.buf += Field(c[i]);
        }
        o.buf += "\n";
      } else {  // Phoenix
        ActorParts a1 = SplitActor(src), a2 = SplitActor(tgt);
        std::string day = Digits(first);
        std::string sentence_ids, urls, sources;
        std::set<std::string> seen_url, seen_src;
        sqlite3_reset(ms);
        sqlite3_bind_text(ms, 1, src.data(), int(src.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ms, 2, tgt.data(), int(tgt.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ms, 3, ws.data(), int(ws.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ms, 4, we.data(), int(we.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ms, 5, code.data(), int(code.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int(ms, 6, MonthOf(ws));
        sqlite3_bind_int(ms, 7, MonthOf(we));
        while (sqlite3_step(ms) == SQLITE_ROW) {
          if (!sentence_ids.empty()) sentence_ids += ";";
          sentence_ids += ColText(ms, 0) + "_" + ColText(ms, 1);
          std::string u = ColText(ms, 2), s = ColText(ms, 3);
          if (!u.empty() && seen_url.insert(u).second) urls += (urls.empty() ? "" : ";") + u;
          if (!s.empty() && seen_src.insert(s).second)
            sources += (sources.empty() ? "" : ";") + s;
        }
        const std::string c[] = {
            id,                                     // 1 EventID
            day,                                    // 2 Date
            day.substr(0, 4),                       // 3 Year
            day.substr(4, 2),                       // 4 Month
            day.substr(6, 2),                       // 5 Day
            a1.code,                                // 6 SourceActorFull
            a1.entity,                              // 7 SourceActorEntity
            a1.role,                                // 8 SourceActorRole
            a1.attribute,                           // 9 SourceActorAttribute
            a2.code,                                // 10 TargetActorFull
            a2.entity,                              // 11 TargetActorEntity
            a2.role,                                // 12 TargetActorRole
            a2.attribute,                           // 13 TargetActorAttribute
            code,                                   // 14 EventCode
            root,                                   // 15 EventRootCode
            std::to_string(quad),                   // 16 QuadClass
            Num1(gold),                             // 17 GoldsteinScore
            "",                                     // 18 Issues
            LatLon(st, 23),                         // 19 Lat
            LatLon(st, 24),                         // 20 Lon
            ColText(st, 21),                        // 21 LocationName
            ColText(st, 26) == "admin1" ? ColText(st, 21) : ColText(st, 25),  // 22 StateName
            ColText(st, 22),                        // 23 CountryCode
            sentence_ids,                           // 24 SentenceID
            urls,                                   // 25 URLs
            sources};                               // 26 NewsSources
        for (size_t i = 0; i < std::size(c); ++i) {
          if (i) o.buf += "\t";
          o.buf += Field(c[i]);
        }
        o.buf += "\n";
      }
      ++*rows;
      if (!(status = o.Flush(false)).ok()) break;
    }
    if (status.ok() && rc != SQLITE_ROW && rc != SQLITE_DONE) status = Error("export");
    sqlite3_finalize(st);
    sqlite3_finalize(ms);
    CASUS_TRY(status);
    return o.Flush(true);
  }

  // One record per mention: PLOVER JSONL or CSV.
  std::string sql =
      "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, "
      "e.plover, e.mode, e.attribution, e.doc_id, e.sent_index, d.source, d.url, s.text, "
      "e.evidence, coalesce(e.event_date, e.date), e.location, e.location_country, e.lat, "
      "e.lon FROM events e "
      "LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sent_index = e.sent_index "
      "LEFT JOIN documents d ON d.id = e.doc_id" +
      b.Where() + " ORDER BY e.date, e.id";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    return Error("prepare export");
  BindArgs(st, b.args, 1);
  sqlite3_stmt* xs = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "SELECT id, num_mentions, num_sources, num_articles FROM dedup_events "
                         "WHERE month = ?5 AND window_start = ?1 AND source = ?2 AND target = ?3 "
                         "AND code = ?4",
                         -1, &xs, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    return Error("prepare export");
  }
  if (format == ExportFormat::kCsv)
    o.buf +=
        "event_id,dedup_id,date,source,target,code,root,quad_class,goldstein,plover,mode,"
        "attribution,num_mentions,num_sources,num_articles,doc_id,sent_index,publisher,url,"
        "source_text,target_text,trigger_text,sentence\n";
  Status status;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const std::string id = ColText(st, 0), date = ColText(st, 1), src = ColText(st, 2),
                      tgt = ColText(st, 3), code = ColText(st, 4), plover = ColText(st, 8);
    if (format == ExportFormat::kPlover && plover.empty()) {
      ++*left_out;
      continue;
    }
    EvidenceSpans ev;
    ParseEvidenceSpans(ColText(st, 16), &ev);
    std::string ws, we;
    WindowOf(date, window_days_, &ws, &we);
    sqlite3_reset(xs);
    sqlite3_bind_text(xs, 1, ws.data(), int(ws.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(xs, 2, src.data(), int(src.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(xs, 3, tgt.data(), int(tgt.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(xs, 4, code.data(), int(code.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int(xs, 5, MonthOf(ws));
    std::string dedup_id, nm, ns, na;
    // Events with a mode are not deduplicated.
    if (sqlite3_column_type(st, 9) == SQLITE_NULL && sqlite3_step(xs) == SQLITE_ROW) {
      dedup_id = ColText(xs, 0);
      nm = ColText(xs, 1);
      ns = ColText(xs, 2);
      na = ColText(xs, 3);
    }
    const int quad = sqlite3_column_int(st, 6);
    const double gold = sqlite3_column_double(st, 7);
    if (format == ExportFormat::kCsv) {
      const std::string cells[] = {id, dedup_id, date, src, tgt, code, ColText(st, 5),
                                   std::to_string(quad), Num1(gold), plover, ColText(st, 9),
                                   ColText(st, 10), nm, ns, na, ColText(st, 11),
                                   ColText(st, 12), ColText(st, 13), ColText(st, 14),
                                   ev.text[0], ev.text[1], ev.text[2], ColText(st, 15)};
      for (size_t i = 0; i < std::size(cells); ++i) {
        if (i) o.buf += ",";
        o.buf += CsvCell(cells[i]);
      }
      o.buf += "\n";
    } else {
      ActorParts a1 = SplitActor(src), a2 = SplitActor(tgt);
      auto str_or_null = [](const std::string& s) {
        return s.empty() ? std::string("null") : JsonQuote(s);
      };
      o.buf += "{\"id\":" + JsonQuote("casus-" + id);
      o.buf += ",\"date\":" + JsonQuote(date);
      o.buf += ",\"event\":" + JsonQuote(plover);
      o.buf += ",\"mode\":" + JsonQuote(ColText(st, 9));
      o.buf += ",\"event_date\":" + JsonQuote(ColText(st, 17));
      if (sqlite3_column_type(st, 18) == SQLITE_NULL) {
        o.buf += ",\"location\":null";
      } else {
        o.buf += ",\"location\":{\"name\":" + JsonQuote(ColText(st, 18)) +
                 ",\"country\":" + JsonQuote(ColText(st, 19)) + ",\"lat\":" +
                 LatLon(st, 20) + ",\"lon\":" + LatLon(st, 21) + "}";
      }
      o.buf += ",\"context\":[]";
      o.buf += ",\"actor\":" + str_or_null(a1.code);
      o.buf += ",\"actor_country\":" + str_or_null(a1.country);
      o.buf += ",\"actor_text\":" + str_or_null(ev.text[0]);
      o.buf += ",\"recipient\":" + str_or_null(a2.code);
      o.buf += ",\"recipient_country\":" + str_or_null(a2.country);
      o.buf += ",\"recipient_text\":" + str_or_null(ev.text[1]);
      o.buf += ",\"trigger_text\":" + str_or_null(ev.text[2]);
      o.buf += ",\"cameo\":{\"code\":" + JsonQuote(code) + ",\"root\":" +
               JsonQuote(ColText(st, 5)) + ",\"quad_class\":" + std::to_string(quad) +
               ",\"goldstein\":" + Num1(gold) + "}";
      o.buf += ",\"attribution\":" + str_or_null(ColText(st, 10));
      o.buf += ",\"dedup_id\":" + (dedup_id.empty() ? std::string("null") : dedup_id);
      o.buf += ",\"num_mentions\":" + (nm.empty() ? std::string("null") : nm);
      o.buf += ",\"story_id\":" + JsonQuote(ColText(st, 11));
      o.buf += ",\"sentence_index\":" + ColText(st, 12);
      o.buf += ",\"publisher\":" + str_or_null(ColText(st, 13));
      o.buf += ",\"url\":" + str_or_null(ColText(st, 14));
      o.buf += ",\"text\":" + JsonQuote(ColText(st, 15));
      o.buf += "}\n";
    }
    ++*rows;
    if (!(status = o.Flush(false)).ok()) break;
  }
  if (status.ok() && rc != SQLITE_ROW && rc != SQLITE_DONE) status = Error("export");
  sqlite3_finalize(st);
  sqlite3_finalize(xs);
  CASUS_TRY(status);
  return o.Flush(true);
}

}  // namespace casus
