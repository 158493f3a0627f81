// Result tables, their text/CSV/JSON forms, and parsing of filter values.
#include <cmath>
#include <cstdio>

#include "casus/query.h"
#include "common/date.h"
#include "common/strutil.h"

namespace casus {

std::string Value::ToString() const {
  switch (kind) {
    case Kind::kNull: return "";
    case Kind::kInt: return std::to_string(i);
    case Kind::kReal: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g", d);
      return buf;
    }
    case Kind::kText:
    case Kind::kJson: return s;
  }
  return "";
}

void Value::AppendJson(std::string* out) const {
  switch (kind) {
    case Kind::kNull: *out += "null"; return;
    case Kind::kInt: *out += std::to_string(i); return;
    case Kind::kReal: {
      if (!std::isfinite(d)) {
        *out += "null";
        return;
      }
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", d);
      *out += buf;
      return;
    }
    case Kind::kText:
      out->push_back('"');
      AppendJsonEscaped(s, out);
      out->push_back('"');
      return;
    case Kind::kJson: *out += s.empty() ? "null" : s; return;
  }
}

int Table::Column(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return int(i);
  return -1;
}

std::string Table::ToJsonRows() const {
  std::string o = "[";
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r) o += ",";
    o += "{";
    for (size_t c = 0; c < columns.size() && c < rows[r].size(); ++c) {
      if (c) o += ",";
      o += JsonQuote(columns[c]);
      o += ":";
      rows[r][c].AppendJson(&o);
    }
    o += "}";
  }
  o += "]";
  return o;
}

namespace {

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += "\"\"";
    else r.push_back(c);
  }
  return r + "\"";
}

// Display width of UTF-8 text: one column per code point.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Cuts `s` to at most `max` code points, marking the cut with "…".
std::string Cut(std::string s, size_t max) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (Width(s) <= max) return s;
  size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max - 1) break;
      ++n;
    }
  }
  return s.substr(0, i) + "\xE2\x80\xA6";
}

}  // namespace

std::string Table::ToCsv() const {
  std::string o;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) o += ",";
    o += CsvCell(columns[c]);
  }
  o += "\n";
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) o += ",";
      o += CsvCell(row[c].ToString());
    }
    o += "\n";
  }
  return o;
}

std::string Table::ToText(size_t max_cell) const {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(columns.size(), 0);
  for (size_t c = 0; c < columns.size(); ++c) width[c] = Width(columns[c]);
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string v = c < row.size() ? Cut(row[c].ToString(), max_cell) : "";
      width[c] = std::max(width[c], Width(v));
      line.push_back(std::move(v));
    }
    cells.push_back(std::move(line));
  }
  std::string o;
  auto put = [&](const std::vector<std::string>& line, bool numeric_right) {
    for (size_t c = 0; c < line.size(); ++c) {
      size_t pad = width[c] - Width(line[c]);
      bool right = numeric_right && c < rows.front().size() &&
                   (rows.front()[c].kind == Value::Kind::kInt ||
                    rows.front()[c].kind == Value::Kind::kReal);
      if (c) o += "  ";
      if (right) o.append(pad, ' ');
      o += line[c];
      if (!right && c + 1 < line.size()) o.append(pad, ' ');
    }
    o += "\n";
  };
  put(columns, false);
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) o += "  ";
    o.append(width[c], '-');
  }
  o += "\n";
  for (const auto& line : cells) put(line, true);
  o += "(" + std::to_string(rows.size()) + " row" + (rows.size() == 1 ? "" : "s") + ")\n";
  return o;
}

Result<TableFormat> ParseTableFormat(std::string_view name) {
  if (name == "table" || name == "text") return TableFormat::kTable;
  if (name == "csv") return TableFormat::kCsv;
  if (name == "json") return TableFormat::kJson;
  return Status::InvalidArgument("unknown format \"" + std::string(name) +
                                 "\": use table, csv or json");
}

std::string FormatTable(const Table& t, TableFormat format) {
  switch (format) {
    case TableFormat::kTable: return t.ToText();
    case TableFormat::kCsv: return t.ToCsv();
    case TableFormat::kJson: {
      std::string o = "{\"columns\":[";
      for (size_t c = 0; c < t.columns.size(); ++c) {
        if (c) o += ",";
        o += JsonQuote(t.columns[c]);
      }
      o += "],\"rows\":" + t.ToJsonRows();
      o += ",\"next_cursor\":";
      o += t.next_cursor.empty() ? "null" : JsonQuote(t.next_cursor);
      o += "}\n";
      return o;
    }
  }
  return "";
}

Result<Period> ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  return Status::InvalidArgument("unknown period \"" + std::string(name) +
                                 "\": use day, week or month");
}

