// Readers for TABARI dictionaries: .project, .actors, .agents, .verbs and
// .options files (TABARI 0.8 formats; see docs/dictionaries.md).
#include <algorithm>

#include "common/strutil.h"
#include "dict/classic_common.h"
#include "dict/raw.h"

namespace casus::dict {

using classic::Line;
using classic::Quote;

namespace {

// Parses "PHRASE [CODE] [CODE range] ..." into the phrase and code blocks.
bool SplitEntry(const Line& line, std::string_view t, std::string_view* phrase,
                std::vector<std::string_view>* blocks) {
  size_t b = t.find('[');
  *phrase = Trim(t.substr(0, b));
  while (b != std::string_view::npos) {
    size_t e = t.find(']', b);
    if (e == std::string_view::npos) {
      line.Error(t.substr(b), "unclosed [ in " + Quote(t));
      return false;
    }
    blocks->push_back(t.substr(b + 1, e - b - 1));
    size_t next = t.find('[', e);
    std::string_view between = Trim(t.substr(e + 1, next == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : next - e - 1));
    if (!between.empty()) {
      line.Error(between, "unexpected " + Quote(between) + " after a code block");
      return false;
    }
    b = next;
  }
  return true;
}

}  // namespace

void ReadTabariActors(const std::string& file, const std::string& text, RawDict* raw,
                      std::vector<DictProblem>* problems) {
  raw->style = DictStyle::kTabari;
  raw->stem_marks = true;
  classic::ReadActorFile(file, text, true, raw, problems);
}

void ReadTabariAgents(const std::string& file, const std::string& text, RawDict* raw,
                      std::vector<DictProblem>* problems) {
  ReadTabariActors(file, text, raw, problems);
}

void ReadTabariVerbs(const std::string& file, const std::string& text, RawDict* raw,
                     std::vector<DictProblem>* problems) {
  raw->style = DictStyle::kTabari;
  raw->stem_marks = true;
  enum { kVerbs, kSynsets, kTime } section = kVerbs;
  std::string synset;       // the open synset
  RawVerb* verb = nullptr;  // the open verb entry
  std::vector<RawElem> verb_head;  // words after the verb in a multi-word verb
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(classic::StripComment(line.full, ';'));
    if (t.empty() || t.substr(0, 2) == "//") return;
    if (t[0] == '<') {
      std::string lower = AsciiLowerCopy(t);
      if (lower == "<synsets>") section = kSynsets;
      else if (lower == "<time>") section = kTime;
      else if (lower == "</synsets>" || lower == "</time>") section = kVerbs;
      else line.Error(t, "unknown section " + Quote(t) + ": expected <SYNSETS> or <TIME>");
      verb = nullptr;
      return;
    }
    if (t.substr(0, 2) == "~~") return;  // end-of-file marker
    if (section == kSynsets) {
      if (t[0] == '&') {
        std::string_view name = Trim(t.substr(1));
        if (name.empty() || name.find(' ') != std::string_view::npos) {
          line.Error(t, "bad synset name " + Quote(t) + ": expected &NAME");
          synset.clear();
          return;
        }
        synset = std::string(name);
        while (!synset.empty() && synset.back() == '_') synset.pop_back();
        raw->synsets[synset];
      } else if (t[0] == '+') {
        if (synset.empty()) {
          line.Error(t, "synset member " + Quote(t) + " before any &NAME");
          return;
        }
        std::string w = classic::PhraseWords(t.substr(1), true);
        if (!w.empty()) raw->synsets[synset].push_back(std::move(w));
      } else {
        line.Error(t, "expected &NAME or +PHRASE in <SYNSETS>, found " + Quote(t));
      }
      return;
    }
    if (section == kTime) {
      if (t[0] == '-') return;  // time patterns shift dates only
      std::string_view phrase;
      std::vector<std::string_view> blocks;
      if (!SplitEntry(line, t, &phrase, &blocks)) return;
      if (phrase.empty() || blocks.size() != 1) {
        line.Error(t, "expected PHRASE [SHIFT] in <TIME>, found " + Quote(t));
        return;
      }
      RawSpecial s;
      s.phrases.push_back(classic::PhraseWords(phrase, true));
      s.code = std::string(Trim(blocks[0]));
      s.origin = Origin{file, line.number};
      if (!s.phrases[0].empty()) raw->specials.push_back(std::move(s));
      return;
    }
    if (t[0] == '-') {
      if (!verb) {
        line.Error(t, "pattern before any verb: " + Quote(t));
        return;
      }
      size_t lb = t.rfind('['), rb = t.rfind(']');
      if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb) {
        line.Error(t, "expected - PATTERN [CODE] in " + Quote(t));
        return;
      }
      RawPattern p;
      p.text = std::string(Trim(t.substr(1, lb - 1)));
      p.origin = Origin{file, line.number};
      p.column = int(t.data() - line.full.data()) + 1;
      classic::SplitEventCode(t.substr(lb + 1, rb - lb - 1), &p.code, &p.paired);
      if (!classic::ParsePatternElems(line, t.substr(1, lb - 1), true, &p.elems)) return;
      if (p.elems.empty()) {
        line.Error(t, "empty pattern in " + Quote(t));
        return;
      }
      bool has_verb = false;
      for (const RawElem& e : p.elems) has_verb |= e.type == RawElem::Type::kVerb;
      if (!has_verb) {
        RawElem v;
        v.type = RawElem::Type::kVerb;
        p.elems.insert(p.elems.begin(), v);
      }
      if (!verb_head.empty()) {
        auto it = std::find_if(p.elems.begin(), p.elems.end(),
                               [](const RawElem& e) { return e.type == RawElem::Type::kVerb; });
        p.elems.insert(it + 1, verb_head.begin(), verb_head.end());
      }
      // A multi-word verb's own pattern ("* ON" for CALLED_ON) stays last.
      if (!verb_head.empty() && !verb->patterns.empty())
        verb->patterns.insert(verb->patterns.end() - 1, std::move(p));
      else
        verb->patterns.push_back(std::move(p));
      return;
    }
    if (t[0] == '{') {
      if (!verb) {
        line.Error(t, "verb forms before any verb: " + Quote(t));
        return;
      }
      size_t close = t.find('}');
      if (close == std::string_view::npos) {
        line.Error(t, "unclosed { in " + Quote(t));
        return;
      }
      for (std::string_view f : Split(t.substr(1, close - 1), " ")) {
        std::string w = classic::PhraseWords(Trim(f), true);
        if (w.empty()) continue;
        verb->forms.push_back(w.substr(0, w.find(' ')));
      }
      return;
    }
    // A verb entry: WORDS [CODE].
    size_t lb = t.rfind('['), rb = t.rfind(']');
    if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb) {
      line.Error(t, "expected VERB [CODE] in " + Quote(t));
      verb = nullptr;
      return;
    }
    std::string_view phrase = Trim(t.substr(0, lb));
    std::vector<RawElem> elems;
    if (phrase.empty() || !classic::ParsePatternElems(line, phrase, true, &elems) ||
        elems.empty() || elems[0].type != RawElem::Type::kWords ||
        elems[0].alternatives.size() != 1) {
      line.Error(phrase.empty() ? t : phrase, "bad verb " + Quote(phrase) + " in " + Quote(t));
      verb = nullptr;
      return;
    }
    for (const RawElem& e : elems)
      if (e.type != RawElem::Type::kWords) {
        line.Error(phrase, "bad verb " + Quote(phrase) + ": only words are allowed");
        verb = nullptr;
        return;
      }
    RawVerb v;
    v.origin = Origin{file, line.number};
    std::string first = elems[0].alternatives[0];
    std::string head_word = first.substr(0, first.find(' '));
    bool doubled = !head_word.empty() && head_word.back() == '=';  // "BAN=": banned, banning
    first.erase(std::remove(first.begin(), first.end(), '='), first.end());
    v.lemma = AsciiLowerCopy(first.substr(0, first.find(' ')));
    if (doubled && v.lemma.size() >= 2) {
      const std::string& w = v.lemma;
      for (std::string f : {w + "s", w + w.back() + "ed", w + w.back() + "ing"}) v.forms.push_back(f);
    } else if (!v.lemma.empty() && v.lemma.back() != '*') {
      // "DEPART_" is a whole word, but TABARI still accepts the regular
      // verb endings: departs, departed, departen, departing ("ARM_" armed,
      // "BAN=" banned).
      const std::string& w = v.lemma;
      for (const char* suf : {"s", "es", "ed", "d", "ing", "en", "n"}) v.forms.push_back(w + suf);
      if (w.size() >= 2) {
        v.forms.push_back(w + w.back() + "ed");
        v.forms.push_back(w + w.back() + "ing");
        if (w.back() == 'e') v.forms.push_back(w.substr(0, w.size() - 1) + "ing");
      }
    }
    if (first.find(' ') != std::string::npos) {
      // "DAVIS CUP" inside one element cannot happen (split at blanks), but
      // keep the rest as a following adjacent word list if it does.
      RawElem rest;
      rest.adjacent = true;
      rest.alternatives.push_back(first.substr(first.find(' ') + 1));
      elems.insert(elems.begin() + 1, rest);
    }
    verb_head.assign(elems.begin() + 1, elems.end());
    std::string code, paired;
    classic::SplitEventCode(t.substr(lb + 1, rb - lb - 1), &code, &paired);
    if (verb_head.empty()) {
      v.code = code;
      v.paired = paired;
    } else {
      // A multi-word verb codes through a pattern "* REST" with its code.
      v.code = "---";
      RawPattern p;
      p.text = std::string(phrase);
      p.origin = v.origin;
      p.code = code;
      p.paired = paired;
      RawElem star;
      star.type = RawElem::Type::kVerb;
      p.elems.push_back(star);
      p.elems.insert(p.elems.end(), verb_head.begin(), verb_head.end());
      v.patterns.push_back(std::move(p));
    }
    raw->verbs.push_back(std::move(v));
    verb = &raw->verbs.back();
  });
}

