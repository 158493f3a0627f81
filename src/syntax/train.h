// Helpers for training the parser on predicted rather than gold tags.
#pragma once

#include <vector>

#include "casus/status.h"
#include "syntax/conllu.h"
#include "syntax/tagger.h"

namespace casus::syntax {

// Replaces the UPOS/XPOS of every sentence of *train by the tags of a tagger
// trained on the other folds (k-fold jackknifing; folds by sentence index).
Status JackknifeTags(std::vector<ConlluSentence>* train, int folds, const TaggerOptions& options);

// Replaces the UPOS/XPOS of *sentences by those of a tagger trained on `train`.
Status TagWithModelTrainedOn(const std::vector<ConlluSentence>& train,
                             std::vector<ConlluSentence>* sentences, const TaggerOptions& options);

// Tags sentences in place with `tagger`.
void RetagSentences(const Tagger& tagger, std::vector<ConlluSentence>* sentences);

}  // namespace casus::syntax
