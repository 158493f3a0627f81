// casus: part-of-speech tags, lemmas and labelled dependencies (Universal
// Dependencies) for tokenized sentences, from models trained by
// `casus train tagger|parser` on UD English-EWT.
//
//   auto analyzer = casus::syntax::Analyzer::Load("models");   // once
//   casus::syntax::Worker worker = analyzer.value()->NewWorker();  // per thread
//   std::vector<casus::syntax::TokenAnalysis> out;
//   worker.Analyze({"Rebels", "shot", "two", "soldiers", "."}, &out);
//   // out[1]: upos "VERB", lemma "shoot", head 0, deprel "root"
//   // out[0]: head 2 (1-based: "shot"), deprel "nsubj"
//
// An Analyzer is immutable once loaded and safe to share between threads. A
// Worker owns scratch space, is reused across sentences and is not
// thread-safe: make one per thread.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casus/status.h"

namespace casus::syntax {

class Tagger;
class Parser;
class Lemmatizer;
struct TaggerScratch;
struct ParserScratch;

// The analysis of one token. The string_views point into the Analyzer and
// stay valid while it lives.
struct TokenAnalysis {
  std::string_view upos;    // UD universal tag: "NOUN", "VERB", "PROPN", ...
  std::string_view xpos;    // Penn Treebank tag: "NNS", "VBD", ...
  std::string lemma;        // "shoot" for "shot", "mouse" for "mice"
  int head = 0;             // 0 = root, else the 1-based index of the head token
  std::string_view deprel;  // UD relation: "nsubj", "obj", "obl:agent", "ccomp", ...
};

class Worker;

class Analyzer {
 public:
  // Loads `folder`/tagger.bin and `folder`/parser.bin. Fails with NotFound,
  // Corruption (wrong magic, damaged file) or InvalidArgument (a model format
  // newer than this casus).
  static Result<std::shared_ptr<const Analyzer>> Load(const std::string& folder);
  // Loads the given files; an empty parser_path loads no parser (heads 0,
  // deprels "_").
  static Result<std::shared_ptr<const Analyzer>> LoadFiles(const std::string& tagger_path,
                                                           const std::string& parser_path);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // A per-thread worker; it keeps the Analyzer alive.
  Worker NewWorker() const;
  bool has_parser() const { return parser_ != nullptr; }

 private:
  friend class Worker;
  Analyzer();
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  std::unique_ptr<Parser> parser_;
  std::weak_ptr<const Analyzer> self_;
};

class Worker {
 public:
  ~Worker();
  Worker(Worker&&) noexcept;
  Worker& operator=(Worker&&) noexcept;

  // Tags, lemmatizes and parses one sentence given as tokens (words in the
  // UD sense: clitics such as "n't" and "'s" as separate tokens, as the casus
  // tokenizer gives them). Replaces *out with one entry per token. Never
  // fails; an empty sentence gives an empty result.
  void Analyze(std::span<const std::string_view> tokens, std::vector<TokenAnalysis>* out);
  void Analyze(const std::vector<std::string>& tokens, std::vector<TokenAnalysis>* out);
  void Analyze(std::initializer_list<std::string_view> tokens, std::vector<TokenAnalysis>* out) {
    Analyze(std::span<const std::string_view>(tokens.begin(), tokens.size()), out);
  }

 private:
  friend class Analyzer;
  explicit Worker(std::shared_ptr<const Analyzer> analyzer);
  std::shared_ptr<const Analyzer> analyzer_;
  std::unique_ptr<TaggerScratch> tag_scratch_;
  std::unique_ptr<ParserScratch> parse_scratch_;
  std::vector<int> classes_, heads_, labels_;
  std::vector<std::string_view> views_, upos_, xpos_;
};

}  // namespace casus::syntax
