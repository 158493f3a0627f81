// Dictionary entries as read from text, before compilation. Every reader
// (native, and later TABARI/PETRARCH) produces a RawDict; dict::Compile()
// turns it into the immutable Compiled form.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "dict/compiled.h"

namespace casus::dict {

struct RawActor {
  std::vector<std::string> phrases;  // a leading '=' marks a case-sensitive phrase
  std::vector<DatedCode> codes;
  Origin origin;
};

struct RawAgent {
  std::vector<std::string> phrases;
  std::string code;         // native: 3 letters; TABARI/PETRARCH: as written, e.g. "~GOV"
  Origin origin;
};

// One element of a pattern read from a TABARI or PETRARCH verb dictionary.
// Each alternative is a blank-separated word list; the words of one
// alternative are consecutive tokens. With RawDict::stem_marks a word ending
// in '*' is a stem (matches any token that begins with it), and a word "&NAME"
// stands for every phrase of synset NAME.
struct RawElem {
  enum class Type : uint8_t { kVerb, kTarget, kSource, kWords, kCompound, kSkip };
  Type type = Type::kWords;
  bool adjacent = false;  // joined to the previous element by '_'
  bool optional = false;  // PETRARCH-2 "(PREP ...)" words: preposition phrase
  std::vector<std::string> alternatives;
};

struct RawPattern {
  std::string text;
  std::vector<RawElem> elems;  // when non-empty, used instead of `text`
  std::string code;
  std::string paired;
  Origin origin;
  int column = 1;
};

struct RawVerb {
  std::string lemma;
  std::vector<std::string> forms;  // empty: generate regular forms
  std::string code = "---";
  std::string paired;
  std::vector<RawPattern> patterns;
  Origin origin;
};

// A TABARI <TIME> entry or an entry whose code is "###" (discard) or "+++"
// (too complex), matched like an actor phrase.
struct RawSpecial {
  std::vector<std::string> phrases;
  std::string code;  // "###", "+++", or a day shift such as "-7"
  Origin origin;
};

// An issue phrase (PETRARCH issues file).
struct RawIssue {
  std::string phrase;
  std::string code;
  Origin origin;
};

// A PETRARCH-2 transformation "~ a (a b ATTACK) SAY = a b 015": an event
// nested under a verb is recoded (dict::Transform).
struct RawTransform {
  std::string outer_verb;                // SAY
  std::string inner_source, inner_target, inner_verb;  // a b ATTACK
  std::string source, target, code;      // the result: a b 015
  Origin origin;
  std::string text;                      // the line as written
};

enum class DictStyle : uint8_t { kNative, kTabari, kPetrarch1, kPetrarch2 };

struct RawDict {
  DictStyle style = DictStyle::kNative;
  // Phrase words ending in '*' are stems, and actor/agent codes are kept as
  // written (TABARI/PETRARCH dictionaries).
  bool stem_marks = false;
  std::vector<RawSpecial> specials;
  std::vector<RawIssue> issues;
  std::vector<RawTransform> transforms;
  std::vector<std::string> story_discards;
  std::vector<std::string> nouns;       // TABARI <NOUN>: never verbs
  std::vector<std::string> adjectives;  // TABARI <ADJECTIVE>
  // Coding options from .options / PETR_config.ini: (key, value). TABARI
  // option lines have key "tabari" and the whole line as value.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<RawActor> actors;
  std::vector<RawAgent> agents;
  std::vector<RawVerb> verbs;
  std::map<std::string, std::vector<std::string>> synsets;  // name without '&'
  std::vector<std::string> discards;
};

std::unique_ptr<Compiled> Compile(const RawDict& raw, std::vector<DictProblem>* problems);

// Parses one file of the native format into *raw; problems go to *problems.
void ReadNative(const std::string& file_name, const std::string& text, RawDict* raw,
                std::vector<DictProblem>* problems);

// TABARI dictionaries (docs/dictionaries.md, "TABARI and PETRARCH").
// Each reader parses one file's text; problems get file:line:column.
void ReadTabariActors(const std::string& file, const std::string& text, RawDict* raw,
                      std::vector<DictProblem>* problems);
void ReadTabariAgents(const std::string& file, const std::string& text, RawDict* raw,
                      std::vector<DictProblem>* problems);
void ReadTabariVerbs(const std::string& file, const std::string& text, RawDict* raw,
                     std::vector<DictProblem>* problems);
void ReadTabariOptions(const std::string& file, const std::string& text, RawDict* raw,
                       std::vector<DictProblem>* problems);
// PETRARCH dictionaries. ReadPetrarchVerbs reads both the PETRARCH-1 format
// and PETRARCH-2's CAMEO.2.0.txt format (told apart by their patterns).
void ReadPetrarchVerbs(const std::string& file, const std::string& text, RawDict* raw,
                       std::vector<DictProblem>* problems);
void ReadPetrarchActors(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems);
void ReadPetrarchAgents(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems);
void ReadPetrarchDiscards(const std::string& file, const std::string& text, RawDict* raw,
                          std::vector<DictProblem>* problems);
void ReadPetrarchIssues(const std::string& file, const std::string& text, RawDict* raw,
                        std::vector<DictProblem>* problems);
// Reads a PETR_config.ini's [Options] into raw->options and returns the
// dictionary files it names (kind, file name relative to the ini).
struct ConfigFile {
  std::string kind;  // "verbs", "actors", "agents", "discards", "issues"
  std::string name;
};
std::vector<ConfigFile> ReadPetrarchConfig(const std::string& file, const std::string& text,
                                           RawDict* raw, std::vector<DictProblem>* problems);
// Reads a TABARI .project file and returns the dictionary files it names
// (kind "actors", "verbs", "agents", "options").
std::vector<ConfigFile> ReadTabariProject(const std::string& file, const std::string& text,
                                          std::vector<DictProblem>* problems);

// The regular inflections of a verb lemma, lemma first.
std::vector<std::string> RegularVerbForms(const std::string& lemma);

// True iff `code` is a well-formed actor code ("USA", "USAGOV", "---GOV").
bool ValidActorCode(std::string_view code);

}  // namespace casus::dict
