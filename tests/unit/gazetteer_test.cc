// Tests for the gazetteer (issue 6): the shipped data, folding, lookup rules
// and errors.
#include "recognize/gazetteer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace casus::recognize {
namespace {

const Gazetteer& Builtin() {
  static const Gazetteer g = [] {
    Result<Gazetteer> r = Gazetteer::Builtin();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : Gazetteer();
  }();
  return g;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char kHeader[] = "name\talt_names\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\n";

TEST(GazetteerTest, BuiltinIsInSyncWithPlacesTsv) {
  std::string tsv = ReadFile(std::string(CASUS_SOURCE_DIR) + "/data/gazetteer/places.tsv");
  ASSERT_FALSE(tsv.empty());
  Result<Gazetteer> file = Gazetteer::FromText(tsv, "places.tsv");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const Gazetteer& g = Builtin();
  ASSERT_EQ(g.size(), file.value().size())
      << "rerun scripts/gen_gazetteer.py > src/recognize/gazetteer_data.inc";
  for (size_t i = 0; i < g.size(); ++i) {
    const Place& a = g.places()[i];
    const Place& b = file.value().places()[i];
    ASSERT_EQ(a.name, b.name) << "row " << i << "; rerun scripts/gen_gazetteer.py";
    ASSERT_EQ(a.kind, b.kind) << a.name;
    ASSERT_EQ(a.country, b.country) << a.name;
    ASSERT_EQ(a.admin1, b.admin1) << a.name;
    ASSERT_EQ(a.lat, b.lat) << a.name;
    ASSERT_EQ(a.lon, b.lon) << a.name;
    ASSERT_EQ(a.population, b.population) << a.name;
  }
  // Alternate names too: every name of the file resolves the same way.
  EXPECT_EQ(g.max_words(), file.value().max_words());
  for (const char* n : {"Kiev", "Bombay", "Burma", "Ivory Coast", "Peking", "Dnepropetrovsk"}) {
    EXPECT_EQ(g.Candidates(n).size(), file.value().Candidates(n).size()) << n;
  }
}

TEST(GazetteerTest, EveryRowIsValid) {
  const Gazetteer& g = Builtin();
  EXPECT_GT(g.size(), 1000u);
  for (const Place& p : g.places()) {
    EXPECT_FALSE(p.name.empty());
    EXPECT_EQ(p.country.size(), 3u) << p.name;
    for (char c : p.country) EXPECT_TRUE(c >= 'A' && c <= 'Z') << p.name;
    EXPECT_TRUE(p.lat >= -90 && p.lat <= 90) << p.name;
    EXPECT_TRUE(p.lon >= -180 && p.lon <= 180) << p.name;
    EXPECT_GE(p.population, 0) << p.name;
    EXPECT_TRUE(p.kind == "country" || p.kind == "territory" || p.kind == "admin1" ||
                p.kind == "region" || p.kind == "capital" || p.kind == "city")
        << p.name << " " << p.kind;
    // Every name can be found again.
    EXPECT_NE(g.Lookup(p.name, p.country), nullptr) << p.name;
  }
}

TEST(GazetteerTest, EveryCountryHasOneRowAndCapitalsAreNearby) {
  const Gazetteer& g = Builtin();
  std::map<std::string, int> countries;
  for (const Place& p : g.places()) {
    if (p.kind == "country" || p.kind == "territory") ++countries[p.country];
  }
  EXPECT_GE(countries.size(), 240u);
  for (const auto& [code, n] : countries) EXPECT_EQ(n, 1) << code;
  for (const Place& p : g.places()) {
    EXPECT_EQ(countries.count(p.country), 1u) << p.name << " has unknown country " << p.country;
  }
}

TEST(GazetteerTest, KievAndKyivAreOnePlace) {
  const Gazetteer& g = Builtin();
  const Place* kiev = g.Lookup("kiev");
  const Place* kyiv = g.Lookup("Kyiv");
  ASSERT_NE(kiev, nullptr);
  EXPECT_EQ(kiev, kyiv);
  EXPECT_EQ(kiev, g.Lookup("Kyïv"));
  EXPECT_EQ(kiev->name, "Kyiv");
  EXPECT_EQ(kiev->country, "UKR");
  EXPECT_EQ(kiev->kind, "capital");
  EXPECT_NEAR(kiev->lat, 50.45, 0.2);
  EXPECT_NEAR(kiev->lon, 30.52, 0.2);
}

TEST(GazetteerTest, FoldsDiacriticsPunctuationAndThe) {
  const Gazetteer& g = Builtin();
  const Place* civ = g.Lookup("ivory coast");
  ASSERT_NE(civ, nullptr);
  EXPECT_EQ(civ->country, "CIV");
  EXPECT_EQ(civ->kind, "country");
  EXPECT_EQ(g.Lookup("Côte d'Ivoire"), civ);
  EXPECT_EQ(g.Lookup("cote d ' ivoire"), civ);  // as tokens joined by spaces
  EXPECT_EQ(g.Lookup("COTE D’IVOIRE"), civ);
  ASSERT_NE(g.Lookup("guinea - bissau"), nullptr);
  EXPECT_EQ(g.Lookup("guinea - bissau")->country, "GNB");
  ASSERT_NE(g.Lookup("the gaza strip"), nullptr);
  EXPECT_EQ(g.Lookup("the gaza strip")->country, "PSE");
  EXPECT_EQ(g.Lookup("Gaza"), g.Lookup("Gaza Strip"));
  ASSERT_NE(g.Lookup("Burma"), nullptr);
  EXPECT_EQ(g.Lookup("Burma")->country, "MMR");
  EXPECT_EQ(g.Lookup("no such place anywhere"), nullptr);
  EXPECT_EQ(g.Lookup(""), nullptr);
  EXPECT_EQ(g.Lookup("the"), nullptr);
  EXPECT_EQ(Gazetteer::Key("Côte d'Ivoire"), "cotedivoire");
  EXPECT_GE(g.max_words(), 5);
}

TEST(GazetteerTest, CountryHintDisambiguates) {
  const Gazetteer& g = Builtin();
  const Place* tripoli = g.Lookup("Tripoli");
  ASSERT_NE(tripoli, nullptr);
  EXPECT_EQ(tripoli->country, "LBY");  // the capital wins without a hint
  const Place* lebanon = g.Lookup("Tripoli", "LBN");
  ASSERT_NE(lebanon, nullptr);
  EXPECT_EQ(lebanon->country, "LBN");
  EXPECT_NEAR(lebanon->lat, 34.44, 0.2);
  EXPECT_EQ(g.Lookup("Tripoli", "LBNGOV"), lebanon);  // a CAMEO actor code works too
  EXPECT_EQ(g.Lookup("Tripoli", "FRA"), tripoli);     // a hint that matches nothing is ignored
  EXPECT_EQ(g.Candidates("tripoli").size(), 2u);
}

TEST(GazetteerTest, CityBeatsSameNamedDivisionUnlessHeadWordGiven) {
  const Gazetteer& g = Builtin();
  const Place* city = g.Lookup("Kharkiv");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->kind, "city");
  EXPECT_EQ(city->country, "UKR");
  for (const char* phrase : {"Kharkiv oblast", "Kharkiv region", "kharkiv province"}) {
    const Place* oblast = g.Lookup(phrase);
    ASSERT_NE(oblast, nullptr) << phrase;
    EXPECT_EQ(oblast->kind, "admin1") << phrase;
    EXPECT_EQ(oblast->name, "Kharkiv Oblast") << phrase;
  }
  const Place* kursk = g.Lookup("the Kursk region");
  ASSERT_NE(kursk, nullptr);
  EXPECT_EQ(kursk->kind, "admin1");
  EXPECT_EQ(kursk->country, "RUS");
  const Place* paktika = g.Lookup("Paktika province");
  ASSERT_NE(paktika, nullptr);
  EXPECT_EQ(paktika->country, "AFG");
  EXPECT_EQ(g.Lookup("Paktika"), paktika);
}

TEST(GazetteerTest, MalformedLinesNameLineAndFragment) {
  std::string text = std::string("# comment\n") + kHeader +
                     "Kyiv\tKiev\tcapital\tUKR\t\t50.45\t30.52\t2950000\n"
                     "Oops\t\tcity\tUKR\t\tnorth\t30.5\t0\n";
  Result<Gazetteer> r = Gazetteer::FromText(text, "test.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("test.tsv:4:"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("'north'"), std::string::npos) << r.status().ToString();

  r = Gazetteer::FromText(std::string(kHeader) + "Kyiv\t\tcapital\tUkraine\t\t50\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t:2: bad country code 'Ukraine'"), std::string::npos)
      << r.status().ToString();

  r = Gazetteer::FromText(std::string(kHeader) + "Kyiv\t\tcapital\tUKR\t50\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t:2: expected 8 tab-separated fields"), std::string::npos);

