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
#include <vector>

#include "casus/dictionary.h"
#include "casus/event.h"
#include "casus/status.h"

namespace casus {

struct CodingOptions {
  // Drop events whose source or target is absent (PETRARCH's require_dyad).
  bool require_dyad = true;
  // Sentences longer than this many bytes are not coded.
  size_t max_sentence_bytes = 4096;
};

namespace internal { class CoderImpl; }

class Coder {
 public:
  ~Coder();
  Coder(Coder&&) noexcept;
  Coder& operator=(Coder&&) noexcept;

  // Splits `doc.text` into sentences and codes each. Appends to *sentences
  // and *events (both may be null to skip). Never fails on text content.
  void Code(const Document& doc, std::vector<Sentence>* sentences,
            std::vector<Event>* events);

 private:
  friend class Pipeline;
  explicit Coder(std::unique_ptr<internal::CoderImpl> impl);
  std::unique_ptr<internal::CoderImpl> impl_;
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
};

}  // namespace casus
