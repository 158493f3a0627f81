// After coding: the date and the place of each event.
//
// EventContext works on the events of either coder (native or classic). For
// each sentence that holds events it finds the date expressions
// (recognize/dates.h) and the place names of the gazetteer
// (recognize/gazetteer.h), then gives every event
//   * event_date: the date expression nearest its trigger, read forward for
//     a future event ("will meet on Monday") and backward otherwise; the
//     article date when the sentence has none;
//   * location: the place named with a locative ("in Riyadh", "near the
//     Kharkiv region", "the West Bank city of Tubas"), nearest after its
//     trigger, else before it; for material conflict also a city or region
//     that is the target itself ("drones hit Kyiv", "Kyiv's government
//     building"). Countries and capitals that are the event's source, or
//     its target outside material conflict, are actors, not places.
#pragma once

#include <string>
#include <vector>

#include "casus/event.h"
#include "recognize/dates.h"
#include "recognize/gazetteer.h"
#include "text/tokenizer.h"

namespace casus::internal {

class EventContext {
 public:
  // `places` may be null (no locations); it must outlive this object.
  // `place_targets` (the native coder; TABARI and PETRARCH dictionaries keep
  // their peers' coding): agents without a country take the place's or the
  // source's; a use of force without a target actor takes the country of
  // the place it hit as its target ("drones hit Kharkiv": UKR); with
  // `require_dyad`, those still without a target are then dropped.
  EventContext(const recognize::Gazetteer* places, bool place_targets, bool require_dyad)
      : places_(places), place_targets_(place_targets), require_dyad_(require_dyad) {}

  // Annotates (*events)[first..] of `doc`, whose sentences are `sents`.
  void Annotate(const Document& doc, const std::vector<Sentence>& sents,
                std::vector<Event>* events, size_t first);

 private:
  struct PlaceMention {
    uint32_t begin = 0, end = 0;  // tokens
    const recognize::Place* place = nullptr;
    bool locative = false;  // after "in", "at", "near", "city of", ...
  };
  void AnalyseSentence(std::string_view text, uint32_t start, uint32_t end, int article);
  uint32_t TokenAt(uint32_t byte) const;
  void SetLocation(const Document& doc, Event* ev) const;
  void SetDate(const Document& doc, int article, Event* ev) const;

  const recognize::Gazetteer* places_;
  bool place_targets_ = false, require_dyad_ = true;
  std::vector<text::Token> toks_;
  std::vector<std::string> words_;
  std::vector<recognize::DateMention> dates_;
  std::vector<PlaceMention> mentions_;
  std::string norm_;
};

}  // namespace casus::internal
