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
  std::string code;
  Origin origin;
};

struct RawPattern {
  std::string text;
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

struct RawDict {
  std::vector<RawActor> actors;
  std::vector<RawAgent> agents;
  std::vector<RawVerb> verbs;
  std::map<std::string, std::vector<std::string>> synsets;  // name without '&'
  std::vector<std::string> discards;
};

// Parses one file of the native format into *raw; problems go to *problems.
std::unique_ptr<Compiled> Compile(const RawDict& raw, std::vector<DictProblem>* problems);

void ReadNative(const std::string& file_name, const std::string& text, RawDict* raw,
                std::vector<DictProblem>* problems);

// The regular inflections of a verb lemma, lemma first.
std::vector<std::string> RegularVerbForms(const std::string& lemma);

// True iff `code` is a well-formed actor code ("USA", "USAGOV", "---GOV").
bool ValidActorCode(std::string_view code);

}  // namespace casus::dict
