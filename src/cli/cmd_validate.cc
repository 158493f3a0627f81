// casus validate: run a peer validation suite and score it.
//
// SUITE is one of
//   * a TABARI Validate.text, or the .project that names it (dictionaries
//     from the .project);
//   * a PETRARCH suite XML (PETR.UnitTest.records.xml,
//     PETR_Validate_records_2_02.xml; dictionaries from its <Environment>);
//   * a neutral JSONL suite (../shared/gold/*/*.jsonl) with --dict.
// A record passes when the coded (source, target, code) multiset equals the
// expected one (contains it, for partial records). Failures are printed by
// category with expected versus coded events; the last line is
// "N passed, M failed".
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "casus/pipeline.h"
#include "cli/cli.h"

namespace casus::cli {

namespace {

struct Triple {
  std::string source, target, code;
  bool operator<(const Triple& o) const {
    return std::tie(source, target, code) < std::tie(o.source, o.target, o.code);
  }
  bool operator==(const Triple& o) const {
    return source == o.source && target == o.target && code == o.code;
  }
  std::string ToString() const { return source + "/" + target + "/" + code; }
};

struct Record {
  std::string id, date, text, category, outcome;
  std::vector<Triple> expected;
  bool has_expected = true;  // false: the suite gives no usable expectation
  bool evaluate = true;
  bool partial = false;
  bool accepts_empty = false;  // also_accepts_outcome
  std::vector<std::pair<std::string, std::string>> config;  // option changes in force
  // JSONL: the record's `config` object as written (key -> value).
  std::map<std::string, std::string> config_keys;
};

struct Suite {
  std::vector<Record> records;
  std::string dict;  // dictionary path found in the suite itself
};

std::string ReadAll(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = bool(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  return s;
}

bool EndsWith(const std::string& s, const char* e) {
  size_t n = std::char_traits<char>::length(e);
  return s.size() >= n && s.compare(s.size() - n, n, e) == 0;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string CollapseSpace(const std::string& s) {
  std::string out;
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      sp = !out.empty();
      continue;
    }
    if (sp) out += ' ';
    sp = false;
    out += c;
  }
  return out;
}

// "DEMO-01" -> "DEMO"; odd TABARI headers such as "9 YYYY-03" -> "YYYY".
std::string CategoryOf(const std::string& id) {
  size_t b = id.find_first_not_of("0123456789 ");
  std::string s = b == std::string::npos ? id : id.substr(b);
  size_t dash = s.find('-');
  return dash == std::string::npos ? s : s.substr(0, dash);
}

// ---- JSONL ----------------------------------------------------------------

bool LoadJsonl(const std::string& path, Suite* suite, std::string* err) {
  bool ok;
  std::string text = ReadAll(path, &ok);
  if (!ok) {
    *err = "cannot open " + path;
    return false;
  }
  simdjson::dom::parser parser;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (Trim(line).empty()) continue;
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      *err = path + ":" + std::to_string(line_no) + ": not a JSON object";
      return false;
    }
    Record r;
    auto str = [&](const char* key) {
      std::string_view sv;
      if (doc[key].get_string().get(sv) == simdjson::SUCCESS) return std::string(sv);
      return std::string();
    };
    r.id = str("id");
    r.date = str("date");
    r.text = str("text");
    r.outcome = str("expected_outcome");
    r.category = str("category");
    if (r.category.empty()) r.category = CategoryOf(r.id);
    bool b;
    if (doc["evaluate"].get_bool().get(b) == simdjson::SUCCESS) r.evaluate = b;
    if (doc["expected_partial"].get_bool().get(b) == simdjson::SUCCESS) r.partial = b;
    std::string_view also;
    if (doc["also_accepts_outcome"].get_string().get(also) == simdjson::SUCCESS)
      r.accepts_empty = true;
    simdjson::dom::array exp;
    if (doc["expected"].get_array().get(exp) == simdjson::SUCCESS) {
      for (simdjson::dom::element e : exp) {
        std::string_view s, t, c;
        if (e["source"].get_string().get(s) || e["target"].get_string().get(t) ||
            e["code"].get_string().get(c))
          continue;
        r.expected.push_back(Triple{std::string(s), std::string(t), std::string(c)});
      }
    } else {
      r.has_expected = false;
    }
    simdjson::dom::object cfg;
    if (doc["config"].get_object().get(cfg) == simdjson::SUCCESS) {
      const bool tabari = r.id.size() && path.find("tabari") != std::string::npos;
      for (auto kv : cfg) {
        std::string_view v;
        if (kv.value.get_string().get(v) != simdjson::SUCCESS) continue;
        r.config_keys[std::string(kv.key)] = std::string(v);
        // TABARI configs hold whole option lines; PETRARCH ones key = value.
        if (tabari || std::string_view(kv.key).find(':') != std::string_view::npos)
          r.config.emplace_back("tabari", std::string(v));
        else
          r.config.emplace_back(std::string(kv.key), std::string(v));
      }
    }
    suite->records.push_back(std::move(r));
  }
  return true;
}

