// Little-endian binary model files: a 4-byte magic, a uint32 format version,
// then typed fields. Like fastText's signModel/checkModel, a reader rejects a
// wrong magic or a version newer than it knows with a clear Status.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "casus/status.h"

namespace casus::syntax {

class BinaryWriter {
 public:
  void U8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Raw(&v, 2); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void I16(int16_t v) { Raw(&v, 2); }
  void F32(float v) { Raw(&v, 4); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    buf_.append(s);
  }
  void Raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }
  const std::string& data() const { return buf_; }
  // Writes the buffer to `path` (atomically: a temporary file, then rename).
  Status WriteFile(const std::string& path) const;

 private:
  std::string buf_;  // assumes a little-endian host (x86-64, AArch64)
};

// Reads fields from a buffer; after the first short read every further read
// returns zero and ok() is false, so a loader checks once at the end.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view data) : data_(data) {}
  uint8_t U8() { uint8_t v = 0; Raw(&v, 1); return v; }
  uint16_t U16() { uint16_t v = 0; Raw(&v, 2); return v; }
  uint32_t U32() { uint32_t v = 0; Raw(&v, 4); return v; }
  uint64_t U64() { uint64_t v = 0; Raw(&v, 8); return v; }
  int16_t I16() { int16_t v = 0; Raw(&v, 2); return v; }
  float F32() { float v = 0; Raw(&v, 4); return v; }
  std::string Str() {
    uint32_t n = U32();
    if (!ok_ || n > data_.size() - pos_) { ok_ = false; return {}; }
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  bool Raw(void* p, size_t n) {
    if (!ok_ || n > data_.size() - pos_) { ok_ = false; return false; }
    std::memcpy(p, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  // A count of items of `item_bytes` each that must fit in what is left.
  bool CountFits(uint64_t count, size_t item_bytes) const {
    return ok_ && count <= (data_.size() - pos_) / (item_bytes ? item_bytes : 1);
  }
  void Fail() { ok_ = false; }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Reads a whole file into *out.
Status ReadWholeFile(const std::string& path, std::string* out);

// Writes magic + version.
void WriteHeader(BinaryWriter* w, uint32_t magic, uint32_t version);
// Checks magic + version; `what` names the file kind in messages
// ("tagger model"). Accepts versions min_version..max_version (older files
// were written with other features and must be retrained).
Status CheckHeader(BinaryReader* r, uint32_t magic, uint32_t min_version, uint32_t max_version,
                   const std::string& path, const char* what, uint32_t* version);

// 64-bit hashing for features and words.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
inline uint64_t HashCombine(uint64_t h, uint64_t v) {
  return Mix64(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}
// FNV-1a over bytes, then mixed.
inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

}  // namespace casus::syntax
