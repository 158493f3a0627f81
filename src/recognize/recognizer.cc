#include "recognize/recognizer.h"

namespace casus::recognize {

bool Recognizer::CaseMatches(const dict::PhraseHit& h, std::string_view text,
                             const std::vector<text::Token>& toks, uint32_t i) const {
  if (!h.case_sensitive) return true;
  const dict::Phrase& p = c_.phrases[h.phrase];
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    const text::Token& t = toks[i + k];
    if (text.substr(t.start, t.end - t.start) != p.tokens[k]) return false;
  }
  return true;
}

uint32_t Recognizer::Longest(const dict::TokenTrie& trie, std::string_view text,
                             const std::vector<text::Token>& toks,
                             const std::vector<uint32_t>& ids, uint32_t i,
                             const dict::PhraseHit** hit) const {
  uint32_t node = 0, best_len = 0;
  *hit = nullptr;
  for (uint32_t k = i; k < ids.size(); ++k) {
    if (ids[k] == dict::kNoToken) break;
    node = trie.Child(node, ids[k]);
    if (node == dict::kNoNode) break;
    const auto& hits = trie.Hits(node);
    const dict::PhraseHit* chosen = nullptr;
    for (const dict::PhraseHit& h : hits) {
      if (!CaseMatches(h, text, toks, i)) continue;
      if (!chosen || (chosen->kind != dict::PhraseKind::kActor && h.kind == dict::PhraseKind::kActor))
        chosen = &h;
    }
    if (chosen) {
      best_len = k - i + 1;
      *hit = chosen;
    }
    if (!trie.HasChildren(node)) break;
  }
  return best_len;
}

bool Recognizer::Discarded(std::string_view text, const std::vector<text::Token>& toks,
                           const std::vector<uint32_t>& ids) const {
  if (c_.discards.num_nodes() <= 1) return false;
  const dict::PhraseHit* hit = nullptr;
  for (uint32_t i = 0; i < ids.size(); ++i)
    if (Longest(c_.discards, text, toks, ids, i, &hit) > 0 && hit &&
        hit->kind != dict::PhraseKind::kIssue)  // issue phrases share the trie
      return true;
  return false;
}

void Recognizer::Recognize(std::string_view text, const std::vector<text::Token>& toks,
                           const std::vector<uint32_t>& ids, std::vector<Mention>* mentions,
                           std::vector<VerbCandidate>* verbs) const {
  mentions->clear();
  verbs->clear();
  uint32_t i = 0;
  const uint32_t n = uint32_t(ids.size());
  while (i < n) {
    const dict::PhraseHit* hit = nullptr;
    uint32_t len = ids[i] == dict::kNoToken ? 0 : Longest(c_.nouns, text, toks, ids, i, &hit);
    if (len > 0) {
      mentions->push_back(Mention{i, i + len, hit->kind, hit->entry, hit->phrase});
      i += len;
      continue;
    }
    if (ids[i] != dict::kNoToken) {
      auto it = c_.verb_forms.find(ids[i]);
      if (it != c_.verb_forms.end()) verbs->push_back(VerbCandidate{i, &it->second});
    }
    ++i;
  }
}

}  // namespace casus::recognize
