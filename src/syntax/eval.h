// UD-style scoring of a system CoNLL-U file against a gold one, after the
// CoNLL 2018 shared task evaluator: both files must spell the same text once
// whitespace is removed; tokens, sentences and words are aligned by their
// character (byte) offsets in that text, so the system may tokenize and split
// sentences differently.
//
//   Tokens, Sentences, Words: precision, recall, F1 of exact spans (a
//     multiword token is one token; its words match by position when the
//     token matches with the same number of words).
//   UPOS, XPOS, Lemmas, UAS, LAS, CLAS-free LAS on universal relations
//     ("ULAS": "nsubj:pass" counts as "nsubj"): F1 over words, a word being
//     correct when it is aligned and the field (for UAS/LAS: the aligned head)
//     matches. With gold tokenization F1 equals accuracy.
#pragma once

#include <string>
#include <vector>

#include "casus/status.h"
#include "syntax/conllu.h"

namespace casus::syntax {

struct Score {
  double gold = 0, system = 0, correct = 0;
  double precision() const { return system > 0 ? correct / system : 0; }
  double recall() const { return gold > 0 ? correct / gold : 0; }
  double f1() const { return gold + system > 0 ? 2 * correct / (gold + system) : 0; }
};

struct SyntaxScores {
  Score tokens, sentences, words, upos, xpos, lemmas, uas, las, ulas;
  // Lemma accuracy over aligned NOUN/PROPN and VERB/AUX words only.
  Score noun_verb_lemmas;
  // Renders the table printed by `casus eval-syntax`.
  std::string ToString() const;
};

// Fails with InvalidArgument when the two files' texts differ (message gives
// the first differing position).
Status EvaluateSyntax(const std::vector<ConlluSentence>& gold,
                      const std::vector<ConlluSentence>& system, SyntaxScores* out);

}  // namespace casus::syntax
