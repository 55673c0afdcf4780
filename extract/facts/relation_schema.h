// kg's small relation schema: the classes a reader asks about ("who works for IBM", "where is
// the Globe Theatre") beside the open relations read off the text. Every fact keeps its open
// label (`relation`: "spokesman_of", "meet"); the schema gives it a class when one fits.
//
// | class      | ends                      | what it says                                         |
// | ---------- | ------------------------- | ---------------------------------------------------- |
// | works_for  | Person -> Organization    | employee, official, spokesman, member, leader of it  |
// | based_in   | Organization -> Place     | its seat, headquarters or branch is there            |
// | located_in | Place -> Place            | the first is inside the second (city in a country)   |
// | lives_in   | Person -> Place           | lives, lived or comes from there (citizens, natives) |
// | killed     | Person -> Person          | the first killed the second                          |
// | born_in    | Person -> Place           | was born there                                       |
// | leader_of  | Person -> Place           | heads its government (president, prime minister)     |
// | member_of  | Organization -> Organization | belongs to it (a party to an alliance, a league)  |
// | part_of    | Organization -> Organization | a unit or subsidiary of it |
//
// The first five are CoNLL04's relations (Work_For, OrgBased_In, Located_In, Live_In, Kill),
// which the pair classifier learns (relation_pairs.h); the others are given by the rules below.
// The ends' types are the schema's intent, not a filter: the classifier reads them as features
// and may relate a pair the recognizer typed wrongly ("AFP" a place, based_in Paris).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace kg::extract {

// The classes the pair classifier decides between, "" (none) first.
inline constexpr std::array<std::string_view, 6> kPairClasses = {
    "", "works_for", "based_in", "located_in", "lives_in", "killed"};

// Whether a class of the schema may join ends of these kg types (Person, Place, Organization).
bool class_fits(std::string_view cls, std::string_view subject_type, std::string_view object_type);

// The class of "X is at place Y" for X's type: lives_in for a person, based_in for an
// organization, located_in for a place; any other class, or an end not a place, as it is.
std::string placed_class(std::string_view cls, std::string_view subject_type,
                         std::string_view object_type);

// The class an open relation states by its words alone, for facts between ends of these types:
// "spokesman_of" (Person -> Organization) works_for, "kill" (Person -> Person) killed,
// "be_born_in" born_in, "headquarter_in" based_in. "" when the words do not say.
std::string rule_class(std::string_view relation, std::string_view subject_type,
                       std::string_view object_type);

}  // namespace kg::extract
