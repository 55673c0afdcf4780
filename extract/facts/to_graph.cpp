#include "extract/facts/to_graph.h"

#include <rapidjson/document.h>

#include "base/jsonl.h"
#include "extract/error.h"
#include "graph/value.h"

namespace kg::extract {

void add_to_graph(graph::Graph& graph, const DocumentFacts& facts) {
  uint32_t document = graph.add_document(facts.name);
  for (const auto& entity : facts.entities) {
    if (entity.mentions == 0) continue;  // merged into another, or only implied by a role
    graph::VertexId v = graph.entity(entity.name, entity.type);
    for (const auto& alias : entity.aliases) graph.add_alias(v, alias);
    for (uint32_t i = 0; i < entity.mentions; ++i) graph.add_mention(v, document);
  }
  const std::string& text = facts.document.text;
  for (const auto& fact : facts.facts) {
    graph::VertexId from = graph.entity(fact.subject, fact.subject_type);
    graph::VertexId to = graph.entity(fact.object, fact.object_type);
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
    graph.add_fact(from, to, fact.relation, fact.surface, ev);
  }
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
  field("pattern", f.pattern);
  const std::string& text = doc.document.text;
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
  std::string out;
  for (const auto& e : facts.entities)
    if (e.mentions > 0) out += entity_json(facts, e);
  for (const auto& f : facts.facts) out += fact_json(facts, f);
  return out;
}

void add_facts_jsonl(graph::Graph& graph, std::string_view text, const std::string& path) {
  base::for_each_json_line(
      path, text, [&](const rapidjson::Document& json, const std::string& where) {
        if (!json.IsObject()) throw ExtractError(where + ": expected a JSON object");
        std::string kind = string_member(json, "kind");
        uint32_t document = graph.add_document(string_member(json, "doc"));
        if (kind == "entity") {
          std::string name = string_member(json, "name");
          if (name.empty()) throw ExtractError(where + ": entity without a name");
          graph::VertexId v = graph.entity(name, string_member(json, "type"));
          if (json.HasMember("aliases") && json["aliases"].IsArray())
            for (const auto& alias : json["aliases"].GetArray())
              if (alias.IsString()) graph.add_alias(v, alias.GetString());
          int mentions = json.HasMember("mentions") && json["mentions"].IsInt()
                             ? json["mentions"].GetInt()
                             : 1;
          for (int i = 0; i < mentions; ++i) graph.add_mention(v, document);
        } else if (kind == "fact") {
          std::string subject = string_member(json, "subject"),
                      object = string_member(json, "object");
          std::string relation = string_member(json, "relation");
          if (subject.empty() || object.empty() || relation.empty())
            throw ExtractError(where + ": fact needs subject, relation and object");
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
          graph.add_fact(graph.entity(subject, string_member(json, "subject_type")),
                         graph.entity(object, string_member(json, "object_type")), relation,
                         string_member(json, "surface"), ev);
        } else {
          throw ExtractError(where + ": \"kind\" must be \"entity\" or \"fact\"");
        }
      });
}

}  // namespace kg::extract
