#include "syntax/eval.h"

#include <cstdio>
#include <map>
#include <string_view>
#include <tuple>

namespace casus::syntax {

namespace {

struct EWord {
  const ConlluWord* w = nullptr;
  size_t sentence = 0;
  size_t global_head = SIZE_MAX;  // index in the flat word list; SIZE_MAX = root/unknown
  bool root = false;
};

struct Flat {
  std::string chars;  // the text without whitespace
  // Token spans (start, end) in chars.
  std::vector<std::pair<size_t, size_t>> tokens;
  std::vector<std::pair<size_t, size_t>> sentences;
  // Word key: (token start, token end, index within token, words in token).
  std::vector<std::tuple<size_t, size_t, int, int>> word_keys;
  std::vector<EWord> words;
};

void AppendNoSpace(std::string_view s, std::string* out) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out->push_back(c);
}

std::string_view Column(std::string_view line, int k) {
  for (int i = 0; i < k; ++i) {
    size_t t = line.find('\t');
    if (t == std::string_view::npos) return {};
    line.remove_prefix(t + 1);
  }
  return line.substr(0, line.find('\t'));
}

void Flatten(const std::vector<ConlluSentence>& sents, Flat* f) {
  for (size_t si = 0; si < sents.size(); ++si) {
    const ConlluSentence& s = sents[si];
    const size_t sent_start = f->chars.size();
    const size_t word_base = f->words.size();
    size_t e = 0;
    for (size_t i = 0; i < s.words.size();) {
      while (e < s.extra.size() && (s.extra[e].before < i || !s.extra[e].multiword)) ++e;
      size_t first = i, last = i + 1;
      size_t start = f->chars.size();
      if (e < s.extra.size() && s.extra[e].before == i && s.extra[e].multiword) {
        AppendNoSpace(Column(s.extra[e].line, 1), &f->chars);
        last = static_cast<size_t>(s.extra[e].last);
        ++e;
      } else {
        AppendNoSpace(s.words[i].form, &f->chars);
      }
      size_t end = f->chars.size();
      f->tokens.emplace_back(start, end);
      for (size_t k = first; k < last && k < s.words.size(); ++k) {
        f->word_keys.emplace_back(start, end, static_cast<int>(k - first),
                                  static_cast<int>(last - first));
        EWord w;
        w.w = &s.words[k];
        w.sentence = si;
        w.root = s.words[k].head == 0;
        if (s.words[k].head > 0) w.global_head = word_base + s.words[k].head - 1;
        f->words.push_back(w);
      }
      i = last;
    }
    if (f->chars.size() > sent_start) f->sentences.emplace_back(sent_start, f->chars.size());
  }
}

template <typename T>
Score SpanScore(const std::vector<T>& gold, const std::vector<T>& sys) {
  Score s;
  s.gold = static_cast<double>(gold.size());
  s.system = static_cast<double>(sys.size());
  std::map<T, int> g;
  for (const T& x : gold) g[x]++;
  for (const T& x : sys) {
    auto it = g.find(x);
    if (it != g.end() && it->second > 0) {
      it->second--;
      s.correct++;
    }
  }
  return s;
}

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

}  // namespace

Status EvaluateSyntax(const std::vector<ConlluSentence>& gold,
                      const std::vector<ConlluSentence>& system, SyntaxScores* out) {
  Flat g, s;
  Flatten(gold, &g);
  Flatten(system, &s);
  if (g.chars != s.chars) {
    size_t i = 0;
    while (i < g.chars.size() && i < s.chars.size() && g.chars[i] == s.chars[i]) ++i;
    auto ctx = [&](const std::string& c) {
      return c.substr(i > 20 ? i - 20 : 0, 40);
    };
    return Status::InvalidArgument(
        "the gold and system files differ in their text (whitespace removed) at character " +
        std::to_string(i) + ": gold \"" + ctx(g.chars) + "\" vs system \"" + ctx(s.chars) + "\"");
  }
  SyntaxScores r;
  r.tokens = SpanScore(g.tokens, s.tokens);
  r.sentences = SpanScore(g.sentences, s.sentences);
  r.words = SpanScore(g.word_keys, s.word_keys);
  // Align words by key.
  std::map<std::tuple<size_t, size_t, int, int>, size_t> gidx;
  for (size_t i = 0; i < g.word_keys.size(); ++i) gidx.emplace(g.word_keys[i], i);
  std::vector<size_t> s2g(s.words.size(), SIZE_MAX);
  for (size_t i = 0; i < s.word_keys.size(); ++i) {
    auto it = gidx.find(s.word_keys[i]);
    if (it != gidx.end()) s2g[i] = it->second;
  }
  for (Score* sc : {&r.upos, &r.xpos, &r.lemmas, &r.uas, &r.las, &r.ulas}) {
    sc->gold = static_cast<double>(g.words.size());
    sc->system = static_cast<double>(s.words.size());
  }
  for (const EWord& w : g.words) {
    const std::string& u = w.w->upos;
    if (u == "NOUN" || u == "PROPN" || u == "VERB" || u == "AUX") r.noun_verb_lemmas.gold++;
  }
  for (size_t i = 0; i < s.words.size(); ++i) {
    const ConlluWord& sw = *s.words[i].w;
    if (sw.upos == "NOUN" || sw.upos == "PROPN" || sw.upos == "VERB" || sw.upos == "AUX")
      r.noun_verb_lemmas.system++;
    if (s2g[i] == SIZE_MAX) continue;
    const EWord& gw = g.words[s2g[i]];
    const ConlluWord& gcw = *gw.w;
    if (sw.upos == gcw.upos) r.upos.correct++;
    if (sw.xpos == gcw.xpos) r.xpos.correct++;
    if (sw.lemma == gcw.lemma) {
      r.lemmas.correct++;
      if ((gcw.upos == "NOUN" || gcw.upos == "PROPN" || gcw.upos == "VERB" || gcw.upos == "AUX") &&
          (sw.upos == "NOUN" || sw.upos == "PROPN" || sw.upos == "VERB" || sw.upos == "AUX"))
        r.noun_verb_lemmas.correct++;
    }
    bool head_ok;
    if (s.words[i].root || gw.root) {
      head_ok = s.words[i].root && gw.root;
    } else {
      size_t sh = s.words[i].global_head;
      head_ok = sh != SIZE_MAX && sh < s2g.size() && s2g[sh] != SIZE_MAX &&
                s2g[sh] == gw.global_head;
    }
    if (head_ok) {
      r.uas.correct++;
      if (sw.deprel == gcw.deprel) r.las.correct++;
      if (Universal(sw.deprel) == Universal(gcw.deprel)) r.ulas.correct++;
    }
  }
  *out = r;
  return Status::OK();
}

std::string SyntaxScores::ToString() const {
  std::string out = "Metric     | Precision |    Recall |  F1 Score\n";
  out += "-----------+-----------+-----------+-----------\n";
  auto row = [&](const char* name, const Score& s) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%-10s | %9.2f | %9.2f | %9.2f\n", name, 100 * s.precision(),
                  100 * s.recall(), 100 * s.f1());
    out += buf;
  };
  row("Tokens", tokens);
  row("Sentences", sentences);
  row("Words", words);
  row("UPOS", upos);
  row("XPOS", xpos);
  row("Lemmas", lemmas);
  row("NV-Lemmas", noun_verb_lemmas);
  row("UAS", uas);
  row("LAS", las);
  row("LAS-univ", ulas);
  return out;
}

}  // namespace casus::syntax
