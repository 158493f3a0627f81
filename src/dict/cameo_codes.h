// The CAMEO event code table: label, Goldstein score, quad class and the
// PLOVER crosswalk, generated from the published table.
#pragma once

#include <string>
#include <string_view>

#include "casus/event.h"

namespace casus::dict {

struct CameoCode {
  const char* code;
  const char* label;
  double goldstein;
  int quad_class;
  const char* plover;
  const char* plover_mode;
};

// Returns the entry for a code such as "057", or nullptr if unknown.
const CameoCode* LookupCameo(std::string_view code);

// Returns the label of a two-digit root ("05"), or "" if unknown.
std::string_view RootLabel(std::string_view root);

// Whether an event of this code is complete without a target, so that
// require_dyad keeps it: the verbal acts, public statements (01), appeals
// (02: "called for reform"), intents (03: "agreed to resign"), demands (10),
// disapproval (11: "condemned the attack"), rejections (12: "rejected the
// plan", "vetoed the resolution") and threats (13: "threatened to shell the
// border"), and yielding (08: "resigned", "released 19 hostages"),
// investigations (09), shows of force (15: "troops remained on alert") and
// violations of a ceasefire (196: "violated the ceasefire 80 times").
bool CompleteWithoutTarget(std::string_view code);

// Sets an event's CAMEO code and what follows from it: root, quad class,
// Goldstein score and PLOVER type (left as they are for a code the table
// does not hold).
void SetEventCode(Event* ev, const std::string& code);

}  // namespace casus::dict
