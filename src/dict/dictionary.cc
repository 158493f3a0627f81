// Compiles RawDict entries into the immutable matchers of dict::Compiled.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "casus/dictionary.h"
#include "common/strutil.h"
#include "common/utf8.h"
#include "dict/cameo_codes.h"
#include "dict/compiled.h"
#include "dict/raw.h"
#include "text/closed_class.h"
#include "text/tokenizer.h"

namespace casus {

std::string DictProblem::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

namespace dict {

uint32_t TokenTrie::Insert(const std::vector<uint32_t>& ids) {
  uint32_t node = 0;
  for (uint32_t tok : ids) {
    uint64_t key = (uint64_t(node) << 32) | tok;
    auto it = edges_.find(key);
    if (it != edges_.end()) {
      node = it->second;
      continue;
    }
    uint32_t child = uint32_t(hits_.size());
    hits_.emplace_back();
    edges_.emplace(key, child);
    if (node == 0) {
      if (root_.size() <= tok) root_.resize(size_t(tok) + 1, kNoNode);
      root_[tok] = child;
    }
    if (has_children_.size() <= node) has_children_.resize(node + 1, false);
    has_children_[node] = true;
    node = child;
  }
  return node;
}

namespace {

class Compiler {
 public:
  Compiler(Compiled* c, std::vector<DictProblem>* problems) : c_(c), problems_(problems) {}

  uint32_t Intern(const std::string& w) {
    auto it = c_->vocab.find(w);
    if (it != c_->vocab.end()) return it->second;
    uint32_t id = uint32_t(c_->vocab.size());
    c_->vocab.emplace(w, id);
    return id;
  }

  // Interns a stem: the id of "*" + stem, which no token normalizes to.
  uint32_t InternStem(const std::string& stem) {
    auto it = c_->stems.find(stem);
    if (it != c_->stems.end()) return it->second;
    uint32_t id = Intern("*" + stem);
    c_->stems.emplace(stem, id);
    c_->max_stem_len = std::max(c_->max_stem_len, stem.size());
    return id;
  }

  // Tokenizes a classic phrase: blank-separated words, a final '*' marks a
  // stem (its last token matches any token starting with it).
  std::vector<uint32_t> ClassicIds(std::string_view phrase, std::vector<std::string>* orig) {
    std::vector<uint32_t> ids;
    std::string norm;
    for (std::string_view w : Split(phrase, " ")) {
      if (w.empty()) continue;
      if (w == "~") {
        // A gap: kept in noun phrases, dropped in verb patterns.
        if (keep_gaps_ && !ids.empty()) {
          if (c_->gap_id == kNoToken) c_->gap_id = Intern(" gap");
          ids.push_back(c_->gap_id);
          if (orig) orig->emplace_back("");
        }
        continue;
      }
      bool stem = stem_marks_ && w.size() > 1 && w.back() == '*';
      if (stem) w.remove_suffix(1);
      bool strict = stem_marks_ && w.size() > 1 && w.back() == '=';
      if (strict) w.remove_suffix(1);
      std::vector<text::Token> toks;
      text::Tokenize(w, 0, &toks);
      for (size_t k = 0; k < toks.size(); ++k) {
        std::string_view t = w.substr(toks[k].start, toks[k].end - toks[k].start);
        text::NormalizeToken(t, &norm);
        bool last = k + 1 == toks.size();
        ids.push_back(stem && last && toks[k].word ? InternStem(norm) : Intern(norm));
        if (strict && last) strict_.push_back(ids.back());
        if (orig) orig->emplace_back(t);
      }
    }
    return ids;
  }

  // Tokenizes a phrase into interned ids; records original tokens.
  std::vector<uint32_t> PhraseIds(std::string_view phrase, std::vector<std::string>* orig) {
    if (classic_) return ClassicIds(phrase, orig);
    std::vector<text::Token> toks;
    text::Tokenize(phrase, 0, &toks);
    std::vector<uint32_t> ids;
    std::string norm;
    for (const text::Token& t : toks) {
      std::string_view s = phrase.substr(t.start, t.end - t.start);
      text::NormalizeToken(s, &norm);
      ids.push_back(Intern(norm));
      if (orig) orig->emplace_back(s);
    }
    return ids;
  }

