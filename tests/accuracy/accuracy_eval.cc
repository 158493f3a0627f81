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
// ConfliBERT: the five-way class of the first event coded in each sentence
// against the label; a sentence coded with nothing is a miss.
// --min-precision/--min-recall/--min-accuracy turn the run into a regression
// check (exit 1 below the floor).
#include <simdjson.h>

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

int RunDevset(casus::Coder& coder, const char* path, double min_p, double min_r) {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  if (parser.load_many(path).get(stream)) {
    std::fprintf(stderr, "cannot read %s\n", path);
    return 2;
  }
  Counts all;
  std::map<std::string, Counts> by_cat, by_root;
  long records = 0;
  for (auto rec : stream) {
    simdjson::dom::object o;
    if (rec.get(o)) continue;
    std::string_view id, date, text, cat = "";
    if (o["id"].get(id) || o["text"].get(text)) continue;
    if (o["date"].get(date)) date = "";
    if (o["category"].get(cat)) cat = "";
    std::set<Key> want, got;
    simdjson::dom::array exp;
    if (!o["expected"].get(exp)) {
      for (auto e : exp) {
        std::string_view s, t, c, mode;
        if (e["source"].get(s) || e["target"].get(t) || e["code"].get(c)) continue;
        if (!e["mode"].get(mode) && !mode.empty()) continue;  // out of default counts
        want.emplace(Country(s), Country(t), std::string(c.substr(0, 2)));
      }
    }
    for (const casus::Event& e :
         CodeOne(coder, std::string(id), std::string(date), std::string(text)))
      got.emplace(Country(e.source), Country(e.target), e.root);
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
    else {
      std::fprintf(stderr, "usage: accuracy_eval (--devset F | --conflibert F) [--dict D] "
                           "[--no-require-dyad] [--min-precision P] [--min-recall R] "
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
