// Articles as nodes: mentions, a second id for the same text, removal of what only one article
// said, and the dates relations and entities carry.
#include "graph/articles.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "graph/persist.h"

namespace graph = kg::graph;

namespace {

graph::Evidence evidence(uint32_t document, graph::Graph& g, std::string_view date = "") {
  graph::Evidence ev;
  ev.document = document;
  ev.text = g.add_text("a sentence");
  ev.date = g.intern(date);
  return ev;
}

int64_t mention_count(graph::Graph& g, graph::VertexId entity, graph::VertexId article) {
  for (auto [it, end] = boost::out_edges(entity, g.store()); it != end; ++it)
    if (boost::target(*it, g.store()) == article && g.relation(*it) == graph::kMentionedIn)
      return g.edge_property(*it, "count").as<int64_t>();
  return 0;
}

}  // namespace

TEST_CASE("articles: mentions, a second id, removal of what only one article said") {
  graph::Graph g;
  graph::Articles articles(g);
  auto a = articles.add({"a.txt", "A", "2022-04-28", "news", "aaa"});
  auto b = articles.add({"b.txt", "B", "2022-05-02", "news", "bbb"});
  uint32_t da = articles.document(a), db = articles.document(b);
  CHECK(da == 0);
  CHECK(db == 1);
  auto guterres = g.entity("Antonio Guterres", graph::kPerson);
  auto lavrov = g.entity("Sergei Lavrov", graph::kPerson);
  auto griffiths = g.entity("Martin Griffiths", graph::kPerson);
  for (auto [v, d, article, n] : {std::tuple{guterres, da, a, 3u},
                                  {lavrov, da, a, 1u},
                                  {guterres, db, b, 2u},
                                  {griffiths, db, b, 1u}}) {
    for (uint32_t i = 0; i < n; ++i) g.add_mention(v, d);
    articles.add_mentions(v, article, n);
  }
  g.add_mention(guterres, da);  // a second cluster of the same node: its mentions add up
  articles.add_mentions(guterres, a, 1);
  g.add_fact(guterres, lavrov, "meet", "met", evidence(da, g, "2022-04-26"));
  g.add_fact(guterres, griffiths, "send", "sent", evidence(db, g));
  auto both = g.add_fact(guterres, griffiths, "ask", "asked", evidence(da, g, "2022-04"));
  g.add_fact(guterres, griffiths, "ask", "asked", evidence(db, g, "2022-05-01"));

  CHECK(mention_count(g, guterres, a) == 4);
  CHECK(g.node_property(guterres, "mentions").as<int64_t>() == 6);
  CHECK(g.node_property(guterres, "articles").as<int64_t>() == 2);
  CHECK(kg::temporal::to_string(
            g.node_property(guterres, "first_seen").as<kg::temporal::Temporal>()) == "2022-04-28");
  CHECK(kg::temporal::to_string(
            g.node_property(guterres, "last_seen").as<kg::temporal::Temporal>()) == "2022-05-02");
  // The earliest date of its evidence; a month stays a string with its precision.
  CHECK(g.edge_property(both, "date").as<std::string>() == "2022-04");
  CHECK(g.edge_property(both, "date_precision").as<std::string>() == "month");

  // Saved and loaded, the same.
  std::string saved = graph::graph_json(g);
  CHECK(saved.find("\"2022-04-26\"") != std::string::npos);

  // The same text under a second id: one article, two ids; dropping one id keeps it.
  CHECK(articles.by_hash("aaa") == a);
  articles.add_id(a, "copy-of-a.txt");
  CHECK(articles.by_id("copy-of-a.txt") == a);
  CHECK_FALSE(articles.remove_id("a.txt"));
  CHECK(g.documents()[da] == "copy-of-a.txt");
  CHECK(g.node_property(a, "id").as<std::string>() == "copy-of-a.txt");

  // Removing b: the relation only it supported goes; the one both support keeps a's evidence;
  // Griffiths stays, as an end of a's fact, though no article mentions him now; documents are
  // renumbered.
  CHECK(articles.remove_id("b.txt"));
  CHECK(g.documents().size() == 1);
  CHECK(g.node_property(guterres, "mentions").as<int64_t>() == 4);
  CHECK(g.node_property(guterres, "articles").as<int64_t>() == 1);
  std::vector<std::string> relations;
  for (auto [it, end] = boost::edges(g.store()); it != end; ++it)
    if (g.relation(*it) != graph::kMentionedIn) relations.emplace_back(g.relation(*it));
  std::sort(relations.begin(), relations.end());
  CHECK(relations == std::vector<std::string>{"ask", "meet"});
  CHECK(g.edge_property(both, "count").as<int64_t>() == 1);
  CHECK(g.find("Martin Griffiths").size() == 1);
  CHECK(g.node_property(g.find("Martin Griffiths")[0], "articles").is_null());
  // Without that fact, an entity no article mentions goes with the article.
  auto c = articles.add({"c.txt", "", "", "", "ccc"});
  auto shmyhal = g.entity("Denys Shmyhal", graph::kPerson);
  g.add_mention(shmyhal, articles.document(c));
  articles.add_mentions(shmyhal, c, 1);
  g.add_fact(griffiths, shmyhal, "talk_with", "talks with", evidence(articles.document(c), g));
  CHECK(articles.remove_id("c.txt"));
  CHECK(g.find("Denys Shmyhal").empty());
  CHECK(g.find("Martin Griffiths").size() == 1);
  // A graph that no longer has an article by that id says so.
  CHECK_FALSE(articles.by_id("b.txt"));
}

