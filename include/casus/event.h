// casus: the data that flows between stages and out to users.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace casus {

// One input article. `date` is YYYY-MM-DD. `extra_json` holds the input's
// unknown keys as a JSON object text ("{}" when none), so nothing is lost.
struct Document {
  std::string id;
  std::string date;
  std::string title;
  std::string text;
  std::string source;
  std::string url;
  std::string extra_json = "{}";
};

// A sentence of a document: byte range [start, end) of Document::text.
struct Sentence {
  int index = 0;
  uint32_t start = 0;
  uint32_t end = 0;
};

// A piece of evidence: a byte range of Document::text, its text, and the
// dictionary entry or pattern that produced it ("file:line: text").
struct Evidence {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
  std::string entry;
  bool present() const { return end > start; }
};

// One coded event. Codes are CAMEO strings; "---" marks an absent actor.
struct Event {
  std::string doc_id;
  int sent_index = 0;
  std::string date;       // the article date (YYYY-MM-DD)
  std::string source;     // CAMEO actor code, e.g. "USAGOV"
  std::string target;     // CAMEO actor code or "---"
  std::string code;       // CAMEO event code with leading zero, e.g. "057"
  std::string root;       // first two digits, e.g. "05"
  int quad_class = 0;     // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0;   // Goldstein score of the code (or of its nearest parent)
  std::string plover;     // PLOVER event type, empty where the crosswalk has none
  std::string sentence;   // the sentence text
  std::string attribution;  // CAMEO code of the reporting actor ("X said ..."), or empty
  Evidence source_ev;
  Evidence target_ev;
  Evidence trigger_ev;
};

}  // namespace casus
