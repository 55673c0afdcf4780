#include "extract/entities/ner.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "base/ascii.h"
#include "extract/entities/names.h"
#include "extract/entities/ner_conll.h"
#include "extract/entities/ner_labels.h"
#include "extract/entities/ner_model.h"
#include "extract/entities/ner_roles.h"
#include "extract/resources/paths.h"

namespace kg::extract {
namespace {

// A person's name the recognizer stops one word short of: in "John Wilkes Booth shot Lincoln"
// it reads "Booth" as the English word. A capitalized word right after a person's name, outside
// every entity, that WordNet knows as a surname and after which the name ends (no capitalized
// word follows), joins the name.
void complete_surnames(const ner::Gazetteer& gazetteer, const std::vector<std::string_view>& forms,
                       std::vector<std::string>& tags) {
  std::vector<std::vector<uint8_t>> marks;
  for (size_t i = 1; i < forms.size(); ++i) {
    if (tags[i] != "O" || (tags[i - 1] != "B-PER" && tags[i - 1] != "I-PER")) continue;
    if (forms[i].empty() || !base::is_ascii_upper(forms[i][0])) continue;
    if (i + 1 < forms.size() && !forms[i + 1].empty() && base::is_ascii_upper(forms[i + 1][0]))
      continue;
    if (marks.empty()) marks = gazetteer.match(forms);
    bool surname = false;
    for (uint8_t m : marks[i])
      surname = surname || (m / 4 == ner::kGazSurname && (m % 4 == 3 || m % 4 == 2));
    if (surname) tags[i] = "I-PER";
  }
}

// A person named after a title inside an organization's or a place's name: "Armed Forces
// Minister Adam Ingram", "US Treasury Secretary John Snow" read as one organization. Where a
// given name follows a role word within such a span and capitalized words end it, the words
// from the given name on are the person, the role words nobody's name, and what comes before
// them keeps its type (the role's owner, read by attach_role).
void split_titled_people(const ner::Gazetteer& gazetteer, const ner::RoleLexicon* roles,
                         const std::vector<std::string_view>& forms,
                         std::vector<std::string>& tags) {
  std::vector<std::vector<uint8_t>> marks;
  auto has = [&](size_t i, int category) {
    for (uint8_t m : marks[i])
      if (m / 4 == category) return true;
    // A role of two letters is written in capitals ("MP", "DA"), not "Da Vinci".
    if (category == ner::kGazRoleWord && roles &&
        (forms[i].size() > 2 || base::is_ascii_upper(forms[i].back())))
      return roles->is_role(base::ascii_lower(forms[i]));
    return false;
  };
  for (size_t i = 0; i < forms.size();) {
    size_t j = i;
    if (tags[i].size() < 2 || tags[i][0] != 'B' || tags[i].substr(2) == "PER") {
      ++i;
      continue;
    }
    while (j + 1 < forms.size() && tags[j + 1][0] == 'I') ++j;
    if (marks.empty()) marks = gazetteer.match(forms);
    // The person is a given name and one or two more words ("Adam Ingram"), not a role word
    // itself ("Chief Constable"), nor a given name alone ("Queen Mother", "Justice Bill").
    for (size_t k = std::max(i + 1, j >= 2 ? j - 2 : 0); k < j; ++k) {
      if (!has(k, ner::kGazGivenName) || has(k, ner::kGazRoleWord) ||
          !has(k - 1, ner::kGazRoleWord))
        continue;
      bool capitals = true;
      for (size_t n = k; n <= j; ++n)
        capitals = capitals && !forms[n].empty() && base::is_ascii_upper(forms[n][0]);
      if (!capitals) continue;
      size_t role = k - 1;
      while (role > i && has(role - 1, ner::kGazRoleWord)) --role;
      // What is left before the role ends on a capitalized word ("Queen and" is not a name).
      while (role > i && (forms[role - 1].empty() || !base::is_ascii_upper(forms[role - 1][0])))
        --role;
      for (size_t n = role; n < k; ++n) tags[n] = "O";
      tags[k] = "B-PER";
      for (size_t n = k + 1; n <= j; ++n) tags[n] = "I-PER";
      break;
    }
    i = j + 1;
  }
}

bool is_role_modifier(const std::string& form) {
  static const char* kStopWords[] = {
      "the",  "a",    "an",   "of",   "and",  "or",  "for", "with", "by",    "to", "in", "on", "at",
      "from", "said", "says", "told", "that", "his", "her", "its",  "their", "as", "is", "was"};
  if (form.empty()) return false;
  for (char c : form)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  std::string lower = base::ascii_lower(form);
  for (const char* stop : kStopWords)
    if (lower == stop) return false;
  return true;
}

// Fills role and role_of for a person from the words right before it.
void attach_role(const std::string& text, const Sentence& sentence,
                 const std::vector<Entity>& sentence_entities, const ner::RoleLexicon& roles,
                 Entity& person) {
  auto lower_key = [&](uint32_t i) {
    std::string key = base::ascii_lower(sentence.tokens[i].form);
    for (char& c : key)
      if (c == '-') c = ' ';
    return key;
  };
  auto entity_ending_at = [&](uint32_t i) -> const Entity* {
    for (const Entity& e : sentence_entities)
      if (e.last == i && &e != &person) return &e;
    return nullptr;
  };
  if (person.first == 0) return;
  uint32_t end = person.first - 1, start = person.first;  // role words: start..end
  for (uint32_t n = 4; n >= 1; --n) {  // up to 4 tokens: "Secretary - General" is three
    if (end + 1 < n) continue;
    uint32_t k = end + 1 - n;
    if (sentence.tokens[k].form == "-") continue;
    std::string phrase;
    for (uint32_t i = k; i <= end; ++i) {
      std::string key = lower_key(i);
      if (key == " ") continue;  // a hyphen token joins words like a space
      if (!phrase.empty()) phrase += ' ';
      phrase += key;
    }
    if (entity_ending_at(end) == nullptr && roles.is_role(phrase)) {
      start = k;
      break;
    }
  }
  if (start == person.first) return;
  const int kMaxModifiers = 3;
  int modifiers = 0;
  while (start > 0) {
    uint32_t m = start - 1;
    const std::string& form = sentence.tokens[m].form;
    if (const Entity* owner = entity_ending_at(m)) {
      std::string place = roles.place_of_demonym(owner->text);
      person.role_of = !place.empty() ? place : roles.canonical_name(owner->text);
      break;
    }
    if ((form == "'s" || form == "\xE2\x80\x99s") && m > 0) {
      if (const Entity* owner = entity_ending_at(m - 1))
        person.role_of = roles.canonical_name(owner->text);
      break;
    }
    if (form == ")") {  // "United Nations (UN) Secretary-General": the name before the brackets
      uint32_t open = m;
      while (open > 0 && m - open < 4 && sentence.tokens[open].form != "(") --open;
      const Entity* owner = nullptr;
      if (sentence.tokens[open].form == "(") {
        if (open > 0) owner = entity_ending_at(open - 1);
        if (!owner && m > 0) owner = entity_ending_at(m - 1);
      }
      if (owner) person.role_of = roles.canonical_name(owner->text);
      break;
    }
    std::string place = roles.place_of_demonym(form);
    if (!place.empty()) {
      person.role_of = place;
      break;
    }
    // A verb ends the title: in "Tony Blair has backed Chancellor Gordon Brown" the role is
    // "chancellor", not "has backed chancellor" of Tony Blair (tags are there when the
    // pipeline ran; without them the word test alone decides).
    const std::string& upos = sentence.tokens[m].upos;
    if (upos == "VERB" || upos == "AUX") break;
    if (modifiers == kMaxModifiers || !is_role_modifier(form) || form == "-") break;
    --start;
    ++modifiers;
  }
  // The role as written (lowercased), so "Secretary-General" keeps its hyphen.
  uint32_t begin = sentence.tokens[start].begin, finish = sentence.tokens[person.first - 1].end;
  if (begin < finish && finish <= text.size()) {
    person.role = base::ascii_lower(text.substr(begin, finish - begin));
    return;
  }
  for (uint32_t i = start; i < person.first; ++i) {
    if (i > start) person.role += ' ';
    person.role += base::ascii_lower(sentence.tokens[i].form);
  }
}

}  // namespace

EntityRecognizer EntityRecognizer::load(const std::string& dir) {
  EntityRecognizer recognizer;
  recognizer.model_ = std::make_shared<const ner::NerModel>(
      ner::NerModel::load(dir + "/" + ner::kModelFile, dir + "/" + ner::kClustersFile));
  std::string wordnet = default_wordnet_dir();
  try {
    recognizer.roles_ = std::make_shared<const ner::RoleLexicon>(ner::RoleLexicon::build(wordnet));
  } catch (const std::runtime_error&) {
    recognizer.roles_.reset();  // no WordNet: entities still work, roles stay empty
  }
  return recognizer;
}

std::vector<Entity> EntityRecognizer::recognize(const Document& doc) const {
  if (!model_) throw std::logic_error("EntityRecognizer used before load()");
  std::vector<std::vector<std::string_view>> forms;
  for (const Sentence& s : doc.sentences) {
    forms.emplace_back();
    for (const Token& t : s.tokens) forms.back().push_back(t.form);
  }
  auto labels = model_->label(forms);
  std::vector<Entity> entities;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& tokens = doc.sentences[s].tokens;
    std::vector<std::string> tags = ner::labels_to_iob2(labels[s]);
    complete_surnames(model_->gazetteer, forms[s], tags);
    split_titled_people(model_->gazetteer, roles_.get(), forms[s], tags);
    size_t sentence_start = entities.size();
    for (const names::NameSpan& c : names::clean_spans(doc.sentences[s], chunks_from_tags(tags))) {
      Entity e;
      e.sentence = s;
      // The honorific's token stays in the mention's tokens (for the title before it and the
      // parse-based patterns, which read "Mr Livingstone" as one noun phrase), not in its text.
      e.first = c.honorific.empty() ? c.first : c.first - 1;
      e.last = c.last;
      e.type = c.type;
      e.honorific = c.honorific;
      e.begin = tokens[c.first].begin;
      e.end = tokens[c.last].end - std::min(c.cut_end, tokens[c.last].end - e.begin);
      if (e.begin <= e.end && e.end <= doc.text.size()) {
        e.text = doc.text.substr(e.begin, e.end - e.begin);
      } else {  // offsets not filled in: rebuild from the forms
        for (uint32_t i = c.first; i <= c.last; ++i) {
          if (i > c.first) e.text += ' ';
          e.text += tokens[i].form;
        }
        e.text.resize(e.text.size() - std::min<size_t>(c.cut_end, e.text.size()));
      }
      entities.push_back(std::move(e));
    }
    if (!roles_) continue;
    std::vector<Entity> in_sentence(entities.begin() + sentence_start, entities.end());
    for (size_t k = sentence_start; k < entities.size(); ++k) {
      if (entities[k].type != "PER") continue;
      attach_role(doc.text, doc.sentences[s], in_sentence, *roles_,
                  in_sentence[k - sentence_start]);
      entities[k].role = in_sentence[k - sentence_start].role;
      entities[k].role_of = in_sentence[k - sentence_start].role_of;
    }
  }
  return entities;
}

std::vector<std::vector<std::string>> EntityRecognizer::tag(
    const std::vector<std::vector<std::string>>& sentences) const {
  if (!model_) throw std::logic_error("EntityRecognizer used before load()");
  std::vector<std::vector<std::string_view>> forms;
  for (const auto& s : sentences) forms.emplace_back(s.begin(), s.end());
  auto labels = model_->label(forms);
  std::vector<std::vector<std::string>> tags;
  for (const auto& l : labels) tags.push_back(ner::labels_to_iob2(l));
  return tags;
}

}  // namespace kg::extract
