// Names joined as a news reader joins them, on short made-up articles: inside one article
// (extract/facts/coref.*) and across articles once they are all in the graph
// (extract/facts/resolve_people.*).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extractor.h"
#include "extract/facts/resolve_people.h"
#include "extract/facts/to_graph.h"
#include "extract/resources/paths.h"
#include "tests/extract/extractor_fixture.h"

using kg::extract::DocumentFacts;
using kg::extract::EntityCluster;
namespace graph = kg::graph;

using kg::test::entity;
using kg::test::extractor;

namespace {

std::vector<std::string> person_names(const graph::Graph& g) {
  std::vector<std::string> out;
  for (auto [it, end] = boost::vertices(g.store()); it != end; ++it)
    if (g.type(*it) == graph::kPerson) out.push_back(g.node(*it).name);
  std::sort(out.begin(), out.end());
  return out;
}

// An article of these entities, as kg build adds it to the graph.
kg::extract::DocumentFacts article(const std::string& id, std::vector<EntityCluster> entities) {
  kg::extract::DocumentFacts d;
  d.name = id;
  d.text = "text of " + id;
  d.entities = std::move(entities);
  return d;
}

EntityCluster cluster(const std::string& name, const std::string& type, uint32_t mentions) {
  EntityCluster c;
  c.name = name;
  c.type = type;
  c.mentions = mentions;
  return c;
}

}  // namespace

TEST_CASE("an honorific after the full name is the same person") {
  auto facts = extractor().extract(
      "a.txt",
      "Tony Blair met Jacques Chirac in Paris on Monday. Mr Blair said the talks "
      "were useful. Blair later flew to Berlin.");
  const EntityCluster* blair = entity(facts, "Tony Blair");
  REQUIRE(blair != nullptr);
  CHECK(entity(facts, "Mr Blair") == blair);
  CHECK(entity(facts, "Blair") == blair);
  CHECK(blair->type == "Person");
  CHECK(blair->mentions == 3);
  for (const auto& e : facts.entities) CHECK(e.name.rfind("Mr ", 0) == std::string::npos);
}

TEST_CASE("a gender-marked honorific does not join a person of the other gender") {
  auto facts = extractor().extract(
      "b.txt",
      "Gordon Brown arrived in Rome on Monday. Mrs Brown, a lawyer, stayed in London. "
      "Mr Brown said the visit went well.");
  // Gordon is a man's name in models/first-names.tsv. (A name both lists have, like Tony,
  // marks no gender: then the first honorific decides.)
  const EntityCluster* gordon = entity(facts, "Gordon Brown");
  const EntityCluster* mrs = entity(facts, "Mrs Brown");
  REQUIRE(gordon != nullptr);
  REQUIRE(mrs != nullptr);
  CHECK(gordon != mrs);
  CHECK(entity(facts, "Mr Brown") == gordon);
}

TEST_CASE("a surname two people share stays apart") {
  auto facts = extractor().extract(
      "c.txt", "John Smith and Mary Smith opened the shop in Leeds. Smith said it was busy.");
  const EntityCluster* john = entity(facts, "John Smith");
  const EntityCluster* mary = entity(facts, "Mary Smith");
  REQUIRE(john != nullptr);
  REQUIRE(mary != nullptr);
  CHECK(john != mary);
  CHECK(std::find(john->aliases.begin(), john->aliases.end(), "Smith") == john->aliases.end());
  CHECK(std::find(mary->aliases.begin(), mary->aliases.end(), "Smith") == mary->aliases.end());
}

TEST_CASE("hyphenated names and bracketed definitions") {
  auto facts = extractor().extract(
      "d.txt",
      "The talks were chaired by Lee Ka-wing in Hong Kong. The Associated Press (AP) "
      "reported that AP staff were present.");
  CHECK(entity(facts, "Lee Ka-wing") != nullptr);
  CHECK(entity(facts, "Lee Ka") == nullptr);
  const EntityCluster* ap = entity(facts, "Associated Press");
  REQUIRE(ap != nullptr);
  CHECK(entity(facts, "AP") == ap);
}