// The key under which the JSONL conversion files a TABARI option command:
// "COMMA: MIN = 4 ..." -> "COMMA", "SET: TIME SHIFT = FALSE" -> "SET:TIME SHIFT",
// "SET: CODE ALL" -> "SET:CODE".
std::string TabariOptionKey(const std::string& cmd) {
  size_t colon = cmd.find(':');
  if (colon == std::string::npos) return Trim(cmd);
  std::string head = Trim(cmd.substr(0, colon));
  if (head != "SET") return head;
  std::string rest = Trim(cmd.substr(colon + 1));
  size_t eq = rest.find('=');
  if (eq != std::string::npos) return "SET:" + Trim(rest.substr(0, eq));
  size_t sp = rest.find(' ');
  return "SET:" + rest.substr(0, sp);
}

// The JSONL form of the TABARI suite keeps, per record, only the latest
// command per option that differs from the suite's options file, which loses
// commands given in sequence ("COMMA: MIN = 4 ..." then "COMMA: OFF": the
// second does not reset what the first set). The suite ships the whole
// sequence beside it (<stem>.options.json, "option_records_in_order"); this
// replays it: each record gets the shortest prefix of the sequence that
// yields its `config`, as Validate.text gives it. A command absent from a
// record's config must be one the conversion leaves out: a line of the
// options file, "... OFF" or "... = FALSE". Returns false when there is no
// sequence file; records no prefix explains keep their config.
bool ReplayTabariOptions(const std::string& jsonl, Suite* suite) {
  namespace fs = std::filesystem;
  fs::path p(jsonl);
  fs::path seq_path = p.parent_path() / (p.stem().string() + ".options.json");
  bool ok;
  std::string text = ReadAll(seq_path.string(), &ok);
  if (!ok) return false;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array arr;
  if (parser.parse(text).get(doc) || doc["option_records_in_order"].get_array().get(arr))
    return false;
  std::vector<std::string> seq;
  for (simdjson::dom::element e : arr) {
    std::string_view v;
    if (e["option"].get_string().get(v) == simdjson::SUCCESS) seq.emplace_back(v);
  }
  std::vector<std::string> baseline;
  std::string_view base_name;
  if (doc["baseline_options_file"].get_string().get(base_name) == simdjson::SUCCESS) {
    std::string b = ReadAll((p.parent_path() / std::string(base_name)).string(), &ok);
    size_t pos = 0;
    while (ok && pos < b.size()) {
      size_t nl = b.find('\n', pos);
      if (nl == std::string::npos) nl = b.size();
      std::string line = Trim(b.substr(pos, nl - pos));
      pos = nl + 1;
      if (!line.empty() && line.rfind("//", 0) != 0) baseline.push_back(line);
    }
  }
  auto left_out = [&](const std::string& cmd) {
    return EndsWith(cmd, "OFF") || EndsWith(cmd, "= FALSE") ||
           std::find(baseline.begin(), baseline.end(), cmd) != baseline.end();
  };
  size_t applied = 0;
  std::map<std::string, std::string> latest;  // after `applied` commands
  for (Record& r : suite->records) {
    std::map<std::string, std::string> state = latest;
    for (size_t q = applied; q <= seq.size(); ++q) {
      if (q > applied) state[TabariOptionKey(seq[q - 1])] = seq[q - 1];
      bool fits = true;
      for (const auto& [k, v] : r.config_keys) fits &= state.count(k) && state[k] == v;
      for (const auto& [k, v] : state) fits &= r.config_keys.count(k) || left_out(v);
      if (!fits) continue;
      applied = q;
      latest = state;
      r.config.clear();
      for (size_t i = 0; i < q; ++i) r.config.emplace_back("tabari", seq[i]);
      break;
    }
  }
  return true;
}

// ---- TABARI Validate.text -------------------------------------------------

