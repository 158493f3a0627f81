// Reader for the native casus dictionary format (docs/dictionaries.md).
#include <filesystem>
#include <string_view>

#include "common/date.h"
#include "common/strutil.h"
#include "dict/cameo_codes.h"
#include "dict/raw.h"

namespace casus::dict {

namespace {

enum class Section { kNone, kActors, kAgents, kVerbs, kSynsets, kDiscards };

struct LineCtx {
  const std::string& file;
  int line;
  std::string_view full;  // the whole line, for column numbers
  std::vector<DictProblem>* problems;

  void Error(std::string_view fragment, const std::string& msg) const {
    if (!problems) return;
    int col = 1;
    if (fragment.data() >= full.data() && fragment.data() <= full.data() + full.size())
      col = int(fragment.data() - full.data()) + 1;
    problems->push_back(DictProblem{file, line, col, msg});
  }
};

std::string Quote(std::string_view s) {
  if (s.size() > 80) return "\"" + std::string(s.substr(0, 77)) + "...\"";
  return "\"" + std::string(s) + "\"";
}

// Strips a comment: '#' at the start or after a blank.
std::string_view StripComment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
      return line.substr(0, i);
  }
  return line;
}

bool SplitArrow(std::string_view s, std::string_view* left, std::string_view* right) {
  size_t k = s.find("=>");
  if (k == std::string_view::npos) return false;
  *left = Trim(s.substr(0, k));
  *right = Trim(s.substr(k + 2));
  return true;
}

bool ParsePhrases(const LineCtx& ctx, std::string_view s, std::vector<std::string>* out) {
  bool ok = true;
  for (std::string_view p : Split(s, "|")) {
    std::string_view t = Trim(p);
    if (t.empty() || t == "=") {
      ctx.Error(p, "empty phrase in " + Quote(s));
      ok = false;
      continue;
    }
    out->emplace_back(t);
  }
  return ok && !out->empty();
}

bool ValidEventCode(std::string_view c) { return c == "---" || LookupCameo(c) != nullptr; }

// "CODE" or "CODE:PAIRED".
bool ParseEventCode(const LineCtx& ctx, std::string_view s, std::string* code,
                    std::string* paired) {
  std::string_view a = s, b;
  size_t k = s.find(':');
  if (k != std::string_view::npos) {
    a = Trim(s.substr(0, k));
    b = Trim(s.substr(k + 1));
  }
  if (!ValidEventCode(a)) {
    ctx.Error(a, "bad CAMEO code " + Quote(a) + ": not in the CAMEO code table");
    return false;
  }
  if (k != std::string_view::npos && (b.empty() || b == "---" || !ValidEventCode(b))) {
    ctx.Error(b, "bad paired CAMEO code " + Quote(b) + ": not in the CAMEO code table");
    return false;
  }
  *code = std::string(a);
  *paired = std::string(b);
  return true;
}

bool ParseDatedCodes(const LineCtx& ctx, std::string_view s, std::vector<DatedCode>* out) {
  for (std::string_view part : Split(s, ",")) {
    std::string_view t = Trim(part);
    if (t.empty()) {
      ctx.Error(part, "empty code in " + Quote(s));
      return false;
    }
    DatedCode dc;
    size_t sp = t.find_first_of(" \t");
    std::string_view code = t.substr(0, sp);
    if (!ValidActorCode(code)) {
      ctx.Error(code, "bad actor code " + Quote(code) +
                          ": expected groups of 3 upper-case letters such as USA or USAGOV");
      return false;
    }
    dc.code = std::string(code);
    if (sp != std::string_view::npos) {
      std::string_view range = Trim(t.substr(sp));
      size_t dots = range.find("..");
      if (dots == std::string_view::npos) {
        ctx.Error(range, "bad date range " + Quote(range) + ": expected FROM..TO");
        return false;
      }
      std::string_view from = Trim(range.substr(0, dots)), to = Trim(range.substr(dots + 2));
      if (!from.empty() && !ParseDate(from, &dc.from)) {
        ctx.Error(from, "bad date " + Quote(from) + ": expected YYYY-MM-DD");
        return false;
      }
      if (!to.empty() && !ParseDate(to, &dc.to)) {
        ctx.Error(to, "bad date " + Quote(to) + ": expected YYYY-MM-DD");
        return false;
      }
      if (dc.from > dc.to) {
        ctx.Error(range, "date range " + Quote(range) + " ends before it starts");
        return false;
      }
    }
    out->push_back(std::move(dc));
  }
  return !out->empty();
}

