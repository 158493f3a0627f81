// Fuzzes the TABARI dictionary readers (actors, agents, verbs, options).
#include "classic_dict_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kFormats[] = {"tabari-actors", "tabari-verbs", "tabari-agents",
                                         "tabari-options"};
  return FuzzClassicDictionary(data, size, kFormats, 4);
}