void ParseTabariEvents(const std::string& block, Record* r) {
  // Verification lines "{ SRC / TGT / CODE }", markers {---} {###} {+++},
  // "-{" skip flags, and "{ OPTION: ... }" records.
  bool first = true;
  size_t pos = 0;
  r->outcome = "unspecified";
  r->has_expected = false;
  while ((pos = block.find('{', pos)) != std::string::npos) {
    size_t close = block.find('}', pos);
    // "{ OPTION: SET: MINIMUM WORDS = 20  */" has no closing brace.
    size_t end_comment = block.find("*/", pos);
    if (close == std::string::npos || (end_comment != std::string::npos && end_comment < close))
      close = end_comment == std::string::npos ? block.size() : end_comment;
    if (close <= pos) break;
    std::string inside = Trim(block.substr(pos + 1, close - pos - 1));
    bool skip = pos > 0 && block[pos - 1] == '-';
    pos = close + 1;
    if (inside.rfind("OPTION:", 0) == 0) {
      r->outcome = "option";
      r->config.emplace_back("tabari", Trim(inside.substr(7)));
      continue;
    }
    if (skip && first) r->evaluate = false;
    if (skip && !first) {
      r->partial = true;
      break;
    }
    first = false;
    if (inside == "---" || inside == "###" || inside == "+++") {
      if (!r->expected.empty()) r->accepts_empty = true;
      r->has_expected = true;
      if (r->outcome == "unspecified")
        r->outcome = inside == "---" ? "no_events" : inside == "###" ? "discard" : "complex";
      continue;
    }
    std::vector<std::string> parts;
    size_t b = 0;
    while (true) {
      size_t s = inside.find('/', b);
      parts.push_back(Trim(inside.substr(b, s == std::string::npos ? s : s - b)));
      if (s == std::string::npos) break;
      b = s + 1;
    }
    if (parts.size() != 3) continue;
    if (parts[0] == "---" && parts[1] == "---" && parts[2] == "000") continue;  // placeholder
    r->expected.push_back(Triple{parts[0], parts[1], parts[2]});
    r->has_expected = true;
    if (r->outcome != "events") {
      if (r->outcome != "unspecified") r->accepts_empty = true;
      r->outcome = "events";
    }
  }
}

bool LoadTabariText(const std::string& path, Suite* suite, std::string* err) {
  bool ok;
  std::string text = ReadAll(path, &ok);
  if (!ok) {
    *err = "cannot open " + path;
    return false;
  }
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string l = text.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
    pos = nl + 1;
  }
  bool yyyy = false, after_final = false;
  std::vector<std::pair<std::string, std::string>> config;  // option lines in force
  std::map<std::string, int> seen;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& head = lines[i];
    if (head.empty() || !(head[0] >= '0' && head[0] <= '9')) continue;
    size_t dl = yyyy ? 8 : 6;
    if (head.size() < dl) continue;
    std::string d = head.substr(0, dl);
    std::string id = Trim(head.substr(dl));
    std::string body;
    size_t j = i + 1;
    for (; j < lines.size() && !lines[j].empty(); ++j) body += lines[j] + "\n";
    i = j;
    Record r;
    int y = 0;
    for (size_t k = 0; k < (yyyy ? 4u : 2u); ++k) y = y * 10 + (d[k] - '0');
    if (!yyyy) y += y < 30 ? 2000 : 1900;
    std::string md = d.substr(yyyy ? 4 : 2, 4);
    r.date = std::to_string(y) + "-" + md.substr(0, 2) + "-" + md.substr(2, 2);
    r.id = id;
    if (seen[id]++) r.id += "#" + std::to_string(seen[id]);
    size_t cs = body.find("/*");
    r.text = CollapseSpace(body.substr(0, cs));
    std::string block = cs == std::string::npos ? "" : body.substr(cs);
    ParseTabariEvents(block, &r);
    if (r.outcome == "option") {
      for (const auto& c : r.config) {
        std::string up = c.second;
        if (up.find("YYYY") != std::string::npos)
          yyyy = up.find("TRUE") != std::string::npos;
        config.push_back(c);
      }
      continue;
    }
    r.config = config;
    r.category = CategoryOf(id);
    if (after_final) r.evaluate = false;
    if (id == "FINAL-01") after_final = true;
    suite->records.push_back(std::move(r));
  }
  return true;
}

// ---- PETRARCH XML ---------------------------------------------------------

std::string Unescape(std::string s);