TEST_CASE("across articles: a surname-only person joins the one full name, with a record") {
  graph::Graph g;
  kg::extract::add_to_graph(g, extractor().extract("1.txt", "Mr Greenspan spoke in Washington."));
  kg::extract::add_to_graph(
      g, extractor().extract("2.txt", "Alan Greenspan raised interest rates on Tuesday."));
  CHECK(person_names(g) == std::vector<std::string>{"Alan Greenspan", "Greenspan"});
  auto tables = kg::extract::NameTables::load(kg::extract::default_model_dir());
  CHECK(kg::extract::resolve_people(g, tables) >= 1);
  CHECK(person_names(g) == std::vector<std::string>{"Alan Greenspan"});
  graph::VertexId v = g.find("Greenspan").front();
  CHECK(g.node(v).name == "Alan Greenspan");
  CHECK(g.node_property(v, "merged_from") == graph::Value(graph::List{graph::Value("Greenspan")}));
  CHECK(g.node(v).documents.size() == 2);
}

TEST_CASE("across articles: two often-named people of one surname keep the surname apart") {
  graph::Graph g;
  for (int i = 0; i < 3; ++i) {
    kg::extract::add_to_graph(g, extractor().extract("p" + std::to_string(i) + ".txt",
                                                     "Patricia Hewitt spoke in London."));
    kg::extract::add_to_graph(
        g, extractor().extract("l" + std::to_string(i) + ".txt", "Lleyton Hewitt won in Sydney."));
  }
  kg::extract::add_to_graph(g, extractor().extract("h.txt", "Hewitt was pleased."));
  auto tables = kg::extract::NameTables::load(kg::extract::default_model_dir());
  kg::extract::resolve_people(g, tables);
  CHECK(person_names(g) == std::vector<std::string>{"Hewitt", "Lleyton Hewitt", "Patricia Hewitt"});
}

TEST_CASE("across articles: a woman's honorific does not join a man's full name") {
  graph::Graph g;
  kg::extract::add_to_graph(g, extractor().extract("1.txt", "Gordon Brown spoke in London."));
  kg::extract::add_to_graph(g, extractor().extract("2.txt", "Mrs Brown spoke in Leeds."));
  auto tables = kg::extract::NameTables::load(kg::extract::default_model_dir());
  kg::extract::resolve_people(g, tables);
  CHECK(person_names(g) == std::vector<std::string>{"Brown", "Gordon Brown"});
}

TEST_CASE("a name WordNet gives two synsets stands for the one it heads, or for the place") {
  auto facts = extractor().extract(
      "a.txt", "He moved to the USA in December. The deal came from China's CNPC.");
  const EntityCluster* usa = entity(facts, "USA");
  REQUIRE(usa != nullptr);
  CHECK(usa->name == "United States");  // not the United States Army
  const EntityCluster* china = entity(facts, "China");
  REQUIRE(china != nullptr);
  CHECK(china->name == "China");  // not Taiwan, which WordNet also calls China
}

TEST_CASE("a name that heads a synset of its own is not another synset's lesser name") {
  auto facts = extractor().extract(
      "a.txt", "Boro are playing in Europe for the first time. The Treasury said it would wait.");
  const EntityCluster* europe = entity(facts, "Europe");
  REQUIRE(europe != nullptr);
  CHECK(europe->name == "Europe");  // WordNet lists "Europe" among the European Union's names
  const EntityCluster* treasury = entity(facts, "Treasury");
  REQUIRE(treasury != nullptr);
  CHECK(treasury->name == "Treasury");  // not the US Department of the Treasury
}

