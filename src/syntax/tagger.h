// Part-of-speech tagger: a greedy left-to-right averaged perceptron over
// combined UPOS+XPOS classes (one pass gives both), with word, affix, shape,
// context-word and tag-history features and an "ambiguity class" (the set of
// tags a word had in training) for the word and its right neighbours. Since
// format 3 a second pass re-tags the words the first was unsure of, with the
// first pass's tags of the word and its two right neighbours as features.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casus/status.h"
#include "syntax/binary_io.h"
#include "syntax/conllu.h"
#include "syntax/perceptron.h"

namespace casus::syntax {

struct TaggerOptions {
  int epochs = 15;
  uint64_t seed = 1;
  FILE* log = nullptr;  // progress lines, or null
};

// Per-thread scratch space for Tagger::Tag.
struct TaggerScratch {
  struct TokenInfo {
    uint64_t form, lower, suf[4], pre[3], shape, amb, wn;
  };
  std::vector<TokenInfo> info;
  std::vector<uint64_t> feats;
  std::vector<int32_t> scores;
  std::vector<int> p1;          // first-pass classes
  std::vector<int32_t> margin;  // first-pass best minus second-best score
  std::string low;
};

class Tagger {
 public:
  static constexpr uint32_t kMagic = 0x47545343;  // "CSTG"
  // Each format has other feature templates and cannot use older weights
  // (format 3: the second pass).
  static constexpr uint32_t kVersion = 3;
  static constexpr uint32_t kMinVersion = 3;

  // Trains on `train` (gold UPOS/XPOS); reports dev accuracy per epoch.
  static Status Train(const std::vector<ConlluSentence>& train,
                      const std::vector<ConlluSentence>& dev, const TaggerOptions& options,
                      Tagger* out);

  // Writes the class table, the ambiguity classes and the weights.
  void Save(BinaryWriter* w) const;
  bool Load(BinaryReader* r);

  // Tags `words`; (*classes)[i] is a class id for upos()/xpos().
  void Tag(std::span<const std::string_view> words, TaggerScratch* scratch,
           std::vector<int>* classes) const;

  int num_classes() const { return static_cast<int>(upos_.size()); }
  const std::string& upos(int c) const { return upos_[c]; }
  const std::string& xpos(int c) const { return xpos_[c]; }
  size_t num_features() const { return weights_.num_features(); }

 private:
  void Prepare(std::span<const std::string_view> words, TaggerScratch* s) const;
  // Features of position i given the two previous classes.
  static void Features(const TaggerScratch& s, size_t i, int t1, int t2,
                       std::vector<uint64_t>* out);
  // Appends the second pass's features: the first pass's classes of position
  // i and its right neighbours.
  static void Features2(const TaggerScratch& s, size_t i, int t1, std::vector<uint64_t>* out);
  uint64_t Amb(uint64_t lower_hash) const;

  std::vector<std::string> upos_, xpos_;
  // Ambiguity classes: open addressing on the lower-cased word hash.
  std::vector<uint64_t> amb_keys_, amb_vals_;
  WeightTable weights_;
  // Second pass (format 3): words whose first-pass margin is below
  // rescore_margin_ are tagged again with the first pass's right context.
  bool has_pass2_ = false;
  int32_t rescore_margin_ = 0;
  WeightTable weights2_;
};

// Lower-cases ASCII letters.
void AsciiLowerInto(std::string_view s, std::string* out);

}  // namespace casus::syntax
