#include "code/coder.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/date.h"
#include "common/strutil.h"
#include "dict/cameo_codes.h"
#include "text/closed_class.h"

namespace casus::internal {

namespace {

enum Flag : uint64_t {
  kJoin = 1u << 0,        // and, or, &
  kComma = 1u << 1,
  kPossessive = 1u << 2,  // 's
  kOf = 1u << 3,
  kNounMarker = 1u << 4,  // a following verb form is a noun
  kClauseBreak = 1u << 5,
  kNegation = 1u << 6,
  kBy = 1u << 7,
  kPassiveAux = 1u << 8,
  kSpeech = 1u << 9,      // said: reported speech follows directly
  kSpeechThat = 1u << 10, // told, warned: reported speech follows "that"
  kThat = 1u << 11,
  kAnd = 1u << 12,
  kThe = 1u << 13,
  kAs = 1u << 14,
  kWell = 1u << 15,
  kAlongTogether = 1u << 16,
  kWith = 1u << 17,
  kAccording = 1u << 18,
  kTo = 1u << 19,
  kSemicolon = 1u << 20,
  kLocative = 1u << 21,   // in, at, near: an actor after it is a place
  kModal = 1u << 22,      // will, would, willing (to), plans (to): intention
  kHeShe = 1u << 23,      // he, she: the last person named
  kThey = 1u << 24,       // they: the last two countries named
  kBoth = 1u << 25,       // "both sides"
  kTwo = 1u << 26,        // "the two countries"
  kThree = 1u << 27,      // "the three allies"
  kPairNoun = 1u << 28,   // countries, sides, leaders, governments, allies, ...
  kHypo = 1u << 29,       // may, might, could: the event is uncertain
  kFutureTo = 1u << 30,   // expected/set/due/scheduled (to): a future event, no intent
  kIf = 1u << 31,         // if, unless, whether: the clause is a condition
  kAllegedly = 1ull << 32,  // allegedly, reportedly
  kBelief = 1ull << 33,   // fear, believe, suspect (that): what follows is hypothetical
  kBetween = 1ull << 34,  // "talks between A and B"
  kNomTarget = 1ull << 35,  // on, against, toward, into: the target of an event noun
  kFrom = 1ull << 36,
  kEach = 1ull << 37,       // each, one: "each other", "one another"
  kOther = 1ull << 38,      // other, another
  kPossPronoun = 1ull << 39,  // its, their, his, her, our: "their embassies" is the subject's
  kIt = 1ull << 40,         // it: after a speech verb, the speaker ("Israel said it ...")
  kClaimed = 1ull << 41,    // responsibility, credit, victory: "claimed" is no speech verb before it
  kClosed = 1ull << 42,     // any word of text::kClosedClassWords
  kClaim = 1ull << 43,      // claimed, claims: a speaker claiming its own deed claims responsibility
  kMust = 1ull << 44,       // must: "X said Y must ..." is X's demand on Y
};

struct FlagWord {
  std::string_view word;
  uint64_t flags;
};

constexpr FlagWord kFlagWords[] = {
    {"and", kJoin | kAnd}, {"or", kJoin}, {"&", kJoin}, {",", kComma},
    {"'s", kPossessive}, {"'", kPossessive}, {"of", kOf}, {"by", kBy}, {"to", kTo},
    {"as", kAs}, {"well", kWell}, {"together", kAlongTogether},
    {"with", kWith}, {"according", kAccording}, {"in", kLocative}, {"at", kLocative},
    {"near", kLocative}, {"outside", kLocative}, {"inside", kLocative}, {"off", kLocative},
    {"across", kLocative}, {"around", kLocative}, {"along", kAlongTogether | kLocative},
    {"will", kModal}, {"would", kModal}, {"shall", kModal}, {"'ll", kModal},
    {"willing", kModal}, {"ready", kModal}, {"prepared", kModal}, {"plans", kModal},
    {"plan", kModal}, {"intends", kModal}, {"intend", kModal}, {"wants", kModal},
    {"want", kModal}, {"aims", kModal}, {"seeks", kModal}, {"expects", kModal},
    {"hopes", kModal}, {"vowed", kModal}, {"pledged", kModal}, {"promised", kModal},
    {"offered", kModal}, {"refused", kModal | kNegation}, {"declined", kModal | kNegation},
    {"failed", kModal | kNegation}, {"fails", kModal | kNegation}, {"fail", kModal | kNegation},
    {"refuses", kModal | kNegation}, {"refuse", kModal | kNegation}, {"refusing", kModal | kNegation},
    {"declines", kModal | kNegation}, {"decline", kModal | kNegation}, {"declining", kModal | kNegation},
    {";", kClauseBreak | kSemicolon}, {"while", kClauseBreak}, {"whereas", kClauseBreak},
    {"but", kClauseBreak}, {"although", kClauseBreak},
    {"though", kClauseBreak}, {"after", kClauseBreak}, {"before", kClauseBreak},
    {"because", kClauseBreak}, {"since", kClauseBreak}, {"when", kClauseBreak},
    {"which", kClauseBreak}, {"who", kClauseBreak}, {"if", kClauseBreak | kIf},
    {"unless", kClauseBreak | kIf}, {"whether", kClauseBreak | kIf}, {"that", kThat},
    {"must", kMust}, {"may", kHypo}, {"might", kHypo}, {"could", kHypo}, {"possibly", kHypo},
    {"perhaps", kHypo}, {"likely", kHypo}, {"expected", kFutureTo}, {"set", kFutureTo},
    {"due", kFutureTo}, {"scheduled", kFutureTo}, {"poised", kFutureTo},
    {"slated", kFutureTo}, {"going", kFutureTo}, {"preparing", kFutureTo},
    {"prepares", kFutureTo}, {"allegedly", kAllegedly},
    {"reportedly", kAllegedly}, {"purportedly", kAllegedly},
    {"fear", kSpeechThat | kBelief}, {"fears", kSpeechThat | kBelief},
    {"feared", kSpeechThat | kBelief}, {"believe", kSpeechThat | kBelief},
    {"believes", kSpeechThat | kBelief}, {"believed", kSpeechThat | kBelief},
    {"suspect", kSpeechThat | kBelief}, {"suspects", kSpeechThat | kBelief},
    {"worry", kSpeechThat | kBelief}, {"worried", kSpeechThat | kBelief},
    {"concerned", kSpeechThat | kBelief},
    {"not", kNegation}, {"n't", kNegation}, {"never", kNegation}, {"no", kNegation},
    {"was", kPassiveAux}, {"were", kPassiveAux}, {"been", kPassiveAux},
    {"being", kPassiveAux}, {"is", kPassiveAux}, {"are", kPassiveAux}, {"be", kPassiveAux},
    {"got", kPassiveAux}, {"get", kPassiveAux},
    {"the", kNounMarker | kThe}, {"a", kNounMarker}, {"an", kNounMarker},
    {"its", kNounMarker | kPossPronoun},
    {"their", kNounMarker | kPossPronoun}, {"his", kNounMarker | kPossPronoun},
    {"her", kNounMarker | kPossPronoun}, {"our", kNounMarker | kPossPronoun},
    {"your", kNounMarker}, {"my", kNounMarker}, {"this", kNounMarker}, {"these", kNounMarker},
    {"those", kNounMarker}, {"any", kNounMarker}, {"every", kNounMarker},
    {"each", kNounMarker | kEach}, {"one", kEach}, {"other", kOther}, {"another", kOther},
    {"some", kNounMarker}, {"new", kNounMarker},
    {"fresh", kNounMarker}, {"further", kNounMarker}, {"latest", kNounMarker},
    {"recent", kNounMarker}, {"first", kNounMarker}, {"second", kNounMarker},
    {"third", kNounMarker}, {"several", kNounMarker}, {"more", kNounMarker},
    {"most", kNounMarker}, {"many", kNounMarker}, {"two", kNounMarker | kTwo},
    {"three", kNounMarker | kThree},
    {"between", kBetween}, {"among", kBetween}, {"on", kNomTarget}, {"against", kNomTarget},
    {"toward", kNomTarget}, {"towards", kNomTarget}, {"into", kNomTarget},
    {"from", kFrom}, {"responsibility", kClaimed}, {"credit", kClaimed}, {"victory", kClaimed},
    {"he", kHeShe}, {"she", kHeShe}, {"they", kThey}, {"it", kIt}, {"we", kIt}, {"both", kBoth},
    {"countries", kPairNoun}, {"sides", kPairNoun}, {"leaders", kPairNoun},
    {"governments", kPairNoun}, {"nations", kPairNoun}, {"neighbours", kPairNoun},
    {"neighbors", kPairNoun}, {"allies", kPairNoun}, {"capitals", kPairNoun},
    {"enemies", kPairNoun}, {"rivals", kPairNoun}, {"delegations", kPairNoun},
    {"parties", kPairNoun}, {"men", kPairNoun}, {"presidents", kPairNoun},
    {"ministers", kPairNoun}, {"mediators", kPairNoun}, {"partners", kPairNoun},
    {"states", kPairNoun}, {"powers", kPairNoun}, {"military", kNounMarker}, {"deadly", kNounMarker},
    {"joint", kNounMarker}, {"possible", kNounMarker}, {"planned", kNounMarker},
    {"alleged", kNounMarker}, {"such", kNounMarker}, {"last", kNounMarker},
    {"massive", kNounMarker},
    {"say", kSpeech}, {"says", kSpeech}, {"said", kSpeech}, {"saying", kSpeech},
    {"added", kSpeech}, {"stated", kSpeech}, {"claimed", kSpeech | kClaim}, {"claims", kSpeech | kClaim}, {"insisted", kSpeech},
    {"argued", kSpeech}, {"noted", kSpeech}, {"claim", kSpeech | kClaim}, {"reported", kSpeechThat},
    {"announced", kSpeechThat}, {"told", kSpeechThat}, {"warned", kSpeechThat},
    {"determined", kSpeechThat}, {"concluded", kSpeechThat}, {"found", kSpeechThat},
    {"ruled", kSpeechThat},
};

// Joins an agent onto an actor code: "IRN" + "MIL" -> "IRNMIL". Longer codes
// (persons, organisations, IGOs) are already specific and keep their code.
std::string WithAgent(const std::string& actor, const std::string& agent) {
  if (actor.size() == 3 && actor != "---") return actor + agent;
  return actor;
}

// A compound source without a target codes each member against the others
// only for events that happen between them: intents to cooperate, consult,
// diplomatic and material cooperation, ceasefires and exchanges ("Moscow and
// Beijing signed an agreement", "Rohan and Dunland signed a truce").
// Prepositions that no noun modifier crosses: "to China despite warnings".
bool Preposition(std::string_view w) {
  return w == "despite" || w == "amid" || w == "during" || w == "following" || w == "over" ||
         w == "for" || w == "about" || w == "than" || w == "like" || w == "under" ||
         w == "without" || w == "through" || w == "via" || w == "per";
}

// Nouns of fighting between two sides: "fighting erupted", "clashes".
bool MutualNoun(std::string_view w) {
  return w == "fighting" || w == "clashes" || w == "hostilities" || w == "skirmishes";
}

bool MutualRoot(const std::string& code) {
  std::string_view r = std::string_view(code).substr(0, 2);
  return r == "03" || r == "04" || r == "05" || r == "06" || code.compare(0, 3, "087") == 0 ||
         code == "0841";
}

// A place after "in", "at", "near" is a target only for material conflict
// ("airstrikes in Gaza"), not for meetings or agreements held there.
// Protests are aimed at the place they are held at ("demonstrated outside the
// embassy"); aid goes to the place it is given in ("gave 2 million euros to
// promote investment in Ethiopia"); a visit to the place it arrives in
// ("Putin arrived in Minsk", 042).
bool PlaceCanBeTarget(const std::string& code) {
  return code >= "14" || code.compare(0, 2, "07") == 0 || code == "042" || code == "074";
}

// Events complete without a target (dict::CompleteWithoutTarget).
bool Undirected(const std::string& code) { return dict::CompleteWithoutTarget(code); }

// An event that is only intended ("will meet", "is willing to withdraw") is
// coded as the CAMEO intent (03x); one that is refused ("will not release",
// "refused to sign") as the rejection (12x); a use of force that is only
// announced ("would strike") as a threat (13x). Returns "" to keep the code.
std::string ModalCode(const std::string& code, bool negated) {
  auto is = [&](const char* prefix) { return code.compare(0, strlen(prefix), prefix) == 0; };
  const std::string_view root = std::string_view(code).substr(0, 2);
  if (!negated) {
    if (is("045")) return "039";
    if (is("04")) return "036";
    if (is("05")) return "032";
    if (is("061")) return "0311";
    if (is("062")) return "0312";
    if (is("063")) return "0313";
    if (is("064")) return "0314";
    if (is("06")) return "031";
    if (is("071")) return "0331";
    if (is("072")) return "0332";
    if (is("073")) return "0333";
    if (is("074")) return "0334";
    if (is("07")) return "033";
    if (is("081")) return "0351";
    if (is("084")) return "0353";
    if (is("085")) return "0354";
    if (is("086")) return "0355";
    if (is("087")) return "0356";
    if (is("08")) return "035";
    if (is("16")) return "131";
    if (is("17")) return "130";
    if (root == "15" || root == "18" || root == "19" || root == "20") return "138";
    return "";
  }
  if (is("045") || is("046") || is("04")) return "125";
  if (is("05")) return "127";
  if (is("06")) return "121";
  if (is("07")) return "122";
  if (is("084")) return "1243";
  if (is("085")) return "1244";
  if (is("086")) return "1245";
  if (is("087")) return "1246";
  if (is("081")) return "1241";
  if (is("08")) return "124";
  return "";
}

// Headlines and captions that state no event: feature labels ("Analysis:
// What Trump's tariff letters mean"), questions ("Why ...?"), and photo
// captions ("... speaks during a press conference in Kyiv, June 13, 2025.",
// "FILE - ...").
bool FeatureOrCaption(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  if (s.empty()) return false;
  auto starts = [&](std::string_view p) {
    return s.size() >= p.size() && std::equal(p.begin(), p.end(), s.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (std::string_view label :
       {"analysis:", "opinion:", "explainer:", "commentary:", "editorial:", "factbox:",
        "fact check:", "q&a:", "photos:", "in pictures:", "video:", "watch:", "podcast:",
        "interview:", "review:", "file -", "file photo", "in this photo", "what ", "why ",
        "how ", "is ", "are ", "will ", "can ", "should "}) {
    if (!starts(label)) continue;
    // A question or a feature: "Why Russia fears ...", "Will Iran ...?".
    const bool question_word = label.back() == ' ';
    if (!question_word || s.back() == '?' || label == "what " || label == "why " ||
        label == "how ")
      return true;
  }
  if (s.back() == '?') return true;
  // A caption ends with its own date: "..., June 13, 2025." / "..., 13 June 2025."
  size_t end = s.size();
  if (s.back() == '.') --end;
  size_t y = end;
  while (y > 0 && std::isdigit(static_cast<unsigned char>(s[y - 1]))) --y;
  if (end - y != 4 || y < 2) return false;
  std::string_view before = s.substr(0, y);
  while (!before.empty() && (before.back() == ' ' || before.back() == ',')) before.remove_suffix(1);
  size_t d = before.size();
  while (d > 0 && std::isdigit(static_cast<unsigned char>(before[d - 1]))) --d;
  if (d == before.size() || before.size() - d > 2) {
    // "13 June 2025": the month is last.
    size_t m = before.rfind(' ');
    if (m == std::string_view::npos) return false;
    std::string_view rest = before.substr(0, m);
    size_t dd = rest.size();
    while (dd > 0 && std::isdigit(static_cast<unsigned char>(rest[dd - 1]))) --dd;
    return dd < rest.size() && rest.size() - dd <= 2 && dd > 1 && rest[dd - 1] == ' ' &&
           rest[dd - 2] == ',';
  }
  // "June 13": a capitalised month word before the day.
  std::string_view head = before.substr(0, d);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  size_t w = head.rfind(' ');
  std::string_view month = w == std::string_view::npos ? head : head.substr(w + 1);
  return !month.empty() && std::isupper(static_cast<unsigned char>(month.front())) &&
         month.size() <= 10 && (head.size() > month.size() && head[head.size() - month.size() - 2] == ',');
}

}  // namespace

CoderImpl::CoderImpl(const dict::Compiled& c, const CodingOptions& o,
                     const recognize::Gazetteer* places)
    : c_(c), opt_(o), places_(places), rec_(c), flags_(c.vocab.size(), 0) {
  if (opt_.syntax) worker_ = std::make_unique<syntax::Worker>(opt_.syntax->NewWorker());
  for (const FlagWord& fw : kFlagWords) {
    uint32_t id = c_.Lookup(fw.word);
    if (id != dict::kNoToken) flags_[id] |= fw.flags;
  }
  in_id_ = c_.Lookup("in");
  for (std::string_view w : text::kClosedClassWords) {
    uint32_t id = c_.Lookup(w);
    if (id != dict::kNoToken) flags_[id] |= kClosed;
  }
  for (const text::NominalTrigger& t : text::kNominalTriggers) {
    uint32_t id = c_.Lookup(t.noun);
    if (id == dict::kNoToken) continue;
    for (uint32_t v = 0; v < c_.verbs.size(); ++v)
      if (c_.verbs[v].lemma == t.lemma) nominal_[id].push_back(v);
  }
}

uint64_t CoderImpl::Flags(uint32_t i) const {
  return (i < ids_.size() && ids_[i] != dict::kNoToken) ? flags_[ids_[i]] : 0;
}

bool CoderImpl::AfterDemonym(uint32_t k) const {
  if (!places_ || k == 0 || tok_group_[k - 1] < 0) return false;
  const text::Token& t = toks_[k];
  if (t.end - t.start < 4 || text_[t.end - 1] != 's') return false;
  const Group& g = groups_[tok_group_[k - 1]];
  const Unit& u = units_[g.units.back()];
  if (u.end != k || u.end - u.begin != 1 || u.code.size() != 3 || !toks_[u.begin].capitalized)
    return false;
  // A verb with its object after it: "US strikes another alleged drug boat".
  if (k + 1 < toks_.size() && (Flags(k + 1) & (kNounMarker | kOther)) && !(Flags(k + 1) & kTwo) &&
      !(Flags(k + 1) & kThree))
    return false;
  // A country or city name is not a demonym: "Israel" is in the gazetteer,
  // "Israeli" is not.
  norm_scratch_.assign(text_.substr(toks_[u.begin].start, toks_[u.begin].end - toks_[u.begin].start));
  return places_->Lookup(norm_scratch_) == nullptr;
}

bool CoderImpl::UseGivenParse(const Document& doc) {
  const uint32_t n = uint32_t(toks_.size());
  parse_.assign(n, syntax::TokenAnalysis{});
  std::vector<uint32_t> word(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto it = word_at_.find(toks_[i].start);
    if (it == word_at_.end() || doc.words[it->second].end != toks_[i].end) return false;
    word[i] = it->second;
  }
  for (uint32_t i = 0; i < n; ++i) {
    const ParsedWord& w = doc.words[word[i]];
    syntax::TokenAnalysis& a = parse_[i];
    a.upos = w.upos;
    a.deprel = w.deprel;
    a.lemma = w.lemma;
    a.head = 0;
    for (uint32_t j = 0; j < n && w.head >= 0; ++j)
      if (word[j] == uint32_t(w.head)) a.head = int(j) + 1;
  }
  return true;
}

void CoderImpl::Code(const Document& doc, std::vector<Sentence>* sentences,
                     std::vector<Event>* events) {
  int date = 0;
  if (!ParseDate(doc.date, &date)) date = 0;
  sents_.clear();
  recent_.clear();
  recent_person_.clear();
  word_at_.clear();
  for (uint32_t w = 0; w < doc.words.size(); ++w) word_at_.emplace(doc.words[w].start, w);
  text::SplitSentences(doc.text, &sents_);
  for (size_t s = 0; s < sents_.size(); ++s) {
    if (sentences) sentences->push_back(Sentence{int(s), sents_[s].start, sents_[s].end});
    if (events && sents_[s].end - sents_[s].start <= opt_.max_sentence_bytes &&
        !FeatureOrCaption(std::string_view(doc.text).substr(sents_[s].start,
                                                            sents_[s].end - sents_[s].start)))
      CodeSentence(doc, int(s), sents_[s].start, sents_[s].end, date, events);
  }
}

void CoderImpl::BuildUnits(std::string_view text, int date) {
  units_.clear();
  std::string of_agent;  // "ministers of A and B": the agent of the list
  for (size_t m = 0; m < mentions_.size(); ++m) {
    const recognize::Mention& mn = mentions_[m];
    Unit u;
    u.begin = mn.begin;
    u.end = mn.end;
    const dict::Phrase& ph = c_.phrases[mn.phrase];
    if (mn.kind == dict::PhraseKind::kActor) {
      const std::string* code = c_.actors[mn.entry].CodeOn(date);
      if (!code) continue;
      u.code = *code;
      u.has_actor = true;
      u.entry = c_.actors[mn.entry].origin.ToString() + " \"" + ph.text + "\"";
    } else {
      u.code = "---" + c_.agents[mn.entry].code;
      u.entry = c_.agents[mn.entry].origin.ToString() + " \"" + ph.text + "\"";
    }
    // "Russian-made helicopters", "a U.S.-owned factory": a provenance, not
    // an actor.
    if (u.end + 1 < toks_.size() && text[toks_[u.end].start] == '-' &&
        toks_[u.end].end == toks_[u.end + 1].start && toks_[u.end].start == toks_[u.end - 1].end) {
      const text::Token& nt = toks_[u.end + 1];
      static constexpr std::string_view kMade[] = {"made",     "built",    "owned",
                                                    "designed", "supplied", "manufactured",
                                                    "produced", "flagged",  "registered"};
      const std::string_view w = text.substr(nt.start, nt.end - nt.start);
      bool made = false;
      for (std::string_view k : kMade) made |= w == k;
      if (made) continue;
    }
    // Merge with the previous unit when they form one noun phrase.
    if (!units_.empty()) {
      Unit& prev = units_.back();
      uint32_t gap_b = prev.end, gap_e = u.begin;
      bool adjacent = gap_b == gap_e;
      // "Venezuelan Communications Minister": capitalised words between.
      // "U.S. B-2 bombers": a model name between (capitalised words, digits, "-").
      bool titled_gap = gap_e > gap_b && gap_e - gap_b <= 3 && !u.has_actor;
      for (uint32_t k = gap_b; titled_gap && k < gap_e; ++k) {
        const char c0 = text[toks_[k].start];
        titled_gap = (toks_[k].end - toks_[k].start == 1 && c0 == '-') ||
                     (ids_[k] == dict::kNoToken &&
                      (toks_[k].capitalized || (c0 >= '0' && c0 <= '9')));
      }
      // "Iran's military", "Iran's top military officials": at most two
      // plain lowercase words between the possessive and the agent.
      bool possessive = gap_e > gap_b && gap_e <= gap_b + 3 && (Flags(gap_b) & kPossessive) &&
                        !u.has_actor;
      for (uint32_t k = gap_b + 1; possessive && k < gap_e; ++k)
        possessive = toks_[k].word && !toks_[k].capitalized && Flags(k) == 0;
      const bool in_country = gap_e == gap_b + 1 && ids_[gap_b] == in_id_ && u.code.size() == 3 &&
                              u.code != "---";
      bool of = (gap_e == gap_b + 1 && (Flags(gap_b) & kOf)) ||
                (gap_e == gap_b + 2 && (Flags(gap_b) & kOf) && (Flags(gap_b + 1) & kThe));
      bool merged = false;
      if ((adjacent || possessive || titled_gap) && !u.has_actor) {
        // actor/agent + agent: "Iranian military", "Iran's military".
        if (prev.has_actor) prev.code = WithAgent(prev.code, u.code.substr(3));
        merged = true;
      } else if (adjacent && u.has_actor && u.code.size() > 3 &&
                 (!prev.has_actor || prev.code.size() == 3 ||
                  prev.code.compare(0, 3, u.code, 0, 3) == 0)) {
        // title + person: "U.S. Secretary of State Marco Rubio".
        prev.code = u.code;
        prev.has_actor = true;
        merged = true;
      } else if (in_country && !prev.has_actor && u.has_actor) {
        // agent in country: "workers in Mexico", "authorities in Pakistan".
        prev.code = WithAgent(u.code, prev.code.substr(3));
        prev.has_actor = true;
        merged = true;
      } else if (of && !prev.has_actor && u.has_actor) {
        // agent of actor: "the president of France".
        of_agent = prev.code.substr(3);
        prev.code = WithAgent(u.code, of_agent);
        prev.has_actor = true;
        merged = true;
      }
      if (!merged && !of_agent.empty() && u.has_actor) {
        // "the foreign ministers of Saudi Arabia and Iran": the agent holds
        // for every member of the list.
        bool list = gap_e > gap_b && gap_e - gap_b <= 2;
        for (uint32_t k = gap_b; list && k < gap_e; ++k)
          list = Flags(k) & (kJoin | kComma | kThe);
        if (list) {
          u.code = WithAgent(u.code, of_agent);
        } else {
          of_agent.clear();
        }
      } else if (!merged) {
        of_agent.clear();
      }
      if (merged) {
        prev.end = u.end;
        prev.entry += " + " + u.entry;
        continue;
      }
    }
    units_.push_back(std::move(u));
  }
  AddAnaphors();
}

void CoderImpl::AddAnaphors() {
  // Coreference with earlier sentences of the same article: "he"/"she" is the
  // last person named, "they", "both sides", "the two countries" the last two
  // countries, "the three allies" the last three.
  bool pronoun = false;
  auto is_country = [&](uint32_t k) {
    const text::Token& t = toks_[k];
    return t.end - t.start == 7 && AsciiLowerCopy(text_.substr(t.start, 7)) == "country";
  };
  for (uint32_t k = 0; k < toks_.size() && !pronoun; ++k)
    pronoun = (Flags(k) & (kHeShe | kIt | kThey)) || is_country(k);
  if (recent_.empty() && recent_person_.empty() && !pronoun) return;
  std::vector<Unit> extra;
  auto covered = [&](uint32_t k) {
    for (const Unit& u : units_)
      if (k >= u.begin && k < u.end) return true;
    return false;
  };
  auto last_n = [&](size_t n, uint32_t b, uint32_t e, const char* what) {
    if (recent_.size() < n) return;
    for (size_t i = recent_.size() - n; i < recent_.size(); ++i) {
      Unit u;
      u.begin = b;
      u.end = e;
      u.code = recent_[i];
      u.has_actor = true;
      u.entry = std::string("coreference: ") + what + " -> " + recent_[i];
      extra.push_back(std::move(u));
    }
  };
  const uint32_t n = uint32_t(toks_.size());
  for (uint32_t k = 0; k < n; ++k) {
    if (covered(k)) continue;
    uint64_t f = Flags(k);
    // "Putin said his country will ...", "the country's army": the country
    // of the last actor named before, in this sentence or the ones before.
    if (k > 0 && is_country(k) && (Flags(k - 1) & (kPossPronoun | kThe)) &&
        !(k + 1 < n && (Flags(k + 1) & kOf))) {
      std::string home;
      for (const Unit& u : units_)
        if (u.end <= k && u.has_actor && u.code.size() >= 3 && u.code.compare(0, 3, "---") != 0 &&
            u.code.compare(0, 3, "IGO") != 0 && u.code.compare(0, 3, "NGO") != 0)
          home = u.code.substr(0, 3);
      for (size_t i = recent_.size(); home.empty() && i-- > 0;)
        if (recent_[i].compare(0, 3, "IGO") != 0 && recent_[i].compare(0, 3, "NGO") != 0)
          home = recent_[i].substr(0, 3);
      if (!home.empty()) {
        Unit u;
        u.begin = k - 1;
        u.end = k + 1;
        u.code = home;
        u.has_actor = true;
        u.entry = "coreference: the country -> " + home;
        extra.push_back(std::move(u));
        continue;
      }
    }
    // "Israel said it had ...", "the ministry said that they would ...": the
    // speaker of a speech verb right before the pronoun.
    if (f & (kIt | kThey | kHeShe)) {
      // "said it", "said that it", "said on Friday (that) it"
      uint32_t sv = k;
      while (sv > 0 && sv + 4 > k && !covered(sv - 1) && toks_[sv - 1].word &&
             !(Flags(sv - 1) & (kSpeech | kSpeechThat)))
        --sv;
      if (sv > 0 && (Flags(sv - 1) & (kSpeech | kSpeechThat))) {
        const Unit* speaker = nullptr;
        for (const Unit& u : units_)
          if (u.end < sv) speaker = &u;  // "FDA officials said they ...": agents too
        // "The Nigerian Air Force (NAF) says it ...": a parenthesis after
        // the speaker does not count.
        uint32_t after = speaker ? speaker->end : 0;
        auto tok_is = [&](uint32_t j, char ch) {
          return toks_[j].end == toks_[j].start + 1 && text_[toks_[j].start] == ch;
        };
        if (speaker && after < sv && tok_is(after, '('))
          for (uint32_t j = after + 1; j < sv && j <= after + 8; ++j)
            if (tok_is(j, ')')) {
              after = j + 1;
              break;
            }
        if (speaker && after + 3 >= sv) {
          Unit u;
          u.begin = k;
          u.end = k + 1;
          u.code = speaker->code;
          u.has_actor = speaker->has_actor;
          u.entry = "coreference: pronoun after a speech verb -> " + speaker->code;
          extra.push_back(std::move(u));
          continue;
        }
      }
    }
    // "Netanyahu said he will ...": a person named earlier in the sentence
    // comes before the one of earlier sentences.
    std::string person;
    if (f & kHeShe) {
      for (const Unit& p : units_)
        if (p.end <= k && p.has_actor && p.code.size() >= 6 && p.code.compare(0, 3, "IGO") != 0 &&
            p.code.compare(0, 3, "NGO") != 0)
          person = p.code;
      if (person.empty()) person = recent_person_;
    }
    if ((f & kHeShe) && !person.empty()) {
      Unit u;
      u.begin = k;
      u.end = k + 1;
      u.code = person;
      u.has_actor = true;
      u.entry = "coreference: pronoun -> " + person;
      extra.push_back(std::move(u));
    } else if ((f & kThey) && recent_.size() >= 2) {
      last_n(2, k, k + 1, "they");
    } else if ((f & (kBoth | kTwo | kThree)) && k + 1 < n) {
      // "the two countries", "the two former enemies", "both sides"
      uint32_t noun = k + 1;
      if (!(Flags(noun) & kPairNoun) && noun + 1 < n && toks_[noun].word && !covered(noun) &&
          (Flags(noun + 1) & kPairNoun))
        ++noun;
      if (!(Flags(noun) & kPairNoun)) continue;
      uint32_t b = (k > 0 && (Flags(k - 1) & kThe) && !covered(k - 1)) ? k - 1 : k;
      last_n((f & kThree) ? 3 : 2, b, noun + 1, "plural reference");
      k = noun;
    }
  }
  if (extra.empty()) return;
  // The reference replaces the agents inside it ("the two leaders").
  units_.erase(std::remove_if(units_.begin(), units_.end(),
                              [&](const Unit& u) {
                                for (const Unit& x : extra)
                                  if (u.begin >= x.begin && u.end <= x.end && !u.has_actor)
                                    return true;
                                return false;
                              }),
               units_.end());
  units_.insert(units_.end(), extra.begin(), extra.end());
  std::stable_sort(units_.begin(), units_.end(),
                   [](const Unit& a, const Unit& b) { return a.begin < b.begin; });
}

void CoderImpl::RememberActors() {
  bool person_seen = false;
  for (const Unit& u : units_) {
    if (!u.has_actor || u.entry.rfind("coreference:", 0) == 0) continue;
    // Places are not antecedents: "talks in London. The two countries ..."
    if (u.begin < tok_group_.size() && tok_group_[u.begin] >= 0 &&
        place_group_[size_t(tok_group_[u.begin])])
      continue;
    const std::string root = u.code.substr(0, 3);
    if (root == "---") continue;
    // "He"/"she" refers to the first person of the previous sentence (its
    // subject, as a rule): a code longer than its country, not an IGO.
    if (!person_seen && u.code.size() >= 6 && root != "IGO" && root != "NGO") {
      recent_person_ = u.code;
      person_seen = true;
    }
    std::string key = (root == "IGO" || root == "NGO") ? u.code : root;
    for (size_t i = 0; i < recent_.size(); ++i) {
      std::string rk = recent_[i].substr(0, 3);
      if (rk == "IGO" || rk == "NGO") rk = recent_[i];
      if (rk == key) {
        recent_.erase(recent_.begin() + long(i));
        break;
      }
    }
    recent_.push_back(u.code);
  }
}

bool CoderImpl::AfterDeterminerAndModifiers(uint32_t k, uint32_t floor) const {
  static constexpr std::string_view kNumbers[] = {"one", "two", "three", "four", "five",
                                                  "six", "seven", "ten", "first", "second"};
  bool modifier = false;
  for (uint32_t j = k; j-- > floor && j + 6 > k;) {
    if (tok_group_[j] >= 0) return false;
    const uint64_t f = Flags(j);
    if (f & (kNounMarker | kPossessive)) return modifier;
    const text::Token& t = toks_[j];
    std::string_view w = text_.substr(t.start, t.end - t.start);
    if (w == "-" || (!w.empty() && w[0] >= '0' && w[0] <= '9')) continue;
    const std::string lw = AsciiLowerCopy(w);
    if (std::find(std::begin(kNumbers), std::end(kNumbers), lw) != std::end(kNumbers)) continue;
    // An adjective that commonly comes before an event noun ("the long
    // visit", "a recent trip", "the surprise attack"); other words may be
    // nouns ("the governor's office declined").
    static constexpr std::string_view kAdjectives[] = {
        "long", "recent", "latest", "new", "brief", "short", "historic", "rare", "official",
        "planned", "last", "next", "major", "surprise", "joint", "formal", "informal", "secret",
        "unannounced", "previous", "weekend", "day", "week", "nation", "month", "year",
        "closed", "door", "high", "level", "emergency", "extraordinary", "urgent", "bilateral",
        "trilateral", "private", "virtual", "annual"};
    if (std::find(std::begin(kAdjectives), std::end(kAdjectives), lw) == std::end(kAdjectives))
      return false;
    modifier = true;
  }
  return false;
}

bool CoderImpl::IsDemandParticiple(uint32_t k) const {
  static constexpr std::string_view kWords[] = {"demanding", "calling", "urging", "protesting",
                                                "denouncing", "chanting", "accusing"};
  const text::Token& t = toks_[k];
  const std::string w = AsciiLowerCopy(text_.substr(t.start, t.end - t.start));
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool CoderImpl::IsUnitModifier(uint32_t k) const {
  static constexpr std::string_view kModifiers[] = {
      "allied", "other", "affiliated", "loyalist", "friendly", "local", "regional",
      "partner", "coalition", "foreign", "international", "western", "opposition"};
  const text::Token& t = toks_[k];
  std::string w = AsciiLowerCopy(text_.substr(t.start, t.end - t.start));
  if (std::find(std::begin(kModifiers), std::end(kModifiers), w) != std::end(kModifiers))
    return true;
  // "Iran-backed", "government-aligned"
  for (std::string_view suffix : {"-backed", "-aligned", "-allied", "-affiliated"})
    if (w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  return false;
}

void CoderImpl::BuildGroups() {
  groups_.clear();
  tok_group_.assign(toks_.size(), -1);
  for (int ui = 0; ui < int(units_.size()); ++ui) {
    const Unit& u = units_[ui];
    if (!groups_.empty() && u.begin < groups_.back().end) {
      // A coreference that stands for several actors ("the two countries").
      groups_.back().units.push_back(ui);
      continue;
    }
    if (!groups_.empty()) {
      Group& g = groups_.back();
      // Tokens between the previous unit and this one must all be joiners.
      uint32_t b = g.end, e = u.begin;
      bool joined = e > b && e - b <= 5;
      bool saw_join = false, saw_word = false;
      for (uint32_t k = b; joined && k < e; ++k) {
        uint64_t f = Flags(k);
        if (f & kComma) { saw_join = true; continue; }
        // "Zelensky and a group of European leaders", "and a delegation of".
        if (saw_join && k + 2 < e && (Flags(k) & kNounMarker) && (Flags(k + 2) & kOf)) {
          const std::string_view w = text_.substr(toks_[k + 1].start, toks_[k + 1].end - toks_[k + 1].start);
          if (w == "group" || w == "delegation" || w == "number" || w == "coalition" ||
              w == "team" || w == "host") {
            k += 2;
            continue;
          }
        }
        if (f & kJoin) { saw_join = saw_word = true; continue; }
        // "China and the United States", "Kagame and his Congolese counterpart"
        if ((f & (kThe | kPossPronoun)) && saw_join) continue;
        // "Yemeni army and allied forces": a modifier of the next unit.
        if (saw_join && k + 1 == e && IsUnitModifier(k)) continue;
        // "as well as", "along with", "together with"
        if ((f & (kAs | kWell | kAlongTogether)) ||
            ((f & kWith) && k > b && (Flags(k - 1) & kAlongTogether))) {
          saw_join = saw_word = true;
          continue;
        }
        joined = false;
      }
      if (joined && saw_join) {
        g.units.push_back(ui);
        g.end = u.end;
        if (saw_word) g.listed = true;
        continue;
      }
    }
    groups_.push_back(Group{u.begin, u.end, {ui}, false});
  }
  // Units joined by commas alone are not a list ("According to the health
  // ministry, Israeli strikes ..."; "Iran's ally, Russia, ..."): a list ends
  // with "and"/"or" ("France, Germany and Poland").
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    Group& g = groups_[gi];
    if (g.listed || g.units.size() < 2) continue;
    // Headlines: "Russia, Ukraine swap 390 prisoners".
    bool verb_next = false;
    for (const recognize::VerbCandidate& vc : verbs_)
      if (vc.token == g.end) verb_next = true;
    if (g.begin == 0 && verb_next) continue;
    bool disjoint = true;  // not a coreference standing for several actors
    for (size_t i = 1; i < g.units.size(); ++i)
      if (units_[g.units[i]].begin < units_[g.units[i - 1]].end) disjoint = false;
    if (!disjoint) continue;
    std::vector<Group> parts;
    for (int ui : g.units) parts.push_back(Group{units_[ui].begin, units_[ui].end, {ui}, false});
    groups_.erase(groups_.begin() + long(gi));
    groups_.insert(groups_.begin() + long(gi), parts.begin(), parts.end());
    gi += parts.size() - 1;
  }
  for (int gi = 0; gi < int(groups_.size()); ++gi)
    for (uint32_t k = groups_[gi].begin; k < groups_[gi].end; ++k) tok_group_[k] = gi;
  MarkPlaces();
}

void CoderImpl::MarkPlaces() {
  place_group_.assign(groups_.size(), 0);
  own_group_.assign(groups_.size(), 0);
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    // Walk back over the words of the place's noun phrase to a locative
    // preposition: "in Gaza", "in the Sea of Japan", "in the Serbian city of
    // Novi Sad". Plain words count only behind an "of": "aid in northern
    // Iraq" stays aid to Iraq. Any other flagged word, verb or punctuation
    // ends the phrase.
    bool plain = false, of = false;
    for (uint32_t j = g.begin, steps = 0; j-- > 0 && steps < 6; ++steps) {
      const int tg = tok_group_[j];
      if (tg >= 0) {
        if (!place_group_[size_t(tg)]) break;
        j = groups_[size_t(tg)].begin;
        continue;
      }
      const uint64_t f = Flags(j) & ~kClosed;
      if (f & kLocative) {
        place_group_[gi] = !plain || of;
        break;
      }
      if (!toks_[j].word) break;
      if (f & ~(kThe | kOf | kNounMarker | kPossessive)) break;
      if (f & kOf) of = true;
      if (!f) plain = true;
      bool verb = false;
      for (const recognize::VerbCandidate& vc : verbs_) verb |= vc.token == j;
      if (verb) break;
    }
    // "their embassies", "its forces": agents owned by the subject.
    bool agents_only = true;
    for (int ui : g.units) agents_only &= !units_[size_t(ui)].has_actor;
    // Only after a preposition ("the work of their embassies"): a direct
    // object ("withdraw its troops") stays the event's object.
    if (agents_only && g.begin > 1 && (Flags(g.begin - 1) & kPossPronoun) &&
        (Flags(g.begin - 2) & (kOf | kNomTarget | kLocative | kTo | kWith | kFrom | kBy)))
      own_group_[gi] = 1;
  }
}

uint32_t CoderImpl::EachOtherAfter(uint32_t from, uint32_t limit) const {
  for (uint32_t j = from; j + 1 < limit && j < from + 4; ++j) {
    if ((Flags(j) & kEach) && (Flags(j + 1) & kOther)) return j;
    if (tok_group_[j] >= 0) break;
  }
  return 0;
}

template <typename IsVerb>
int CoderImpl::SubjectGroupIn(uint32_t b, uint32_t e, const IsVerb& is_verb) const {
  for (uint32_t j = b; j < e; ++j) {
    if (is_verb(j)) return -1;
    if (tok_group_[j] >= 0) return tok_group_[j];
  }
  return -1;
}

void CoderImpl::BuildClauses() {
  clauses_.clear();
  const uint32_t n = uint32_t(toks_.size());
  Clause cur;
  cur.begin = 0;
  bool seen_verb = false;
  auto is_verb_tok = [&](uint32_t k) {
    for (const auto& v : verbs_)
      if (v.token == k) return true;
    return false;
  };
  auto close = [&](uint32_t at, uint32_t next_begin) {
    cur.end = at;
    if (cur.end > cur.begin) clauses_.push_back(cur);
    cur = Clause{};
    cur.begin = next_begin;
    seen_verb = false;
  };
  // ", backed by Russia,": an apposed participle with its agent; the clause
  // goes on after it with the subject before it.
  uint32_t appos_end = 0;
  int appos_subject = -1;
  for (uint32_t k = 0; k < n; ++k) {
    if (tok_group_[k] >= 0) continue;
    uint64_t f = Flags(k);
    if (appos_end && k == appos_end) {
      close(k, k + 1);
      cur.subject_group = appos_subject;
      cur.resumes_subject = true;
      appos_end = 0;
      continue;
    }
    if ((f & kComma) && !seen_verb && !appos_end && k + 3 < n && is_verb_tok(k + 1) &&
        (Flags(k + 2) & kBy)) {
      const text::Token& t = toks_[k + 1];
      if (t.end - t.start > 3 && text_.substr(t.end - 2, 2) == "ed") {
        for (uint32_t c = k + 3; c < n && c <= k + 10; ++c) {
          if (Flags(c) & kClauseBreak) break;
          if (tok_group_[c] < 0 && (Flags(c) & kComma)) {
            if ((c + 1 < n && is_verb_tok(c + 1)) || (c + 2 < n && is_verb_tok(c + 2))) {
              appos_end = c;
              appos_subject = SubjectGroupIn(cur.begin, k, is_verb_tok);
            }
            break;
          }
        }
      }
    }
    // "before dawn", "after midnight": a time, not a clause.
    bool time_only = false;
    if ((f & kClauseBreak) && k + 1 < n) {
      const std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
      const std::string_view x = text_.substr(toks_[k + 1].start, toks_[k + 1].end - toks_[k + 1].start);
      time_only = (w == "before" || w == "after") &&
                  (x == "dawn" || x == "midnight" || x == "noon" || x == "daybreak" ||
                   x == "sunrise" || x == "sunset" || x == "nightfall");
    }
    if ((f & kClauseBreak) && !time_only) {
      close(k, k + 1);
      cur.hypothetical = (f & kIf) != 0;  // "if either state is attacked"
      continue;
    }
    // Reported speech: "X said (that) ...", "X told reporters that ..."
    // (not a noun: "a claim Kyiv rejected").
    if ((f & kSpeech) && k > 0 && (Flags(k - 1) & kNounMarker)) f &= ~uint64_t(kSpeech);
    // Nor "claim to have attacked": the subject claims its own deed.
    if ((f & kClaim) && k + 1 < n && (Flags(k + 1) & kTo)) f &= ~uint64_t(kSpeech);
    if ((f & kSpeech) || ((f & kThat) && k > 0)) {
      bool speech = f & kSpeech;
      bool belief = false;
      bool claim = f & kClaim;
      if (f & kThat) {
        // "that" after a speech verb within the last 4 tokens.
        for (uint32_t j = k; j-- > 0 && j + 4 >= k;) {
          if (Flags(j) & (kSpeech | kSpeechThat)) speech = true;
          if (Flags(j) & kBelief) belief = true;
          if (Flags(j) & kClaim) claim = true;
        }
      }
      if (speech) {
        uint32_t next = k + 1;
        if ((f & kSpeech) && next < n && (Flags(next) & kThat)) continue;  // break at "that"
        if ((f & kSpeech) && next < n && (Flags(next) & kClaimed)) continue;  // "claimed responsibility"
        // "claimed a missile attack on ...": claiming a deed, not speech.
        if (f & kClaim) {
          bool deed = false;
          for (uint32_t q = next; q < n && q < next + 4 && !deed; ++q) {
            if (tok_group_[q] >= 0 || (Flags(q) & (kThat | kComma))) break;
            const std::string_view w = text_.substr(toks_[q].start, toks_[q].end - toks_[q].start);
            deed = w == "attack" || w == "attacks" || w == "bombing" || w == "bombings" ||
                   w == "strike" || w == "strikes" || w == "assassination" || w == "killing" ||
                   w == "shooting" || w == "kidnapping";
          }
          if (deed) continue;
        }
        if ((f & kSpeech) && (next >= n || (Flags(next) & kComma) || !toks_[next].word)) continue;
        // The speaker is the nearest group before the speech verb that is
        // not a place ("warned in Singapore that ...").
        int speaker = -1;
        for (uint32_t j = k; j-- > cur.begin;)
          if (tok_group_[j] >= 0 && !place_group_[size_t(tok_group_[j])]) {
            speaker = tok_group_[j];
            break;
          }
        close(k + 1, k + 1);
        cur.attribution_group = speaker;
        cur.hypothetical = belief;  // "officials fear that Russia is preparing ..."
        cur.claim = claim;
        continue;
      }
    }
    // "..., and the two sides signed agreements": "and" before a subject and
    // its verb opens a clause of its own.
    if ((f & kAnd) && seen_verb && k > 0 && (Flags(k - 1) & kComma) && k + 2 < n) {
      uint32_t q = k + 1;
      if (Flags(q) & kThe) ++q;
      if (q < n && tok_group_[q] >= 0) {
        const uint32_t after = groups_[size_t(tok_group_[q])].end;
        if (after < n && is_verb_tok(after)) {
          close(k, k + 1);
          continue;
        }
      }
    }
    // "... , and VERB" or "and VERB": a new clause that keeps the subject.
    if ((f & kAnd) && k + 1 < n && is_verb_tok(k + 1) && seen_verb) {
      int attr = cur.attribution_group;
      close(k, k + 1);
      cur.inherit_source = true;
      cur.attribution_group = attr;
      continue;
    }
    if ((f & kComma) && seen_verb && k + 1 < n && (Flags(k + 1) & kClauseBreak)) {
      close(k, k + 1);
      continue;
    }
    // Headline style: "China stages drills around Taiwan, warns of a
    // 'resolute' response": a present-tense verb after a comma goes on
    // with the subject.
    if ((f & kComma) && seen_verb && k + 1 < n && is_verb_tok(k + 1) && tok_group_[k + 1] < 0) {
      const text::Token& t = toks_[k + 1];
      const std::string_view w = text_.substr(t.start, t.end - t.start);
      if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && !t.capitalized) {
        int attr = cur.attribution_group;
        close(k, k + 1);
        cur.inherit_source = true;
        cur.attribution_group = attr;
        continue;
      }
    }
    // "Kyiv won praise from European leaders for signing the minerals
    // agreement with Washington", "violated the truce by attacking ...": a
    // gerund after "for", "by" or "without" is a clause whose subject is the
    // object before it ("praised Ukraine for signing"), else the subject.
    if (seen_verb && k + 1 < n && is_verb_tok(k + 1) && tok_group_[k] < 0) {
      const std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
      const text::Token& t = toks_[k + 1];
      const std::string_view g = text_.substr(t.start, t.end - t.start);
      // (Not inside an accusation: "accused the Philippines of provoking
      // confrontation by sending warships" is all alleged.)
      bool accusation = false;
      for (uint32_t j = cur.begin; j < k; ++j) {
        const std::string lw = AsciiLowerCopy(text_.substr(toks_[j].start, toks_[j].end - toks_[j].start));
        accusation |= lw.compare(0, 6, "accuse") == 0 || lw.compare(0, 5, "blame") == 0 ||
                      lw == "charged" || lw == "charges" || lw == "denied" || lw == "denies";
      }
      if ((w == "for" || w == "by" || w == "without") && g.size() > 4 &&
          g.substr(g.size() - 3) == "ing" && !accusation) {
        int attr = cur.attribution_group;
        int subject = SubjectGroupIn(cur.begin, k, is_verb_tok);
        // An object between the clause's verb and the preposition, not an
        // agent ("from European leaders").
        // A person no dictionary knows there is the agent too: "sentences
        // Tetsuya Yamagami to life in prison for assassinating ...".
        // ("by" and "without" name the subject's own means: "suspended aid
        // to Pakistan by accusing Pakistan of ...".)
        bool after_verb = false;
        for (uint32_t j = cur.begin; j < k && w == "for"; ++j) {
          if (is_verb_tok(j)) after_verb = true;
          if (!after_verb) continue;
          if (tok_group_[j] < 0) {
            if (!is_verb_tok(j) && toks_[j].word && toks_[j].capitalized) subject = -1;
            continue;
          }
          const int gi = tok_group_[j];
          const uint32_t gb = groups_[size_t(gi)].begin;
          const bool agent = gb > 0 && (Flags(gb - 1) & (kFrom | kBy));
          if (!agent && !place_group_[size_t(gi)]) subject = gi;
          j = groups_[size_t(gi)].end - 1;
        }
        close(k, k + 1);
        cur.subject_group = subject;
        cur.resumes_subject = true;
        cur.attribution_group = attr;
        continue;
      }
    }
    // ", arresting dozens of Palestinians": a participle after a comma is a
    // new clause that keeps the subject.
    if ((f & kComma) && seen_verb && k + 1 < n && is_verb_tok(k + 1)) {
      const text::Token& t = toks_[k + 1];
      if (t.end - t.start > 4 && text_.substr(t.end - 3, 3) == "ing") {
        int attr = cur.attribution_group;
        const int subject = SubjectGroupIn(cur.begin, k, is_verb_tok);
        close(k, k + 1);
        cur.subject_group = subject;
        cur.inherit_source = true;
        cur.participle = true;
        cur.demand_participle = IsDemandParticiple(k + 1);
        cur.attribution_group = attr;
        continue;
      }
    }
    // "blocked roads in Novi Sad demanding the resignation ...": a
    // participle of demand or protest goes on with the subject, comma or not.
    if (seen_verb && k > cur.begin && is_verb_tok(k) && !(Flags(k - 1) & (kComma | kPassiveAux)) &&
        tok_group_[k - 1] < 0 && IsDemandParticiple(k)) {
      int attr = cur.attribution_group;
      const int subject = SubjectGroupIn(cur.begin, k, is_verb_tok);
      close(k, k);
      cur.subject_group = subject;
      cur.inherit_source = true;
      cur.participle = true;
      cur.demand_participle = true;
      cur.attribution_group = attr;
      continue;
    }
    if (is_verb_tok(k)) seen_verb = true;
  }
  close(n, n);
}

bool CoderImpl::SeqAt(const std::vector<uint32_t>& seq, uint32_t pos, uint32_t limit) const {
  if (pos + seq.size() > limit) return false;
  for (size_t i = 0; i < seq.size(); ++i)
    if (ids_[pos + i] != seq[i]) return false;
  return true;
}

int CoderImpl::GroupStartingAtOrAfter(uint32_t tok, uint32_t limit, int exclude,
                                      bool skip_places) const {
  for (int gi = 0; gi < int(groups_.size()); ++gi) {
    const Group& g = groups_[gi];
    if (gi == exclude || g.begin < tok) continue;
    // "signed a deal in Washington": a place, not a target. "talks on
    // restoring their embassies": the subject's own agents, not a target.
    if ((skip_places && place_group_[size_t(gi)]) || own_group_[size_t(gi)]) {
      if (g.begin >= limit) return -1;
      continue;
    }
    if (g.begin >= limit) return -1;
    return gi;
  }
  return -1;
}

int CoderImpl::GroupEndingBefore(uint32_t tok, uint32_t floor, int exclude,
                                  bool skip_places) const {
  for (int gi = int(groups_.size()) - 1; gi >= 0; --gi) {
    const Group& g = groups_[gi];
    if (gi == exclude || g.end > tok) continue;
    if (skip_places && place_group_[size_t(gi)] && g.begin >= floor) continue;
    if (g.begin < floor) return -1;
    // Nor the agent of an apposed participle: "Syrian forces, backed by
    // Russia, attacked Idlib".
    if (skip_places && g.begin >= 3 && (Flags(g.begin - 1) & kBy) && g.end < tok &&
        (Flags(g.end) & kComma) && (Flags(g.begin - 3) & kComma)) {
      const text::Token& pt = toks_[g.begin - 2];
      if (pt.end - pt.start > 3 && text_.substr(pt.end - 2, 2) == "ed") continue;
    }
    return gi;
  }
  return -1;
}

bool CoderImpl::MatchPassiveSubject(const dict::Pattern& p, uint32_t verb_tok, const Clause& cl,
                                    Match* m) const {
  if (p.verb_pos != 0 || p.elems.size() < 2 ||
      p.elems[1].type != dict::PatternElement::Type::kWords)
    return false;
  // The words end before the auxiliaries ("were", "have been", "was not").
  uint32_t aux = verb_tok;
  while (aux > cl.begin && aux + 3 > verb_tok && (Flags(aux - 1) & (kPassiveAux | kNegation)))
    --aux;
  if (aux == verb_tok) return false;
  // (The words may open a longer subject: "Funding for the U.N. refugee
  // agency was cut by the United States".)
  const uint32_t lowest = std::max(cl.begin, aux > 8 ? aux - 8 : 0);
  for (uint32_t end = aux; end > lowest; --end) {
    for (const auto& alt : p.elems[1].alternatives) {
      if (end < alt.size() || end - alt.size() < cl.begin) continue;
      const uint32_t b = end - uint32_t(alt.size());
      if (!SeqAt(alt, b, end)) continue;
      if (!MatchPattern(p, verb_tok, cl, m, 2)) return false;
      m->first = b;
      // "UN sanctions ... were lifted", "the UN's sanctions ...": their
      // owner is the source.
      bool by = false;  // "... were lifted by the council": the agent comes first
      for (uint32_t q = verb_tok + 1; q < cl.end && q <= verb_tok + 3; ++q) by |= Flags(q) & kBy;
      // (Not a nationality: "Iranian diplomats were expelled".)
      // (Not words that are themselves an actor: "Iranian diplomats".)
      const bool owned = !by && m->source < 0 && tok_group_[b] < 0;
      if (owned && b > 0 && tok_group_[b - 1] >= 0 && !AfterDemonym(b))
        m->source = tok_group_[b - 1];
      if (owned && m->source < 0 && b > 1 && (Flags(b - 1) & kPossessive) &&
          tok_group_[b - 2] >= 0)
        m->source = tok_group_[b - 2];
      // "The Israeli ambassador was summoned", "Iranian diplomats were
      // expelled": words that are themselves an actor are its target.
      if (m->target < 0 && tok_group_[b] >= 0 && tok_group_[b] != m->source)
        m->target = tok_group_[b];
      // "Sanctions on Iran were lifted": the actor after the words, before
      // the auxiliaries, is what they were aimed at.
      if (m->target < 0)
        for (uint32_t q = end; q < aux; ++q) {
          if (tok_group_[q] < 0 || q == 0) continue;
          const uint32_t pr = (Flags(q - 1) & kThe) && q > 1 ? q - 2 : q - 1;
          const bool for_word = text_.substr(toks_[pr].start, toks_[pr].end - toks_[pr].start) == "for";
          if ((Flags(pr) & (kNomTarget | kTo | kWith)) || for_word) {
            m->target = tok_group_[q];
            break;
          }
        }
      return true;
    }
  }
  return false;
}

bool CoderImpl::MatchPattern(const dict::Pattern& p, uint32_t verb_tok, const Clause& cl,
                             Match* m, size_t first_after) const {
  constexpr uint32_t kGap = 8;
  m->first = m->last = verb_tok;
  m->source = m->target = -1;
  // After the verb.
  uint32_t cursor = verb_tok + 1;
  for (size_t e = std::max(first_after, size_t(p.verb_pos) + 1); e < p.elems.size(); ++e) {
    const dict::PatternElement& el = p.elems[e];
    if (el.type == dict::PatternElement::Type::kWords) {
      bool found = false;
      uint32_t last = el.adjacent ? cursor : std::min(cl.end, cursor + kGap + 1);
      for (uint32_t pos = cursor; pos < last && !found; ++pos) {
        for (const auto& alt : el.alternatives) {
          if (SeqAt(alt, pos, cl.end)) {
            cursor = pos + uint32_t(alt.size());
            m->last = cursor - 1;
            found = true;
            break;
          }
        }
      }
      if (!found) return false;
    } else {
      // "held talks in Istanbul": a place is a target only for force.
      // Right after a word of the pattern ("by $", "with +") the actor
      // follows within a few words ("by the U.S. Treasury"); a slot right
      // after the verb may stand further off.
      const uint32_t reach = e > size_t(p.verb_pos) + 1 ? 4 : kGap + 3;
      int g = GroupStartingAtOrAfter(cursor, std::min(cl.end, cursor + reach), -1,
                                     !PlaceCanBeTarget(p.code));
      if (g < 0) return false;
      if (el.type == dict::PatternElement::Type::kTarget) m->target = g;
      else m->source = g;
      cursor = groups_[g].end;
      m->last = std::max(m->last, cursor - 1);
    }
  }
  // Before the verb, right to left.
  uint32_t bcursor = verb_tok;  // elements must end at or before this
  for (int e = p.verb_pos - 1; e >= 0; --e) {
    const dict::PatternElement& el = p.elems[e];
    if (el.type != dict::PatternElement::Type::kWords) {
      // A slot before the verb takes the nearest compound there: "+ * aid from $"
      // makes the subject the target ("A received aid from B": B -> A).
      int g = GroupEndingBefore(bcursor, cl.begin, -1);
      if (g < 0) return false;
      // The owner opening the clause, not an actor inside its noun phrase:
      // "Iran's suspension of cooperation with the U.N. nuclear watchdog drew
      // criticism from Germany".
      if (e == 0) {
        for (size_t h = 0; h < groups_.size() && int(h) != g; ++h) {
          const Group& o = groups_[h];
          if (o.begin < cl.begin || o.end > groups_[size_t(g)].begin) continue;
          if (o.begin <= cl.begin + 1 && o.end < toks_.size() && (Flags(o.end) & kPossessive))
            g = int(h);
          break;
        }
      }
      if (el.type == dict::PatternElement::Type::kTarget) m->target = g;
      else m->source = g;
      bcursor = groups_[g].begin;
      continue;
    }
    bool found = false;
    uint32_t lowest = bcursor > kGap + 1 ? bcursor - kGap - 1 : 0;
    lowest = std::max(lowest, cl.begin);
    for (uint32_t end = bcursor; end > lowest && !found; --end) {
      for (const auto& alt : el.alternatives) {
        if (end >= alt.size() && end - alt.size() >= cl.begin &&
            SeqAt(alt, end - uint32_t(alt.size()), bcursor)) {
          bcursor = end - uint32_t(alt.size());
          m->first = bcursor;
          found = true;
          break;
        }
      }
    }
    if (!found) return false;
  }
  return true;
}

void CoderImpl::Emit(const Document& doc, int sent_index, uint32_t sent_start, uint32_t sent_end,
                     const Group* src, const Group* tgt, const std::string& code,
                     const std::string& paired, uint32_t trig_b, uint32_t trig_e,
                     const std::string& trig_entry, const std::string& attribution,
                     const std::string& mode, std::vector<Event>* events, bool reciprocal) {
  auto make = [&](const Unit* s, const Unit* t, const std::string& c) {
    Event ev;
    ev.doc_id = doc.id;
    ev.sent_index = sent_index;
    ev.date = doc.date;
    ev.source = s ? s->code : "---";
    ev.target = t ? t->code : "---";
    // A use of force with no target actor is kept for now: the place it hit
    // may name one ("drones hit Kharkiv"); EventContext decides and drops it
    // otherwise (require_dyad).
    // A public statement, an intent, a yielding act or an investigation
    // (CAMEO 01, 03, 08, 09) needs no target ("declined to comment", "agreed
    // to resign", "resigned", "launched an investigation").
    if (opt_.require_dyad && (!s || (!t && !PlaceCanBeTarget(c) && !Undirected(c)))) return;
    if (s && t && ev.source == ev.target) {
      // A statement about oneself is still a statement ("the embassy rejected
      // accusations against the government").
      if (!Undirected(c)) return;
      t = nullptr;
      ev.target = "---";
    }
    dict::SetEventCode(&ev, c);
    ev.sentence = doc.text.substr(sent_start, sent_end - sent_start);
    ev.attribution = attribution;
    ev.mode = mode;
    auto span = [&](const Unit* u, Evidence* out) {
      if (!u) return;
      out->start = toks_[u->begin].start;
      out->end = toks_[u->end - 1].end;
      out->text = doc.text.substr(out->start, out->end - out->start);
      out->entry = u->entry;
    };
    span(s, &ev.source_ev);
    span(t, &ev.target_ev);
    ev.trigger_ev.start = toks_[trig_b].start;
    ev.trigger_ev.end = toks_[trig_e].end;
    ev.trigger_ev.text = doc.text.substr(ev.trigger_ev.start, ev.trigger_ev.end - ev.trigger_ev.start);
    ev.trigger_ev.entry = trig_entry;
    for (const Event& o : *events) {
      if (o.doc_id == ev.doc_id && o.sent_index == ev.sent_index && o.source == ev.source &&
          o.target == ev.target && o.code == ev.code && o.mode == ev.mode)
        return;
    }
    events->push_back(std::move(ev));
  };
  auto pairs = [&](const Group* a, const Group* b, const std::string& c) {
    if (a && b) {
      for (int su : a->units)
        for (int tu : b->units) make(&units_[su], &units_[tu], c);
    } else if (a && a->units.size() >= 2 && (reciprocal || MutualRoot(c))) {
      for (int su : a->units)
        for (int tu : a->units)
          if (su != tu) make(&units_[su], &units_[tu], c);
    } else if (a) {
      for (int su : a->units) make(&units_[su], nullptr, c);
    } else if (b) {
      for (int tu : b->units) make(nullptr, &units_[tu], c);
    }
  };
  pairs(src, tgt, code);
  // The other side's act is not negated or denied with this one's: "India
  // refused to sign the agreement with Pakistan".
  if (!paired.empty() && mode != "negated" && mode != "denied") {
    if (src && tgt) pairs(tgt, src, paired);
  }
}

int CoderImpl::GroupOfSubtree(int tok, int depth) const {
  if (tok < 0 || tok >= int(toks_.size())) return -1;
  if (tok_group_[tok] >= 0) return tok_group_[tok];
  if (depth == 0) return -1;
  // "the leaders of France": a group among the dependents.
  for (int d = 0; d < int(parse_.size()); ++d)
    if (parse_[d].head == tok + 1) {
      const std::string_view rel = parse_[d].deprel;
      bool of = false;  // "the leaders of France", not "an agreement in Washington"
      if (rel == "nmod")
        for (int c = 0; c < int(parse_.size()); ++c)
          if (parse_[c].head == d + 1 && parse_[c].deprel == "case" &&
              text_.substr(toks_[c].start, toks_[c].end - toks_[c].start) == "of")
            of = true;
      if (rel == "amod" || rel == "compound" || of || rel == "nmod:poss" || rel == "appos" ||
          rel == "flat") {
        int g = GroupOfSubtree(d, depth - 1);
        if (g >= 0) return g;
      }
    }
  return -1;
}

void CoderImpl::ParseRoles(uint32_t k, int* src, int* tgt, bool* passive) const {
  *src = *tgt = -1;
  *passive = false;
  if (!parsed_ || k >= parse_.size()) return;
  auto case_word = [&](int d) -> std::string_view {
    for (int c = 0; c < int(parse_.size()); ++c)
      if (parse_[c].head == d + 1 && parse_[c].deprel == "case")
        return text_.substr(toks_[c].start, toks_[c].end - toks_[c].start);
    return {};
  };
  // A passive subject with an object beside it is a parse error (passives
  // take no object): read it as the active subject.
  bool has_obj = false;
  for (int d = 0; d < int(parse_.size()); ++d)
    if (parse_[d].head == int(k) + 1 && parse_[d].deprel == "obj") has_obj = true;
  for (int d = 0; d < int(parse_.size()); ++d) {
    if (parse_[d].head != int(k) + 1) continue;
    const std::string_view rel = parse_[d].deprel;
    if ((rel == "nsubj" || (rel == "nsubj:pass" && has_obj)) && *src < 0) {
      *src = GroupOfSubtree(d, 2);
    } else if (rel == "nsubj:pass" && !has_obj) {
      *passive = true;
      if (*tgt < 0) *tgt = GroupOfSubtree(d, 2);
    } else if (rel == "obl:agent" || (rel == "obl" && case_word(d) == "by")) {
      *src = GroupOfSubtree(d, 2);
    } else if ((rel == "obj" || rel == "iobj") && *tgt < 0) {
      *tgt = GroupOfSubtree(d, 2);
    } else if (rel == "obl" && *tgt < 0) {
      const std::string_view cw = case_word(d);
      if (cw == "on" || cw == "against" || cw == "to" || cw == "with" || cw == "into" ||
          cw == "toward" || cw == "towards" || cw == "at")
        *tgt = GroupOfSubtree(d, 2);
    }
  }
  // "agreed to sign", "met and signed": the subject of the governing verb.
  const std::string_view own = parse_[k].deprel;
  const int h = parse_[k].head - 1;
  if (*src < 0 && h >= 0 && (own == "xcomp" || own == "conj" || own == "advcl")) {
    for (int d = 0; d < int(parse_.size()); ++d)
      if (parse_[d].head == h + 1 && parse_[d].deprel == "nsubj") {
        *src = GroupOfSubtree(d, 2);
        break;
      }
  }
}

bool CoderImpl::CodeVerb(const Clause& cl, const recognize::VerbCandidate& vc,
                         Coded* out) const {
  const uint32_t k = vc.token;
  if (k < cl.begin || k >= cl.end) return false;
  // A verb form after a determiner or possessive is a noun.
  // Not after "A and B each": "Ukraine and Russia each accused the other".
  const bool each_after_subject = k >= 2 && (Flags(k - 1) & kEach) && tok_group_[k - 2] >= 0;
  if (k > cl.begin && tok_group_[k - 1] < 0 &&
      (Flags(k - 1) & (kNounMarker | kPossessive | kOther)) && !each_after_subject)
    return false;  // ("another alleged drug boat")
  if (AfterDemonym(k)) return false;  // "Israeli strikes killed ..."
  // "any NATO strike", "a U.S. strike killed": an actor after "a", "an" or
  // "any" modifies a noun (not a past form: "a U.S. envoy visited").
  if (k > cl.begin && tok_group_[k - 1] >= 0) {
    const uint32_t gb = groups_[size_t(tok_group_[k - 1])].begin;
    const std::string_view d =
        gb > 0 ? text_.substr(toks_[gb - 1].start, toks_[gb - 1].end - toks_[gb - 1].start)
               : std::string_view();
    const std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
    const bool past = w.size() > 3 && w.substr(w.size() - 2) == "ed";
    // After "a"/"an" only when a verb or a preposition follows ("a U.S.
    // strike killed", "a U.S. strike on"), not an object ("A Greek court
    // sentences four individuals").
    bool noun_next = false;
    if (k + 1 < toks_.size()) {
      const std::string_view x = text_.substr(toks_[k + 1].start, toks_[k + 1].end - toks_[k + 1].start);
      noun_next = x == "on" || x == "in" || x == "against" || x == "inside" || x == "near" ||
                  x == "at" || x == "that" || x == "targeting" || (Flags(k + 1) & kComma);
      for (const recognize::VerbCandidate& v : verbs_) noun_next |= v.token == k + 1;
    }
    const bool any = d == "any" || d == "Any";
    const bool article = d == "a" || d == "an" || d == "A" || d == "An";
    if ((any || (article && noun_next)) && !past) return false;
  }
  if (AfterDeterminerAndModifiers(k, cl.begin)) return false;  // "the one-day visit"
  // "Storm Shadow missiles": a capitalized verb form inside a sentence is a
  // name (not in a title-case headline).
  if (k > 0 && toks_[k].capitalized && !title_case_ && toks_[k - 1].word) return false;
  // "Western-supplied missiles": part of a hyphenated adjective; "rescue
  // workers", "aid convoys": a noun before the head noun.
  if (k > cl.begin && toks_[k - 1].end == toks_[k].start &&
      text_.substr(toks_[k - 1].start, toks_[k - 1].end - toks_[k - 1].start) == "-")
    return false;
  if (k + 1 < cl.end && vc.verbs && !vc.verbs->empty() &&
      AsciiLowerCopy(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start)) ==
          c_.verbs[(*vc.verbs)[0]].lemma) {  // a base form
    const std::string_view nx = text_.substr(toks_[k + 1].start, toks_[k + 1].end - toks_[k + 1].start);
    if (nx == "workers" || nx == "teams" || nx == "crews" || nx == "staff" || nx == "convoy" ||
        nx == "convoys" || nx == "agencies" || nx == "operations" || nx == "efforts" ||
        nx == "mission" || nx == "missions")
      return false;
  }
  // "reported strong demand for its chips": market demand, no demand.
  if (k > cl.begin) {
    const std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
    const std::string_view p = text_.substr(toks_[k - 1].start, toks_[k - 1].end - toks_[k - 1].start);
    if ((w == "demand" || w == "demands") &&
        (p == "strong" || p == "weak" || p == "rising" || p == "falling" || p == "global" ||
         p == "high" || p == "low" || p == "growing" || p == "robust" || p == "consumer" ||
         p == "soft" || p == "slowing" || p == "domestic" || p == "market" || p == "energy" ||
         p == "oil"))
      return false;
  }
  // "during overnight clashes", "amid renewed fighting": a noun.
  for (uint32_t j = k; j-- > cl.begin && j + 3 > k;) {
    if (tok_group_[j] >= 0) break;
    const std::string_view w = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
    if (w == "during" || w == "amid" || w == "During" || w == "Amid") return false;
    if (!toks_[j].word || toks_[j].capitalized) break;
  }
  // "UN sanctions against Iran were lifted": a verb form after an actor
  // that a passive verb follows is the head of its subject.
  if (k > cl.begin && tok_group_[k - 1] >= 0) {
    for (uint32_t q = k + 1; q + 1 < cl.end && q <= k + 5; ++q) {
      if (Flags(q) & (kComma | kClauseBreak)) break;
      bool verb_here = false;
      for (const auto& v : verbs_) verb_here |= v.token == q;
      if (verb_here) break;
      if (Flags(q) & kPassiveAux) {
        bool verb_next = false;
        for (const auto& v : verbs_) verb_next |= v.token == q + 1;
        if (verb_next) return false;
        break;
      }
    }
  }
  if (k == 0) return false;  // a verb form opening the sentence has no subject: "Sanctions were ..."
  // The best pattern over all verbs sharing this form.
  const dict::Pattern* best = nullptr;
  const dict::Verb* best_verb = nullptr;
  Match best_m, m;
  for (uint32_t vi : *vc.verbs) {
    const dict::Verb& v = c_.verbs[vi];
    for (const dict::Pattern& p : v.patterns) {
      if (best && p.num_words <= best->num_words) break;  // sorted by specificity
      if (MatchPattern(p, k, cl, &m)) {
        best = &p;
        best_verb = &v;
        best_m = m;
        break;
      }
    }
  }
  if (!best) {
    // "Sanctions were imposed on ...": the pattern's object as the subject.
    for (uint32_t vi : *vc.verbs) {
      const dict::Verb& v = c_.verbs[vi];
      for (const dict::Pattern& p : v.patterns) {
        if (best && p.num_words <= best->num_words) break;
        if (MatchPassiveSubject(p, k, cl, &m)) {
          best = &p;
          best_verb = &v;
          best_m = m;
          break;
        }
      }
    }
  }
  Coded& c = *out;
  c = Coded{};
  c.token = c.trig_b = c.trig_e = k;
  if (best) {
    c.code = best->code;
    c.paired = best->paired;
    c.trig_b = best_m.first;
    c.trig_e = best_m.last;
    c.verb = best_verb;
    c.entry = best->origin.ToString() + " verb " + best_verb->lemma + ": " + best->text +
              " => " + best->code + (best->paired.empty() ? "" : ":" + best->paired);
  } else {
    for (uint32_t vi : *vc.verbs) {
      const dict::Verb& v = c_.verbs[vi];
      if (v.code != "---") {
        c.code = v.code;
        c.paired = v.paired;
        c.verb = &v;
        c.entry = v.origin.ToString() + " verb " + v.lemma + " => " + v.code +
                  (v.paired.empty() ? "" : ":" + v.paired);
        break;
      }
    }
  }
  if (c.code.empty() || c.code == "---") return false;
  // Passive voice: "was attacked (by X)"; not "is attacking".
  const text::Token& vt = toks_[k];
  const bool ing = vt.end - vt.start > 3 && text_.substr(vt.end - 3, 3) == "ing";
  // Not a stance adjective after "is" ("it is skeptical"): a statement whose
  // form is its lemma.
  // "said they are committed to opening up the economy": a participle used
  // as a stance before "to" is no passive either.
  bool by_after = false;
  for (uint32_t j = k + 1; j < cl.end && j <= k + 8; ++j) by_after |= (Flags(j) & kBy) != 0;
  const bool adjective = Undirected(c.code) && c.verb &&
                         (text_.substr(vt.start, vt.end - vt.start) == c.verb->lemma ||
                          (k + 1 < cl.end && (Flags(k + 1) & kTo) && !by_after));
  for (uint32_t j = k; !ing && !adjective && j-- > cl.begin && j + 2 >= k;)
    if (Flags(j) & kPassiveAux) c.passive = true;
  // A reduced relative: "the pact signed by Armenia and Azerbaijan", "a
  // ceasefire brokered by Qatar": a past participle after a noun, then "by".
  const bool ed = vt.end - vt.start > 3 && text_.substr(vt.end - 2, 2) == "ed";
  // So is an actor's: "Syrian warplanes supported by Russia pounded ...".
  // And after a comma: "Yemeni soldiers, supported by allied fighters, ...".
  if (!c.passive && !ing && k > 0 && k + 1 < cl.end && (Flags(k + 1) & kBy) &&
      (toks_[k - 1].word || (Flags(k - 1) & kComma)) && ed)
    c.passive = true;
  c.src = best ? best_m.source : -1;
  c.tgt = best ? best_m.target : -1;
  if (parsed_) {
    // The parse first; the position rules below fill what it leaves open.
    int ps = -1, pt = -1;
    bool pp = false;
    ParseRoles(k, &ps, &pt, &pp);
    auto in_clause = [&](int g) { return g >= 0 && groups_[g].begin >= cl.begin && groups_[g].end <= cl.end; };
    if (c.src < 0 && in_clause(ps) && ps != c.tgt) c.src = ps;
    if (c.tgt < 0 && in_clause(pt) && pt != c.src) c.tgt = pt;
    if (pp) c.passive = true;
  }
  if (c.passive) {
    for (uint32_t j = k + 1; c.src < 0 && j < cl.end; ++j) {
      if (Flags(j) & kBy) {
        c.src = GroupStartingAtOrAfter(j + 1, std::min(cl.end, j + 3), -1);
        break;
      }
    }
    // "Iranian diplomats were expelled from Australia": whoever expels or
    // deports is the country they leave.
    if (c.src < 0 && c.code.compare(0, 3, "174") == 0 && k + 2 < cl.end && (Flags(k + 1) & kFrom))
      c.src = GroupStartingAtOrAfter(k + 2, std::min(cl.end, k + 4), c.tgt);
    // "was killed in an Israeli strike": the actor of the event noun.
    for (uint32_t j = k + 1; c.src < 0 && j + 3 < cl.end && j <= k + 2; ++j) {
      if (!(Flags(j) & kLocative) || !(Flags(j + 1) & kNounMarker)) continue;
      const int g = tok_group_[j + 2];
      if (g < 0) break;
      const uint32_t after = groups_[size_t(g)].end;
      bool noun = false;
      for (const recognize::VerbCandidate& v : verbs_) noun |= v.token == after;
      if (noun) c.src = g;
      break;
    }
    if (c.tgt < 0) c.tgt = GroupEndingBefore(c.trig_b, cl.begin, c.src);
  } else if (c.src < 0) {
    // The subject, not a place between it and the verb ("prisoners in
    // Israeli jails began a hunger strike").
    c.src = GroupEndingBefore(c.trig_b, cl.begin, c.tgt, true);
  }
  return true;
}

// "Venezuela put its forces on alert after U.S. warships deployed off its
// coast", "Kyiv lost access to U.S. imagery after Washington suspended
// intelligence sharing": an act without a target answers, or is answered by,
// the other side of "after". The first actor there (its subject) is the
// target when it is another country; -1 otherwise.
int CoderImpl::AcrossAfter(uint32_t trig, int src) const {
  const uint32_t n = uint32_t(toks_.size());
  uint32_t a = n;
  for (uint32_t k = 0; k < n && a == n; ++k) {
    const std::string_view w = text_.substr(toks_[k].start, toks_[k].end - toks_[k].start);
    if (w == "after" || w == "After") a = k;
  }
  if (a == n) return -1;
  uint32_t sub_e = n;  // the clause "after" opens
  if (a == 0) {        // "After North Korea moved artillery, South Korea ..."
    for (sub_e = 1; sub_e < n && !(Flags(sub_e) & kComma); ++sub_e) {}
    if (sub_e == n) return -1;
  }
  const bool in_sub = trig > a && trig < sub_e;
  const std::string& home = units_[size_t(groups_[size_t(src)].units[0])].code;
  if (home.compare(0, 3, "---") == 0) return -1;
  // Not a passive ("after his house was stormed by security forces").
  for (uint32_t k = trig >= 2 ? trig - 2 : 0; k < trig; ++k)
    if (Flags(k) & kPassiveAux) return -1;
  // The other clause's subject opens it: "after U.S. warships ...", "South
  // Korea raised ..." (not "after investigating charges related to ...").
  const uint32_t other_b = in_sub ? (a == 0 ? sub_e + 1 : 0) : a + 1;
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    const bool in_other = in_sub ? (g.end <= a || g.begin >= sub_e) : (g.begin > a && g.end <= sub_e);
    if (!in_other || place_group_[gi]) continue;
    const uint32_t lead = g.begin > other_b && (Flags(other_b) & kThe) ? other_b + 1 : other_b;
    const std::string& c = units_[size_t(g.units[0])].code;
    if (g.begin != lead || c.compare(0, 3, "---") == 0 || c.compare(0, 3, home, 0, 3) == 0)
      return -1;
    return int(gi);
  }
  return -1;
}

