// Readers for PETRARCH dictionaries: PETR_config.ini, verb patterns
// (PETRARCH-1 and PETRARCH-2 CAMEO.2.0.txt), actors, agents, discards and
// issues (formats as in petrarch2's PETRreader.py; docs/dictionaries.md).
#include <algorithm>
#include <cstring>

#include "common/strutil.h"
#include "dict/classic_common.h"
#include "dict/raw.h"

namespace casus::dict {

using classic::Line;
using classic::Quote;

namespace {

// Strips "<!-- ... -->" blocks (which may span lines) and '#' comments.
class CommentStripper {
 public:
  std::string_view Strip(std::string_view s) {
    if (!in_xml_ && s.find("<!--") == std::string_view::npos) {
      size_t h = s.find('#');
      return h == std::string_view::npos ? s : s.substr(0, h);
    }
    buf_.clear();
    size_t i = 0;
    while (i < s.size()) {
      if (in_xml_) {
        size_t e = s.find("-->", i);
        if (e == std::string_view::npos) return Finish(s, true);
        in_xml_ = false;
        i = e + 3;
        continue;
      }
      size_t b = s.find("<!--", i);
      size_t h = s.find('#', i);
      if (h != std::string_view::npos && (b == std::string_view::npos || h < b)) {
        buf_.append(s.substr(i, h - i));
        return Finish(s, false);
      }
      if (b == std::string_view::npos) {
        buf_.append(s.substr(i));
        break;
      }
      buf_.append(s.substr(i, b - i));
      in_xml_ = true;
      i = b + 4;
    }
    return Finish(s, false);
  }

