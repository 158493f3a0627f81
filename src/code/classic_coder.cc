#include "code/classic_coder.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/date.h"
#include "common/strutil.h"
#include "dict/cameo_codes.h"
#include "recognize/dates.h"

namespace casus::internal {

namespace {

// A TABARI <TIME> code: a shift in days such as "-1" or "+7".
bool DayShift(std::string_view code, int* days) {
  if (!code.empty() && code[0] == '+') code.remove_prefix(1);
  if (code.empty()) return false;
  auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), *days);
  return ec == std::errc() && end == code.data() + code.size();
}

// Marks a stem-list entry that is a plural's singular (TABARI nouns).
constexpr uint32_t kPluralBit = 0x80000000u;
// Marks a stem-list entry that counts in verb patterns only (PETRARCH-2
// lemmas: "efforts" is "effort" there, but "polices" is no "police" agent).
constexpr uint32_t kPatternOnlyBit = 0x40000000u;

enum Flag : uint32_t {
  kAnd = 1u << 0,      // and, or
  kComma = 1u << 1,
  kPossessive = 1u << 2,
  kOf = 1u << 3,
  kDeterminer = 1u << 4,
  kBreak = 1u << 5,    // ; but while whereas
  kBy = 1u << 6,
  kPassiveAux = 1u << 7,
  kPronoun = 1u << 8,
  kConj = 1u << 9,     // counted by COMPLEX: CONJ[n]
  kNotAdj = 1u << 10,  // cannot stand between "and" and an actor
  kArticle = 1u << 11, // the, a, an: a following verb form is a noun
};

struct FlagWord {
  std::string_view word;
  uint32_t flags;
};

constexpr FlagWord kFlagWords[] = {
    {"and", kAnd | kConj}, {"or", kAnd | kConj}, {",", kComma}, {"'s", kPossessive},
    {"'", kPossessive}, {"of", kOf}, {"by", kBy}, {";", kBreak | kConj},
    {"but", kBreak | kConj}, {"while", kBreak | kConj}, {"whereas", kBreak | kConj},
    {"the", kDeterminer | kArticle}, {"a", kDeterminer | kArticle}, {"an", kDeterminer | kArticle}, {"its", kDeterminer},
    {"their", kDeterminer}, {"his", kDeterminer}, {"this", kDeterminer},
    {"these", kDeterminer}, {"those", kDeterminer}, {"was", kPassiveAux},
    {"were", kPassiveAux}, {"been", kPassiveAux}, {"being", kPassiveAux},
    {"is", kPassiveAux}, {"are", kPassiveAux}, {"be", kPassiveAux},
    {"he", kPronoun}, {"she", kPronoun}, {"it", kPronoun}, {"they", kPronoun},
    {"him", kPronoun}, {"her", kPronoun}, {"them", kPronoun},
    {"in", kNotAdj}, {"on", kNotAdj}, {"at", kNotAdj}, {"for", kNotAdj}, {"with", kNotAdj},
    {"to", kNotAdj}, {"from", kNotAdj}, {"after", kNotAdj}, {"before", kNotAdj},
    {"since", kNotAdj}, {"during", kNotAdj}, {"against", kNotAdj}, {"about", kNotAdj},
    {"into", kNotAdj}, {"over", kNotAdj}, {"between", kNotAdj}, {"among", kNotAdj},
    {"almost", kNotAdj}, {"nearly", kNotAdj}, {"years", kNotAdj}, {"days", kNotAdj},
    {"that", kNotAdj}, {"who", kNotAdj}, {"which", kNotAdj}, {"not", kNotAdj},
};

// The number of word elements of a pattern.
int WordElems(const dict::Pattern& p) {
  int n = 0;
  for (const dict::PatternElement& e : p.elems) n += e.type == dict::PatternElement::Type::kWords;
  return n;
}

std::string WithAgent(const std::string& actor, const dict::AgentEntry& ag) {
  if (actor.empty() || actor == "---") return ag.code;
  if (ag.prefix) {
    // A redundant agent adds nothing: "human rights activists [NGM~]
    // Amnesty International [NGM]" is NGM.
    if (actor.compare(0, ag.code.size(), ag.code) == 0) return actor;
    return ag.code + actor;
  }
  if (actor.size() >= ag.code.size() &&
      actor.compare(actor.size() - ag.code.size(), ag.code.size(), ag.code) == 0)
    return actor;
  return actor + ag.code;
}


// PETRARCH-2's internal coding ontology (PICO 1.01, shipped as
// PETR.Internal.Coding.Ontology.txt with the Phoenix dictionaries and as the
// <PICOfile> of the UD-PETRARCH suite): each CAMEO code as a sum of hex
// terms. 0xFFFF is the "not" term: 110 (disapprove) is 0xFFFF + 0x0080 (not
// diplomatic cooperation), 120 (reject) is -0xFFFF.
constexpr std::string_view kPico =
    "010:0x1000 011:0x1000-0xFFFF 012:0x100C 013:0x1001 015:0x10a0 016:0x10a0-0xFFFF "
    "017:0x1003 018:0x1004 019:0x1005 020:0x2000 021:0x2070 0211:0x2075 0212:0x2076 "
    "0213:0x2078 0214:0x207A 022:0x2080 023:0x2040 0231:0x2045 0232:0x2046 0233:0x2047 "
    "0234:0x2049 024:0x2060 0241:0x2061 0242:0x2062 0243:0x2063 0244:0x2064 025:0x2200 "
    "0251:0x220B 0252:0x220C 0253:0x220D 0254:0x2205 0255:0x220E 0256:0x220F 026:0x2010 "
    "027:0x2020 028:0x2030 030:0x3000 031:0x3070 0311:0x3075 0312:0x3076 0313:0x3078 "
    "0314:0x307A 032:0x3080 033:0x3040 0331:0x3045 0332:0x3046 0333:0x3047 0334:0x3049 "
    "034:0x3060 0341:0x3061 0342:0x3062 0343:0x3063 0344:0x3064 035:0x3200 0351:0x320B "
    "0352:0x320C 0353:0x320D 0354:0x3205 0355:0x320E 0356:0x320F 036:0x3010 037:0x3020 "
    "038:0x3230 039:0x3030 040:0xB000 041:0xB001 042:0xB002 043:0xB003 044:0xB010 "
    "045:0xB030 046:0xB010 050:0x0080 051:0x0081 052:0x0082 053:0x0083 054:0x0084 "
    "055:0x0085 056:0x0086 057:0x0087 060:0x0070 061:0x0075 062:0x0076 063:0x0078 "
    "064:0x007A 070:0x0040 071:0x0045 072:0x0046 073:0x0047 074:0x0049 075:0x004E "
    "080:0x0200 081:0x020B 0811:0x0203 0812:0x0201 0813:0x0204 0814:0x0206 082:0x020C "
    "083:0x0260 0831:0x0261 0832:0x0262 0833:0x0263 0834:0x0264 084:0x0250 0841:0x020C "
    "0842:0x020C 085:0x0205 086:0x020E 0861:0x0209 0862:0x020A 0863:0x0207 087:0x02C0 "
    "0871:0x02C9 0872:0x02C1 0873:0x02C6 0874:0x02C2 08:0x0200 090:0xA000 091:0xA001 "
    "092:0xA002 093:0xA003 094:0xA004 100:0x4000 101:0x4070 1011:0x4075 1012:0x4076 "
    "1013:0x4078 1014:0x407A 102:0x4080 103:0x4040 1031:0x4045 1032:0x4046 1033:0x4047 "
    "1034:0x4049 104:0x4060 1041:0x4061 1042:0x4062 1043:0x4063 1044:0x4064 105:0x4200 "
    "1051:0x420B 1052:0x420C 1053:0x420D 1054:0x4205 1055:0x420E 1056:0x420F 106:0x4010 "
    "107:0x4020 108:0x4030 110:0x1007f 111:0x7001 112:0x70a0 1121:0x70a1 1122:0x70a2 "
    "1123:0x70a3 1124:0x70a4 1125:0x70a5 113:0x7002 114:0x7003 115:0x7008 116:0x7005 "
    "120:-0xFFFF 121:-0xFFFF+0x0070 1211:-0xFFFF+0x0075 1212:-0xFFFF+0x0076 "
    "122:-0xFFFF+0x2040+0x300 1221:-0xFFFF+0x2045+0x300 1222:-0xFFFF+0x2046+0x300 "
    "1223:-0xFFFF+0x2047+0x300 1224:-0xFFFF+0x2049+0x300 123:-0xFFFF+0x2060+0x300 "
    "1231:-0xFFFF+0x2061+0x300 1232:-0xFFFF+0x2062+0x300 1233:-0xFFFF+0x2063+0x300 "
    "1234:-0xFFFF+0x2064+0x300 124:-0xFFFF+0x0200 1241:-0xFFFF+0x020B "
    "1242:-0xFFFF+0x020C 1243:-0xFFFF+0x020D 1244:-0xFFFF+0x0205 1245:-0xFFFF+0x020E "
    "1246:-0xFFFF+0x02C0 125:-0xFFFF+0x0010 126:-0xFFFF+0x0030 127:-0xFFFF+0x0020 "
    "128:-0xFFFF+0x0002 129:-0xFFFF+0x0001 130:0x6000 131:0x6100 1311:0x6140 1312:0x6105 "
    "1313:0x6180 132:0x600B 1321:0x6003 1322:0x6001 1323:0x6004 1324:0x6006 133:0x600C "
    "134:0x6010 135:0x6030 136:0x600E 137:0x6004 138:0x60A0 1381:0x60A1 1382:0x60A2 "
    "1383:0x60A3 1384:0x60A4 1385:0x60B0 139:0x6005 140:0x5000 145:0x50A0 150:0x8000 "
    "151:0x8001 152:0x8002 153:0x8003 154:0x8004 160:0x0100 161:0x0180 162:0x0140 "
    "1621:0x0145 1622:0x0146 1623:0x0147 163:0x000B 164:0x0110 165:0x0130 166:0x0150 "
    "1661:0x0159 1662:0x015A 1663:0x015E 170:0x10086 171:0x9010 1711:0x9011 1712:0x9012 "
    "172:0x900B 1721:0x9003 1722:0x9001 1723:0x9004 1724:0x9006 173:0x9020 174:0x9030 "
    "175:0x9040 180:0x0090 181:0x0091 182:0x0092 1821:0x0093 1822:0x0094 1823:0x0095 "
    "1824:0x0096 183:0x0097 1831:0x0098 1832:0x0099 1833:0x009A 1834:0x009B 184:0x009C "
    "185:0x009D 186:0x009E 190:0x00A0 191:0x00A1 192:0x00A2 193:0x00A3 194:0x00A4 "
    "195:0x00A5 1951:0x00A6 1952:0x00A7 196:0x00A8 200:0x00B0 ";