int CoderImpl::FirstOtherCountryAfter(uint32_t tok, int src) const {
  const std::string& home = units_[size_t(groups_[size_t(src)].units[0])].code;
  for (int gi = 0; gi < int(groups_.size()); ++gi) {
    const Group& g = groups_[size_t(gi)];
    const std::string& c = units_[size_t(g.units[0])].code;
    // Not where the verb itself took place ("warned in Singapore that China
    // ..."); a place inside what is denied counts ("denied using chemical
    // weapons in Ukraine").
    const bool verb_place = place_group_[size_t(gi)] && g.begin <= tok + 3;
    if (g.begin <= tok || verb_place || c.compare(0, 3, "---") == 0 ||
        c.compare(0, 3, home, 0, 3) == 0)
      continue;
    return gi;
  }
  return -1;
}

bool CoderImpl::Reciprocal(Coded& cv, const Clause& cl) const {
  // Reciprocal events between the members of a compound subject: "A and B
  // clashed" (a verb whose paired code is its own), "accused each other",
  // "signed a Gaza ceasefire" (the only target is one of the members' own).
  if (cv.src < 0 || groups_[size_t(cv.src)].units.size() < 2) return false;
  const uint32_t k = cv.token;
  const bool each_other = EachOtherAfter(k + 1, cl.end) != 0 ||
                          (k >= 1 && (Flags(k - 1) & kEach) && k + 2 < cl.end &&
                           (Flags(k + 1) & kThe) && (Flags(k + 2) & kOther));
  const bool mutual = each_other || (!cv.paired.empty() && cv.paired == cv.code) ||
                      MutualRoot(cv.code);
  if (!mutual) return false;
  // Praise or appeals to one member's own place stay one-way ("Rohan and
  // Gondor praised Edoras"); agreements, meetings and cooperation do not.
  const bool between = cv.code.compare(0, 2, "05") != 0 || cv.code == "057";
  if (cv.tgt >= 0 && !each_other) {
    if (!between) return false;
    for (int tu : groups_[size_t(cv.tgt)].units) {
      bool own = false;
      for (int su : groups_[size_t(cv.src)].units)
        own |= units_[size_t(su)].code.compare(0, 3, units_[size_t(tu)].code, 0, 3) == 0;
      if (!own) return false;
    }
  }
  cv.tgt = -1;
  return true;
}

