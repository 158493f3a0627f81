#include "syntax/ud_tokenizer.h"

#include <array>

#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace casus::syntax {

namespace {

// Bound prefixes that UD English keeps attached with their hyphen.
constexpr std::array<std::string_view, 34> kPrefixes = {
    "e",     "non",   "mid",   "re",    "anti",  "pre",    "co",    "post",  "over",
    "pro",   "multi", "ex",    "semi",  "sub",   "vice",   "un",    "psycho", "neo",
    "cross", "counter", "socio", "mis", "micro", "intra",  "inter", "extra", "wi",
    "self",  "de",    "bi",    "tri",   "trans", "ultra",  "quasi"};

bool IsPrefix(std::string_view w) {
  if (w.size() > 8) return false;
  char buf[8];
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  std::string_view low(buf, w.size());
  for (std::string_view p : kPrefixes)
    if (p == low) return true;
  return false;
}

// Normalises a clitic: typographic apostrophe to ASCII, lower case.
std::string Clitic(std::string_view t) {
  std::string s;
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = t[i];
    if (c == 0xE2 && i + 2 < t.size() && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x98)) {
      s.push_back('\'');
      i += 2;
      continue;
    }
    s.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
  }
  return s;
}

bool IsSplitClitic(std::string_view t) {
  std::string c = Clitic(t);
  return c == "'s" || c == "n't";
}

// Position where a word-final clitic ('m 're 've 'll 'd) starts, or npos.
size_t FinalClitic(std::string_view w) {
  static constexpr std::string_view kEnd[] = {"m", "re", "ve", "ll", "d"};
  for (std::string_view e : kEnd) {
    if (w.size() < e.size() + 2) continue;
    std::string tail = Clitic(w.substr(w.size() - e.size()));
    if (tail != e) continue;
    size_t ap = w.size() - e.size();
    if (w[ap - 1] == '\'') return ap - 1;
    if (ap >= 3 && (unsigned char)w[ap - 3] == 0xE2 && (unsigned char)w[ap - 2] == 0x80 &&
        (unsigned char)w[ap - 1] == 0x99)
      return ap - 3;
  }
  return std::string_view::npos;
}

// Whole-word contractions: "cannot" = can + not, "gonna" = gon + na.
bool SplitContraction(std::string_view w, size_t* at) {
  std::string low = Clitic(w);
  if (low == "cannot") { *at = 3; return true; }
  if (low == "gonna" || low == "wanna" || low == "gotta") { *at = 3; return true; }
  return false;
}

}  // namespace

void UdTokenize(std::string_view text, std::vector<UdSentence>* out) {
  std::vector<text::SentenceRange> ranges;
  text::SplitSentences(text, &ranges);
  std::vector<text::Token> toks;
  for (const text::SentenceRange& r : ranges) {
    toks.clear();
    text::Tokenize(text.substr(r.start, r.end - r.start), r.start, &toks);
    if (toks.empty()) continue;
    UdSentence sent;
    sent.start = r.start;
    sent.end = r.end;
    auto str = [&](const text::Token& t) { return text.substr(t.start, t.end - t.start); };
    for (size_t i = 0; i < toks.size();) {
      UdToken u;
      u.start = toks[i].start;
      u.end = toks[i].end;
      size_t j = i + 1;
      // prefix-hyphen-word: one token.
      while (j + 1 < toks.size() && toks[j - 1].word && IsPrefix(str(toks[j - 1])) &&
             str(toks[j]) == "-" && toks[j].start == toks[j - 1].end &&
             toks[j + 1].start == toks[j].end && toks[j + 1].word) {
        u.end = toks[j + 1].end;
        j += 2;
      }
      std::string_view surface = text.substr(u.start, u.end - u.start);
      size_t at;
      if (j == i + 1 && toks[i].word && j < toks.size() && toks[j].start == u.end &&
          IsSplitClitic(str(toks[j]))) {
        // word + 's / n't: a multiword token.
        u.end = toks[j].end;
        u.words = {std::string(surface), std::string(str(toks[j]))};
        ++j;
      } else if (j == i + 1 && toks[i].word &&
                 (at = FinalClitic(surface)) != std::string_view::npos) {
        u.words = {std::string(surface.substr(0, at)), std::string(surface.substr(at))};
      } else if (j == i + 1 && toks[i].word && SplitContraction(surface, &at)) {
        u.words = {std::string(surface.substr(0, at)), std::string(surface.substr(at))};
      } else {
        u.words = {std::string(surface)};
      }
      u.space_after = j >= toks.size() || toks[j].start > u.end;
      sent.tokens.push_back(std::move(u));
      i = j;
    }
    out->push_back(std::move(sent));
  }
}

}  // namespace casus::syntax
