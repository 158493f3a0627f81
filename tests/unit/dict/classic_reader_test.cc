// TABARI and PETRARCH dictionary readers, Dictionary::Open, coding options
// and the classic coder on tiny fictional-world dictionaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "casus/dictionary.h"
#include "casus/pipeline.h"
#include "dict/compiled.h"

namespace casus {
namespace {

std::shared_ptr<const Dictionary> Load(const std::string& format, const std::string& text,
                                       std::vector<DictProblem>* problems) {
  auto d = Dictionary::FromClassicText(format, "t.txt", text, problems);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? d.value() : nullptr;
}

std::string Dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("casus_classic_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir.string();
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<Event> CodeEvents(const std::shared_ptr<const Dictionary>& d, const std::string& text,
                              CodingOptions o = {}, const std::string& date = "1995-01-01") {
  ApplyDictionaryOptions(*d, &o);
  Pipeline p(d, o);
  Coder c = p.NewCoder();
  Document doc;
  doc.id = "t";
  doc.date = date;
  doc.text = text;
  std::vector<Event> events;
  c.Code(doc, nullptr, &events);
  return events;
}

std::vector<std::string> Code(const std::shared_ptr<const Dictionary>& d, const std::string& text,
                              CodingOptions o = {}) {
  std::vector<Event> events = CodeEvents(d, text, o);
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.source + "/" + e.target + "/" + e.code);
  return out;
}

TEST(TabariReaderTest, ActorsWithStemsDatesSynonymsAndAgents) {
  std::vector<DictProblem> problems;
  auto d = Load("tabari-actors",
                "<NOUN>\nSHEEP\n</NOUN>\n"
                "ARNOR  [ARN] ;comment\n"
                "ALBRIGHT  [USAGOV 991201-010114] [---]\n"
                "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n"
                "AMBASSADOR_ [ ~GOV]\n",
                &problems);
  ASSERT_TRUE(d);
  EXPECT_TRUE(problems.empty()) << problems[0].ToString();
  EXPECT_STREQ(d->style(), "tabari");
  EXPECT_EQ(d->num_actors(), 3u);
  EXPECT_EQ(d->num_agents(), 1u);
  const dict::Compiled& c = d->compiled();
  // Two-digit years: 99 -> 1999, 01 -> 2001.
  EXPECT_EQ(c.actors[1].codes[0].from, 19991201);
  EXPECT_EQ(c.actors[1].codes[0].to, 20010114);
  EXPECT_EQ(*c.actors[2].CodeOn(19950101), "HOB");
  EXPECT_EQ(*c.actors[2].CodeOn(19970101), "HOBGOV");
  // ARNOR is a stem: "arnor" is interned as a stem id.
  EXPECT_TRUE(c.stems.count("arnor"));
}

TEST(TabariReaderTest, MalformedLinesGiveFileLineColumnAndTheFragment) {
  std::vector<DictProblem> problems;
  Load("tabari-actors", "ARNOR [ARN]\nBREE [BRE 99x-010101]\nFORNOST [FOR\n", &problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, "t.txt");
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 11);
  EXPECT_NE(problems[0].message.find("\"99x-010101\""), std::string::npos) << problems[0].message;
  EXPECT_EQ(problems[1].line, 3);
  EXPECT_EQ(problems[1].column, 9);
  EXPECT_NE(problems[1].ToString().find("t.txt:3:9: unclosed ["), std::string::npos);
}

TEST(TabariReaderTest, VerbsSynsetsPatternsAndCodes) {
  std::vector<DictProblem> problems;
  auto d = Load("tabari-verbs",
                "<SYNSETS>\n&TIETYPES\n+MILITARY\n+ECONOMIC\n</SYNSETS>\n"
                "<TIME>\nKAN_WA_MA_KAN [###]\n</TIME>\n"
                "RESTOR  [064]\n- * &TIETYPES TIES [902]\n- NOT * RELATIONS  [112]\n"
                "SAID  [023?]\nMEET  [031:032]\n"
                "SHOULD [101]\n- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS [161]\n"
                "- { BROKEN [001]\n",
                &problems);
  ASSERT_TRUE(d);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 16);
  EXPECT_NE(problems[0].message.find("unclosed {"), std::string::npos);
  const dict::Compiled& c = d->compiled();
  EXPECT_EQ(d->num_verbs(), 4u);
  EXPECT_EQ(d->num_patterns(), 3u);
  EXPECT_TRUE(c.verbs[1].weak);
  EXPECT_EQ(c.verbs[1].code, "023");
  EXPECT_EQ(c.verbs[2].paired, "032");
  // The synset expands into two alternatives.
  // Literal patterns come before synset patterns of the same length.
  EXPECT_EQ(c.verbs[0].patterns[0].text, "NOT * RELATIONS");
  const dict::Pattern& p = c.verbs[0].patterns[1];
  ASSERT_EQ(p.elems.size(), 3u);
  EXPECT_EQ(p.elems[1].alternatives.size(), 2u);
  // "SUGGESTED_+": the target slot is joined to SUGGESTED.
  const dict::Pattern& q = c.verbs[3].patterns[0];
  EXPECT_EQ(q.elems[1].type, dict::PatternElement::Type::kTarget);
  EXPECT_TRUE(q.elems[1].adjacent);
  EXPECT_EQ(c.specials.size(), 1u);
}

