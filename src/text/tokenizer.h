// Stage 2 of the pipeline: tokens with byte offsets.
//
// The tokenizer is zero-copy: a Token is a byte range [start, end) of the
// text it was given, shifted by `base`. Offsets are bytes of UTF-8, not code
// points. Rules (English news):
//   * words keep internal dots of acronyms ("U.S.", "U.N.") and the final dot
//     of known abbreviations ("Gen.", "Jan.", "Mr.") and of initials ("J.");
//   * numbers keep internal "." and "," between digits ("3.5", "1,000");
//   * clitics are split: "Iran's" -> "Iran" "'s", "didn't" -> "did" "n't";
//   * a hyphen is a token of its own ("cease-fire" -> "cease" "-" "fire");
//   * every other punctuation mark, ASCII or not, is one token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace casus::text {

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  bool word = false;         // letters/digits, as opposed to punctuation
  bool capitalized = false;  // first byte is an ASCII upper-case letter
};

// Appends the tokens of `text` to *out; offsets are shifted by `base`.
void Tokenize(std::string_view text, uint32_t base, std::vector<Token>* out);

// Writes the matching form of a token into *out: ASCII lower case, typographic
// apostrophes and quotes made ASCII, dashes made "-".
void NormalizeToken(std::string_view token, std::string* out);

// True for abbreviations that keep their final dot ("gen", "jan", "mr"),
// given in lower case without the dot.
bool IsAbbreviation(std::string_view lower_no_dot);

}  // namespace casus::text
