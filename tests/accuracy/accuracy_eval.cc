// Measures coding accuracy on hand-coded news (docs/accuracy.md).
//
//   accuracy_eval --devset tests/accuracy/devset.jsonl [--dict data/dict]
//   accuracy_eval --conflibert ../shared/gold/conflibert-train/conflibert_train.jsonl
//
// Devset: precision and recall of the set of (source country, target country,
// CAMEO root) per record, over the expected events without a mode (asserted
// events; negated, hypothetical, future, alleged and denied ones are out of
// default counts). "Country" is the first 3 letters of an actor code (6 for
// IGO/NGO codes, "---" for agents without a country).
// Coded events with a mode are out of the default counts too; they are
// scored apart: (country, country, root, mode) against the expected events
// with a mode. Event dates and places are scored over the asserted events
// found (true positives): the coded event_date against the expected one (the
// article date when none is given), and the coded location against the
// expected place (same name, ignoring case, or one containing the other;
// an expected event without a place counts only when a place is coded).
// ConfliBERT: the five-way class of the first event coded in each sentence
// against the label; a sentence coded with nothing is a miss.
// --min-precision/--min-recall/--min-accuracy turn the run into a regression
// check (exit 1 below the floor).
#include <simdjson.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "casus/syntax.h"

namespace {

using Key = std::tuple<std::string, std::string, std::string>;

std::string Country(std::string_view code) {
  if (code.size() >= 6 && (code.substr(0, 3) == "IGO" || code.substr(0, 3) == "NGO"))
    return std::string(code.substr(0, 6));
  return std::string(code.substr(0, 3));
}

int PentaClass(std::string_view code) {
  int r = std::atoi(std::string(code.substr(0, 2)).c_str());
  if (r <= 2) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double R() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

std::vector<casus::Event> CodeOne(casus::Coder& coder, const std::string& id,
                                  const std::string& date, const std::string& text) {
  casus::Document doc{id, date.empty() ? "2020-01-01" : date, "", text, "", "", "{}"};
  std::vector<casus::Event> ev;
  coder.Code(doc, nullptr, &ev);
  return ev;
}

bool g_show = false;  // --show: print each record's misses and false alarms

int RunDevset(casus::Coder& coder, const char* path, double min_p, double min_r) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (parser.load_many(path).get(stream)) {
    std::fprintf(stderr, "cannot read %s\n", path);
    return 2;
  }
  Counts all, modes;
  std::map<std::string, Counts> by_cat, by_root;
  long date_ok = 0, date_n = 0, loc_ok = 0, loc_n = 0, loc_extra = 0;
  auto fold = [](std::string_view v) {
    std::string r;
    for (char ch : v) r.push_back(char(std::tolower(static_cast<unsigned char>(ch))));
    return r;
  };
  long records = 0;
  for (auto rec : stream) {
    simdjson::dom::object o;
    if (rec.get(o)) continue;
    std::string_view id, date, text, cat = "";
    if (o["id"].get(id) || o["text"].get(text)) continue;
    if (o["date"].get(date)) date = "";
    if (o["category"].get(cat)) cat = "";
    std::set<Key> want, got, want_m, got_m;
    std::map<Key, std::pair<std::string, std::string>> want_when_where;  // date, place
    simdjson::dom::array exp;
    if (!o["expected"].get(exp)) {
      for (auto e : exp) {
        std::string_view s, t, c, mode, ed, loc;
        if (e["source"].get(s) || e["target"].get(t) || e["code"].get(c)) continue;
        Key k(Country(s), Country(t), std::string(c.substr(0, 2)));
        if (!e["mode"].get(mode) && !mode.empty()) {  // out of default counts
          want_m.emplace(std::get<0>(k), std::get<1>(k), std::get<2>(k) + " " + std::string(mode));
          continue;
        }
        if (e["event_date"].get(ed)) ed = date;
        if (e["location"].get(loc)) loc = "";
        want.insert(k);
        want_when_where[k] = {std::string(ed), std::string(loc)};
      }
    }
    std::map<Key, std::pair<std::string, std::string>> got_when_where;
    for (const casus::Event& e :
         CodeOne(coder, std::string(id), std::string(date), std::string(text))) {
      Key k(Country(e.source), Country(e.target), e.root);
      if (!e.mode.empty()) {
        got_m.emplace(std::get<0>(k), std::get<1>(k), e.root + " " + e.mode);
        continue;
      }
      got.insert(k);
      std::string place = e.location.present() ? e.location.ev.text + "|" + e.location.name : "";
      got_when_where.emplace(k, std::make_pair(e.event_date, place));
    }
    if (g_show && want != got) {
      std::printf("%.*s [%.*s] %.*s\n", int(id.size()), id.data(), int(cat.size()), cat.data(),
                  int(text.size()), text.data());
      for (const Key& k : want)
        if (!got.count(k))
          std::printf("    missed %s %s %s\n", std::get<0>(k).c_str(), std::get<1>(k).c_str(),
                      std::get<2>(k).c_str());
      for (const Key& k : got)
        if (!want.count(k))
          std::printf("    false  %s %s %s\n", std::get<0>(k).c_str(), std::get<1>(k).c_str(),
                      std::get<2>(k).c_str());
    }
    for (const Key& k : got_m) (want_m.count(k) ? modes.tp : modes.fp)++;
    for (const Key& k : want_m)
      if (!got_m.count(k)) modes.fn++;
    for (const auto& [k, ww] : want_when_where) {
      auto g = got_when_where.find(k);
      if (g == got_when_where.end()) continue;
      ++date_n;
      if (g->second.first == ww.first) ++date_ok;
      const std::string want_loc = fold(ww.second), got_loc = fold(g->second.second);
      if (want_loc.empty()) {
        if (!got_loc.empty()) ++loc_extra;
        continue;
      }
      ++loc_n;
      const std::string text_part = got_loc.substr(0, got_loc.find('|'));
      const std::string name_part = got_loc.substr(got_loc.find('|') + 1);
      if (!got_loc.empty() && (text_part.find(want_loc) != std::string::npos ||
                               want_loc.find(text_part) != std::string::npos ||
                               want_loc.find(name_part) != std::string::npos))
        ++loc_ok;
    }
    ++records;
    for (const Key& k : got) {
      bool hit = want.count(k) > 0;
      Counts& c = by_root[std::get<2>(k)];
      (hit ? all.tp : all.fp)++;
      (hit ? by_cat[std::string(cat)].tp : by_cat[std::string(cat)].fp)++;
      (hit ? c.tp : c.fp)++;
    }
    for (const Key& k : want) {
      if (got.count(k)) continue;
      all.fn++;
      by_cat[std::string(cat)].fn++;
      by_root[std::get<2>(k)].fn++;
    }
  }
  std::printf("devset %s: %ld records\n", path, records);
  std::printf("country+root  precision %.3f  recall %.3f  F1 %.3f  (tp %ld, fp %ld, fn %ld)\n",
              all.P(), all.R(), all.F(), all.tp, all.fp, all.fn);
  std::printf("with a mode   precision %.3f  recall %.3f  F1 %.3f  (tp %ld, fp %ld, fn %ld; "
              "country+root+mode)\n",
              modes.P(), modes.R(), modes.F(), modes.tp, modes.fp, modes.fn);
  std::printf("event_date    %ld of %ld asserted events found carry the expected date (%.1f%%)\n",
              date_ok, date_n, date_n ? 100.0 * date_ok / date_n : 0.0);
  std::printf("location      %ld of %ld found events with an expected place name it (%.1f%%); "
              "%ld found events without one got a place\n",
              loc_ok, loc_n, loc_n ? 100.0 * loc_ok / loc_n : 0.0, loc_extra);
  std::printf("\n%-14s %9s %9s %9s %5s %5s %5s\n", "category", "precision", "recall", "F1", "tp",
              "fp", "fn");
  for (const auto& [k, c] : by_cat)
    std::printf("%-14s %9.3f %9.3f %9.3f %5ld %5ld %5ld\n", k.c_str(), c.P(), c.R(), c.F(), c.tp,
                c.fp, c.fn);
  std::printf("\n%-14s %9s %9s %9s %5s %5s %5s\n", "root", "precision", "recall", "F1", "tp", "fp",
              "fn");
  for (const auto& [k, c] : by_root)
    std::printf("%-14s %9.3f %9.3f %9.3f %5ld %5ld %5ld\n", k.c_str(), c.P(), c.R(), c.F(), c.tp,
                c.fp, c.fn);
  if (all.P() < min_p || all.R() < min_r) {
    std::printf("FAIL: below the floor (precision %.3f < %.3f or recall %.3f < %.3f)\n", all.P(),
                min_p, all.R(), min_r);
    return 1;
  }
  return 0;
}

int RunConflibert(casus::Coder& coder, const char* path, double min_acc) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (parser.load_many(path).get(stream)) {
    std::fprintf(stderr, "cannot read %s\n", path);
    return 2;
  }
  static const char* kNames[] = {"statement", "verb.coop", "mat.coop", "verb.confl", "mat.confl"};
  long m[5][6] = {};
  long n = 0, right = 0;
  for (auto rec : stream) {
    simdjson::dom::object o;
    if (rec.get(o)) continue;
    std::string_view id, text, date;
    if (o["id"].get(id) || o["text"].get(text)) continue;
    if (o["date"].get(date)) date = "";
    int64_t label = -1;
    simdjson::dom::array exp;
    if (o["expected"].get(exp)) continue;
    for (auto e : exp) {
      if (!e["pentaclass"].get(label)) break;
    }
    if (label < 0 || label > 4) continue;
    auto ev = CodeOne(coder, std::string(id), std::string(date), std::string(text));
    int got = ev.empty() ? 5 : PentaClass(ev[0].code);
    m[label][got]++;
    ++n;
    if (g_show && got != label) {
      std::printf("%.*s [%s, coded %s] %.*s\n", int(id.size()), id.data(), kNames[label],
                  got == 5 ? "none" : kNames[got], int(text.size()), text.data());
      for (const auto& e : ev)
        std::printf("    %s %s %s\n", e.source.c_str(), e.target.c_str(), e.code.c_str());
    }
    if (got == label) ++right;
  }
  double acc = n ? double(right) / n : 0;
  std::printf("conflibert %s: %ld sentences, %ld coded into the labelled class: %.1f%%\n", path, n,
              right, 100 * acc);
  std::printf("\nconfusion (rows: label, columns: coded class of the first event)\n%-11s", "");
  for (const char* k : kNames) std::printf(" %10s", k);
  std::printf(" %10s\n", "none");
  for (int i = 0; i < 5; ++i) {
    std::printf("%-11s", kNames[i]);
    for (int j = 0; j < 6; ++j) std::printf(" %10ld", m[i][j]);
    std::printf("\n");
  }
  if (acc < min_acc) {
    std::printf("FAIL: accuracy %.3f below the floor %.3f\n", acc, min_acc);
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dict_path = CASUS_SOURCE_DIR "/data/dict";
  const char* devset = nullptr;
  const char* conflibert = nullptr;
  double min_p = 0, min_r = 0, min_acc = 0;
  casus::CodingOptions opt;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return !strcmp(argv[i], name) && i + 1 < argc; };
    if (arg("--dict")) dict_path = argv[++i];
    else if (arg("--devset")) devset = argv[++i];
    else if (arg("--conflibert")) conflibert = argv[++i];
    else if (arg("--min-precision")) min_p = atof(argv[++i]);
    else if (arg("--min-recall")) min_r = atof(argv[++i]);
    else if (arg("--min-accuracy")) min_acc = atof(argv[++i]);
    else if (!strcmp(argv[i], "--no-require-dyad")) opt.require_dyad = false;
    else if (!strcmp(argv[i], "--show")) g_show = true;
    else if (arg("--syntax")) {
      auto a = casus::syntax::Analyzer::Load(argv[++i]);
      if (!a.ok()) {
        std::fprintf(stderr, "%s\n", a.status().ToString().c_str());
        return 2;
      }
      opt.syntax = a.value();
    }
    else {
      std::fprintf(stderr, "usage: accuracy_eval (--devset F | --conflibert F) [--dict D] "
                           "[--no-require-dyad] [--show] [--syntax MODELS_DIR] [--min-precision P] [--min-recall R] "
                           "[--min-accuracy A]\n");
      return 2;
    }
  }
  std::vector<casus::DictProblem> problems;
  auto dict = casus::Dictionary::LoadFolder(dict_path, &problems);
  if (!dict.ok()) {
    std::fprintf(stderr, "%s\n", dict.status().ToString().c_str());
    return 2;
  }
  casus::Pipeline pipeline(dict.value(), opt);
  casus::Coder coder = pipeline.NewCoder();
  int rc = 0;
  if (devset) rc |= RunDevset(coder, devset, min_p, min_r);
  if (conflibert) rc |= RunConflibert(coder, conflibert, min_acc);
  if (!devset && !conflibert) {
    std::fprintf(stderr, "give --devset and/or --conflibert\n");
    return 2;
  }
  return rc;
}
