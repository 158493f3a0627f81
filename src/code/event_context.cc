#include "code/event_context.h"

#include <algorithm>

#include "common/date.h"
#include "dict/cameo_codes.h"

namespace casus::internal {

namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

// Words that put a place after them: "in Riyadh", "near Pokrovsk".
bool Locative(std::string_view w) {
  return OneOf(w, {"in", "at", "near", "outside", "inside", "across", "around", "into",
                   "over", "throughout", "towards", "toward", "off", "within", "from"});
}

// Head nouns of "the city of X", "the Ukrainian city of X".
bool PlaceNoun(std::string_view w) {
  return OneOf(w, {"city", "town", "village", "port", "capital", "region", "province",
                   "district", "oblast", "governorate", "state", "island", "enclave",
                   "area", "areas", "outskirts", "suburb", "suburbs", "camp", "border"});
}

// Head words that may follow a place name and belong to it.
bool TrailingHead(std::string_view w) {
  return OneOf(w, {"province", "region", "oblast", "governorate", "state", "district",
                   "prefecture", "county", "city"});
}

bool IsMaterialConflict(const Event& e) { return e.root >= "14"; }

// A 3-letter country code of an actor code ("UKRGOV" -> "UKR"), or "" for
// IGOs, NGOs, international militarized groups (IMG) and agents without a
// country.
std::string CountryOf(const std::string& code) {
  if (code.size() < 3 || code.compare(0, 3, "---") == 0 || code.compare(0, 3, "IGO") == 0 ||
      code.compare(0, 3, "NGO") == 0 || code.compare(0, 3, "IMG") == 0)
    return "";
  return code.substr(0, 3);
}

// An agent without a country ("---CVL": "four civilians", "protesters")
// takes one: `country`, noted in the evidence.
void GiveCountry(std::string* code, Evidence* ev, const std::string& country,
                 const char* why) {
  if (country.size() != 3 || code->size() <= 3 || code->compare(0, 3, "---") != 0) return;
  code->replace(0, 3, country);
  ev->entry += std::string(" (country ") + country + " from " + why + ")";
}

// The agent part of an actor code: "PAKCOP" -> "COP", "---UAF" -> "UAF".
std::string_view RoleOf(const std::string& code) {
  return code.size() >= 6 ? std::string_view(code).substr(3, 3) : std::string_view();
}

// People who protest, strike or riot: civilians and protesters, the
// opposition, students, workers.
bool ProtestRole(std::string_view role) { return OneOf(role, {"CVL", "OPP", "EDU", "LAB"}); }

// Gives an event another CAMEO code, with the fields that follow from it.
void Recode(Event* ev, const std::string& code, const char* why) {
  ev->trigger_ev.entry += std::string(" (") + ev->code + " -> " + code + ": " + why + ")";
  dict::SetEventCode(ev, code);
}

// CAMEO tells force apart by who uses it. Attacks by gunmen or bombers of no
// known allegiance are unconventional violence (18: 183 for a bombing), not
// the fighting of armed forces (19); so is a bombing by rebels or militants
// ("ELN guerrillas bombed a military base": 183, non-military bombing).
// Protesters who storm, burn or clash at home riot (145); police who use
// force on protesters, students or workers at home repress them (175).
// The number of people a killing names right after its verb: "killed more
// than 460 patients" (460), "killed hundreds of civilians" (100); 0 if none.
long KillCount(std::string_view text, const Evidence& trigger) {
  std::string_view rest = text.substr(trigger.end, std::min<size_t>(40, text.size() - trigger.end));
  // Only the object itself: "killed [at least|more than|over|nearly|about] N".
  for (std::string_view q : {" at least", " more than", " over", " nearly", " about", " around",
                             " some", " up to", " almost"}) {
    if (rest.substr(0, q.size()) == q) {
      rest.remove_prefix(q.size());
      break;
    }
  }
  if (rest.empty() || rest[0] != ' ') return 0;
  rest.remove_prefix(1);
  if (rest.substr(0, 8) == "hundreds") return 100;
  if (rest.substr(0, 9) == "thousands") return 1000;
  long n = 0;
  size_t i = 0;
  for (; i < rest.size() && ((rest[i] >= '0' && rest[i] <= '9') || (rest[i] == ',' && i > 0)); ++i)
    if (rest[i] != ',') n = n * 10 + (rest[i] - '0');
  return n;
}

void RecodeByActors(std::string_view text, Event* ev) {
  if (ev->root != "17" && ev->root != "18" && ev->root != "19") return;
  const std::string_view src = RoleOf(ev->source), tgt = RoleOf(ev->target);
  // Armed groups that are no state's forces killing scores of people at once
  // engage in mass killing (202): "RSF fighters killed more than 200
  // people", "Islamic State militants killed at least 38 worshippers". (A
  // state's forces killing in war stay 19: "Israeli strikes killed 82".)
  const bool non_state = src == "REB" || src == "INS" || src == "UAF" || src == "SEP" ||
                         ev->source.compare(0, 3, "IMG") == 0;
  const std::string_view verb = ev->trigger_ev.text;
  if (non_state && (verb.substr(0, 4) == "kill" || verb.substr(0, 6) == "massac") &&
      tgt != "MIL" && tgt != "REB" && tgt != "COP" && tgt != "INS" &&
      KillCount(text, ev->trigger_ev) >= 30) {
    Recode(ev, "202", "scores of people killed by an armed group");
    // Its victims are of its country unless named otherwise.
    GiveCountry(&ev->target, &ev->target_ev, CountryOf(ev->source), "the armed group");
    return;
  }
  const std::string home = CountryOf(ev->source);
  const bool domestic = !home.empty() && (ev->target == "---" || CountryOf(ev->target) == home);
  const std::string_view how = ev->trigger_ev.text;
  // "an al-Shabaab suicide car bomber struck": the words from the source to
  // the verb name a bomber.
  bool bomber = false;
  if (ev->source_ev.present() && ev->source_ev.end <= ev->trigger_ev.start) {
    const std::string_view who =
        std::string_view(text).substr(ev->source_ev.start, ev->trigger_ev.start - ev->source_ev.start);
    // A person, not aircraft: "B-2 bombers", "bomber drones".
    for (size_t at = who.find("bomber"); at != std::string_view::npos && !bomber;
         at = who.find("bomber", at + 6)) {
      const std::string_view rest = who.substr(at + 6);
      bomber = src != "MIL" && (rest.empty() || rest[0] == ' ') &&
               rest.substr(0, 6) != " drone" && rest.substr(0, 4) != " jet" &&
               rest.substr(0, 9) != " aircraft" && rest.substr(0, 6) != " plane";
    }
  }
  if (ev->root == "19") {
    const bool irregular = src == "UAF" || src == "REB" || src == "INS" || src == "SEP";
    if (bomber || (irregular && how.substr(0, 4) == "bomb")) {
      Recode(ev, "183", "a bombing by no armed force");
      return;
    }
    if (src == "UAF") {
      Recode(ev, "180", "force by gunmen of no known allegiance");
      return;
    }
  }
  // Civilians are protesters only when named so: "three civilians killed"
  // is no riot.
  auto protesters = [](std::string_view role, std::string_view named) {
    return ProtestRole(role) &&
           (role != "CVL" || named.find("rotest") != std::string_view::npos ||
            named.find("emonstrator") != std::string_view::npos ||
            named.find("ioter") != std::string_view::npos);
  };
  if (domestic && protesters(src, ev->source_ev.text) && tgt != "CVL") {
    Recode(ev, "145", "force used by protesters");
    return;
  }
  if (domestic && src == "COP" && protesters(tgt, ev->target_ev.text) && ev->root != "17")
    Recode(ev, "175", "force used by the police on protesters");
}

}  // namespace

