#include "text/tokenizer.h"

#include <algorithm>
#include <array>

#include "common/strutil.h"

namespace casus::text {

namespace {

// Abbreviations that keep their final dot, lower case, without the dot.
constexpr std::array<std::string_view, 58> kAbbrev = {
    "adm",  "amb",   "apr",  "aug",   "brig", "capt", "cdr",  "cmdr", "co",   "col",
    "corp", "cpl",   "cpt",  "dec",   "dept", "dr",   "est",  "etc",  "feb",  "fig",
    "ft",   "gen",   "gov",  "hon",   "inc",  "jan",  "jr",   "jul",  "jun",  "lt",
    "ltd",  "maj",   "mar",  "messrs","mr",   "mrs",  "ms",   "mt",   "no",   "nos",
    "nov",  "oct",   "pres", "prof",  "rep",  "reps", "rev",  "sen",  "sens", "sep",
    "sept", "sgt",   "sr",   "st",    "supt", "univ", "vs",   "gens"};

// Reads a UTF-8 sequence length from its lead byte (1 for invalid bytes).
int SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

// Multi-byte sequences that are punctuation or space, not letters.
bool IsMultibytePunct(std::string_view s) {
  if (s.size() == 2) {
    unsigned char a = s[0], b = s[1];
    return a == 0xC2 && (b == 0xA0 || b == 0xAB || b == 0xBB || b == 0xB7 || b == 0xBF ||
                         b == 0xA1);
  }
  if (s.size() == 3) {
    unsigned char a = s[0], b = s[1];
    return a == 0xE2 && (b == 0x80 || b == 0x81);  // general punctuation block
  }
  return false;
}

bool IsMultibyteSpace(std::string_view s) {
  return (s.size() == 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) ||
         (s.size() == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
          ((unsigned char)s[2] <= 0x8B || (unsigned char)s[2] == 0xAF));
}

bool IsApostrophe(std::string_view t, size_t i, size_t* len) {
  if (i < t.size() && t[i] == '\'') { *len = 1; return true; }
  if (i + 2 < t.size() && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
      ((unsigned char)t[i + 2] == 0x99)) {
    *len = 3;
    return true;
  }
  return false;
}

bool IsWordByte(std::string_view t, size_t i, size_t* len) {
  unsigned char c = t[i];
  if (c < 0x80) {
    *len = 1;
    return IsAsciiAlpha(c) || IsAsciiDigit(c);
  }
  int l = SeqLen(c);
  if (i + l > t.size()) l = 1;
  *len = l;
  return !IsMultibytePunct(t.substr(i, l));
}

}  // namespace

bool IsAbbreviation(std::string_view lower_no_dot) {
  return std::find(kAbbrev.begin(), kAbbrev.end(), lower_no_dot) != kAbbrev.end();
}

void Tokenize(std::string_view t, uint32_t base, std::vector<Token>* out) {
  size_t i = 0;
  const size_t n = t.size();
  std::string low;
  while (i < n) {
    unsigned char c = t[i];
    if (IsAsciiSpace(c)) { ++i; continue; }
    if (c >= 0x80) {
      int l = SeqLen(c);
      if (i + l <= n && IsMultibyteSpace(t.substr(i, l))) { i += l; continue; }
    }
    size_t len = 1;
    if (!IsWordByte(t, i, &len)) {
      // Punctuation: one character (one UTF-8 sequence).
      if (c >= 0x80) {
        len = SeqLen(c);
        if (i + len > n) len = 1;
      }
      // An apostrophe starting a clitic: "'s" after a word was handled below,
      // but a bare "'s" after a closing quote or space is still one token.
      size_t al;
      if (IsApostrophe(t, i, &al) && i + al < n && (t[i + al] == 's' || t[i + al] == 'S') &&
          (i + al + 1 >= n || !IsAsciiAlpha(t[i + al + 1]))) {
        len = al + 1;
        out->push_back(Token{uint32_t(base + i), uint32_t(base + i + len), true, false});
        i += len;
        continue;
      }
      out->push_back(Token{uint32_t(base + i), uint32_t(base + i + len), false, false});
      i += len;
      continue;
    }
    // A word or number.
    const size_t start = i;
    size_t seg_start = i;  // start of the current dot-separated segment
    bool has_dot = false;
    bool all_digits = true;
    while (i < n) {
      size_t l;
      if (IsWordByte(t, i, &l)) {
        if (!IsAsciiDigit(t[i])) all_digits = false;
        i += l;
        continue;
      }
      char ch = t[i];
      // Digits with internal '.' or ',' ("3.5", "1,000").
      if ((ch == '.' || ch == ',') && i > start && IsAsciiDigit(t[i - 1]) && i + 1 < n &&
          IsAsciiDigit(t[i + 1]) && all_digits) {
        i += 1;
        continue;
      }
      // Acronym dots: "U.S", "e.g" — a segment of 1 letter followed by a letter.
      if (ch == '.' && i - seg_start == 1 && i + 1 < n && IsAsciiAlpha(t[i + 1]) &&
          IsAsciiAlpha(t[i - 1]) && (i + 2 >= n || !IsAsciiAlpha(t[i + 2]))) {
        has_dot = true;
        i += 1;
        seg_start = i;
        continue;
      }
      // Apostrophe inside a word.
      size_t al;
      if (IsApostrophe(t, i, &al)) {
        // "'s" clitic: split off.
        if (i + al < n && (t[i + al] == 's' || t[i + al] == 'S') &&
            (i + al + 1 >= n || !IsAsciiAlpha(t[i + al + 1])))
          break;
        // "n't": split before the n.
        if (i > start + 1 && (t[i - 1] == 'n' || t[i - 1] == 'N') && i + al < n &&
            (t[i + al] == 't' || t[i + al] == 'T') &&
            (i + al + 1 >= n || !IsAsciiAlpha(t[i + al + 1]))) {
          out->push_back(Token{uint32_t(base + start), uint32_t(base + i - 1), true,
                               IsAsciiUpper(t[start])});
          out->push_back(Token{uint32_t(base + i - 1), uint32_t(base + i + al + 1), true, false});
          i += al + 1;
          goto next_token;
        }
        // "O'Brien", "d'Ivoire": keep.
        if (i + al < n && IsAsciiAlpha(t[i + al])) {
          i += al;
          continue;
        }
      }
      break;
    }
    // A final dot that belongs to the word.
    if (i < n && t[i] == '.') {
      bool keep = has_dot;
      if (!keep && i - start == 1 && IsAsciiUpper(t[start])) keep = true;  // initial
      if (!keep && i - start <= 6) {
        low.assign(t.substr(start, i - start));
        for (char& ch : low) ch = AsciiLower(ch);
        keep = IsAbbreviation(low);
        // "no." is an abbreviation only before a number.
        if (keep && low == "no") {
          size_t k = i + 1;
          while (k < n && t[k] == ' ') ++k;
          keep = k < n && IsAsciiDigit(t[k]);
        }
      }
      if (keep) ++i;
    }
    out->push_back(Token{uint32_t(base + start), uint32_t(base + i), true, IsAsciiUpper(t[start])});
  next_token:;
  }
}

void NormalizeToken(std::string_view tok, std::string* out) {
  out->clear();
  for (size_t i = 0; i < tok.size(); ++i) {
    unsigned char c = tok[i];
    if (c < 0x80) {
      out->push_back(AsciiLower(c));
      continue;
    }
    if (c == 0xE2 && i + 2 < tok.size() && (unsigned char)tok[i + 1] == 0x80) {
      unsigned char d = tok[i + 2];
      if (d == 0x98 || d == 0x99) { out->push_back('\''); i += 2; continue; }
      if (d == 0x9C || d == 0x9D) { out->push_back('"'); i += 2; continue; }
      if (d >= 0x90 && d <= 0x95) { out->push_back('-'); i += 2; continue; }
    }
    out->push_back(static_cast<char>(c));
  }
}

}  // namespace casus::text
