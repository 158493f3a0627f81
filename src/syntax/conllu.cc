#include "syntax/conllu.h"

#include <charconv>
#include <cstdio>

#include "syntax/binary_io.h"

namespace casus::syntax {

namespace {

bool ParseInt(std::string_view s, int* v) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc();
}

bool HasSpaceAfterNo(std::string_view misc) {
  size_t p = 0;
  while (p <= misc.size()) {
    size_t q = misc.find('|', p);
    if (q == std::string_view::npos) q = misc.size();
    if (misc.substr(p, q - p) == "SpaceAfter=No") return true;
    p = q + 1;
  }
  return false;
}

}  // namespace

std::string ConlluSentence::Comment(std::string_view key) const {
  for (const std::string& c : comments) {
    std::string_view v(c);
    if (v.size() < 2 || v[0] != '#') continue;
    v.remove_prefix(1);
    while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
    if (v.substr(0, key.size()) != key) continue;
    v.remove_prefix(key.size());
    while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
    if (v.empty() || v[0] != '=') continue;
    v.remove_prefix(1);
    while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
    return std::string(v);
  }
  return "";
}

void ConlluSentence::SetComment(std::string_view key, std::string_view value) {
  std::string text = "# " + std::string(key) + " = " + std::string(value);
  for (std::string& c : comments) {
    std::string_view v(c);
    if (v.size() < 2 || v[0] != '#') continue;
    v.remove_prefix(1);
    while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
    if (v.substr(0, key.size()) == key) {
      std::string_view rest = v.substr(key.size());
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      if (!rest.empty() && rest[0] == '=') {
        c = text;
        return;
      }
    }
  }
  comments.push_back(text);
}

void ParseConllu(std::string_view text, const std::string& file,
                 std::vector<ConlluSentence>* out, std::vector<ConlluProblem>* problems) {
  ConlluSentence cur;
  bool bad = false;       // skip the current sentence
  bool bad_heads = false;  // keep it, but without heads
  bool started = false;
  int64_t lineno = 0;
  auto problem = [&](int64_t line, std::string msg) {
    if (problems) problems->push_back(ConlluProblem{file, line, std::move(msg)});
  };
  auto finish = [&]() {
    if (started && !bad && !cur.words.empty()) {
      const int n = static_cast<int>(cur.words.size());
      bool out_of_range = false;
      for (const ConlluWord& w : cur.words) out_of_range = out_of_range || w.head > n;
      if (out_of_range)
        problem(cur.line, "sentence has a HEAD out of range; its heads are ignored");
      if (out_of_range || bad_heads)
        for (ConlluWord& w : cur.words) w.head = -1;
      for (ConlluExtraLine& e : cur.extra)
        if (e.multiword && (e.first < 1 || e.last > n || e.first > e.last)) e.multiword = false;
      out->push_back(std::move(cur));
    } else if (started && !bad && cur.words.empty() && !cur.extra.empty()) {
      problem(cur.line, "sentence has no basic words; skipped");
    }
    cur = ConlluSentence();
    bad = bad_heads = started = false;
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool blank = true;
    for (char c : line)
      if (c != ' ' && c != '\t') { blank = false; break; }
    if (blank) {
      finish();
      continue;
    }
    if (!started) {
      started = true;
      cur.line = lineno;
    }
    if (line[0] == '#') {
      cur.comments.emplace_back(line);
      continue;
    }
    if (bad) continue;
    std::string_view col[10];
    int ncol = 0;
    size_t p = 0;
    while (ncol < 10) {
      size_t t = line.find('\t', p);
      if (t == std::string_view::npos) t = line.size();
      col[ncol++] = line.substr(p, t - p);
      if (t == line.size()) break;
      p = t + 1;
      if (ncol == 10) {
        ncol = 11;  // too many columns
        break;
      }
    }
    if (ncol != 10) {
      problem(lineno, "expected 10 tab-separated columns, got " +
                          std::string(ncol > 10 ? "more" : std::to_string(ncol)) +
                          "; sentence skipped");
      bad = true;
      continue;
    }
    std::string_view id = col[0];
    size_t dash = id.find('-'), dot = id.find('.');
    if (dash != std::string_view::npos || dot != std::string_view::npos) {
      ConlluExtraLine e;
      e.before = cur.words.size();
      e.line = std::string(line);
      int a = 0, b = 0;
      if (dash != std::string_view::npos) {
        if (!ParseInt(id.substr(0, dash), &a) || !ParseInt(id.substr(dash + 1), &b) || a > b ||
            a != static_cast<int>(cur.words.size()) + 1) {
          problem(lineno, "bad multiword token ID \"" + std::string(id) + "\"; sentence skipped");
          bad = true;
          continue;
        }
        e.multiword = true;
        e.first = a;
        e.last = b;
      } else if (!ParseInt(id.substr(0, dot), &a) || !ParseInt(id.substr(dot + 1), &b) ||
                 a != static_cast<int>(cur.words.size())) {
        problem(lineno, "bad empty node ID \"" + std::string(id) + "\"; sentence skipped");
        bad = true;
        continue;
      }
      cur.extra.push_back(std::move(e));
      continue;
    }
    int n = 0;
    if (!ParseInt(id, &n) || n != static_cast<int>(cur.words.size()) + 1) {
      problem(lineno, "expected word ID " + std::to_string(cur.words.size() + 1) + ", got \"" +
                          std::string(id) + "\"; sentence skipped");
      bad = true;
      continue;
    }
    ConlluWord w;
    w.form = col[1];
    w.lemma = col[2];
    w.upos = col[3];
    w.xpos = col[4];
    w.feats = col[5];
    if (col[6] == "_") {
      w.head = -1;
    } else if (!ParseInt(col[6], &w.head)) {
      problem(lineno, "bad HEAD \"" + std::string(col[6]) + "\"; the sentence's heads are ignored");
      bad_heads = true;
      w.head = -1;
    }
    w.deprel = col[7];
    w.deps = col[8];
    w.misc = col[9];
    w.space_after = !HasSpaceAfterNo(col[9]);
    if (w.form.empty()) {
      problem(lineno, "empty FORM; sentence skipped");
      bad = true;
      continue;
    }
    cur.words.push_back(std::move(w));
  }
  finish();
}

Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out,
                      std::vector<ConlluProblem>* problems) {
  std::string data;
  if (path == "-") {
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) data.append(buf, n);
  } else {
    CASUS_TRY(ReadWholeFile(path, &data));
  }
  ParseConllu(data, path, out, problems);
  return Status::OK();
}