struct PicoTable {
  std::vector<std::pair<std::string, int64_t>> codes;  // file order
};

const PicoTable& Pico() {
  static const PicoTable table = [] {
    PicoTable t;
    size_t pos = 0;
    while (pos < kPico.size()) {
      size_t sp = kPico.find(' ', pos);
      if (sp == std::string_view::npos) sp = kPico.size();
      std::string_view item = kPico.substr(pos, sp - pos);
      pos = sp + 1;
      size_t colon = item.find(':');
      if (colon == std::string_view::npos) continue;
      // A sum of signed hex terms: "-0xFFFF+0x2040+0x300".
      int64_t v = 0;
      std::string_view e = item.substr(colon + 1);
      size_t i = 0;
      while (i < e.size()) {
        int sign = 1;
        if (e[i] == '+' || e[i] == '-') sign = e[i++] == '-' ? -1 : 1;
        if (e.substr(i, 2) == "0x") i += 2;
        int64_t term = 0;
        for (; i < e.size() && std::isxdigit(static_cast<unsigned char>(e[i])); ++i)
          term = term * 16 + (IsAsciiDigit(e[i]) ? e[i] - '0' : (e[i] | 0x20) - 'a' + 10);
        v += sign * term;
      }
      t.codes.emplace_back(std::string(item.substr(0, colon)), v);
    }
    return t;
  }();
  return table;
}

// PETRARCH-2 negation ("did not clash over the efforts"): the code's meaning
// with the "not" term 0xFFFF taken away, or added where the code has none,
// as a CAMEO code again; empty when no code has that meaning.
std::string NegatedCode(const std::string& code) {
  const PicoTable& t = Pico();
  auto it = std::find_if(t.codes.begin(), t.codes.end(),
                         [&](const auto& c) { return c.first == code; });
  if (it == t.codes.end()) return std::string();
  int64_t v = it->second < 0 ? it->second + 0xFFFF : it->second - 0xFFFF;
  for (const auto& [c, x] : t.codes)
    if (x == v) return c;
  return std::string();
}

// PETRARCH-2's "falls under": the PICO value of `code` equals that of `key`
// or does with its lowest 1, 2 or 3 hex digits cleared (Python's modulo).
bool CodeUnder(const std::string& code, const std::string& key) {
  if (code == key) return true;
  const PicoTable& t = Pico();
  auto value = [&](const std::string& c, int64_t* v) {
    for (const auto& [k, x] : t.codes)
      if (k == c) {
        *v = x;
        return true;
      }
    return false;
  };
  int64_t e = 0, k = 0;
  if (!value(code, &e) || !value(key, &k)) return false;
  for (int64_t m : {int64_t{0x10}, int64_t{0x100}, int64_t{0x1000}})
    if (e - ((e % m) + m) % m == k) return true;
  return false;
}

}  // namespace

ClassicCoder::ClassicCoder(const dict::Compiled& c, const CodingOptions& o)
    : c_(c), opt_(o), flags_(c.vocab.size(), 0), seen_(c.vocab.size(), 0) {
  for (const dict::Transform& t : c.transforms) has_null_outer_ |= t.outer_code == "---";
  id_of_ = c_.Lookup("of");
  id_in_ = c_.Lookup("in");
  id_from_ = c_.Lookup("from");
  id_that_ = c_.Lookup("that");
  id_or_ = c_.Lookup("or");
  for (const FlagWord& fw : kFlagWords) {
    uint32_t id = c_.Lookup(fw.word);
    if (id != dict::kNoToken) flags_[id] |= fw.flags;
  }
}

uint32_t ClassicCoder::Flags(uint32_t pos) const {
  return (pos < ids_.size() && ids_[pos] != dict::kNoToken) ? flags_[ids_[pos]] : 0;
}

bool ClassicCoder::TokMatches(uint32_t pos, uint32_t id) const {
  if (ids_[pos] == id) return true;
  for (uint32_t k = stem_off_[pos]; k < stem_off_[pos + 1]; ++k)
    if ((stems_[k] & ~kPatternOnlyBit) == id) return true;
  return false;
}

void ClassicCoder::Code(const Document& doc, std::vector<Sentence>* sentences,
                        std::vector<Event>* events) {
  int date = 0;
  if (!ParseDate(doc.date, &date)) date = 0;
  sents_.clear();
  forward_.clear();
  text::SplitSentences(doc.text, &sents_);
  const size_t first_event = events ? events->size() : 0;
  for (size_t s = 0; s < sents_.size(); ++s) {
    if (sentences) sentences->push_back(Sentence{int(s), sents_[s].start, sents_[s].end});
    if (!events || sents_[s].end - sents_[s].start > opt_.max_sentence_bytes) continue;
    const size_t before = events->size();
    if (!CodeSentence(doc, int(s), sents_[s].start, sents_[s].end, date, events)) {
      events->resize(first_event);  // a story discard drops the whole story
      return;
    }
    for (size_t e = before; e < events->size(); ++e) (*events)[e].issues = issues_;
  }
}

void ClassicCoder::Prepare(std::string_view text, uint32_t start, uint32_t end) {
  all_toks_.clear();
  text::Tokenize(text.substr(start, end - start), start, &all_toks_);
  all_ids_.resize(all_toks_.size());
  all_stem_off_.assign(1, 0);
  all_stems_.clear();
  for (size_t i = 0; i < all_toks_.size(); ++i) {
    std::string_view t = text.substr(all_toks_[i].start, all_toks_[i].end - all_toks_[i].start);
    text::NormalizeToken(t, &norm_);
    all_ids_[i] = c_.Lookup(norm_);
    // "Neither Galadriel nor Gollum": "nor" joins a compound as "or" does.
    if (all_ids_[i] == dict::kNoToken && norm_ == "nor") all_ids_[i] = id_or_;
    if (c_.style == dict::Style::kTabari && all_toks_[i].word && norm_.size() > 3 &&
        norm_.back() == 's') {
      // TABARI nouns match their regular plurals: "guerrillas", "ambassadors".
      std::string sing = norm_.substr(0, norm_.size() - 1);
      for (std::string alt : {sing, sing.size() > 3 && sing.back() == 'e' ? sing.substr(0, sing.size() - 1) : std::string(),
                              norm_.size() > 4 && norm_.compare(norm_.size() - 3, 3, "ies") == 0 ? norm_.substr(0, norm_.size() - 3) + "y" : std::string()}) {
        if (alt.empty()) continue;
        uint32_t id = c_.Lookup(alt);
        if (id != dict::kNoToken && !(id < c_.noun_words.size() && (c_.noun_words[id] & 4)))
          all_stems_.push_back(id | kPluralBit);
      }
    }
    if (c_.style == dict::Style::kPetrarch2 && all_toks_[i].word && norm_.size() > 3 &&
        norm_.back() == 's') {
      // PETRARCH-2 patterns match noun lemmas: "efforts" is "effort".
      std::string sing = norm_.substr(0, norm_.size() - 1);
      uint32_t id = c_.Lookup(sing);
      if (id != dict::kNoToken) all_stems_.push_back(id | kPatternOnlyBit);
    }
    if (!c_.stems.empty() && all_toks_[i].word) {
      size_t lim = std::min(norm_.size(), c_.max_stem_len);
      for (size_t L = 1; L <= lim; ++L) {
        auto it = c_.stems.find(std::string_view(norm_).substr(0, L));
        if (it != c_.stems.end()) all_stems_.push_back(it->second);
      }
    }
    all_stem_off_.push_back(uint32_t(all_stems_.size()));
  }
  // "Dol_Amroth": an underscore in the text joins words as in the
  // dictionaries; it is not a token of its own.
  std::vector<bool> keep(all_toks_.size(), true);
  for (size_t i = 0; i < all_toks_.size(); ++i)
    if (all_toks_[i].end == all_toks_[i].start + 1 && text[all_toks_[i].start] == '_')
      keep[i] = false;
  Compact(keep);
}

void ClassicCoder::Compact(const std::vector<bool>& keep) {
  if (++stamp_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    stamp_ = 1;
  }
  toks_.clear();
  ids_.clear();
  stem_off_.assign(1, 0);
  stems_.clear();
  for (size_t i = 0; i < all_toks_.size(); ++i) {
    if (!keep[i]) continue;
    toks_.push_back(all_toks_[i]);
    ids_.push_back(all_ids_[i]);
    if (all_ids_[i] != dict::kNoToken) seen_[all_ids_[i]] = stamp_;
    for (uint32_t k = all_stem_off_[i]; k < all_stem_off_[i + 1]; ++k) {
      stems_.push_back(all_stems_[k]);
      if (!(all_stems_[k] & kPluralBit)) seen_[all_stems_[k] & ~kPatternOnlyBit] = stamp_;
    }
    stem_off_.push_back(uint32_t(stems_.size()));
  }
}

