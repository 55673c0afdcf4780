// Names cleaned at the boundary (extract/entities/names.*), on hand-made sentences: the
// recognizer's spans in, the names a reader would write out.
#include "extract/entities/names.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using kg::extract::Chunk;
using kg::extract::Sentence;
using kg::extract::Token;
namespace names = kg::extract::names;

namespace {

// Tokens from "word word|glued word": '|' marks no space after the token before it. Tags are
// given as "word/UPOS" where the test needs them.
Sentence sentence(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  std::string piece;
  while (in >> piece) {
    size_t start = 0;
    while (start <= piece.size()) {
      size_t bar = piece.find('|', start);
      std::string word =
          piece.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      Token t;
      size_t slash = word.find('/');
      t.form = word.substr(0, slash);
      if (slash != std::string::npos) t.upos = word.substr(slash + 1);
      t.space_after = bar == std::string::npos;
      s.tokens.push_back(t);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  }
  return s;
}

std::string show(const Sentence& s, const std::vector<names::NameSpan>& spans) {
  std::string out;
  for (const auto& span : spans) {
    if (!out.empty()) out += " / ";
    for (uint32_t k = span.first; k <= span.last; ++k) {
      out += s.tokens[k].form;
      if (k < span.last && s.tokens[k].space_after) out += ' ';
    }
    out += " [" + span.type + (span.honorific.empty() ? "" : " " + span.honorific) + "]";
  }
  return out;
}

std::string clean(const std::string& text, std::vector<Chunk> chunks) {
  Sentence s = sentence(text);
  return show(s, names::clean_spans(s, chunks));
}

}  // namespace

TEST_CASE("an honorific is never part of a name, and makes a person") {
  CHECK(clean("Mr Blair said", {{0, 1, "PER"}}) == "Blair [PER Mr]");
  CHECK(clean("Mrs. Wilkinson left", {{0, 1, "PER"}}) == "Wilkinson [PER Mrs]");
  CHECK(clean("Mr Blair visited", {{0, 1, "LOC"}}) == "Blair [PER Mr]");
  // Left out of the span by the recognizer: still the person's honorific.
  CHECK(clean("Dr Greenspan spoke", {{1, 1, "PER"}}) == "Greenspan [PER Dr]");
  // Before a lowercase word it is part of a title.
  CHECK(clean("Lord of the Rings", {{0, 3, "MISC"}}) == "Lord of the Rings [MISC]");
  // The capitalized words after it are the name.
  CHECK(clean("Mr Glazer and his family", {{0, 4, "PER"}}) == "Glazer [PER Mr]");
}

TEST_CASE("a title before a person's name is not part of it") {
  CHECK(clean("Senator Leahy said", {{0, 1, "PER"}}) == "Leahy [PER]");
  CHECK(clean("Lib Dem leader Charles Kennedy", {{0, 4, "PER"}}) == "Charles Kennedy [PER]");
  CHECK(clean("Chancellor Lord Falconer", {{0, 2, "PER"}}) == "Falconer [PER Lord]");
  CHECK(clean("Prince Charles", {{0, 1, "PER"}}) == "Prince Charles [PER]");
  // Only in a person's name: an organization may be named by a title.
  CHECK(clean("General Motors", {{0, 1, "ORG"}}) == "General Motors [ORG]");
}

TEST_CASE("two people in one span are two names") {
  CHECK(clean("Mr Blair and Mr Brown agreed", {{0, 4, "ORG"}}) ==
        "Blair [PER Mr] / Brown [PER Mr]");
  CHECK(clean("Mr Brown and Tony Blair", {{0, 4, "PER"}}) == "Brown [PER Mr] / Tony Blair [PER]");
}

TEST_CASE("punctuation and possessives stay out of names") {
  CHECK(clean("Mr Blair : \" There", {{0, 4, "PER"}}) == "Blair [PER Mr]");
  CHECK(clean("\" New World '", {{0, 3, "MISC"}}) == "New World [MISC]");
  CHECK(clean("Blair 's view", {{0, 1, "PER"}}) == "Blair [PER]");
  CHECK(clean("rivals Procter & Gamble", {{2, 3, "ORG"}}) == "Procter & Gamble [ORG]");
  CHECK(clean("rivals Procter & Gamble", {{1, 1, "ORG"}, {2, 3, "ORG"}}) ==
        "Procter & Gamble [ORG]");
  CHECK(clean("£ fell", {{0, 0, "MISC"}}).empty());
  CHECK(clean("and the Greens", {{0, 2, "ORG"}}) == "Greens [ORG]");
  CHECK(clean("de Villepin said", {{0, 1, "PER"}}) == "de Villepin [PER]");
}

TEST_CASE("a possessive an organization is written with stays; one the parse reads as such goes") {
  Sentence s = sentence("Standard & Poor 's said");
  CHECK(show(s, names::clean_spans(s, {{0, 3, "ORG"}})) == "Standard & Poor 's [ORG]");
  s.tokens[0].head = 5;  // "Standard & Poor's rating": the name modifies the next noun
  s.tokens[0].deprel = "nmod:poss";
  CHECK(show(s, names::clean_spans(s, {{0, 3, "ORG"}})) == "Standard & Poor [ORG]");
}

TEST_CASE("names written with a hyphen stay whole") {
  CHECK(clean("the Smith|-|Jones Center opened", {{1, 1, "PER"}, {3, 4, "ORG"}}) ==
        "Smith-Jones Center [ORG]");
  CHECK(clean("Lee Ka|-|wing/NOUN said", {{0, 1, "PER"}}) == "Lee Ka-wing [PER]");
  CHECK(clean("Rolls|-|Royce shares", {{2, 2, "ORG"}}) == "Rolls-Royce [ORG]");
  // Two one-word names paired as a modifier stay two.
  CHECK(clean("the Iran|-|Iraq war", {{1, 1, "LOC"}, {3, 3, "LOC"}}) == "Iran [LOC] / Iraq [LOC]");
  // A verb after the hyphen is not part of the name.
  CHECK(clean("a Tony Blair|-|led/VERB government", {{1, 2, "PER"}}) == "Tony Blair [PER]");
  // With spaces around it, a dash separates.
  CHECK(clean("Smith - Jones", {{0, 0, "PER"}, {2, 2, "PER"}}) == "Smith [PER] / Jones [PER]");
}

TEST_CASE("the particles of a surname join the names around them into one person's") {
  CHECK(clean("Luiz Inacio Lula da Silva spoke", {{0, 2, "PER"}, {4, 4, "PER"}}) ==
        "Luiz Inacio Lula da Silva [PER]");
  CHECK(clean("Osama bin Laden", {{0, 0, "LOC"}, {2, 2, "PER"}}) == "Osama bin Laden [PER]");
  CHECK(clean("Abu Musab al|-|Zarqawi", {{0, 1, "PER"}, {4, 4, "PER"}}) ==
        "Abu Musab al-Zarqawi [PER]");
  CHECK(clean("the rise of al|-|Zarqawi", {{5, 5, "PER"}}) == "al-Zarqawi [PER]");
  // After an honorific the particles are the surname's, read or not.
  CHECK(clean("Mr van der Berg left", {{3, 3, "MISC"}}) == "van der Berg [PER Mr]");
  CHECK(clean("Mr van Gogh left", {{0, 2, "PER"}}) == "van Gogh [PER Mr]");
  // Without a person on either side the words stay as read; a hyphen alone is no particle.
  CHECK(clean("Banco de Espana", {{0, 0, "ORG"}, {2, 2, "LOC"}}) == "Banco [ORG] / Espana [LOC]");
  CHECK(clean("the Blair|-|Brown feud", {{1, 1, "PER"}, {3, 3, "PER"}}) ==
        "Blair [PER] / Brown [PER]");
}

TEST_CASE("honorifics mark a gender or none") {
  CHECK(names::honorific_gender("Mrs") == names::Gender::female);
  CHECK(names::honorific_gender("Mr.") == names::Gender::male);
  CHECK(names::honorific_gender("Dr") == names::Gender::unknown);
  CHECK_FALSE(names::honorific_gender("President").has_value());
  CHECK(names::gender_of_aliases({"Blair", "Mr Blair"}) == names::Gender::male);
  CHECK(names::gender_of_aliases({"Mr Blair", "Mrs Blair"}) == names::Gender::unknown);
}

TEST_CASE("first names: genders read from a file, a bad line named") {
  auto dir = std::filesystem::temp_directory_path() / "kg-names-test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "first.tsv").string();
  std::ofstream(path) << "# comment\nTony\tm\nCherie\tf\nSam\tmf\n";
  names::FirstNames first;
  first.load(path);
  CHECK(first.gender("tony") == names::Gender::male);
  CHECK(first.gender("Cherie") == names::Gender::female);
  CHECK(first.gender("Sam") == names::Gender::unknown);
  CHECK(first.gender("Zebedee") == names::Gender::unknown);
  std::ofstream(path) << "Tony\tm\nCherie\n";
  names::FirstNames bad;
  CHECK_THROWS_WITH_AS(bad.load(path), doctest::Contains("first.tsv:2:"), std::runtime_error);
  std::filesystem::remove_all(dir);
}
