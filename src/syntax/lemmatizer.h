// Lemmatizer: form + UPOS + XPOS -> lemma.
//
// Order: (1) a lexicon learnt from the training treebank ((form, XPOS) and
// (lower-cased form, XPOS) -> most frequent lemma), (2) WordNet 3.0's
// exception lists (shot -> shoot, mice -> mouse, better -> good), embedded
// from wordnet_tables.inc, (3) suffix rules (-s, -es, -ies, -ed, -ing, -er,
// -est, doubled consonants) whose candidates are checked against WordNet's
// lemma lists, like WordNet's morphy, (4) heuristics for unknown words.
// Immutable after construction; safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "syntax/binary_io.h"
#include "syntax/conllu.h"

namespace casus::syntax {

class Lemmatizer {
 public:
  // Builds the WordNet tables (a few milliseconds); the lexicon starts empty.
  Lemmatizer();

  // Learns the lexicon from gold lemmas.
  void Learn(const std::vector<ConlluSentence>& train);
  void Save(BinaryWriter* w) const;
  bool Load(BinaryReader* r);

  std::string Lemma(std::string_view form, std::string_view upos, std::string_view xpos) const;
  // WordNet only (exceptions + rules), for a lower-cased word: pos is 'n',
  // 'v' or 'a'. `tag` narrows the rules ("VBD", "NNS", ...; "" = any).
  std::string Morphy(std::string_view lower, char pos, std::string_view tag) const;

  size_t lexicon_size() const { return lexicon_.size(); }

 private:
  std::string RuleLemma(std::string_view form, std::string_view upos,
                        std::string_view xpos) const;
  static std::string Key(std::string_view form, std::string_view xpos);
  bool IsLemma(char pos, const std::string& w) const;

  std::unordered_map<std::string, std::string> lexicon_;  // "form\txpos" -> lemma
  std::unordered_map<std::string, std::string> noun_exc_, verb_exc_, adj_exc_;
  std::unordered_set<std::string> nouns_, verbs_, adjs_;
};

}  // namespace casus::syntax
