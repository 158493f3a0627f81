#include "casus/pipeline.h"

#include <algorithm>
#include <cstdlib>

#include "code/classic_coder.h"
#include "code/coder.h"
#include "code/event_context.h"
#include "recognize/gazetteer.h"
#include "common/strutil.h"
#include "dict/compiled.h"

namespace casus {

Coder::Coder(std::unique_ptr<internal::CoderImpl> impl) : impl_(std::move(impl)) {}
Coder::Coder(std::unique_ptr<internal::ClassicCoder> impl) : classic_(std::move(impl)) {}
Coder::~Coder() = default;
Coder::Coder(Coder&&) noexcept = default;
Coder& Coder::operator=(Coder&&) noexcept = default;

void Coder::CodeText(const Document& doc, std::vector<Sentence>* sentences,
                     std::vector<Event>* events) {
  const size_t first = events ? events->size() : 0;
  sents_.clear();
  std::vector<Sentence>* sents = events ? &sents_ : sentences;
  if (classic_) classic_->Code(doc, sents, events);
  else impl_->Code(doc, sents, events);
  if (!events) return;
  if (context_) context_->Annotate(doc, sents_, events, first);
  if (sentences) sentences->insert(sentences->end(), sents_.begin(), sents_.end());
}

void Coder::Code(const Document& doc, std::vector<Sentence>* sentences,
                 std::vector<Event>* events) {
  CodeText(doc, sentences, events);
  if (!code_titles_ || Trim(doc.title).empty()) return;
  // A breadcrumb of topics ("Gaza war > Israeli invasion of the Gaza Strip")
  // is a section label, not a headline.
  if (doc.title.find(" > ") != std::string::npos || doc.title.find(" | ") != std::string::npos)
    return;
  // So is a topic opening with a year ("2025 Nepalese Gen Z protests",
  // "2024–present Serbian anti-corruption protests"): headlines open with
  // their actor.
  {
    const std::string_view t = Trim(doc.title);
    if (t.size() >= 4 && IsAsciiDigit(t[0]) && IsAsciiDigit(t[1]) && IsAsciiDigit(t[2]) &&
        IsAsciiDigit(t[3]) && (t.size() == 4 || !IsAsciiDigit(t[4])))
      return;
  }
  // The title as a headline of its own: coded like a text (the coder
  // decides whether it states an event), numbered -1, -2, ...
  Document title = doc;
  title.text = doc.title;
  title.title.clear();
  const size_t first_sentence = sentences ? sentences->size() : 0;
  const size_t first_event = events ? events->size() : 0;
  CodeText(title, sentences, events);
  if (sentences)
    for (size_t i = first_sentence; i < sentences->size(); ++i)
      (*sentences)[i].index = -1 - (*sentences)[i].index;
  if (!events) return;
  // A title that only names an event ("Israeli invasion of the Gaza Strip")
  // labels a story; a headline states it with a verb.
  events->erase(std::remove_if(events->begin() + long(first_event), events->end(),
                               [](const Event& e) {
                                 return e.trigger_ev.entry.rfind("nominal event:", 0) == 0;
                               }),
                events->end());
  for (size_t i = first_event; i < events->size(); ++i)
    (*events)[i].sent_index = -1 - (*events)[i].sent_index;
}

Pipeline::Pipeline(std::shared_ptr<const Dictionary> dict, CodingOptions options)
    : dict_(std::move(dict)), options_(options) {
  // The gazetteer is compiled into the binary; it cannot be missing, and a
  // damaged build only loses the locations.
  if (auto g = recognize::Gazetteer::Builtin(); g.ok())
    places_ = std::make_shared<const recognize::Gazetteer>(std::move(g).value());
}

Coder Pipeline::NewCoder() const {
  const bool native = dict_->compiled().style == dict::Style::kNative;
  Coder c = native ? Coder(std::make_unique<internal::CoderImpl>(dict_->compiled(), options_,
                                                                  places_.get()))
                   : Coder(std::make_unique<internal::ClassicCoder>(dict_->compiled(), options_));
  c.context_ = std::make_unique<internal::EventContext>(places_.get(), native,
                                                        options_.require_dyad);
  c.code_titles_ = options_.code_titles;
  return c;
}

namespace {

bool ParseBool(std::string_view v, bool* out) {
  std::string l = AsciiLowerCopy(Trim(v));
  if (l == "true" || l == "1" || l == "yes") { *out = true; return true; }
  if (l == "false" || l == "0" || l == "no") { *out = false; return true; }
  return false;
}

bool ParseInt(std::string_view v, int* out) {
  v = Trim(v);
  if (v.empty() || v.size() > 9) return false;
  int x = 0;
  for (char c : v) {
    if (!IsAsciiDigit(c)) return false;
    x = x * 10 + (c - '0');
  }
  *out = x;
  return true;
}

// "KEY = 4 KEY2 = 6 ..." -> pairs (upper-case keys).
std::vector<std::pair<std::string, std::string>> KeyValues(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::string_view> words;
  std::string buf(s);
  for (char& c : buf)
    if (c == '=') c = ' ';
  for (std::string_view w : Split(buf, " ")) {
    w = Trim(w);
    if (!w.empty()) out.emplace_back(std::string(w), "");
  }
  std::vector<std::pair<std::string, std::string>> kv;
  for (size_t i = 0; i + 1 < out.size(); i += 2) kv.emplace_back(out[i].first, out[i + 1].first);
  return kv;
}

Status TabariOption(std::string_view line, CodingOptions* o) {
  std::string up(Trim(line));
  for (char& c : up) c = (c >= 'a' && c <= 'z') ? char(c - 32) : c;
  size_t colon = up.find(':');
  if (colon == std::string::npos) return Status::InvalidArgument("expected COMMAND: in " + up);
  std::string cmd(Trim(std::string_view(up).substr(0, colon)));
  std::string rest(Trim(std::string_view(up).substr(colon + 1)));
  auto bad = [&] { return Status::InvalidArgument("bad TABARI option \"" + std::string(line) + "\""); };
  CodingOptions n = *o;
  if (cmd == "SET") {
    std::string compact;
    for (char c : rest)
      if (c != ' ') compact += c;
    if (compact == "CODEBYCLAUSE") n.code_by = CodingOptions::CodeBy::kClause;
    else if (compact == "CODEBYSENTENCE") n.code_by = CodingOptions::CodeBy::kSentence;
    else if (compact == "CODEALL") n.code_by = CodingOptions::CodeBy::kAll;
    else if (compact.rfind("MINIMUMWORDS=", 0) == 0) {
      if (!ParseInt(compact.substr(13), &n.min_words)) return bad();
    } else if (compact.rfind("CONVERTAGENT=", 0) == 0) {
      if (!ParseBool(compact.substr(13), &n.convert_agent)) return bad();
    } else if (compact.rfind("TIMESHIFT=", 0) == 0) {
      if (!ParseBool(compact.substr(10), &n.time_shift)) return bad();
    }
  } else if (cmd == "COMMA") {
    if (rest == "OFF") {
      n.comma_max = n.comma_bmax = n.comma_emax = 0;
    } else {
      for (const auto& [k, v] : KeyValues(rest)) {
        int x = 0;
        if (!ParseInt(v, &x)) return bad();
        if (k == "MIN") n.comma_min = x;
        else if (k == "MAX") n.comma_max = x;
        else if (k == "BMIN") n.comma_bmin = x;
        else if (k == "BMAX") n.comma_bmax = x;
        else if (k == "EMIN") n.comma_emin = x;
        else if (k == "EMAX") n.comma_emax = x;
        else return bad();
      }
    }
  } else if (cmd == "DEFAULT") {
    n.default_source.clear();
    n.default_target.clear();
    n.default_source_prior = n.default_target_after = false;
    if (rest != "OFF") {
      size_t s = rest.find("SOURCE");
      size_t t = rest.find("TARGET");
      auto code_after = [&](size_t at, std::string* out) {
        if (at == std::string::npos) return true;
        size_t lb = rest.find('[', at), rb = rest.find(']', at);
        if (lb == std::string::npos || rb == std::string::npos || rb < lb) return false;
        *out = std::string(Trim(std::string_view(rest).substr(lb + 1, rb - lb - 1)));
        return true;
      };
      if (!code_after(s, &n.default_source) || !code_after(t, &n.default_target)) return bad();
      size_t prior = rest.find("PRIOR"), after = rest.find("AFTER");
      n.default_source_prior = prior != std::string::npos && (t == std::string::npos || prior < t);
      n.default_target_after = after != std::string::npos && t != std::string::npos && after > t;
    }
  } else if (cmd == "FORWARD") {
    n.forward = rest.size() < 3 || rest.compare(rest.size() - 3, 3, "OFF") != 0;
  } else if (cmd == "COMPLEX") {
    n.complex_no_actor_prior = rest.find("NOACTPRIOR") != std::string::npos;
    auto num = [&](const char* key, int* out) {
      size_t k = rest.find(key);
      if (k == std::string::npos) return true;
      size_t lb = rest.find('[', k), rb = rest.find(']', k);
      if (lb == std::string::npos || rb == std::string::npos) return false;
      return ParseInt(std::string_view(rest).substr(lb + 1, rb - lb - 1), out);
    };
    if (!num("VERBS", &n.complex_verbs) || !num("CONJ", &n.complex_conj)) return bad();
  }
  *o = n;
  return Status::OK();
}

}  // namespace

Status ApplyOption(std::string_view key, std::string_view value, CodingOptions* o) {
  std::string k = AsciiLowerCopy(Trim(key));
  if (k == "tabari") return TabariOption(value, o);
  auto bad = [&] {
    return Status::InvalidArgument("bad value \"" + std::string(value) + "\" for option " + k);
  };
  bool b = false;
  int x = 0;
  if (k == "require_dyad") {
    if (!ParseBool(value, &b)) return bad();
    o->require_dyad = b;
  } else if (k == "new_actor_length" || k.rfind("comma_", 0) == 0) {
    if (!ParseInt(value, &x)) return bad();
    if (k == "new_actor_length") o->new_actor_length = x;
    else if (k == "comma_min") o->comma_min = x;
    else if (k == "comma_max") o->comma_max = x;
    else if (k == "comma_bmin") o->comma_bmin = x;
    else if (k == "comma_bmax") o->comma_bmax = x;
    else if (k == "comma_emin") o->comma_emin = x;
    else if (k == "comma_emax") o->comma_emax = x;
  }
  return Status::OK();
}

void ApplyDictionaryOptions(const Dictionary& dict, CodingOptions* o) {
  if (dict.compiled().style == dict::Style::kTabari) {
    // TABARI's built-in comma limits (its "COMMA:" defaults).
    o->comma_min = 2;
    o->comma_max = 10;
    o->comma_emin = 2;
    o->comma_emax = 8;
    o->comma_bmin = 255;
    o->comma_bmax = 0;
    o->min_words = 8;  // TABARI's default "SET: MINIMUM WORDS"
  }
  for (const auto& [k, v] : dict.options()) (void)ApplyOption(k, v, o);
}

}  // namespace casus
