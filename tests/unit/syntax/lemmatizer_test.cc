#include "syntax/lemmatizer.h"
#include "syntax/wordnet_lexicon.h"

#include <gtest/gtest.h>

namespace casus::syntax {
namespace {

TEST(LemmatizerTest, IrregularFormsFromWordNet) {
  Lemmatizer l;  // no lexicon: WordNet tables and rules only
  EXPECT_EQ(l.Lemma("shot", "VERB", "VBD"), "shoot");
  EXPECT_EQ(l.Lemma("fled", "VERB", "VBD"), "flee");
  EXPECT_EQ(l.Lemma("sought", "VERB", "VBN"), "seek");
  EXPECT_EQ(l.Lemma("struck", "VERB", "VBD"), "strike");
  EXPECT_EQ(l.Lemma("mice", "NOUN", "NNS"), "mouse");
  EXPECT_EQ(l.Lemma("Shot", "VERB", "VBD"), "shoot");
  EXPECT_EQ(l.Lemma("children", "NOUN", "NNS"), "child");
  EXPECT_EQ(l.Lemma("went", "VERB", "VBD"), "go");
}

TEST(LemmatizerTest, SuffixRules) {
  Lemmatizer l;
  EXPECT_EQ(l.Lemma("stopped", "VERB", "VBD"), "stop");
  EXPECT_EQ(l.Lemma("making", "VERB", "VBG"), "make");
  EXPECT_EQ(l.Lemma("attacks", "VERB", "VBZ"), "attack");
  EXPECT_EQ(l.Lemma("hoped", "VERB", "VBD"), "hope");
  EXPECT_EQ(l.Lemma("cities", "NOUN", "NNS"), "city");
  EXPECT_EQ(l.Lemma("boxes", "NOUN", "NNS"), "box");
  EXPECT_EQ(l.Lemma("horses", "NOUN", "NNS"), "horse");
  EXPECT_EQ(l.Lemma("bigger", "ADJ", "JJR"), "big");
  EXPECT_EQ(l.Lemma("Soldiers", "NOUN", "NNS"), "soldier");
  // Unknown words still get a plausible lemma.
  EXPECT_EQ(l.Lemma("blorfed", "VERB", "VBD"), "blorf");
  EXPECT_EQ(l.Lemma("zorbles", "NOUN", "NNS"), "zorble");
}

TEST(LemmatizerTest, OtherClassesAndProperNouns) {
  Lemmatizer l;
  EXPECT_EQ(l.Lemma("Gondor", "PROPN", "NNP"), "Gondor");
  EXPECT_EQ(l.Lemma("The", "DET", "DT"), "the");
  EXPECT_EQ(l.Lemma("I", "PRON", "PRP"), "I");
  EXPECT_EQ(l.Lemma("5,000", "NUM", "CD"), "5,000");
}

}  // namespace
}  // namespace casus::syntax

namespace casus::syntax {
namespace {

TEST(WordNetLexiconTest, PartsOfSpeechOfFormsTheTaggerHasNotSeen) {
  const WordNetLexicon& wn = WordNetLexicon::Get();
  using W = WordNetLexicon;
  EXPECT_TRUE(wn.Classes("shell") & W::kNoun);
  EXPECT_TRUE(wn.Classes("shell") & W::kVerb);
  EXPECT_TRUE(wn.Classes("shelled") & W::kVerbEd);
  EXPECT_TRUE(wn.Classes("shelling") & W::kVerbIng);
  EXPECT_TRUE(wn.Classes("shells") & W::kNounPlural);
  EXPECT_TRUE(wn.Classes("shells") & W::kVerbS);
  EXPECT_TRUE(wn.Classes("stopped") & W::kVerbEd);    // doubled consonant
  EXPECT_TRUE(wn.Classes("fled") & W::kVerbEd);       // irregular
  EXPECT_TRUE(wn.Classes("mice") & W::kNounPlural);   // irregular
  EXPECT_TRUE(wn.Classes("happier") & W::kAdjEr);
  EXPECT_TRUE(wn.Classes("quickly") & W::kAdjLy);
  EXPECT_TRUE(wn.Classes("simply") & W::kAdjLy);
  EXPECT_FALSE(wn.Classes("shelled") & W::kNoun);
  EXPECT_EQ(wn.Classes("xqzzv"), 0u);
  EXPECT_EQ(wn.Classes(""), 0u);
}

}  // namespace
}  // namespace casus::syntax
