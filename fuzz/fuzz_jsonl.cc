// Fuzzes the JSONL article reader: any bytes give documents or problems with
// a line number, never a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "casus/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  char path[] = "/tmp/casus_fuzz_jsonl_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  FILE* f = fdopen(fd, "wb");
  fwrite(data, 1, size, f);
  fclose(f);
  casus::ReaderOptions o;
  o.max_line_bytes = 4096;
  auto r = casus::ArticleReader::OpenJsonl(path, o);
  if (r.ok()) {
    casus::Document d;
    casus::InputProblem p;
    int guard = 0;
    while (r.value()->Read(&d, &p) != casus::ArticleReader::Next::kEnd && ++guard < 100000) {
      if (p.line < 0) abort();
    }
  }
  remove(path);
  return 0;
}
