// The casus command line: one function per subcommand, each a thin shell
// over the public API in include/casus/.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace casus::cli {

// Exit codes, documented in README.md and docs/cli.md.
enum ExitCode : int {
  kExitOk = 0,        // everything was processed
  kExitSkipped = 1,   // finished, but some input was skipped (bad records)
  kExitUsage = 2,     // bad command line
  kExitFatal = 3,     // could not run: dictionary, database or I/O failure
};

void AddCodeCommand(CLI::App& app, int* exit_code);
void AddStatsCommand(CLI::App& app, int* exit_code);
void AddDictCommand(CLI::App& app, int* exit_code);
void AddValidateCommand(CLI::App& app, int* exit_code);
void AddQueryCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddDedupCommand(CLI::App& app, int* exit_code);
void AddTrainCommand(CLI::App& app, int* exit_code);
void AddParseCommand(CLI::App& app, int* exit_code);  // also eval-syntax

// A data folder: $`env_var`, then next to the binary
// (../share/casus/`share_name`, as `cmake --install` lays it out), then
// `source_tree` (the source tree the binary was built from).
std::string DataFolder(const char* env_var, const char* share_name,
                       const std::string& source_tree);

// Where the default dictionaries are: $CASUS_DICT, then next to the binary
// (../share/casus/dict), then the source tree the binary was built from.
std::string DefaultDictFolder();
// Where the tagger and parser models are: $CASUS_MODELS, then next to the
// binary (../share/casus/models), then the source tree's models/.
std::string DefaultModelsFolder();

}  // namespace casus::cli