void CoderImpl::CodeNominals(const Document& doc, int sent_index, uint32_t start, uint32_t end,
                             const std::string& attribution, std::vector<Event>* events) {
  const uint32_t n = uint32_t(toks_.size());
  const Clause whole{0, n, false, -1, false};
  for (uint32_t k = 0; k < n; ++k) {
    if (tok_group_[k] >= 0 || ids_[k] == dict::kNoToken) continue;
    // Not a noun a verb's pattern already coded: "launched an inquiry".
    bool in_verb = false;
    for (size_t e = events->size(); e-- > 0 && !in_verb;) {
      const Event& ev = (*events)[e];
      if (ev.sent_index != sent_index || ev.doc_id != doc.id) break;
      // (One with no target yet may still find it as a noun: "after Rubio
      // visit".)
      in_verb = ev.trigger_ev.start <= toks_[k].start && toks_[k].end <= ev.trigger_ev.end &&
                ev.trigger_ev.entry.compare(0, 8, "nominal ") != 0 && ev.target != "---";
    }
    if (in_verb) continue;
    const std::vector<uint32_t>* vs = nullptr;
    bool form = false;
    for (const recognize::VerbCandidate& vc : verbs_)
      if (vc.token == k) { vs = vc.verbs; form = true; break; }
    if (!vs) {
      auto it = nominal_.find(ids_[k]);
      if (it == nominal_.end()) continue;
      vs = &it->second;
    }
    // Modifiers between an owner and the noun: "Moscow's massive missile and
    // drone attack", "U.S. weapons deliveries", "the Israeli strikes".
    auto is_verb = [&](uint32_t t) {
      if (t > 0 && toks_[t].capitalized && !title_case_ && toks_[t - 1].word) return false;
      for (const recognize::VerbCandidate& vc : verbs_)
        if (vc.token == t) return true;
      return false;
    };
    uint32_t j = k;
    while (j > 0 && k - j < 4 && tok_group_[j - 1] < 0 && toks_[j - 1].word &&
           (!toks_[j - 1].capitalized || j == 1) &&  // "Arms transfers" opening a sentence
           !(Flags(j - 1) & (kPossessive | kClauseBreak | kThe | kNegation | kPassiveAux |
                             kModal | kTo | kBy | kOf | kLocative | kWith | kPossPronoun)) &&
           !is_verb(j - 1) && !Preposition(text_.substr(toks_[j - 1].start, toks_[j - 1].end - toks_[j - 1].start)))
      --j;
    int src = -1;
    bool nominal = false;
    if (j > 1 && (Flags(j - 1) & kPossessive) && tok_group_[j - 2] >= 0) {
      src = tok_group_[j - 2];  // "Russia's attack"
      nominal = true;
    } else if (j > 0 && tok_group_[j - 1] >= 0) {
      // An adjective or noun modifier: "Israeli strikes". A verb form right
      // after an actor is the verb ("Israel strikes") unless a determiner
      // opens the phrase ("the Israeli strikes").
      const Group& g = groups_[tok_group_[j - 1]];
      if (!form || (g.begin > 0 && (Flags(g.begin - 1) & (kThe | kNounMarker | kPossessive))) ||
          AfterDemonym(k)) {
        src = tok_group_[j - 1];
        nominal = true;
      }
    } else if (j > 0 && (Flags(j - 1) & (kNounMarker | kThe | kPossessive))) {
      nominal = true;  // "the signing of ...", "the attack on ..."
    } else if (j == 0) {
      nominal = true;  // a sentence opens with it: "Talks between A and B ended"
    }
    // "his visit to Budapest": the last person named before it.
    if (src < 0 && j > 0 && (Flags(j - 1) & kPossPronoun) && (Flags(j - 1) & kNounMarker)) {
      const std::string_view w = text_.substr(toks_[j - 1].start, toks_[j - 1].end - toks_[j - 1].start);
      if (w == "his" || w == "her" || w == "His" || w == "Her") {
        for (int gi = int(groups_.size()) - 1; gi >= 0; --gi) {
          const Group& g = groups_[size_t(gi)];
          const std::string& c = units_[size_t(g.units[0])].code;
          if (g.end > j - 1 || c.size() < 6 || c.compare(0, 3, "IGO") == 0 ||
              c.compare(0, 3, "NGO") == 0 || c.compare(0, 3, "---") == 0)
            continue;
          src = gi;
          nominal = true;
          break;
        }
      }
    }
    if (!nominal && !form) nominal = true;  // a derived noun is always a noun
    // "as fighting erupted": fighting not after an auxiliary is a noun.
    // Not a participle: "while fighting Hezbollah", "fighting alongside
    // Russian forces".
    if (!nominal && MutualNoun(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start)) &&
        !(j > 0 && (Flags(j - 1) & (kPassiveAux | kModal | kTo | kNegation))) &&
        !(j > 0 && tok_group_[j - 1] >= 0)) {
      const std::string_view before =
          j > 0 ? text_.substr(toks_[j - 1].start, toks_[j - 1].end - toks_[j - 1].start) : "";
      const std::string_view after =
          k + 1 < n ? text_.substr(toks_[k + 1].start, toks_[k + 1].end - toks_[k + 1].start) : "";
      nominal = before != "while" && before != "when" && before != "by" && before != "of" &&
                !(k + 1 < n && tok_group_[k + 1] >= 0) && after != "alongside" &&
                after != "against" && after != "with";
    }
    // "after Rubio visit" (a headline): an actor and a verb form after a
    // preposition of time are a noun and its owner.
    if (!nominal && j > 0 && tok_group_[j - 1] >= 0) {
      const uint32_t gb = groups_[size_t(tok_group_[j - 1])].begin;
      const std::string_view w =
          gb > 0 ? text_.substr(toks_[gb - 1].start, toks_[gb - 1].end - toks_[gb - 1].start)
                 : std::string_view();
      if (w == "after" || w == "before" || w == "during" || w == "following") {
        nominal = true;
        src = tok_group_[j - 1];
      }
    }
    // "after talks with a U.S. envoy", "during clashes": a noun after a
    // preposition of time.
    if (!nominal && j > 0) {
      const std::string_view w = text_.substr(toks_[j - 1].start, toks_[j - 1].end - toks_[j - 1].start);
      nominal = w == "after" || w == "before" || w == "during" || w == "following";
    }
    if (!nominal) continue;
    // After the noun: "between A and B", "from A to B", "on/against/to/with/of B", "by A".
    int tgt = -1, between = -1;
    bool investigation = false;
    for (uint32_t vi : *vs) investigation |= c_.verbs[vi].lemma == "investigate";
    int modifier_group = -1;  // "a military base": the target of force after all
    bool tgt_place = false;  // "Iran's threat along the Syrian border"
    for (uint32_t q = k + 1; q < n && q <= k + 9; ++q) {
      const uint64_t f = Flags(q);
      if (f & (kClauseBreak | kComma)) break;
      // Not past a verb: "Sanctions on Iran were lifted by the UN".
      if (tok_group_[q] < 0 && is_verb(q)) break;
      // "Iran fired missiles ... in retaliation for U.S. strikes on its
      // nuclear sites": "its" is the sentence's first actor, when that is
      // not the noun's own source.
      if (tgt < 0 && src >= 0 && tok_group_[q] < 0 && (f & kPossPronoun) && q > k + 1 &&
          (Flags(q - 1) & (kNomTarget | kTo))) {
        const std::string_view w = text_.substr(toks_[q].start, toks_[q].end - toks_[q].start);
        if ((w == "its" || w == "their") && !groups_.empty() && groups_[0].end <= j &&
            groups_[0].units.size() == 1 && 0 != src &&
            units_[size_t(groups_[0].units[0])].code.compare(0, 3, units_[size_t(groups_[size_t(src)].units[0])].code, 0, 3) != 0)
          tgt = 0;
        break;
      }
      if (tok_group_[q] >= 0) {
        // "suspension of military aid to Egypt": an agent word used as a
        // noun modifier is no party.
        {
          const Group& mg = groups_[size_t(tok_group_[q])];
          bool agents_only = mg.units.size() == 1;
          for (int ui : mg.units) agents_only &= !units_[size_t(ui)].has_actor;
          if (agents_only && mg.end < n && toks_[mg.end].word && !toks_[mg.end].capitalized &&
              !(Flags(mg.end) & kClosed) && !is_verb(mg.end)) {
            if (modifier_group < 0) modifier_group = tok_group_[q];
            q = mg.end - 1;
            continue;
          }
        }
        const uint64_t pf = Flags(q - 1);
        const uint64_t ppf = q >= 2 ? Flags(q - 2) : 0;
        const uint64_t prep = (pf & (kThe | kNounMarker)) ? ppf : pf;  // "with a U.S. envoy"
        if (prep & kBetween) { between = tok_group_[q]; break; }
        if ((prep & kFrom) && src < 0) { src = tok_group_[q]; q = groups_[src].end - 1; continue; }
        // "Japan's purchase of missiles from the United States": with the
        // owner as source, "from" names the other party.
        if ((prep & kFrom) && tgt < 0) { tgt = tok_group_[q]; q = groups_[tgt].end - 1; continue; }
        // (An investigation "into abuses by the army" looks into the army.)
        if ((prep & kBy) && investigation && tgt < 0) { tgt = tok_group_[q]; q = groups_[tgt].end - 1; continue; }
        if ((prep & kBy) && src < 0) { src = tok_group_[q]; q = groups_[src].end - 1; continue; }
        if (tgt < 0 && (prep & (kNomTarget | kTo | kWith | kOf | kLocative))) {
          tgt = tok_group_[q];
          tgt_place = !(prep & (kNomTarget | kTo | kWith | kOf));
          q = groups_[tgt].end - 1;
          continue;
        }
        if (tgt < 0 && q - 1 > k && toks_[q - 1].word && !(pf & kThe)) {
          // "the seizure of a Venezuelan oil tanker": an adjective after "of a".
          if (q >= 3 && (Flags(q - 2) & kOf) && (pf & kNounMarker)) tgt = tok_group_[q];
        }
        break;
      }
    }
    // The code: the verb's best pattern from the noun on, else its default.
    std::string code, entry, paired;
    uint32_t trig_e = k;
    Match m;
    int best_words = 0;
    for (uint32_t vi : *vs) {
      const dict::Verb& v = c_.verbs[vi];
      for (const dict::Pattern& p : v.patterns) {
        if (p.verb_pos != 0 || p.num_words <= best_words) continue;
        if (!MatchPattern(p, k, whole, &m)) continue;
        best_words = p.num_words;
        code = p.code;
        paired = p.paired;
        trig_e = m.last;
        entry = p.origin.ToString() + " verb " + v.lemma + ": " + p.text + " => " + p.code;
      }
      // The object before the noun: "arms transfers" is "transfer: * &MILAID".
      for (const dict::Pattern& p : v.patterns) {
        if (best_words > 0 || j >= k || p.verb_pos != 0 || p.elems.size() != 2 ||
            p.elems[1].type != dict::PatternElement::Type::kWords)
          continue;
        bool hit = false;
        for (const auto& alt : p.elems[1].alternatives)
          hit |= alt.size() == k - j && SeqAt(alt, j, k);
        if (!hit) continue;
        best_words = p.num_words;
        code = p.code;
        paired = p.paired;
        entry = p.origin.ToString() + " verb " + v.lemma + ": " + p.text + " => " + p.code +
                " (object before the noun)";
      }
      if (code.empty() && v.code != "---") {
        code = v.code;
        paired = v.paired;
        entry = v.origin.ToString() + " verb " + v.lemma + " => " + v.code;
      }
    }
    if (code.empty() || code == "---") continue;
    // Force is aimed at what its agent modifier names: "struck a military base".
    if (modifier_group >= 0 && code >= "18" && (tgt < 0 || groups_[size_t(tgt)].begin > groups_[size_t(modifier_group)].begin)) {
      tgt = modifier_group;
      tgt_place = false;
    }
    if (tgt_place && !PlaceCanBeTarget(code)) continue;
    std::string mode;
    for (const ModedSpan& ms : moded_spans_)
      if (k > ms.begin && k < ms.end) mode = ms.mode;
    // "would trigger the return of U.N. sanctions on Iran", "is preparing
    // a 17th package of sanctions", "any NATO strike deep inside Russia":
    // the noun is the object of a verb with a mode, or no particular event.
    if (mode.empty()) {
      uint32_t b = j;
      if (b > 0 && tok_group_[b - 1] >= 0) b = groups_[size_t(tok_group_[b - 1])].begin;  // the owner
      for (uint32_t q = b, steps = 0; q-- > 0 && steps < 6; ++steps) {
        const uint64_t f = Flags(q);
        if (tok_group_[q] >= 0 || (f & (kClauseBreak | kComma | kThat | kSpeech | kSpeechThat)))
          break;
        const std::string_view w = text_.substr(toks_[q].start, toks_[q].end - toks_[q].start);
        if (w == "any" && q + 1 >= b) { mode = "hypothetical"; break; }
        if (f & kHypo) { mode = "hypothetical"; break; }
        if ((f & kModal) && !(f & kNegation)) { mode = "future"; break; }
        if (f & kFutureTo) { mode = "future"; break; }
      }
    }
    // "plans to visit India in December for his first trip to New Delhi":
    // the purpose of an act with a mode shares it.
    if (mode.empty() && j >= 2 && (Flags(j - 1) & kPossPronoun) &&
        text_.substr(toks_[j - 2].start, toks_[j - 2].end - toks_[j - 2].start) == "for")
      for (const ModedSpan& ms : moded_spans_)
        if (ms.begin < j) mode = ms.mode;
    entry = "nominal event: " + entry;
    // "Belarus freed 31 prisoners ... after talks with a U.S. envoy": talks,
    // agreements and cooperation named in an adverbial of time, without an
    // owner, are the sentence subject's.
    if (src < 0 && tgt >= 0 && j > 0 &&
        (code.compare(0, 2, "04") == 0 || code.compare(0, 2, "05") == 0 ||
         code.compare(0, 2, "06") == 0)) {
      uint32_t b4 = j - 1;
      if (b4 > 0 && (Flags(b4) & (kThe | kNounMarker))) --b4;
      const std::string_view w = text_.substr(toks_[b4].start, toks_[b4].end - toks_[b4].start);
      if (w == "after" || w == "before" || w == "during" || w == "following") {
        for (size_t gi = 0; gi < groups_.size(); ++gi) {
          if (groups_[gi].end > b4) break;
          if (int(gi) != tgt && units_[size_t(groups_[gi].units[0])].code.compare(0, 3, "---") != 0) {
            src = int(gi);
            break;
          }
        }
      }
    }
    // "Denmark announced a suspension of aid to Egypt", "Iran ordered the
    // expulsion of two diplomats": an event noun as the object of a light
    // verb is the subject's.
    // (The walk over modifiers may have taken the determiner in.)
    const uint32_t det = (Flags(j) & (kThe | kNounMarker)) ? j : j - 1;
    if (src < 0 && j >= 2 && det >= 1 && (Flags(det) & (kThe | kNounMarker))) {
      const uint32_t lv = det - 1;
      const std::string lw =
          AsciiLowerCopy(text_.substr(toks_[lv].start, toks_[lv].end - toks_[lv].start));
      static constexpr std::string_view kLight[] = {
          "announced", "announces", "announce", "ordered", "orders", "order", "declared",
          "declares", "imposed", "imposes", "launched", "launches", "began", "begins",
          "started", "starts", "conducted", "conducts", "carried", "made", "makes",
          "issued", "issues", "approved", "approves", "authorized", "authorised"};
      if (std::find(std::begin(kLight), std::end(kLight), lw) != std::end(kLight)) {
        const int g = GroupEndingBefore(lv, 0, tgt);
        if (g >= 0 && g != tgt) src = g;
      }
    }
    // "Panama quits China's Belt and Road initiative after Rubio visit": a
    // visit or talks after which the subject acted were with the subject.
    if (src >= 0 && tgt < 0 && j > 0 && code.compare(0, 2, "04") == 0 && !groups_.empty() &&
        src != 0 && groups_[0].end <= j) {
      uint32_t b4 = j - 1;
      if (tok_group_[b4] >= 0) b4 = groups_[size_t(tok_group_[b4])].begin;  // the owner
      if (b4 > 0 && (Flags(b4 - 1) & (kThe | kNounMarker))) --b4;
      if (b4 > 0) {
        const std::string_view w = text_.substr(toks_[b4 - 1].start, toks_[b4 - 1].end - toks_[b4 - 1].start);
        const std::string& sc = units_[size_t(groups_[size_t(src)].units[0])].code;
        const std::string& fc = units_[size_t(groups_[0].units[0])].code;
        if ((w == "after" || w == "before" || w == "following" || w == "during") &&
            fc.compare(0, 3, "---") != 0 && fc.compare(0, 3, sc, 0, 3) != 0)
          tgt = 0;
      }
    }
    // "Britain's provision of missiles to Ukraine has continued despite
    // warnings from the Kremlin": warnings, criticism or protests "despite"
    // which the sentence's first actor acted are aimed at it.
    if (src >= 0 && tgt < 0 && j > 0 && !groups_.empty() && src != 0 &&
        groups_[0].end <= j) {
      uint32_t b4 = j - 1;
      if (b4 > 0 && (Flags(b4) & (kThe | kNounMarker))) --b4;
      const std::string_view w = text_.substr(toks_[b4].start, toks_[b4].end - toks_[b4].start);
      const std::string& sc = units_[size_t(groups_[size_t(src)].units[0])].code;
      const std::string& fc = units_[size_t(groups_[0].units[0])].code;
      if (w == "despite" && fc.compare(0, 3, "---") != 0 && fc.compare(0, 3, sc, 0, 3) != 0)
        tgt = 0;
    }
    // "an inquiry into the killing of 15 medics by Israeli forces": an
    // investigation is aimed at whoever did what it looks into.
    if (code.compare(0, 2, "09") == 0 && src >= 0) {
      for (uint32_t q = k + 1; q + 1 < n && q <= k + 14; ++q) {
        if (Flags(q) & (kClauseBreak | kComma)) break;
        if (tok_group_[q] >= 0 || !(Flags(q) & kBy)) continue;
        const int g = tok_group_[q + 1] >= 0 ? tok_group_[q + 1]
                      : (q + 2 < n && (Flags(q + 1) & kThe)) ? tok_group_[q + 2] : -1;
        if (g >= 0 && g != src) {
          tgt = g;
          tgt_place = false;
        }
        break;
      }
    }
    const Group* a = nullptr;
    const Group* b = nullptr;
    if (between >= 0 && groups_[between].units.size() >= 2) {
      a = &groups_[between];  // every ordered pair of its members
    } else if (src >= 0 && tgt >= 0 && src != tgt) {
      a = &groups_[src];
      b = &groups_[tgt];
    } else if (src < 0 && (tgt < 0 || tgt_place) && between < 0 && MutualNoun(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start))) {
      // "Thailand and Cambodia accused each other of opening fire as
      // fighting erupted along their border": fighting or talks without
      // parties, in a sentence that names exactly two countries, are between
      // them.
      int first[2] = {-1, -1};
      std::string cc[2];
      bool more = false;
      for (size_t gi = 0; gi < groups_.size() && !more; ++gi) {
        if (place_group_[gi]) continue;
        for (int u : groups_[gi].units) {
          const std::string& c = units_[size_t(u)].code;
          if (c.size() < 3 || c.compare(0, 3, "---") == 0 || c.compare(0, 3, "IGO") == 0 ||
              c.compare(0, 3, "NGO") == 0)
            continue;
          const std::string country = c.substr(0, 3);
          if (first[0] < 0) { first[0] = u; cc[0] = country; }
          else if (country == cc[0]) continue;
          else if (first[1] < 0) { first[1] = u; cc[1] = country; }
          else if (country != cc[1]) { more = true; break; }
        }
      }
      if (more || first[1] < 0) continue;
      const Unit& u0 = units_[size_t(first[0])];
      const Unit& u1 = units_[size_t(first[1])];
      Group one{u0.begin, u0.end, {first[0]}, false};
      Group two{u1.begin, u1.end, {first[1]}, false};
      Emit(doc, sent_index, start, end, &one, &two, code, "", k, trig_e,
           entry + " (between the two countries of the sentence)", attribution, mode, events);
      Emit(doc, sent_index, start, end, &two, &one, code, "", k, trig_e,
           entry + " (between the two countries of the sentence)", attribution, mode, events);
      continue;
    } else {
      continue;
    }
    if (!b) {
      for (int su : a->units)
        for (int tu : a->units) {
          if (su == tu) continue;
          Group one{units_[su].begin, units_[su].end, {su}, false};
          Group two{units_[tu].begin, units_[tu].end, {tu}, false};
          Emit(doc, sent_index, start, end, &one, &two, code, "", k, trig_e, entry, attribution, mode,
               events);
        }
    } else {
      Emit(doc, sent_index, start, end, a, b, code, paired, k, trig_e, entry, attribution, mode,
           events);
    }
  }
  // "A truce between Thailand and Cambodia was mediated by Malaysia", "a
  // ceasefire between Druze fighters and Bedouin tribes took hold": a
  // ceasefire between named parties is their de-escalation (0871).
  for (uint32_t k = 0; k + 2 < n; ++k) {
    if (!(Flags(k + 1) & kBetween)) continue;  // the cheap test first: this runs on every token
    const std::string lw = AsciiLowerCopy(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start));
    if (lw != "ceasefire" && lw != "truce" && lw != "armistice" && lw != "cease-fire") continue;
    const uint32_t q = (Flags(k + 2) & kThe) && k + 3 < n ? k + 3 : k + 2;
    const int g = tok_group_[q];
    if (g < 0 || groups_[size_t(g)].units.size() < 2) continue;
    std::string mode;
    for (const ModedSpan& ms : moded_spans_)
      if (k > ms.begin && k < ms.end) mode = ms.mode;
    // One only asked for, proposed or negotiated is not (yet) in force.
    for (uint32_t j = k; j-- > 0 && j + 5 > k && mode.empty();) {
      const std::string w = AsciiLowerCopy(text_.substr(toks_[j].start, toks_[j].end - toks_[j].start));
      if (w.compare(0, 7, "propose") == 0 || w.compare(0, 4, "call") == 0 ||
          w.compare(0, 4, "urge") == 0 || w == "seek" || w == "seeks" || w == "sought" ||
          w.compare(0, 6, "demand") == 0 || w.compare(0, 4, "push") == 0 ||
          w.compare(0, 9, "negotiate") == 0 || w == "for" || w == "on" || w.compare(0, 4, "plan") == 0)
        mode = "hypothetical";
    }
    // "between government forces and Arakan Army rebels": a party named
    // only by its role is of the other party's country.
    std::vector<int> us = groups_[size_t(g)].units;
    std::string home;
    for (int u : us)
      if (units_[size_t(u)].code.compare(0, 3, "---") != 0 && units_[size_t(u)].code.compare(0, 3, "IGO") != 0)
        home = units_[size_t(u)].code.substr(0, 3);
    const size_t added = units_.size();
    for (int& u : us) {
      if (home.empty() || units_[size_t(u)].code.compare(0, 3, "---") != 0) continue;
      Unit copy = units_[size_t(u)];
      copy.code.replace(0, 3, home);
      copy.entry += " (country " + home + " from the other party)";
      units_.push_back(std::move(copy));
      u = int(units_.size() - 1);
    }
    for (int su : us)
      for (int tu : us) {
        if (su == tu) continue;
        Group one{units_[su].begin, units_[su].end, {su}, false};
        Group two{units_[tu].begin, units_[tu].end, {tu}, false};
        Emit(doc, sent_index, start, end, &one, &two, "0871", "", k, k,
             "nominal event: a ceasefire between the parties => 0871", attribution, mode, events);
      }
    units_.resize(added);
  }
}

