// Stage 3 of the pipeline: actor, agent and verb recognition.
//
// Given the tokens of one sentence and their vocabulary ids, finds the
// longest dictionary phrase at each position (actors win over agents of the
// same length; case-sensitive phrases are checked against the original
// text), the verb candidates outside those phrases, and discard phrases.
// A Recognizer only reads the shared dict::Compiled and is thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "dict/compiled.h"
#include "text/tokenizer.h"

namespace casus::recognize {

struct Mention {
  uint32_t begin = 0;  // token index, inclusive
  uint32_t end = 0;    // token index, exclusive
  dict::PhraseKind kind = dict::PhraseKind::kActor;
  uint32_t entry = 0;   // index into actors or agents
  uint32_t phrase = 0;  // index into phrases
};

struct VerbCandidate {
  uint32_t token = 0;
  const std::vector<uint32_t>* verbs = nullptr;  // indices into Compiled::verbs
};

class Recognizer {
 public:
  explicit Recognizer(const dict::Compiled& c) : c_(c) {}

  // True if the sentence holds a discard phrase.
  bool Discarded(std::string_view text, const std::vector<text::Token>& toks,
                 const std::vector<uint32_t>& ids) const;

  // Fills *mentions (in token order, not overlapping) and *verbs.
  void Recognize(std::string_view text, const std::vector<text::Token>& toks,
                 const std::vector<uint32_t>& ids, std::vector<Mention>* mentions,
                 std::vector<VerbCandidate>* verbs) const;

 private:
  // Longest match from token i in `trie`; returns its length (0 if none).
  uint32_t Longest(const dict::TokenTrie& trie, std::string_view text,
                   const std::vector<text::Token>& toks, const std::vector<uint32_t>& ids,
                   uint32_t i, const dict::PhraseHit** hit) const;
  bool CaseMatches(const dict::PhraseHit& h, std::string_view text,
                   const std::vector<text::Token>& toks, uint32_t i) const;

  const dict::Compiled& c_;
};

}  // namespace casus::recognize
