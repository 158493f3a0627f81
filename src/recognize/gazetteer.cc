// The gazetteer: parsing places.tsv, folding names, lookup.
#include "recognize/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <system_error>

#include "common/strutil.h"
#include "common/utf8.h"
#include "text/tokenizer.h"

#include "recognize/gazetteer_data.inc"

namespace casus::recognize {
namespace {

// ASCII folding of U+00C0..U+024F; "" keeps the character as it is.
constexpr const char* kFold[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n",
    "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o",
    "o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",
    "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e",
    "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
    "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l",
    "l", "l", "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s",
    "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
    "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "f", "", "", "", "", "", "", "", "", "", "", "", "",
    "", "o", "o", "", "", "", "", "", "", "", "", "", "", "", "", "", "u", "u", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "dz", "dz", "dz", "lj", "lj",
    "lj", "nj", "nj", "nj", "a", "a", "i", "i", "o", "o", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "", "a", "a", "a", "a", "", "", "", "", "g", "g", "k", "k", "o", "o", "o",
    "o", "", "", "j", "dz", "dz", "dz", "g", "g", "", "", "n", "n", "a", "a", "", "", "", "",
    "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o", "r", "r",
    "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h", "", "", "", "", "", "",
    "a", "a", "e", "e", "o", "o", "o", "o", "o", "o", "o", "o", "y", "y", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",

};
constexpr uint32_t kFoldFirst = 0xC0;
constexpr uint32_t kFoldEnd = kFoldFirst + sizeof(kFold) / sizeof(kFold[0]);

constexpr std::string_view kColumns[] = {"name", "alt_names", "kind",       "country",
                                         "admin1", "lat",     "lon",        "population"};
constexpr std::string_view kKinds[] = {"country", "territory", "admin1",
                                       "region",  "capital",   "city"};
// Head words dropped from "Kharkiv oblast", "Paktika province" and the like.
constexpr std::string_view kHeadWords[] = {
    "oblast",     "region",   "province", "governorate", "state",  "district", "krai",
    "kray",       "republic", "prefecture", "department", "county", "territory", "wilayah",
    "wilaya",     "division", "emirate",  "canton",      "voivodeship"};

// Decodes one UTF-8 sequence at s[*i] (valid input assumed; a stray byte is
// returned as itself) and advances *i past it.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (*i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

// Splits `phrase` into folded lower-case words of letters and digits.
// Apostrophes join ("N'Djamena" -> "ndjamena"); other punctuation and spaces
// separate; letters outside Latin are kept as they are.
std::vector<std::string> FoldWords(std::string_view phrase) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  size_t i = 0;
  while (i < phrase.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(phrase, &i);
    if (cp < 0x80) {
      char c = AsciiLower(static_cast<char>(cp));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        cur.push_back(c);
      } else if (c != '\'' && c != '`') {
        flush();
      }
    } else if (cp >= kFoldFirst && cp < kFoldEnd && kFold[cp - kFoldFirst][0] != '\0') {
      cur += kFold[cp - kFoldFirst];
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BB || cp == 0x02BC ||
               cp == 0x02BF || cp == 0x02BE || cp == 0x00B4) {
      // apostrophes and ayn/hamza signs ("Sanʿaʾ") join
    } else if (cp < 0xC0 || (cp >= 0x2000 && cp < 0x2070) || (cp >= 0x02B0 && cp < 0x0300) ||
               (cp >= 0x3000 && cp < 0x3040)) {
      flush();  // punctuation, spaces, modifier letters
    } else {
      cur.append(phrase.substr(start, i - start));
    }
  }
  flush();
  if (words.size() > 1 && words[0] == "the") words.erase(words.begin());
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t n) {
  std::string key;
  for (size_t k = 0; k < n; ++k) key += words[k];
  return key;
}

int Rank(const std::string& kind) {
  if (kind == "country" || kind == "territory") return 0;
  if (kind == "capital") return 1;
  if (kind == "admin1" || kind == "region") return 2;
  return 3;
}