// The value of attribute `name` in a tag, quoted with " or '.
std::string Attr(const std::string& tag, const char* name) {
  std::string key = std::string(name) + "=";
  size_t k = tag.find(key);
  while (k != std::string::npos && k > 0 && tag[k - 1] != ' ' && tag[k - 1] != '\t')
    k = tag.find(key, k + 1);
  if (k == std::string::npos) return "";
  size_t b = k + key.size();
  if (b >= tag.size() || (tag[b] != '"' && tag[b] != '\'')) return "";
  char q = tag[b++];
  size_t e = tag.find(q, b);
  return e == std::string::npos ? "" : Unescape(tag.substr(b, e - b));
}

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> ents[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  for (const auto& [from, to] : ents) {
    size_t k = 0;
    while ((k = s.find(from, k)) != std::string::npos) {
      s.replace(k, std::char_traits<char>::length(from), to);
      k += std::char_traits<char>::length(to);
    }
  }
  return s;
}

bool LoadPetrarchXml(const std::string& path, Suite* suite, std::string* err) {
  bool ok;
  std::string text = ReadAll(path, &ok);
  if (!ok) {
    *err = "cannot open " + path;
    return false;
  }
  // Drop comments (they hold commented-out records).
  std::string t;
  size_t pos = 0;
  while (true) {
    size_t b = text.find("<!--", pos);
    if (b == std::string::npos) {
      t += text.substr(pos);
      break;
    }
    t += text.substr(pos, b - pos);
    size_t e = text.find("-->", b + 4);
    if (e == std::string::npos) break;
    pos = e + 3;
  }
  auto inner = [&](const char* tag, size_t from, size_t to) -> std::string {
    std::string open = std::string("<") + tag + ">", close = std::string("</") + tag + ">";
    size_t b = t.find(open, from);
    if (b == std::string::npos || b > to) return "";
    size_t e = t.find(close, b);
    if (e == std::string::npos) return "";
    return t.substr(b + open.size(), e - b - open.size());
  };
  std::filesystem::path base = std::filesystem::path(path).parent_path();
  std::vector<std::string> dict_files;
  for (const char* tag : {"Verbfile", "Actorfile", "Agentfile", "Discardfile"}) {
    std::string f = Trim(inner(tag, 0, t.size()));
    if (!f.empty()) dict_files.push_back((base / f).string());
  }
  for (const std::string& f : dict_files) suite->dict += (suite->dict.empty() ? "" : ",") + f;
  std::vector<std::string> include;
  {
    std::string inc = inner("Include", 0, t.size());
    size_t b = 0;
    inc = CollapseSpace(inc);
    while (b < inc.size()) {
      size_t e = inc.find(' ', b);
      if (e == std::string::npos) e = inc.size();
      include.push_back(inc.substr(b, e - b));
      b = e + 1;
    }
  }
  std::vector<std::pair<std::string, std::string>> config;
  std::map<std::string, int> seen;
  pos = t.find("<Sentences>");
  if (pos == std::string::npos) pos = 0;
  while (true) {
    size_t s = t.find("<Sentence ", pos);
    size_t c = t.find("<Config ", pos);
    if (c != std::string::npos && (s == std::string::npos || c < s)) {
      size_t ce = t.find('>', c);
      if (ce == std::string::npos) break;
      std::string tag = t.substr(c, ce - c);
      std::string opt = Attr(tag, "option");
      if (opt != "stop_on_error") config.emplace_back(opt, Attr(tag, "value"));
      pos = ce + 1;
      continue;
    }
    if (s == std::string::npos) break;
    size_t se = t.find('>', s);
    size_t end = t.find("</Sentence>", s);
    if (se == std::string::npos || end == std::string::npos) break;
    std::string tag = t.substr(s, se - s);
    Record r;
    r.id = Attr(tag, "id");
    if (seen[r.id]++) r.id += "#" + std::to_string(seen[r.id]);
    std::string d = Attr(tag, "date");
    if (d.size() == 8) r.date = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    r.category = Attr(tag, "category");
    std::string sent = Lower(Attr(tag, "sentence")), ev = Lower(Attr(tag, "evaluate"));
    r.evaluate = sent != "false" && ev != "false";
    if (!include.empty() &&
        std::find(include.begin(), include.end(), r.category) == include.end())
      r.evaluate = false;
    r.text = CollapseSpace(Unescape(inner("Text", se, end)));
    r.outcome = "no_events";
    size_t k = se;
    while ((k = t.find("<EventCoding", k)) != std::string::npos && k < end) {
      size_t ke = t.find('>', k);
      std::string etag = t.substr(k, ke - k);
      k = ke;
      if (!Attr(etag, "error").empty()) {
        r.outcome = "error:" + Attr(etag, "error");
        continue;
      }
      if (Lower(Attr(etag, "noevents")) == "true") continue;
      auto clean = [](std::string code) {
        return code.find('~') != std::string::npos && code.size() <= 4
                   ? std::string("---") + code.substr(1)
                   : code;
      };
      std::string src = Attr(etag, "sourcecode"), tgt = Attr(etag, "targetcode");
      if (src.empty() && tgt.empty()) continue;
      r.expected.push_back(Triple{clean(src), clean(tgt), Attr(etag, "eventcode")});
      r.outcome = "events";
    }
    r.config = config;
    suite->records.push_back(std::move(r));
    pos = end + 11;
  }
  return true;
}

