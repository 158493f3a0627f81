// Fuzzes the sentence splitter, the tokenizer and the whole coder on
// arbitrary bytes: offsets must stay inside the text and nothing may crash.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace {
const casus::Pipeline& SharedPipeline() {
  static const casus::Pipeline* p = [] {
    auto d = casus::Dictionary::FromText(
        "fuzz.dict",
        "[actors]\nArnor | U.S. | =US => ARN\nGondor => GON\n[agents]\narmy => MIL\n"
        "[synsets]\n&DEAL = deal | pact\n[verbs]\nverb attack => 190\nverb sign => ---\n"
        "    * &DEAL => 057\n    + * aid from $ => 070\nverb say {says said} => ---\n",
        nullptr);
    return new casus::Pipeline(d.value(), {});
  }();
  return *p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<casus::text::SentenceRange> sents;
  casus::text::SplitSentences(text, &sents);
  for (const auto& s : sents) {
    if (s.start > s.end || s.end > text.size()) abort();
    std::vector<casus::text::Token> toks;
    casus::text::Tokenize(std::string_view(text).substr(s.start, s.end - s.start), s.start, &toks);
    for (const auto& t : toks)
      if (t.start >= t.end || t.end > s.end) abort();
  }
  casus::Coder coder = SharedPipeline().NewCoder();
  casus::Document doc{"f", "2025-01-01", "", text, "", "", "{}"};
  std::vector<casus::Event> events;
  coder.Code(doc, nullptr, &events);
  for (const auto& e : events)
    if (e.trigger_ev.end > text.size()) abort();
  return 0;
}
