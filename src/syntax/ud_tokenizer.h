// UD-compatible tokenization for `casus parse`, built on the coding
// tokenizer and sentence splitter of src/text/ (whose behaviour it does not
// change): it only regroups their tokens the way UD English (EWT, PUD) does.
//
//   * Clitics are syntactic words inside one surface token (a multiword token
//     in CoNLL-U): "don't" = do + n't, "Iran's" = Iran + 's, "I'm" = I + 'm,
//     "they're" = they + 're, "cannot" = can + not, "gonna" = gon + na.
//   * Hyphens stay separate tokens ("cease - fire"), as in UD English since
//     v2.14, except after a bound prefix: "e-mail", "non-stop", "mid-1990s",
//     "re-elect", "co-operate", "anti-war" are one token.
//
// Offsets are bytes of the text passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace casus::syntax {

struct UdToken {
  uint32_t start = 0, end = 0;     // surface token [start, end)
  std::vector<std::string> words;  // one word, or the words of a multiword token
  bool space_after = true;
};

struct UdSentence {
  uint32_t start = 0, end = 0;
  std::vector<UdToken> tokens;
};

// Splits `text` into sentences of UD tokens; appends them to *out.
void UdTokenize(std::string_view text, std::vector<UdSentence>* out);

}  // namespace casus::syntax