  r = Gazetteer::FromText(std::string(kHeader) + "Kyiv\t\tcapitol\tUKR\t\t50\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unknown kind 'capitol'"), std::string::npos);

  r = Gazetteer::FromText(std::string(kHeader) + "Kyiv\t\tcity\tUKR\t\t95\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad lat '95'"), std::string::npos);

  r = Gazetteer::FromText(std::string(kHeader) + "A\t\tcity\tUKR\t\t5\t30\t0\n" +
                              "A\t\tcity\tUKR\t\t6\t31\t0\n",
                          "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t:3: duplicate of line 2"), std::string::npos);

  r = Gazetteer::FromText("Kyiv\t\tcity\tUKR\t\t5\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t:1: expected the header line"), std::string::npos);

  r = Gazetteer::FromText(std::string(kHeader) + "Bad\xff\t\tcity\tUKR\t\t5\t30\t0\n", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("t:2: bad UTF-8"), std::string::npos);
}

TEST(GazetteerTest, BuiltinIsFast) {
  auto start = std::chrono::steady_clock::now();
  Result<Gazetteer> r = Gazetteer::Builtin();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  ASSERT_TRUE(r.ok());
  std::printf("Gazetteer::Builtin(): %zu places in %.2f ms\n", r.value().size(), ms);
  EXPECT_LT(ms, 500.0);  // generous: shared, loaded and sanitizer machines
}

}  // namespace
}  // namespace casus::recognize
