#include "syntax/train.h"

namespace casus::syntax {

void RetagSentences(const Tagger& tagger, std::vector<ConlluSentence>* sentences) {
  TaggerScratch s;
  std::vector<std::string_view> words;
  std::vector<int> cls;
  for (ConlluSentence& sent : *sentences) {
    words.clear();
    for (const ConlluWord& w : sent.words) words.push_back(w.form);
    tagger.Tag(words, &s, &cls);
    for (size_t i = 0; i < words.size(); ++i) {
      sent.words[i].upos = tagger.upos(cls[i]);
      sent.words[i].xpos = tagger.xpos(cls[i]);
    }
  }
}

Status JackknifeTags(std::vector<ConlluSentence>* train, int folds, const TaggerOptions& options) {
  if (folds < 2) return Status::InvalidArgument("jackknifing needs at least 2 folds");
  std::vector<std::vector<ConlluSentence>> tagged(folds);
  for (int f = 0; f < folds; ++f) {
    std::vector<ConlluSentence> rest, held;
    for (size_t i = 0; i < train->size(); ++i)
      (static_cast<int>(i % folds) == f ? held : rest).push_back((*train)[i]);
    Tagger t;
    TaggerOptions o = options;
    o.log = nullptr;
    CASUS_TRY(Tagger::Train(rest, {}, o, &t));
    RetagSentences(t, &held);
    tagged[f] = std::move(held);
  }
  std::vector<size_t> next(folds, 0);
  for (size_t i = 0; i < train->size(); ++i) {
    const int f = static_cast<int>(i % folds);
    (*train)[i] = std::move(tagged[f][next[f]++]);
  }
  return Status::OK();
}

Status TagWithModelTrainedOn(const std::vector<ConlluSentence>& train,
                             std::vector<ConlluSentence>* sentences, const TaggerOptions& options) {
  Tagger t;
  TaggerOptions o = options;
  o.log = nullptr;
  CASUS_TRY(Tagger::Train(train, {}, o, &t));
  RetagSentences(t, sentences);
  return Status::OK();
}

}  // namespace casus::syntax
