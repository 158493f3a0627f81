// Stage 4 of the pipeline: from recognised phrases to coded events.
//
// This coder serves the native dictionaries. TABARI and PETRARCH dictionary
// sets (Compiled::style != kNative) are coded by ClassicCoder instead, with
// its own rule order (src/code/classic_coder.h); Pipeline::NewCoder picks.
//
// The rules run in this order for each sentence (see src/code/README.md):
//   a. Discard sentences that hold a discard phrase.
//   b. Build actor units: an actor joined with the agents around it
//      ("Iranian military", "Iran's military", "president of France") and with
//      a person named right after a title ("U.S. Secretary of State Marco Rubio").
//      Pronouns and "the two countries" stand for actors of earlier sentences.
//   c. Group units joined by "," "and" "or" "&" "as well as" into compounds.
//   d. Split the sentence into clauses at ";", "while", "but", "whereas", ...,
//      after speech verbs ("said that"), and before "and" + verb (the new
//      clause keeps the previous subject).
//   e. In each clause take the first verb candidate that is not used as a noun
//      (after a determiner or possessive) and whose best pattern (most words)
//      or default code is an event. Modality before it gives the event a mode
//      (negated, hypothetical, future, alleged); intention also yields the
//      03x intent, refusal the 12x rejection, announced force 138. A denial
//      adds the act denied (mode denied), an accusation the act alleged.
//   f. Source: the `$` slot, else the "by" agent of a passive, else the
//      nearest compound before the verb (else the inherited subject). Target:
//      the `+` slot, else the first compound after the verb that is not a
//      place ("in Washington", "at", "near") unless the event is material
//      conflict (roots 15-20); for a passive, the compound
//      before it.
//   g. Expand compounds into one event per (source, target) pair; a compound
//      source with no target codes every ordered pair of its members for
//      intent, consult, cooperation, ceasefire and exchange codes. Add the
//      paired event of a CODE:PAIRED verb in the reverse direction.
//   h. Drop events with source == target and exact duplicates; drop events
//      without a dyad when require_dyad is set.
//   i. An event inside reported speech ("X said Y attacked Z") carries X as
//      its attribution.
//   j. Nominal events: "A's attack on B", "talks between A and B",
//      "transfers from A to B" (CodeNominals).
//   k. Dates, places, agents' countries: code/event_context.h, after coding.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "casus/event.h"
#include "casus/pipeline.h"
#include "casus/syntax.h"
#include "dict/compiled.h"
#include "recognize/gazetteer.h"
#include "recognize/recognizer.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace casus::internal {

class CoderImpl {
 public:
  // `places` (may be null) tells a demonym from a country name: "Israeli
  // strikes" is a noun phrase, "Israel strikes" a clause.
  CoderImpl(const dict::Compiled& c, const CodingOptions& o,
            const recognize::Gazetteer* places = nullptr);
  void Code(const Document& doc, std::vector<Sentence>* sentences, std::vector<Event>* events);

  // Codes one sentence: [start, end) of doc.text, with date YYYYMMDD.
  void CodeSentence(const Document& doc, int sent_index, uint32_t start, uint32_t end, int date,
                    std::vector<Event>* events);

 private:
  // An actor unit: one actor with its agents and titles, tokens [begin, end).
  struct Unit {
    uint32_t begin = 0, end = 0;
    std::string code;
    std::string entry;     // dictionary entries that made it, for evidence
    bool has_actor = false;
  };
  // A compound: units joined by "and", ",", "or", ...
  struct Group {
    uint32_t begin = 0, end = 0;
    std::vector<int> units;
    bool listed = false;  // joined by "and", "or", "as well as": a real list
  };
  struct Clause {
    uint32_t begin = 0, end = 0;
    bool inherit_source = false;  // "... and VERB": the previous subject goes on
    int attribution_group = -1;   // the speaker of reported speech, or -1
    bool hypothetical = false;    // "if ...", "unless ...", "officials fear that ..."
    bool participle = false;      // ", killing ...": inherits only after a material event
    bool demand_participle = false;  // "demanding", "calling on": inherits after any event
    int subject_group = -1;  // demand_participle: the subject of the clause before
    bool resumes_subject = false;  // after ", backed by X,": subject_group is the subject
    bool claim = false;           // reported by "claimed (that)": see kClaim
  };
  // One verb coded in a clause, before its events are emitted.
  struct Coded {
    std::string code, paired, entry;
    const dict::Verb* verb = nullptr;
    uint32_t token = 0, trig_b = 0, trig_e = 0;
    int src = -1, tgt = -1;  // groups
    bool passive = false;
  };
  struct Match {
    uint32_t first = 0, last = 0;  // token span of all matched elements
    int source = -1, target = -1;  // groups filled by '$' and '+'
  };