TEST(PetrarchReaderTest, VerbBlocksFormsAndPetrarch2Syntax) {
  std::vector<DictProblem> problems;
  auto d = Load("petrarch-verbs",
                "&TIETYPES\n+MILITARY\n# comment\n+ECONOMIC\n\n"
                "--- ACCELERATE   [---]  ---\nACCELERATE\nHURRY {HURRIES HURRYING HURRIED }\n"
                "+ASK_FOR {+ASKED_FOR} [020]\n"
                "- * (TO {BORDER POST})  [154]\n- * &TIETYPES AID [070]\n"
                "--- SPEAK [010] ---\nSAY {SAYS SAID SAYING}\n"
                "--- FIGHT [190] ---\nATTACK\n"
                "~ a (a b ATTACK) SAY = a b 015\n"
                "~ a (a b ATTACK) SHOUT = a b 015\n"
                "~ a (a z ATTACK) SAY = a c 015\n",
                &problems);
  ASSERT_TRUE(d);
  // A transformation naming a verb the dictionary lacks, or an unbound
  // variable, is reported with the line quoted.
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 17);
  EXPECT_NE(problems[0].message.find("the verb SHOUT is not in the verb dictionary"),
            std::string::npos)
      << problems[0].ToString();
  EXPECT_NE(problems[0].message.find("\"~ a (a b ATTACK) SHOUT = a b 015\""), std::string::npos);
  EXPECT_EQ(problems[1].line, 18);
  EXPECT_STREQ(d->style(), "petrarch2");
  const dict::Compiled& c = d->compiled();
  EXPECT_NE(c.Lookup("hurried"), dict::kNoToken);
  EXPECT_TRUE(c.verb_forms.count(c.Lookup("accelerated")));  // regular forms generated
  EXPECT_TRUE(c.verb_forms.count(c.Lookup("asked")));
  EXPECT_EQ(c.num_transforms, 3u);
  ASSERT_EQ(c.transforms.size(), 1u);
  EXPECT_EQ(c.transforms[0].outer_code, "010");
  EXPECT_EQ(c.transforms[0].inner_code, "190");
  EXPECT_EQ(d->num_verbs(), 4u);  // the blocks' verbs, and ASK_FOR with its own code
}

