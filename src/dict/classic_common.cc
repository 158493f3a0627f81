// Helpers shared by the TABARI and PETRARCH dictionary readers.
#include "dict/classic_common.h"

#include "common/strutil.h"

namespace casus::dict::classic {

void Line::Error(std::string_view fragment, const std::string& msg) const {
  if (!problems) return;
  int col = 1;
  if (fragment.data() >= full.data() && fragment.data() <= full.data() + full.size())
    col = int(fragment.data() - full.data()) + 1;
  problems->push_back(DictProblem{*file, number, col, msg});
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s.size() > 80 ? s.substr(0, 77) : s) {
    if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  if (s.size() > 80) out += "...";
  return out + "\"";
}

std::string_view StripComment(std::string_view s, char marker) {
  size_t k = s.find(marker);
  return k == std::string_view::npos ? s : s.substr(0, k);
}

namespace {
bool IsWordBreak(char c) { return c == ' ' || c == '\t' || c == '_'; }
}  // namespace

std::string PhraseWords(std::string_view p, bool stems) {
  std::string out;
  bool joined_prev = false;
  size_t i = 0;
  while (i < p.size()) {
    if (IsWordBreak(p[i])) { ++i; continue; }
    size_t b = i;
    while (i < p.size() && !IsWordBreak(p[i])) ++i;
    std::string_view w = p.substr(b, i - b);
    bool stem_mark = false;
    std::string word;
    bool exact = false;  // TABARI "MOUSE=": the whole word only
    for (char c : w) {
      if (c == '~') stem_mark = true;
      else if (c == '=' && stems) exact = true;
      else word += c;
    }
    if (word.empty()) continue;
    bool connected = i < p.size() && p[i] == '_';
    if (stems && !exact && word[0] != '&' && (!connected || stem_mark)) word += '*';
    if (exact) word += '=';  // ClassicIds: the word alone, no plural
    // TABARI: words apart by a blank may have other words between them
    // ("PRINCE DOL_AMROTH" matches "Prince of Dol_Amroth"); mark it "~".
    if (!out.empty()) out += (stems && !joined_prev) ? " ~ " : " ";
    joined_prev = connected;
    out += word;
  }
  return out;
}

bool ParseClassicDate(std::string_view s, int* out) {
  if (s.size() != 6 && s.size() != 8) return false;
  for (char c : s)
    if (!IsAsciiDigit(c)) return false;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  if (s.size() == 6) {
    int yy = v / 10000;
    v += (yy < 30 ? 20000000 : 19000000);
  }
  int m = (v / 100) % 100, d = v % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  *out = v;
  return true;
}

bool ParseActorCodeBlock(const Line& line, std::string_view inside, DatedCode* dc) {
  std::string_view t = Trim(inside);
  std::vector<std::string_view> parts;
  for (std::string_view p : Split(t, " ")) {
    p = Trim(p);
    if (!p.empty()) parts.push_back(p);
  }
  if (parts.empty()) {
    line.Error(inside, "empty code block " + Quote("[" + std::string(inside) + "]"));
    return false;
  }
  std::string_view code = parts[0];
  bool code_ok = code.size() <= 40;
  for (char c : code)
    if (!(IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '~' || c == '#' || c == '+' || c == '-' ||
          c == '!' || c == '_' || c == '/'))
      code_ok = false;
  if (!code_ok || IsAsciiDigit(code[0]) || code[0] == '<' || code[0] == '>') {
    line.Error(code, "bad actor code " + Quote(code) + " in " + Quote(t) +
                         ": expected letters such as USAGOV, optionally followed by a date range");
    return false;
  }
  dc->code = std::string(code);
  dc->from = 0;
  dc->to = 99999999;
  if (parts.size() >= 2) {
    // "HOB < 950601", "HOBGOV 950601 - 990815": blanks inside the range.
    std::string joined;
    for (size_t k = 1; k < parts.size(); ++k) joined += parts[k];
    std::string_view r = joined;
    bool ok = true;
    if (r[0] == '<') ok = ParseClassicDate(r.substr(1), &dc->to);
    else if (r[0] == '>') ok = ParseClassicDate(r.substr(1), &dc->from);
    else {
      size_t dash = r.find('-');
      ok = dash != std::string_view::npos && ParseClassicDate(r.substr(0, dash), &dc->from) &&
           ParseClassicDate(r.substr(dash + 1), &dc->to);
    }
    if (!ok) {
      line.Error(parts[1], "bad date restriction " + Quote(r) +
                        ": expected YYMMDD-YYMMDD, <YYMMDD or >YYMMDD (or YYYYMMDD)");
      return false;
    }
  }
  return true;
}

void SplitEventCode(std::string_view s, std::string* code, std::string* paired) {
  s = Trim(s);
  auto clean = [](std::string_view x) {
    x = Trim(x);
    bool weak = false, dominant = false;
    while (!x.empty() && (x.back() == '!' || x.back() == '?')) {
      (x.back() == '?' ? weak : dominant) = true;
      x.remove_suffix(1);
    }
    if (x.empty()) return std::string();
    return std::string(x) + (dominant ? "!" : "") + (weak ? "?" : "");
  };
  size_t k = s.find(':');
  if (k == std::string_view::npos) {
    *code = clean(s);
    paired->clear();
  } else {
    *code = clean(s.substr(0, k));
    *paired = clean(s.substr(k + 1));
    if (code->empty()) {  // PETRARCH-2 "[:173]": only the reverse direction
      *code = *paired;
      paired->clear();
    }
  }
  if (code->empty()) *code = "---";
}

bool ParsePatternElems(const Line& line, std::string_view body, bool tabari,
                       std::vector<RawElem>* elems) {
  bool adjacent = false;
  size_t i = 0;
  int verbs = 0;
  auto add_words = [&](std::vector<std::string> alts) {
    RawElem e;
    e.type = RawElem::Type::kWords;
    e.adjacent = adjacent;
    e.alternatives = std::move(alts);
    elems->push_back(std::move(e));
    adjacent = false;
  };
  while (i < body.size()) {
    char c = body[i];
    if (c == ' ' || c == '\t' || c == '(' || c == ')') {
      if (c != '(' && c != ')') adjacent = false;
      ++i;
      continue;
    }
    if (c == '_') {
      adjacent = true;
      ++i;
      continue;
    }
    if (c == '{') {
      size_t close = body.find('}', i);
      if (close == std::string_view::npos) {
        line.Error(body.substr(i), "unclosed { in pattern " + Quote(body));
        return false;
      }
      std::string_view inside = body.substr(i + 1, close - i - 1);
      std::vector<std::string> alts;
      if (tabari) {
        for (std::string_view a : Split(inside, "|")) {
          std::string w = PhraseWords(Trim(a), true);
          if (w.empty()) {
            line.Error(a, "empty alternative in " + Quote(body));
            return false;
          }
          alts.push_back(std::move(w));
        }
        // A stem mark follows the word's own '_' inside the braces; a '_'
        // right after '}' joins the next element.
      } else {
        // PETRARCH-2 "{NEW &TIETYPES RELATIONS}" is a noun phrase holding
        // these words in order; other words may stand between them ("~").
        // The head noun (the last word) follows its modifier directly:
        // "new global economic relations" matches, "economic trade
        // relations" does not.
        std::string w, words = PhraseWords(Trim(inside), false);
        std::vector<std::string_view> xs;
        for (std::string_view x : Split(words, " "))
          if (!x.empty()) xs.push_back(x);
        for (size_t k = 0; k < xs.size(); ++k)
          w += (k == 0 ? "" : k + 1 == xs.size() ? " " : " ~ ") + std::string(xs[k]);
        if (w.empty()) {
          line.Error(body.substr(i, close - i + 1), "empty phrase " + Quote(body.substr(i, close - i + 1)));
          return false;
        }
        alts.push_back(std::move(w));
      }
      add_words(std::move(alts));
      i = close + 1;
      continue;
    }
    if (c == '}' || c == '|' || c == '[' || c == ']') {
      line.Error(body.substr(i, 1), "unexpected " + Quote(body.substr(i, 1)) + " in pattern " +
                                        Quote(body));
      return false;
    }
    size_t b = i;
    while (i < body.size() && !(body[i] == ' ' || body[i] == '\t' || body[i] == '_' ||
                                body[i] == '{' || body[i] == '(' || body[i] == ')' ||
                                body[i] == '}' || body[i] == '|' || body[i] == '[' ||
                                body[i] == ']'))
      ++i;
    std::string_view w = body.substr(b, i - b);
    RawElem e;
    e.adjacent = adjacent;
    if (w == "*") {
      e.type = RawElem::Type::kVerb;
      ++verbs;
    } else if (w == "+") {
      e.type = RawElem::Type::kTarget;
    } else if (w == "$") {
      e.type = RawElem::Type::kSource;
    } else if (w == "%") {
      e.type = RawElem::Type::kCompound;
    } else if (w == "^") {
      e.type = RawElem::Type::kSkip;
    } else {
      // "WORD_" is exact, "WORD~_" and "WORD " are stems (TABARI).
      bool connected = i < body.size() && body[i] == '_';
      std::string word;
      bool stem_mark = false, exact = false;
      for (char ch : w) {
        if (ch == '~') stem_mark = true;
        else if (ch == '=' && tabari) exact = true;  // "BAN=": no stem
        else word += ch;
      }
      if (word.empty()) continue;
      if (exact) {
        add_words({word + "="});
        continue;
      }
      if (word.find('*') != std::string::npos || word.find('+') != std::string::npos ||
          word.find('$') != std::string::npos || word.find('%') != std::string::npos) {
        // "*_POLICE" style is split by '_' already; anything else is odd but
        // harmless: match it literally.
      }
      if (tabari && word[0] != '&' && (!connected || stem_mark)) word += '*';
      add_words({word});
      continue;
    }
    elems->push_back(std::move(e));
    adjacent = false;
  }
  if (verbs > 1) {
    line.Error(body, "two '*' in pattern " + Quote(body));
    return false;
  }
  return true;
}

}  // namespace casus::dict::classic