std::string Quote(std::string_view s) {
  if (s.size() > 60) s = s.substr(0, 60);
  return "'" + std::string(s) + "'";
}

Status LineError(std::string_view origin, size_t line, std::string_view what,
                 std::string_view fragment) {
  return Status::Corruption(std::string(origin) + ":" + std::to_string(line) + ": " +
                            std::string(what) + " " + Quote(fragment));
}

bool ParseDouble(std::string_view s, double lo, double hi, double* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && *out >= lo && *out <= hi;
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && *out >= 0;
}

bool ValidCountry(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return IsAsciiUpper(c); });
}

int TokenCount(std::string_view name, std::vector<text::Token>* scratch) {
  scratch->clear();
  text::Tokenize(name, 0, scratch);
  return static_cast<int>(scratch->size());
}

}  // namespace

bool Gazetteer::MayStart(std::string_view word) const {
  return first_words_.count(Key(word)) > 0;
}

std::string Gazetteer::Key(std::string_view phrase) {
  std::vector<std::string> words = FoldWords(phrase);
  return Join(words, words.size());
}

Result<Gazetteer> Gazetteer::FromText(std::string_view tsv, std::string_view origin) {
  Gazetteer g;
  size_t bad = 0;
  if (!ValidUtf8(tsv, &bad)) {
    size_t line = 1 + std::count(tsv.begin(), tsv.begin() + bad, '\n');
    return LineError(origin, line, "bad UTF-8 at byte", std::to_string(bad));
  }
  bool header = false;
  size_t line_no = 0;
  size_t pos = 0;
  std::vector<std::string_view> names;
  std::unordered_map<std::string, size_t> seen;  // name|kind|country|admin1 -> line
  std::vector<text::Token> toks;
  g.index_.reserve(tsv.size() / 16);
  seen.reserve(tsv.size() / 64);
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = Split(line, "\t");
    if (!header) {
      bool same = f.size() == std::size(kColumns);
      for (size_t k = 0; same && k < f.size(); ++k) same = f[k] == kColumns[k];
      if (!same) return LineError(origin, line_no, "expected the header line, got", line);
      header = true;
      continue;
    }
    if (f.size() != std::size(kColumns)) {
      return LineError(origin, line_no,
                       "expected 8 tab-separated fields, got " + std::to_string(f.size()) + " in",
                       line);
    }
    Place p;
    p.name = std::string(Trim(f[0]));
    p.kind = std::string(Trim(f[2]));
    p.country = std::string(Trim(f[3]));
    p.admin1 = std::string(Trim(f[4]));
    if (p.name.empty()) return LineError(origin, line_no, "empty name in", line);
    if (std::find(std::begin(kKinds), std::end(kKinds), p.kind) == std::end(kKinds)) {
      return LineError(origin, line_no, "unknown kind", f[2]);
    }
    if (!ValidCountry(p.country)) return LineError(origin, line_no, "bad country code", f[3]);
    if (!ParseDouble(Trim(f[5]), -90, 90, &p.lat)) return LineError(origin, line_no, "bad lat", f[5]);
    if (!ParseDouble(Trim(f[6]), -180, 180, &p.lon)) return LineError(origin, line_no, "bad lon", f[6]);
    if (!ParseInt(Trim(f[7]), &p.population)) {
      return LineError(origin, line_no, "bad population", f[7]);
    }
    std::string id = p.name + "|" + p.kind + "|" + p.country + "|" + p.admin1;
    auto [it, fresh] = seen.emplace(id, line_no);
    if (!fresh) {
      return LineError(origin, line_no,
                       "duplicate of line " + std::to_string(it->second) + ":", p.name);
    }
    uint32_t index = static_cast<uint32_t>(g.places_.size());
    names.clear();
    names.push_back(p.name);
    if (!Trim(f[1]).empty()) {
      for (std::string_view alt : Split(f[1], "|")) {
        alt = Trim(alt);
        if (alt.empty()) return LineError(origin, line_no, "empty alternate name in", f[1]);
        names.push_back(alt);
      }
    }
    for (std::string_view n : names) {
      std::string key = Key(n);
      if (key.empty()) return LineError(origin, line_no, "name without letters or digits", n);
      std::vector<Entry>& entries = g.index_[std::move(key)];
      bool dup = false;
      for (const Entry& e : entries) dup = dup || e.place == index;
      if (!dup) entries.push_back(Entry{index, false});
      g.max_words_ = std::max(g.max_words_, TokenCount(n, &toks));
      for (const text::Token& t : toks) {  // the first word token of the name
        if (!t.word) continue;
        std::string first = Key(n.substr(t.start, t.end - t.start));
        if (!first.empty()) g.first_words_.insert(std::move(first));
        break;
      }
    }
    g.places_.push_back(std::move(p));
  }
  if (!header) return Status::Corruption(std::string(origin) + ": no header line");
  g.first_words_.insert("the");  // "the Gaza Strip": Key drops a leading "the"
  // A division that shares its name with a city of its own country yields
  // the bare name to the city ("Kharkiv", "New York"); see Lookup.
  for (auto& [key, entries] : g.index_) {
    for (Entry& e : entries) {
      const Place& p = g.places_[e.place];
      if (p.kind != "admin1") continue;
      for (const Entry& o : entries) {
        const Place& q = g.places_[o.place];
        if ((q.kind == "city" || q.kind == "capital") && q.country == p.country) e.shadowed = true;
      }
    }
  }
  return g;
}