TEST_CASE("WordNet's two-letter codes and common nouns are not names of its synsets") {
  auto facts = extractor().extract(
      "a.txt",
      "Nirvana sold records in the US. The DS handheld came out in LA. Kurt Cobain left "
      "Nirvana. ID cards will cost 93 pounds, the Home Office said.");
  for (const char* name : {"Nirvana", "DS", "LA"}) {
    const EntityCluster* e = entity(facts, name);
    if (e) CHECK(e->name == name);  // not Eden, the Bureau of Diplomatic Security, Louisiana
  }
  for (const auto& c : facts.entities) {
    CHECK(c.name != "Idaho");
    CHECK(c.name != "Eden");
  }
  const EntityCluster* us = entity(facts, "US");
  REQUIRE(us != nullptr);
  CHECK(us->name == "United States");  // from models/aliases.tsv
}

TEST_CASE("a surname that is also an English word ends a person's name, not the sentence") {
  auto facts =
      extractor().extract("a.txt", "John Wilkes Booth assassinated President Abraham Lincoln.");
  const EntityCluster* booth = entity(facts, "John Wilkes Booth");
  REQUIRE(booth != nullptr);
  CHECK(booth->type == "Person");
  CHECK(entity(facts, "John Wilkes") == nullptr);
}

TEST_CASE("one name read as a person does not make a person of a place named far more often") {
  std::string text =
      "In South Australia, junior zinc explorer Terramin Australia has also benefited.";
  for (int i = 0; i < 12; ++i) text += " Wheat exports from Australia rose again this year.";
  auto facts = extractor().extract("a.txt", text);
  const EntityCluster* australia = entity(facts, "Australia");
  REQUIRE(australia != nullptr);
  CHECK(australia->type == "Place");
  CHECK(australia->mentions == 12);
  // "Griffiths" after "Martin Griffiths" is still the person.
  auto griffiths = extractor().extract(
      "b.txt", "Martin Griffiths arrived in Kyiv. Griffiths said talks would go on.");
  CHECK(entity(griffiths, "Griffiths") == entity(griffiths, "Martin Griffiths"));
}

TEST_CASE("an adjective of a common noun is no demonym: 'regional manager' names no place") {
  auto facts = extractor().extract(
      "a.txt",
      "MLA regional manager Michelle Gorman says Australia is a leader in grass-fed beef. "
      "Rural financial counsellor Sue Smith says farmers are bad at managing stress. Russian "
      "Foreign Minister Sergei Lavrov arrived.");
  bool russia = false;
  for (const auto& f : facts.facts) {
    for (const std::string& end : {f.subject, f.object}) {
      CHECK(end != "region");
      CHECK(end != "country");
    }
    russia = russia || (f.subject == "Sergei Lavrov" && f.object == "Russia");
  }
  CHECK(russia);  // a demonym still names its place
}

TEST_CASE("a person named after a title inside an organization's name is a person of their own") {
  auto facts = extractor().extract(
      "a.txt",
      "Armed Forces Minister Adam Ingram spoke. US Treasury Secretary John Snow met him. Shares "
      "in General Motors Europe rose.");
  const EntityCluster* ingram = entity(facts, "Adam Ingram");
  REQUIRE(ingram != nullptr);
  CHECK(ingram->type == "Person");
  const EntityCluster* snow = entity(facts, "John Snow");
  REQUIRE(snow != nullptr);
  CHECK(snow->type == "Person");
  CHECK(entity(facts, "General Motors Europe") != nullptr);  // no given name after "General"
}

TEST_CASE("a role's owner written in two letters is read through models/aliases.tsv") {
  std::ifstream in(std::filesystem::path(KG_SOURCE_DIR) / "samples" / "un-ceasefire-appeal.txt");
  std::ostringstream text;
  text << in.rdbuf();
  auto facts = extractor().extract("b.txt", text.str());  // "UN humanitarian chief Martin..."
  const EntityCluster* martin = entity(facts, "Martin Griffiths");
  REQUIRE(martin != nullptr);
  CHECK(martin->role_of == "United Nations");
}

