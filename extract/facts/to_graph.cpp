#include "extract/facts/to_graph.h"

#include <rapidjson/document.h>

#include <optional>
#include <unordered_map>

#include "base/jsonl.h"
#include "extract/error.h"
#include "graph/articles.h"
#include "graph/value.h"

namespace kg::extract {

namespace {

// The nodes of one document's entities, by name: its facts name their ends the same way.
class DocumentNodes {
 public:
  explicit DocumentNodes(graph::Graph& graph) : graph_(graph) {}

  // The node for an entity of this document. A person whose aliases carry a gender-marked
  // honorific ("Mrs Blair") does not join a node of that name whose honorifics mark the other
  // gender ("Blair", an alias of Tony Blair, who is "Mr Blair").
  graph::VertexId entity(const std::string& name, const std::string& type,
                         const std::vector<std::string>& aliases) {
    graph::VertexId v;
    names::Gender gender = names::gender_of_aliases(aliases);
    if (type == graph::kPerson && gender != names::Gender::unknown) {
      std::optional<graph::VertexId> found;
      bool other_person = false;
      for (graph::VertexId c : graph_.find(name)) {
        if (graph_.type(c) != graph::kPerson) continue;
        if (compatible(gender, names::gender_of_aliases(graph_.node(c).aliases))) {
          found = c;
          break;
        }
        other_person = true;
      }
      v = found          ? *found
          : other_person ? graph_.add_node({type}, {{"name", graph::Value(name)}})
                         : graph_.entity(name, type);
    } else {
      v = graph_.entity(name, type);
    }
    nodes_[name] = v;
    return v;
  }

  // `count` mentions of node `v` in this document.
  void mention(graph::VertexId v, uint32_t document, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) graph_.add_mention(v, document);
    auto [it, added] = mention_index_.emplace(v, mentions_.size());
    if (added)
      mentions_.emplace_back(v, count);
    else
      mentions_[it->second].second += count;
  }

  // The document's MENTIONED_IN relationships, in the order its entities came.
  void link(graph::Articles& articles, graph::VertexId article) {
    for (auto [v, count] : mentions_) articles.add_mentions(v, article, count);
    mentions_.clear();
    mention_index_.clear();
  }

  // The node a fact's end names: this document's entity of that name, else any.
  graph::VertexId end(const std::string& name, const std::string& type) {
    auto it = nodes_.find(name);
    return it != nodes_.end() ? it->second : graph_.entity(name, type);
  }

 private:
  graph::Graph& graph_;
  std::unordered_map<std::string, graph::VertexId> nodes_;
  std::vector<std::pair<graph::VertexId, uint32_t>> mentions_;
  std::unordered_map<graph::VertexId, size_t> mention_index_;
};

graph::ArticleInfo article_info(const DocumentFacts& facts) {
  return {facts.name, facts.title, facts.date, facts.source, facts.sha256};
}

// Where a document goes: a new article (its node made here), or nowhere (nullopt) when the
// graph has its text already, under this id (fed again) or another (the second id is recorded).
// A known id with another text is the article changed: what the old text said goes first.
std::optional<graph::VertexId> place_article(graph::Articles& articles,
                                             const graph::ArticleInfo& info) {
  if (auto known = articles.by_id(info.id)) {
    if (!info.sha256.empty() && articles.sha256(*known) == info.sha256) return std::nullopt;
    if (info.sha256.empty()) return *known;  // facts without a text hash: added to it as before
    articles.remove_id(info.id);
  } else {
    articles.remove_unindexed(info.id);  // read into a graph from before articles were nodes
  }
  if (!info.sha256.empty())
    if (auto same = articles.by_hash(info.sha256)) {
      articles.add_id(*same, info.id);
      return std::nullopt;
    }
  return articles.add(info);
}

// The relationship's schema class as a property, so that MATCH ()-[r {class: 'works_for'}]->()
// finds it. An edge is one open relation between two nodes; the first class its facts give it
// stays (a later sentence read otherwise does not flip it back and forth).
void set_class(graph::Graph& graph, graph::EdgeId e, const std::string& cls) {
  if (cls.empty() || !graph.edge_property(e, "class").is_null()) return;
  graph.set_edge_property(e, "class", graph::Value(cls));
}

}  // namespace