  void AddNoun(const std::string& written, PhraseKind kind, uint32_t entry, TokenTrie* trie) {
    std::string_view p = written;
    bool cs = false;
    if (!p.empty() && p[0] == '=') {
      cs = true;
      p.remove_prefix(1);
    }
    Phrase ph;
    ph.text = std::string(p);
    keep_gaps_ = true;
    std::vector<uint32_t> ids = PhraseIds(p, &ph.tokens);
    keep_gaps_ = false;
    if (ids.empty()) return;
    uint32_t node = trie->Insert(ids);
    uint32_t phrase_id = uint32_t(c_->phrases.size());
    c_->phrases.push_back(std::move(ph));
    trie->MutableHits(node).push_back(PhraseHit{kind, cs, entry, phrase_id});
  }

  void Problem(const Origin& o, int col, const std::string& msg) {
    if (problems_) problems_->push_back(DictProblem{o.file, o.line, col, msg});
  }

  // Parses one element token of a pattern into alternatives.
  bool WordElement(const RawPattern& rp, std::string_view el, const RawDict& raw,
                   PatternElement* out) {
    for (std::string_view alt : Split(el, "|")) {
      if (alt.empty()) {
        Problem(rp.origin, rp.column, "empty alternative in pattern \"" + rp.text + "\"");
        return false;
      }
      if (alt[0] == '&') {
        auto it = raw.synsets.find(std::string(alt.substr(1)));
        if (it == raw.synsets.end()) {
          Problem(rp.origin, rp.column,
                  "unknown synset \"" + std::string(alt) + "\" in pattern \"" + rp.text + "\"");
          return false;
        }
        for (const std::string& ph : it->second) {
          std::vector<uint32_t> ids = PhraseIds(ph, nullptr);
          if (!ids.empty()) out->alternatives.push_back(std::move(ids));
        }
        continue;
      }
      std::string words(alt);
      std::replace(words.begin(), words.end(), '_', ' ');
      std::vector<uint32_t> ids = PhraseIds(words, nullptr);
      if (!ids.empty()) out->alternatives.push_back(std::move(ids));
    }
    return !out->alternatives.empty();
  }

  // Expands the words of one classic alternative ("new &TIETYPES ties")
  // into token sequences, one per synset choice.
  void ExpandAlternative(const RawPattern& rp, std::string_view alt, const RawDict& raw, int depth,
                         std::vector<std::vector<uint32_t>>* out) {
    std::vector<std::vector<uint32_t>> seqs(1);
    for (std::string_view w : Split(alt, " ")) {
      if (w.empty()) continue;
      if (w == "~") {
        // TABARI: other words may stand between blank-separated words.
        if (c_->gap_id == kNoToken) c_->gap_id = Intern(" gap");
        for (auto& s : seqs)
          if (!s.empty()) s.push_back(c_->gap_id);
        continue;
      }
      if (w[0] != '&') {
        std::vector<uint32_t> ids = PhraseIds(w, nullptr);
        for (auto& s : seqs) s.insert(s.end(), ids.begin(), ids.end());
        continue;
      }
      std::string name(w.substr(1));
      if (!name.empty() && name.back() == '*') name.pop_back();
      auto it = raw.synsets.find(name);
      // "&PREPOSIT1" names the synset "&PREPOSIT1_" and the other way round.
      if (it == raw.synsets.end()) it = raw.synsets.find(name + "_");
      if (it == raw.synsets.end() && !name.empty() && name.back() == '_')
        it = raw.synsets.find(name.substr(0, name.size() - 1));
      if (it == raw.synsets.end() || depth > 4) {
        Problem(rp.origin, rp.column,
                (depth > 4 ? "synsets nested too deeply at \"" : "unknown synset \"") +
                    std::string(w) + "\" in pattern \"" + rp.text + "\"");
        seqs.clear();
        break;
      }
      std::vector<std::vector<uint32_t>> members;
      for (const std::string& ph : it->second) ExpandAlternative(rp, ph, raw, depth + 1, &members);
      std::vector<std::vector<uint32_t>> next;
      for (const auto& s : seqs)
        for (const auto& m : members) {
          if (next.size() >= 4096) break;
          std::vector<uint32_t> x = s;
          x.insert(x.end(), m.begin(), m.end());
          next.push_back(std::move(x));
        }
      seqs.swap(next);
    }
    for (auto& s : seqs)
      if (!s.empty() && out->size() < 4096) out->push_back(std::move(s));
  }