TEST_CASE("across articles: a one-word person with nothing of a person joins the organization") {
  graph::Graph g;
  kg::extract::add_to_graph(
      g, article("1.txt", {cluster("Yahoo", "Person", 4), cluster("Green", "Person", 2),
                           cluster("Nelly", "Person", 3)}));
  kg::extract::add_to_graph(
      g, article("2.txt",
                 {cluster("Yahoo", "Organization", 2), cluster("Green", "Organization", 2),
                  cluster("Nelly", "Organization", 3), cluster("Justin Green", "Person", 2)}));
  auto tables = kg::extract::NameTables::load(kg::extract::default_model_dir());
  kg::extract::resolve_people(g, tables);
  // Yahoo is one organization; Green is a word of a person's name (it joins Justin Green) and
  // Nelly a first name, so neither joins the organization of that name.
  CHECK(person_names(g) == std::vector<std::string>{"Justin Green", "Nelly"});
  size_t yahoo = 0;
  for (auto [it, end] = boost::vertices(g.store()); it != end; ++it)
    if (g.node(*it).name == "Yahoo") {
      ++yahoo;
      CHECK(g.type(*it) == graph::kOrganization);
      CHECK(g.node(*it).mentions == 6);
    }
  CHECK(yahoo == 1);
}

TEST_CASE("across articles: a place class follows the type the corpus gives its subject") {
  auto fact = [](const std::string& subject, const std::string& subject_type,
                 const std::string& object, const std::string& cls) {
    kg::extract::Fact f;
    f.subject = subject;
    f.subject_type = subject_type;
    f.object = object;
    f.object_type = "Place";
    f.relation = "in";
    f.relation_class = cls;
    f.end = 10;
    return f;
  };
  kg::extract::DocumentFacts one =
      article("1.txt",
              {cluster("Paula Radcliffe", "Organization", 1), cluster("United Kingdom", "Place", 1),
               cluster("Qatar Open", "Other", 1), cluster("Doha", "Place", 1)});
  one.facts = {fact("Paula Radcliffe", "Organization", "United Kingdom", "based_in"),
               fact("Qatar Open", "Other", "Doha", "based_in")};
  graph::Graph g;
  kg::extract::add_to_graph(g, one);
  kg::extract::add_to_graph(g, article("2.txt", {cluster("Paula Radcliffe", "Person", 12)}));
  auto tables = kg::extract::NameTables::load(kg::extract::default_model_dir());
  kg::extract::resolve_people(g, tables);
  std::vector<std::string> classes;
  for (auto [it, end] = boost::edges(g.store()); it != end; ++it) {
    if (g.relation(*it) != "in") continue;
    const graph::Value cls = g.edge_property(*it, "class");
    classes.push_back(g.node(boost::source(*it, g.store())).name + ":" +
                      (cls.is<std::string>() ? cls.as<std::string>() : "-"));
  }
  std::sort(classes.begin(), classes.end());
  // She lives there, not is based there; a tournament is no organization, and has no class.
  CHECK(classes == std::vector<std::string>{"Paula Radcliffe:lives_in", "Qatar Open:-"});
}

TEST_CASE("an award or a contest read as an organization is neither organization nor place") {
  auto facts = extractor().extract(
      "a.txt",
      "Leonardo DiCaprio has been shut out of the Academy Awards race. Kapranos was nominated at "
      "the Brit Awards. Kelly Holmes won at the European Indoor Championships. UK Athletics chief "
      "Dave Collins spoke at the Royal Ballet.");
  for (const char* name : {"Academy Awards", "Brit Awards", "European Indoor Championships"}) {
    const EntityCluster* e = entity(facts, name);
    REQUIRE(e != nullptr);
    CHECK(e->type == "Other");
  }
  // A sport's governing body, a ballet company and an academic degree's initials stay.
  auto airline = extractor().extract("b.txt", "He flew with BA to Paris on Monday.");
  for (auto [f, name] : {std::pair{&facts, "UK Athletics"}, std::pair{&facts, "Royal Ballet"},
                         std::pair{&airline, "BA"}}) {
    const EntityCluster* e = entity(*f, name);
    REQUIRE(e != nullptr);
    CHECK(e->type != "Other");
  }
}