uint32_t ClassicCoder::Longest(const dict::TokenTrie& trie, uint32_t pos,
                               const dict::PhraseHit** hit) const {
  // Depth-first over exact and stem ids; the longest phrase wins, an actor
  // over an agent of the same length.
  struct Item {
    uint32_t node, k, exact, gaps;
  };
  uint32_t best = 0, best_exact = 0, best_gaps = 0;
  *hit = nullptr;
  Item stack[64];
  int sp = 0;
  stack[sp++] = Item{0, pos, 0, 0};
  int guard = 0;
  while (sp > 0 && ++guard < 4096) {
    Item it = stack[--sp];
    if (it.k >= ids_.size() || (it.node != 0 && !trie.HasChildren(it.node))) continue;
    if (c_.gap_id != dict::kNoToken && it.node != 0) {
      uint32_t g = trie.Child(it.node, c_.gap_id);
      if (g != dict::kNoNode)
        for (uint32_t j = 1; j <= 4 && sp < 64 && it.k + j < ids_.size(); ++j)
          stack[sp++] = Item{g, it.k + j, it.exact, it.gaps + 1};
      if (g != dict::kNoNode && sp < 64) stack[sp++] = Item{g, it.k, it.exact, it.gaps};
    }
    // TABARI "Al-Gore" is AL_GORE: a hyphen inside a word joins like '_'.
    if (it.node != 0 && c_.style == dict::Style::kTabari && it.k + 1 < ids_.size() &&
        sp < 64 && toks_[it.k].end == toks_[it.k].start + 1 && text_[toks_[it.k].start] == '-' &&
        toks_[it.k].start == toks_[it.k - 1].end && toks_[it.k + 1].start == toks_[it.k].end)
      stack[sp++] = Item{it.node, it.k + 1, it.exact, it.gaps};
    // PETRARCH: a hyphenated modifier inside an actor's noun phrase does not
    // break it ("Ithilen state-run television" is ITHILEN TELEVISION).
    if (it.node != 0 && c_.style != dict::Style::kTabari && it.k + 3 < ids_.size() && sp < 64 &&
        toks_[it.k].word && toks_[it.k + 1].end == toks_[it.k + 1].start + 1 &&
        text_[toks_[it.k + 1].start] == '-' && toks_[it.k + 1].start == toks_[it.k].end &&
        toks_[it.k + 2].start == toks_[it.k + 1].end && toks_[it.k + 2].word)
      stack[sp++] = Item{it.node, it.k + 3, it.exact, it.gaps + 1};
    auto visit = [&](uint32_t id, uint32_t exact) {
      if (id == dict::kNoToken) return;
      uint32_t child = trie.Child(it.node, id);
      if (child == dict::kNoNode) return;
      uint32_t len = it.k - pos + 1;
      for (const dict::PhraseHit& h : trie.Hits(child)) {
        bool actor_wins = *hit && (*hit)->kind != dict::PhraseKind::kActor &&
                          h.kind == dict::PhraseKind::kActor;
        bool better = len > best || (len == best && (actor_wins || exact > best_exact ||
                                                     (exact == best_exact && it.gaps < best_gaps)));
        if (better) {
          best = len;
          best_exact = exact;
          best_gaps = it.gaps;
          *hit = &h;
        }
      }
      if (sp < 64) stack[sp++] = Item{child, it.k + 1, exact, it.gaps};
    };
    visit(ids_[it.k], it.exact + 1);
    // Plurals ("guerrillas" for GUERRILLA_) count for nouns only.
    for (uint32_t s = stem_off_[it.k]; s < stem_off_[it.k + 1]; ++s)
      if (!(stems_[s] & kPatternOnlyBit)) visit(stems_[s] & ~kPluralBit, it.exact);
  }
  return best;
}

void ClassicCoder::FindMentions() {
  mentions_.clear();
  const uint32_t n = uint32_t(ids_.size());
  for (uint32_t i = 0; i < n;) {
    const dict::PhraseHit* hit = nullptr;
    uint32_t len = Longest(c_.nouns, i, &hit);
    if (len == 0) {
      ++i;
      continue;
    }
    mentions_.push_back(Mention{i, i + len, hit->kind, hit->entry});
    i += len;
  }
}

void ClassicCoder::DeleteCommaClauses() {
  const uint32_t n = uint32_t(toks_.size());
  std::vector<uint32_t> commas;
  for (uint32_t i = 0; i < n; ++i)
    if (Flags(i) & kComma) commas.push_back(i);
  if (commas.empty()) return;
  auto words = [&](uint32_t b, uint32_t e) {
    int w = 0;
    for (uint32_t i = b; i < e; ++i) w += toks_[i].word;
    return w;
  };
  // A segment that is only actors and joiners is a list, not a clause.
  auto only_actors = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e; ++i) {
      bool in = false;
      for (const Mention& m : mentions_) in |= i >= m.begin && i < m.end;
      if (!in && !(Flags(i) & (kAnd | kComma | kDeterminer))) return false;
    }
    return true;
  };
  // A segment that starts with an actor continues a list ("Mordor, Rohan,
  // Fornost and Bree after a rift").
  auto starts_actor = [&](uint32_t b) {
    for (const Mention& m : mentions_)
      if (m.begin == b && m.kind == dict::PhraseKind::kActor) return true;
    return false;
  };
  std::vector<bool> keep(n, true);
  bool any = false;
  auto drop = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e && i < n; ++i) keep[i] = false;
    any = true;
  };
  // The sentence-final period is not part of the last segment.
  uint32_t end = n;
  while (end > 0 && !toks_[end - 1].word) {
    if (Flags(end - 1) & kComma) break;
    --end;
  }
  uint32_t first_b = 0, first_e = commas.front();
  int w = words(first_b, first_e);
  if (opt_.comma_bmax > 0 && w >= opt_.comma_bmin && w <= opt_.comma_bmax &&
      !only_actors(first_b, first_e))
    drop(first_b, first_e + 1);
  // An inner clause goes with both its commas (TABARI), so a last comma
  // that closed an inner clause opens no final clause.
  const bool tabari = c_.style == dict::Style::kTabari;
  bool last_used = false;
  for (size_t k = 0; k + 1 < commas.size(); ++k) {
    uint32_t b = commas[k] + 1, e = commas[k + 1];
    w = words(b, e);
    // ", the awful Fornost," is a list member: an actor and no verb.
    bool actor_no_verb = false;
    for (const Mention& m : mentions_)
      actor_no_verb |= m.kind == dict::PhraseKind::kActor && m.end == e && m.begin >= b &&
                       m.begin <= b + 2;
    for (uint32_t t = b; t < e && actor_no_verb; ++t)
      if (IsVerbAt(t)) actor_no_verb = false;
    if (opt_.comma_max > 0 && w >= opt_.comma_min && w <= opt_.comma_max && !only_actors(b, e) &&
        !starts_actor(b) && !actor_no_verb) {
      drop(b, e + 1);
    }
  }
  // TABARI: a final clause needs the sentence's closing punctuation
  // ("..., that Calimehtar attacked Gandalf" without a period stays).
  if (tabari && (end == n || !(text_[toks_[end].start] == '.' || text_[toks_[end].start] == '!' ||
                               text_[toks_[end].start] == '?')))
    last_used = true;
  uint32_t last_b = commas.back() + 1;
  w = words(last_b, end);
  if (!last_used && last_b < end && opt_.comma_emax > 0 && w >= opt_.comma_emin &&
      w <= opt_.comma_emax && !only_actors(last_b, end) && !starts_actor(last_b))
    drop(commas.back(), end);
  if (!any) return;
  // Map the kept tokens back to all-token indices and compact.
  std::vector<bool> all_keep(all_toks_.size(), true);
  size_t j = 0;
  for (size_t i = 0; i < all_toks_.size() && j < n; ++i) {
    if (all_toks_[i].start == toks_[j].start) {
      all_keep[i] = keep[j];
      ++j;
    } else {
      all_keep[i] = false;
    }
  }
  Compact(all_keep);
}

std::string ClassicCoder::CodeText(const Unit& u) const {
  if (u.has_actor) return u.code;
  return (c_.style == dict::Style::kTabari ? "~" : "---") + u.code;
}

bool ClassicCoder::IsVerbAt(uint32_t pos) const {
  return std::find(verbs_.begin(), verbs_.end(), pos) != verbs_.end();
}