TEST(PetrarchReaderTest, ActorsAgentsDiscardsIssues) {
  std::vector<DictProblem> problems;
  auto actors = Load("petrarch-actors",
                     "<!-- header\n -->\nAFGHANISTAN_  [AFG]\n+AFGHAN_\n"
                     "ZAHIR_SHAH_  # person\n\t[AFGELI 320101-331108]\n\t[AFGGOV >19331108]\n",
                     &problems);
  ASSERT_TRUE(actors);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(actors->num_actors(), 2u);
  EXPECT_EQ(*actors->compiled().actors[1].CodeOn(20000101), "AFGGOV");
  auto agents = Load("petrarch-agents",
                     "!PERSON! = MAN, WOMAN\nCONGRESS!PERSON! [~LEG]\nSOLDIER [~MIL]\n"
                     "MSF {}  [NGO~]\n",
                     &problems);
  ASSERT_TRUE(agents);
  const dict::Compiled& c = agents->compiled();
  EXPECT_NE(c.Lookup("congresswoman"), dict::kNoToken);
  EXPECT_NE(c.Lookup("soldiers"), dict::kNoToken);  // plural generated
  EXPECT_TRUE(c.agents[2].prefix);
  auto discards = Load("petrarch-discards", "MONTHS LATER\n+World Golf Championships\n", &problems);
  ASSERT_TRUE(discards);
  auto issues = Load("petrarch-issues", "<ISSUE>\nn:preschool [EARLY_EDUCATION]\n~x\n", &problems);
  ASSERT_TRUE(issues);
  // "n:preschool" also matches "preschools"; the exclusion "~x" has no code.
  ASSERT_EQ(issues->compiled().issues.size(), 3u);
  EXPECT_EQ(issues->compiled().issues[1], "EARLY_EDUCATION");
  EXPECT_EQ(issues->compiled().issues[2], "");
  EXPECT_NE(issues->compiled().Lookup("preschools"), dict::kNoToken);
}