  bool CompileClassicPattern(const RawPattern& rp, const RawDict& raw, Pattern* p) {
    p->code = rp.code;
    if (p->code.size() > 1 && p->code.back() == '?') {
      p->code.pop_back();
      p->weak = true;
    }
    p->paired = rp.paired;
    p->origin = rp.origin;
    p->text = rp.text;
    for (const RawElem& re : rp.elems) {
      PatternElement pe;
      pe.adjacent = re.adjacent;
      switch (re.type) {
        case RawElem::Type::kVerb:
          pe.type = PatternElement::Type::kVerb;
          p->verb_pos = int(p->elems.size());
          break;
        case RawElem::Type::kTarget: pe.type = PatternElement::Type::kTarget; ++p->num_slots; break;
        case RawElem::Type::kSource: pe.type = PatternElement::Type::kSource; ++p->num_slots; break;
        case RawElem::Type::kCompound: pe.type = PatternElement::Type::kCompound; ++p->num_slots; break;
        case RawElem::Type::kSkip: pe.type = PatternElement::Type::kSkip; break;
        case RawElem::Type::kWords: {
          pe.type = PatternElement::Type::kWords;
          for (const std::string& alt : re.alternatives)
            if (alt.find('&') != std::string::npos) p->num_synsets++;
          for (const std::string& alt : re.alternatives)
            ExpandAlternative(rp, alt, raw, 0, &pe.alternatives);
          if (pe.alternatives.empty()) return false;
          // Specificity: the shortest alternative, gaps not counted.
          size_t shortest = SIZE_MAX;
          for (const auto& a : pe.alternatives) {
            size_t n = 0;
            for (uint32_t id : a) n += id != c_->gap_id;
            shortest = std::min(shortest, n);
          }
          p->num_words += int(shortest);
          size_t longest = 0;
          for (const auto& a : pe.alternatives) longest = std::max(longest, a.size());
          p->max_words += int(longest);
          break;
        }
      }
      p->elems.push_back(std::move(pe));
    }
    // An anchor: the first token of a word element with one alternative.
    for (const PatternElement& e : p->elems)
      if (e.type == PatternElement::Type::kWords && e.alternatives.size() == 1 &&
          !e.alternatives[0].empty()) {
        p->anchor = e.alternatives[0][0];
        break;
      }
    return true;
  }

  bool CompilePattern(const RawPattern& rp, const RawDict& raw, Pattern* p) {
    if (!rp.elems.empty()) return CompileClassicPattern(rp, raw, p);
    p->code = rp.code;
    p->paired = rp.paired;
    p->origin = rp.origin;
    p->text = rp.text;
    bool has_verb = false, has_target = false, has_source = false;
    for (std::string_view el : Split(rp.text, " ")) {
      el = Trim(el);
      if (el.empty()) continue;
      PatternElement pe;
      if (el == "*") {
        if (has_verb) {
          Problem(rp.origin, rp.column, "two '*' in pattern \"" + rp.text + "\"");
          return false;
        }
        pe.type = PatternElement::Type::kVerb;
        has_verb = true;
        p->verb_pos = int(p->elems.size());
      } else if (el == "+") {
        if (has_target) {
          Problem(rp.origin, rp.column, "two '+' in pattern \"" + rp.text + "\"");
          return false;
        }
        pe.type = PatternElement::Type::kTarget;
        has_target = true;
      } else if (el == "$") {
        if (has_source) {
          Problem(rp.origin, rp.column, "two '$' in pattern \"" + rp.text + "\"");
          return false;
        }
        pe.type = PatternElement::Type::kSource;
        has_source = true;
      } else {
        pe.type = PatternElement::Type::kWords;
        if (!WordElement(rp, el, raw, &pe)) return false;
        ++p->num_words;
      }
      p->elems.push_back(std::move(pe));
    }
    if (!has_verb) {
      PatternElement pe;
      pe.type = PatternElement::Type::kVerb;
      p->elems.insert(p->elems.begin(), std::move(pe));
      p->verb_pos = 0;
    }
    return true;
  }

