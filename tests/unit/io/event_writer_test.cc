#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>

#include "casus/writer.h"

namespace casus {
namespace {

Event Sample() {
  Event e;
  e.doc_id = "d\"1";
  e.sent_index = 2;
  e.date = "2025-01-02";
  e.source = "USA";
  e.target = "IRN";
  e.code = "111";
  e.root = "11";
  e.quad_class = 3;
  e.goldstein = -2;
  e.plover = "";
  e.sentence = "The U.S. condemned Iran, again.";
  e.source_ev = Evidence{4, 8, "U.S.", "a.dict:1 \"U.S.\""};
  e.trigger_ev = Evidence{9, 18, "condemned", "v.dict:3 verb condemn => 111"};
  return e;
}

std::string WriteTo(OutputFormat f) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* mem = open_memstream(&buf, &len);
  EventWriter w(mem, f);
  EXPECT_TRUE(w.Write(Sample()).ok());
  EXPECT_TRUE(w.Flush().ok());
  fclose(mem);
  std::string s(buf, len);
  free(buf);
  return s;
}

TEST(EventWriterTest, JsonIsValidAndComplete) {
  std::string line = WriteTo(OutputFormat::kJsonl);
  simdjson::dom::parser p;
  simdjson::dom::element e;
  ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
  EXPECT_EQ(std::string_view(e["doc_id"]), "d\"1");
  EXPECT_EQ(int64_t(e["sent_index"]), 2);
  EXPECT_EQ(std::string_view(e["code"]), "111");
  EXPECT_EQ(int64_t(e["quad_class"]), 3);
  EXPECT_TRUE(e["plover"].is_null());
  EXPECT_EQ(int64_t(e["evidence"]["source"]["start"]), 4);
  EXPECT_EQ(std::string_view(e["evidence"]["trigger"]["text"]), "condemned");
  EXPECT_TRUE(e["evidence"]["target"].is_null());
  EXPECT_EQ(e["issues"].error(), simdjson::NO_SUCH_FIELD);  // only where a dictionary gives issues
}

TEST(EventWriterTest, JsonListsIssues) {
  Event ev = Sample();
  ev.issues = {"NUCLEAR_WEAPONS", "SANCTIONS"};
  std::string line = EventToJson(ev);
  simdjson::dom::parser p;
  simdjson::dom::element e;
  ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
  simdjson::dom::array a;
  ASSERT_EQ(e["issues"].get(a), simdjson::SUCCESS);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(std::string_view(a.at(0)), "NUCLEAR_WEAPONS");
}

TEST(EventWriterTest, CsvQuotesAndTsvFlattens) {
  std::string csv = WriteTo(OutputFormat::kCsv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "doc_id,sent_index,date,source,target,code,root,quad_class,goldstein,plover,"
            "attribution,trigger,sentence,mode,event_date,location,location_country,lat,lon");
  EXPECT_NE(csv.find("\"d\"\"1\""), std::string::npos);
  EXPECT_NE(csv.find("\"The U.S. condemned Iran, again.\""), std::string::npos);
  std::string tsv = WriteTo(OutputFormat::kTsv);
  EXPECT_NE(tsv.find("USA\tIRN\t111\t11\t3\t-2.0"), std::string::npos) << tsv;
  EXPECT_FALSE(ParseOutputFormat("xml").ok());
}

}  // namespace
}  // namespace casus
