// Which parts of speech WordNet 3.0 allows for a lower-cased English word
// form, directly (a lemma) or by inflection (an irregular form from the
// exception lists, or a regular suffix whose stem is a lemma). The tagger
// uses the result as a feature of words it did not see in training.
// Built once from the embedded wordnet_tables.inc; immutable and thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace casus::syntax {

class WordNetLexicon {
 public:
  enum : uint32_t {
    kNoun = 1,         // a noun lemma
    kVerb = 2,         // a verb lemma
    kAdj = 4,          // an adjective lemma
    kNounPlural = 8,   // a noun lemma + -s/-es, or an irregular plural
    kVerbS = 16,       // a verb lemma + -s/-es
    kVerbEd = 32,      // a verb lemma + -ed, or an irregular verb form
    kVerbIng = 64,     // a verb lemma + -ing
    kAdjEr = 128,      // an adjective + -er/-est, or an irregular comparative
    kAdjLy = 256,      // an adjective + -ly
  };
  // The lexicon, built on first use (about 10 ms).
  static const WordNetLexicon& Get();
  // The bits above for `lower` (0 when WordNet does not know it).
  uint32_t Classes(std::string_view lower) const;

 private:
  WordNetLexicon();
  void Add(std::string_view word, uint32_t bits);
  uint32_t Base(std::string_view word) const;

  std::vector<uint64_t> keys_;  // open addressing on a word hash; 0 = empty
  std::vector<uint32_t> vals_;
  size_t used_ = 0;
};

}  // namespace casus::syntax
