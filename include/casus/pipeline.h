// casus: the coding pipeline, the one thing the CLI and any server sit on.
//
//   auto dict = casus::Dictionary::LoadFolder("data/dict", &problems);
//   casus::Pipeline pipeline(dict.value(), options);
//   casus::Coder coder = pipeline.NewCoder();     // one per thread
//   coder.Code(document, &sentences, &events);
//
// A Pipeline is immutable once built and safe to share between threads; a
// Coder owns scratch space, is reused across documents, and is not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "casus/dictionary.h"
#include "casus/event.h"
#include "casus/status.h"

namespace casus {

namespace syntax {
class Analyzer;
}  // namespace syntax
struct CodingOptions {
  // The native coder takes source and target from a dependency parse when
  // an analyzer is given (`casus code --syntax`): the subject (or the
  // obl:agent of a passive) is the source, the object or the oblique of
  // "on", "against", "to", "with", "into" the target; dictionary pattern
  // slots still come first, and the shallow position rules fill what the
  // parse leaves open. Null: shallow rules only (faster).
  std::shared_ptr<const syntax::Analyzer> syntax;
  // Drop events whose source or target is absent (PETRARCH's require_dyad).
  bool require_dyad = true;
  // Code a document's title too, as a headline: its sentences get the
  // indexes -1, -2, ... and its events' evidence offsets index the title.
  bool code_titles = true;
  // Sentences longer than this many bytes are not coded.
  size_t max_sentence_bytes = 4096;

  // The options below act only with TABARI/PETRARCH dictionaries, which are
  // coded by the classic coder (src/code/classic_coder.h). A dictionary set
  // brings its own values (ApplyDictionaryOptions).
  enum class CodeBy : uint8_t { kClause, kSentence, kAll };
  CodeBy code_by = CodeBy::kClause;  // TABARI "SET: CODE BY ...", PETRARCH code_by_sentence
  // Comma-delimited subordinate clauses of comma_min..comma_max words are
  // not coded (inner clauses); clauses at the start (bmin..bmax) and the end
  // (emin..emax) of the sentence likewise. max 0 disables a rule.
  int comma_min = 2, comma_max = 8;
  int comma_bmin = 0, comma_bmax = 0;
  int comma_emin = 2, comma_emax = 8;
  // Unknown actors: a noun phrase of at most this many words (with a
  // capitalised word) in the subject or object place of a coded verb is an
  // actor coded by its quoted upper-case text (PETRARCH new_actor_length).
  int new_actor_length = 0;
  // TABARI "DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER": codes used when the
  // sentence has no source or target.
  std::string default_source, default_target;
  // PRIOR: a missing source is the default even when an actor follows the
  // verb (without it that actor becomes the source). AFTER: a missing target
  // is the default even when the source is a compound (without it the
  // compound is split into source and target).
  bool default_source_prior = false, default_target_after = false;
  // TABARI "SET: MINIMUM WORDS = n": shorter sentences are not coded.
  int min_words = 0;
  // TABARI "COMPLEX: VERBS[v] CONJ[c] NOACTPRIOR": a sentence with more than
  // v verbs or c conjunctions, or (NOACTPRIOR) no actor before its first
  // verb, is too complex and is not coded. 0 disables.
  int complex_verbs = 0, complex_conj = 0;
  bool complex_no_actor_prior = false;
  // TABARI "SET: CONVERT AGENT": an agent with no actor takes the code of
  // the last actor seen.
  bool convert_agent = false;
  // TABARI "SET: TIME SHIFT = FALSE" turns off the <TIME> entries of the
  // verbs file ("YESTERDAY [-1]"), which otherwise set the event date of the
  // sentence's events to the article date shifted by that many days.
  bool time_shift = true;
  // TABARI "FORWARD: ...": a pronoun that opens a sentence is the first
  // actor (its country code) of the document's previous sentence.
  bool forward = false;
};

class Dictionary;
// Applies one coding option: a PETR_config.ini [Options] key
// (code_by_sentence, require_dyad, new_actor_length, comma_min, ...,
// comma_emax) with its value, or key "tabari" with a whole TABARI option
// line ("SET: CODE BY CLAUSE", "COMMA: MIN = 4 MAX = 6 ...", "COMMA: OFF",
// "DEFAULT: SOURCE [X] PRIOR TARGET [Y]", "DEFAULT: OFF",
// "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR", "SET: MINIMUM WORDS = 8",
// "SET: CONVERT AGENT = TRUE"). Options casus does not act on (output,
// labels, time shift, ...) are accepted and ignored. Returns
// InvalidArgument for a malformed value, leaving *o unchanged.
Status ApplyOption(std::string_view key, std::string_view value, CodingOptions* o);
// Applies the dictionary's own options (Dictionary::options()) in order.
void ApplyDictionaryOptions(const Dictionary& dict, CodingOptions* o);

namespace internal {
class CoderImpl;
class ClassicCoder;
class EventContext;
}  // namespace internal
namespace recognize {
class Gazetteer;
}  // namespace recognize

class Coder {
 public:
  ~Coder();
  Coder(Coder&&) noexcept;
  Coder& operator=(Coder&&) noexcept;

  // Splits `doc.text` into sentences and codes each, then `doc.title` (with
  // CodingOptions::code_titles) as sentences -1, -2, ... Appends to
  // *sentences and *events (both may be null to skip). Every event gets its
  // event_date and, where the sentence names one, its location. Never fails
  // on text content.
  void Code(const Document& doc, std::vector<Sentence>* sentences,
            std::vector<Event>* events);

 private:
  friend class Pipeline;
  explicit Coder(std::unique_ptr<internal::CoderImpl> impl);
  explicit Coder(std::unique_ptr<internal::ClassicCoder> impl);
  std::unique_ptr<internal::CoderImpl> impl_;        // native dictionaries
  std::unique_ptr<internal::ClassicCoder> classic_;  // TABARI/PETRARCH dictionaries
  std::unique_ptr<internal::EventContext> context_;  // event dates and places
  std::vector<Sentence> sents_;                      // scratch
  bool code_titles_ = false;
  // Codes one text (body or title) of `doc` into sents_ and *events.
  void CodeText(const Document& doc, std::vector<Sentence>* sentences,
                std::vector<Event>* events);
};

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Dictionary> dict, CodingOptions options);
  Coder NewCoder() const;
  const Dictionary& dictionary() const { return *dict_; }
  const CodingOptions& options() const { return options_; }

 private:
  std::shared_ptr<const Dictionary> dict_;
  CodingOptions options_;
  std::shared_ptr<const recognize::Gazetteer> places_;  // built-in gazetteer
};

}  // namespace casus
