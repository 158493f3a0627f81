#include "syntax/wordnet_lexicon.h"

#include <cstring>

#include "syntax/binary_io.h"
#include "syntax/table_lines.h"
#include "syntax/wordnet_tables.inc"

namespace casus::syntax {

namespace {

uint64_t WordKey(std::string_view w) { return HashBytes(w, 0x57) | 1; }

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

const WordNetLexicon& WordNetLexicon::Get() {
  static const WordNetLexicon* lexicon = new WordNetLexicon();
  return *lexicon;
}

WordNetLexicon::WordNetLexicon() {
  keys_.assign(1 << 19, 0);
  vals_.assign(1 << 19, 0);
  auto lemmas = [&](const char* const* chunks, uint32_t bits) {
    ForLines(chunks, [&](std::string_view w) {
      if (w.find('_') == std::string_view::npos) Add(w, bits);
    });
  };
  lemmas(wordnet::kNounLemmas, kNoun);
  lemmas(wordnet::kVerbLemmas, kVerb);
  lemmas(wordnet::kAdjLemmas, kAdj);
  auto exceptions = [&](const char* const* chunks, uint32_t bits) {
    ForLines(chunks, [&](std::string_view line) {
      size_t sp = line.find(' ');
      if (sp != std::string_view::npos && line.substr(0, sp).find('_') == std::string_view::npos)
        Add(line.substr(0, sp), bits);
    });
  };
  exceptions(wordnet::kNounExceptions, kNounPlural);
  exceptions(wordnet::kVerbExceptions, kVerbEd);
  exceptions(wordnet::kAdjExceptions, kAdjEr);
}

void WordNetLexicon::Add(std::string_view word, uint32_t bits) {
  const uint64_t k = WordKey(word);
  const size_t mask = keys_.size() - 1;
  if ((used_ + 1) * 2 > keys_.size()) return;  // full (never with WordNet 3.0)
  size_t s = Mix64(k) & mask;
  while (keys_[s] != 0 && keys_[s] != k) s = (s + 1) & mask;
  if (keys_[s] == 0) {
    keys_[s] = k;
    ++used_;
  }
  vals_[s] |= bits;
}

uint32_t WordNetLexicon::Base(std::string_view word) const {
  const uint64_t k = WordKey(word);
  const size_t mask = keys_.size() - 1;
  size_t s = Mix64(k) & mask;
  while (keys_[s] != 0) {
    if (keys_[s] == k) return vals_[s];
    s = (s + 1) & mask;
  }
  return 0;
}

uint32_t WordNetLexicon::Classes(std::string_view w) const {
  if (w.empty() || w.size() > 40) return 0;
  uint32_t out = Base(w);
  char buf[48];
  // The lemma bits `want` of stem w[0..n) + `add`.
  auto stem = [&](size_t n, const char* add, uint32_t want) -> uint32_t {
    const size_t m = std::strlen(add);
    if (n < 2) return 0;
    std::memcpy(buf, w.data(), n);
    std::memcpy(buf + n, add, m);
    return Base(std::string_view(buf, n + m)) & want;
  };
  // Stem with a doubled final consonant undone ("stopped" -> "stop").
  auto undoubled = [&](size_t n, uint32_t want) -> uint32_t {
    if (n >= 3 && w[n - 1] == w[n - 2] && !IsVowel(w[n - 1])) return stem(n - 1, "", want);
    return 0;
  };
  const size_t n = w.size();
  if (EndsWith(w, "s") && !EndsWith(w, "ss")) {
    uint32_t b = stem(n - 1, "", kNoun | kVerb);
    if (EndsWith(w, "es")) b |= stem(n - 2, "", kNoun | kVerb);
    if (EndsWith(w, "ies")) b |= stem(n - 3, "y", kNoun | kVerb);
    if (b & kNoun) out |= kNounPlural;
    if (b & kVerb) out |= kVerbS;
  }
  if (EndsWith(w, "ed")) {
    uint32_t b = stem(n - 2, "", kVerb) | stem(n - 1, "", kVerb) | undoubled(n - 2, kVerb);
    if (EndsWith(w, "ied")) b |= stem(n - 3, "y", kVerb);
    if (b) out |= kVerbEd;
  }
  if (EndsWith(w, "ing")) {
    uint32_t b = stem(n - 3, "", kVerb) | stem(n - 3, "e", kVerb) | undoubled(n - 3, kVerb);
    if (EndsWith(w, "ying")) b |= stem(n - 4, "ie", kVerb);
    if (b) out |= kVerbIng;
  }
  if (EndsWith(w, "er") || EndsWith(w, "est")) {
    const size_t k = EndsWith(w, "er") ? n - 2 : n - 3;
    uint32_t b = stem(k, "", kAdj) | stem(k, "e", kAdj) | undoubled(k, kAdj);
    if (k >= 1 && w[k - 1] == 'i') b |= stem(k - 1, "y", kAdj);
    if (b) out |= kAdjEr;
  }
  if (EndsWith(w, "ly")) {
    uint32_t b = stem(n - 2, "", kAdj) | stem(n - 2, "e", kAdj);
    if (EndsWith(w, "ily")) b |= stem(n - 3, "y", kAdj);
    if (EndsWith(w, "ly") && n > 3) b |= stem(n - 1, "e", kAdj);  // "simply" <- "simple"
    if (b) out |= kAdjLy;
  }
  return out;
}

}  // namespace casus::syntax