  // The code of the verb `word` names in a transformation ("SAY": the code
  // of the verb that has the form "say"), or "" when no verb has it.
  std::string VerbCode(const std::string& word, uint32_t* index = nullptr) const {
    std::string w = word;
    for (char& ch : w) ch = (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch == '_' ? ' ' : ch;
    uint32_t id = c_->Lookup(w);
    if (id == kNoToken) return "";
    auto it = c_->verb_forms.find(id);
    if (it == c_->verb_forms.end() || it->second.empty()) return "";
    if (index) *index = it->second.front();
    return c_->verbs[it->second.front()].code;
  }

  void CompileTransform(const RawTransform& rt) {
    auto var = [](const std::string& x, bool place) {
      if (x.size() != 1) return false;
      if (place && (x == "." || x == "_")) return true;
      return x[0] >= 'a' && x[0] <= 'z';
    };
    auto fail = [&](const std::string& why) {
      Problem(rt.origin, 1, why + " in transformation \"" + rt.text + "\"");
    };
    if (!var(rt.inner_source, true) || !var(rt.inner_target, true)) {
      fail("the nested event's actors must be a letter, '.' or '_'");
      return;
    }
    auto bound = [&](const std::string& x) {
      return x == "a" || x == rt.inner_source || x == rt.inner_target;
    };
    if (!var(rt.source, false) || !var(rt.target, false) || !bound(rt.source) ||
        !bound(rt.target)) {
      fail("the result's actors must be 'a' or letters of the nested event");
      return;
    }
    if (rt.code != "Q" && LookupCameo(rt.code) == nullptr) {
      fail("unknown CAMEO code " + rt.code);
      return;
    }
    Transform t;
    t.outer_code = VerbCode(rt.outer_verb, &t.outer_verb);
    t.inner_code = rt.inner_verb == "Q" ? "Q" : VerbCode(rt.inner_verb);
    if (t.outer_code.empty() || t.inner_code.empty()) {
      fail("the verb " + (t.outer_code.empty() ? rt.outer_verb : rt.inner_verb) +
           " is not in the verb dictionary");
      return;
    }
    if (rt.code == "Q" && t.inner_code != "Q") {
      fail("the result code Q needs the nested verb Q");
      return;
    }
    t.inner_source = rt.inner_source;
    t.inner_target = rt.inner_target;
    t.source = rt.source;
    t.target = rt.target;
    t.code = rt.code;
    t.origin = rt.origin;
    t.text = rt.text;
    c_->transforms.push_back(std::move(t));
  }

  void Run(const RawDict& raw) {
    classic_ = raw.style != DictStyle::kNative;
    stem_marks_ = raw.stem_marks;
    c_->style = static_cast<Style>(raw.style);
    c_->options = raw.options;
    c_->num_transforms = raw.transforms.size();
    for (std::string_view w : text::kClosedClassWords) Intern(std::string(w));
    for (const text::NominalTrigger& t : text::kNominalTriggers) Intern(std::string(t.noun));
    if (classic_) {
      // Words the classic coder reasons about (src/code/classic_coder.cc).
      for (const char* w : {"he", "she", "it", "they", "him", "them", "during", "about", "into",
                            "over", "between", "among", "almost", "nearly", "years", "days"})
        Intern(w);
    }
    for (const RawActor& a : raw.actors) {
      uint32_t idx = uint32_t(c_->actors.size());
      c_->actors.push_back(ActorEntry{a.codes, a.origin});
      for (const std::string& p : a.phrases) AddNoun(p, PhraseKind::kActor, idx, &c_->nouns);
    }
    for (const RawAgent& a : raw.agents) {
      uint32_t idx = uint32_t(c_->agents.size());
      AgentEntry ae{a.code, a.origin};
      if (classic_) {
        ae.prefix = !a.code.empty() && a.code.back() == '~' && a.code.front() != '~';
        ae.code.erase(std::remove(ae.code.begin(), ae.code.end(), '~'), ae.code.end());
      }
      c_->agents.push_back(std::move(ae));
      for (const std::string& p : a.phrases) AddNoun(p, PhraseKind::kAgent, idx, &c_->nouns);
    }
    for (const std::string& d : raw.discards) AddNoun(d, PhraseKind::kDiscard, 0, &c_->discards);
    for (const std::string& d : raw.story_discards)
      AddNoun(d, PhraseKind::kStoryDiscard, 0, &c_->discards);
    for (const RawSpecial& sp : raw.specials) {
      uint32_t idx = uint32_t(c_->specials.size());
      c_->specials.push_back(SpecialEntry{sp.code, sp.origin});
      for (const std::string& p : sp.phrases) AddNoun(p, PhraseKind::kSpecial, idx, &c_->nouns);
    }
    for (const RawIssue& is : raw.issues) {
      uint32_t idx = uint32_t(c_->issues.size());
      c_->issues.push_back(is.code);
      AddNoun(is.phrase, PhraseKind::kIssue, idx, &c_->discards);
    }
    std::vector<std::pair<uint32_t, uint8_t>> marks;
    for (const std::string& n : raw.nouns)
      for (uint32_t id : PhraseIds(n, nullptr)) marks.emplace_back(id, 1);
    for (const std::string& n : raw.adjectives)
      for (uint32_t id : PhraseIds(n, nullptr)) marks.emplace_back(id, 2);
    for (const RawVerb& rv : raw.verbs) {
      Verb v;
      v.lemma = rv.lemma;
      v.code = rv.code;
      v.paired = rv.paired;
      v.origin = rv.origin;
      if (classic_ && v.code.size() > 1 && v.code.back() == '?') {
        v.code.pop_back();
        v.weak = true;
      }
      for (const RawPattern& rp : rv.patterns) {
        Pattern p;
        if (CompilePattern(rp, raw, &p)) v.patterns.push_back(std::move(p));
      }
      // Most specific first; stable so the file order breaks ties.
      std::stable_sort(v.patterns.begin(), v.patterns.end(), [](const Pattern& a, const Pattern& b) {
        if (a.num_words != b.num_words) return a.num_words > b.num_words;
        if (a.num_slots != b.num_slots) return a.num_slots > b.num_slots;
        return a.num_synsets < b.num_synsets;  // literal words before synsets
      });
      c_->num_patterns += v.patterns.size();
      uint32_t vidx = uint32_t(c_->verbs.size());
      std::vector<std::string> forms;
      if (raw.style == DictStyle::kTabari) {
        forms.push_back(rv.lemma);
        forms.insert(forms.end(), rv.forms.begin(), rv.forms.end());
      } else if (classic_ && !rv.forms.empty()) {
        forms = rv.forms;
      } else {
        forms = rv.forms.empty() ? RegularVerbForms(rv.lemma) : rv.forms;
        if (!rv.forms.empty()) forms.insert(forms.begin(), rv.lemma);
      }
      for (const std::string& f : forms) {
        std::vector<uint32_t> ids = PhraseIds(f, nullptr);
        if (ids.size() != 1) {
          // PETRARCH lists hyphenated forms ("re-establish") that are
          // several tokens here; they cannot be indexed as one verb form.
          if (!classic_) Problem(rv.origin, 1, "verb form \"" + f + "\" is not one word");
          continue;
        }
        auto& list = c_->verb_forms[ids[0]];
        if (std::find(list.begin(), list.end(), vidx) == list.end()) list.push_back(vidx);
      }
      c_->verbs.push_back(std::move(v));
    }
    for (const RawTransform& rt : raw.transforms) CompileTransform(rt);
    if (classic_) {
      c_->noun_words.assign(c_->vocab.size(), 0);
      for (const auto& [id, m] : marks) c_->noun_words[id] = m;
      for (uint32_t id : strict_) c_->noun_words[id] |= 4;
    }
  }

 private:
  Compiled* c_;
  std::vector<DictProblem>* problems_;
  bool classic_ = false;
  bool stem_marks_ = false;
  bool keep_gaps_ = false;
  std::vector<uint32_t> strict_;  // TABARI "WORD=": no plural
};

}  // namespace

std::unique_ptr<Compiled> Compile(const RawDict& raw, std::vector<DictProblem>* problems) {
  auto c = std::make_unique<Compiled>();
  Compiler(c.get(), problems).Run(raw);
  return c;
}

}  // namespace dict

Dictionary::Dictionary(std::unique_ptr<dict::Compiled> c) : c_(std::move(c)) {}
Dictionary::~Dictionary() = default;
size_t Dictionary::num_actors() const { return c_->actors.size(); }
size_t Dictionary::num_agents() const { return c_->agents.size(); }
size_t Dictionary::num_verbs() const { return c_->verbs.size(); }
size_t Dictionary::num_patterns() const { return c_->num_patterns; }
const std::vector<std::pair<std::string, std::string>>& Dictionary::options() const {
  return c_->options;
}
const char* Dictionary::style() const {
  switch (c_->style) {
    case dict::Style::kNative: return "native";
    case dict::Style::kTabari: return "tabari";
    case dict::Style::kPetrarch1: return "petrarch1";
    case dict::Style::kPetrarch2: return "petrarch2";
  }
  return "native";
}

namespace {
void CheckUtf8(const std::string& name, const std::string& text,
               std::vector<DictProblem>* problems, std::string* clean) {
  size_t bad = 0;
  if (ValidUtf8(text, &bad)) {
    *clean = text;
    return;
  }
  // Report the first bad line and blank out every line with bad bytes.
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  clean->clear();
  while (std::getline(in, line)) {
    ++line_no;
    size_t off = 0;
    if (!ValidUtf8(line, &off)) {
      if (problems)
        problems->push_back(DictProblem{name, line_no, int(off) + 1,
                                        "invalid UTF-8; line skipped"});
      line.clear();
    }
    clean->append(line);
    clean->push_back('\n');
  }
}
}  // namespace

Result<std::shared_ptr<const Dictionary>> Dictionary::FromText(
    const std::string& name, const std::string& text, std::vector<DictProblem>* problems) {
  dict::RawDict raw;
  std::string clean;
  CheckUtf8(name, text, problems, &clean);
  dict::ReadNative(name, clean, &raw, problems);
  return std::shared_ptr<const Dictionary>(new Dictionary(dict::Compile(raw, problems)));
}

Result<std::shared_ptr<const Dictionary>> Dictionary::LoadFolder(
    const std::string& folder, std::vector<DictProblem>* problems) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return Status::NotFound("dictionary folder " + folder + " does not exist");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file() && e.path().extension() == ".dict") files.push_back(e.path());
  if (ec) return Status::IOError("cannot read dictionary folder " + folder + ": " + ec.message());
  if (files.empty()) return Status::NotFound("no *.dict files in " + folder);
  std::sort(files.begin(), files.end());
  dict::RawDict raw;
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Status::IOError("cannot open " + p.string());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string clean;
    CheckUtf8(p.string(), text, problems, &clean);
    dict::ReadNative(p.string(), clean, &raw, problems);
  }
  auto c = dict::Compile(raw, problems);
  if (c->actors.empty() && c->verbs.empty())
    return Status::Corruption("dictionary " + folder + " holds no actors and no verbs");
  return std::shared_ptr<const Dictionary>(new Dictionary(std::move(c)));
}

}  // namespace casus

