// Whole-pipeline benchmark: dictionary load time, sentences/s and MB/s of
// `Coder::Code` over a JSONL corpus on one core, and peak RSS.
//
//   build/bench/pipeline_bench [--dict data/dict] [--corpus FILE] [--repeat N]
//
// The corpus is read into memory first so that only coding is timed. The
// benchmark checks its output: every repeat must code the same number of
// sentences and events, and the corpus must yield events at all.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "casus/reader.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string dict_path = CASUS_SOURCE_DIR "/data/dict";
  std::string corpus = CASUS_SOURCE_DIR "/../shared/corpora/wikipedia-current-events-2025-2026.jsonl";
  int repeat = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--dict")) dict_path = argv[i + 1];
    else if (!strcmp(argv[i], "--corpus")) corpus = argv[i + 1];
    else if (!strcmp(argv[i], "--repeat")) repeat = std::max(1, atoi(argv[i + 1]));
  }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<casus::DictProblem> problems;
  auto dict = casus::Dictionary::LoadFolder(dict_path, &problems);
  auto t1 = std::chrono::steady_clock::now();
  if (!dict.ok()) {
    std::fprintf(stderr, "%s\n", dict.status().ToString().c_str());
    return 1;
  }
  auto reader = casus::ArticleReader::OpenJsonl(corpus, {});
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return 1;
  }
  std::vector<casus::Document> docs;
  casus::Document d;
  casus::InputProblem p;
  size_t bytes = 0;
  while (true) {
    auto n = reader.value()->Read(&d, &p);
    if (n == casus::ArticleReader::Next::kEnd) break;
    if (n == casus::ArticleReader::Next::kDocument) {
      bytes += d.text.size();
      docs.push_back(d);
    }
  }
  casus::Pipeline pipeline(dict.value(), {});
  casus::Coder coder = pipeline.NewCoder();
  std::vector<double> times;
  size_t sentences = 0, events = 0;
  std::vector<casus::Sentence> s;
  std::vector<casus::Event> e;
  for (int r = 0; r < repeat; ++r) {
    size_t ns = 0, ne = 0;
    auto a = std::chrono::steady_clock::now();
    for (const casus::Document& doc : docs) {
      s.clear();
      e.clear();
      coder.Code(doc, &s, &e);
      ns += s.size();
      ne += e.size();
    }
    auto b = std::chrono::steady_clock::now();
    times.push_back(Seconds(a, b));
    if (r > 0 && (ns != sentences || ne != events)) {
      std::fprintf(stderr, "FAIL: repeat %d coded %zu/%zu, first run %zu/%zu\n", r, ns, ne,
                   sentences, events);
      return 1;
    }
    sentences = ns;
    events = ne;
  }
  if (events == 0) {
    std::fprintf(stderr, "FAIL: the corpus yielded no events\n");
    return 1;
  }
  std::sort(times.begin(), times.end());
  double med = times[times.size() / 2];
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("dictionary      %s: %zu actors, %zu agents, %zu verbs, %zu patterns\n",
              dict_path.c_str(), dict.value()->num_actors(), dict.value()->num_agents(),
              dict.value()->num_verbs(), dict.value()->num_patterns());
  std::printf("dict load       %.1f ms\n", Seconds(t0, t1) * 1000);
  std::printf("corpus          %zu documents, %zu sentences, %.2f MB of text\n", docs.size(),
              sentences, bytes / 1e6);
  std::printf("events          %zu\n", events);
  std::printf("coding time     median %.3f s (min %.3f, max %.3f, %d runs)\n", med, times.front(),
              times.back(), repeat);
  std::printf("throughput      %.0f sentences/s, %.2f MB/s, %.0f documents/s\n", sentences / med,
              bytes / 1e6 / med, docs.size() / med);
  std::printf("peak RSS        %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
