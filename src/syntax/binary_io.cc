#include "syntax/binary_io.h"

#include <cstdio>

namespace casus::syntax {

Status BinaryWriter::WriteFile(const std::string& path) const {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IOError("cannot write " + tmp);
  bool ok = std::fwrite(buf_.data(), 1, buf_.size(), f) == buf_.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot rename " + tmp + " to " + path);
  }
  return Status::OK();
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::NotFound("cannot open " + path);
  out->clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) return Status::IOError("cannot read " + path);
  return Status::OK();
}

void WriteHeader(BinaryWriter* w, uint32_t magic, uint32_t version) {
  w->U32(magic);
  w->U32(version);
}

Status CheckHeader(BinaryReader* r, uint32_t magic, uint32_t min_version, uint32_t max_version,
                   const std::string& path, const char* what, uint32_t* version) {
  uint32_t m = r->U32();
  uint32_t v = r->U32();
  if (!r->ok()) return Status::Corruption(path + ": too short to be a " + what);
  if (m != magic)
    return Status::Corruption(path + ": not a casus " + what + " (wrong magic number)");
  if (v < min_version || v > max_version)
    return Status::InvalidArgument(path + ": " + what + " format version " + std::to_string(v) +
                                   " is not supported (this casus reads versions " +
                                   std::to_string(min_version) + ".." +
                                   std::to_string(max_version) + "; retrain or upgrade casus)");
  *version = v;
  return Status::OK();
}

}  // namespace casus::syntax
