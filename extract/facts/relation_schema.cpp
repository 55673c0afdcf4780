#include "extract/facts/relation_schema.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace kg::extract {

namespace {

std::vector<std::string_view> label_words(std::string_view relation) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos <= relation.size()) {
    size_t end = relation.find('_', pos);
    if (end == std::string_view::npos) end = relation.size();
    if (end > pos) words.push_back(relation.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

bool any_of(const std::vector<std::string_view>& words,
            std::initializer_list<std::string_view> set) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return std::find(set.begin(), set.end(), w) != set.end();
  });
}

// Nouns of a person's place in an organization: "spokesman_of", "chief_executive_of".
bool names_post(const std::vector<std::string_view>& w) {
  return any_of(
      w,
      {"spokesman",     "spokeswoman", "spokesperson", "chairman",       "chairwoman", "chair",
       "director",      "president",   "executive",    "chief",          "head",       "manager",
       "official",      "employee",    "member",       "leader",         "founder",    "secretary",
       "analyst",       "economist",   "editor",       "correspondent",  "reporter",   "officer",
       "lawyer",        "worker",      "ceo",          "adviser",        "advisor",    "aide",
       "coach",         "player",      "captain",      "boss",           "partner",    "professor",
       "researcher",    "scientist",   "engineer",     "representative", "ambassador", "envoy",
       "commissioner",  "commander",   "minister",     "vice",           "deputy",     "governor",
       "general",       "chancellor",  "staff",        "treasurer",      "trustee",    "dean",
       "administrator", "strategist",  "consultant"});
}

// Verbs of working for or leading an organization: "work_for", "join", "lead".
bool works_verb(const std::vector<std::string_view>& w) {
  return any_of(w, {"work", "join", "lead", "head", "chair", "represent", "serve", "manage",
                    "direct", "coach", "employ", "hire", "run", "operate"});
}

bool is_kill(const std::vector<std::string_view>& w) {
  return any_of(w, {"kill", "assassinate", "murder", "slay", "shoot", "stab", "execute", "strangle",
                    "behead", "poison", "assassin", "killer", "murderer", "assassination",
                    "killing", "shooting", "slaying", "gunman"});
}

}  // namespace

std::string placed_class(std::string_view cls, std::string_view subject, std::string_view object) {
  const bool placed = cls == "lives_in" || cls == "based_in" || cls == "located_in";
  if (!placed || object != "Place") return std::string(cls);
  if (subject == "Person") return "lives_in";
  if (subject == "Organization") return "based_in";
  if (subject == "Place") return "located_in";
  return std::string(cls);
}

bool class_fits(std::string_view cls, std::string_view subject, std::string_view object) {
  const bool person = subject == "Person", org = subject == "Organization",
             place = subject == "Place";
  if (cls == "works_for") return person && object == "Organization";
  if (cls == "based_in") return org && object == "Place";
  if (cls == "located_in") return place && object == "Place";
  if (cls == "lives_in" || cls == "born_in" || cls == "leader_of")
    return person && object == "Place";
  if (cls == "killed") return person && object == "Person";
  if (cls == "member_of" || cls == "part_of") return org && object == "Organization";
  return false;
}

std::string rule_class(std::string_view relation, std::string_view subject,
                       std::string_view object) {
  const std::vector<std::string_view> w = label_words(relation);
  if (w.empty()) return "";
  // "be_killed", "be_born_in": a passive without its agent says nothing of who did it, but a
  // birth's place is its own subject's.
  const bool passive = w.front() == "be" && w.size() > 1;
  if (subject == "Person" && object == "Person") return !passive && is_kill(w) ? "killed" : "";
  if (subject == "Person" && object == "Place") {
    if (any_of(w, {"bear", "born", "birthplace"})) return "born_in";
    if (any_of(w, {"president", "premier", "prime", "governor", "mayor", "king", "queen",
                   "chancellor", "leader", "ruler", "emperor", "dictator"}) &&
        w.back() == "of")
      return "leader_of";
    if (any_of(w, {"live", "reside", "settle", "native", "resident", "citizen", "inhabitant"}))
      return "lives_in";
    return "";
  }
  if (subject == "Person" && object == "Organization")
    return names_post(w) || (!passive && works_verb(w)) ? "works_for" : "";
  if (subject == "Organization" && object == "Place") {
    if (any_of(w, {"base", "based", "headquarter", "headquarters", "locate", "office"}) ||
        relation == "be_in" || relation == "in")
      return "based_in";
    return "";
  }
  if (subject == "Place" && object == "Place") {
    if (relation == "be_in" || relation == "in" || relation == "be_located_in" ||
        any_of(w, {"capital", "city", "town", "province", "region", "state", "county", "suburb",
                   "district", "village", "port"}))
      return "located_in";
    return "";
  }
  if (subject == "Organization" && object == "Organization") {
    if (any_of(w, {"member", "join"})) return "member_of";
    if (any_of(w, {"unit", "subsidiary", "division", "arm", "branch", "part", "affiliate"}))
      return "part_of";
  }
  return "";
}

}  // namespace kg::extract
