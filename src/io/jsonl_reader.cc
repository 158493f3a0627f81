#include <simdjson.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "casus/reader.h"
#include "common/date.h"
#include "common/utf8.h"

namespace casus {

namespace {

// Reads lines of at most `max` bytes; longer lines are drained and flagged.
class LineSource {
 public:
  LineSource(FILE* f, bool owned, size_t max) : f_(f), owned_(owned), max_(max), buf_(1 << 16) {}
  ~LineSource() {
    if (owned_ && f_) fclose(f_);
  }
  // Returns false at end of input. *too_long is set (and *line empty) for an
  // over-long line; *length receives its full length.
  bool Next(std::string* line, bool* too_long, uint64_t* length) {
    line->clear();
    *too_long = false;
    *length = 0;
    bool any = false;
    while (true) {
      if (pos_ == end_) {
        end_ = fread(buf_.data(), 1, buf_.size(), f_);
        pos_ = 0;
        if (end_ == 0) return any;
      }
      any = true;
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(memchr(start, '\n', end_ - pos_));
      size_t take = nl ? size_t(nl - start) : end_ - pos_;
      *length += take;
      consumed_ += take + (nl ? 1 : 0);
      if (!*too_long) {
        if (line->size() + take > max_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(start, take);
        }
      }
      pos_ += take + (nl ? 1 : 0);
      if (nl) return true;
    }
  }
  uint64_t consumed() const { return consumed_; }

 private:
  FILE* f_;
  bool owned_;
  size_t max_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
};

Result<FILE*> OpenFile(const std::string& path, uint64_t* size) {
  *size = 0;
  if (path == "-") return stdin;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Status::InvalidArgument(path + " is a directory, not a file");
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("cannot open " + path + ": " + strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0) *size = uint64_t(st.st_size);
  return f;
}

class JsonlReader : public ArticleReader {
 public:
  JsonlReader(std::string name, FILE* f, bool owned, uint64_t size, ReaderOptions o)
      : name_(std::move(name)), src_(f, owned, o.max_line_bytes), size_(size), opt_(std::move(o)) {}

  Next Read(Document* doc, InputProblem* problem) override {
    std::string line;
    bool too_long;
    uint64_t len;
    while (src_.Next(&line, &too_long, &len)) {
      ++line_no_;
      problem->file = name_;
      problem->line = line_no_;
      if (too_long) {
        problem->message = "line is " + std::to_string(len) + " bytes, over the limit of " +
                           std::to_string(opt_.max_line_bytes) + " (--max-line-bytes); skipped";
        return Next::kProblem;
      }
      size_t b = 0;
      while (b < line.size() && (line[b] == ' ' || line[b] == '\t' || line[b] == '\r')) ++b;
      if (b == line.size()) continue;  // blank line
      if (Parse(line, doc, &problem->message)) return Next::kDocument;
      return Next::kProblem;
    }
    return Next::kEnd;
  }
  uint64_t bytes_read() const override { return src_.consumed(); }
  uint64_t total_bytes() const override { return size_; }

 private:
  bool GetString(simdjson::dom::object obj, const char* key, std::string* out, bool* present,
                 std::string* err) {
    *present = false;
    simdjson::dom::element el;
    if (obj[key].get(el) != simdjson::SUCCESS) return true;
    if (el.is_null()) return true;
    *present = true;
    if (el.is_string()) {
      std::string_view sv;
      if (el.get(sv) == simdjson::SUCCESS) out->assign(sv);
      return true;
    }
    if (std::string_view(key) == "id" && (el.is_int64() || el.is_uint64())) {
      *out = simdjson::minify(el);
      return true;
    }
    *err = std::string("field \"") + key + "\" is not a string";
    return false;
  }

