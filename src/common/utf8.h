// UTF-8 validation.
#pragma once

#include <cstddef>
#include <string_view>

namespace casus {

// Returns true iff `s` is well-formed UTF-8. On false, *bad_offset (if not
// null) receives the byte offset of the first bad sequence.
bool ValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

}  // namespace casus
