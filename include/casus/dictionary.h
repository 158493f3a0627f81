// casus: compiled dictionaries.
//
// A Dictionary is built once from text files, then frozen: all its matchers
// are immutable and may be read by any number of threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "casus/status.h"

namespace casus {

namespace dict { struct Compiled; }

// One problem found while reading a dictionary: "file:line:column: message".
struct DictProblem {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string ToString() const;
};

class Dictionary {
 public:
  ~Dictionary();
  // Reads every `*.dict` file of the folder in name order and compiles them.
  // Bad lines are skipped and reported in *problems (may be null); the result
  // is an error only when the folder cannot be read or holds no entries.
  static Result<std::shared_ptr<const Dictionary>> LoadFolder(const std::string& folder,
                                                              std::vector<DictProblem>* problems);
  // Opens a dictionary set, dispatching on the kind of `path`:
  //   * a folder of `*.dict` files (the native format, LoadFolder);
  //   * a TABARI `.project` file (its actors, verbs, agents and options
  //     files), or a folder holding exactly one `.project`;
  //   * a PETRARCH `PETR_config.ini` (its verb, actor, agent, discard and
  //     issue files and its [Options]), or a folder holding one;
  //   * a comma-separated list of TABARI or PETRARCH dictionary files, each
  //     read by its name: *.actors, *.verbs, *.agents, *.options (TABARI);
  //     *verb*.txt / CAMEO*.txt, *actor*.txt, *agent*.txt, *discard*.txt,
  //     *issue*.txt (PETRARCH).
  // Bad lines are skipped and reported in *problems as file:line:column.
  static Result<std::shared_ptr<const Dictionary>> Open(const std::string& path,
                                                        std::vector<DictProblem>* problems);
  // Reads one dictionary from in-memory text (used by tests and fuzzers).
  static Result<std::shared_ptr<const Dictionary>> FromText(const std::string& name,
                                                            const std::string& text,
                                                            std::vector<DictProblem>* problems);

  // Reads one TABARI (`format` "tabari-actors", "tabari-verbs",
  // "tabari-agents", "tabari-options") or PETRARCH ("petrarch-verbs",
  // "petrarch-actors", "petrarch-agents", "petrarch-discards",
  // "petrarch-issues") file from in-memory text (tests and fuzzers).
  static Result<std::shared_ptr<const Dictionary>> FromClassicText(
      const std::string& format, const std::string& name, const std::string& text,
      std::vector<DictProblem>* problems);

  // The coding options the dictionary set brings (.options lines as
  // ("tabari", LINE), PETR_config.ini [Options] as (key, value)), in order.
  const std::vector<std::pair<std::string, std::string>>& options() const;
  // "native", "tabari", "petrarch1" or "petrarch2".
  const char* style() const;

  size_t num_actors() const;
  size_t num_agents() const;
  size_t num_verbs() const;
  size_t num_patterns() const;
  const dict::Compiled& compiled() const { return *c_; }

 private:
  explicit Dictionary(std::unique_ptr<dict::Compiled> c);
  std::unique_ptr<dict::Compiled> c_;
};

}  // namespace casus
