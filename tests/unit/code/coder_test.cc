#include <gtest/gtest.h>

#include "casus/syntax.h"

#include "casus/pipeline.h"
#include "test_util.h"

namespace casus {
namespace {

using testing::CodeText;
using V = std::vector<std::string>;

const char* kDict = R"(
[actors]
United States | Washington | U.S. => USA
Britain => GBR
France => FRA
Iran | Iranian => IRN
Russia | Moscow => RUS
China | Beijing => CHN
Marco Rubio | Rubio => USAGOV 2025-01-21.., USAELI
[agents]
military | army => MIL
secretary of state | president => GOV
police => COP
[synsets]
&AGREEMENT = agreement | deal | treaty
[verbs]
verb condemn => 111
verb sign => ---
    * &AGREEMENT => 057
verb visit => 042:043
verb attack => 190
verb say {says said saying} => ---
)";

TEST(CoderTest, TheIssueExample) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d,
                     "The United States, Britain and France condemned Iran's missile test on "
                     "Tuesday, while Moscow and Beijing signed a new energy agreement."),
            (V{"USA IRN 111", "GBR IRN 111", "FRA IRN 111", "RUS CHN 057", "CHN RUS 057"}));
}

TEST(CoderTest, AgentsJoinTheirCountry) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "The Iranian military attacked Britain."), (V{"IRNMIL GBR 190"}));
  EXPECT_EQ(CodeText(d, "Iran's military attacked Britain."), (V{"IRNMIL GBR 190"}));
  EXPECT_EQ(CodeText(d, "The president of France condemned Russia."), (V{"FRAGOV RUS 111"}));
}

TEST(CoderTest, TitledPersonTakesThePersonsDatedCode) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "U.S. Secretary of State Marco Rubio visited France.", "2025-06-01"),
            (V{"USAGOV FRA 042", "FRA USAGOV 043"}));
  EXPECT_EQ(CodeText(d, "Rubio condemned Iran.", "2020-06-01"), (V{"USAELI IRN 111"}));
}

TEST(CoderTest, PassiveWithBy) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "France was attacked by Russia."), (V{"RUS FRA 190"}));
}

TEST(CoderTest, NegationMarksTheEvent) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "France did not attack Russia."), V{"FRA RUS 190 negated"});
  EXPECT_EQ(CodeText(d, "France never attacked Russia."), V{"FRA RUS 190 negated"});
}

TEST(CoderTest, VerbFormAfterDeterminerIsANoun) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "Russia condemned the attack on France."), (V{"RUS FRA 111"}));
}

TEST(CoderTest, ReportedSpeechCarriesAttribution) {
  auto d = testing::Dict(kDict);
  Pipeline p(d, {});
  Coder c = p.NewCoder();
  Document doc{"d", "2025-03-04", "", "Iran said Russia attacked France.", "", "", "{}"};
  std::vector<Event> ev;
  c.Code(doc, nullptr, &ev);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].source, "RUS");
  EXPECT_EQ(ev[0].target, "FRA");
  EXPECT_EQ(ev[0].attribution, "IRN");
}

TEST(CoderTest, RequireDyadCanBeTurnedOff) {
  auto d = testing::Dict(kDict);
  EXPECT_EQ(CodeText(d, "Police attacked."), V{});
  CodingOptions o;
  o.require_dyad = false;
  EXPECT_EQ(CodeText(d, "Russia attacked.", "2025-03-04", o), (V{"RUS --- 190"}));
}

TEST(CoderTest, EventCarriesEvidenceAndCodeTableFields) {
  auto d = testing::Dict(kDict);
  Pipeline p(d, {});
  Coder c = p.NewCoder();
  Document doc{"d7", "2025-03-04", "", "Intro. Moscow and Beijing signed a treaty.", "", "", "{}"};
  std::vector<Sentence> sents;
  std::vector<Event> ev;
  c.Code(doc, &sents, &ev);
  ASSERT_EQ(sents.size(), 2u);
  ASSERT_EQ(ev.size(), 2u);
  const Event& e = ev[0];
  EXPECT_EQ(e.doc_id, "d7");
  EXPECT_EQ(e.sent_index, 1);
  EXPECT_EQ(e.root, "05");
  EXPECT_EQ(e.quad_class, 1);
  EXPECT_DOUBLE_EQ(e.goldstein, 8.0);
  EXPECT_EQ(e.plover, "SUPPORT");
  EXPECT_EQ(e.sentence, "Moscow and Beijing signed a treaty.");
  EXPECT_EQ(e.source_ev.text, "Moscow");
  EXPECT_EQ(doc.text.substr(e.source_ev.start, e.source_ev.end - e.source_ev.start), "Moscow");
  EXPECT_EQ(e.target_ev.text, "Beijing");
  EXPECT_EQ(e.trigger_ev.text, "signed a treaty");
  EXPECT_NE(e.trigger_ev.entry.find("* &AGREEMENT => 057"), std::string::npos) << e.trigger_ev.entry;
  EXPECT_NE(e.source_ev.entry.find("test.dict:7"), std::string::npos) << e.source_ev.entry;
}

}  // namespace
}  // namespace casus

namespace casus {
namespace {

// With an analyzer, the subject of the parse is the source: an apposition
// between subject and verb ("Iran, Britain's main foe, attacked France")
// misleads the position rule (nearest actor before the verb) but not the
// parse.
TEST(CoderSyntaxTest, SourceAndTargetFromTheParse) {
  auto d = testing::Dict(kDict);
  auto analyzer = syntax::Analyzer::Load(CASUS_SOURCE_DIR "/models");
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  CodingOptions with;
  with.syntax = analyzer.value();
  const std::string s = "Iran, Britain's main foe, attacked France.";
  EXPECT_EQ(CodeText(d, s), (V{"GBR FRA 190"}));
  EXPECT_EQ(CodeText(d, s, "2025-03-04", with), (V{"IRN FRA 190"}));
  // Where the parse and the position rules agree, nothing changes.
  EXPECT_EQ(CodeText(d, "The Iranian military attacked Britain.", "2025-03-04", with),
            (V{"IRNMIL GBR 190"}));
}

}  // namespace
}  // namespace casus