uint32_t EventContext::TokenAt(uint32_t byte) const {
  for (uint32_t i = 0; i < toks_.size(); ++i)
    if (toks_[i].end > byte) return i;
  return toks_.empty() ? 0 : uint32_t(toks_.size() - 1);
}

void EventContext::AnalyseSentence(std::string_view text, uint32_t start, uint32_t end,
                                   int article) {
  toks_.clear();
  text::Tokenize(text.substr(start, end - start), start, &toks_);
  words_.resize(toks_.size());
  for (size_t i = 0; i < toks_.size(); ++i) {
    text::NormalizeToken(text.substr(toks_[i].start, toks_[i].end - toks_[i].start), &norm_);
    words_[i] = norm_;
  }
  recognize::FindDates(words_, article, &dates_);
  mentions_.clear();
  if (!places_) return;
  const uint32_t n = uint32_t(toks_.size());
  const uint32_t max_words = uint32_t(std::max(1, places_->max_words()));
  std::string phrase;
  for (uint32_t i = 0; i < n; ++i) {
    if (!toks_[i].capitalized || !places_->MayStart(words_[i])) continue;
    // A place name is a run of capitalised words, with connectors inside
    // ("Bosnia and Herzegovina", "Sharm el-Sheikh", "Gulf of Aden").
    uint32_t run = 1;
    while (run < max_words && i + run < n &&
           (toks_[i + run].capitalized ||
            OneOf(words_[i + run], {"of", "de", "del", "el", "al", "la", "and", "-", "'", "d"})))
      ++run;
    for (uint32_t len = run; len >= 1; --len) {
      if (!toks_[i + len - 1].word || !toks_[i + len - 1].capitalized) continue;
      phrase.clear();
      for (uint32_t k = i; k < i + len; ++k) {
        if (k > i) phrase.push_back(' ');
        phrase += words_[k];
      }
      const recognize::Place* p = places_->Lookup(phrase);
      if (!p) continue;
      PlaceMention m;
      m.begin = i;
      m.end = i + len;
      m.place = p;
      // "Paktika province", "the Kharkiv region": the head word belongs to it.
      if (m.end < n && TrailingHead(words_[m.end])) {
        std::string longer = phrase + " " + words_[m.end];
        if (const recognize::Place* q = places_->Lookup(longer)) m.place = q;
        ++m.end;
      }
      // What comes before: "in (the) X", "the (Ukrainian) city of X".
      uint32_t b = i;
      if (b > 0 && words_[b - 1] == "the") --b;
      if (b > 0 && Locative(words_[b - 1])) m.locative = true;
      // "a raid on Caracas", "strikes on Kharkiv"; not "talks on Ukraine".
      if (b > 0 && words_[b - 1] == "on" && p->kind != "country" && p->kind != "territory")
        m.locative = true;
      if (!m.locative && b > 0 && words_[b - 1] == "of") {
        for (uint32_t j = b - 1; j-- > 0 && j + 4 >= b;)
          if (PlaceNoun(words_[j])) { m.locative = true; break; }
      }
      // "in eastern Ukraine", "in northern Gaza": one adjective between.
      if (!m.locative && b > 1 && Locative(words_[b - 2]) && !toks_[b - 1].capitalized &&
          toks_[b - 1].word)
        m.locative = true;
      mentions_.push_back(m);
      i = m.end - 1;
      break;
    }
  }
}

