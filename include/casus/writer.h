// casus: writing events as JSONL, CSV or TSV.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "casus/event.h"
#include "casus/status.h"

namespace casus {

enum class OutputFormat { kJsonl, kCsv, kTsv };

// Parses "jsonl", "csv" or "tsv".
Result<OutputFormat> ParseOutputFormat(const std::string& name);

// Serialises one event as one JSON object (no trailing newline). The schema
// is documented in docs/events.md.
std::string EventToJson(const Event& e);
// Only the "evidence" object of EventToJson().
std::string EvidenceToJson(const Event& e);
// Only the "location" object of EventToJson(): "null" when absent.
std::string LocationToJson(const Location& l);

class EventWriter {
 public:
  // Writes to `out` (not owned). CSV and TSV get a header line first.
  EventWriter(FILE* out, OutputFormat format);
  Status Write(const Event& e);
  Status Flush();

 private:
  FILE* out_;
  OutputFormat format_;
  bool header_done_ = false;
  std::string buf_;
};

}  // namespace casus