  bool Parse(const std::string& line, Document* doc, std::string* err) {
    size_t bad;
    if (!ValidUtf8(line, &bad)) {
      *err = "invalid UTF-8 at byte " + std::to_string(bad + 1) + "; record skipped";
      return false;
    }
    simdjson::dom::element root;
    auto error = parser_.parse(line).get(root);
    if (error) {
      *err = std::string("broken JSON: ") + simdjson::error_message(error) + "; record skipped";
      return false;
    }
    simdjson::dom::object obj;
    if (root.get(obj)) {
      *err = "a record must be a JSON object; record skipped";
      return false;
    }
    *doc = Document{};
    bool present;
    if (!GetString(obj, "id", &doc->id, &present, err)) return false;
    if (!present || doc->id.empty()) {
      *err = "missing \"id\"; record skipped";
      return false;
    }
    if (!GetString(obj, "text", &doc->text, &present, err)) return false;
    if (!present || doc->text.empty()) {
      *err = "record \"" + doc->id + "\": missing \"text\"; record skipped";
      return false;
    }
    if (!GetString(obj, "date", &doc->date, &present, err)) return false;
    if (!present || doc->date.empty()) {
      if (opt_.default_date.empty()) {
        *err = "record \"" + doc->id + "\": missing \"date\" (give --date for a default); record skipped";
        return false;
      }
      doc->date = opt_.default_date;
    }
    int d;
    if (!ParseDate(doc->date, &d)) {
      *err = "record \"" + doc->id + "\": bad date \"" + doc->date + "\", expected YYYY-MM-DD; record skipped";
      return false;
    }
    doc->date = FormatDate(d);
    if (!GetString(obj, "title", &doc->title, &present, err)) return false;
    if (!GetString(obj, "source", &doc->source, &present, err)) return false;
    if (!GetString(obj, "url", &doc->url, &present, err)) return false;
    std::string extra = "{";
    for (auto field : obj) {
      std::string_view k = field.key;
      if (k == "id" || k == "text" || k == "date" || k == "title" || k == "source" || k == "url")
        continue;
      if (extra.size() > 1) extra.push_back(',');
      std::string key = "\"";
      for (char c : k) {
        if (c == '"' || c == '\\') key.push_back('\\');
        key.push_back(c);
      }
      extra += key + "\":" + simdjson::minify(field.value);
    }
    extra.push_back('}');
    doc->extra_json = std::move(extra);
    return true;
  }

  std::string name_;
  LineSource src_;
  uint64_t size_;
  ReaderOptions opt_;
  int64_t line_no_ = 0;
  simdjson::dom::parser parser_;
};

class TextReader : public ArticleReader {
 public:
  TextReader(std::string path, FILE* f, uint64_t size, ReaderOptions o)
      : path_(std::move(path)), f_(f), size_(size), opt_(std::move(o)) {}
  ~TextReader() override {
    if (f_ && f_ != stdin) fclose(f_);
  }
  Next Read(Document* doc, InputProblem* problem) override {
    if (done_) return Next::kEnd;
    done_ = true;
    problem->file = path_;
    problem->line = 1;
    std::string text;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f_)) > 0) {
      read_ += n;
      if (text.size() + n > opt_.max_line_bytes * 8) {
        problem->message = "file is over the size limit; skipped";
        return Next::kProblem;
      }
      text.append(buf, n);
    }
    size_t bad;
    if (!ValidUtf8(text, &bad)) {
      int64_t line = 1;
      for (size_t i = 0; i < bad; ++i) line += text[i] == '\n';
      problem->line = line;
      problem->message = "invalid UTF-8 at byte " + std::to_string(bad + 1) + "; file skipped";
      return Next::kProblem;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      problem->message = "empty input; nothing to code";
      return Next::kProblem;
    }
    *doc = Document{};
    doc->id = path_ == "-" ? "stdin" : std::filesystem::path(path_).stem().string();
    doc->date = opt_.default_date;
    doc->text = std::move(text);
    return Next::kDocument;
  }
  uint64_t bytes_read() const override { return read_; }
  uint64_t total_bytes() const override { return size_; }

 private:
  std::string path_;
  FILE* f_;
  uint64_t size_;
  ReaderOptions opt_;
  bool done_ = false;
  uint64_t read_ = 0;
};

}  // namespace

Result<std::unique_ptr<ArticleReader>> ArticleReader::OpenJsonl(const std::string& path,
                                                                const ReaderOptions& o) {
  uint64_t size;
  auto f = OpenFile(path, &size);
  if (!f.ok()) return f.status();
  std::unique_ptr<ArticleReader> r = std::make_unique<JsonlReader>(
      path == "-" ? "<stdin>" : path, f.value(), path != "-", size, o);
  return r;
}

Result<std::unique_ptr<ArticleReader>> ArticleReader::OpenText(const std::string& path,
                                                               const ReaderOptions& o) {
  int d;
  if (!ParseDate(o.default_date, &d))
    return Status::InvalidArgument("plain-text input needs --date YYYY-MM-DD");
  uint64_t size;
  auto f = OpenFile(path, &size);
  if (!f.ok()) return f.status();
  std::unique_ptr<ArticleReader> r = std::make_unique<TextReader>(path, f.value(), size, o);
  return r;
}

}  // namespace casus
