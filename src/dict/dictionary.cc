// Compiles RawDict entries into the immutable matchers of dict::Compiled.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "casus/dictionary.h"
#include "common/strutil.h"
#include "common/utf8.h"
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

  // Tokenizes a phrase into interned ids; records original tokens.
  std::vector<uint32_t> PhraseIds(std::string_view phrase, std::vector<std::string>* orig) {
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
    std::vector<uint32_t> ids = PhraseIds(p, &ph.tokens);
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

  bool CompilePattern(const RawPattern& rp, const RawDict& raw, Pattern* p) {
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

  void Run(const RawDict& raw) {
    for (std::string_view w : text::kClosedClassWords) Intern(std::string(w));
    for (const RawActor& a : raw.actors) {
      uint32_t idx = uint32_t(c_->actors.size());
      c_->actors.push_back(ActorEntry{a.codes, a.origin});
      for (const std::string& p : a.phrases) AddNoun(p, PhraseKind::kActor, idx, &c_->nouns);
    }
    for (const RawAgent& a : raw.agents) {
      uint32_t idx = uint32_t(c_->agents.size());
      c_->agents.push_back(AgentEntry{a.code, a.origin});
      for (const std::string& p : a.phrases) AddNoun(p, PhraseKind::kAgent, idx, &c_->nouns);
    }
    for (const std::string& d : raw.discards) AddNoun(d, PhraseKind::kDiscard, 0, &c_->discards);
    for (const RawVerb& rv : raw.verbs) {
      Verb v;
      v.lemma = rv.lemma;
      v.code = rv.code;
      v.paired = rv.paired;
      v.origin = rv.origin;
      for (const RawPattern& rp : rv.patterns) {
        Pattern p;
        if (CompilePattern(rp, raw, &p)) v.patterns.push_back(std::move(p));
      }
      // Most specific first; stable so the file order breaks ties.
      std::stable_sort(v.patterns.begin(), v.patterns.end(),
                       [](const Pattern& a, const Pattern& b) { return a.num_words > b.num_words; });
      c_->num_patterns += v.patterns.size();
      uint32_t vidx = uint32_t(c_->verbs.size());
      std::vector<std::string> forms = rv.forms.empty() ? RegularVerbForms(rv.lemma) : rv.forms;
      if (!rv.forms.empty()) forms.insert(forms.begin(), rv.lemma);
      for (const std::string& f : forms) {
        std::vector<uint32_t> ids = PhraseIds(f, nullptr);
        if (ids.size() != 1) {
          Problem(rv.origin, 1, "verb form \"" + f + "\" is not one word");
          continue;
        }
        auto& list = c_->verb_forms[ids[0]];
        if (std::find(list.begin(), list.end(), vidx) == list.end()) list.push_back(vidx);
      }
      c_->verbs.push_back(std::move(v));
    }
  }

 private:
  Compiled* c_;
  std::vector<DictProblem>* problems_;
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
