#include "syntax/lemmatizer.h"

#include <algorithm>
#include <map>

#include "syntax/table_lines.h"
#include "syntax/tagger.h"
#include "syntax/wordnet_tables.inc"

namespace casus::syntax {

namespace {

void LoadPairs(const char* const* chunks, std::unordered_map<std::string, std::string>* out) {
  ForLines(chunks, [&](std::string_view line) {
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return;
    // The first base form listed wins.
    out->emplace(std::string(line.substr(0, sp)), std::string(line.substr(sp + 1)));
  });
}

void LoadWords(const char* const* chunks, std::unordered_set<std::string>* out) {
  ForLines(chunks, [&](std::string_view line) { out->emplace(line); });
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

Lemmatizer::Lemmatizer() {
  LoadPairs(wordnet::kNounExceptions, &noun_exc_);
  LoadPairs(wordnet::kVerbExceptions, &verb_exc_);
  LoadPairs(wordnet::kAdjExceptions, &adj_exc_);
  LoadWords(wordnet::kNounLemmas, &nouns_);
  LoadWords(wordnet::kVerbLemmas, &verbs_);
  LoadWords(wordnet::kAdjLemmas, &adjs_);
}

std::string Lemmatizer::Key(std::string_view form, std::string_view xpos) {
  std::string k(form);
  k.push_back('\t');
  k.append(xpos);
  return k;
}

bool Lemmatizer::IsLemma(char pos, const std::string& w) const {
  switch (pos) {
    case 'n': return nouns_.count(w) > 0;
    case 'v': return verbs_.count(w) > 0;
    default: return adjs_.count(w) > 0;
  }
}

void Lemmatizer::Learn(const std::vector<ConlluSentence>& train) {
  // Counts of lemmas per key; the most frequent wins, ties by string order.
  std::map<std::string, std::map<std::string, int>> counts, upos_counts;
  std::string low;
  for (const ConlluSentence& s : train)
    for (const ConlluWord& w : s.words) {
      if (w.lemma.empty() || w.lemma == "_") continue;
      std::string k = Key(w.form, w.xpos);
      counts[k][w.lemma]++;
      upos_counts[k][w.upos]++;
      AsciiLowerInto(w.form, &low);
      if (w.upos != "PROPN") {
        k = "\x01" + Key(low, w.xpos);
        counts[k][w.lemma]++;
        upos_counts[k][w.upos]++;
      }
    }
  auto most = [](const std::map<std::string, int>& m) {
    const std::string* best = nullptr;
    int bc = 0;
    for (const auto& [v, c] : m)
      if (c > bc) {
        best = &v;
        bc = c;
      }
    return best;
  };
  lexicon_.clear();
  for (const auto& [k, m] : counts) {
    const std::string* best = most(m);
    // Keep only entries the rules would get wrong.
    std::string_view key(k);
    if (key[0] == '\x01') key.remove_prefix(1);
    size_t tab = key.find('\t');
    std::string_view form = key.substr(0, tab), xpos = key.substr(tab + 1);
    const std::string& upos = *most(upos_counts[k]);
    if (RuleLemma(form, upos, xpos) != *best) lexicon_.emplace(k, *best);
  }
}

void Lemmatizer::Save(BinaryWriter* w) const {
  std::vector<std::pair<std::string, std::string>> v(lexicon_.begin(), lexicon_.end());
  std::sort(v.begin(), v.end());
  w->U32(static_cast<uint32_t>(v.size()));
  for (const auto& [k, l] : v) {
    w->Str(k);
    w->Str(l);
  }
}

bool Lemmatizer::Load(BinaryReader* r) {
  uint32_t n = r->U32();
  if (!r->CountFits(n, 8)) {
    r->Fail();
    return false;
  }
  lexicon_.clear();
  lexicon_.reserve(n);
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    std::string k = r->Str();
    std::string l = r->Str();
    lexicon_.emplace(std::move(k), std::move(l));
  }
  return r->ok();
}

std::string Lemmatizer::Morphy(std::string_view lower, char pos, std::string_view tag) const {
  std::string w(lower);
  const auto& exc = pos == 'n' ? noun_exc_ : pos == 'v' ? verb_exc_ : adj_exc_;
  if (auto it = exc.find(w); it != exc.end()) return it->second;
  // Candidate (suffix, replacement) rules, as in WordNet's morphy, then
  // doubled consonants.
  struct Rule {
    const char* suf;
    const char* rep;
  };
  static constexpr Rule kNoun[] = {{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                   {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"s", ""}};
  static constexpr Rule kVerbS[] = {{"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}};
  static constexpr Rule kVerbEd[] = {{"ied", "y"}, {"ed", "e"}, {"ed", ""}};
  static constexpr Rule kVerbIng[] = {{"ying", "ie"}, {"ing", "e"}, {"ing", ""}};
  static constexpr Rule kAdj[] = {{"ier", "y"}, {"iest", "y"}, {"er", ""}, {"est", ""},
                                  {"er", "e"}, {"est", "e"}};
  std::vector<const Rule*> rules;
  auto add = [&](const auto& arr) {
    for (const Rule& r : arr) rules.push_back(&r);
  };
  if (pos == 'n') {
    add(kNoun);
  } else if (pos == 'v') {
    if (tag == "VBZ" || tag.empty()) add(kVerbS);
    if (tag == "VBD" || tag == "VBN" || tag.empty()) add(kVerbEd);
    if (tag == "VBG" || tag.empty()) add(kVerbIng);
  } else {
    add(kAdj);
  }
  std::string first_valid;
  for (const Rule* r : rules) {
    if (!EndsWith(w, r->suf) || w.size() <= std::string_view(r->suf).size()) continue;
    std::string stem = w.substr(0, w.size() - std::string_view(r->suf).size());
    std::string cand = stem + r->rep;
    // Doubled final consonant: "stopped" -> "stop", "bigger" -> "big".
    if (*r->rep == 0 && stem.size() >= 3 && stem.back() == stem[stem.size() - 2] &&
        !IsVowel(stem.back()) && stem.back() != 's' && stem.back() != 'l' &&
        (pos != 'n')) {
      std::string undoubled = stem.substr(0, stem.size() - 1);
      if (IsLemma(pos, undoubled)) return undoubled;
    }
    if (IsLemma(pos, cand)) {
      // "hoped": both "hop" and "hope" are verbs; the "-e" reading wins after
      // a single vowel + consonant ("hope"), the bare stem otherwise.
      if (*r->rep == 0 && pos == 'v' && (EndsWith(r->suf, "ed") || EndsWith(r->suf, "ing"))) {
        std::string with_e = stem + "e";
        if (stem.size() >= 2 && !IsVowel(stem.back()) && IsVowel(stem[stem.size() - 2]) &&
            (stem.size() < 3 || !IsVowel(stem[stem.size() - 3])) && IsLemma(pos, with_e))
          return with_e;
      }
      return cand;
    }
  }
  // Unknown words: the most likely rule.
  if (pos == 'n') {
    if (EndsWith(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
    if (EndsWith(w, "sses") || EndsWith(w, "xes") || EndsWith(w, "ches") || EndsWith(w, "shes") ||
        EndsWith(w, "zzes"))
      return w.substr(0, w.size() - 2);
    if (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is")) return w;
    if (EndsWith(w, "s") && w.size() > 2) return w.substr(0, w.size() - 1);
    return w;
  }
  if (pos == 'v') {
    if ((tag == "VBZ" || tag.empty()) && EndsWith(w, "s") && w.size() > 2) {
      if (EndsWith(w, "ies")) return w.substr(0, w.size() - 3) + "y";
      if (EndsWith(w, "sses") || EndsWith(w, "shes") || EndsWith(w, "ches") || EndsWith(w, "xes"))
        return w.substr(0, w.size() - 2);
      return w.substr(0, w.size() - 1);
    }
    std::string stem;
    if ((tag == "VBD" || tag == "VBN" || tag.empty()) && EndsWith(w, "ed") && w.size() > 3) {
      if (EndsWith(w, "ied")) return w.substr(0, w.size() - 3) + "y";
      stem = w.substr(0, w.size() - 2);
    } else if ((tag == "VBG" || tag.empty()) && EndsWith(w, "ing") && w.size() > 4) {
      stem = w.substr(0, w.size() - 3);
    } else {
      return w;
    }
    if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !IsVowel(stem.back()) &&
        stem.back() != 's' && stem.back() != 'l')
      return stem.substr(0, stem.size() - 1);
    // "-ate", "-ize", "-ise", "-ure", "-ve", "-ce", "-ge": restore the e.
    static constexpr const char* kE[] = {"at", "iz", "is", "ur", "v", "c", "g", "uc", "bl", "pl"};
    for (const char* e : kE)
      if (EndsWith(stem, e)) return stem + "e";
    return stem;
  }
  if (EndsWith(w, "iest") && w.size() > 5) return w.substr(0, w.size() - 4) + "y";
  if (EndsWith(w, "ier") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  return w;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view upos,
                              std::string_view xpos) const {
  if (!lexicon_.empty()) {
    if (auto it = lexicon_.find(Key(form, xpos)); it != lexicon_.end()) return it->second;
    if (upos != "PROPN") {
      std::string low;
      AsciiLowerInto(form, &low);
      if (auto it = lexicon_.find("\x01" + Key(low, xpos)); it != lexicon_.end())
        return it->second;
    }
  }
  return RuleLemma(form, upos, xpos);
}

std::string Lemmatizer::RuleLemma(std::string_view form, std::string_view upos,
                                  std::string_view xpos) const {
  std::string low;
  AsciiLowerInto(form, &low);
  if (upos == "PROPN") {
    if (xpos == "NNPS" && form.size() > 3 && EndsWith(form, "s") && !EndsWith(form, "ss")) {
      std::string m = Morphy(low, 'n', "NNS");
      // Keep the case of the form: "States" -> "State".
      if (m.size() < low.size() && low.compare(0, m.size(), m) == 0)
        return std::string(form.substr(0, m.size()));
    }
    return std::string(form);
  }
  if (upos == "NOUN") {
    if (xpos == "NNS" || xpos.empty() || xpos == "_") {
      if (xpos == "NNS" || EndsWith(low, "s") || noun_exc_.count(low)) return Morphy(low, 'n', "NNS");
    }
    return low;
  }
  if (upos == "VERB" || upos == "AUX") {
    if (xpos == "VB" || xpos == "VBP") return low;
    std::string_view tag = (xpos == "VBZ" || xpos == "VBD" || xpos == "VBN" || xpos == "VBG")
                               ? xpos
                               : std::string_view();
    return Morphy(low, 'v', tag);
  }
  if (upos == "ADJ") {
    if (xpos == "JJR" || xpos == "JJS") return Morphy(low, 'a', xpos);
    return low;
  }
  if (upos == "NUM" || upos == "SYM" || upos == "PUNCT" || upos == "X") {
    return std::string(form);
  }
  // Pronouns ("I"), particles, adverbs, determiners...: lower case, except a
  // word that is all upper case and not sentence-style ("I").
  if (form == "I") return "I";
  return low;
}

}  // namespace casus::syntax
