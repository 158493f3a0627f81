// store_bench: ingest rate of the event store and latency of the dyad
// time-series query, on synthetic news. Checks its own answers against plain
// SQL (simdjson style: a benchmark that is wrong is worse than a slow one).
//
//   build/bench/store_bench [--events 1000000] [--queries 1000] [--db PATH] [--keep]
//                           [--no-sentences]   (documents and events only: no FTS5)
//                           [--reuse]          (query a database --keep left; skip ingest)
//                           [--batch 500]      (documents per transaction; casus code --batch)
//                           [--append]         (add to the database --keep left: new document
//                                               ids, dates after the stored ones)
//
// 1. Ingest: synthetic articles (5 sentences of ~22 words, 4 coded events
//    each, actors drawn from a skewed distribution over 300 codes, dates over
//    five years) are stored with EventStore::PutDocument in transactions of
//    500 documents (--batch), as `casus code --db` does: documents, sentences (+FTS5),
//    events, and the deduplicated events refreshed at each commit.
// 2. Queries: QueryEngine::Series (what /api/dyad runs) for dyads drawn in
//    proportion to their events, half exact (USAGOV -> RUSMIL) and half by
//    country prefix (USA* -> RUS*), by day, week or month; p50/p90/p99/max.
#include <sqlite3.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "casus/query.h"
#include "casus/store.h"
#include "dict/cameo_codes.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU seconds of this process: on a busy machine the wall clock also counts
// time spent waiting for a core.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Args {
  int64_t events = 1000000;
  int queries = 1000;
  std::string db = (std::filesystem::temp_directory_path() / "casus_store_bench.db").string();
  bool keep = false;
  bool no_sentences = false;  // store the documents and events only (no sentences, no FTS)
  bool reuse = false;         // query the database --keep left (same --events), no ingest
  int batch = 500;            // documents per transaction (casus code --batch)
  bool append = false;        // add to an existing database (after --keep)
};

// EventStore::Finish() where the store has it (a baseline build of an older
// store has not): the work a bulk load leaves to the end is part of ingest.
template <class Store>
bool FinishStore(Store& store) {
  if constexpr (requires { store.Finish(); }) {
    if (auto st = store.Finish(); !st.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
      return false;
    }
  }
  return true;
}