namespace casus {

namespace {

using ClassicReader = void (*)(const std::string&, const std::string&, dict::RawDict*,
                               std::vector<DictProblem>*);

ClassicReader ReaderFor(const std::string& format) {
  if (format == "tabari-actors") return dict::ReadTabariActors;
  if (format == "tabari-verbs") return dict::ReadTabariVerbs;
  if (format == "tabari-agents") return dict::ReadTabariAgents;
  if (format == "tabari-options") return dict::ReadTabariOptions;
  if (format == "petrarch-verbs") return dict::ReadPetrarchVerbs;
  if (format == "petrarch-actors") return dict::ReadPetrarchActors;
  if (format == "petrarch-agents") return dict::ReadPetrarchAgents;
  if (format == "petrarch-discards") return dict::ReadPetrarchDiscards;
  if (format == "petrarch-issues") return dict::ReadPetrarchIssues;
  return nullptr;
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open dictionary file " + path);
  out->assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Status::OK();
}

// The reader format for a dictionary file, by its name.
std::string FormatForName(const std::string& path) {
  std::string name = AsciiLowerCopy(std::filesystem::path(path).filename().string());
  auto ends = [&](const char* e) {
    size_t n = std::char_traits<char>::length(e);
    return name.size() >= n && name.compare(name.size() - n, n, e) == 0;
  };
  auto has = [&](const char* w) { return name.find(w) != std::string::npos; };
  if (ends(".actors")) return "tabari-actors";
  if (ends(".verbs")) return "tabari-verbs";
  if (ends(".agents")) return "tabari-agents";
  if (ends(".options")) return "tabari-options";
  if (ends(".txt")) {
    if (has("verb") || has("cameo")) return "petrarch-verbs";
    if (has("actor")) return "petrarch-actors";
    if (has("agent")) return "petrarch-agents";
    if (has("discard")) return "petrarch-discards";
    if (has("issue")) return "petrarch-issues";
  }
  return "";
}

Status Finish(dict::RawDict& raw, const std::string& what,
                                                 std::vector<DictProblem>* problems,
                                                 std::unique_ptr<dict::Compiled>* out) {
  auto c = dict::Compile(raw, problems);
  if (c->actors.empty() && c->verbs.empty())
    return Status::Corruption("dictionary " + what + " holds no actors and no verbs");
  *out = std::move(c);
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<const Dictionary>> Dictionary::FromClassicText(
    const std::string& format, const std::string& name, const std::string& text,
    std::vector<DictProblem>* problems) {
  ClassicReader r = ReaderFor(format);
  if (!r) return Status::InvalidArgument("unknown dictionary format " + format);
  dict::RawDict raw;
  std::string clean;
  CheckUtf8(name, text, problems, &clean);
  r(name, clean, &raw, problems);
  return std::shared_ptr<const Dictionary>(new Dictionary(dict::Compile(raw, problems)));
}

Result<std::shared_ptr<const Dictionary>> Dictionary::Open(const std::string& path,
                                                           std::vector<DictProblem>* problems) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<std::string, std::string>> files;  // (format, path)
  dict::RawDict raw;
  std::string target = path;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> projects, inis;
    bool has_dict = false;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (!e.is_regular_file()) continue;
      std::string ext = e.path().extension().string();
      if (ext == ".dict") has_dict = true;
      else if (ext == ".project") projects.push_back(e.path());
      else if (e.path().filename() == "PETR_config.ini") inis.push_back(e.path());
    }
    if (has_dict || (projects.empty() && inis.empty())) return LoadFolder(path, problems);
    if (projects.size() + inis.size() > 1)
      return Status::InvalidArgument("folder " + path +
                                     " holds several .project/PETR_config.ini files; name one");
    target = (projects.empty() ? inis[0] : projects[0]).string();
  }
  std::string lower = AsciiLowerCopy(target);
  auto ends = [&](const char* e) {
    size_t n = std::char_traits<char>::length(e);
    return lower.size() >= n && lower.compare(lower.size() - n, n, e) == 0;
  };
  if (ends(".project") || ends(".ini")) {
    std::string text;
    CASUS_TRY(ReadFile(target, &text));
    fs::path base = fs::path(target).parent_path();
    std::vector<dict::ConfigFile> named =
        ends(".project") ? dict::ReadTabariProject(target, text, problems)
                         : dict::ReadPetrarchConfig(target, text, &raw, problems);
    for (const dict::ConfigFile& f : named) {
      std::string format = (ends(".project") ? "tabari-" : "petrarch-") + f.kind;
      files.emplace_back(format, (base / f.name).string());
    }
    if (files.empty()) return Status::Corruption(target + " names no dictionary files");
  } else {
    for (std::string_view p : Split(path, ",")) {
      std::string f(Trim(p));
      if (f.empty()) continue;
      std::string format = FormatForName(f);
      if (format.empty())
        return Status::InvalidArgument(
            "cannot tell the dictionary kind of " + f +
            ": expected a folder, a .project, a PETR_config.ini, or TABARI/PETRARCH files "
            "(*.actors, *.verbs, *.agents, *.options, *verbs*.txt, *actors*.txt, ...)");
      files.emplace_back(format, f);
    }
  }
  // Verbs first so the style (PETRARCH-1/2) is known before the rest.
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return a.first.find("verbs") != std::string::npos && b.first.find("verbs") == std::string::npos;
  });
  for (const auto& [format, file] : files) {
    std::string text, clean;
    CASUS_TRY(ReadFile(file, &text));
    CheckUtf8(file, text, problems, &clean);
    ReaderFor(format)(file, clean, &raw, problems);
  }
  std::unique_ptr<dict::Compiled> c;
  CASUS_TRY(Finish(raw, path, problems, &c));
  return std::shared_ptr<const Dictionary>(new Dictionary(std::move(c)));
}

}  // namespace casus