  uint64_t Flags(uint32_t i) const;
  // True when token `k` is a verb form used as a plural noun after a
  // nationality adjective: "Israeli strikes", "Russian attacks".
  bool AfterDemonym(uint32_t k) const;
  // With a parse of the sentence: the groups the dependencies of verb token
  // `k` make its source and target (-1 where none), and whether it is passive.
  void ParseRoles(uint32_t k, int* src, int* tgt, bool* passive) const;
  int GroupOfSubtree(int tok, int depth) const;
  // Pre-parsed input (Document::words): the analysis of the current
  // sentence's tokens, when every token is one of the given words.
  bool UseGivenParse(const Document& doc);
  void BuildUnits(std::string_view text, int date);
  void AddAnaphors();
  void RememberActors();
  void BuildGroups();
  // True for a word that modifies the unit right after it in a list
  // ("allied" in "the Yemeni army and allied forces").
  bool IsUnitModifier(uint32_t k) const;
  // "demanding", "calling", "accusing", ...: a participle that goes on with
  // the subject of the clause before it even without a comma.
  bool IsDemandParticiple(uint32_t k) const;
  // The first actor group in [b, e) before any verb, or -1.
  template <typename IsVerb>
  int SubjectGroupIn(uint32_t b, uint32_t e, const IsVerb& is_verb) const;
  // True when a determiner or possessive and only adjectives (or numbers,
  // "one-day") stand before the verb form at k: it is a noun ("the long
  // visit", "a one-day trip").
  bool AfterDeterminerAndModifiers(uint32_t k, uint32_t floor) const;
  void BuildClauses();
  // Codes the verb candidate `vc` of clause `cl`: its code (best pattern or
  // default) and the groups its pattern or the voice puts in source and
  // target. False when the verb codes no event there.
  bool CodeVerb(const Clause& cl, const recognize::VerbCandidate& vc, Coded* out) const;
  // Nominal events: "the signing of a treaty between A and B", "arms
  // transfers from A to B", "A's visit to B", "the Israeli strikes on Iran".
  void CodeNominals(const Document& doc, int sent_index, uint32_t start, uint32_t end,
                    const std::string& attribution, std::vector<Event>* events);
  // `first_after` is the first pattern element matched after the verb (the
  // element right after it unless a passive subject already matched it).
  bool MatchPattern(const dict::Pattern& p, uint32_t verb_tok, const Clause& cl, Match* m,
                    size_t first_after = 0) const;
  // A passive whose object stands before the verb as its subject: "Sanctions
  // were imposed on ..." matches "impose: * &SANCTIONS".
  bool MatchPassiveSubject(const dict::Pattern& p, uint32_t verb_tok, const Clause& cl,
                           Match* m) const;
  int GroupStartingAtOrAfter(uint32_t tok, uint32_t limit, int exclude,
                             bool skip_places = false) const;
  int GroupEndingBefore(uint32_t tok, uint32_t floor, int exclude,
                        bool skip_places = false) const;
  bool SeqAt(const std::vector<uint32_t>& seq, uint32_t pos, uint32_t limit) const;
  void Emit(const Document& doc, int sent_index, uint32_t sent_start, uint32_t sent_end,
            const Group* src, const Group* tgt, const std::string& code, const std::string& paired,
            uint32_t trig_b, uint32_t trig_e, const std::string& trig_entry,
            const std::string& attribution, const std::string& mode,
            std::vector<Event>* events, bool reciprocal = false);
  // Marks the groups that name where an event happened rather than who took
  // part: "in Istanbul", "in the Sea of Japan", "in the Serbian city of Novi Sad".
  void MarkPlaces();
  // "each other", "one another" within a few tokens after `from`: the token, or 0.
  uint32_t EachOtherAfter(uint32_t from, uint32_t limit) const;
  // Whether the coded verb is reciprocal between the members of its compound
  // subject; clears its target when so.
  bool Reciprocal(Coded& cv, const Clause& cl) const;
  // The first group after token `tok`, anywhere later in the sentence, whose
  // country differs from group `src`'s; -1 if none.
  int FirstOtherCountryAfter(uint32_t tok, int src) const;
  int AcrossAfter(uint32_t trig, int src) const;

  const dict::Compiled& c_;
  CodingOptions opt_;
  const recognize::Gazetteer* places_;
  std::unique_ptr<syntax::Worker> worker_;      // when opt_.syntax is set
  std::vector<syntax::TokenAnalysis> parse_;    // of the current sentence
  std::vector<std::string_view> tok_views_;
  bool parsed_ = false;
  // Most words of the sentence are capitalized (a title-case headline): a
  // capitalized verb form there is still a verb.
  bool title_case_ = false;
  std::unordered_map<uint32_t, uint32_t> word_at_;  // Document::words by start byte
  recognize::Recognizer rec_;
  std::vector<uint64_t> flags_;  // per vocabulary id
  uint32_t in_id_ = dict::kNoToken;  // vocabulary id of "in"
  // Vocabulary id of an event noun (text::kNominalTriggers) -> its verbs.
  std::unordered_map<uint32_t, std::vector<uint32_t>> nominal_;

  // Scratch space, reused across sentences.
  std::vector<text::Token> toks_;
  std::vector<uint32_t> ids_;
  std::vector<recognize::Mention> mentions_;
  std::vector<recognize::VerbCandidate> verbs_;
  std::vector<Unit> units_;
  std::vector<Group> groups_;
  std::vector<Clause> clauses_;
  std::vector<int> tok_group_;  // token -> group index or -1
  std::vector<char> place_group_;  // group index -> names a place (MarkPlaces)
  // Token spans after a coded verb with a mode, for the event nouns inside.
  struct ModedSpan {
    uint32_t begin = 0, end = 0;
    std::string mode;
  };
  std::vector<ModedSpan> moded_spans_;
  std::vector<char> own_group_;    // group index -> "their embassies": the subject's own
  std::vector<text::SentenceRange> sents_;
  std::string norm_;
  mutable std::string norm_scratch_;
  // Actors named earlier in the current document, most recent last.
  std::vector<std::string> recent_;
  std::string recent_person_;
  std::string_view text_;
};

}  // namespace casus::internal
