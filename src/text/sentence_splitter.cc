#include "text/sentence_splitter.h"

#include <array>
#include <string>

#include "common/strutil.h"
#include "text/tokenizer.h"

namespace casus::text {

namespace {

// Words that typically open a sentence; after "U.S." or "Inc." a boundary is
// taken only before one of these.
constexpr std::array<std::string_view, 40> kOpeners = {
    "the",   "a",      "an",     "he",     "she",     "it",     "they",  "we",
    "i",     "in",     "on",     "at",     "but",     "and",    "however", "this",
    "that",  "these",  "those",  "his",    "her",     "their",  "its",   "there",
    "meanwhile", "after", "before", "earlier", "later", "when", "while", "according",
    "also",  "officials", "police", "if",   "as",      "for",    "last",  "on"};

// Company suffixes and similar that may end a sentence.
constexpr std::array<std::string_view, 7> kFinalAbbrev = {"inc", "corp", "ltd", "co",
                                                          "jr",  "sr",   "etc"};

bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

bool InList(std::string_view w, const auto& list) {
  for (auto x : list)
    if (x == w) return true;
  return false;
}

// Returns the lower-cased word that starts at `pos` (letters only).
std::string WordAt(std::string_view t, size_t pos) {
  std::string w;
  while (pos < t.size() && IsAsciiAlpha(t[pos])) w.push_back(AsciiLower(t[pos++]));
  return w;
}

}  // namespace

void SplitSentences(std::string_view t, std::vector<SentenceRange>* out) {
  const size_t n = t.size();
  size_t sent_start = 0;
  auto emit = [&](size_t end) {
    size_t b = sent_start, e = end;
    while (b < e && IsAsciiSpace(t[b])) ++b;
    while (e > b && IsAsciiSpace(t[e - 1])) --e;
    if (e > b) out->push_back(SentenceRange{uint32_t(b), uint32_t(e)});
  };
  size_t i = 0;
  while (i < n) {
    char c = t[i];
    // A blank line always ends a sentence.
    if (c == '\n') {
      size_t k = i + 1;
      while (k < n && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r')) ++k;
      if (k < n && t[k] == '\n') {
        emit(i);
        sent_start = k + 1;
        i = k + 1;
        continue;
      }
    }
    if (c != '.' && c != '?' && c != '!') { ++i; continue; }
    const size_t mark = i;
    size_t e = i + 1;
    while (e < n && (t[e] == '.' || t[e] == '?' || t[e] == '!')) ++e;
    // Closing quotes and brackets, ASCII or typographic.
    while (e < n) {
      if (IsCloser(t[e])) { ++e; continue; }
      if (e + 2 < n && (unsigned char)t[e] == 0xE2 && (unsigned char)t[e + 1] == 0x80 &&
          ((unsigned char)t[e + 2] == 0x9D || (unsigned char)t[e + 2] == 0x99)) {
        e += 3;
        continue;
      }
      break;
    }
    if (e < n && !IsAsciiSpace(t[e])) { i = e; continue; }
    size_t k = e;
    while (k < n && IsAsciiSpace(t[k])) ++k;
    if (k >= n) { i = e; continue; }  // the end of the text closes the last sentence
    unsigned char nx = t[k];
    bool opener = IsAsciiUpper(nx) || IsAsciiDigit(nx) || nx == '"' || nx == '\'' ||
                  nx == '(' || nx == '[' || nx >= 0x80;
    if (!opener) { i = e; continue; }
    if (c == '.' && e == mark + 1) {
      // Look at the word before the dot.
      size_t ws = mark;
      while (ws > sent_start && !IsAsciiSpace(t[ws - 1]) && t[ws - 1] != '(' && t[ws - 1] != '"')
        --ws;
      std::string_view word = t.substr(ws, mark - ws);
      std::string low;
      for (char ch : word) low.push_back(AsciiLower(ch));
      bool dotted = low.find('.') != std::string::npos;
      bool initial = word.size() == 1 && IsAsciiUpper(word[0]);
      bool split = true;
      if (initial) {
        split = false;
      } else if (dotted || InList(low, kFinalAbbrev)) {
        split = InList(WordAt(t, k), kOpeners);
      } else if (IsAbbreviation(low)) {
        split = (low == "no") && !IsAsciiDigit(nx);
      }
      if (!split) { i = e; continue; }
    }
    emit(e);
    sent_start = e;
    i = e;
  }
  emit(n);
}

}  // namespace casus::text
