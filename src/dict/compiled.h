// The compiled, immutable form of a dictionary set.
//
// Everything here is built once by dict::Compile() and then only read; any
// number of coding threads share one Compiled. Words are interned into token
// ids (`vocab`) so that matching compares integers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace casus::dict {

constexpr uint32_t kNoToken = UINT32_MAX;
constexpr uint32_t kNoNode = UINT32_MAX;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Where an entry came from, for error messages and evidence: "file:line".
struct Origin {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

// A code valid from `from` to `to` (YYYYMMDD, inclusive).
struct DatedCode {
  std::string code;
  int from = 0;
  int to = 99999999;
};

struct ActorEntry {
  std::vector<DatedCode> codes;  // first match by date wins
  Origin origin;
  // Returns the code in force on `date` (YYYYMMDD), or nullptr.
  const std::string* CodeOn(int date) const {
    for (const DatedCode& c : codes)
      if (date >= c.from && date <= c.to) return &c.code;
    return nullptr;
  }
};

struct AgentEntry {
  std::string code;  // 3 letters (native); TABARI/PETRARCH: without the '~'
  Origin origin;
  bool prefix = false;  // TABARI/PETRARCH "GOV~": the agent goes before the actor code
};

// A TABARI <TIME> phrase or a "###"/"+++" entry (see RawSpecial).
struct SpecialEntry {
  std::string code;
  Origin origin;
};

enum class PhraseKind : uint8_t { kActor, kAgent, kDiscard, kSpecial, kIssue, kStoryDiscard };

// A phrase that ends at a trie node.
struct PhraseHit {
  PhraseKind kind;
  bool case_sensitive;
  uint32_t entry;      // index into actors/agents (unused for discards)
  uint32_t phrase;     // index into `phrases`
};

// A trie over token ids; node 0 is the root.
class TokenTrie {
 public:
  TokenTrie() : hits_(1) {}
  uint32_t Insert(const std::vector<uint32_t>& ids);
  uint32_t Child(uint32_t node, uint32_t tok) const {
    // The root's children are a flat table: most lookups start and end there.
    if (node == 0) return tok < root_.size() ? root_[tok] : kNoNode;
    auto it = edges_.find((uint64_t(node) << 32) | tok);
    return it == edges_.end() ? kNoNode : it->second;
  }
  bool HasChildren(uint32_t node) const { return has_children_.size() > node && has_children_[node]; }
  const std::vector<PhraseHit>& Hits(uint32_t node) const { return hits_[node]; }
  std::vector<PhraseHit>& MutableHits(uint32_t node) { return hits_[node]; }
  size_t num_nodes() const { return hits_.size(); }

 private:
  std::unordered_map<uint64_t, uint32_t> edges_;
  std::vector<uint32_t> root_;  // token id -> child of the root, or kNoNode
  std::vector<std::vector<PhraseHit>> hits_;
  std::vector<bool> has_children_;
};

// One element of a verb pattern.
struct PatternElement {
  // kCompound (TABARI '%'): a compound actor; kSkip (TABARI '^'): one
  // token or noun phrase skipped.
  enum class Type : uint8_t { kVerb, kTarget, kSource, kWords, kCompound, kSkip };
  Type type = Type::kWords;
  bool adjacent = false;  // must start right after the previous element
  std::vector<std::vector<uint32_t>> alternatives;  // token-id sequences (kWords)
};

struct Pattern {
  std::vector<PatternElement> elems;
  int verb_pos = 0;       // index of the kVerb element
  int num_words = 0;      // specificity: number of kWords elements
  std::string code;       // "---" means no event
  std::string paired;     // reverse-direction code or ""
  Origin origin;
  std::string text;       // the pattern as written
  int num_slots = 0;      // '$', '+', '%' elements (more specific on a tie)
  int num_synsets = 0;    // alternatives naming a synset (less specific on a tie)
  int max_words = 0;      // classic: the most words a match can cover
  uint32_t anchor = kNoToken;  // classic: a token every match contains (a quick filter)
  bool weak = false;      // TABARI "[023?]": used only when no other verb codes
};

struct Verb {
  std::string lemma;
  std::string code;       // default code, "---" for none
  std::string paired;
  bool weak = false;      // TABARI "[023?]"
  std::vector<Pattern> patterns;
  Origin origin;
};

struct Phrase {
  std::string text;                 // as written (without a leading '=')
  std::vector<std::string> tokens;  // original tokens, for case-sensitive checks
};

enum class Style : uint8_t { kNative, kTabari, kPetrarch1, kPetrarch2 };

// A PETRARCH-2 transformation "~ a (a b ATTACK) SAY = a b 015": a verb whose
// code falls under `outer_code` (SAY's 010) with an event nested in its
// clause whose code falls under `inner_code` (ATTACK's 190; "Q": any code)
// becomes one event. Variables: a = the outer verb's source; any other letter
// binds the actor in that place; "." is any actor, "_" none. Codes fall under
// one another as in PETRARCH-2: by PICO value, with 1, 2 or 3 low hex digits
// cleared.
struct Transform {
  std::string outer_code;
  uint32_t outer_verb = 0;  // index into Compiled::verbs of the outer verb word
  std::string inner_source, inner_target, inner_code;
  std::string source, target, code;  // the result; code "Q": the inner event's
  Origin origin;
  std::string text;  // the line as written, for evidence
};

struct Compiled {
  Style style = Style::kNative;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> vocab;
  TokenTrie nouns;     // actor and agent phrases
  TokenTrie discards;  // discard phrases
  std::vector<Phrase> phrases;
  std::vector<ActorEntry> actors;
  std::vector<AgentEntry> agents;
  std::vector<Verb> verbs;
  // token id of a verb form -> indices into `verbs`
  std::unordered_map<uint32_t, std::vector<uint32_t>> verb_forms;
  size_t num_patterns = 0;
  // TABARI/PETRARCH only.
  std::vector<SpecialEntry> specials;
  std::vector<std::string> issues;  // issue codes, indexed by PhraseHit::entry
  size_t num_transforms = 0;         // PETRARCH-2 transformations read
  std::vector<Transform> transforms;  // those whose verbs the dictionary has
  // Stems (TABARI words without a final '_'): stem text -> token id of the
  // stem, which a token matches when the stem is a prefix of it.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> stems;
  size_t max_stem_len = 0;
  // TABARI noun phrases "A B" (blank, not '_'): a gap token between A and B
  // in the trie lets up to 4 other tokens stand between them.
  uint32_t gap_id = kNoToken;
  // Per token id (classic): 1 noun (never a verb), 2 adjective, bit 4: a
  // TABARI "WORD=" that matches the word alone (no plural).
  std::vector<uint8_t> noun_words;
  std::vector<std::pair<std::string, std::string>> options;

  // Returns the id of a normalized word, or kNoToken.
  uint32_t Lookup(std::string_view normalized) const {
    auto it = vocab.find(normalized);
    return it == vocab.end() ? kNoToken : it->second;
  }
};

}  // namespace casus::dict