std::string CivilDate(int days_since_2020) {
  // 2020-01-01 + n days, via a small civil-from-days.
  int z = days_since_2020 + 18262 + 719468;  // 18262 = days from 1970-01-01 to 2020-01-01
  int era = z / 146097, doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (k == "--events") a.events = std::atoll(next());
    else if (k == "--queries") a.queries = std::atoi(next());
    else if (k == "--db") a.db = next();
    else if (k == "--keep") a.keep = true;
    else if (k == "--no-sentences") a.no_sentences = true;
    else if (k == "--reuse") a.reuse = true;
    else if (k == "--batch") a.batch = std::max(1, std::atoi(next()));
    else if (k == "--append") a.append = true;
    else {
      std::fprintf(stderr,
                   "usage: store_bench [--events N] [--queries N] [--db PATH] [--keep] [--reuse] "
                   "[--no-sentences] [--batch N] [--append]\n");
      return 2;
    }
  }
  if (a.reuse && a.append) {
    std::fprintf(stderr, "store_bench: --reuse and --append exclude each other\n");
    return 2;
  }
  if (!a.reuse && !a.append)
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(a.db + s);

  // --- synthetic world ------------------------------------------------------
  std::mt19937_64 rng(42);
  const char* kAgents[] = {"", "GOV", "MIL", "REB", "OPP", "BUS"};
  std::vector<std::string> actors, names;
  for (int c = 0; c < 50; ++c) {
    std::string country = {char('A' + c / 26 % 26), char('A' + c % 26), char('X' + c % 3)};
    for (const char* ag : kAgents) {
      actors.push_back(country + ag);
      names.push_back("Land" + std::to_string(c) + (*ag ? std::string(" ") + ag : ""));
    }
  }
  // Skewed popularity (Zipf-like, s = 1): a few actors get most of the news.
  std::vector<double> weight(actors.size());
  for (size_t i = 0; i < weight.size(); ++i) weight[i] = 1.0 / double(i + 1);
  std::discrete_distribution<size_t> pick_actor(weight.begin(), weight.end());
  const char* kCodes[] = {"010", "013", "020", "036", "040", "042", "043", "051", "057",
                          "061", "073", "090", "111", "112", "1123", "120", "130", "138",
                          "141", "163", "173", "190", "193", "194", "195", "0871"};
  std::vector<const casus::dict::CameoCode*> codes;
  for (const char* c : kCodes) {
    const auto* cc = casus::dict::LookupCameo(c);
    if (!cc) {
      std::fprintf(stderr, "store_bench: code %s not in the CAMEO table\n", c);
      return 1;
    }
    codes.push_back(cc);
  }
  std::vector<std::string> vocab;
  for (int i = 0; i < 3000; ++i) {
    std::string w;
    for (uint64_t x = uint64_t(i) * 2654435761u + 7, n = 3 + i % 7; n; --n, x /= 23)
      w.push_back(char('a' + x % 23));
    vocab.push_back(w);
  }
  std::uniform_int_distribution<int> pick_word(0, int(vocab.size()) - 1);
  std::uniform_int_distribution<int> pick_jitter(-2, 2);
  std::uniform_int_distribution<size_t> pick_code(0, codes.size() - 1);
  const char* kOutlets[] = {"Wire A", "Wire B", "Daily C", "Herald D", "Times E"};

  std::set<std::pair<size_t, size_t>> dyads;  // every (source, target) stored
  double ingest_wall_rate = 0, ingest_cpu_rate = 0;
  constexpr int kSentences = 5, kEventsPerDoc = 4, kWords = 22;
  const int64_t ndocs = (a.events + kEventsPerDoc - 1) / kEventsPerDoc;

  // --- 1. ingest -------------------------------------------------------------
  if (!a.reuse) {
  auto store_r = casus::EventStore::Open(a.db);
  if (!store_r.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", store_r.status().ToString().c_str());
    return 1;
  }
  auto store = std::move(store_r).value();
  // --append: what is stored already (not timed); new ids continue after the
  // stored documents, dates after theirs (a stream of the same rate).
  int64_t base_docs = 0, base_events = 0;
  if (a.append) {
    auto before = store->Stats(1);
    if (!before.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", before.status().ToString().c_str());
      return 1;
    }
    base_docs = before.value().articles;
    base_events = before.value().events;
    std::printf("append: the store holds %lld documents, %lld events\n", (long long)base_docs,
                (long long)base_events);
  }
  const int day_offset = int(base_docs * (5 * 365) / ndocs);
  std::vector<casus::Document> docs(1);
  std::vector<casus::Sentence> sentences;
  std::vector<casus::Event> events;
  int64_t stored_events = 0, stored_sentences = 0;
  Clock::duration gen_time{};
  double gen_cpu = 0;
  const auto t0 = Clock::now();
  const double cpu0 = CpuSeconds();
  for (int64_t d = 0; d < ndocs; ++d) {
    const auto g0 = Clock::now();
    const double gc0 = CpuSeconds();
    casus::Document& doc = docs[0];
    doc.id = "bench-" + std::to_string(base_docs + d);
    // A news stream arrives roughly in date order: day d * 5 years / ndocs,
    // give or take two days.
    doc.date = CivilDate(
        std::max(0, day_offset + int(d * (5 * 365) / ndocs) + pick_jitter(rng)));
    doc.source = kOutlets[d % 5];
    doc.url = "https://example.org/" + doc.id;
    doc.title = vocab[size_t(pick_word(rng))];
    doc.text.clear();
    sentences.clear();
    events.clear();
    for (int s = 0; s < kSentences; ++s) {
      casus::Sentence sent;
      sent.index = s;
      sent.start = uint32_t(doc.text.size());
      const bool coded = s < kEventsPerDoc;
      size_t src = pick_actor(rng), tgt = pick_actor(rng);
      if (tgt == src) tgt = (tgt + 1) % actors.size();
      if (coded) dyads.insert({src, tgt});
      uint32_t src_at = 0, verb_at = 0, tgt_at = 0;
      for (int w = 0; w < kWords; ++w) {
        if (w) doc.text.push_back(' ');
        if (coded && w == 2) {
          src_at = uint32_t(doc.text.size());
          doc.text += names[src];
        } else if (coded && w == 4) {
          verb_at = uint32_t(doc.text.size());
          doc.text += "condemned";
        } else if (coded && w == 5) {
          tgt_at = uint32_t(doc.text.size());
          doc.text += names[tgt];
        } else {
          doc.text += vocab[size_t(pick_word(rng))];
        }
      }
      doc.text += ".";
      sent.end = uint32_t(doc.text.size());
      doc.text.push_back(' ');
      sentences.push_back(sent);
      if (coded) {
        const casus::dict::CameoCode* cc = codes[pick_code(rng)];
        casus::Event e;
        e.doc_id = doc.id;
        e.sent_index = s;
        e.date = doc.date;
        e.source = actors[src];
        e.target = actors[tgt];
        e.code = cc->code;
        e.root = e.code.substr(0, 2);
        e.quad_class = cc->quad_class;
        e.goldstein = cc->goldstein;
        e.plover = cc->plover ? cc->plover : "";
        e.source_ev = {src_at, src_at + uint32_t(names[src].size()), names[src], "bench"};
        e.target_ev = {tgt_at, tgt_at + uint32_t(names[tgt].size()), names[tgt], "bench"};
        e.trigger_ev = {verb_at, verb_at + 9, "condemned", "bench"};
        events.push_back(std::move(e));
      }
    }
    gen_time += Clock::now() - g0;
    gen_cpu += CpuSeconds() - gc0;
    if (d % a.batch == 0) {
      if (auto st = store->Begin(); !st.ok()) {
        std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
        return 1;
      }
    }
    if (a.no_sentences) sentences.clear();
    if (auto st = store->PutDocument(doc, sentences, events); !st.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
      return 1;
    }
    stored_events += int64_t(events.size());
    stored_sentences += int64_t(sentences.size());
    if (d % a.batch == a.batch - 1) {
      if (auto st = store->Commit(); !st.ok()) {
        std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
        return 1;
      }
    }
  }
  if (auto st = store->Commit(); !st.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
    return 1;
  }
  if (!FinishStore(*store)) return 1;
  double ingest_s = std::chrono::duration<double>(Clock::now() - t0 - gen_time).count();
  double ingest_cpu = CpuSeconds() - cpu0 - gen_cpu;
  auto stats = store->Stats(1);
  // Closing checkpoints the rest of the WAL into the file: part of the ingest.
  const auto c0 = Clock::now();
  const double cc0 = CpuSeconds();
  store.reset();
  ingest_s += std::chrono::duration<double>(Clock::now() - c0).count();
  ingest_cpu += CpuSeconds() - cc0;
  if (!stats.ok() || stats.value().events != base_events + stored_events) {
    std::fprintf(stderr, "store_bench: FAIL: stored %lld events, the store has %lld\n",
                 (long long)(base_events + stored_events), stats.ok() ? (long long)stats.value().events : -1LL);
    return 1;
  }
  std::printf("ingest: %lld documents, %lld sentences, %lld events, %lld deduplicated events "
              "in %.2f s wall, %.2f s CPU (generation excluded, closing included): %.0f events/s wall, "
              "%.0f events/s CPU, %.0f documents/s wall\n",
              (long long)ndocs, (long long)stored_sentences, (long long)stored_events,
              (long long)stats.value().dedup_events, ingest_s, ingest_cpu,
              double(stored_events) / ingest_s, double(stored_events) / ingest_cpu,
              double(ndocs) / ingest_s);
  ingest_wall_rate = double(stored_events) / ingest_s;
  ingest_cpu_rate = double(stored_events) / ingest_cpu;
  std::printf("database: %.1f MiB\n",
              double(std::filesystem::file_size(a.db)) / (1024.0 * 1024.0));
  } else {
    // Regenerate the dyads the database holds (same seed, same draws).
    for (int64_t d = 0; d < ndocs; ++d) {
      (void)pick_jitter(rng);
      (void)pick_word(rng);
      for (int s2 = 0; s2 < kSentences; ++s2) {
        size_t src = pick_actor(rng), tgt = pick_actor(rng);
        if (tgt == src) tgt = (tgt + 1) % actors.size();
        if (s2 < kEventsPerDoc) dyads.insert({src, tgt});
        for (int w = 0; w < kWords; ++w) {
          const bool coded = s2 < kEventsPerDoc;
          if (!(coded && (w == 2 || w == 4 || w == 5))) (void)pick_word(rng);
        }
        if (s2 < kEventsPerDoc) (void)pick_code(rng);
      }
    }
  }

  // --- 2. dyad time series -----------------------------------------------------
  auto q_r = casus::QueryEngine::Open(a.db);
  if (!q_r.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", q_r.status().ToString().c_str());
    return 1;
  }
  auto q = std::move(q_r).value();
  sqlite3* ref = nullptr;
  sqlite3_open_v2(a.db.c_str(), &ref, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* ref_exact = nullptr;
  sqlite3_stmt* ref_prefix = nullptr;
  // The reference reads the events table only: the months of the dyad
  // index are listed once from the events themselves (not from `months`).
  std::string all_months = "[";
  {
    sqlite3_stmt* m = nullptr;
    sqlite3_prepare_v2(ref, "SELECT DISTINCT month FROM events", -1, &m, nullptr);
    while (sqlite3_step(m) == SQLITE_ROW)
      all_months += (all_months.size() > 1 ? "," : "") + std::to_string(sqlite3_column_int(m, 0));
    sqlite3_finalize(m);
  }
  all_months += "]";
  sqlite3_prepare_v2(ref,
                     "SELECT count(*), total(goldstein) FROM events WHERE month IN (SELECT value "
                     "FROM json_each(?3)) AND source = ?1 AND target = ?2 AND mode IS NULL",
                     -1, &ref_exact, nullptr);
  sqlite3_prepare_v2(ref,
                     "SELECT count(*), total(goldstein) FROM events WHERE month IN (SELECT value "
                     "FROM json_each(?3)) AND source >= ?1 AND source < ?1 || '~' AND "
                     "substr(source, 1, 3) = ?1 AND substr(target, 1, 3) = ?2 AND mode IS NULL",
                     -1, &ref_prefix, nullptr);
  if (a.queries < 1) return 0;
  // Four kinds of query, a quarter each: an exact dyad or a country-prefix
  // dyad, drawn uniformly among the dyads that have events or in proportion
  // to their events (heavy dyads more often).
  std::vector<std::pair<size_t, size_t>> exact(dyads.begin(), dyads.end());
  std::set<std::pair<size_t, size_t>> country_set;
  for (const auto& [x, y] : dyads) country_set.insert({x / 6, y / 6});
  std::vector<std::pair<size_t, size_t>> countries(country_set.begin(), country_set.end());
  const char* kKinds[] = {"exact dyad, uniform", "exact dyad, by events",
                          "country prefix, uniform", "country prefix, by events"};
  std::vector<double> lat[4];
  int64_t rows_total = 0, checked = 0, largest = 0;
  const casus::Period periods[] = {casus::Period::kDay, casus::Period::kWeek,
                                   casus::Period::kMonth};
  for (int i = 0; i < a.queries; ++i) {
    const int kind = i % 4;
    const bool prefix = kind >= 2;
    size_t src, tgt;
    if (kind == 0) {
      std::tie(src, tgt) = exact[std::uniform_int_distribution<size_t>(0, exact.size() - 1)(rng)];
    } else if (kind == 2) {
      auto [cx, cy] =
          countries[std::uniform_int_distribution<size_t>(0, countries.size() - 1)(rng)];
      src = cx * 6;
      tgt = cy * 6;
    } else {
      src = pick_actor(rng);
      tgt = pick_actor(rng);
      if (tgt == src) tgt = (tgt + 1) % actors.size();
    }
    casus::EventFilter f;
    std::string s = prefix ? actors[src].substr(0, 3) + "*" : actors[src];
    std::string t = prefix ? actors[tgt].substr(0, 3) + "*" : actors[tgt];
    if (!f.Set("source", s).ok() || !f.Set("target", t).ok()) return 1;
    const auto q0 = Clock::now();
    auto series = q->Series(f, periods[(i / 4) % 3], /*per_dyad=*/false);
    lat[kind].push_back(Ms(Clock::now() - q0));
    if (!series.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", series.status().ToString().c_str());
      return 1;
    }
    int64_t n = 0;
    double g = 0;
    for (const auto& row : series.value().rows) {
      n += row[1].i;
      g += row[2].d;
    }
    rows_total += int64_t(series.value().rows.size());
    largest = std::max(largest, n);
    if (i % 10 == 0) {  // check against plain SQL
      sqlite3_stmt* r = prefix ? ref_prefix : ref_exact;
      std::string rs = prefix ? s.substr(0, 3) : s, rt = prefix ? t.substr(0, 3) : t;
      sqlite3_reset(r);
      sqlite3_bind_text(r, 1, rs.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(r, 2, rt.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(r, 3, all_months.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(r);
      if (sqlite3_column_int64(r, 0) != n || std::abs(sqlite3_column_double(r, 1) - g) > 1e-6) {
        std::fprintf(stderr, "store_bench: FAIL: %s -> %s: %lld events, reference %lld\n",
                     s.c_str(), t.c_str(), (long long)n, (long long)sqlite3_column_int64(r, 0));
        return 1;
      }
      ++checked;
    }
  }
  sqlite3_finalize(ref_exact);
  sqlite3_finalize(ref_prefix);
  sqlite3_close(ref);
  std::printf("dyad series: %d queries over %zu dyads (%zu country pairs), by day/week/month; "
              "%lld periods returned, largest answer %lld events, %lld checked against SQL\n",
              a.queries, exact.size(), countries.size(), (long long)rows_total,
              (long long)largest, (long long)checked);
  double worst_p99 = 0;
  std::vector<double> all;
  for (int k = 0; k < 4; ++k) {
    std::vector<double> v = lat[k];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    auto pct = [&](double p) { return v[std::min(v.size() - 1, size_t(p / 100.0 * double(v.size())))]; };
    std::printf("  %-26s %4zu queries  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
                kKinds[k], v.size(), pct(50), pct(90), pct(99), v.back());
    worst_p99 = std::max(worst_p99, pct(99));
    all.insert(all.end(), v.begin(), v.end());
  }
  std::sort(all.begin(), all.end());
  const double p99_all = all[std::min(all.size() - 1, size_t(0.99 * double(all.size())))];
  std::printf("  %-26s %4zu queries  p99 %.2f ms\n", "all", all.size(), p99_all);
  if (!a.reuse) {
    std::printf("targets: ingest >= 50000 events/s: %s (wall), %s (CPU); dyad series p99 < 50 ms: %s\n",
                ingest_wall_rate >= 50000 ? "met" : "NOT met",
                ingest_cpu_rate >= 50000 ? "met" : "NOT met", p99_all < 50 ? "met" : "NOT met");
  } else {
    std::printf("target: dyad series p99 < 50 ms: %s\n", p99_all < 50 ? "met" : "NOT met");
  }
  if (!a.keep && !a.reuse)
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(a.db + s);
  return 0;
}
