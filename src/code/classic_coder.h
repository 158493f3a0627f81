// Stage 4 for TABARI and PETRARCH dictionaries: a shallow-parse coder that
// follows the pattern semantics of those formats (stems, '_' connectors,
// '$' '+' '%' '^' slots, synsets, paired codes, "###"/"+++" codes).
//
// The rules run in this order for each sentence:
//   a. Discard the sentence (story) when it holds a discard (story discard)
//      phrase, a "###" actor/time/verb entry; reject it as too complex on a
//      "+++" entry, on more verbs or conjunctions than COMPLEX: VERBS[v]
//      CONJ[c], or (NOACTPRIOR) when no actor precedes the first verb.
//   b. Delete comma-delimited subordinate clauses whose length in words is
//      within the comma limits (inner: comma_min..comma_max, first:
//      comma_bmin..comma_bmax, last: comma_emin..comma_emax).
//   c. Find the longest actor/agent phrase at each token (words without a
//      final '_' in TABARI dictionaries are stems); join agents to their
//      actor ("Osgiliath soldiers", "Ithilen's president", "ambassadors of
//      Arnor"); resolve he/she/it/they/him/her/them to the nearest actor
//      before them; group units joined by "and" / "," into compounds.
//   d. Find verbs: verb forms outside actor phrases, not after a
//      determiner, not capitalised inside the sentence, not TABARI <NOUN>s.
//   e. Split into clauses at ";", "but", "while", "whereas" and at "and" /
//      "or" followed by a verb.
//   f. In each clause (code by clause; by sentence: the first clause that
//      codes; code all: every verb) take the first verb whose best pattern
//      (most words; file order on ties) or default code is an event.
//   g. Source: the '$' slot, else the "by" actor of a passive, else the
//      first compound before the verb in the clause, else in the sentence,
//      else DEFAULT SOURCE. Target: the '+' slot ('%': the compound is both
//      source and target), else the first compound after the verb in the
//      clause (for a passive, the compound before it), else DEFAULT TARGET.
//   h. Expand compounds into one event per (source, target) pair, add the
//      paired event of a CODE:PAIRED code, drop source == target, duplicates
//      and (require_dyad) events without both actors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "casus/event.h"
#include "casus/pipeline.h"
#include "dict/compiled.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace casus::internal {

class ClassicCoder {
 public:
  ClassicCoder(const dict::Compiled& c, const CodingOptions& o);
  void Code(const Document& doc, std::vector<Sentence>* sentences, std::vector<Event>* events);

 private:
  struct Mention {
    uint32_t begin = 0, end = 0;  // live positions [begin, end)
    dict::PhraseKind kind = dict::PhraseKind::kActor;
    uint32_t entry = 0;
  };
  struct Unit {
    uint32_t begin = 0, end = 0;
    std::string code;     // actor code, or the agent code alone when !has_actor
    std::string base;     // the actor's own code when an agent was joined to it
    bool has_actor = false;
    bool pronoun = false;
    const dict::AgentEntry* agent = nullptr;  // the agent of an agent-only unit
  };
  struct Group {
    uint32_t begin = 0, end = 0;
    std::vector<int> units;
    bool and_joined = false;  // a unit joined by "and"/"or" (the list is closed)
  };
  struct Match {
    int source = -1, target = -1;
    bool compound = false;
    int words = 0;  // tokens matched by word elements
    std::vector<int> skipped;  // groups a TABARI '^' skipped
    uint32_t first = UINT32_MAX;  // the first token a word element after the verb matched
    uint32_t upper_lo = UINT32_MAX;  // the first token a word element before the verb matched
  };
  enum class Outcome { kCoded, kDiscard, kComplex };