Result<Gazetteer> Gazetteer::Builtin() {
  std::string text;
  size_t total = 0;
  for (const char* const* c = gazetteer_data::kChunks; *c != nullptr; ++c) total += std::char_traits<char>::length(*c);
  text.reserve(total);
  for (const char* const* c = gazetteer_data::kChunks; *c != nullptr; ++c) text += *c;
  return FromText(text, "builtin:data/gazetteer/places.tsv");
}

const std::vector<Gazetteer::Entry>* Gazetteer::Find(std::string_view key) const {
  auto it = index_.find(std::string(key));
  return it == index_.end() ? nullptr : &it->second;
}

std::vector<const Place*> Gazetteer::Candidates(std::string_view phrase) const {
  std::vector<const Place*> out;
  if (const std::vector<Entry>* entries = Find(Key(phrase))) {
    for (const Entry& e : *entries) out.push_back(&places_[e.place]);
  }
  return out;
}

const Place* Gazetteer::Lookup(std::string_view phrase, std::string_view country_hint) const {
  std::vector<std::string> words = FoldWords(phrase);
  if (words.empty()) return nullptr;
  const std::vector<Entry>* entries = Find(Join(words, words.size()));
  bool headed = false;
  if (entries == nullptr && words.size() > 1 &&
      std::find(std::begin(kHeadWords), std::end(kHeadWords), words.back()) !=
          std::end(kHeadWords)) {
    entries = Find(Join(words, words.size() - 1));
    headed = true;
  }
  if (entries == nullptr) return nullptr;
  if (country_hint.size() > 3) country_hint = country_hint.substr(0, 3);
  const Place* best = nullptr;
  int best_hint = 0, best_rank = 0;
  for (const Entry& e : *entries) {
    const Place& p = places_[e.place];
    int hint = !country_hint.empty() && p.country == country_hint ? 1 : 0;
    int rank = Rank(p.kind);
    if (headed) {
      rank = rank == 2 ? 0 : rank + 1;
    } else if (e.shadowed) {
      rank = 4;
    }
    bool better = best == nullptr || hint > best_hint ||
                  (hint == best_hint &&
                   (rank < best_rank || (rank == best_rank && p.population > best->population)));
    if (better) {
      best = &p;
      best_hint = hint;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace casus::recognize