void WriteConllu(const ConlluSentence& s, std::string* out) {
  for (const std::string& c : s.comments) {
    out->append(c);
    out->push_back('\n');
  }
  size_t e = 0;
  auto field = [&](const std::string& v) {
    out->append(v.empty() ? "_" : v);
  };
  for (size_t i = 0; i <= s.words.size(); ++i) {
    while (e < s.extra.size() && s.extra[e].before <= i) {
      out->append(s.extra[e].line);
      out->push_back('\n');
      ++e;
    }
    if (i == s.words.size()) break;
    const ConlluWord& w = s.words[i];
    out->append(std::to_string(i + 1));
    out->push_back('\t');
    field(w.form);
    out->push_back('\t');
    field(w.lemma);
    out->push_back('\t');
    field(w.upos);
    out->push_back('\t');
    field(w.xpos);
    out->push_back('\t');
    field(w.feats);
    out->push_back('\t');
    out->append(w.head < 0 ? "_" : std::to_string(w.head));
    out->push_back('\t');
    field(w.deprel);
    out->push_back('\t');
    field(w.deps);
    out->push_back('\t');
    field(w.misc);
    out->push_back('\n');
  }
  out->push_back('\n');
}

std::string SentenceText(const ConlluSentence& s) {
  std::string t;
  size_t e = 0;
  for (size_t i = 0; i < s.words.size();) {
    while (e < s.extra.size() && (s.extra[e].before < i || !s.extra[e].multiword)) ++e;
    if (e < s.extra.size() && s.extra[e].before == i && s.extra[e].multiword) {
      const ConlluExtraLine& x = s.extra[e];
      // Surface form and MISC of the multiword token line.
      std::string_view line(x.line);
      std::string_view cols[10];
      int nc = 0;
      size_t p = 0;
      while (nc < 10) {
        size_t q = line.find('\t', p);
        if (q == std::string_view::npos) q = line.size();
        cols[nc++] = line.substr(p, q - p);
        if (q == line.size()) break;
        p = q + 1;
      }
      t.append(cols[1]);
      if (nc == 10 && !HasSpaceAfterNo(cols[9])) t.push_back(' ');
      i = static_cast<size_t>(x.last);
      ++e;
      continue;
    }
    t.append(s.words[i].form);
    if (s.words[i].space_after) t.push_back(' ');
    ++i;
  }
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t;
}

}  // namespace casus::syntax