  // Codes one sentence; returns false when the whole story must be dropped.
  bool CodeSentence(const Document& doc, int sent_index, uint32_t start, uint32_t end, int date,
                    std::vector<Event>* events);
  void Prepare(std::string_view text, uint32_t start, uint32_t end);
  void Compact(const std::vector<bool>& keep);
  bool TokMatches(uint32_t pos, uint32_t id) const;
  uint32_t Longest(const dict::TokenTrie& trie, uint32_t pos, const dict::PhraseHit** hit) const;
  std::vector<std::string> issues_;  // issue codes of the current sentence
  void FindMentions();
  void DeleteCommaClauses();
  void BuildUnits(int date);
  void BuildGroups();
  void JoinAgentsToActors();
  std::string CodeText(const Unit& u) const;
  bool IsVerbAt(uint32_t pos) const;
  void FindVerbs();
  // Matches `seq` from `pos` (before `limit`); returns its end or kNoMatch.
  // A gap id in `seq` stands for up to 3 other tokens.
  uint32_t SeqMatch(const std::vector<uint32_t>& seq, size_t i, uint32_t pos, uint32_t limit) const;
  // The start of a match of `seq` that ends exactly at `end`, or kNoMatch.
  uint32_t SeqStart(const std::vector<uint32_t>& seq, uint32_t end, uint32_t floor) const;
  static constexpr uint32_t kNoMatch = UINT32_MAX;
  int GroupAt(uint32_t pos) const;
  int FirstGroupIn(uint32_t b, uint32_t e, int exclude) const;
  bool MatchPattern(const dict::Pattern& p, uint32_t verb, uint32_t cb, uint32_t ce,
                    Match* m) const;
  uint32_t Flags(uint32_t pos) const;
  // True when a negation ("not", "n't", "never") stands before the verb with
  // only auxiliaries and adverbs between, inside the clause from `cb`.
  bool Negated(uint32_t verb, uint32_t cb) const;

  // The PETRARCH-2 transformation for an event with code `outer` and source
  // group `a` that holds a nested event (`inner`, source group `b` or -1
  // when the nested verb has no subject of its own, target group `t` or -1):
  // transformations with a named nested verb before those with Q, each in
  // file order. nullptr when none applies.
  const dict::Transform* FindTransform(const std::string& outer,
                                       const std::vector<uint32_t>& outer_verbs, int a,
                                       const std::string& inner, int b, int t) const;
  // True when the verb at v2 can head a clause nested in the verb at v: only
  // "that", "to", one actor (or pronoun), auxiliaries and adverbs between.
  bool NestedVerb(uint32_t v, uint32_t v2) const;
  bool SameActors(int g1, int g2) const;
  // Whether a coded verb (its code and its verbs) is the outer verb of `tr`.
  bool OuterMatches(const dict::Transform& tr, const std::string& outer,
                    const std::vector<uint32_t>& outer_verbs) const;

  // True when some alternative of every word element of `p` starts with a
  // token that occurs in the sentence (a cheap filter before MatchPattern).
  bool MayMatch(const dict::Pattern& p) const;

  const dict::Compiled& c_;
  CodingOptions opt_;
  bool has_null_outer_ = false;  // a transformation's outer verb has no code
  std::vector<uint32_t> flags_;  // per vocabulary id
  std::vector<uint32_t> seen_;   // per vocabulary id: the sentence stamp it last occurred in
  uint32_t stamp_ = 0;
  uint32_t id_of_ = dict::kNoToken, id_in_ = dict::kNoToken, id_from_ = dict::kNoToken,
           id_that_ = dict::kNoToken, id_or_ = dict::kNoToken;

  // Per-sentence scratch. Positions index the live (not deleted) tokens.
  std::string_view text_;
  std::vector<text::Token> all_toks_;
  std::vector<uint32_t> all_ids_;
  std::vector<uint32_t> all_stem_off_, all_stems_;  // stem ids per token (CSR)
  std::vector<text::Token> toks_;
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> stem_off_, stems_;
  std::vector<Mention> mentions_;
  std::vector<Unit> units_;
  std::vector<Group> groups_;
  std::vector<int> pos_group_;
  std::vector<uint32_t> verbs_;      // live positions of verb candidates
  std::vector<text::SentenceRange> sents_;
  std::string norm_;
  bool discard_ = false, complex_ = false, story_discard_ = false;
  // A TABARI <TIME> entry of the sentence ("YESTERDAY [-1]"): its shift in
  // days and its words, for the events' event_date.
  int time_shift_ = 0;
  uint32_t time_b_ = 0, time_e_ = 0;
  bool has_time_ = false;
  std::string forward_;  // FORWARD: the previous sentence's first actor
};

}  // namespace casus::internal
