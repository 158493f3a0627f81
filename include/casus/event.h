// casus: the data that flows between stages and out to users.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace casus {

// A word of pre-parsed input (CoNLL-U): its byte range [start, end) of
// Document::text and its dependency analysis.
struct ParsedWord {
  uint32_t start = 0, end = 0;
  int head = -1;  // index in Document::words of the head word; -1: the root or unknown
  std::string deprel, upos, lemma;
};

// One input article. `date` is YYYY-MM-DD. `extra_json` holds the input's
// unknown keys as a JSON object text ("{}" when none), so nothing is lost.
// `words` is empty unless the input came parsed (`casus code --input-format
// conllu`); the native coder then takes source and target from that parse.
struct Document {
  std::string id;
  std::string date;
  std::string title;
  std::string text;
  std::string source;
  std::string url;
  std::string extra_json = "{}";
  std::vector<ParsedWord> words{};
};

// A sentence of a document: byte range [start, end) of Document::text; a
// negative index (-1, -2, ...) is a sentence of Document::title, and its
// range and its events' evidence index the title.
struct Sentence {
  int index = 0;
  uint32_t start = 0;
  uint32_t end = 0;
};

// A piece of evidence: a byte range of Document::text (of Document::title
// for an event of a title sentence, sent_index < 0), its text, and the
// dictionary entry or pattern that produced it ("file:line: text").
struct Evidence {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
  std::string entry;
  bool present() const { return end > start; }
};

// Where an event took place: a place named in the sentence, resolved to the
// gazetteer the project ships (data/gazetteer/places.tsv).
struct Location {
  std::string name;     // the canonical gazetteer name, e.g. "Kyiv"
  std::string country;  // ISO 3166-1 alpha-3 (= CAMEO country code)
  std::string admin1;   // first-level division of a city, or empty
  std::string kind;     // country, admin1, capital, city, territory, region
  double lat = 0, lon = 0;
  Evidence ev;          // the words in the sentence ("Kiev", "the Kharkiv region")
  bool present() const { return !name.empty(); }
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
  // PLOVER-style auxiliary mode: empty for an asserted event, else "negated",
  // "hypothetical", "future", "alleged" or "denied". Events with a mode are
  // out of default counts (queries, statistics, accuracy).
  std::string mode;
  // The event's own date (YYYY-MM-DD): the article date unless the sentence
  // dates the event ("yesterday", "on Tuesday", "Jan. 5"); date_ev holds
  // the words that did.
  std::string event_date;
  Evidence date_ev;
  Location location;
  // Issue codes of the sentence, in order of first mention, from a PETRARCH
  // issues file ("[NUCLEAR_WEAPONS]"); empty with dictionaries that have none.
  std::vector<std::string> issues;
  Evidence source_ev;
  Evidence target_ev;
  Evidence trigger_ev;
};

}  // namespace casus