void ClassicCoder::BuildUnits(int date) {
  units_.clear();
  const bool tabari = c_.style == dict::Style::kTabari;
  dict::AgentEntry former_agent;
  for (const Mention& m : mentions_) {
    if (m.kind == dict::PhraseKind::kSpecial) {
      const std::string& code = c_.specials[m.entry].code;
      int shift = 0;
      if (code == "###") discard_ = true;
      else if (code == "+++") complex_ = true;
      else if (!has_time_ && opt_.time_shift && DayShift(code, &shift)) {
        has_time_ = true;  // the first time phrase of the sentence
        time_shift_ = shift;
        time_b_ = m.begin;
        time_e_ = m.end;
      }
      continue;
    }
    if (m.kind != dict::PhraseKind::kActor && m.kind != dict::PhraseKind::kAgent) continue;
    Unit u;
    u.begin = m.begin;
    u.end = m.end;
    const dict::AgentEntry* ag = nullptr;
    if (m.kind == dict::PhraseKind::kActor) {
      const std::string* code = c_.actors[m.entry].CodeOn(date ? date : 99999999);
      if (!code || code->empty() || *code == "---") continue;
      if (tabari && *code == "###") discard_ = true;
      if (tabari && *code == "+++") complex_ = true;
      u.code = *code;
      u.has_actor = true;
    } else {
      ag = &c_.agents[m.entry];
      u.agent = ag;
      // TABARI: "former" before an agent ("Arnor former security officials",
      // "former Gondor prosecutors") makes it an ex-elite, ELI.
      auto former = [&](uint32_t k) {
        if (k == 0) return false;
        std::string_view w = text_.substr(toks_[k - 1].start, toks_[k - 1].end - toks_[k - 1].start);
        return w.size() == 6 && AsciiLowerCopy(w) == "former";
      };
      if (tabari && (former(m.begin) || (!units_.empty() && units_.back().has_actor &&
                                         units_.back().end == m.begin &&
                                         former(units_.back().begin)))) {
        former_agent = *ag;
        former_agent.code = "ELI";
        former_agent.prefix = false;
        ag = &former_agent;
      }
      u.code = ag->code;
    }
    if (!units_.empty()) {
      Unit& prev = units_.back();
      uint32_t gb = prev.end, ge = u.begin;
      bool adjacent = gb == ge;
      // TABARI "Arnor former security officials": "former" goes with the agent.
      if (tabari && ag && ge == gb + 1 && ag == &former_agent) adjacent = true;
      bool poss = ge == gb + 1 && (Flags(gb) & kPossessive);
      // PETRARCH: "Dagolath's first Deputy Prime Minister": words between
      // the possessive and the agent stay in the noun phrase.
      if (!tabari && !poss && ag && prev.has_actor && ge > gb + 1 && ge <= gb + 5 &&
          (Flags(gb) & kPossessive)) {
        poss = true;
        for (uint32_t k = gb + 1; k < ge; ++k)
          if (!toks_[k].word || IsVerbAt(k) || (Flags(k) & (kComma | kPronoun))) poss = false;
      }
      bool merged = false;
      if (ag && prev.has_actor && (adjacent || poss)) {
        // "Osgiliath soldiers", "Ithilen's president".
        prev.base = prev.code;
        prev.code = WithAgent(prev.code, *ag);
        merged = true;
      } else if (!ag && !prev.has_actor && (adjacent || poss)) {
        // "President Umbardacil", "MSF Arnor": the agent goes with the actor.
        dict::AgentEntry a = *prev.agent;
        a.code = prev.code;
        prev.base = u.code;
        prev.code = WithAgent(u.code, a);
        prev.has_actor = true;
        prev.agent = nullptr;
        merged = true;
      } else if (ag && !prev.has_actor && adjacent) {
        prev.code += ag->code;  // "GOV" + "PRS"
        merged = true;
      }
      if (merged) {
        prev.end = u.end;
        continue;
      }
    }
    units_.push_back(std::move(u));
  }
  // Pronouns take the nearest actor before them.
  for (uint32_t i = 0; i < ids_.size(); ++i) {
    if (!(Flags(i) & kPronoun)) continue;
    // A pronoun right after a verb (an object) is the nearest actor before
    // it; a subject pronoun is the first actor of the sentence.
    // (TABARI: every pronoun is the first actor: "Gondor asked him".)
    bool object = i > 0 && IsVerbAt(i - 1) && !tabari;
    const Unit* near = nullptr;
    for (const Unit& u : units_) {
      if (u.end > i || !u.has_actor || u.pronoun) continue;
      near = &u;
      if (!object) break;
    }
    std::string code;
    if (near) code = near->code;
    else if (opt_.forward && !object && !forward_.empty()) code = forward_;
    else continue;
    Unit p;
    p.begin = i;
    p.end = i + 1;
    p.code = code;
    p.has_actor = true;
    p.pronoun = true;
    auto at = std::find_if(units_.begin(), units_.end(), [&](const Unit& u) { return u.begin > i; });
    units_.insert(at, std::move(p));
  }
}

void ClassicCoder::BuildGroups() {
  groups_.clear();
  pos_group_.assign(ids_.size(), -1);
  for (int ui = 0; ui < int(units_.size()); ++ui) {
    const Unit& u = units_[ui];
    if (!groups_.empty()) {
      Group& g = groups_.back();
      uint32_t b = g.end, e = u.begin;
      bool joined = e > b && e - b <= 5;
      bool saw = false;
      // A comma alone joins only a determiner and one word more ("Mordor,
      // the Shire"), not ", a very senior Bree official".
      bool and_or = false, comma = false;
      for (uint32_t k = b; k < e; ++k) {
        and_or |= (Flags(k) & kAnd) != 0;
        comma |= (Flags(k) & kComma) != 0;
      }
      if (!and_or && e - b > 3) joined = false;
      // "and" ends a list: "between Calenardhon and Gondor, and Gondor and
      // Dagolath" is two compounds.
      // (TABARI joins them: "between Calenardhon and Gondor, and Ithilen and
      // Dagolath" is one.)
      if (g.and_joined && comma && c_.style != dict::Style::kTabari) joined = false;
      for (uint32_t k = b; joined && k < e; ++k) {
        uint32_t f = Flags(k);
        if (f & (kAnd | kComma)) saw = true;
        else if (!toks_[k].word || IsVerbAt(k) || (f & (kPronoun | kOf | kBy | kNotAdj)) ||
                 IsAsciiDigit(text_[toks_[k].start]))
          joined = false;
        else if (!saw && !(f & kDeterminer)) joined = false;  // "X awful and Y"
      }
      if (joined && saw) {
        g.units.push_back(ui);
        g.end = u.end;
        g.and_joined |= and_or;
        continue;
      }
    }
    groups_.push_back(Group{u.begin, u.end, {ui}, false});
  }
  // "Danish media and government": an agent in a compound after an actor
  // with an agent is that actor's too (DNKMED, DNKGOV).
  for (const Group& g : groups_) {
    const Unit* owner = nullptr;
    for (int ui : g.units) {
      Unit& u = units_[ui];
      if (u.has_actor) {
        owner = u.base.empty() ? nullptr : &u;
      } else if (owner && u.agent) {
        dict::AgentEntry a = *u.agent;
        a.code = u.code;
        u.base = owner->base;
        u.code = WithAgent(owner->base, a);
        u.has_actor = true;
      }
    }
  }
  JoinAgentsToActors();
  if (c_.style == dict::Style::kTabari) {
    // A pronoun standing for a compound is the whole compound: "Elrond and
    // Gondor urged ... then they requested".
    for (size_t gi = 0; gi < groups_.size(); ++gi) {
      Group& g = groups_[gi];
      if (g.units.size() != 1 || !units_[g.units[0]].pronoun) continue;
      for (size_t hi = 0; hi < gi; ++hi) {
        const Group& h = groups_[hi];
        if (h.units.size() < 2 || units_[h.units[0]].pronoun ||
            units_[h.units[0]].code != units_[g.units[0]].code)
          continue;
        const Unit p = units_[g.units[0]];
        std::vector<int> copies{g.units[0]};
        for (size_t k = 1; k < h.units.size(); ++k) {
          Unit c = units_[h.units[k]];
          c.begin = p.begin;
          c.end = p.end;
          c.pronoun = true;
          units_.push_back(c);
          copies.push_back(int(units_.size()) - 1);
        }
        groups_[gi].units = copies;
        break;
      }
    }
  }
  pos_group_.assign(ids_.size(), -1);
  for (int gi = 0; gi < int(groups_.size()); ++gi)
    for (uint32_t k = groups_[gi].begin; k < groups_[gi].end; ++k) pos_group_[k] = gi;
}

void ClassicCoder::JoinAgentsToActors() {
  // "the ambassadors of Arnor, Osgiliath and Gondor", "activists in Arnor",
  // "soldiers from Gondor", "lawmakers and officials in Fornost and Gondor",
  // "Ithilen and the government of Gondor": agents followed by of/in/from
  // and actors. PETRARCH gives every actor every agent; TABARI gives the
  // first agent to the first actor only.
  const bool tabari = c_.style == dict::Style::kTabari;
  for (size_t gi = 0; gi + 1 < groups_.size(); ++gi) {
    Group& g = groups_[gi];
    Group& h = groups_[gi + 1];
    size_t first_agent = g.units.size();
    while (first_agent > 0 && !units_[g.units[first_agent - 1]].has_actor) --first_agent;
    if (first_agent == g.units.size()) continue;
    bool actors = true;
    for (int ui : h.units) actors &= units_[ui].has_actor;
    if (!actors) continue;
    uint32_t k = g.end;
    bool prep = k < ids_.size() && ids_[k] != dict::kNoToken &&
                (ids_[k] == id_of_ || ids_[k] == id_in_ || ids_[k] == id_from_);
    if (!prep || (tabari && !(Flags(k) & kOf) && ids_[k] != id_in_)) continue;
    ++k;
    if (k < ids_.size() && (Flags(k) & kDeterminer)) ++k;
    if (k != h.begin) continue;
    std::vector<int> joined(g.units.begin(), g.units.begin() + long(first_agent));
    std::vector<Unit> originals;
    for (int ui : h.units) originals.push_back(units_[ui]);
    for (size_t ai = first_agent; ai < g.units.size(); ++ai) {
      const Unit ag = units_[g.units[ai]];
      for (size_t bi = 0; bi < h.units.size(); ++bi) {
        const Unit& act = originals[bi];
        bool first = ai == first_agent;
        if (tabari && (!first || bi > 0)) {
          if (first) joined.push_back(h.units[bi]);
          continue;
        }
        dict::AgentEntry a = ag.agent ? *ag.agent : dict::AgentEntry{};
        a.code = ag.code;
        Unit nu = act;
        nu.code = WithAgent(act.code, a);
        if (first) {
          units_[h.units[bi]].code = nu.code;
          joined.push_back(h.units[bi]);
        } else {
          units_.push_back(nu);
          joined.push_back(int(units_.size()) - 1);
        }
      }
    }
    h.begin = g.begin;
    h.units = joined;
    groups_.erase(groups_.begin() + long(gi));
    --gi;
  }
}

