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
  // Reads one dictionary from in-memory text (used by tests and fuzzers).
  static Result<std::shared_ptr<const Dictionary>> FromText(const std::string& name,
                                                            const std::string& text,
                                                            std::vector<DictProblem>* problems);

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
