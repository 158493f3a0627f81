// The public API (include/casus/syntax.h) over the tagger, lemmatizer and parser.
#include "casus/syntax.h"

#include "syntax/model_files.h"

namespace casus::syntax {

Analyzer::Analyzer() = default;
Analyzer::~Analyzer() = default;

Result<std::shared_ptr<const Analyzer>> Analyzer::Load(const std::string& folder) {
  return LoadFiles(folder + "/" + kTaggerFile, folder + "/" + kParserFile);
}

Result<std::shared_ptr<const Analyzer>> Analyzer::LoadFiles(const std::string& tagger_path,
                                                            const std::string& parser_path) {
  std::shared_ptr<Analyzer> a(new Analyzer());
  a->tagger_ = std::make_unique<Tagger>();
  a->lemmatizer_ = std::make_unique<Lemmatizer>();
  CASUS_TRY(LoadTaggerModel(tagger_path, a->tagger_.get(), a->lemmatizer_.get()));
  if (!parser_path.empty()) {
    a->parser_ = std::make_unique<Parser>();
    CASUS_TRY(LoadParserModel(parser_path, a->parser_.get()));
  }
  a->self_ = a;
  return std::shared_ptr<const Analyzer>(std::move(a));
}

Worker Analyzer::NewWorker() const { return Worker(self_.lock()); }

Worker::Worker(std::shared_ptr<const Analyzer> analyzer)
    : analyzer_(std::move(analyzer)),
      tag_scratch_(std::make_unique<TaggerScratch>()),
      parse_scratch_(std::make_unique<ParserScratch>()) {}
Worker::~Worker() = default;
Worker::Worker(Worker&&) noexcept = default;
Worker& Worker::operator=(Worker&&) noexcept = default;

void Worker::Analyze(const std::vector<std::string>& tokens, std::vector<TokenAnalysis>* out) {
  views_.assign(tokens.begin(), tokens.end());
  Analyze(std::span<const std::string_view>(views_), out);
}

void Worker::Analyze(std::span<const std::string_view> tokens, std::vector<TokenAnalysis>* out) {
  const Analyzer& a = *analyzer_;
  const size_t n = tokens.size();
  out->resize(n);
  if (n == 0) return;
  a.tagger_->Tag(tokens, tag_scratch_.get(), &classes_);
  upos_.resize(n);
  xpos_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    upos_[i] = a.tagger_->upos(classes_[i]);
    xpos_[i] = a.tagger_->xpos(classes_[i]);
  }
  if (a.parser_) a.parser_->Parse(tokens, upos_, xpos_, parse_scratch_.get(), &heads_, &labels_);
  for (size_t i = 0; i < n; ++i) {
    TokenAnalysis& t = (*out)[i];
    t.upos = upos_[i];
    t.xpos = xpos_[i];
    t.lemma = a.lemmatizer_->Lemma(tokens[i], upos_[i], xpos_[i]);
    if (a.parser_) {
      t.head = heads_[i];
      t.deprel = a.parser_->label(labels_[i]);
    } else {
      t.head = 0;
      t.deprel = "_";
    }
  }
}

}  // namespace casus::syntax