 private:
  std::string_view Finish(std::string_view, bool) {
    return buf_;
  }
  bool in_xml_ = false;
  std::string buf_;
};

// "PHRASE {PLURALS} [CODE]" pieces.
struct EntryParts {
  std::string_view phrase;
  bool has_braces = false;
  std::string_view braces;
  bool has_code = false;
  std::string_view code;
};

bool SplitPetrEntry(const Line& line, std::string_view t, EntryParts* p) {
  size_t brace = t.find('{');
  size_t bracket = t.find('[');
  size_t end_phrase = std::min(brace, bracket);
  p->phrase = Trim(t.substr(0, end_phrase));
  if (brace != std::string_view::npos && (bracket == std::string_view::npos || brace < bracket)) {
    size_t close = t.find('}', brace);
    if (close == std::string_view::npos) {
      line.Error(t.substr(brace), "unclosed { in " + Quote(t));
      return false;
    }
    p->has_braces = true;
    p->braces = t.substr(brace + 1, close - brace - 1);
  }
  if (bracket != std::string_view::npos) {
    size_t close = t.find(']', bracket);
    if (close == std::string_view::npos) {
      line.Error(t.substr(bracket), "unclosed [ in " + Quote(t));
      return false;
    }
    p->has_code = true;
    p->code = t.substr(bracket + 1, close - bracket - 1);
  }
  return true;
}

std::string Lower(std::string_view s) { return AsciiLowerCopy(s); }

// The forms of one PETRARCH verb word: its {forms} if given, else the
// regular inflections.
void VerbForms(const std::string& lemma, const EntryParts& parts, std::vector<std::string>* out) {
  if (parts.has_braces) {
    out->push_back(lemma);
    for (std::string_view f : Split(parts.braces, " ")) {
      std::string w = classic::PhraseWords(Trim(f), false);
      if (!w.empty() && w[0] == '+') w.erase(0, 1);
      if (!w.empty()) out->push_back(Lower(w));
    }
  } else {
    for (std::string& f : RegularVerbForms(lemma)) out->push_back(std::move(f));
  }
}

// The words of a multi-word PETRARCH verb "+ASK_FOR", "KLM_NOP_+RST": the
// index of the verb word (marked '+', else the first) and the words.
bool MultiWordVerb(std::string_view phrase, std::vector<std::string>* words, size_t* verb) {
  *verb = 0;
  words->clear();
  std::string p = classic::PhraseWords(phrase, false);
  for (std::string_view w : Split(p, " ")) {
    if (w.empty()) continue;
    if (w[0] == '+') {
      *verb = words->size();
      w.remove_prefix(1);
    }
    if (!w.empty()) words->push_back(Lower(w));
  }
  return !words->empty() && *verb < words->size();
}

struct Block {
  std::string code = "---", paired;
  std::vector<RawPattern> patterns;
  // verbs of the block: forms, words before/after, own code
  struct V {
    std::string lemma;
    std::vector<std::string> forms;
    std::vector<std::string> before, after;
    bool own_code = false;
    std::string code, paired;
    Origin origin;
  };
  std::vector<V> verbs;
  Origin origin;
};

void FlushBlock(Block* b, RawDict* raw) {
  if (b->verbs.empty()) {
    b->patterns.clear();
    return;
  }
  // Verbs sharing the block code and no extra words become one RawVerb; the
  // others get their own copy of the patterns.
  RawVerb shared;
  for (Block::V& v : b->verbs) {
    bool simple = v.before.empty() && v.after.empty() && !v.own_code;
    if (simple) {
      if (shared.lemma.empty()) {
        shared.lemma = v.lemma;
        shared.origin = v.origin;
      }
      for (std::string& f : v.forms) shared.forms.push_back(std::move(f));
      continue;
    }
    RawVerb rv;
    rv.lemma = v.lemma;
    rv.forms = v.forms;
    rv.origin = v.origin;
    rv.code = v.own_code ? v.code : b->code;
    rv.paired = v.own_code ? v.paired : b->paired;
    auto with_words = [&](std::vector<RawElem> elems) {
      auto it = std::find_if(elems.begin(), elems.end(),
                             [](const RawElem& e) { return e.type == RawElem::Type::kVerb; });
      size_t at = size_t(it - elems.begin());
      if (!v.after.empty()) {
        RawElem e;
        e.adjacent = true;
        std::string s;
        for (const std::string& w : v.after) s += (s.empty() ? "" : " ") + w;
        e.alternatives.push_back(s);
        elems.insert(elems.begin() + long(at) + 1, e);
      }
      if (!v.before.empty()) {
        RawElem e;
        std::string s;
        for (const std::string& w : v.before) s += (s.empty() ? "" : " ") + w;
        e.alternatives.push_back(s);
        elems.insert(elems.begin() + long(at), e);
        // the verb must follow the words directly
        elems[at + 1].adjacent = true;
      }
      return elems;
    };
    for (const RawPattern& p : b->patterns) {
      RawPattern q = p;
      q.elems = with_words(p.elems);
      rv.patterns.push_back(std::move(q));
    }
    if (!v.before.empty() || !v.after.empty()) {
      // The multi-word verb itself, with its code.
      RawPattern q;
      q.text = v.lemma;
      q.origin = v.origin;
      q.code = rv.code;
      q.paired = rv.paired;
      RawElem star;
      star.type = RawElem::Type::kVerb;
      q.elems = with_words({star});
      rv.patterns.push_back(std::move(q));
      rv.code = "---";
      rv.paired.clear();
    }
    raw->verbs.push_back(std::move(rv));
  }
  if (!shared.lemma.empty()) {
    shared.code = b->code;
    shared.paired = b->paired;
    shared.patterns = std::move(b->patterns);
    raw->verbs.push_back(std::move(shared));
  }
  b->verbs.clear();
  b->patterns.clear();
}

}  // namespace

void ReadPetrarchVerbs(const std::string& file, const std::string& text, RawDict* raw,
                       std::vector<DictProblem>* problems) {
  if (raw->style == DictStyle::kNative) raw->style = DictStyle::kPetrarch1;
  CommentStripper cs;
  std::string synset;
  bool in_synset = false;
  Block block;
  bool in_block = false;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(cs.Strip(line.full));
    if (t.empty()) return;
    if (t.substr(0, 3) == "---") {
      // "--- NAME [CODE] ---": a new verb block.
      FlushBlock(&block, raw);
      in_synset = false;
      in_block = true;
      block = Block{};
      block.origin = Origin{file, line.number};
      size_t lb = t.find('['), rb = t.find(']');
      if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb) {
        line.Error(t, "expected --- VERB [CODE] --- in " + Quote(t));
        return;
      }
      classic::SplitEventCode(t.substr(lb + 1, rb - lb - 1), &block.code, &block.paired);
      return;
    }
    if (t[0] == '&') {
      std::string_view name = Trim(t.substr(1));
      if (name.empty() || name.find(' ') != std::string_view::npos) {
        line.Error(t, "bad synset name " + Quote(t) + ": expected &NAME");
        in_synset = false;
        return;
      }
      synset = std::string(name);
      while (!synset.empty() && synset.back() == '_') synset.pop_back();
      raw->synsets[synset];
      in_synset = true;
      return;
    }
    if (in_synset && t[0] == '+') {
      std::string w = classic::PhraseWords(t.substr(1), false);
      if (!w.empty()) raw->synsets[synset].push_back(std::move(w));
      return;
    }
    in_synset = false;
    if (t[0] == '~') {
      // "~ a (a b ATTACK) SAY = a b 015": a PETRARCH-2 transformation.
      size_t lp = t.find('('), rp = t.find(')'), eq = t.find('=');
      if (lp == std::string_view::npos || rp == std::string_view::npos ||
          eq == std::string_view::npos || !(lp < rp && rp < eq)) {
        line.Error(t, "expected ~ a (a b VERB) VERB = a b CODE in " + Quote(t));
        return;
      }
      auto words = [](std::string_view x) {
        std::vector<std::string> out;
        for (std::string_view w : Split(x, " "))
          if (!Trim(w).empty()) out.emplace_back(Trim(w));
        return out;
      };
      std::vector<std::string> inner = words(t.substr(lp + 1, rp - lp - 1));
      std::vector<std::string> outer = words(t.substr(rp + 1, eq - rp - 1));
      std::vector<std::string> result = words(t.substr(eq + 1));
      if (inner.size() != 3 || outer.size() != 1 || result.size() != 3) {
        line.Error(t, "expected ~ a (a b VERB) VERB = a b CODE in " + Quote(t));
        return;
      }
      raw->transforms.push_back(RawTransform{outer[0], inner[0], inner[1], inner[2], result[0],
                                             result[1], result[2], Origin{file, line.number},
                                             std::string(t)});
      return;
    }
    if (t[0] == '-' || t[0] == '*') {
      if (!in_block) {
        line.Error(t, "pattern outside a --- VERB --- block: " + Quote(t));
        return;
      }
      std::string_view body = t[0] == '-' ? t.substr(1) : t;
      size_t lb = body.rfind('['), rb = body.rfind(']');
      if (lb == std::string_view::npos || rb == std::string_view::npos || rb < lb) {
        line.Error(t, "expected - PATTERN [CODE] in " + Quote(t));
        return;
      }
      RawPattern p;
      p.text = std::string(Trim(body.substr(0, lb)));
      p.origin = Origin{file, line.number};
      p.column = int(t.data() - line.full.data()) + 1;
      classic::SplitEventCode(body.substr(lb + 1, rb - lb - 1), &p.code, &p.paired);
      if (p.text.find('(') != std::string::npos) raw->style = DictStyle::kPetrarch2;
      if (!classic::ParsePatternElems(line, body.substr(0, lb), false, &p.elems)) return;
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
      block.patterns.push_back(std::move(p));
      return;
    }
    if (!in_block) {
      line.Error(t, "verb outside a --- VERB --- block: " + Quote(t));
      return;
    }
    EntryParts parts;
    if (!SplitPetrEntry(line, t, &parts)) return;
    if (parts.phrase.empty()) {
      line.Error(t, "missing verb in " + Quote(t));
      return;
    }
    std::vector<std::string> words;
    size_t vi = 0;
    if (!MultiWordVerb(parts.phrase, &words, &vi)) {
      line.Error(parts.phrase, "bad verb " + Quote(parts.phrase));
      return;
    }
    Block::V v;
    v.origin = Origin{file, line.number};
    v.lemma = words[vi];
    v.before.assign(words.begin(), words.begin() + long(vi));
    v.after.assign(words.begin() + long(vi) + 1, words.end());
    if (parts.has_code) {
      v.own_code = true;
      classic::SplitEventCode(parts.code, &v.code, &v.paired);
    }
    if (words.size() == 1) {
      VerbForms(v.lemma, parts, &v.forms);
    } else {
      // "+ASK_FOR {+ASKED_FOR +ASKING_FOR}": the verb word of each form.
      v.forms.push_back(v.lemma);
      if (parts.has_braces) {
        for (std::string_view f : Split(parts.braces, " ")) {
          std::vector<std::string> fw;
          size_t fv = 0;
          if (Trim(f).empty() || !MultiWordVerb(Trim(f), &fw, &fv)) continue;
          v.forms.push_back(fw[fv]);
        }
      } else {
        for (std::string& f : RegularVerbForms(v.lemma)) v.forms.push_back(std::move(f));
      }
    }
    block.verbs.push_back(std::move(v));
  });
  FlushBlock(&block, raw);
}