void ReadTabariOptions(const std::string& file, const std::string& text, RawDict* raw,
                       std::vector<DictProblem>* problems) {
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(line.full);
    if (t.empty() || t.substr(0, 2) == "//" || t[0] == ';' || t.substr(0, 5) == "~~~~~") return;
    size_t colon = t.find(':');
    if (colon == std::string_view::npos) {
      line.Error(t, "expected COMMAND: ... in " + Quote(t));
      return;
    }
    std::string cmd = AsciiLowerCopy(Trim(t.substr(0, colon)));
    static const char* kKnown[] = {"set",     "complex", "output", "comma",  "default",
                                   "label",   "forward", "issues", "issue",  "replace",
                                   "prefix",  "suffix",  "coder",  "convert"};
    bool known = false;
    for (const char* k : kKnown) known |= cmd == k;
    if (!known) {
      line.Error(t.substr(0, colon), "unknown option command " + Quote(t.substr(0, colon)));
      return;
    }
    if (cmd == "label") return;
    raw->options.emplace_back("tabari", std::string(t));
  });
}

std::vector<ConfigFile> ReadTabariProject(const std::string& file, const std::string& text,
                                          std::vector<DictProblem>* problems) {
  std::vector<ConfigFile> out;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(line.full);
    if (t.empty() || t[0] != '<') return;
    size_t close = t.find('>');
    if (close == std::string_view::npos) {
      line.Error(t, "unclosed < in " + Quote(t));
      return;
    }
    std::string tag = AsciiLowerCopy(t.substr(1, close - 1));
    std::string_view value = Trim(t.substr(close + 1));
    const char* kind = nullptr;
    if (tag == "actorsfile") kind = "actors";
    else if (tag == "verbsfile") kind = "verbs";
    else if (tag == "agentsfile") kind = "agents";
    else if (tag == "optionsfile") kind = "options";
    if (!kind) return;
    if (value.empty()) {
      line.Error(t, "missing file name in " + Quote(t));
      return;
    }
    out.push_back(ConfigFile{kind, std::string(value)});
  });
  return out;
}

}  // namespace casus::dict