TEST(TabariTimeTest, TimeEntriesShiftTheEventDate) {
  std::string dir = Dir();
  Write(dir + "/t.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
  Write(dir + "/t.verbs", "ATTACK [223]\n<TIME>\nLAST_WEEK [-7]\nNEXT_MONTH [+30]\n</TIME>\n");
  Write(dir + "/t.project", "<actorsfile> t.actors\n<verbsfile> t.verbs\n");
  std::vector<DictProblem> problems;
  auto d = Dictionary::Open(dir + "/t.project", &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto dates = [&](CodingOptions o) {
    // TABARI codes sentences of eight words or more by default.
    std::vector<std::string> out;
    for (const Event& e : CodeEvents(d.value(),
                                     "The army of Arnor attacked Gondor at the river last week. "
                                     "The army of Arnor attacked Gondor at the river on Tuesday.",
                                     o, "1995-03-10"))
      out.push_back(e.event_date);
    return out;
  };
  EXPECT_EQ(dates({}), (std::vector<std::string>{"1995-03-03", "1995-03-07"}));
  CodingOptions off;
  ASSERT_TRUE(ApplyOption("tabari", "SET: TIME SHIFT = FALSE", &off).ok());
  EXPECT_FALSE(off.time_shift);
  // Without the shift the pipeline's own date words decide ("last week": 7 days back too).
  EXPECT_EQ(dates(off)[1], "1995-03-07");
  std::filesystem::remove_all(dir);
}

TEST(PetrarchIssuesTest, EventsCarryTheIssuesOfTheirSentence) {
  std::string dir = Dir();
  Write(dir + "/i.verbs.txt", "--- THREATEN [130] ---\nTHREATEN\n");
  Write(dir + "/i.actors.txt", "IRAN [IRN]\nISRAEL [ISR]\n");
  Write(dir + "/i.issues.txt",
        "<ISSUE CATEGORY=\"ALL\">\nnuclear n:weapon [NUCLEAR_WEAPONS]\nn:teacher [TEACHERS]\n"
        "head start [EARLY_EDUCATION]\n~a head start\n");
  std::vector<DictProblem> problems;
  auto d = Dictionary::Open(dir + "/i.verbs.txt," + dir + "/i.actors.txt," + dir + "/i.issues.txt",
                            &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(problems.empty());
  std::vector<Event> events = CodeEvents(
      d.value(),
      "Iran threatened Israel over nuclear weapons and teachers. Iran threatened Israel with a head "
      "start. Iran threatened Israel.",
      {}, "2025-01-01");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].issues, (std::vector<std::string>{"NUCLEAR_WEAPONS", "TEACHERS"}));
  EXPECT_TRUE(events[1].issues.empty());  // "a head start" is excluded
  EXPECT_TRUE(events[2].issues.empty());
  std::filesystem::remove_all(dir);
}

TEST(PetrarchTransformTest, NestedEventsAreRecoded) {
  // The Phoenix CAMEO.2.0.txt transformations, with verbs of their codes.
  std::string dir = Dir();
  Write(dir + "/t.verbs.txt",
        "--- EXPLAIN_VERBAL [010] ---\nSAY {SAYS SAID SAYING}\n- * (ON {THE PLAN}) [010]\n"
        "--- ALLEGE [110] ---\nCLAIM\n"
        "--- DEMAND [100] ---\nWANT [030]\n"
        "--- ATTEMPT [---] ---\nATTEMPT\n"
        "--- MEET [040] ---\nMEET {MEETS MET MEETING}\n"
        "--- ASSASSINATE [186] ---\nASSASSINATE\n"
        "--- PHYSICAL_CONFLICT [190] ---\nATTACK\n"
        "~ a (a b ATTACK) SAY = a b 015\n~ a (a b ATTACK) CLAIM = a b 015\n"
        "~ a (b . ATTACK) SAY = a b 112\n~ a (b . ATTACK) CLAIM = a b 112\n"
        "~ a (a b Q) SAY = a b Q\n~ a (_ b ATTACK) WANT = a b 138\n"
        "~ a (b . ATTACK ) WANT = a b 021\n~ a (_ b ASSASSINATE) ATTEMPT = a b 185\n");
  Write(dir + "/t.actors.txt", "IRAN [IRN]\nISRAEL [ISR]\nHAMAS [HMS]\nEGYPT [EGY]\n");
  std::vector<DictProblem> problems;
  auto d = Dictionary::Open(dir + "/t.verbs.txt," + dir + "/t.actors.txt", &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(problems.empty()) << problems[0].ToString();
  EXPECT_STREQ(d.value()->style(), "petrarch2");
  using V = std::vector<std::string>;
  // The speaker claims its own attack: 015; an attack by another: 112.
  EXPECT_EQ(Code(d.value(), "Iran said it attacked Israel."), V{"IRN/ISR/015"});
  EXPECT_EQ(Code(d.value(), "Iran claimed it attacked Israel."), V{"IRN/ISR/015"});
  EXPECT_EQ(Code(d.value(), "Iran said Hamas attacked Egypt."), V{"IRN/HMS/112"});
  // Q: any nested code, the speaker as its source.
  EXPECT_EQ(Code(d.value(), "Iran said it met Israel."), V{"IRN/ISR/040"});
  // A nested verb without a subject of its own ('_').
  EXPECT_EQ(Code(d.value(), "Iran wants to attack Israel."), V{"IRN/ISR/138"});
  EXPECT_EQ(Code(d.value(), "Iran wants Hamas to attack Israel."), V{"IRN/HMS/021"});
  EXPECT_EQ(Code(d.value(), "Iran attempted to assassinate the Israel leader."),
            V{"IRN/ISR/185"});
  // No transformation fits (the nested attack has no target): the outer event.
  EXPECT_EQ(Code(d.value(), "Iran said Hamas attacked."), V{"IRN/HMS/010"});
  // The evidence names the transformation.
  std::vector<Event> ev = CodeEvents(d.value(), "Iran said it attacked Israel.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_NE(ev[0].trigger_ev.entry.find("transformation: ~ a (a b ATTACK) SAY = a b 015"),
            std::string::npos)
      << ev[0].trigger_ev.entry;
  std::filesystem::remove_all(dir);
}

TEST(CodingOptionsTest, TabariAndPetrarchOptions) {
  CodingOptions o;
  ASSERT_TRUE(ApplyOption("tabari", "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8", &o).ok());
  EXPECT_EQ(o.comma_min, 4);
  EXPECT_EQ(o.comma_bmax, 8);
  ASSERT_TRUE(ApplyOption("tabari", "SET: CODE ALL", &o).ok());
  EXPECT_EQ(o.code_by, CodingOptions::CodeBy::kAll);
  ASSERT_TRUE(ApplyOption("tabari", "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", &o).ok());
  EXPECT_EQ(o.default_source, "DEFSRC");
  EXPECT_EQ(o.default_target, "DEFTAR");
  ASSERT_TRUE(ApplyOption("tabari", "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN", &o).ok());
  EXPECT_EQ(o.complex_verbs, 5);
  EXPECT_TRUE(o.complex_no_actor_prior);
  ASSERT_TRUE(ApplyOption("require_dyad", "False", &o).ok());
  EXPECT_FALSE(o.require_dyad);
  ASSERT_TRUE(ApplyOption("new_actor_length", "4", &o).ok());
  EXPECT_EQ(o.new_actor_length, 4);
  EXPECT_FALSE(ApplyOption("comma_min", "many", &o).ok());
  EXPECT_FALSE(ApplyOption("tabari", "COMMA: MIN = x", &o).ok());
}

TEST(DictionaryOpenTest, TabariProjectAndPetrarchFiles) {
  std::string dir = Dir();
  Write(dir + "/w.actors", "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\n");
  Write(dir + "/w.agents", "SOLDIER_ [~MIL]\n");
  Write(dir + "/w.verbs",
        "RESTOR  [064]\n- * FXLL DIPLOMATIC  [+++]\nATTACK [223]\nVISIT_ [032:033]\n");
  Write(dir + "/w.options", "SET: CODE BY CLAUSE\n");
  Write(dir + "/w.project",
        "<actorsfile> w.actors\n<verbsfile> w.verbs\n<agentsfile> w.agents\n"
        "<optionsfile> w.options\n");
  std::vector<DictProblem> problems;
  auto d = Dictionary::Open(dir + "/w.project", &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(problems.empty());
  EXPECT_STREQ(d.value()->style(), "tabari");
  EXPECT_EQ(d.value()->options().size(), 1u);
  auto by_dir = Dictionary::Open(dir, &problems);  // a folder holding one .project
  ASSERT_TRUE(by_dir.ok());
  EXPECT_EQ(by_dir.value()->num_actors(), 3u);
  // Stems, agents with plurals, paired codes.
  EXPECT_EQ(Code(d.value(), "Arnor is about to restore full diplomatic ties with Gondor."),
            std::vector<std::string>{"ARN/GON/064"});
  EXPECT_EQ(Code(d.value(), "Osgiliath soldiers attacked Gondor on Tuesday last week."),
            std::vector<std::string>{"OSGMIL/GON/223"});
  EXPECT_EQ(Code(d.value(), "Arnor visited Gondor and Osgiliath on Tuesday last week."),
            (std::vector<std::string>{"ARN/GON/032", "ARN/OSG/032", "GON/ARN/033", "OSG/ARN/033"}));
  // "+++": too complex, nothing coded.
  EXPECT_TRUE(Code(d.value(), "Arnor is about to restore fxll diplomatic ties with Gondor.").empty());

  Write(dir + "/v.verbs.txt", "--- VISIT [042:043] ---\nVISIT\n");
  Write(dir + "/v.actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
  auto p = Dictionary::Open(dir + "/v.verbs.txt," + dir + "/v.actors.txt", &problems);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_STREQ(p.value()->style(), "petrarch1");
  EXPECT_EQ(Code(p.value(), "Arnor visited Gondor."),
            (std::vector<std::string>{"ARN/GON/042", "GON/ARN/043"}));
  EXPECT_FALSE(Dictionary::Open(dir + "/nothing.xyz", &problems).ok());
  std::filesystem::remove_all(dir);
}

TEST(DictionaryOpenTest, LargeSetsLoadWithoutFatalErrors) {
  // The shared production sets, when present beside the checkout.
  const std::string phoenix = "../shared/dict/phoenix/PETR_config.ini";
  if (!std::filesystem::exists(phoenix)) GTEST_SKIP() << "no ../shared";
  std::vector<DictProblem> problems;
  auto d = Dictionary::Open(phoenix, &problems);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_GT(d.value()->num_actors(), 18000u);
  EXPECT_GT(d.value()->num_patterns(), 4700u);
  for (const DictProblem& p : problems) {
    EXPECT_GE(p.line, 1);
    EXPECT_GE(p.column, 1);
  }
}

}  // namespace
}  // namespace casus