namespace classic {

void ReadActorFile(const std::string& file, const std::string& text, bool tabari, RawDict* raw,
                   std::vector<DictProblem>* problems) {
  CommentStripper cs;
  RawActor* cur = nullptr;
  size_t first = raw->actors.size();
  std::vector<size_t> errored;  // actors whose code lines were reported already
  enum { kEntries, kNouns, kAdjectives } section = kEntries;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view stripped =
        tabari ? classic::StripComment(line.full, ';') : cs.Strip(line.full);
    std::string_view t = Trim(stripped);
    if (t.empty()) return;
    if (!tabari && t[0] == '<') return;  // stray markup such as "<! -- ... -->"
    if (tabari) {
      if (t[0] == '#' || t.substr(0, 2) == "//" || t.substr(0, 5) == "~~~~~") return;
      if (t[0] == '<') {
        std::string lower = AsciiLowerCopy(t);
        if (lower == "<noun>") section = kNouns;
        else if (lower == "<adjective>") section = kAdjectives;
        else if (lower == "</noun>" || lower == "</adjective>") section = kEntries;
        else line.Error(t, "unknown section " + Quote(t) + ": expected <NOUN> or <ADJECTIVE>");
        cur = nullptr;
        return;
      }
      if (section != kEntries) {
        std::string w = classic::PhraseWords(t, true);
        if (!w.empty()) (section == kNouns ? raw->nouns : raw->adjectives).push_back(std::move(w));
        return;
      }
    }
    bool indented = !stripped.empty() && (stripped[0] == ' ' || stripped[0] == '\t');
    auto add_codes = [&](std::string_view s) {
      size_t b = s.find('[');
      bool ok = true;
      while (b != std::string_view::npos) {
        size_t e = s.find(']', b);
        if (e == std::string_view::npos) {
          line.Error(s.substr(b), "unclosed [ in " + Quote(s));
          if (cur) errored.push_back(size_t(cur - raw->actors.data()));
          return false;
        }
        DatedCode dc;
        if (!classic::ParseActorCodeBlock(line, s.substr(b + 1, e - b - 1), &dc)) {
          ok = false;
          if (cur) errored.push_back(size_t(cur - raw->actors.data()));
        } else if (cur) {
          cur->codes.push_back(std::move(dc));
        }
        b = s.find('[', e);
      }
      return ok;
    };
    if (t[0] == '[') {
      if (!cur) {
        line.Error(t, "code " + Quote(t) + " before any actor");
        return;
      }
      add_codes(t);
      (void)indented;
      return;
    }
    if (t[0] == '+') {
      if (!cur) {
        line.Error(t, "synonym " + Quote(t) + " before any actor");
        return;
      }
      size_t b = t.find('[');
      std::string w = classic::PhraseWords(Trim(t.substr(1, b == std::string_view::npos ? b : b - 1)), tabari);
      if (!w.empty()) cur->phrases.push_back(std::move(w));
      if (b != std::string_view::npos) add_codes(t.substr(b));
      return;
    }
    size_t b = t.find('[');
    std::string_view phrase = Trim(t.substr(0, b));
    std::string w = classic::PhraseWords(phrase, tabari);
    if (w.empty()) {
      line.Error(t, "missing actor phrase in " + Quote(t));
      cur = nullptr;
      return;
    }
    RawActor a;
    a.origin = Origin{file, line.number};
    a.phrases.push_back(std::move(w));
    raw->actors.push_back(std::move(a));
    cur = &raw->actors.back();
    if (b != std::string_view::npos) add_codes(t.substr(b));
  });
  // Dated codes first, then the undated fallback. An entry whose only code
  // is an agent code ("[~GOV]") is an agent; one with no code is dropped.
  std::vector<RawActor> kept;
  for (size_t i = first; i < raw->actors.size(); ++i) {
    RawActor& a = raw->actors[i];
    std::stable_sort(a.codes.begin(), a.codes.end(), [](const DatedCode& x, const DatedCode& y) {
      bool xd = x.from != 0 || x.to != 99999999, yd = y.from != 0 || y.to != 99999999;
      return xd && !yd;
    });
    if (a.codes.empty()) {
      if (problems && std::find(errored.begin(), errored.end(), i) == errored.end())
        problems->push_back(DictProblem{a.origin.file, a.origin.line, 1,
                                        "actor " + Quote(a.phrases[0]) + " has no [CODE]"});
      continue;
    }
    const std::string& c0 = a.codes[0].code;
    if (a.codes.size() == 1 && !c0.empty() && (c0.front() == '~' || c0.back() == '~')) {
      RawAgent ag;
      ag.phrases = a.phrases;
      ag.code = c0;
      ag.origin = a.origin;
      raw->agents.push_back(std::move(ag));
      continue;
    }
    kept.push_back(std::move(a));
  }
  raw->actors.resize(first);
  for (RawActor& a : kept) raw->actors.push_back(std::move(a));
}

}  // namespace classic