bool ValidSynsetName(std::string_view n) {
  if (n.empty()) return false;
  for (char c : n)
    if (!(IsAsciiUpper(c) || IsAsciiDigit(c) || c == '_')) return false;
  return true;
}

}  // namespace

bool ValidActorCode(std::string_view c) {
  if (c.size() < 3 || c.size() % 3 != 0 || c.size() > 18) return false;
  size_t i = 0;
  if (c.substr(0, 3) == "---") i = 3;
  if (i == 3 && c.size() == 3) return true;
  for (; i < c.size(); ++i)
    if (!IsAsciiUpper(c[i])) return false;
  return true;
}

std::vector<std::string> RegularVerbForms(const std::string& l) {
  std::vector<std::string> f{l};
  if (l.empty()) return f;
  auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  const size_t n = l.size();
  const char last = l[n - 1];
  if (last == 'e') {
    f.push_back(l + "s");
    f.push_back(l + "d");
    bool keep_e = n >= 2 && (l[n - 2] == 'e' || l[n - 2] == 'y' || l[n - 2] == 'o');
    f.push_back((keep_e ? l : l.substr(0, n - 1)) + "ing");
  } else if (last == 'y' && n >= 2 && !is_vowel(l[n - 2])) {
    std::string stem = l.substr(0, n - 1);
    f.push_back(stem + "ies");
    f.push_back(stem + "ied");
    f.push_back(l + "ing");
  } else if (last == 's' || last == 'x' || last == 'z' ||
             (n >= 2 && (l.compare(n - 2, 2, "ch") == 0 || l.compare(n - 2, 2, "sh") == 0))) {
    f.push_back(l + "es");
    f.push_back(l + "ed");
    f.push_back(l + "ing");
  } else {
    // Double a final consonant after a single vowel in one-syllable lemmas.
    int vowel_groups = 0;
    for (size_t i = 0; i < n; ++i)
      if (is_vowel(l[i]) && (i == 0 || !is_vowel(l[i - 1]))) ++vowel_groups;
    bool cvc = n >= 3 && !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
               is_vowel(l[n - 2]) && !is_vowel(l[n - 3]);
    std::string stem = (cvc && vowel_groups == 1) ? l + last : l;
    f.push_back(l + "s");
    f.push_back(stem + "ed");
    f.push_back(stem + "ing");
  }
  return f;
}