void ClassicCoder::FindVerbs() {
  verbs_.clear();
  std::vector<bool> in_noun(ids_.size(), false);
  for (const Mention& m : mentions_)
    for (uint32_t k = m.begin; k < m.end; ++k) in_noun[k] = true;
  for (uint32_t i = 0; i < ids_.size(); ++i) {
    if (in_noun[i] || !toks_[i].word) continue;
    bool is_verb = false;
    if (ids_[i] != dict::kNoToken && c_.verb_forms.count(ids_[i])) is_verb = true;
    for (uint32_t k = stem_off_[i]; !is_verb && k < stem_off_[i + 1]; ++k)
      if (c_.verb_forms.count(stems_[k])) is_verb = true;
    if (!is_verb) continue;
    auto noun_mark = [&](uint32_t id) {
      return id != dict::kNoToken && id < c_.noun_words.size() ? c_.noun_words[id] : 0;
    };
    if ((noun_mark(ids_[i]) & 3) == 1) continue;
    if (i > 0 && (Flags(i - 1) & kArticle)) continue;  // "the restore"
    if (i + 1 < ids_.size() && (Flags(i + 1) & kPossessive)) continue;  // "donate's"
    if (i > 0 && (noun_mark(ids_[i - 1]) & 3) == 2) continue;   // TABARI <ADJECTIVE>
    if (i > 0 && toks_[i].capitalized && toks_[i - 1].word) {
      // "To Restore" is a noun, but not in an all-capitals sentence.
      std::string_view w = text_.substr(toks_[i].start, toks_[i].end - toks_[i].start);
      bool lower = false;
      for (char ch : w) lower |= ch >= 'a' && ch <= 'z';
      if (lower) continue;
    }
    verbs_.push_back(i);
  }
}

uint32_t ClassicCoder::SeqMatch(const std::vector<uint32_t>& seq, size_t i, uint32_t pos,
                                uint32_t limit) const {
  for (; i < seq.size(); ++i, ++pos) {
    if (seq[i] == c_.gap_id) {
      for (uint32_t skip = 0; skip <= 3 && pos + skip <= limit; ++skip) {
        uint32_t e = SeqMatch(seq, i + 1, pos + skip, limit);
        if (e != kNoMatch) return e;
      }
      return kNoMatch;
    }
    if (pos >= limit || !TokMatches(pos, seq[i])) return kNoMatch;
  }
  return pos;
}

uint32_t ClassicCoder::SeqStart(const std::vector<uint32_t>& seq, uint32_t end,
                                uint32_t floor) const {
  uint32_t gaps = 0;
  for (uint32_t id : seq) gaps += id == c_.gap_id;
  uint32_t min_len = uint32_t(seq.size()) - gaps;
  for (uint32_t len = min_len; len <= min_len + 3 * gaps; ++len) {
    if (end < floor + len) break;
    if (SeqMatch(seq, 0, end - len, end) == end) return end - len;
  }
  return kNoMatch;
}

int ClassicCoder::GroupAt(uint32_t pos) const {
  return pos < pos_group_.size() ? pos_group_[pos] : -1;
}

int ClassicCoder::FirstGroupIn(uint32_t b, uint32_t e, int exclude) const {
  for (int gi = 0; gi < int(groups_.size()); ++gi) {
    if (gi == exclude) continue;
    if (groups_[gi].begin >= b && groups_[gi].begin < e) return gi;
  }
  return -1;
}

bool ClassicCoder::MayMatch(const dict::Pattern& p) const {
  if (p.anchor != dict::kNoToken && seen_[p.anchor] != stamp_) return false;
  for (const dict::PatternElement& el : p.elems) {
    if (el.type != dict::PatternElement::Type::kWords) continue;
    bool any = false;
    for (const auto& alt : el.alternatives)
      if (!alt.empty() && alt[0] < seen_.size() && seen_[alt[0]] == stamp_) {
        any = true;
        break;
      }
    if (!any) return false;
  }
  return true;
}

bool ClassicCoder::MatchPattern(const dict::Pattern& p, uint32_t verb, uint32_t cb, uint32_t ce,
                                Match* m) const {
  using T = dict::PatternElement::Type;
  m->source = m->target = -1;
  m->compound = false;
  m->words = 0;
  m->first = m->upper_lo = UINT32_MAX;
  m->skipped.clear();
  if (c_.style == dict::Style::kPetrarch2) {
    // PETRARCH-2 matches a pattern in the verb's own phrase and its
    // subject: before the verb only a noun phrase "{DEATH TOLL} *" counts,
    // not a bare word ("RECENTLY *", "HEAVILY *", "WILL *"). (The caller
    // ends the clause at "that".)
    bool upper_words = false;
    for (int e = 0; e < p.verb_pos; ++e)
      upper_words |= p.elems[e].type == dict::PatternElement::Type::kWords;
    if (upper_words) {
      int depth = 0;
      for (char ch : p.text) {
        if (ch == '*') break;
        if (ch == '{') ++depth;
        else if (ch == '}') --depth;
        else if (depth == 0 && (std::isalpha(static_cast<unsigned char>(ch)) || ch == '&'))
          return false;
      }
    }
  }
  // After the verb, left to right.
  uint32_t cursor = verb + 1;
  for (size_t e = p.verb_pos + 1; e < p.elems.size(); ++e) {
    const dict::PatternElement& el = p.elems[e];
    uint32_t last = el.adjacent ? std::min(cursor + 1, ce) : ce;
    bool found = false;
    for (uint32_t pos = cursor; pos < last && !found; ++pos) {
      switch (el.type) {
        case T::kWords:
          for (const auto& alt : el.alternatives) {
            if (alt.empty() || alt[0] >= seen_.size() || seen_[alt[0]] != stamp_) continue;
            uint32_t e2 = SeqMatch(alt, 0, pos, ce);
            if (e2 != kNoMatch) {
              m->words += int(e2 - pos);
              m->first = std::min(m->first, pos);
              cursor = e2;
              found = true;
              break;
            }
          }
          break;
        case T::kSkip: {
          // '^' skips a noun phrase: "the Gondor", "North Yemen", one word.
          // TABARI's '^' skips the next actor ("* IFTAR AT ^ ^ +": "at
          // Osgiliath with the leaders of Gondor in Eriador" is Eriador).
          uint32_t k = pos;
          if (Flags(k) & kArticle) ++k;
          int g = GroupAt(k);
          if (c_.style == dict::Style::kTabari && !(g >= 0 && groups_[g].begin == k)) {
            int next = FirstGroupIn(k, ce, -1);
            if (next >= 0) g = next;
          }
          if (g >= 0 && groups_[g].begin >= k) {
            cursor = groups_[g].end;
            m->skipped.push_back(g);
          } else {
            cursor = k + 1;
          }
          found = true;
          break;
        }
        case T::kTarget:
        case T::kSource:
        case T::kCompound: {
          int g = GroupAt(pos);
          if (g < 0 || groups_[g].begin != pos) break;
          if (el.type == T::kCompound && groups_[g].units.size() < 2) break;
          if (el.type == T::kTarget) m->target = g;
          else if (el.type == T::kSource) m->source = g;
          else {
            m->source = m->target = g;
            m->compound = true;
          }
          cursor = groups_[g].end;
          found = true;
          break;
        }
        case T::kVerb:
          break;
      }
    }
    if (!found) return false;
  }
  // Before the verb, right to left.
  uint32_t bcursor = verb;  // the next element must end at or before this
  bool need_adjacent = p.elems[p.verb_pos].adjacent;
  for (int e = p.verb_pos - 1; e >= 0; --e) {
    const dict::PatternElement& el = p.elems[e];
    bool found = false;
    uint32_t lowest = need_adjacent ? bcursor : cb;
    for (uint32_t end = bcursor; end >= lowest && end > cb && !found; --end) {
      switch (el.type) {
        case T::kWords:
          for (const auto& alt : el.alternatives) {
            if (alt.empty() || alt[0] >= seen_.size() || seen_[alt[0]] != stamp_) continue;
            uint32_t st = SeqStart(alt, end, cb);
            if (st != kNoMatch) {
              m->words += int(end - st);
              m->upper_lo = std::min(m->upper_lo, st);
              bcursor = st;
              found = true;
              break;
            }
          }
          break;
        case T::kSkip: {
          // TABARI: the actor before ("$ ^ FOR *": "Arnor was United Arab
          // Emirates for Eriador warning").
          int g = GroupAt(end - 1);
          if (c_.style == dict::Style::kTabari && g >= 0 && groups_[g].end == end &&
              groups_[g].begin >= cb) {
            bcursor = groups_[g].begin;
            m->skipped.push_back(g);
          } else {
            bcursor = end - 1;
          }
          found = true;
          break;
        }
        case T::kTarget:
        case T::kSource:
        case T::kCompound: {
          int g = GroupAt(end - 1);
          if (g < 0 || groups_[g].end != end) break;
          if (el.type == T::kCompound && groups_[g].units.size() < 2) break;
          if (el.type == T::kTarget) m->target = g;
          else if (el.type == T::kSource) m->source = g;
          else {
            m->source = m->target = g;
            m->compound = true;
          }
          bcursor = groups_[g].begin;
          found = true;
          break;
        }
        case T::kVerb:
          break;
      }
      if (end == 0) break;
    }
    if (!found) return false;
    need_adjacent = el.adjacent;
  }
  return true;
}

bool ClassicCoder::SameActors(int g1, int g2) const {
  if (g1 < 0 || g2 < 0) return false;
  if (g1 == g2) return true;
  if (groups_[g1].units.size() != groups_[g2].units.size()) return false;
  for (int u2 : groups_[g2].units) {
    bool found = false;
    for (int u1 : groups_[g1].units) found |= units_[u1].code == units_[u2].code;
    if (!found) return false;
  }
  return true;
}

bool ClassicCoder::NestedVerb(uint32_t v, uint32_t v2) const {
  static constexpr std::string_view kBetween[] = {
      "that", "to", "will", "would", "has", "have", "had", "is", "was", "were", "are", "be",
      "been", "being", "could", "can", "may", "might", "shall", "should", "must", "not", "n't",
      "also", "already", "just", "now", "then", "had", "did", "does", "do"};
  int actors = 0, last_group = -1;
  for (uint32_t k = v + 1; k < v2; ++k) {
    const int g = GroupAt(k);
    if (g >= 0) {
      if (g != last_group) ++actors;
      last_group = g;
      continue;
    }
    std::string w = AsciiLowerCopy(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start));
    if (std::find(std::begin(kBetween), std::end(kBetween), w) != std::end(kBetween)) continue;
    if (w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0) continue;
    return false;
  }
  return actors <= 1;
}