Result<TopKind> ParseTopKind(std::string_view name) {
  if (name == "actors") return TopKind::kActors;
  if (name == "sources") return TopKind::kSources;
  if (name == "targets") return TopKind::kTargets;
  if (name == "dyads") return TopKind::kDyads;
  if (name == "codes") return TopKind::kCodes;
  if (name == "roots") return TopKind::kRoots;
  return Status::InvalidArgument("unknown ranking \"" + std::string(name) +
                                 "\": use actors, sources, targets, dyads, codes or roots");
}

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "plover") return ExportFormat::kPlover;
  if (name == "gdelt") return ExportFormat::kGdelt;
  if (name == "phoenix") return ExportFormat::kPhoenix;
  if (name == "csv") return ExportFormat::kCsv;
  return Status::InvalidArgument("unknown export format \"" + std::string(name) +
                                 "\": use plover, gdelt, phoenix or csv");
}

namespace {

constexpr size_t kMaxFilterBytes = 512;

// An actor or event code, or a prefix of one ending in '*'; upper-cased.
Status CodePattern(std::string_view name, std::string_view v, bool digits_only,
                   std::string* out) {
  std::string r;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool ok = digits_only ? IsAsciiDigit(c) : (IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-');
    if (c == '*' && i + 1 == v.size()) ok = true;
    if (!ok)
      return Status::InvalidArgument(std::string(name) + " \"" + std::string(v) +
                                     "\": use a code such as " +
                                     (digits_only ? "042 or a prefix such as 04*"
                                                  : "RUSMIL or a prefix such as USA*"));
    r.push_back(c >= 'a' && c <= 'z' ? char(c - 32) : c);
  }
  *out = std::move(r);
  return Status::OK();
}

}  // namespace

const std::vector<std::string>& EventFilter::Names() {
  static const std::vector<std::string> kNames = {"from", "to", "actor", "source", "target",
                                                  "code", "root", "quad", "plover", "mode",
                                                  "text", "dedup"};
  return kNames;
}

Status EventFilter::Set(std::string_view name, std::string_view raw) {
  std::string_view v = Trim(raw);
  if (v.size() > kMaxFilterBytes)
    return Status::InvalidArgument(std::string(name) + ": value longer than 512 bytes");
  if (name == "from" || name == "to") {
    std::string* field = name == "from" ? &from : &to;
    if (v.empty()) {
      field->clear();
      return Status::OK();
    }
    int ymd = 0;
    if (!ParseDate(v, &ymd))
      return Status::InvalidArgument(std::string(name) + " \"" + std::string(v) +
                                     "\": use a date YYYY-MM-DD");
    *field = FormatDate(ymd);
    return Status::OK();
  }
  if (name == "actor") return CodePattern(name, v, false, &actor);
  if (name == "source") return CodePattern(name, v, false, &source);
  if (name == "target") return CodePattern(name, v, false, &target);
  if (name == "code") return CodePattern(name, v, true, &code);
  if (name == "root") {
    if (!v.empty() && (v.size() != 2 || !IsAsciiDigit(v[0]) || !IsAsciiDigit(v[1])))
      return Status::InvalidArgument("root \"" + std::string(v) + "\": use two digits, e.g. 19");
    root = std::string(v);
    return Status::OK();
  }
  if (name == "quad" || name == "quad_class") {
    if (v.empty()) {
      quad = 0;
      return Status::OK();
    }
    if (v.size() != 1 || v[0] < '1' || v[0] > '4')
      return Status::InvalidArgument("quad \"" + std::string(v) +
                                     "\": use 1 (verbal cooperation) to 4 (material conflict)");
    quad = v[0] - '0';
    return Status::OK();
  }
  if (name == "plover") {
    std::string r;
    for (char c : v) {
      if (!IsAsciiAlpha(c) && c != '_' && c != '-')
        return Status::InvalidArgument("plover \"" + std::string(v) +
                                       "\": use a PLOVER type such as CONSULT");
      r.push_back(c >= 'a' && c <= 'z' ? char(c - 32) : c);
    }
    plover = std::move(r);
    return Status::OK();
  }
  if (name == "mode") {
    mode = std::string(v);
    return Status::OK();
  }
  if (name == "text") {
    text = std::string(v);
    return Status::OK();
  }
  if (name == "dedup") {
    if (v.empty() || v == "0" || v == "false" || v == "no") {
      dedup = false;
    } else if (v == "1" || v == "true" || v == "yes") {
      dedup = true;
    } else {
      return Status::InvalidArgument("dedup \"" + std::string(v) + "\": use 1 or 0");
    }
    return Status::OK();
  }
  return Status::NotFound("unknown filter \"" + std::string(name) + "\"");
}

}  // namespace casus
