// casus dict-check: load a dictionary and list every problem in it.
#include <chrono>
#include <cstdio>

#include "casus/dictionary.h"
#include "cli/cli.h"

namespace casus::cli {

namespace {

int RunDictCheck(const std::string& path_arg) {
  std::string path = path_arg.empty() ? DefaultDictFolder() : path_arg;
  std::vector<DictProblem> problems;
  auto t0 = std::chrono::steady_clock::now();
  auto dict = Dictionary::Open(path, &problems);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  for (const DictProblem& p : problems) std::fprintf(stderr, "%s\n", p.ToString().c_str());
  if (!dict.ok()) {
    std::fprintf(stderr, "casus: %s\n", dict.status().ToString().c_str());
    return kExitFatal;
  }
  const Dictionary& d = *dict.value();
  std::printf("%s: %zu actors, %zu agents, %zu verbs, %zu patterns, %zu problems, loaded in %.1f ms\n",
              path.c_str(), d.num_actors(), d.num_agents(), d.num_verbs(), d.num_patterns(),
              problems.size(), ms);
  return problems.empty() ? kExitOk : kExitSkipped;
}

}  // namespace

void AddDictCommand(CLI::App& app, int* exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "dict-check", "Load a dictionary folder and report every malformed line (file:line:column)");
  cmd->add_option("dict", *path, "dictionary folder (default: the bundled dictionaries)");
  cmd->callback([path, exit_code] { *exit_code = RunDictCheck(*path); });
}

}  // namespace casus::cli
