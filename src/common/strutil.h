// Small string helpers shared by the stages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casus {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, std::string_view sep);
std::string AsciiLowerCopy(std::string_view s);
// Appends `s` to *out as the inside of a JSON string (no quotes added).
void AppendJsonEscaped(std::string_view s, std::string* out);
// Returns `s` quoted and escaped as a JSON string.
std::string JsonQuote(std::string_view s);

}  // namespace casus