void CoderImpl::CodeSentence(const Document& doc, int sent_index, uint32_t start, uint32_t end,
                             int date, std::vector<Event>* events) {
  std::string_view text = doc.text;
  text_ = text;
  toks_.clear();
  text::Tokenize(text.substr(start, end - start), start, &toks_);
  ids_.resize(toks_.size());
  for (size_t i = 0; i < toks_.size(); ++i) {
    text::NormalizeToken(text.substr(toks_[i].start, toks_[i].end - toks_[i].start), &norm_);
    ids_[i] = c_.Lookup(norm_);
  }
  groups_.clear();
  tok_group_.clear();
  place_group_.clear();
  if (rec_.Discarded(text, toks_, ids_)) return;
  rec_.Recognize(text, toks_, ids_, &mentions_, &verbs_);
  BuildUnits(text, date);
  // Whatever happens below, the actors of this sentence become antecedents.
  struct Remember {
    CoderImpl* c;
    ~Remember() { c->RememberActors(); }
  } remember{this};
  if (units_.empty() || verbs_.empty()) return;
  {
    size_t words = 0, caps = 0;
    for (const text::Token& t : toks_) {
      if (!t.word) continue;
      ++words;
      caps += t.capitalized;
    }
    title_case_ = words > 0 && caps * 2 > words;
  }
  BuildGroups();
  BuildClauses();
  parsed_ = !doc.words.empty() && UseGivenParse(doc);
  if (!parsed_ && worker_) {
    tok_views_.clear();
    for (const text::Token& t : toks_) tok_views_.push_back(text.substr(t.start, t.end - t.start));
    worker_->Analyze(std::span<const std::string_view>(tok_views_), &parse_);
    parsed_ = parse_.size() == toks_.size();
  }

  // "..., according to X": X is the attribution for the whole sentence.
  std::string sentence_attr;
  for (uint32_t k = 0; k + 2 < toks_.size(); ++k) {
    if ((Flags(k) & kAccording) && (Flags(k + 1) & kTo) && tok_group_[k + 2] >= 0) {
      const Group& g = groups_[tok_group_[k + 2]];
      sentence_attr = units_[g.units[0]].code;
    }
  }

  int prev_source = -1, prev_target = -1;
  bool prev_appeal_to = false;  // the previous clause asks its target "to" act
  std::string prev_code;
  moded_spans_.clear();
  const size_t first_event = events->size();
  for (const Clause& cl : clauses_) {
    int clause_source = -1, clause_target = -1;
    bool clause_appeal_to = false;
    std::string clause_code;
    std::string attribution = sentence_attr;
    if (cl.attribution_group >= 0)
      attribution = units_[groups_[cl.attribution_group].units[0]].code;
    auto group = [&](int g) { return g >= 0 ? &groups_[g] : nullptr; };
    // "The U.S. said that North Korea must first disarm": the speaker's
    // demand (100) on whoever must act, whatever the act.
    if (cl.attribution_group >= 0) {
      for (uint32_t j = cl.begin + 1; j < cl.end; ++j) {
        if (!(Flags(j) & kMust) || tok_group_[j - 1] < 0) continue;
        Emit(doc, sent_index, start, end, group(cl.attribution_group), group(tok_group_[j - 1]),
             "100", "", j, j, "reported speech: \"" + std::string(text.substr(toks_[j].start, toks_[j].end - toks_[j].start)) + "\" (a demand: 100)",
             attribution, "", events);
        break;
      }
    }
    for (size_t vi = 0; vi < verbs_.size(); ++vi) {
      Coded cv;
      if (!CodeVerb(cl, verbs_[vi], &cv)) continue;
      const uint32_t k = cv.token;
      // A participle clause goes on with a deed, not with words: "accused
      // Israel of attacks, killing 132 Palestinians" is not Hamas killing.
      const bool inherits = cl.inherit_source &&
                            (!cl.participle || cl.demand_participle || prev_code >= "14" ||
                             (prev_code >= "06" && prev_code < "09"));
      // "called on Hamas to disarm and hand over power": the second
      // infinitive is what the appeal asks of its target, not the caller's
      // act.
      if (cv.src < 0 && inherits && prev_appeal_to && cv.verb &&
          AsciiLowerCopy(text_.substr(toks_[k].start, toks_[k].end - toks_[k].start)) == cv.verb->lemma)
        continue;
      if (cv.src < 0 && inherits) cv.src = prev_source;
      if (cv.src < 0 && (cl.demand_participle || cl.resumes_subject)) cv.src = cl.subject_group;
      // "The United States is the leading donor to Sudan, providing $5
      // billion in assistance": a participle after a clause that coded
      // nothing goes on with its subject.
      if (cv.src < 0 && cl.participle && prev_source < 0 && prev_code.empty())
        cv.src = cl.subject_group;
      if (cv.tgt < 0) {
        // A statement's target is not inside its "that" clause: "expressed
        // optimism that the government's timeline ..." ("demanded that
        // Tokyo withdraw" does aim at Tokyo).
        uint32_t lim = cl.end;
        for (uint32_t j = cv.trig_e + 1; cv.code.compare(0, 2, "01") == 0 && j < cl.end; ++j)
          if (tok_group_[j] < 0 && (Flags(j) & kThat)) {
            lim = j;
            break;
          }
        // Nor inside a participle that describes the object: "inspected a
        // munitions factory supplying shells to Russia".
        if (cv.code < "14")
          for (uint32_t j = cv.trig_e + 2; j < lim; ++j) {
            const text::Token& t = toks_[j];
            const std::string_view w = text_.substr(t.start, t.end - t.start);
            if (tok_group_[j] >= 0 || tok_group_[j - 1] >= 0 || !toks_[j - 1].word ||
                toks_[j - 1].capitalized || (Flags(j - 1) & kClosed) || w.size() < 6 ||
                w.substr(w.size() - 3) != "ing")
              continue;
            // With an object of its own ("supplying shells"), not a compound
            // noun ("data sharing with the United States").
            if (j + 1 >= lim || tok_group_[j + 1] >= 0 || !toks_[j + 1].word ||
                toks_[j + 1].capitalized || (Flags(j + 1) & kClosed))
              continue;
            bool verb = false;
            for (const recognize::VerbCandidate& v : verbs_) verb |= v.token == j;
            if (verb) {
              lim = j;
              break;
            }
          }
        // Nor the speaker of a trailing attribution: "will meet in Muscat
        // next Tuesday, Omani officials said"; nor past a comma and a
        // participle: "signed a declaration, witnessed by Donald Trump".
        for (uint32_t j = cv.trig_e + 1; j + 2 < lim; ++j) {
          if (tok_group_[j] >= 0 || !(Flags(j) & kComma)) continue;
          const text::Token& nt = toks_[j + 1];
          const std::string_view nw = text_.substr(nt.start, nt.end - nt.start);
          // ", with Oman's foreign minister shuttling between ...": an
          // absolute phrase, not the object.
          if (nw == "with" && j + 2 < lim && tok_group_[j + 2] >= 0) {
            const uint32_t after = groups_[size_t(tok_group_[j + 2])].end;
            const std::string_view aw =
                after < lim ? text_.substr(toks_[after].start, toks_[after].end - toks_[after].start)
                            : std::string_view();
            if (aw.size() > 4 && aw.substr(aw.size() - 3) == "ing") {
              lim = j;
              break;
            }
          }
          // (Force keeps its casualties: "shelled Kherson, wounding four civilians".)
          if (cv.code < "14" && tok_group_[j + 1] < 0 && nt.word && !nt.capitalized && nw.size() > 4 &&
              (nw.substr(nw.size() - 2) == "ed" || nw.substr(nw.size() - 3) == "ing")) {
            lim = j;
            break;
          }
          const int g = tok_group_[j + 1] >= 0 ? tok_group_[j + 1]
                                               : (tok_group_[j + 2] >= 0 ? tok_group_[j + 2] : -1);
          if (g < 0) continue;
          const uint32_t after = groups_[size_t(g)].end;
          if (after < toks_.size() && (Flags(after) & (kSpeech | kSpeechThat))) {
            lim = j;
            break;
          }
        }
        // Nor inside a reason given by a preposition and a gerund:
        // "sentences Yamagami to life in prison for assassinating former
        // prime minister Shinzo Abe" (Abe is not sentenced).
        for (uint32_t j = cv.trig_e + 1; j + 1 < lim; ++j) {
          if (tok_group_[j] >= 0 || tok_group_[j + 1] >= 0) continue;
          const text::Token& g = toks_[j + 1];
          const std::string_view w = text_.substr(g.start, g.end - g.start);
          const std::string_view prep = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
          if ((prep == "for" || prep == "of" || prep == "over" || prep == "on") && w.size() > 5 &&
              w.substr(w.size() - 3) == "ing" && !g.capitalized) {
            bool verb = false;
            for (const recognize::VerbCandidate& v : verbs_) verb |= v.token == j + 1;
            if (verb) {
              lim = j;
              break;
            }
          }
        }
        // Agent words inside the matched pattern are part of it: "suspended
        // military aid to Pakistan" aims at Pakistan, not at "military".
        uint32_t from = k + 1;
        for (;;) {
          cv.tgt = GroupStartingAtOrAfter(from, lim, cv.src, !PlaceCanBeTarget(cv.code));
          if (cv.tgt < 0) break;
          const Group& g = groups_[size_t(cv.tgt)];
          bool agents_only = true;
          for (int ui : g.units) agents_only &= !units_[size_t(ui)].has_actor;
          // Nor one used as a noun modifier: "suspended intelligence sharing
          // with Ukraine", "military aid" (a use of force keeps it: "attacked
          // rebel positions" is aimed at the rebels).
          // Not before a reduced relative: "detained a colonel accused of
          // spying".
          const std::string_view next =
              g.end < cl.end ? text_.substr(toks_[g.end].start, toks_[g.end].end - toks_[g.end].start)
                             : std::string_view();
          const bool relative = g.begin > 0 && (Flags(g.begin - 1) & kNounMarker) &&
                                next.size() > 4 && next.substr(next.size() - 2) == "ed";
          const bool modifier = cv.code < "18" && agents_only && g.units.size() == 1 &&
                                g.end < cl.end && !relative &&
                                toks_[g.end].word && !toks_[g.end].capitalized &&
                                !(Flags(g.end) & kClosed);
          // "pledged Pyongyang's unconditional support for Russia's war": the
          // source's own country owning the object is not its target.
          // (Kept when nothing else follows: "defended Russia's involvement".)
          const bool own_owner =
              cv.src >= 0 && g.end < cl.end && (Flags(g.end) & kPossessive) &&
              units_[size_t(g.units[0])].code.compare(0, 3, "---") != 0 &&
              units_[size_t(g.units[0])].code.compare(
                  0, 3, units_[size_t(groups_[size_t(cv.src)].units[0])].code, 0, 3) == 0 &&
              GroupStartingAtOrAfter(g.end, lim, cv.src, !PlaceCanBeTarget(cv.code)) >= 0;
          // "failed to reach a deal on Ukraine": the topic of a deal or of
          // talks is not a party to them.
          bool topic = false;
          if (g.begin >= 2 && (Flags(g.begin - 1) & kNomTarget)) {
            const std::string_view tw =
                text_.substr(toks_[g.begin - 2].start, toks_[g.begin - 2].end - toks_[g.begin - 2].start);
            topic = tw == "deal" || tw == "agreement" || tw == "accord" || tw == "talks" ||
                    tw == "negotiations" || tw == "consultations" || tw == "summit" ||
                    tw == "conference" || tw == "meeting" || tw == "resolution";
          }
          // "deploys the USS Gerald R. Ford to Latin America", "approved
          // the deployment of Royal Navy warship HMS Dragon to Cyprus": the
          // source's own forces are not the target of its cooperation or
          // show of force.
          const std::string root2 = cv.code.substr(0, 2);
          const std::string& tcode = units_[size_t(g.units[0])].code;
          const std::string& scode = units_[size_t(groups_[size_t(cv.src >= 0 ? cv.src : 0)].units[0])].code;
          const bool own_forces =
              cv.src >= 0 && (root2 == "05" || root2 == "06" || root2 == "07" || root2 == "15") &&
              tcode.size() == 6 && tcode.compare(3, 3, "MIL") == 0 &&
              tcode.compare(0, 3, "---") != 0 && tcode.compare(0, 3, scode, 0, 3) == 0 &&
              !(scode.size() == 6 && scode.compare(3, 3, "MIL") == 0);
          if (!modifier && !own_owner && !topic && !own_forces &&
              (!agents_only || g.begin < cv.trig_b || g.end - 1 > cv.trig_e))
            break;
          from = g.end;
        }
      }
      // "spoke with Putin and agreed to begin negotiations": a clause that
      // goes on with the previous subject goes on with its partner too.
      if (cv.tgt < 0 && inherits && prev_target >= 0 && prev_target != cv.src &&
          cv.src == prev_source)
        cv.tgt = prev_target;
      // "launched an inquiry into the killing of 15 medics by Israeli
      // forces", "an investigation into abuses committed by the Sudanese
      // army": an investigation is aimed at whoever did what it looks into.
      if (cv.code.compare(0, 2, "09") == 0 && cv.src >= 0) {
        const uint32_t n = uint32_t(toks_.size());
        for (uint32_t j = cv.trig_e + 1; j + 1 < n; ++j) {
          if (tok_group_[j] < 0 && (Flags(j) & (kComma | kSemicolon))) break;
          if (tok_group_[j] < 0 && (Flags(j) & kClauseBreak) && !(Flags(j) & kAnd)) break;
          if (tok_group_[j] >= 0 || !(Flags(j) & kBy)) continue;
          const int g = GroupStartingAtOrAfter(j + 1, std::min(n, j + 3), cv.src);
          if (g >= 0) cv.tgt = g;
          break;
        }
      }
      if (cv.tgt < 0 && cv.src >= 0 && cv.code >= "15" && cv.code < "20")
        cv.tgt = AcrossAfter(cv.trig_b, cv.src);
      const bool reciprocal = Reciprocal(cv, cl);
      // Modality right before the verb: "did not attack" (negated), "will
      // meet" (intent + future), "refused to sign" (rejection + negated),
      // "may have received" (hypothetical), "is expected to announce"
      // (future), "allegedly supplied" (alleged).
      bool negated = false, intent = false, hypo = cl.hypothetical, future = false,
           alleged = false;
      // An infinitive reaches back to the modal of its chain: "would appoint
      // high-level teams to begin negotiating".
      const bool infinitive = (k >= 1 && (Flags(k - 1) & kTo)) || (k >= 2 && (Flags(k - 2) & kTo));
      const uint32_t reach = infinitive ? 10 : 4;
      for (uint32_t j = k; j-- > cl.begin && j + reach >= k;) {
        if (tok_group_[j] >= 0) break;
        const uint64_t f = Flags(j);
        if ((f & kNegation) && j + 3 >= k) negated = true;
        if (f & kModal) intent = true;
        if (f & kHypo) hypo = true;
        if ((f & kFutureTo) && j + 1 < k && (Flags(j + 1) & kTo)) future = true;
        if (f & kAllegedly) alleged = true;
      }
      // "Moscow denied that its troops had crossed into Ukraine", "Beijing
      // warned that new U.S. arms sales to Taiwan could provoke ...": a
      // denial or a threat without a target is addressed to the first other
      // country named in what it denies or threatens.
      if (cv.tgt < 0 && cv.src >= 0 &&
          (cv.code == "016" || cv.code.compare(0, 2, "13") == 0 ||
           (cv.verb && cv.verb->lemma == "deny")))
        cv.tgt = FirstOtherCountryAfter(cv.trig_e, cv.src);
      std::string mode;
      if (negated) mode = "negated";
      else if (hypo) mode = "hypothetical";
      else if (alleged) mode = "alleged";
      else if (intent || future) mode = "future";
      if (intent) {
        // The stated intention (03x), refusal (12x) or threat (13x) is itself
        // an event; the act intended is coded with its mode beside it.
        std::string mc = ModalCode(cv.code, negated);
        if (!mc.empty()) {
          // "Russia could be ready to attack": an intention that may be is
          // itself only hypothetical.
          Emit(doc, sent_index, start, end, group(cv.src), group(cv.tgt), mc, "", cv.trig_b,
               cv.trig_e,
               cv.entry + (negated ? " (refused: " : " (intended: ") + cv.code + " -> " + mc + ")",
               attribution, hypo ? "hypothetical" : "", events, reciprocal);
        }
      }
      // "The Taliban claimed that they had attacked the base": the speaker
      // claims its own deed (015) beside the deed.
      if (cl.claim && cl.attribution_group >= 0 && cv.src >= 0 && mode.empty() &&
          units_[size_t(groups_[size_t(cv.src)].units[0])].code ==
              units_[size_t(groups_[size_t(cl.attribution_group)].units[0])].code)
        Emit(doc, sent_index, start, end, group(cv.src), group(cv.tgt), "015", "", cv.trig_b,
             cv.trig_e, cv.entry + " (claimed by its actor: 015)", attribution, "", events);
      Emit(doc, sent_index, start, end, group(cv.src), group(cv.tgt), cv.code, cv.paired,
           cv.trig_b, cv.trig_e, cv.entry, attribution, mode, events, reciprocal);
      // Exercises held by several countries together are also military
      // cooperation among them: "Philippines, US launch largest Balikatan
      // drills near Taiwan".
      bool countries = cv.src >= 0 && groups_[size_t(cv.src)].units.size() >= 2;
      if (countries)
        for (int u : groups_[size_t(cv.src)].units)
          countries &= units_[size_t(u)].code.compare(0, 3, "---") != 0;
      if (cv.code == "150" && countries)
        Emit(doc, sent_index, start, end, group(cv.src), nullptr, "062", "", cv.trig_b, cv.trig_e,
             cv.entry + " (held together: 062)", attribution, mode, events, true);
      // "Thai police and Interpol launched a joint investigation", "Russia
      // and Syria launched joint air strikes": what several do jointly is
      // also cooperation among them (judicial 063, military 062).
      if (countries && cv.code != "150") {
        bool joint = false;
        for (uint32_t j = cv.trig_b; j <= cv.trig_e && !joint; ++j)
          joint = text_.substr(toks_[j].start, toks_[j].end - toks_[j].start) == "joint";
        const std::string coop = cv.code.compare(0, 2, "09") == 0 ? "063"
                                 : (cv.code >= "15" && cv.code < "20") ? "062" : "";
        if (joint && !coop.empty())
          Emit(doc, sent_index, start, end, group(cv.src), nullptr, coop, "", cv.trig_b, cv.trig_e,
               cv.entry + " (done jointly: " + coop + ")", attribution, mode, events, true);
      }
      // Event nouns after a verb with a mode share it: "would host a summit
      // between Trump and Putin".
      // Only its object, up to an adverbial: "will not arrest Netanyahu
      // during his visit" leaves the visit asserted.
      if (!mode.empty()) {
        uint32_t span_end = cv.trig_e + 1;
        for (; span_end < cl.end; ++span_end) {
          if (tok_group_[span_end] >= 0) continue;
          const std::string_view w =
              text_.substr(toks_[span_end].start, toks_[span_end].end - toks_[span_end].start);
          if ((Flags(span_end) & (kLocative | kClauseBreak | kComma)) || w == "during" ||
              w == "despite" || w == "amid")
            break;
        }
        moded_spans_.push_back({cv.trig_b, span_end, mode});
      }
      // A denial or an accusation carries the act it denies or alleges:
      // "Iran denied supplying missiles to Russia" is IRN->RUS 016 and the
      // denied IRN->RUS 072; "accused Russia of shelling Kharkiv" adds the
      // alleged shelling.
      const std::string lemma = cv.verb ? cv.verb->lemma : "";
      const bool denial = cv.code == "016" || lemma == "deny";
      const bool accusation = cv.code.compare(0, 2, "11") == 0 &&
                              (lemma == "accuse" || lemma == "blame" || lemma == "charge");
      // "refused to sign the agreement": the rejection, and the act not done.
      const bool refusal = (lemma == "refuse" || lemma == "decline") && cv.trig_e + 1 < cl.end &&
                           (Flags(cv.trig_e + 1) & kTo);
      if (mode.empty() && (denial || accusation || refusal)) {
        for (size_t vj = vi + 1; vj < verbs_.size(); ++vj) {
          if (verbs_[vj].token <= cv.trig_e) continue;
          Coded inner;
          if (!CodeVerb(cl, verbs_[vj], &inner)) continue;
          // "accused each other of opening fire": each did, allegedly.
          const bool mutual_inner = reciprocal && cv.tgt < 0 && (inner.src < 0 || inner.src == cv.src);
          if (mutual_inner) {
            inner.src = cv.src;
          } else if (inner.src < 0 || inner.src == cv.src) {
            // "denied supplying": the denier did it; "accused X of": X did.
            int between = GroupEndingBefore(inner.trig_b, cv.trig_e + 1, -1);
            inner.src = between >= 0 && !refusal ? between : (accusation ? cv.tgt : cv.src);
          }
          if (inner.tgt < 0)
            inner.tgt = GroupStartingAtOrAfter(inner.token + 1, cl.end, inner.src,
                                               !PlaceCanBeTarget(inner.code));
          if (inner.src == inner.tgt) break;
          Emit(doc, sent_index, start, end, group(inner.src), group(inner.tgt), inner.code,
               inner.paired, inner.trig_b, inner.trig_e, inner.entry, attribution,
               denial ? "denied" : (refusal ? "negated" : "alleged"), events, mutual_inner);
          // The denial is addressed to whoever the denied act was aimed at.
          if (denial && inner.tgt >= 0 && (cv.tgt < 0 || cv.tgt == inner.src) &&
              inner.tgt != cv.src)
            Emit(doc, sent_index, start, end, group(cv.src), group(inner.tgt), cv.code, "",
                 cv.trig_b, cv.trig_e, cv.entry, attribution, "", events);
          break;
        }
      }
      clause_source = cv.src;
      clause_target = cv.tgt;
      clause_code = cv.code;
      clause_appeal_to = false;
      // ("demanded that M23 rebels withdraw ... and halt their offensive".)
      if (cv.code.compare(0, 2, "02") == 0 || cv.code.compare(0, 2, "10") == 0)
        for (uint32_t j = cv.trig_b + 1; j < cl.end && !clause_appeal_to; ++j)
          clause_appeal_to = (Flags(j) & (kTo | kThat)) != 0;
      break;  // one coded verb per clause
    }
    if (clause_source >= 0) {
      prev_source = clause_source;
      prev_target = clause_target;
      prev_code = clause_code;
      prev_appeal_to = clause_appeal_to;
    }
  }
  CodeNominals(doc, sent_index, start, end, sentence_attr, events);
  // "..., a claim Kyiv rejected", "..., a charge Islamabad denied": the
  // closing apposition's verb answers whoever made the claim (the sentence's
  // first actor).
  {
    const uint32_t n = uint32_t(toks_.size());
    for (uint32_t c = 1; c + 4 <= n; ++c) {
      if (!(Flags(c) & kComma) || !(Flags(c + 1) & kNounMarker)) continue;
      const std::string_view noun = text_.substr(toks_[c + 2].start, toks_[c + 2].end - toks_[c + 2].start);
      if (noun != "claim" && noun != "charge" && noun != "finding" && noun != "accusation" &&
          noun != "allegation" && noun != "report" && noun != "assertion")
        continue;
      const int who = tok_group_[c + 3];
      if (who < 0 || groups_.empty() || groups_[0].begin >= c) break;
      const uint32_t v = groups_[size_t(who)].end;
      const recognize::VerbCandidate* vc = nullptr;
      for (const recognize::VerbCandidate& cand : verbs_)
        if (cand.token == v) vc = &cand;
      if (!vc || !vc->verbs || vc->verbs->empty()) break;
      const dict::Verb& verb = c_.verbs[(*vc->verbs)[0]];
      if (verb.code == "---") break;
      const std::string& wc = units_[size_t(groups_[size_t(who)].units[0])].code;
      const std::string& fc = units_[size_t(groups_[0].units[0])].code;
      if (who == 0 || wc.compare(0, 3, fc, 0, 3) == 0) break;
      Emit(doc, sent_index, start, end, &groups_[size_t(who)], &groups_[0], verb.code, "", v, v,
           verb.origin.ToString() + " verb " + verb.lemma + " => " + verb.code +
               " (answering the sentence's claim)",
           "", "", events);
      break;
    }
  }
  // A trailing "..., X said." attributes the sentence's events to X.
  if (!clauses_.empty()) {
    const Clause& last = clauses_.back();
    for (uint32_t k = last.begin; k < last.end; ++k) {
      if ((Flags(k) & (kSpeech | kSpeechThat)) && k > last.begin) {
        int g = GroupEndingBefore(k, last.begin, -1);
        if (g < 0) break;
        const std::string& who = units_[groups_[g].units[0]].code;
        for (size_t e = first_event; e < events->size(); ++e)
          if ((*events)[e].attribution.empty() && (*events)[e].source != who)
            (*events)[e].attribution = who;
        break;
      }
    }
  }
}

}  // namespace casus::internal
