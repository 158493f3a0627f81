// Fuzzes pre-parsed input (`casus code --input-format conllu`): any bytes go
// through the CoNLL-U reader, become documents with their parse, and are
// coded; spans and heads must stay inside the document, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "syntax/conllu_documents.h"
#include "syntax/conllu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto dict = [] {
    std::vector<casus::DictProblem> problems;
    return casus::Dictionary::FromText(
               "fuzz", "[actors]\nRohan => ROH\nMordor => MOR\n[verbs]\nverb attack => 190\n",
               &problems)
        .value();
  }();
  std::vector<casus::syntax::ConlluSentence> sents;
  std::vector<casus::syntax::ConlluProblem> cp;
  casus::syntax::ParseConllu(std::string_view(reinterpret_cast<const char*>(data), size), "f",
                             &sents, &cp);
  std::vector<casus::Document> docs;
  std::vector<casus::InputProblem> dp;
  casus::syntax::ConlluToDocuments(sents, "f", "2025-03-04", &docs, &dp);
  static const casus::Pipeline pipeline(dict, {});
  static casus::Coder coder = pipeline.NewCoder();
  for (const casus::Document& d : docs) {
    for (const casus::ParsedWord& w : d.words) {
      if (w.start > w.end || w.end > d.text.size()) abort();
      if (w.head < -1 || w.head >= int(d.words.size())) abort();
    }
    std::vector<casus::Event> events;
    coder.Code(d, nullptr, &events);
  }
  return 0;
}