bool ClassicCoder::OuterMatches(const dict::Transform& tr, const std::string& outer,
                                const std::vector<uint32_t>& outer_verbs) const {
  // A verb without a code ("ATTEMPT [---]") is matched as that verb.
  if (tr.outer_code == "---")
    return std::find(outer_verbs.begin(), outer_verbs.end(), tr.outer_verb) != outer_verbs.end();
  return CodeUnder(outer, tr.outer_code);
}

const dict::Transform* ClassicCoder::FindTransform(const std::string& outer,
                                                   const std::vector<uint32_t>& outer_verbs,
                                                   int a, const std::string& inner, int b,
                                                   int t) const {
  for (int named = 1; named >= 0; --named)
    for (const dict::Transform& tr : c_.transforms) {
      if ((tr.inner_code != "Q") != bool(named)) continue;
      if (!OuterMatches(tr, outer, outer_verbs)) continue;
      if (tr.inner_code != "Q" && !CodeUnder(inner, tr.inner_code)) continue;
      // One place of the nested event: "_" none, "." any actor, "a" the
      // outer source's actors, another letter any actor (bound).
      auto fits = [&](const std::string& var, int g) {
        if (var == "_") return g < 0;
        if (g < 0) return false;
        if (var == "a") return SameActors(a, g);
        return !SameActors(a, g);
      };
      if (!fits(tr.inner_source, b) || !fits(tr.inner_target, t)) continue;
      if (tr.inner_source == tr.inner_target && tr.inner_source != "." &&
          !SameActors(b, t))
        continue;
      return &tr;
    }
  return nullptr;
}

bool ClassicCoder::Negated(uint32_t verb, uint32_t cb) const {
  // "did not clash", "won't ever clash", "most certainly really did not even
  // ever clash": a negation before the verb with only auxiliaries and
  // adverbs between (not "won't try to clash").
  static constexpr std::string_view kSkip[] = {
      "ever", "even", "now", "also", "still", "yet", "then", "do", "does", "did", "will",
      "would", "can", "could", "shall", "should", "may", "might", "must", "wo", "ca",
      "have", "has", "had", "be", "been"};
  for (uint32_t j = verb; j-- > cb && j + 6 > verb;) {
    std::string_view w = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
    std::string lw(w);
    for (char& ch : lw) ch = AsciiLower(ch);
    if (lw == "not" || lw == "n't" || lw == "n’t" || lw == "never") return true;
    bool skip = lw.size() > 3 && lw.compare(lw.size() - 2, 2, "ly") == 0;
    for (std::string_view k : kSkip) skip |= lw == k;
    if (!skip) return false;
  }
  return false;
}

