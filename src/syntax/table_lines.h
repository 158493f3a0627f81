// The embedded WordNet tables (wordnet_tables.inc) are arrays of string
// chunks ending in nullptr, each chunk holding '\n'-separated lines.
#pragma once

#include <string_view>

namespace casus::syntax {

// Calls f(line) for each non-empty line of a chunked table.
template <typename F>
void ForLines(const char* const* chunks, F f) {
  for (const char* const* c = chunks; *c; ++c) {
    std::string_view s(*c);
    size_t p = 0;
    while (p < s.size()) {
      size_t nl = s.find('\n', p);
      if (nl == std::string_view::npos) nl = s.size();
      if (nl > p) f(s.substr(p, nl - p));
      p = nl + 1;
    }
  }
}

}  // namespace casus::syntax