void ReadNative(const std::string& file, const std::string& text, RawDict* raw,
                std::vector<DictProblem>* problems) {
  // Problems name the file as given; evidence names only the file itself.
  const std::string origin_file = std::filesystem::path(file).filename().string();
  Section section = Section::kNone;
  RawVerb* verb = nullptr;  // the open verb block
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view full(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!full.empty() && full.back() == '\r') full.remove_suffix(1);
    LineCtx ctx{file, line_no, full, problems};
    std::string_view line = StripComment(full);
    std::string_view t = Trim(line);
    if (t.empty()) {
      if (nl == text.size()) break;
      continue;
    }
    const bool indented = line[0] == ' ' || line[0] == '\t';
    if (t.front() == '[' && t.back() == ']') {
      std::string_view name = t.substr(1, t.size() - 2);
      verb = nullptr;
      if (name == "actors") section = Section::kActors;
      else if (name == "agents") section = Section::kAgents;
      else if (name == "verbs") section = Section::kVerbs;
      else if (name == "synsets") section = Section::kSynsets;
      else if (name == "discards") section = Section::kDiscards;
      else {
        ctx.Error(name, "unknown section " + Quote(t) +
                            ": expected [actors], [agents], [verbs], [synsets] or [discards]");
        section = Section::kNone;
      }
      continue;
    }
    std::string_view left, right;
    switch (section) {
      case Section::kNone:
        ctx.Error(t, "entry before any [section]: " + Quote(t));
        break;
      case Section::kActors: {
        if (!SplitArrow(t, &left, &right)) {
          ctx.Error(t, "expected PHRASE | ... => CODE in " + Quote(t));
          break;
        }
        RawActor a;
        a.origin = Origin{origin_file, line_no};
        if (!ParsePhrases(ctx, left, &a.phrases)) break;
        if (!ParseDatedCodes(ctx, right, &a.codes)) break;
        raw->actors.push_back(std::move(a));
        break;
      }
      case Section::kAgents: {
        if (!SplitArrow(t, &left, &right)) {
          ctx.Error(t, "expected PHRASE | ... => AGENT in " + Quote(t));
          break;
        }
        RawAgent a;
        a.origin = Origin{origin_file, line_no};
        if (!ParsePhrases(ctx, left, &a.phrases)) break;
        if (right.size() != 3 || !ValidActorCode(right) || right == "---") {
          ctx.Error(right, "bad agent code " + Quote(right) + ": expected 3 upper-case letters");
          break;
        }
        a.code = std::string(right);
        raw->agents.push_back(std::move(a));
        break;
      }
      case Section::kSynsets: {
        size_t eq = t.find('=');
        if (t.front() != '&' || eq == std::string_view::npos) {
          ctx.Error(t, "expected &NAME = PHRASE | ... in " + Quote(t));
          break;
        }
        std::string_view name = Trim(t.substr(1, eq - 1));
        if (!ValidSynsetName(name)) {
          ctx.Error(name, "bad synset name " + Quote(name) + ": use A-Z, 0-9 and _");
          break;
        }
        std::vector<std::string> phrases;
        if (!ParsePhrases(ctx, t.substr(eq + 1), &phrases)) break;
        auto& dst = raw->synsets[std::string(name)];
        dst.insert(dst.end(), phrases.begin(), phrases.end());
        break;
      }
      case Section::kDiscards: {
        std::vector<std::string> phrases;
        if (ParsePhrases(ctx, t, &phrases))
          raw->discards.insert(raw->discards.end(), phrases.begin(), phrases.end());
        break;
      }
      case Section::kVerbs: {
        if (!indented) {
          verb = nullptr;
          if (t.substr(0, 5) != "verb ") {
            ctx.Error(t, "expected a verb block \"verb LEMMA [{FORMS}] [=> CODE]\", found " +
                             Quote(t));
            break;
          }
          RawVerb v;
          v.origin = Origin{origin_file, line_no};
          std::string_view head = Trim(t.substr(5));
          std::string_view code_part;
          if (SplitArrow(head, &left, &right)) {
            head = left;
            code_part = right;
          }
          size_t brace = head.find('{');
          std::string_view lemma = Trim(head.substr(0, brace));
          if (lemma.empty() || lemma.find(' ') != std::string_view::npos) {
            ctx.Error(lemma.empty() ? head : lemma,
                      "bad verb lemma " + Quote(lemma) + ": expected one word");
            break;
          }
          v.lemma = AsciiLowerCopy(lemma);
          if (brace != std::string_view::npos) {
            size_t close = head.find('}', brace);
            if (close == std::string_view::npos) {
              ctx.Error(head.substr(brace), "unclosed { in " + Quote(head));
              break;
            }
            for (std::string_view f : Split(Trim(head.substr(brace + 1, close - brace - 1)), " ")) {
              if (!Trim(f).empty()) v.forms.push_back(AsciiLowerCopy(Trim(f)));
            }
          }
          if (!code_part.empty() && !ParseEventCode(ctx, code_part, &v.code, &v.paired)) break;
          raw->verbs.push_back(std::move(v));
          verb = &raw->verbs.back();
          break;
        }
        if (!verb) {
          ctx.Error(t, "pattern outside a verb block: " + Quote(t));
          break;
        }
        if (!SplitArrow(t, &left, &right)) {
          ctx.Error(t, "expected PATTERN => CODE in " + Quote(t));
          break;
        }
        RawPattern p;
        p.text = std::string(left);
        p.origin = Origin{origin_file, line_no};
        p.column = int(left.data() - full.data()) + 1;
        if (left.empty()) {
          ctx.Error(t, "empty pattern in " + Quote(t));
          break;
        }
        if (!ParseEventCode(ctx, right, &p.code, &p.paired)) break;
        verb->patterns.push_back(std::move(p));
        break;
      }
    }
    if (nl == text.size()) break;
  }
}

}  // namespace casus::dict
