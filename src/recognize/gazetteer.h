// Event places: the gazetteer the project ships (issue 6).
//
// A Gazetteer maps place names (canonical English names and alternates such
// as "Kiev"/"Kyiv", "Bombay", "Ivory Coast"/"Côte d'Ivoire") to places with a
// kind, an ISO 3166-1 alpha-3 (= CAMEO) country code, a first-level division
// and coordinates. Its data is data/gazetteer/places.tsv (format in
// docs/gazetteer.md), compiled into the binary as gazetteer_data.inc by
// scripts/gen_gazetteer.py, so nothing is read at run time.
//
// Names match after folding: ASCII lower case, Latin diacritics removed
// ("Kyïv" = "Kyiv", "Côte d'Ivoire" = "Cote d'Ivoire"), everything that is not
// a letter or digit ignored ("Guinea-Bissau" = "guinea - bissau" =
// "Guinea Bissau"), and a leading "the" dropped ("the Gaza Strip").
//
// A Gazetteer is immutable after construction and safe to share between
// threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "casus/status.h"

namespace casus::recognize {

struct Place {
  std::string name;     // canonical English name
  std::string country;  // ISO 3166-1 alpha-3; KSV (Kosovo) and TMP (Timor-Leste) as in CAMEO
  std::string admin1;   // first-level division of a city; empty otherwise
  std::string kind;     // country | territory | admin1 | region | capital | city
  double lat = 0;
  double lon = 0;
  int64_t population = 0;  // approximate; 0 if unknown
};

class Gazetteer {
 public:
  Gazetteer() = default;

  // Parses places.tsv text (comment lines start with '#'; the first other
  // line is the header). Errors name `origin`, the line and quote the bad
  // fragment, e.g. "places.tsv:12: bad lat 'x91' in ...".
  static Result<Gazetteer> FromText(std::string_view tsv, std::string_view origin);

  // The data compiled into the binary (data/gazetteer/places.tsv).
  static Result<Gazetteer> Builtin();

  // Looks up a phrase of words (normalised tokens joined by spaces, as
  // text::NormalizeToken gives, or any spelling: folding is applied here).
  // Returns nullptr when unknown. When several places share the name:
  //   1. a place in `country_hint` (ISO3/CAMEO country code, or a longer
  //      CAMEO code whose first three letters are one) wins;
  //   2. then country/territory > capital > admin1/region > city, except that
  //      a city beats a first-level division of the same country with the
  //      same name ("Kharkiv" is the city, "New York" the city);
  //   3. then the bigger population.
  // A trailing head word ("Kharkiv oblast", "Paktika province", "Kursk
  // region", "New York state", "Nineveh governorate") is dropped when the
  // whole phrase is unknown; divisions and regions then win over cities.
  const Place* Lookup(std::string_view phrase, std::string_view country_hint = {}) const;

  // All places with this exact (folded) name, unordered; empty when unknown.
  std::vector<const Place*> Candidates(std::string_view phrase) const;

  // The longest name in tokens as text::Tokenize splits it ("Guinea-Bissau"
  // is three), for n-gram scans.
  int max_words() const { return max_words_; }
  size_t size() const { return places_.size(); }
  const std::vector<Place>& places() const { return places_; }

  // False when no name starts with this word (one token, any spelling):
  // a cheap test before the n-gram look-ups of a scan.
  bool MayStart(std::string_view word) const;

  // The folded key a name is indexed under ("Côte d'Ivoire" -> "cotedivoire").
  static std::string Key(std::string_view phrase);

 private:
  struct Entry {
    uint32_t place = 0;
    bool shadowed = false;  // an admin1 with a same-country city of this name
  };
  const std::vector<Entry>* Find(std::string_view key) const;

  std::vector<Place> places_;
  std::unordered_map<std::string, std::vector<Entry>> index_;
  std::unordered_set<std::string> first_words_;  // Key() of each name's first word
  int max_words_ = 0;
};

}  // namespace casus::recognize