TEST_CASE("merging two nodes adds up their mentions of one article") {
  graph::Graph g;
  graph::Articles articles(g);
  auto a = articles.add({"a.txt", "", "", "", "h"});
  auto blair = g.entity("Tony Blair", graph::kPerson);
  auto mr = g.entity("Mr Blair", graph::kPerson);
  g.add_mention(blair, 0);
  g.add_mention(mr, 0);
  g.add_mention(mr, 0);
  articles.add_mentions(blair, a, 1);
  articles.add_mentions(mr, a, 2);
  g.merge_nodes(blair, mr);
  CHECK(boost::out_degree(blair, g.store()) == 1);
  CHECK(mention_count(g, blair, a) == 3);
  CHECK(g.node_property(blair, "mentions").as<int64_t>() == 3);
}

TEST_CASE("a document from before articles were nodes is replaced when read again") {
  // As an older kg left it: documents, mentions and evidence, no Article node.
  graph::Graph g;
  uint32_t old = g.add_document("old.txt");
  uint32_t other = g.add_document("other.txt");
  auto guterres = g.entity("Antonio Guterres", graph::kPerson);
  auto lavrov = g.entity("Sergei Lavrov", graph::kPerson);
  auto kyiv = g.entity("Kyiv", graph::kPlace);
  g.add_mention(guterres, old);
  g.add_mention(lavrov, old);
  g.add_mention(guterres, other);
  g.add_mention(guterres, other);
  g.add_mention(guterres, other);
  g.add_mention(kyiv, other);
  g.add_fact(guterres, lavrov, "meet", "met", evidence(old, g));
  g.add_fact(guterres, kyiv, "visit", "visited", evidence(other, g));
  graph::Articles articles(g);
  CHECK_FALSE(articles.remove_unindexed("new.txt"));
  CHECK(articles.remove_unindexed("old.txt"));
  CHECK(g.documents() == std::vector<std::string>{"other.txt"});
  CHECK(g.find("sergei lavrov").empty());         // only the old document named him
  CHECK(g.find("antonio guterres").size() == 1);  // the other still does
  CHECK(g.node(guterres).mentions == 2);          // an even share of 4 over 2 old documents
  CHECK(g.edge_count() == 1);
  CHECK(g.edge(*boost::edges(g.store()).first).evidence.at(0).document == 0);
  // An article kg indexed is never taken for one.
  auto a = articles.add({"a.txt", "A", "", "news", "aaa"});
  (void)a;
  CHECK_FALSE(articles.remove_unindexed("a.txt"));
  CHECK(g.documents().size() == 2);
}