bool ClassicCoder::CodeSentence(const Document& doc, int sent_index, uint32_t start,
                                uint32_t end, int date, std::vector<Event>* events) {
  text_ = doc.text;
  discard_ = complex_ = story_discard_ = has_time_ = false;
  Prepare(doc.text, start, end);
  if (ids_.empty()) return true;
  // a. Discard phrases; issue phrases (PETRARCH issues files) share the
  // trie: the codes of the sentence, in order, each once; an exclusion
  // ("~a head start") covers its words and gives none.
  issues_.clear();
  if (c_.discards.num_nodes() > 1) {
    for (uint32_t i = 0; i < ids_.size(); ++i) {
      const dict::PhraseHit* hit = nullptr;
      const uint32_t len = Longest(c_.discards, i, &hit);
      if (len == 0 || !hit) continue;
      if (hit->kind == dict::PhraseKind::kStoryDiscard) return false;
      if (hit->kind == dict::PhraseKind::kDiscard) return true;
      if (hit->kind == dict::PhraseKind::kIssue) {
        const std::string& code = c_.issues[hit->entry];
        if (!code.empty() && std::find(issues_.begin(), issues_.end(), code) == issues_.end())
          issues_.push_back(code);
        i += len - 1;
      }
    }
  }
  if (opt_.min_words > 0) {
    // TABARI counts words between blanks: "Gondor's" is one.
    int words = 0;
    for (uint32_t i = 0; i < toks_.size(); ++i) words += toks_[i].word && !(Flags(i) & kPossessive);
    if (words < opt_.min_words) return true;
  }
  FindMentions();
  FindVerbs();
  // b. Subordinate comma clauses.
  size_t before = toks_.size();
  DeleteCommaClauses();
  if (toks_.size() != before) {
    FindMentions();
    // d. Verbs (before units: compounds must not swallow verbs).
    FindVerbs();
  }
  // c. Actor units and compounds.
  BuildUnits(date);
  if (discard_) return true;
  if (opt_.forward) {
    forward_.clear();
    for (const Unit& u : units_)
      if (u.has_actor && !u.pronoun) {
        forward_ = u.code.substr(0, 3);
        break;
      }
  }
  BuildGroups();
  // Complexity.
  if (complex_) return true;
  // TABARI COMPLEX: VERBS[5] CONJ[4]: five verbs or four conjunctions are
  // too many; the "and" of a compound actor is no conjunction.
  if (opt_.complex_verbs > 0 && int(verbs_.size()) >= opt_.complex_verbs) return true;
  if (opt_.complex_conj > 0) {
    int conj = 0;
    for (uint32_t i = 0; i < ids_.size(); ++i) conj += (Flags(i) & kConj) && GroupAt(i) < 0;
    if (conj >= opt_.complex_conj) return true;
  }

  if (verbs_.empty()) return true;
  // e. Clauses.
  std::vector<std::pair<uint32_t, uint32_t>> clauses;
  {
    uint32_t cb = 0;
    const uint32_t n = uint32_t(ids_.size());
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t f = Flags(i);
      bool brk = (f & kBreak) != 0;
      if (!brk && (f & kAnd) && GroupAt(i) < 0) {
        // "and"/"or" followed by a verb (not by an actor) starts a clause.
        // Only pronouns, "then", "also" and adverbs may come between.
        for (uint32_t j = i + 1; j < n && j <= i + 3; ++j) {
          if (IsVerbAt(j)) {
            brk = true;
            break;
          }
          int g = GroupAt(j);
          if (g >= 0 && groups_[g].begin == j && !units_[groups_[g].units[0]].pronoun) {
            // "and Gondor asked him": a new subject and its verb.
            if (IsVerbAt(groups_[g].end)) brk = true;
            break;
          }
          if (g >= 0 && units_[groups_[g].units[0]].pronoun) {
            // "and then it requested ...": a subject pronoun opens a clause.
            if (j + 1 < n && toks_[j + 1].word && GroupAt(j + 1) < 0) {
              brk = true;
              break;
            }
            continue;
          }
          std::string_view w = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
          bool adverb = (w.size() > 3 && w.substr(w.size() - 2) == "ly") || w == "then" ||
                        w == "also" || w == "later";
          if (!adverb) break;
        }
        // ... unless no verb came before in this clause.
        bool verb_before = false;
        for (uint32_t v : verbs_) verb_before |= v >= cb && v < i;
        if (!verb_before) brk = false;
      }
      if (!brk && (f & kComma) && c_.style != dict::Style::kTabari && GroupAt(i) < 0) {
        // PETRARCH: ", a senior official said": a comma before a segment
        // with its own subject and verb starts a clause.
        bool verb_before = false;
        for (uint32_t v : verbs_) verb_before |= v >= cb && v < i;
        // The subject starts the segment and its verb follows it.
        for (uint32_t j = i + 1; j < n && j <= i + 4 && !(Flags(j) & kComma); ++j) {
          int g = GroupAt(j);
          if (g < 0) continue;
          uint32_t after = groups_[g].end;
          for (uint32_t k = after; k < n && k <= after + 3; ++k) {
            if (IsVerbAt(k)) brk = verb_before;
            if (!toks_[k].word) break;
          }
          break;
        }
      }
      if (brk) {
        if (i > cb) clauses.emplace_back(cb, i);
        cb = i + 1;
      }
    }
    if (cb < n) clauses.emplace_back(cb, n);
  }
  // f.-h. Code.
  const size_t first_event = events->size();
  int prev_source = -1;
  bool sentence_done = false;
  std::vector<std::pair<size_t, size_t>> dominant_events;  // ranges in *events
  struct Resolved {
    std::vector<uint32_t> verb_ids;  // the verbs of the word's forms
    std::string code, paired, entry;
    bool dominant = false;
    int src = -1, tgt = -1;
  };
  enum class Step { kSkip, kStop, kOk };
  const bool all = opt_.code_by == CodingOptions::CodeBy::kAll;
  bool clause_coded = false;
    // Resolves the verb at `v` in the clause [cb, ce): its code and its
    // source and target groups. pass: 0 strong codes, 1 weak ones, -1 both;
    // allow_null: a verb without a code ("---") resolves too (PETRARCH-2
    // transformations of "ATTEMPT [---]").
    auto resolve = [&](uint32_t v, uint32_t cb, uint32_t ce, int pass, bool allow_null,
                       Resolved* out) -> Step {
    // Best pattern over all verbs sharing this form.
    std::vector<uint32_t> verb_ids;
    auto add_verbs = [&](uint32_t id) {
      auto it = c_.verb_forms.find(id);
      if (it == c_.verb_forms.end()) return;
      for (uint32_t vi : it->second)
        if (std::find(verb_ids.begin(), verb_ids.end(), vi) == verb_ids.end())
          verb_ids.push_back(vi);
    };
    if (ids_[v] != dict::kNoToken) add_verbs(ids_[v]);
    for (uint32_t k = stem_off_[v]; k < stem_off_[v + 1]; ++k) add_verbs(stems_[k]);
    // PETRARCH-2: a clause after "that" is not in the verb's phrase
    // ("allowed that Mordor isn't the neatest place").
    uint32_t pce = ce;
    if (c_.style == dict::Style::kPetrarch2 && id_that_ != dict::kNoToken)
      for (uint32_t k = v + 1; k < ce; ++k)
        if (ids_[k] == id_that_) {
          pce = k;
          break;
        }
    const dict::Pattern* best = nullptr;
    const dict::Verb* best_verb = nullptr;
    Match best_m, m;
    for (uint32_t vi : verb_ids) {
      const dict::Verb& vb = c_.verbs[vi];
      // The pattern that matches the most words wins (TABARI: "RESIST
      // TO THE END OF THE EARTH" over "RESIST TO THE END"); on a tie the
      // more specific one (patterns are sorted).
      for (const dict::Pattern& p : vb.patterns) {
        // TABARI: on a tie the pattern of more single words wins ("*
        // RESISTANCE TO THE INVADING" over "* RESIST {TO THE END | ...}").
        const bool tie_ok = c_.style == dict::Style::kTabari && best &&
                            p.max_words == best_m.words &&
                            WordElems(p) > WordElems(*best);
        // PETRARCH-2 follows the verb's phrase word by word: the pattern
        // whose words start nearest the verb wins ("signed an accord on
        // Thursday to supply": "* ACCORD" over "* {TO SUPPLY}").
        const bool p2 = c_.style == dict::Style::kPetrarch2;
        if (best && p.max_words <= best_m.words && !tie_ok && (!p2 || best_m.first <= v + 1))
          continue;
        if (MayMatch(p) && MatchPattern(p, v, cb, pce, &m) &&
            (!best || (p2 && m.first != best_m.first ? m.first < best_m.first
                                                      : m.words > best_m.words) ||
             (tie_ok && m.words == best_m.words))) {
          best = &p;
          best_verb = &vb;
          best_m = m;
        }
      }
    }
    if (c_.style != dict::Style::kPetrarch2) {
      // A verb inside the words a later verb's pattern matched before that
      // verb is a word of the pattern, not a verb of its own: "should" in
      // "indicated it should have acted" (ACT: "INDICATED SHOULD *").
      bool inside = false;
      for (uint32_t v2 : verbs_) {
        if (v2 <= v || v2 >= ce || inside) continue;
        std::vector<uint32_t> ids2;
        if (ids_[v2] != dict::kNoToken) {
          auto it = c_.verb_forms.find(ids_[v2]);
          if (it != c_.verb_forms.end()) ids2 = it->second;
        }
        for (uint32_t k = stem_off_[v2]; k < stem_off_[v2 + 1]; ++k) {
          auto it = c_.verb_forms.find(stems_[k]);
          if (it != c_.verb_forms.end()) ids2.insert(ids2.end(), it->second.begin(), it->second.end());
        }
        Match m2;
        for (uint32_t vi : ids2)
          for (const dict::Pattern& p : c_.verbs[vi].patterns) {
            if (p.verb_pos == 0 || p.elems[0].type != dict::PatternElement::Type::kWords)
              continue;
            if (MayMatch(p) && MatchPattern(p, v2, cb, ce, &m2) && m2.upper_lo <= v) {
              inside = true;
              break;
            }
          }
      }
      if (inside) return Step::kSkip;
    }
    std::string code, paired, entry;
    bool weak = false;
    if (best) {
      weak = best->weak;
      code = best->code;
      paired = best->paired;
      entry = best->origin.ToString() + " verb " + best_verb->lemma + ": " + best->text;
    } else {
      for (uint32_t vi : verb_ids) {
        const dict::Verb& vb = c_.verbs[vi];
        if (vb.code != "---") {
          weak = vb.weak;
          code = vb.code;
          paired = vb.paired;
          entry = vb.origin.ToString() + " verb " + vb.lemma;
          break;
        }
      }
    }
    // TABARI "[031!]": a dominant code.
    bool dominant = false;
    if (code.size() > 1 && code.back() == '!') {
      code.pop_back();
      dominant = true;
    }
    if (paired.size() > 1 && paired.back() == '!') paired.pop_back();
    if (c_.style == dict::Style::kPetrarch2 && !code.empty() && code != "---" &&
        Negated(v, cb)) {
      // PETRARCH-2 codes a negated verb by the negated meaning.
      code = NegatedCode(code);
      if (!paired.empty() && paired != "---") paired = NegatedCode(paired);
    }
    if (code.empty()) code = "---";
    if (code == "---" && !allow_null) return Step::kSkip;
    // A weak code ("SAID [023?]") codes only when no other verb does.
    if (!all && pass >= 0 && (weak != (pass == 1))) return Step::kSkip;
    if (code == "###") {
      events->resize(first_event);
      return Step::kStop;
    }
    if (code == "+++") {
      events->resize(first_event);
      return Step::kStop;
    }
    // COMPLEX: NOACTPRIOR: no actor before the first verb that codes.
    if (opt_.complex_no_actor_prior && code != "---" && events->size() == first_event &&
        !clause_coded &&
        opt_.default_source.empty() && (groups_.empty() || groups_[0].begin >= v))
      return Step::kStop;
    int src = best ? best_m.source : -1;
    int tgt = best ? best_m.target : -1;
    bool compound = best && best_m.compound;
    if (compound && c_.style != dict::Style::kTabari && groups_[tgt].begin > v) {
      // PETRARCH "* WITH %" after a subject: the subject with each member
      // ("Eriador agrees with the Philippines and France").
      int subject = FirstGroupIn(cb, v, tgt);
      if (subject >= 0) {
        src = subject;
        compound = false;
      }
    }
    // Passive: "was opposed by X".
    bool passive = false;
    if (!best || (best_m.source < 0 && best_m.target < 0)) {
      // The auxiliary right before the verb, or before adverbs only
      // ("was fiercely opposed").
      // ("was heavily and unjustly criticized").
      for (uint32_t j = v; j-- > cb && j + 6 > v;) {
        if (Flags(j) & kPassiveAux) {
          passive = true;
          break;
        }
        if ((Flags(j) & kAnd) && j + 1 < v) continue;
        std::string_view w = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
        if (w.size() < 4 || w.substr(w.size() - 2) != "ly") break;
      }
      // "Gollum was seen to break into ...": a passive before an
      // infinitive leaves the event to that verb, whose subject it shares.
      if (passive && v + 2 < ce && IsVerbAt(v + 2)) {
        const text::Token& to = toks_[v + 1];
        if (AsciiLowerCopy(text_.substr(to.start, to.end - to.start)) == "to") return Step::kSkip;
      }
      if (passive) {
        int by = -1;
        for (uint32_t j = v + 1; j < ce && j <= v + 3; ++j)
          if (Flags(j) & kBy) {
            int g = GroupAt(j + 1);
            if (g >= 0) by = g;
            break;
          }
        if (by >= 0) {
          src = by;
        } else {
          // "An Eriadorian was shot dead in Osgiliath": no "by", the actor
          // after the verb is the source.
          const text::Token& vt = toks_[v];
          std::string_view w = text_.substr(vt.start, vt.end - vt.start);
          bool ing = w.size() > 4 && w.substr(w.size() - 3) == "ing";
          int after = FirstGroupIn(v + 1, ce, -1);
          // (PETRARCH-1 keeps the subject as the source.)
          if (ing || after < 0 || c_.style == dict::Style::kPetrarch1) passive = false;
          else src = after;
        }
      }
    }
    if (!compound) {
      if (passive) {
        if (tgt < 0)
          for (int gi = int(groups_.size()) - 1; gi >= 0; --gi)
            if (groups_[gi].end <= v && groups_[gi].begin >= cb && gi != src) {
              tgt = gi;
              break;
            }
      } else {
        if (src < 0) src = FirstGroupIn(cb, v, tgt);
        if (src < 0 && prev_source >= 0) src = prev_source;
        if (src < 0) src = FirstGroupIn(0, v, tgt);
        if (tgt < 0) {
          // Skip targets that are the source again ("whether he ...").
          uint32_t from = v + 1;
          while ((tgt = FirstGroupIn(from, ce, src)) >= 0 && src >= 0) {
            bool same = true;
            for (int tu : groups_[tgt].units) {
              bool in_src = false;
              for (int su : groups_[src].units) in_src |= units_[su].code == units_[tu].code;
              same &= in_src;
            }
            if (!same) break;
            from = groups_[tgt].end;
          }
        }
      }
    }
    if (opt_.new_actor_length > 0 && c_.style != dict::Style::kTabari && !compound) {
      // PETRARCH new_actor_length: an unknown noun phrase of at most that
      // many words, with a capitalised word, is an actor coded by its text:
      // "Gryffindor's head Minerva McGonagall" -> "GRYFFINDOR HEAD MINERVA MCGONAGALL".
      auto new_actor = [&](uint32_t b, uint32_t e) -> int {
        std::string text_code;
        int words = 0;
        bool cap = false;
        for (uint32_t k = b; k < e; ++k) {
          if (!toks_[k].word || (Flags(k) & kPossessive)) continue;
          if (GroupAt(k) >= 0 || IsVerbAt(k)) return -1;
          std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
          cap |= toks_[k].capitalized;
          if (!text_code.empty()) text_code += ' ';
          for (char ch : w) text_code += (ch >= 'a' && ch <= 'z') ? char(ch - 32) : ch;
          ++words;
        }
        if (words == 0 || words > opt_.new_actor_length || !cap) return -1;
        Unit u;
        u.begin = b;
        u.end = e;
        u.code = "\"" + text_code + "\"";
        u.has_actor = true;
        units_.push_back(u);
        groups_.push_back(Group{b, e, {int(units_.size()) - 1}});
        return int(groups_.size()) - 1;
      };
      static constexpr std::string_view kPreps[] = {"on", "in", "at", "with", "for", "to",
                                                    "from", "during", "after", "before", "by"};
      auto is_prep = [&](uint32_t k) {
        std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
        for (std::string_view p : kPreps)
          if (w.size() == p.size() && std::equal(w.begin(), w.end(), p.begin(),
                                                 [](char a, char b) { return AsciiLower(a) == b; }))
            return true;
        return false;
      };
      if (src < 0) src = new_actor(cb, v);
      if (tgt < 0 && v + 1 < ce) {
        uint32_t b = v + 1;
        if (is_prep(b)) ++b;
        uint32_t e = b;
        while (e < ce && toks_[e].word && !is_prep(e) && !IsVerbAt(e)) ++e;
        if (e > b) tgt = new_actor(b, e);
      }
    }
    if (c_.style == dict::Style::kTabari && !compound) {
      // TABARI takes the actors in order: with no source before the verb
      // the first actor after it is the source; with no target the next
      // actor after the source is, or the rest of a compound source.
      auto split = [&](int g, int* first, int* rest) {
        Group a{groups_[g].begin, groups_[g].end, {groups_[g].units[0]}};
        Group b{groups_[g].begin, groups_[g].end,
                std::vector<int>(groups_[g].units.begin() + 1, groups_[g].units.end())};
        groups_.push_back(a);
        *first = int(groups_.size()) - 1;
        groups_.push_back(b);
        *rest = int(groups_.size()) - 1;
      };
      if (src < 0 && tgt >= 0 && !opt_.default_source.empty() && !opt_.default_source_prior) {
        if (groups_[tgt].units.size() >= 2) {
          split(tgt, &src, &tgt);
        } else {
          src = tgt;
          tgt = FirstGroupIn(groups_[src].end, ce, src);
        }
      } else if (src < 0 && tgt >= 0 && passive) {
      } else if (src < 0 && tgt >= 0 && best && best_m.target >= 0) {
        src = FirstGroupIn(v + 1, ce, tgt);  // "+ WAS * DEAD": source after the verb
      } else if (src >= 0 && tgt < 0 &&
                 (opt_.default_target.empty() || !opt_.default_target_after)) {
        // (not an actor the pattern's '^' skipped)
        int between = -1;
        for (uint32_t from = groups_[src].end; (between = FirstGroupIn(from, v, src)) >= 0;
             from = groups_[between].end)
          if (!best || std::find(best_m.skipped.begin(), best_m.skipped.end(), between) ==
                           best_m.skipped.end())
            break;
        if (between >= 0) tgt = between;
        else if (groups_[src].units.size() >= 2) split(src, &src, &tgt);
      }
    }
    out->verb_ids = std::move(verb_ids);
    out->code = std::move(code);
    out->paired = std::move(paired);
    out->entry = std::move(entry);
    out->dominant = dominant;
    out->src = src;
    out->tgt = tgt;
    return Step::kOk;
    };
  for (const auto& [cb, ce] : clauses) {
    if (sentence_done) break;
    clause_coded = false;
    uint32_t consumed = 0;  // verbs up to here belong to a transformed event
    for (int pass = 0; pass < (all ? 1 : 2) && !clause_coded && !sentence_done; ++pass)
    for (uint32_t v : verbs_) {
      if (v < cb || v >= ce || (consumed && v <= consumed)) continue;
      Resolved r;
      const Step step = resolve(v, cb, ce, pass, has_null_outer_, &r);
      if (step == Step::kStop) return true;
      if (step == Step::kSkip) continue;
      std::string code = std::move(r.code), paired = std::move(r.paired),
                  entry = std::move(r.entry);
      const bool dominant = r.dominant;
      int src = r.src, tgt = r.tgt;
      const bool transformable =
          src >= 0 && std::any_of(c_.transforms.begin(), c_.transforms.end(),
                                  [&](const dict::Transform& tr) {
                                    return OuterMatches(tr, code, r.verb_ids);
                                  });
      if (transformable) {
        // PETRARCH-2 transformations: the event nested in this verb's
        // clause, coded by the next verb, recoded with this verb's source.
        uint32_t v2 = 0;
        for (uint32_t w : verbs_)
          if (w > v && w < ce) {
            v2 = w;
            break;
          }
        Resolved in;
        if (v2 && NestedVerb(v, v2) && resolve(v2, v + 1, ce, -1, false, &in) == Step::kOk) {
          const bool own_source = in.src >= 0 && groups_[in.src].begin > v;
          if (const dict::Transform* t = FindTransform(code, r.verb_ids, src, in.code,
                                                       own_source ? in.src : -1, in.tgt)) {
            int bound_src = -1, bound_tgt = -1;
            auto bind = [&](const std::string& var) {
              if (var == "a") return src;
              if (var == t->inner_source) return own_source ? in.src : -1;
              return in.tgt;
            };
            bound_src = bind(t->source);
            bound_tgt = bind(t->target);
            code = t->code == "Q" ? in.code : t->code;
            paired.clear();
            entry = t->origin.ToString() + " transformation: " + t->text;
            src = bound_src;
            tgt = bound_tgt;
            consumed = v2;
          }
        }
      }
      if (code == "---") continue;
      // Emit.
      auto make = [&](const Unit* s, const Unit* t, const std::string& c) {
        Event ev;
        ev.doc_id = doc.id;
        ev.sent_index = sent_index;
        ev.date = doc.date;
        ev.source = s ? CodeText(*s) : opt_.default_source;
        ev.target = t ? CodeText(*t) : opt_.default_target;
        if (ev.source.empty()) ev.source = "---";
        if (ev.target.empty()) ev.target = "---";
        if (opt_.require_dyad && (ev.source == "---" || ev.target == "---")) return;
        if (ev.source == ev.target) return;
        dict::SetEventCode(&ev, c);
        ev.sentence = doc.text.substr(start, end - start);
        auto span = [&](const Unit* u, Evidence* out) {
          if (!u) return;
          out->start = toks_[u->begin].start;
          out->end = toks_[u->end - 1].end;
          out->text = doc.text.substr(out->start, out->end - out->start);
        };
        span(s, &ev.source_ev);
        span(t, &ev.target_ev);
        int article = 0;
        if (has_time_ && ParseDate(doc.date, &article)) {
          // TABARI <TIME>: the article date shifted ("yesterday" [-1]).
          ev.event_date = FormatDate(recognize::AddDays(article, time_shift_));
          ev.date_ev.start = toks_[time_b_].start;
          ev.date_ev.end = toks_[time_e_ - 1].end;
          ev.date_ev.text = doc.text.substr(ev.date_ev.start, ev.date_ev.end - ev.date_ev.start);
          ev.date_ev.entry = "TABARI time shift " + std::to_string(time_shift_);
        }
        ev.trigger_ev.start = toks_[v].start;
        ev.trigger_ev.end = toks_[v].end;
        ev.trigger_ev.text = doc.text.substr(ev.trigger_ev.start, ev.trigger_ev.end - ev.trigger_ev.start);
        ev.trigger_ev.entry = entry;
        for (size_t e = first_event; e < events->size(); ++e) {
          const Event& o = (*events)[e];
          if (o.source == ev.source && o.target == ev.target && o.code == ev.code) return;
        }
        events->push_back(std::move(ev));
      };
      // A literal compound code "FRO/BIL/SAM" is one actor per part
      // (TABARI, PETRARCH-1).
      auto emit = [&](const Unit* s, const Unit* t, const std::string& c) {
        auto parts = [&](const Unit* u) {
          std::vector<Unit> out;
          if (!u || c_.style == dict::Style::kPetrarch2 || u->code.find('/') == std::string::npos) {
            if (u) out.push_back(*u);
            return out;
          }
          size_t b = 0;
          while (b <= u->code.size()) {
            size_t e = u->code.find('/', b);
            if (e == std::string::npos) e = u->code.size();
            Unit x = *u;
            x.code = u->code.substr(b, e - b);
            if (!x.code.empty()) out.push_back(x);
            b = e + 1;
          }
          return out;
        };
        std::vector<Unit> ss = parts(s), ts = parts(t);
        if (!s && !t) make(nullptr, nullptr, c);
        for (const Unit& x : ss) {
          if (!t) make(&x, nullptr, c);
          for (const Unit& y : ts) make(&x, &y, c);
        }
        if (!s)
          for (const Unit& y : ts) make(nullptr, &y, c);
      };
      auto pairs = [&](int a, int b, const std::string& c) {
        if (a >= 0 && a == b) {
          for (int su : groups_[a].units)
            for (int tu : groups_[a].units)
              if (su != tu) emit(&units_[su], &units_[tu], c);
          return;
        }
        if (a >= 0 && b >= 0) {
          for (int su : groups_[a].units)
            for (int tu : groups_[b].units) emit(&units_[su], &units_[tu], c);
        } else if (a >= 0) {
          for (int su : groups_[a].units) emit(&units_[su], nullptr, c);
        } else if (b >= 0) {
          for (int tu : groups_[b].units) emit(nullptr, &units_[tu], c);
        } else {
          emit(nullptr, nullptr, c);
        }
      };
      const size_t before_pairs = events->size();
      pairs(src, tgt, code);
      if (!paired.empty() && paired != "---") pairs(tgt, src, paired);
      if (dominant) dominant_events.emplace_back(before_pairs, events->size());
      // PETRARCH-2 codes each verb on its own: a verb whose event has no
      // dyad ("It has been noted that Gondor and Osgiliath have delayed")
      // leaves the clause to the next verb.
      if (c_.style == dict::Style::kPetrarch2 && events->size() == before_pairs) continue;
      if (src >= 0) prev_source = src;
      clause_coded = true;
      if (opt_.code_by == CodingOptions::CodeBy::kAll) continue;
      if (opt_.code_by == CodingOptions::CodeBy::kSentence) sentence_done = true;
      break;
    }
  }
  if (!dominant_events.empty() && opt_.code_by == CodingOptions::CodeBy::kAll) {
    // Events of a dominant code are the only ones of the sentence
    // (TABARI: "only ATTEND will code when coding in ALL mode").
    size_t out = first_event;
    for (const auto& [b, e] : dominant_events)
      for (size_t k = b; k < e; ++k, ++out)
        if (out != k) (*events)[out] = std::move((*events)[k]);
    events->resize(out);
  }
  return true;
}

}  // namespace casus::internal