// ---- running --------------------------------------------------------------

struct ValidateArgs {
  std::string suite;
  std::string dict;
  bool show_passing = false;
  bool all = false;
  double min_pass_rate = -1;
};

int RunValidate(const ValidateArgs& a) {
  Suite suite;
  std::string err;
  std::string lower = Lower(a.suite);
  bool loaded = false;
  std::string dict_path = a.dict;
  if (EndsWith(lower, ".jsonl")) {
    loaded = LoadJsonl(a.suite, &suite, &err);
    if (loaded && ReplayTabariOptions(a.suite, &suite))
      std::fprintf(stderr, "casus: option commands replayed in order from %s\n",
                   (std::filesystem::path(a.suite).parent_path() /
                    (std::filesystem::path(a.suite).stem().string() + ".options.json"))
                       .string()
                       .c_str());
  } else if (EndsWith(lower, ".xml")) {
    loaded = LoadPetrarchXml(a.suite, &suite, &err);
  } else if (EndsWith(lower, ".project")) {
    // The project names its text file and its dictionaries.
    bool ok;
    std::string proj = ReadAll(a.suite, &ok);
    size_t k = proj.find("<textfile>");
    if (!ok || k == std::string::npos) {
      err = "cannot read a <textfile> from " + a.suite;
    } else {
      size_t e = proj.find('\n', k);
      std::string f = Trim(proj.substr(k + 10, e == std::string::npos ? e : e - k - 10));
      std::string tp = (std::filesystem::path(a.suite).parent_path() / f).string();
      loaded = LoadTabariText(tp, &suite, &err);
      suite.dict = a.suite;
    }
  } else {
    loaded = LoadTabariText(a.suite, &suite, &err);
    if (loaded) {
      // The .project beside the text names the dictionaries.
      std::error_code ec;
      for (const auto& e :
           std::filesystem::directory_iterator(std::filesystem::path(a.suite).parent_path(), ec))
        if (e.path().extension() == ".project") suite.dict = e.path().string();
    }
  }
  if (!loaded) {
    std::fprintf(stderr, "casus: %s\n", err.c_str());
    return kExitFatal;
  }
  if (dict_path.empty()) dict_path = suite.dict;
  if (dict_path.empty()) {
    std::fprintf(stderr, "casus: %s names no dictionaries; give --dict\n", a.suite.c_str());
    return kExitUsage;
  }
  std::vector<DictProblem> problems;
  auto dict = Dictionary::Open(dict_path, &problems);
  if (!dict.ok()) {
    std::fprintf(stderr, "casus: %s\n", dict.status().ToString().c_str());
    return kExitFatal;
  }
  std::fprintf(stderr, "casus: dictionary %s (%s): %zu actors, %zu verbs, %zu patterns, %zu problems\n",
               dict_path.c_str(), dict.value()->style(), dict.value()->num_actors(),
               dict.value()->num_verbs(), dict.value()->num_patterns(), problems.size());
  CodingOptions base;
  ApplyDictionaryOptions(*dict.value(), &base);

  struct Failure {
    const Record* r;
    std::vector<Triple> coded;
  };
  std::map<std::string, std::pair<int, int>> by_cat;  // passed, failed
  std::map<std::string, std::vector<Failure>> failures;
  int passed = 0, failed = 0, skipped = 0;
  std::string prev_story, story_text;
  for (const Record& r : suite.records) {
    if ((!r.evaluate || !r.has_expected) && !a.all) {
      ++skipped;
      continue;
    }
    CodingOptions o = base;
    // The UD-PETRARCH harness (PETRARCH-2 dictionaries) ignores <Config>.
    if (std::string(dict.value()->style()) != "petrarch2")
      for (const auto& [k, v] : r.config) (void)ApplyOption(k, v, &o);
    Pipeline pipeline(dict.value(), o);
    Coder coder = pipeline.NewCoder();
    Document doc;
    doc.id = r.id;
    doc.date = r.date;
    doc.text = r.text;
    std::vector<Event> events;
    // TABARI FORWARD: records "STORY-NNN" of one story are one document;
    // only the events of this record's sentences count.
    std::string story = r.id.substr(0, r.id.rfind('-'));
    if (o.forward && !r.id.empty() && story == prev_story) {
      std::vector<Sentence> own;
      coder.Code(doc, &own, nullptr);
      doc.text = story_text + " " + r.text;
      std::vector<Sentence> all;
      coder.Code(doc, &all, &events);
      int first = int(all.size()) - int(own.size());
      events.erase(std::remove_if(events.begin(), events.end(),
                                  [&](const Event& e) { return e.sent_index < first; }),
                   events.end());
      story_text = doc.text;
    } else {
      coder.Code(doc, nullptr, &events);
      story_text = r.text;
    }
    prev_story = story;
    std::vector<Triple> coded;
    for (const Event& e : events) coded.push_back(Triple{e.source, e.target, e.code});
    std::vector<Triple> exp = r.expected, got = coded;
    std::sort(exp.begin(), exp.end());
    std::sort(got.begin(), got.end());
    bool ok = exp == got;
    if (!ok && r.partial) ok = std::includes(got.begin(), got.end(), exp.begin(), exp.end());
    if (!ok && r.accepts_empty && got.empty()) ok = true;
    auto& c = by_cat[r.category];
    if (ok) {
      ++passed;
      ++c.first;
    } else {
      ++failed;
      ++c.second;
      failures[r.category].push_back(Failure{&r, coded});
    }
    if (ok && a.show_passing) std::printf("PASS %s\n", r.id.c_str());
  }
  auto list = [](const std::vector<Triple>& v) {
    if (v.empty()) return std::string("(none)");
    std::string s;
    for (const Triple& t : v) s += (s.empty() ? "" : " ") + t.ToString();
    return s;
  };
  for (const auto& [cat, fs] : failures) {
    std::printf("== %s: %zu failed\n", cat.c_str(), fs.size());
    for (const Failure& f : fs) {
      std::printf("FAIL %s: expected %s%s; coded %s\n", f.r->id.c_str(), list(f.r->expected).c_str(),
                  f.r->expected.empty() ? (" [" + f.r->outcome + "]").c_str() : "",
                  list(f.coded).c_str());
      std::printf("     %s\n", f.r->text.c_str());
    }
  }
  std::printf("-- by category (passed/total):");
  for (const auto& [cat, pf] : by_cat)
    std::printf(" %s %d/%d", cat.c_str(), pf.first, pf.first + pf.second);
  std::printf("\n");
  int total = passed + failed;
  double rate = total ? 100.0 * passed / total : 0;
  std::printf("-- %s: %d evaluated, %d not evaluated; pass rate %.1f%%\n", a.suite.c_str(), total,
              skipped, rate);
  std::printf("%d passed, %d failed\n", passed, failed);
  if (a.min_pass_rate >= 0 && rate + 1e-9 < a.min_pass_rate) {
    std::fprintf(stderr, "casus: pass rate %.1f%% is below the required %.1f%%\n", rate,
                 a.min_pass_rate);
    return kExitSkipped;
  }
  return kExitOk;
}

}  // namespace

void AddValidateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Run a TABARI or PETRARCH validation suite (Validate.text or its .project, a PETRARCH "
      "records .xml, or a neutral .jsonl with --dict) and print failures by category, ending "
      "with \"N passed, M failed\"");
  cmd->add_option("suite", args->suite, "suite file")->required();
  cmd->add_option("--dict", args->dict,
                  "dictionary (.project, PETR_config.ini, comma-separated files or a folder); "
                  "default: the one the suite names");
  cmd->add_flag("--show-passing", args->show_passing, "also list the records that pass");
  cmd->add_flag("--all", args->all, "also run records the suite does not evaluate");
  cmd->add_option("--min-pass-rate", args->min_pass_rate,
                  "exit 1 when the pass rate (percent) is below this");
  cmd->callback([args, exit_code] { *exit_code = RunValidate(*args); });
}

}  // namespace casus::cli