void ReadPetrarchActors(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems) {
  if (raw->style == DictStyle::kNative) raw->style = DictStyle::kPetrarch1;
  classic::ReadActorFile(file, text, false, raw, problems);
}

namespace {

std::string Plural(const std::string& w) {
  if (w.empty()) return w;
  char last = AsciiLower(w.back());
  auto ends = [&](const char* s) {
    std::string lw = AsciiLowerCopy(w);
    size_t n = std::char_traits<char>::length(s);
    return lw.size() >= n && lw.compare(lw.size() - n, n, s) == 0;
  };
  if (last == 'y' && w.size() > 1 &&
      std::string_view("aeiouAEIOU").find(w[w.size() - 2]) == std::string_view::npos)
    return w.substr(0, w.size() - 1) + "IES";
  if (last == 's' || last == 'x' || ends("ch") || ends("sh")) return w + "ES";
  if (ends("man")) return w.substr(0, w.size() - 3) + "MEN";
  return w + "S";
}

}  // namespace

void ReadPetrarchAgents(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems) {
  if (raw->style == DictStyle::kNative) raw->style = DictStyle::kPetrarch1;
  CommentStripper cs;
  std::vector<std::pair<std::string, std::vector<std::string>>> subst;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(cs.Strip(line.full));
    if (t.empty()) return;
    if (t[0] == '!' && t.find('[') == std::string_view::npos) {
      size_t close = t.find('!', 1);
      size_t eq = t.find('=');
      if (close == std::string_view::npos || eq == std::string_view::npos || eq < close) {
        line.Error(t, "expected !NAME! = WORD, WORD, ... in " + Quote(t));
        return;
      }
      std::vector<std::string> words;
      for (std::string_view w : Split(t.substr(eq + 1), ",")) {
        w = Trim(w);
        if (!w.empty()) words.emplace_back(w);
      }
      subst.emplace_back(std::string(t.substr(0, close + 1)), std::move(words));
      return;
    }
    EntryParts parts;
    if (!SplitPetrEntry(line, t, &parts)) return;
    if (parts.phrase.empty() || !parts.has_code) {
      line.Error(t, "expected AGENT {PLURALS} [~CODE] in " + Quote(t));
      return;
    }
    std::string code(Trim(parts.code));
    if (code.empty() || code.find(' ') != std::string::npos ||
        (code.front() != '~' && code.back() != '~')) {
      line.Error(parts.code, "bad agent code " + Quote(code) + ": expected ~CODE or CODE~");
      return;
    }
    // Expand !NAME! substitutions.
    std::vector<std::string> phrases{std::string(parts.phrase)};
    for (int guard = 0; guard < 4; ++guard) {
      std::vector<std::string> next;
      bool changed = false;
      for (const std::string& p : phrases) {
        size_t b = p.find('!');
        size_t e = b == std::string::npos ? b : p.find('!', b + 1);
        if (e == std::string::npos) {
          next.push_back(p);
          continue;
        }
        std::string name = p.substr(b, e - b + 1);
        auto it = std::find_if(subst.begin(), subst.end(),
                               [&](const auto& s) { return s.first == name; });
        if (it == subst.end()) {
          line.Error(parts.phrase, "unknown substitution " + Quote(name) + " in " +
                                       Quote(parts.phrase));
          return;
        }
        changed = true;
        for (const std::string& w : it->second)
          next.push_back(p.substr(0, b) + w + p.substr(e + 1));
      }
      phrases.swap(next);
      if (!changed) break;
    }
    RawAgent a;
    a.origin = Origin{file, line.number};
    a.code = code;
    for (const std::string& p : phrases) {
      std::string w = classic::PhraseWords(p, false);
      if (w.empty()) continue;
      a.phrases.push_back(w);
      if (!parts.has_braces) {
        size_t sp = w.rfind(' ');
        std::string last = sp == std::string::npos ? w : w.substr(sp + 1);
        a.phrases.push_back((sp == std::string::npos ? "" : w.substr(0, sp + 1)) + Plural(last));
      }
    }
    if (parts.has_braces) {
      for (std::string_view f : Split(parts.braces, " ")) {
        std::string w = classic::PhraseWords(Trim(f), false);
        if (!w.empty()) a.phrases.push_back(w);
      }
    }
    if (!a.phrases.empty()) raw->agents.push_back(std::move(a));
  });
}

