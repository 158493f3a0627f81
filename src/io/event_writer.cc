#include <cerrno>
#include <cstring>

#include "casus/writer.h"
#include "common/strutil.h"

namespace casus {

Result<OutputFormat> ParseOutputFormat(const std::string& name) {
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "tsv") return OutputFormat::kTsv;
  return Status::InvalidArgument("unknown output format \"" + name + "\": use jsonl, csv or tsv");
}

namespace {

void AppendEvidence(const char* name, const Evidence& ev, std::string* o) {
  *o += "\"";
  *o += name;
  *o += "\":";
  if (!ev.present()) {
    *o += "null";
    return;
  }
  *o += "{\"start\":" + std::to_string(ev.start) + ",\"end\":" + std::to_string(ev.end) +
        ",\"text\":" + JsonQuote(ev.text) + ",\"entry\":" + JsonQuote(ev.entry) + "}";
}

std::string FormatGoldstein(double g) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", g);
  return buf;
}

constexpr const char* kColumns[] = {"doc_id", "sent_index", "date", "source", "target",
                                    "code", "root", "quad_class", "goldstein", "plover",
                                    "attribution", "trigger", "sentence", "mode",
                                    "event_date", "location", "location_country", "lat", "lon"};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += "\"\"";
    else r.push_back(c);
  }
  return r + "\"";
}

std::string TsvField(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string LatLon(const Location& l, double v) {
  if (!l.present()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

std::string EventToJson(const Event& e) {
  std::string o;
  o.reserve(512 + e.sentence.size());
  o += "{\"doc_id\":" + JsonQuote(e.doc_id);
  o += ",\"sent_index\":" + std::to_string(e.sent_index);
  o += ",\"date\":" + JsonQuote(e.date);
  o += ",\"source\":" + JsonQuote(e.source);
  o += ",\"target\":" + JsonQuote(e.target);
  o += ",\"code\":" + JsonQuote(e.code);
  o += ",\"root\":" + JsonQuote(e.root);
  o += ",\"quad_class\":" + std::to_string(e.quad_class);
  o += ",\"goldstein\":" + FormatGoldstein(e.goldstein);
  o += ",\"plover\":" + (e.plover.empty() ? std::string("null") : JsonQuote(e.plover));
  o += ",\"attribution\":" + (e.attribution.empty() ? std::string("null") : JsonQuote(e.attribution));
  o += ",\"mode\":" + (e.mode.empty() ? std::string("null") : JsonQuote(e.mode));
  o += ",\"event_date\":" + JsonQuote(e.event_date.empty() ? e.date : e.event_date);
  o += ",\"location\":" + LocationToJson(e.location);
  if (!e.issues.empty()) {
    o += ",\"issues\":[";
    for (size_t i = 0; i < e.issues.size(); ++i) o += (i ? "," : "") + JsonQuote(e.issues[i]);
    o += "]";
  }
  o += ",\"sentence\":" + JsonQuote(e.sentence);
  o += ",\"evidence\":" + EvidenceToJson(e) + "}";
  return o;
}

std::string LocationToJson(const Location& l) {
  if (!l.present()) return "null";
  char ll[64];
  std::snprintf(ll, sizeof ll, ",\"lat\":%.4f,\"lon\":%.4f", l.lat, l.lon);
  std::string o = "{\"name\":" + JsonQuote(l.name) + ",\"country\":" + JsonQuote(l.country);
  o += ",\"admin1\":" + (l.admin1.empty() ? std::string("null") : JsonQuote(l.admin1));
  o += ",\"kind\":" + JsonQuote(l.kind) + ll + ",\"text\":" + JsonQuote(l.ev.text) + "}";
  return o;
}

std::string EvidenceToJson(const Event& e) {
  std::string o = "{";
  AppendEvidence("source", e.source_ev, &o);
  o += ",";
  AppendEvidence("target", e.target_ev, &o);
  o += ",";
  AppendEvidence("trigger", e.trigger_ev, &o);
  if (e.date_ev.present()) {
    o += ",";
    AppendEvidence("date", e.date_ev, &o);
  }
  if (e.location.ev.present()) {
    o += ",";
    AppendEvidence("location", e.location.ev, &o);
  }
  o += "}";
  return o;
}

EventWriter::EventWriter(FILE* out, OutputFormat format) : out_(out), format_(format) {}

Status EventWriter::Write(const Event& e) {
  buf_.clear();
  if (format_ == OutputFormat::kJsonl) {
    buf_ = EventToJson(e);
    buf_.push_back('\n');
  } else {
    const bool csv = format_ == OutputFormat::kCsv;
    const char sep = csv ? ',' : '\t';
    if (!header_done_) {
      for (size_t i = 0; i < std::size(kColumns); ++i) {
        if (i) buf_.push_back(sep);
        buf_ += kColumns[i];
      }
      buf_.push_back('\n');
      header_done_ = true;
    }
    const std::string fields[] = {e.doc_id, std::to_string(e.sent_index), e.date, e.source,
                                  e.target, e.code, e.root, std::to_string(e.quad_class),
                                  FormatGoldstein(e.goldstein), e.plover, e.attribution,
                                  e.trigger_ev.text, e.sentence, e.mode,
                                  e.event_date.empty() ? e.date : e.event_date, e.location.name,
                                  e.location.country, LatLon(e.location, e.location.lat),
                                  LatLon(e.location, e.location.lon)};
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i) buf_.push_back(sep);
      buf_ += csv ? CsvField(fields[i]) : TsvField(fields[i]);
    }
    buf_.push_back('\n');
  }
  if (fwrite(buf_.data(), 1, buf_.size(), out_) != buf_.size())
    return Status::IOError(std::string("cannot write output: ") + strerror(errno));
  return Status::OK();
}

Status EventWriter::Flush() {
  if (fflush(out_) != 0) return Status::IOError(std::string("cannot write output: ") + strerror(errno));
  return Status::OK();
}

}  // namespace casus
