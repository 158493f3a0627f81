// Runs every data-driven golden test under tests/golden/ (format: tests/README.md).
//
//   # name: ...            header lines
//   # dict: tests/fixtures/dicts/fictional
//
//   code 2025-03-04        one case: date, text lines, "----", expected events
//   Arnor attacked Gondor.
//   ----
//   ARN GON 190
//
// An expected event is "SOURCE TARGET CODE", then optionally its mode
// (negated, hypothetical, future, alleged, denied; none means asserted) and
// attributes that are checked when given: date=YYYY-MM-DD (event_date),
// loc=NAME (location name; loc=- for none), attr=CODE (attribution).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "casus/dictionary.h"
#include "casus/pipeline.h"

namespace casus {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string file;
  int line = 0;
  std::string date;
  std::string text;
  std::vector<std::string> expected;                       // "S T C[ mode]"
  std::vector<std::map<std::string, std::string>> attrs;   // per expected event
};

bool IsMode(const std::string& w) {
  return w == "negated" || w == "hypothetical" || w == "future" || w == "alleged" ||
         w == "denied";
}

std::string TrimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  return s;
}

std::string Normalize(const std::string& line, std::map<std::string, std::string>* attrs) {
  std::istringstream in(line);
  std::string a, b, c, w;
  in >> a >> b >> c;
  std::string key = a + " " + b + " " + c;
  while (in >> w) {
    size_t eq = w.find('=');
    if (eq != std::string::npos) (*attrs)[w.substr(0, eq)] = w.substr(eq + 1);
    else if (IsMode(w)) key += " " + w;
    else ADD_FAILURE() << "golden: unknown word '" << w << "' in '" << line << "'";
  }
  return key;
}

std::string Key(const Event& e) {
  return e.source + " " + e.target + " " + e.code + (e.mode.empty() ? "" : " " + e.mode);
}

// Parses one .test file; reports format errors as test failures.
std::vector<Case> ParseFile(const fs::path& path, std::string* dict) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  int line_no = 0;
  enum { kIdle, kText, kExpected } state = kIdle;
  Case cur;
  auto finish = [&] {
    if (state != kIdle) cases.push_back(cur);
    state = kIdle;
  };
  while (std::getline(in, line)) {
    ++line_no;
    line = TrimRight(line);
    if (state == kIdle) {
      if (line.rfind("# dict:", 0) == 0) {
        *dict = line.substr(7);
        dict->erase(0, dict->find_first_not_of(' '));
        continue;
      }
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("code ", 0) == 0) {
        cur = Case{path.string(), line_no, line.substr(5), "", {}, {}};
        state = kText;
        continue;
      }
      ADD_FAILURE() << path.string() << ":" << line_no << ": expected 'code DATE', got '" << line
                    << "'";
      continue;
    }
    if (state == kText) {
      if (line == "----") {
        state = kExpected;
        continue;
      }
      if (!cur.text.empty()) cur.text += " ";
      cur.text += line;
      continue;
    }
    // kExpected
    if (line.empty()) {
      finish();
      continue;
    }
    if (line[0] == '#') continue;
    // loc=Kryvyi_Rih: underscores stand for spaces in names.
    std::map<std::string, std::string> attrs;
    cur.expected.push_back(Normalize(line, &attrs));
    for (auto& [k, v] : attrs) std::replace(v.begin(), v.end(), '_', ' ');
    cur.attrs.push_back(std::move(attrs));
  }
  if (state == kText)
    ADD_FAILURE() << path.string() << ":" << cur.line << ": case without '----'";
  finish();
  return cases;
}

TEST(GoldenTest, AllCases) {
  const fs::path root = fs::path(CASUS_SOURCE_DIR) / "tests" / "golden";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no golden tests under " << root;
  std::map<std::string, std::shared_ptr<const Dictionary>> dicts;
  int total = 0, failed = 0;
  for (const fs::path& f : files) {
    std::string dict_name = "data/dict";
    std::vector<Case> cases = ParseFile(f, &dict_name);
    auto& dict = dicts[dict_name];
    if (!dict) {
      std::vector<DictProblem> problems;
      auto d = Dictionary::LoadFolder((fs::path(CASUS_SOURCE_DIR) / dict_name).string(), &problems);
      ASSERT_TRUE(d.ok()) << f << ": " << d.status().ToString();
      for (const auto& p : problems) ADD_FAILURE() << p.ToString();
      dict = d.value();
    }
    Pipeline pipeline(dict, {});
    Coder coder = pipeline.NewCoder();
    for (const Case& c : cases) {
      ++total;
      Document doc{"golden", c.date, "", c.text, "", "", "{}"};
      std::vector<Event> events;
      coder.Code(doc, nullptr, &events);
      std::vector<std::string> got;
      for (const Event& e : events) got.push_back(Key(e));
      std::vector<std::string> want = c.expected;
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      if (got != want) {
        ++failed;
        std::string g, w;
        for (auto& s : got) g += "\n    " + s;
        for (auto& s : want) w += "\n    " + s;
        ADD_FAILURE() << c.file << ":" << c.line << ": " << c.text << "\n  expected:"
                      << (w.empty() ? " (none)" : w) << "\n  coded:" << (g.empty() ? " (none)" : g);
        continue;
      }
      for (size_t i = 0; i < c.expected.size(); ++i) {
        for (const auto& [k, v] : c.attrs[i]) {
          const Event* e = nullptr;
          for (const Event& x : events)
            if (Key(x) == c.expected[i]) e = &x;
          std::string have = !e ? "" : k == "date" ? e->event_date
                                 : k == "loc"    ? (e->location.present() ? e->location.name : "-")
                                 : k == "attr"   ? (e->attribution.empty() ? "-" : e->attribution)
                                                 : "?";
          if (have != v) {
            ++failed;
            ADD_FAILURE() << c.file << ":" << c.line << ": " << c.text << "\n  " << c.expected[i]
                          << ": expected " << k << "=" << v << ", coded " << k << "=" << have;
          }
        }
      }
    }
  }
  std::printf("golden: %d cases, %d passed, %d failed\n", total, total - failed, failed);
}

}  // namespace
}  // namespace casus
