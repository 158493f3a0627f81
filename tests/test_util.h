// Helpers shared by the casus tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"

#define ASSERT_CASUS_OK(expr)                          \
  do {                                                 \
    ::casus::Status _s = (expr);                       \
    ASSERT_TRUE(_s.ok()) << _s.ToString();             \
  } while (0)

namespace casus::testing {

// Compiles a dictionary from text and fails the test on any problem.
inline std::shared_ptr<const Dictionary> Dict(const std::string& text) {
  std::vector<DictProblem> problems;
  auto d = Dictionary::FromText("test.dict", text, &problems);
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();
  EXPECT_TRUE(d.ok());
  return d.value();
}

// Codes `text` dated `date` and returns "SRC TGT CODE" strings in order
// ("SRC TGT CODE MODE" for an event with a mode).
inline std::vector<std::string> CodeText(const std::shared_ptr<const Dictionary>& dict,
                                         const std::string& text,
                                         const std::string& date = "2025-03-04",
                                         CodingOptions opt = {}) {
  Pipeline p(dict, opt);
  Coder c = p.NewCoder();
  Document doc;
  doc.id = "t";
  doc.date = date;
  doc.text = text;
  std::vector<Event> events;
  c.Code(doc, nullptr, &events);
  std::vector<std::string> out;
  for (const Event& e : events)
    out.push_back(e.source + " " + e.target + " " + e.code + (e.mode.empty() ? "" : " " + e.mode));
  return out;
}

}  // namespace casus::testing