void EventContext::SetDate(const Document& doc, int article, Event* ev) const {
  if (ev->date_ev.present()) return;  // the coder dated it (a TABARI <TIME> entry)
  ev->event_date = doc.date;
  if (dates_.empty() || article == 0) return;
  const uint32_t t = TokenAt(ev->trigger_ev.start);
  const recognize::DateMention* best = nullptr;
  uint32_t best_dist = ~0u;
  for (const recognize::DateMention& d : dates_) {
    uint32_t dist = d.begin > t ? d.begin - t : (t >= d.end ? t - d.end + 1 : 0);
    if (dist < best_dist) {
      best = &d;
      best_dist = dist;
    }
  }
  const int date = ev->mode == "future" ? best->next : best->past;
  ev->event_date = FormatDate(date);
  ev->date_ev.start = toks_[best->begin].start;
  ev->date_ev.end = toks_[best->end - 1].end;
  ev->date_ev.text = doc.text.substr(ev->date_ev.start, ev->date_ev.end - ev->date_ev.start);
  ev->date_ev.entry = "date expression";
}

void EventContext::SetLocation(const Document& doc, Event* ev) const {
  ev->location = Location{};
  if (mentions_.empty()) return;
  const uint32_t t = TokenAt(ev->trigger_ev.start);
  const uint32_t te = TokenAt(ev->trigger_ev.end - 1);
  auto inside = [&](const PlaceMention& m, const Evidence& e) {
    return e.present() && toks_[m.begin].start >= e.start && toks_[m.end - 1].end <= e.end;
  };
  const PlaceMention* best = nullptr;
  int best_score = 0;
  for (const PlaceMention& m : mentions_) {
    const std::string& kind = m.place->kind;
    const bool is_country = kind == "country" || kind == "territory";
    int score = 0;
    if (inside(m, ev->source_ev)) continue;  // the actor itself
    if (inside(m, ev->target_ev)) {
      // "drones hit Kyiv": the target city is the place of an attack.
      if (IsMaterialConflict(*ev) && !is_country) score = 2;
      else continue;
    } else if (m.locative) {
      score = 2;
    } else if (IsMaterialConflict(*ev) && !is_country && m.begin > te && m.begin <= te + 3) {
      score = 2;  // "attack Kharkiv", "shelled the city of Kherson"
    } else if (m.end < toks_.size() && words_[m.end] == "'s" && IsMaterialConflict(*ev) &&
               !is_country) {
      score = 1;  // "Kyiv's government building"
    }
    if (score == 0) continue;
    // Nearest after the trigger first, then nearest before it.
    const bool after = m.begin > t;
    const uint32_t dist = after ? m.begin - t : t - std::min(t, m.begin);
    score = score * 1000 + (after ? 500 : 0) - int(std::min<uint32_t>(dist, 400));
    if (!best || score > best_score) {
      best = &m;
      best_score = score;
    }
  }
  if (!best) return;
  const recognize::Place& p = *best->place;
  Location& loc = ev->location;
  loc.name = p.name;
  loc.country = p.country;
  loc.admin1 = p.admin1;
  loc.kind = p.kind;
  loc.lat = p.lat;
  loc.lon = p.lon;
  loc.ev.start = toks_[best->begin].start;
  loc.ev.end = toks_[best->end - 1].end;
  loc.ev.text = doc.text.substr(loc.ev.start, loc.ev.end - loc.ev.start);
  loc.ev.entry = "gazetteer: " + p.name + " (" + p.kind + ", " + p.country + ")";
}

