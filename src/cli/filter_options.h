// The event filter options shared by `casus query` and `casus export`.
#pragma once

#include <CLI/CLI.hpp>

#include "casus/query.h"

#include <map>
#include <string>

namespace casus::cli {

// Adds --from --to --actor --source --target --code --root --quad --plover
// --mode --text (collected as name -> value in *filters) and --dedup.
void AddFilterOptions(CLI::App* cmd, std::map<std::string, std::string>* filters, bool* dedup);

// Builds *f from the collected options; prints "casus: --NAME: message" and
// returns false for a bad value.
bool MakeFilter(const std::map<std::string, std::string>& filters, bool dedup, EventFilter* f);

}  // namespace casus::cli
