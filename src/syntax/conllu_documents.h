// Pre-parsed input: CoNLL-U sentences as Documents that carry their parse
// (`casus code --input-format conllu`).
//
// Sentences are grouped into documents at "# newdoc id = ..." comments; a
// file without them gives one document per sentence (id from "# sent_id",
// else FILE:LINE). The document date is "# date = YYYY-MM-DD" on its first
// sentence, else `default_date`. The text of each sentence is "# text = ..."
// when its words can be found in it, else the forms joined as SpaceAfter=No
// says; sentences are joined by a newline. Each basic word becomes a
// ParsedWord with its byte span in that text, HEAD (as an index into the
// document's words), DEPREL, UPOS and LEMMA. Words inside a multiword token
// get the parts of its surface their forms spell ("Israel's" = "Israel" +
// "'s"); where they do not ("del" = "de" + "el") they are left out. The
// coder uses the parse of a sentence only when all its tokens are words.
#pragma once

#include <string>
#include <vector>

#include "casus/event.h"
#include "casus/reader.h"
#include "syntax/conllu.h"

namespace casus::syntax {

// Appends the documents of `sentences` (read from `file`) to *docs. A
// document without a date is reported in *problems and left out.
void ConlluToDocuments(const std::vector<ConlluSentence>& sentences,
                       const std::string& file, const std::string& default_date,
                       std::vector<Document>* docs, std::vector<InputProblem>* problems);

}  // namespace casus::syntax