void EventContext::Annotate(const Document& doc, const std::vector<Sentence>& sents,
                            std::vector<Event>* events, size_t first) {
  int article = 0;
  if (!ParseDate(doc.date, &article)) article = 0;
  int analysed = -1;
  for (size_t i = first; i < events->size(); ++i) {
    Event& ev = (*events)[i];
    if (ev.sent_index < 0 || size_t(ev.sent_index) >= sents.size()) {
      ev.event_date = doc.date;
      continue;
    }
    if (ev.sent_index != analysed) {
      const Sentence& s = sents[size_t(ev.sent_index)];
      AnalyseSentence(doc.text, s.start, s.end, article);
      analysed = ev.sent_index;
    }
    SetDate(doc, article, &ev);
    SetLocation(doc, &ev);
    // "Israel denied that its troops had killed ...": agents after "its" or
    // "their" belong to the first actor of the sentence that comes before
    // them.
    if (place_targets_ && ev.source.compare(0, 3, "---") == 0 && ev.source_ev.present()) {
      const std::string_view before =
          std::string_view(doc.text).substr(0, ev.source_ev.start);
      const bool owned = (before.size() >= 4 && before.substr(before.size() - 4) == "its ") ||
                         (before.size() >= 6 && before.substr(before.size() - 6) == "their ");
      if (owned) {
        const Event* owner = nullptr;
        for (size_t j = first; j < events->size(); ++j) {
          const Event& o = (*events)[j];
          if (o.sent_index != ev.sent_index || !o.source_ev.present() ||
              o.source_ev.start >= ev.source_ev.start || CountryOf(o.source).empty())
            continue;
          if (!owner || o.source_ev.start < owner->source_ev.start) owner = &o;
        }
        if (owner) GiveCountry(&ev.source, &ev.source_ev, CountryOf(owner->source), "its owner");
      }
    }
    // Agents named without a country are of the place where it happened
    // ("shelled Kherson, wounding four civilians"), else a target agent is
    // of the source's country ("Serbian police fired tear gas at protesters").
    if (!place_targets_) continue;  // peer dictionaries keep the peers' coding
    // An agent without a country in reported speech is the speaker's own:
    // "Pakistan's military said its forces had killed ...", "Russian state
    // media reported that the army had captured ...".
    // (Not when a partner in the same act has a country: "the Rapid Support
    // Forces and allied militias had committed ..." are not the speaker's.)
    if (ev.source.compare(0, 3, "---") == 0 && !ev.attribution.empty()) {
      for (size_t j = first; j < events->size(); ++j) {
        const Event& o = (*events)[j];
        if (&o == &ev || o.sent_index != ev.sent_index || o.trigger_ev.start != ev.trigger_ev.start ||
            o.code != ev.code || CountryOf(o.source).empty())
          continue;
        GiveCountry(&ev.source, &ev.source_ev, CountryOf(o.source), "its partner in the act");
        break;
      }
    }
    if (!ev.attribution.empty())
      GiveCountry(&ev.source, &ev.source_ev, CountryOf(ev.attribution), "the speaker");
    // Gunmen of no known allegiance are not of the place they strike.
    if (ev.location.present() && RoleOf(ev.source) != "UAF") {
      GiveCountry(&ev.source, &ev.source_ev, ev.location.country, "the event's location");
    }
    if (ev.location.present())
      GiveCountry(&ev.target, &ev.target_ev, ev.location.country, "the event's location");
    // "Kenya's opposition demanded the resignation of President Ruto after
    // police killed dozens of protesters": agents of no country in a
    // sentence whose other actors all belong to one country are of it.
    if (ev.source.compare(0, 3, "---") == 0 && ev.source.size() > 3 &&
        (ev.target == "---" || (ev.target.compare(0, 3, "---") == 0 && ev.target.size() > 3))) {
      std::string only;
      bool one = true;
      for (size_t j = first; j < events->size() && one; ++j) {
        const Event& o = (*events)[j];
        if (o.sent_index != ev.sent_index || &o == &ev) continue;
        for (const std::string* c : {&o.source, &o.target}) {
          const std::string cc = CountryOf(*c);
          if (cc.empty()) continue;
          if (only.empty()) only = cc;
          else if (cc != only) one = false;
        }
      }
      if (one && !only.empty()) {
        GiveCountry(&ev.source, &ev.source_ev, only, "the sentence's other actors");
        GiveCountry(&ev.target, &ev.target_ev, only, "the sentence's other actors");
      }
    }
    // Not for force, where victims are as often foreign ("forces killed 23
    // militants") and a wrong country is worse than none.
    if (ev.root < "15" || ev.root == "16" || ev.root == "17")
      GiveCountry(&ev.target, &ev.target_ev, CountryOf(ev.source), "the source");
    RecodeByActors(doc.text, &ev);
    // Withdrawing from an international organisation or court reduces
    // relations with it (16), it is no military retreat (0874): "Mali,
    // Burkina Faso and Niger announced their withdrawal from the ICC".
    if (ev.code == "0874" && ev.target.compare(0, 3, "IGO") == 0 &&
        ev.source.compare(0, 3, "IGO") != 0)
      Recode(&ev, "160", "withdrawal from an international organisation");
    // The place as target only where the coder lets a place be one: force,
    // protest and aid ("drones hit Kharkiv"), not talks held in a city.
    if (ev.target == "---" && ev.location.present() && (ev.root >= "14" || ev.root == "07") &&
        ev.location.ev.start > ev.trigger_ev.start && ev.location.country != ev.source) {
      ev.target = ev.location.country;
      ev.target_ev = ev.location.ev;
      ev.target_ev.entry = "place hit: " + ev.location.ev.entry;
    }
    // Protest (14) and repression (17) aimed at no one named are domestic:
    // "workers went on strike", "authorities declared a state of siege".
    if (ev.target == "---" && (ev.root == "14" || ev.root == "17")) {
      const std::string home = CountryOf(ev.source);
      if (home.size() == 3 && home != "---" && home != ev.source) {
        ev.target = home;
        ev.target_ev = Evidence{};
        ev.target_ev.entry = "domestic: the source's country";
      }
    }
    // A country's people or civilians protesting or demanding with no one
    // named address their government: "Georgians rallied in Tbilisi
    // demanding new elections", "thousands of Israelis blocked a highway".
    if (ev.target == "---" && (ev.root == "14" || ev.root == "10")) {
      const std::string home = CountryOf(ev.source);
      const std::string role = ev.source.size() >= 6 ? ev.source.substr(3, 3) : "";
      const bool people = ev.source == home || role == "CVL" || role == "OPP" ||
                          role == "LAB" || role == "EDU";
      if (home.size() == 3 && home != "---" && people) {
        ev.target = home + "GOV";
        ev.target_ev = Evidence{};
        ev.target_ev.entry = "domestic: the government of the source's country";
      }
    }
  }
  if (place_targets_) {
    // "The United States determined that the RSF had committed genocide",
    // "a U.N. commission concluded that Israel has committed genocide": a
    // finding of genocide, war crimes or ethnic cleansing reported by
    // another party accuses the perpetrator (1124); the act is alleged.
    const size_t before = events->size();
    for (size_t i = first; i < before; ++i) {
      Event& e = (*events)[i];
      if (e.root != "20" || e.attribution.empty() || !e.mode.empty()) continue;
      const std::string_view t = e.trigger_ev.text;
      const bool legal = t.find("genocide") != std::string_view::npos ||
                         t.find("war crimes") != std::string_view::npos ||
                         t.find("crimes against humanity") != std::string_view::npos ||
                         t.find("ethnic cleansing") != std::string_view::npos;
      const std::string accuser = e.attribution;
      if (!legal || CountryOf(accuser) == CountryOf(e.source) || accuser == e.source) continue;
      e.mode = "alleged";
      Event a = e;
      a.source = accuser;
      a.target = e.source;
      a.source_ev = Evidence{};
      a.source_ev.entry = "the speaker of the finding";
      a.target_ev = e.source_ev;
      a.mode.clear();
      a.attribution.clear();
      a.location = Location{};
      dict::SetEventCode(&a, "1124");
      a.trigger_ev.entry += " (a finding of " + std::string(t) + " accuses: 1124)";
      events->push_back(std::move(a));
    }
    // "Protesters set fire to the parliament building, and Prime Minister
    // Oli resigned hours later": yielding to demands (083x) with no one
    // named yields to the protest of the same sentence.
    for (size_t i = first; i < events->size(); ++i) {
      Event& e = (*events)[i];
      if (e.target != "---" || e.code.compare(0, 3, "083") != 0) continue;
      for (size_t j = first; j < events->size(); ++j) {
        const Event& p = (*events)[j];
        if (p.sent_index == e.sent_index && p.root == "14" && p.source != e.source) {
          e.target = p.source;
          e.target_ev = p.source_ev;
          break;
        }
      }
    }
    // Drop what the countries given above made into a self-event ("troops
    // arrive at a U.S. base" with the troops now USAMIL on both sides), and,
    // under require_dyad, an event still without a target unless it is
    // complete without one (dict::CompleteWithoutTarget).
    const bool dyad = require_dyad_;
    // An event complete without a target keeps its source when its target
    // turned into the source ("Trudeau expressed optimism about the
    // government's plans").
    for (size_t i = first; i < events->size(); ++i) {
      Event& e = (*events)[i];
      if (dict::CompleteWithoutTarget(e.code) && e.source == e.target && e.source != "---") {
        e.target = "---";
        e.target_ev = Evidence{};
      }
    }
    // Nor meetings or visits between a country and its own actors where one
    // side is the bare country ("Xi Jinping ... his first visit to China",
    // "Egyptian leaders met"): such pairs come from a name read as a party,
    // not from two parties.
    auto self_pair = [](const Event& e) {
      if (e.root != "04" || e.code == "045") return false;  // a mediator's parties may be unnamed
      const std::string sc = CountryOf(e.source), tc = CountryOf(e.target);
      return !sc.empty() && sc == tc && (e.source.size() == 3 || e.target.size() == 3);
    };
    // "Chinese tourists visited Thailand": travel by private people named
    // by a nationality is no visit between countries.
    auto private_travel = [&doc](const Event& e) {
      if (e.root != "04") return false;
      for (const Evidence* side : {&e.source_ev, &e.target_ev}) {
        if (!side->present() || side->end >= doc.text.size()) continue;
        std::string_view rest = std::string_view(doc.text).substr(side->end);
        if (rest.empty() || rest[0] != ' ') continue;
        rest.remove_prefix(1);
        for (std::string_view w : {"tourists", "visitors", "travellers", "travelers", "pilgrims",
                                   "holidaymakers", "fans", "shoppers"})
          if (rest.substr(0, w.size()) == w) return true;
      }
      return false;
    };
    events->erase(std::remove_if(events->begin() + long(first), events->end(),
                                 [dyad, &self_pair, &private_travel](const Event& e) {
                                   if (private_travel(e)) return true;
                                   return (dyad && e.target == "---" && !dict::CompleteWithoutTarget(e.code)) ||
                                          (e.source == e.target && e.source != "---") || self_pair(e);
                                 }),
                  events->end());
    // Codes or countries given above can make two events of a sentence the
    // same ("stormed the parliament and set it on fire": two riots); the
    // first is kept.
    size_t kept = first;
    for (size_t i = first; i < events->size(); ++i) {
      const Event& e = (*events)[i];
      bool seen = false;
      for (size_t j = first; j < kept && !seen; ++j) {
        const Event& o = (*events)[j];
        seen = o.sent_index == e.sent_index && o.source == e.source && o.target == e.target &&
               o.code == e.code && o.mode == e.mode;
      }
      if (!seen) {
        if (kept != i) (*events)[kept] = std::move((*events)[i]);
        ++kept;
      }
    }
    events->resize(kept);
  }
}

}  // namespace casus::internal
