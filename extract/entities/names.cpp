#include "extract/entities/names.h"

#include <stdexcept>

#include "base/ascii.h"
#include "base/split.h"

namespace kg::extract::names {

namespace {

// Punctuation that may not open, close or sit inside a name. Hyphens, periods inside tokens,
// "&" (Procter & Gamble) and "/" are not in it.
bool is_break(std::string_view form) {
  static const std::string_view kUnicode[] = {"\u2018", "\u2019", "\u201c", "\u201d", "\u2013",
                                              "\u2014", "\u2026", "\u00ab", "\u00bb"};
  if (form.empty()) return false;
  for (size_t i = 0; i < form.size();) {
    unsigned char c = static_cast<unsigned char>(form[i]);
    if (c < 0x80) {
      if (std::string_view("\"'`()[]{}:;,!?.*|<>").find(static_cast<char>(c)) ==
          std::string_view::npos)
        return false;
      ++i;
      continue;
    }
    bool matched = false;
    for (std::string_view u : kUnicode)
      if (form.substr(i, u.size()) == u) {
        i += u.size();
        matched = true;
        break;
      }
    if (!matched) return false;
  }
  return true;
}

bool is_possessive(std::string_view form) {
  return form == "'s" || form == "'" || form == "\u2019s" || form == "\u2019" || form == "'S";
}

bool starts_upper(std::string_view form) {
  return !form.empty() &&
         (base::is_ascii_upper(form[0]) || static_cast<unsigned char>(form[0]) >= 0xC3);
}

bool has_upper(std::string_view form) {
  for (char c : form)
    if (base::is_ascii_upper(c) || static_cast<unsigned char>(c) >= 0xC3) return true;
  return false;
}

bool is_name_particle(std::string_view form) {
  static const std::string_view kParticles[] = {"de",  "van", "von", "der", "den",   "al",  "el",
                                                "la",  "le",  "di",  "da",  "du",    "bin", "ibn",
                                                "ter", "dos", "das", "del", "della", "ben"};
  for (std::string_view p : kParticles)
    if (form == p) return true;
  return false;
}

// Titles written before a name (royal ones, "Prince Charles", are part of how he is named).
bool is_title(std::string_view form) {
  static const std::string_view kTitles[] = {
      "president", "chancellor", "minister",  "secretary",   "senator",      "sen",
      "governor",  "gov",        "general",   "gen",         "lt",           "col",
      "colonel",   "sgt",        "sergeant",  "judge",       "mayor",        "leader",
      "chairman",  "chairwoman", "spokesman", "spokeswoman", "commissioner", "ambassador",
      "premier",   "chief",      "coach",     "deputy"};
  std::string lower = base::ascii_lower(form);
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  for (std::string_view t : kTitles)
    if (lower == t) return true;
  return false;
}

// The token at `hyphen` is a hyphen written with no space on either side.
bool is_glued_hyphen(const Sentence& s, uint32_t hyphen) {
  return hyphen > 0 && hyphen + 1 < s.tokens.size() && s.tokens[hyphen].form == "-" &&
         !s.tokens[hyphen - 1].space_after && !s.tokens[hyphen].space_after;
}

// Joins names split at a hyphen the text writes without spaces. Two recognized names are joined
// only when one of them has more than one word: "Smith-Jones Center", "Lee Ka-wing", but not
// "the Iran-Iraq war" or "the Blair-Brown feud", which pair two names as a modifier.
void join_hyphenated(const Sentence& s, std::vector<NameSpan>& spans) {
  for (size_t i = 0; i < spans.size(); ++i) {
    NameSpan& span = spans[i];
    while (is_glued_hyphen(s, span.last + 1)) {
      uint32_t next = span.last + 2;
      if (i + 1 < spans.size() && spans[i + 1].first == next) {
        NameSpan& right = spans[i + 1];
        if (span.last == span.first && right.last == right.first) break;
        span.last = right.last;
        span.type = right.type;
        spans.erase(spans.begin() + static_cast<long>(i) + 1);
      } else if (starts_upper(s.tokens[next].form) || s.tokens[next].upos == "PROPN" ||
                 (span.type == "PER" && span.last > span.first && s.tokens[next].upos != "VERB" &&
                  s.tokens[next].upos != "ADJ")) {
        // "Lee Ka-wing": in a person's full name a lowercase part after a hyphen is part of the
        // name; "Blair-led" (a verb) or "Bush-era" after a surname alone is not.
        span.last = next;
      } else {
        break;
      }
    }
    // "Rolls-Royce" with only "Royce" recognized: a capitalized word before the hyphen joins.
    uint32_t previous_end = i > 0 ? spans[i - 1].last + 1 : 0;
    while (span.first >= previous_end + 2 && is_glued_hyphen(s, span.first - 1) &&
           starts_upper(s.tokens[span.first - 2].form) && !is_break(s.tokens[span.first - 2].form))
      span.first -= 2;
  }
}

// The particles of a surname join two names around them into one person's: "Luiz Inacio Lula
// da Silva", "Osama bin Laden" (read as a place and a person), "Abu Musab al-Zarqawi". One of
// the two must be a person, so "Banco de Espana" stays as it was read.
void join_particles(const Sentence& s, std::vector<NameSpan>& spans) {
  for (size_t i = 0; i + 1 < spans.size();) {
    NameSpan& left = spans[i];
    const NameSpan& right = spans[i + 1];
    bool particles = right.first > left.last + 1 && right.first - left.last <= 4 &&
                     (left.type == "PER" || right.type == "PER");
    bool particle = false;
    for (uint32_t k = left.last + 1; particles && k < right.first; ++k) {
      particle = particle || is_name_particle(s.tokens[k].form);
      particles = is_name_particle(s.tokens[k].form) || is_glued_hyphen(s, k);
    }
    particles = particles && particle;
    if (!particles) {
      ++i;
      continue;
    }
    left.last = right.last;
    left.type = "PER";
    spans.erase(spans.begin() + static_cast<long>(i) + 1);
  }
  // "al-Zarqawi" with only "Zarqawi" read: the glued particle is part of the name as written;
  // so are the particles after an honorific ("Mr van der Berg" with only "Berg" read).
  uint32_t previous_end = 0;
  for (NameSpan& span : spans) {
    if (span.type == "PER" && span.first >= previous_end + 2 &&
        is_glued_hyphen(s, span.first - 1) && is_name_particle(s.tokens[span.first - 2].form))
      span.first -= 2;
    uint32_t first = span.first;
    while (first > previous_end && is_name_particle(s.tokens[first - 1].form)) --first;
    if (first < span.first && first > 0 && honorific_gender(s.tokens[first - 1].form)) {
      span.first = first;
      span.type = "PER";
    }
    previous_end = span.last + 1;
  }
}

// "&" at the edge of a span joins the capitalized word or name on that side ("Procter & Gamble"
// read as "Procter" and "& Gamble"); a hyphen or "&" left at an edge after that goes.
void join_ampersands(const Sentence& s, std::vector<NameSpan>& spans) {
  const auto& tokens = s.tokens;
  for (size_t i = 0; i < spans.size(); ++i) {
    NameSpan& span = spans[i];
    if (tokens[span.first].form == "&" && span.first > 0 && span.first < span.last) {
      if (i > 0 && spans[i - 1].last + 1 == span.first) {
        spans[i - 1].last = span.last;
        spans[i - 1].type = span.type;
        spans.erase(spans.begin() + static_cast<long>(i));
        --i;
        continue;
      }
      if (starts_upper(tokens[span.first - 1].form)) --span.first;
    }
    if (tokens[span.last].form == "&" && span.last + 1 < tokens.size() && span.first < span.last) {
      if (i + 1 < spans.size() && spans[i + 1].first == span.last + 1) {
        span.last = spans[i + 1].last;
        span.type = spans[i + 1].type;
        spans.erase(spans.begin() + static_cast<long>(i) + 1);
      } else if (starts_upper(tokens[span.last + 1].form)) {
        ++span.last;
      }
    }
    auto connector = [&](uint32_t k) { return tokens[k].form == "&" || tokens[k].form == "-"; };
    while (span.first < span.last && connector(span.first)) ++span.first;
    while (span.last > span.first && connector(span.last)) --span.last;
  }
  std::erase_if(spans, [&](const NameSpan& span) {
    return span.first == span.last &&
           (tokens[span.first].form == "&" || tokens[span.first].form == "-");
  });
}

// Splits a span at punctuation inside it (keeping the longest part) and at "and" or "&" before
// an honorific (keeping both people).
void split_span(const Sentence& s, const NameSpan& span, std::vector<NameSpan>& out) {
  std::vector<NameSpan> people;  // parts split at "and Mr"
  NameSpan part = span;
  for (uint32_t k = span.first; k + 1 <= span.last; ++k) {
    std::string lower = base::ascii_lower(s.tokens[k].form);
    bool person_list = honorific_gender(s.tokens[span.first].form) || span.type == "PER";
    if ((lower == "and" || lower == "&" || lower == ",") &&
        (honorific_gender(s.tokens[k + 1].form) ||
         (person_list && lower != "&" && starts_upper(s.tokens[k + 1].form)))) {
      part.last = k - (k > part.first ? 1 : 0);
      if (k > part.first) people.push_back(part);
      part.first = k + 1;
      part.last = span.last;
    }
  }
  people.push_back(part);
  for (const NameSpan& person : people) {
    NameSpan best{0, 0, "", ""};
    bool found = false;
    uint32_t start = person.first;
    for (uint32_t k = person.first; k <= person.last + 1; ++k) {
      if (k <= person.last && !is_break(s.tokens[k].form)) continue;
      if (k > start) {
        NameSpan piece = person;
        piece.first = start;
        piece.last = k - 1;
        if (!found || piece.last - piece.first > best.last - best.first) best = piece;
        found = true;
      }
      start = k + 1;
    }
    if (found) out.push_back(best);
  }
}

}  // namespace

std::optional<Gender> honorific_gender(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  std::string lower = base::ascii_lower(word);
  static const std::pair<std::string_view, Gender> kHonorifics[] = {
      {"mr", Gender::male},           {"mister", Gender::male}, {"sir", Gender::male},
      {"lord", Gender::male},         {"mrs", Gender::female},  {"ms", Gender::female},
      {"miss", Gender::female},       {"lady", Gender::female}, {"dame", Gender::female},
      {"madam", Gender::female},      {"mme", Gender::female},  {"mlle", Gender::female},
      {"baroness", Gender::female},   {"dr", Gender::unknown},  {"prof", Gender::unknown},
      {"professor", Gender::unknown}, {"rev", Gender::unknown}, {"reverend", Gender::unknown},
      {"mx", Gender::unknown}};
  for (const auto& [name, gender] : kHonorifics)
    if (lower == name) return gender;
  return std::nullopt;
}

Gender gender_of_aliases(const std::vector<std::string>& aliases) {
  bool male = false, female = false;
  for (const auto& alias : aliases) {
    size_t space = alias.find(' ');
    if (space == std::string::npos) continue;
    auto gender = honorific_gender(std::string_view(alias).substr(0, space));
    male |= gender == Gender::male;
    female |= gender == Gender::female;
  }
  if (male == female) return Gender::unknown;
  return male ? Gender::male : Gender::female;
}

std::vector<NameSpan> clean_spans(const Sentence& sentence, const std::vector<Chunk>& chunks) {
  std::vector<NameSpan> spans;
  for (const Chunk& c : chunks)
    if (c.first <= c.last && c.last < sentence.tokens.size())
      spans.push_back({c.first, c.last, c.type, ""});
  join_hyphenated(sentence, spans);
  join_particles(sentence, spans);
  join_ampersands(sentence, spans);

  std::vector<NameSpan> split;
  for (const NameSpan& span : spans) split_span(sentence, span, split);

  std::vector<NameSpan> out;
  const auto& tokens = sentence.tokens;
  for (NameSpan span : split) {
    // A possessive ends the name when the parse reads it as one ("Mr Bush's presidency",
    // "Channel 4's"); "Moody's said" or "Standard & Poor's" keep theirs as organizations.
    bool owner = false;  // the span's head is a possessive modifier
    for (uint32_t k = span.first; k <= span.last; ++k) {
      int head = tokens[k].head - 1;
      if ((head < static_cast<int>(span.first) || head > static_cast<int>(span.last)) &&
          tokens[k].deprel == "nmod:poss")
        owner = true;
    }
    for (uint32_t k = span.first + 1; k <= span.last; ++k) {
      bool possessive = is_possessive(tokens[k].form) && (span.type != "ORG" || owner);
      if (possessive) {
        span.last = k - 1;
        break;
      }
    }
    // A title before a person's name is not part of it ("Senator Leahy", "Lib Dem leader
    // Charles Kennedy"); the recognizer's role attachment reads it from before the name.
    if (span.type == "PER") {
      for (uint32_t k = span.last; k-- > span.first;)
        if (is_title(tokens[k].form) && starts_upper(tokens[k + 1].form)) {
          span.first = k + 1;
          break;
        }
    }
    // An honorific before a capitalized word opens a person's name, which is the capitalized
    // words after it ("Mr Glazer and his family" is Glazer); before other words it is part of a
    // title ("Lord of the Rings").
    auto name_after = [&](uint32_t k) {  // "Mr Blair", "Mr van der Berg"
      while (k < span.last && is_name_particle(tokens[k].form)) ++k;
      return starts_upper(tokens[k].form);
    };
    if (span.first < span.last && honorific_gender(tokens[span.first].form) &&
        name_after(span.first + 1)) {
      std::string_view h = tokens[span.first].form;
      if (h.back() == '.') h.remove_suffix(1);
      span.honorific = std::string(h);
      span.type = "PER";
      ++span.first;
      for (uint32_t k = span.first + 1; k <= span.last; ++k)
        if (!starts_upper(tokens[k].form) && tokens[k].form != "-" &&
            !is_name_particle(tokens[k].form)) {
          span.last = k - 1;
          break;
        }
    }
    // "Mr" left out of the span by the recognizer: still this person's honorific.
    if (span.honorific.empty() && span.first > 0 && honorific_gender(tokens[span.first - 1].form) &&
        name_after(span.first)) {
      std::string_view h = tokens[span.first - 1].form;
      if (h.back() == '.') h.remove_suffix(1);
      span.honorific = std::string(h);
      span.type = "PER";
    }
    // Words without a capital before the name are not part of it ("and the Greens"), except
    // the particles of surnames ("de Villepin", "van Gogh", "al-Assad").
    while (span.first < span.last && !has_upper(tokens[span.first].form) &&
           !is_name_particle(tokens[span.first].form))
      ++span.first;
    while (span.last > span.first && tokens[span.last].form == "-") --span.last;
    bool letters = false;
    for (uint32_t k = span.first; k <= span.last; ++k)
      for (char c : tokens[k].form)
        letters |= base::is_ascii_upper(c) || base::is_ascii_lower(c) ||
                   static_cast<unsigned char>(c) >= 0xC3;
    if (!letters || is_possessive(tokens[span.first].form)) continue;
    if (honorific_gender(tokens[span.last].form) && span.first == span.last) continue;
    // The tokenizer keeps "'s" on some words ("4's", "BBC2's"): the name ends before it.
    std::string_view last = tokens[span.last].form;
    for (std::string_view suffix : {std::string_view("'s"), std::string_view("\u2019s")})
      if (last.size() > suffix.size() && last.substr(last.size() - suffix.size()) == suffix)
        span.cut_end = static_cast<uint32_t>(suffix.size());
    out.push_back(std::move(span));
  }
  return out;
}

void FirstNames::load(const std::string& path) {
  base::for_each_data_line(path, "first-name list", [&](const std::string& line, int number) {
    size_t tab = line.find('\t');
    std::string mark = tab == std::string::npos ? "" : line.substr(tab + 1);
    if (tab == 0 || (mark != "m" && mark != "f" && mark != "mf"))
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected \"name<TAB>m\", \"f\" or \"mf\"");
    gender_[base::ascii_lower(line.substr(0, tab))] = mark == "m"   ? Gender::male
                                                      : mark == "f" ? Gender::female
                                                                    : Gender::unknown;
  });
}

Gender FirstNames::gender(std::string_view first_name) const {
  auto it = gender_.find(base::ascii_lower(first_name));
  return it == gender_.end() ? Gender::unknown : it->second;
}

}  // namespace kg::extract::names