void ReadPetrarchDiscards(const std::string& file, const std::string& text, RawDict* raw,
                          std::vector<DictProblem>* problems) {
  CommentStripper cs;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(cs.Strip(line.full));
    if (t.empty()) return;
    bool story = t[0] == '+';
    if (story) t.remove_prefix(1);
    std::string w = classic::PhraseWords(Trim(t), false);
    if (w.empty()) {
      line.Error(line.full, "empty discard phrase");
      return;
    }
    (story ? raw->story_discards : raw->discards).push_back(std::move(w));
  });
}

void ReadPetrarchIssues(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems) {
  CommentStripper cs;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(cs.Strip(line.full));
    if (t.empty() || t[0] == '<') return;  // tags
    // "~a head start": a phrase that is not the issue its words contain; it
    // is matched like an issue phrase and gives no code.
    const bool exclusion = t[0] == '~';
    if (exclusion) t = Trim(t.substr(1));
    size_t lb = t.find('['), rb = t.find(']');
    if (exclusion && lb == std::string_view::npos) lb = rb = t.size();
    if (lb == std::string_view::npos) return;  // bare years and words: ignored
    if (rb == std::string_view::npos || rb < lb) {
      line.Error(t.substr(lb), "unclosed [ in " + Quote(t));
      return;
    }
    // "n:" marks a noun that also matches its plural ("n:teacher": teachers).
    std::string phrase, plural;
    bool noun_last = false;
    for (std::string_view w : Split(Trim(t.substr(0, lb)), " ")) {
      w = Trim(w);
      std::string s(w);
      noun_last = false;
      for (size_t at; (at = s.find("n:")) != std::string::npos;) {
        s.erase(at, 2);
        noun_last = true;
      }
      std::replace(s.begin(), s.end(), '+', ' ');
      if (s.empty()) continue;
      phrase += (phrase.empty() ? "" : " ") + s;
    }
    if (noun_last && !phrase.empty()) {
      const char last = phrase.back();
      const std::string_view end2 = std::string_view(phrase).substr(phrase.size() > 1 ? phrase.size() - 2 : 0);
      if (last == 'y' && phrase.size() > 1 && !std::strchr("aeiou", phrase[phrase.size() - 2]))
        plural = phrase.substr(0, phrase.size() - 1) + "ies";
      else if (last == 's' || last == 'x' || end2 == "ch" || end2 == "sh")
        plural = phrase + "es";
      else
        plural = phrase + "s";
    }
    std::string code = lb < t.size() ? std::string(Trim(t.substr(lb + 1, rb - lb - 1))) : "";
    if (exclusion) code.clear();
    if (phrase.empty() || (code.empty() && !exclusion)) {
      line.Error(t, "expected PHRASE [ISSUE] in " + Quote(t));
      return;
    }
    raw->issues.push_back(RawIssue{classic::PhraseWords(phrase, false), code,
                                   Origin{file, line.number}});
    if (!plural.empty())
      raw->issues.push_back(RawIssue{classic::PhraseWords(plural, false), code,
                                     Origin{file, line.number}});
  });
}

