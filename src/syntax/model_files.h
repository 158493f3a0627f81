// The two model files under models/:
//   tagger.bin  magic "CSTG", version 1: Tagger, then the lemma lexicon
//   parser.bin  magic "CSPR", version 1: Parser
// A loader rejects a wrong magic or a newer version with a clear Status and
// reports truncated or trailing data as corruption.
#pragma once

#include <string>

#include "casus/status.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"

namespace casus::syntax {

inline constexpr const char* kTaggerFile = "tagger.bin";
inline constexpr const char* kParserFile = "parser.bin";

Status SaveTaggerModel(const std::string& path, const Tagger& tagger, const Lemmatizer& lemmatizer);
Status LoadTaggerModel(const std::string& path, Tagger* tagger, Lemmatizer* lemmatizer);
Status SaveParserModel(const std::string& path, const Parser& parser);
Status LoadParserModel(const std::string& path, Parser* parser);

}  // namespace casus::syntax
