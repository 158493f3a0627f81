// casus: reading articles from JSONL or plain-text files.
//
// A reader never stops at a bad record: Read() reports it as a Problem with
// the file and line and moves on. Lines longer than the limit are skipped
// without being held in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "casus/event.h"
#include "casus/status.h"

namespace casus {

struct ReaderOptions {
  size_t max_line_bytes = 8u << 20;  // 8 MiB
  std::string default_date;          // used when a record has no date ("" = required)
};

struct InputProblem {
  std::string file;
  int64_t line = 0;
  std::string message;
  std::string ToString() const {
    return file + ":" + std::to_string(line) + ": " + message;
  }
};

class ArticleReader {
 public:
  enum class Next { kDocument, kProblem, kEnd };
  virtual ~ArticleReader() = default;

  // Opens a JSONL file of {"id","date","title","text","source","url",...}
  // objects; "-" reads standard input.
  static Result<std::unique_ptr<ArticleReader>> OpenJsonl(const std::string& path,
                                                          const ReaderOptions& options);
  // Opens a plain-text file as one document with the given date; the id is
  // the file name without its extension.
  static Result<std::unique_ptr<ArticleReader>> OpenText(const std::string& path,
                                                         const ReaderOptions& options);

  // Reads the next record into *doc, or reports a skipped one in *problem.
  virtual Next Read(Document* doc, InputProblem* problem) = 0;
  // Bytes consumed so far and the input size (0 when unknown, e.g. a pipe).
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t total_bytes() const = 0;
};

}  // namespace casus