std::vector<ConfigFile> ReadPetrarchConfig(const std::string& file, const std::string& text,
                                           RawDict* raw, std::vector<DictProblem>* problems) {
  std::vector<ConfigFile> out;
  std::string section;
  classic::ForEachLine(file, text, problems, [&](Line& line) {
    std::string_view t = Trim(line.full);
    if (t.empty() || t[0] == '#' || t[0] == ';') return;
    if (t[0] == '[') {
      if (t.back() != ']') {
        line.Error(t, "unclosed section " + Quote(t));
        return;
      }
      section = Lower(Trim(t.substr(1, t.size() - 2)));
      return;
    }
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) eq = t.find(':');
    if (eq == std::string_view::npos) {
      line.Error(t, "expected key = value in " + Quote(t));
      return;
    }
    std::string key = Lower(Trim(t.substr(0, eq)));
    std::string_view value = Trim(classic::StripComment(t.substr(eq + 1), '#'));
    if (section == "dictionaries") {
      const char* kind = nullptr;
      if (key == "verbfile_name") kind = "verbs";
      else if (key == "actorfile_list") kind = "actors";
      else if (key == "agentfile_name") kind = "agents";
      else if (key == "discardfile_name") kind = "discards";
      else if (key == "issuefile_name") kind = "issues";
      if (!kind) return;
      for (std::string_view f : Split(value, ",")) {
        f = Trim(f);
        if (!f.empty()) out.push_back(ConfigFile{kind, std::string(f)});
      }
    } else if (section == "options") {
      raw->options.emplace_back(key, std::string(value));
    }
  });
  return out;
}

}  // namespace casus::dict