bool add_to_graph(graph::Graph& graph, graph::Articles& articles, const DocumentFacts& facts) {
  auto article = place_article(articles, article_info(facts));
  if (!article) return false;
  uint32_t document = graph.add_document(facts.name);
  DocumentNodes nodes(graph);
  for (const auto& entity : facts.entities) {
    if (entity.mentions == 0) continue;  // merged into another, or only implied by a role
    graph::VertexId v = nodes.entity(entity.name, entity.type, entity.aliases);
    for (const auto& alias : entity.aliases) graph.add_alias(v, alias);
    nodes.mention(v, document, entity.mentions);
  }
  nodes.link(articles, *article);
  const std::string& text = facts.text;
  for (const auto& fact : facts.facts) {
    graph::VertexId from = nodes.end(fact.subject, fact.subject_type);
    graph::VertexId to = nodes.end(fact.object, fact.object_type);
    graph::Evidence ev;
    ev.document = document;
    ev.sentence = fact.sentence;
    ev.begin = fact.begin;
    ev.end = fact.end;
    std::string_view sentence =
        fact.end <= text.size() && fact.begin <= fact.end
            ? std::string_view(text).substr(fact.begin, fact.end - fact.begin)
            : std::string_view();
    ev.text = graph.add_text(sentence);
    ev.confidence = fact.confidence;
    ev.negated = fact.negated;
    ev.modality = graph.intern(fact.modality);
    ev.attribution = graph.intern(fact.attribution);
    ev.time = graph.intern(fact.time);
    ev.date = graph.intern(fact.date);
    set_class(graph, graph.add_fact(from, to, fact.relation, fact.surface, ev),
              fact.relation_class);
  }
  return true;
}

bool add_to_graph(graph::Graph& graph, const DocumentFacts& facts) {
  graph::Articles articles(graph);
  return add_to_graph(graph, articles, facts);
}

namespace {

std::string string_member(const rapidjson::Value& json, const char* key) {
  if (!json.HasMember(key) || !json[key].IsString()) return "";
  return std::string(json[key].GetString(), json[key].GetStringLength());
}

std::string fact_json(const DocumentFacts& doc, const Fact& f) {
  std::string out = "{\"kind\":\"fact\",\"doc\":";
  graph::append_json_string(out, doc.name);
  auto field = [&](const char* key, std::string_view value) {
    out += ",\"";
    out += key;
    out += "\":";
    graph::append_json_string(out, value);
  };
  field("subject", f.subject);
  field("subject_type", f.subject_type);
  field("relation", f.relation);
  field("object", f.object);
  field("object_type", f.object_type);
  field("surface", f.surface);
  out += ",\"sentence\":" + std::to_string(f.sentence) + ",\"begin\":" + std::to_string(f.begin) +
         ",\"end\":" + std::to_string(f.end) + ",\"confidence\":";
  graph::append_json(out, graph::Value(static_cast<double>(f.confidence)));
  out += f.negated ? ",\"negated\":true" : ",\"negated\":false";
  field("modality", f.modality);
  field("attribution", f.attribution);
  field("time", f.time);
  field("date", f.date);
  field("pattern", f.pattern);
  field("class", f.relation_class);
  const std::string& text = doc.text;
  field("text", f.end <= text.size() && f.begin <= f.end
                    ? std::string_view(text).substr(f.begin, f.end - f.begin)
                    : "");
  out += "}\n";
  return out;
}

std::string entity_json(const DocumentFacts& doc, const EntityCluster& e) {
  std::string out = "{\"kind\":\"entity\",\"doc\":";
  graph::append_json_string(out, doc.name);
  out += ",\"name\":";
  graph::append_json_string(out, e.name);
  out += ",\"type\":";
  graph::append_json_string(out, e.type);
  out += ",\"aliases\":";
  graph::List aliases(e.aliases.begin(), e.aliases.end());
  graph::append_json(out, graph::Value(std::move(aliases)));
  out += ",\"mentions\":" + std::to_string(e.mentions) + "}\n";
  return out;
}

}  // namespace

std::string facts_jsonl(const DocumentFacts& facts) {
  std::string out = "{\"kind\":\"document\",\"doc\":";
  graph::append_json_string(out, facts.name);
  for (auto [key, value] : {std::pair<const char*, const std::string*>{"title", &facts.title},
                            {"date", &facts.date},
                            {"source", &facts.source},
                            {"sha256", &facts.sha256}}) {
    out += ",\"";
    out += key;
    out += "\":";
    graph::append_json_string(out, *value);
  }
  out += ",\"words\":" + std::to_string(facts.words) + "}\n";
  for (const auto& e : facts.entities)
    if (e.mentions > 0) out += entity_json(facts, e);
  for (const auto& f : facts.facts) out += fact_json(facts, f);
  return out;
}

