// Closed-class English words that the coding stage reasons about (conjunctions,
// determiners, auxiliaries, negation, speech verbs). The dictionary compiler
// interns all of them so every stage can compare them by token id.
#pragma once

#include <string_view>

namespace casus::text {

inline constexpr std::string_view kClosedClassWords[] = {
    // list joiners and punctuation
    "and", "or", "&", ",", "as", "well", "along", "with", "together", ";", ":", "-",
    // possessive and prepositions
    "'s", "'", "of", "by", "from", "to", "in", "on", "at", "for", "against", "near", "outside", "inside",
    "off", "across", "around",
    // clause breaks
    "while", "whereas", "but", "meanwhile", "although", "though", "after", "before",
    "because", "since", "when", "which", "who", "whom", "where", "that", "if", "unless",
    // negation
    "not", "n't", "never", "no",
    // passive auxiliaries
    "was", "were", "been", "being", "is", "are", "be", "got", "get",
    // determiners and pre-nominal words that make a following verb form a noun
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "these",
    "those", "any", "every", "each", "some", "new", "fresh", "further", "latest", "recent",
    "first", "second", "third", "several", "more", "most", "many", "two", "three",
    "military", "deadly", "joint", "possible", "planned", "alleged", "such", "last", "massive",
    // anaphora: pronouns and "the two countries"
    "he", "she", "they", "it", "we", "both", "countries", "sides", "leaders", "governments", "nations",
    "neighbours", "neighbors", "allies", "capitals", "enemies", "rivals", "delegations",
    "parties", "men", "presidents", "ministers", "mediators", "partners", "states", "powers",
    // reciprocity: "each other", "one another"
    "one", "other", "another",
    // modality: intention and refusal
    "will", "would", "shall", "'ll", "willing", "ready", "prepared", "plans", "plan", "intends",
    "intend", "wants", "want", "aims", "seeks", "expects", "hopes", "vowed", "pledged",
    "promised", "offered", "refused", "declined", "failed", "fails", "fail", "refuses", "refuse",
    "declines", "decline", "refusing", "declining",
    // modality: uncertainty, scheduled future, allegation; beliefs that make what follows
    // hypothetical
    "must", "may", "might", "could", "possibly", "perhaps", "likely", "expected", "set", "due",
    "scheduled", "poised", "slated", "going", "preparing", "prepares", "allegedly", "reportedly", "purportedly",
    "whether", "fear", "fears", "feared", "believe", "believes", "believed", "suspect",
    "suspects", "suspected", "feel", "worry", "worried", "concerned", "estimate", "estimated",
    // speech verbs that introduce reported speech
    "say", "says", "said", "saying", "added", "stated", "claimed", "reported", "announced",
    "insisted", "argued", "noted", "told", "warned", "according", "claims", "claim",
    // findings that report what follows "that"
    "determined", "concluded", "found", "ruled",
    // what is claimed rather than said: "claimed responsibility"
    "responsibility", "credit", "victory",
    // prepositions of nominal events ("talks between A and B", "attack on X")
    "between", "against", "toward", "towards", "into", "over", "among",
};

// Nouns of events that are not a form of their verb, with the verb lemma
// whose dictionary entry codes them ("the seizure of a tanker" is coded as
// "seize"). Forms of a verb used as nouns ("the attack", "his visit",
// "talks", "the signing") need no entry.
struct NominalTrigger {
  std::string_view noun;
  std::string_view lemma;
};
inline constexpr NominalTrigger kNominalTriggers[] = {
    {"deliveries", "deliver"}, {"delivery", "deliver"}, {"seizure", "seize"},
    {"assistance", "assist"}, {"conviction", "convict"}, {"suspension", "suspend"},
    {"criticism", "criticize"}, {"condemnation", "condemn"}, {"invasion", "invade"},
    {"withdrawal", "withdraw"}, {"deployment", "deploy"}, {"recognition", "recognize"},
    {"expulsion", "expel"}, {"detention", "detain"}, {"bombardment", "bombard"},
    {"occupation", "occupy"}, {"annexation", "annex"}, {"mediation", "mediate"},
    {"negotiations", "negotiate"}, {"sales", "sell"}, {"sale", "sell"},
    {"threats", "threaten"}, {"threat", "threaten"}, {"warning", "warn"},
    {"warnings", "warn"}, {"accusations", "accuse"}, {"accusation", "accuse"},
    {"cooperation", "cooperate"}, {"trip", "visit"}, {"summit", "meet"},
    {"airstrikes", "strike"}, {"airstrike", "strike"}, {"shipments", "supply"},
    {"aggression", "attack"}, {"offensive", "attack"}, {"incursion", "invade"},
    {"incursions", "invade"}, {"provision", "provide"}, {"purchases", "purchase"},
    {"investigation", "investigate"}, {"investigations", "investigate"}, {"inquiry", "investigate"},
};

}  // namespace casus::text
