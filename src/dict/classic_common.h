// Helpers shared by the TABARI and PETRARCH dictionary readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "casus/dictionary.h"
#include "dict/raw.h"

namespace casus::dict::classic {

// One line of a dictionary file with its position, for error messages.
struct Line {
  const std::string* file;
  int number;
  std::string_view full;  // the whole line, without the newline
  std::vector<DictProblem>* problems;

  // Reports `msg` at the column where `fragment` starts (1 if it is not a
  // part of the line), quoting the fragment.
  void Error(std::string_view fragment, const std::string& msg) const;
};

// Calls fn(Line&) for each line of `text`; strips a final '\r'.
template <typename Fn>
void ForEachLine(const std::string& file, const std::string& text,
                 std::vector<DictProblem>* problems, Fn fn) {
  int no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view full(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++no;
    if (!full.empty() && full.back() == '\r') full.remove_suffix(1);
    Line line{&file, no, full, problems};
    fn(line);
  }
}

std::string Quote(std::string_view s);

// Removes a comment: from `marker` (';' TABARI, '#' PETRARCH) to the end.
std::string_view StripComment(std::string_view s, char marker);

// Converts a TABARI/PETRARCH phrase ("AL_GORE", "PRESIDENT GEORGE_W._BUSH_")
// to the RawDict form: blank-separated words. With `stems` (TABARI), every
// word not followed by '_' gets a final '*' (it is a stem), and words apart
// by a blank get a "~" word between them (other words may stand there).
std::string PhraseWords(std::string_view phrase, bool stems);

// Parses a date "YYMMDD" or "YYYYMMDD" into YYYYMMDD (two-digit years:
// 00-29 are 20xx, 30-99 19xx, as TABARI's MakeJulian).
bool ParseClassicDate(std::string_view s, int* out);

// Parses the inside of one code block "[USAGOV 991201-010114]", "[ARN]",
// "[USAGOV <011214]", "[EGYGOV >140608]" into *code. Returns false (after
// reporting) when malformed.
bool ParseActorCodeBlock(const Line& line, std::string_view inside, DatedCode* code);

// Parses a verb-pattern body (the text between the leading '-' and the
// code) into elements. TABARI syntax when `tabari` (stems, {a | b}), else
// PETRARCH-1/2 (exact words, {noun phrase}, (prep phrase)).
bool ParsePatternElems(const Line& line, std::string_view body, bool tabari,
                       std::vector<RawElem>* elems);

// Reads an actor file in the shared TABARI/PETRARCH layout: "PHRASE [CODE]",
// "+SYNONYM" lines, and indented "[CODE range]" lines; TABARI also has
// <NOUN>/<ADJECTIVE> sections, ';' comments and stems.
void ReadActorFile(const std::string& file, const std::string& text, bool tabari, RawDict* raw,
                   std::vector<DictProblem>* problems);

// Splits "CODE" or "CODE:PAIRED" (TABARI "[032:033]"). TABARI's marks stay
// at the end of the code, '!' before '?': "031!" is a dominant code (in CODE
// ALL mode the only events of its sentence), "023?" a weak one (the compiler
// takes the '?' off and marks the verb or pattern weak).
void SplitEventCode(std::string_view s, std::string* code, std::string* paired);

}  // namespace casus::dict::classic
