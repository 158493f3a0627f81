// Fuzzes the PETRARCH dictionary readers (PETRARCH-1/2 verbs, actors, agents,
// discards, issues).
#include "classic_dict_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kFormats[] = {"petrarch-verbs", "petrarch-actors", "petrarch-agents",
                                         "petrarch-discards", "petrarch-issues"};
  return FuzzClassicDictionary(data, size, kFormats, 5);
}
