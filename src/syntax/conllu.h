// CoNLL-U (https://universaldependencies.org/format.html): reading and writing.
//
// The reader never crashes and never stops at a bad line: each problem is
// reported as "file:line: message" and the sentence it belongs to is either
// repaired (a bad HEAD becomes 0, a missing column "_") or skipped. Multiword
// token lines ("1-2") and empty nodes ("1.1") are kept as they are, attached
// to the word they precede, so a writer reproduces them; the tagger and parser
// see only the basic words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "casus/status.h"

namespace casus::syntax {

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // -1 = unknown ("_"); 0 = root
  std::string deprel, deps, misc;
  bool space_after = true;  // false when MISC has SpaceAfter=No
};

// A line that is not a basic word: a multiword token range or an empty node,
// written verbatim before basic word `before` (0-based; == words.size() for
// lines after the last word).
struct ConlluExtraLine {
  size_t before = 0;
  std::string line;  // the whole line without the newline
  bool multiword = false;
  int first = 0, last = 0;  // for multiword tokens: the word range (1-based)
};

struct ConlluSentence {
  std::vector<std::string> comments;  // "# ..." lines, without the newline
  std::vector<ConlluWord> words;
  std::vector<ConlluExtraLine> extra;
  int64_t line = 0;  // line number of the first line, for messages

  // Value of a "# key = value" comment, or "" if absent.
  std::string Comment(std::string_view key) const;
  // Sets (or adds) "# key = value".
  void SetComment(std::string_view key, std::string_view value);
};

struct ConlluProblem {
  std::string file;
  int64_t line = 0;
  std::string message;
  std::string ToString() const { return file + ":" + std::to_string(line) + ": " + message; }
};

// Parses CoNLL-U text. Appends good sentences to *out and problems to
// *problems (may be null). A sentence with an unusable word line (not 10
// columns, a bad ID) is skipped; a bad HEAD or a cycle-free check failure
// only sets the HEADs of that sentence to -1.
void ParseConllu(std::string_view text, const std::string& file,
                 std::vector<ConlluSentence>* out, std::vector<ConlluProblem>* problems);

// Reads a CoNLL-U file ("-" = stdin). Fails only on I/O errors.
Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out,
                      std::vector<ConlluProblem>* problems);

// Appends one sentence in CoNLL-U (comments, lines, blank line) to *out.
void WriteConllu(const ConlluSentence& s, std::string* out);

// Text of the sentence rebuilt from forms and SpaceAfter=No (multiword
// tokens use their surface form).
std::string SentenceText(const ConlluSentence& s);

}  // namespace casus::syntax