void add_facts_jsonl(graph::Graph& graph, std::string_view text, const std::string& path) {
  graph::Articles articles(graph);
  std::optional<DocumentNodes> nodes;
  std::optional<graph::VertexId> article;  // where the current document's lines go
  bool skipping = false;                   // its text is in the graph already
  std::string current;                     // the document whose lines are being read
  auto finish = [&] {
    if (nodes && article) nodes->link(articles, *article);
  };
  base::for_each_json_line(
      path, text, [&](const rapidjson::Document& json, const std::string& where) {
        if (!json.IsObject()) throw ExtractError(where + ": expected a JSON object");
        std::string kind = string_member(json, "kind");
        std::string doc = string_member(json, "doc");
        if (!nodes || doc != current || kind == "document") {
          finish();
          nodes.emplace(graph);
          graph::ArticleInfo info{doc, "", "", "", ""};
          if (kind == "document") {
            info = {doc, string_member(json, "title"), string_member(json, "date"),
                    string_member(json, "source"), string_member(json, "sha256")};
            if (!info.date.empty()) try {
                temporal::parse(temporal::TKind::kDate, info.date);
              } catch (const std::exception&) {
                throw ExtractError(where + ": \"date\" must be YYYY-MM-DD");
              }
          }
          article = place_article(articles, info);
          skipping = !article;
        }
        current = doc;
        if (skipping) return;
        uint32_t document = graph.add_document(doc);
        if (kind == "document") {
          // the article above is all it takes
        } else if (kind == "entity") {
          std::string name = string_member(json, "name");
          if (name.empty()) throw ExtractError(where + ": entity without a name");
          std::vector<std::string> aliases;
          if (json.HasMember("aliases") && json["aliases"].IsArray())
            for (const auto& alias : json["aliases"].GetArray())
              if (alias.IsString())
                aliases.emplace_back(alias.GetString(), alias.GetStringLength());
          graph::VertexId v = nodes->entity(name, string_member(json, "type"), aliases);
          for (const auto& alias : aliases) graph.add_alias(v, alias);
          int mentions = json.HasMember("mentions") && json["mentions"].IsInt()
                             ? json["mentions"].GetInt()
                             : 1;
          nodes->mention(v, document, static_cast<uint32_t>(std::max(0, mentions)));
        } else if (kind == "fact") {
          std::string subject = string_member(json, "subject"),
                      object = string_member(json, "object");
          std::string relation = string_member(json, "relation");
          if (subject.empty() || object.empty() || relation.empty())
            throw ExtractError(where + ": fact needs subject, relation and object");
          // The entities' mentions before any fact, as add_to_graph links them.
          nodes->link(articles, *article);
          auto number = [&](const char* key) {
            return json.HasMember(key) && json[key].IsUint() ? json[key].GetUint() : 0u;
          };
          graph::Evidence ev;
          ev.document = document;
          ev.sentence = number("sentence");
          ev.begin = number("begin");
          ev.end = number("end");
          ev.text = graph.add_text(string_member(json, "text"));
          ev.confidence = json.HasMember("confidence") && json["confidence"].IsNumber()
                              ? static_cast<float>(json["confidence"].GetDouble())
                              : 1.0f;
          ev.negated =
              json.HasMember("negated") && json["negated"].IsBool() && json["negated"].GetBool();
          ev.modality = graph.intern(string_member(json, "modality"));
          ev.attribution = graph.intern(string_member(json, "attribution"));
          ev.time = graph.intern(string_member(json, "time"));
          ev.date = graph.intern(string_member(json, "date"));
          // The subject's node before the object's, as add_to_graph makes them: as arguments of
          // one call their order would be the compiler's (GCC: object first), and a new node's
          // id with it.
          graph::VertexId from = nodes->end(subject, string_member(json, "subject_type"));
          graph::VertexId to = nodes->end(object, string_member(json, "object_type"));
          set_class(graph, graph.add_fact(from, to, relation, string_member(json, "surface"), ev),
                    string_member(json, "class"));
        } else {
          throw ExtractError(where + ": \"kind\" must be \"document\", \"entity\" or \"fact\"");
        }
      });
  finish();
}

}  // namespace kg::extract
