// A tiny synthetic treebank for fast training tests: sentences of the form
// DET (ADJ) NOUN VERB DET (ADJ) NOUN (ADP DET NOUN) . with their UD trees.
#pragma once

#include <string>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/shuffle.h"

namespace casus::syntax::testing {

inline std::vector<ConlluSentence> SyntheticTreebank(int n, uint64_t seed) {
  const char* dets[] = {"the", "a", "every"};
  const char* adjs[] = {"big", "old", "red"};
  const char* nouns[] = {"dog", "cat", "soldier", "rebel", "town", "army"};
  const char* verbs[] = {"attacked", "saw", "left", "shot"};
  const char* verb_lemmas[] = {"attack", "see", "leave", "shoot"};
  const char* adps[] = {"in", "near", "with"};
  SplitMix rng(seed);
  std::vector<ConlluSentence> out;
  for (int k = 0; k < n; ++k) {
    ConlluSentence s;
    auto add = [&](std::string form, std::string lemma, std::string upos, std::string xpos,
                   int head, std::string rel) {
      ConlluWord w;
      w.form = std::move(form);
      w.lemma = std::move(lemma);
      w.upos = std::move(upos);
      w.xpos = std::move(xpos);
      w.head = head;
      w.deprel = std::move(rel);
      s.words.push_back(std::move(w));
    };
    // Subject.
    bool adj1 = rng.Below(2);
    int subj = adj1 ? 3 : 2;
    int verb = subj + 1;
    const char* d = dets[rng.Below(3)];
    add(d, d, "DET", "DT", subj, "det");
    if (adj1) {
      const char* a = adjs[rng.Below(3)];
      add(a, a, "ADJ", "JJ", subj, "amod");
    }
    const char* nn = nouns[rng.Below(6)];
    add(nn, nn, "NOUN", "NN", verb, "nsubj");
    int v = static_cast<int>(rng.Below(4));
    add(verbs[v], verb_lemmas[v], "VERB", "VBD", 0, "root");
    bool adj2 = rng.Below(2);
    int obj = verb + (adj2 ? 3 : 2);
    d = dets[rng.Below(3)];
    add(d, d, "DET", "DT", obj, "det");
    if (adj2) {
      const char* a = adjs[rng.Below(3)];
      add(a, a, "ADJ", "JJ", obj, "amod");
    }
    nn = nouns[rng.Below(6)];
    add(nn, nn, "NOUN", "NN", verb, "obj");
    if (rng.Below(2)) {
      int pobj = obj + 3;
      const char* p = adps[rng.Below(3)];
      add(p, p, "ADP", "IN", pobj, "case");
      d = dets[rng.Below(3)];
      add(d, d, "DET", "DT", pobj, "det");
      nn = nouns[rng.Below(6)];
      add(nn, nn, "NOUN", "NN", verb, "obl");
    }
    add(".", ".", "PUNCT", ".", verb, "punct");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace casus::syntax::testing
