// Stage 1 of the pipeline: sentence boundaries.
//
// Splits UTF-8 text into sentences, returned as trimmed byte ranges
// [start, end). A boundary is a '.', '?' or '!' (with any closing quotes or
// brackets) followed by blank space and an upper-case letter, digit or opening
// quote, or a blank line. A '.' does not end a sentence after an abbreviation
// that introduces a name or number ("Gen. Smith", "Jan. 5", "Mr."), after an
// initial ("J. Smith"), or inside a number ("3.5"). After dotted acronyms
// ("U.S.", "a.m.") and company suffixes ("Inc.") a boundary is taken only
// when a typical sentence opener follows ("U.S. The ...").
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace casus::text {

struct SentenceRange {
  uint32_t start;
  uint32_t end;
};

void SplitSentences(std::string_view text, std::vector<SentenceRange>* out);

}  // namespace casus::text
