// Labelled transition-based dependency parser: arc-eager (Nivre 2003) with a
// single root on the stack, greedy decoding, an averaged perceptron over the
// rich non-local features of Zhang & Nivre (2011), trained with the dynamic
// oracle of Goldberg & Nivre (2012) and error exploration.
//
// With ParserOptions::beam > 1 (format 3) the parser instead decodes with a
// beam of that width and is trained globally: max-violation perceptron
// updates (Huang et al. 2012) against the best item of the beam whose
// dynamic-oracle cost is still the least reachable. Not used by the committed
// model: a beam of 2 gained nothing on EWT dev, and a beam of 3, which does
// better, parses under 100,000 words/s (docs/syntax.md).
//
// Classes: SHIFT, REDUCE, LEFT-ARC(label) and RIGHT-ARC(label). Every word
// gets exactly one head and the tree has exactly one root: words left without
// a head at the end are attached to the root word.
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

struct ParserOptions {
  int epochs = 18;  // the best epoch on dev is kept
  uint64_t seed = 1;
  double explore = 0.9;  // from epoch 2 on, follow the model's own (possibly wrong) move
  size_t max_weights = 3500000;  // keep the largest weights only (model size, speed)
  // Beam width: 1 = greedy decoding, trained with the dynamic oracle; more =
  // beam search, trained globally with max-violation updates.
  int beam = 1;
  FILE* log = nullptr;
};

// Per-thread scratch space for Parser::Parse.
struct ParserScratch {
  // Per word (index 0 = root): hashes of the lower-cased form, UPOS+XPOS,
  // UPOS, and the last three letters.
  std::vector<uint64_t> w, p, u, sf;
  std::vector<int> stack, heads, labels, l1, l2, r1, r2, nl, nr;
  std::vector<int> punct, verbs;  // PUNCT and VERB/AUX words among 1..i
  std::vector<uint64_t> lset, rset;  // label sets of left/right dependents
  std::vector<uint64_t> feats;
  std::vector<int32_t> scores;
  std::string low;
  // Beam search: the items' states (their own scratch spaces) and history.
  std::vector<ParserScratch> items;
};

class Parser {
 public:
  static constexpr uint32_t kMagic = 0x52505343;  // "CSPR"
  // Format 2 (more feature templates) cannot use format-1 weights. Format 3
  // adds the beam width after the labels; a greedy parser (beam 1) is still
  // written as format 2.
  static constexpr uint32_t kVersion = 3;
  static constexpr uint32_t kMinVersion = 2;
  uint32_t format_version() const { return beam_ > 1 ? 3 : 2; }
  int beam() const { return beam_; }

  // Trains on `train` (gold heads, the UPOS/XPOS it holds are the features);
  // reports UAS/LAS on `dev` after each epoch.
  static Status Train(const std::vector<ConlluSentence>& train,
                      const std::vector<ConlluSentence>& dev, const ParserOptions& options,
                      Parser* out);

  void Save(BinaryWriter* w) const;
  bool Load(BinaryReader* r, uint32_t version = 2);

  // Parses one sentence. heads[i] is 0 (root) or 1..n; labels[i] indexes label().
  // REQUIRES: words, upos and xpos have the same size.
  void Parse(std::span<const std::string_view> words, std::span<const std::string_view> upos,
             std::span<const std::string_view> xpos, ParserScratch* scratch,
             std::vector<int>* heads, std::vector<int>* labels) const;

  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int l) const { return labels_[l]; }
  size_t num_features() const { return weights_.num_features(); }

 private:
  friend class ParserTrainer;
  int root_label_ = 0;
  int punct_label_ = 0;
  int parataxis_label_ = 0;
  int beam_ = 1;
  void ParseBeam(std::span<const std::string_view> upos, ParserScratch* s) const;
  std::vector<std::string> labels_;
  WeightTable weights_;
};

}  // namespace casus::syntax
