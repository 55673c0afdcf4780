#include "cli/build_graph.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/io.h"

namespace kg::cli {

void add_to_graph(graph::Graph& graph, const extract::DocumentFacts& facts) {
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
    std::string_view sentence = fact.end <= text.size() && fact.begin <= fact.end
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

// Calls `visit` with each non-blank line of a JSONL text parsed, and "path:line" for errors.
// Throws UserError "path:line:column: what" for a line that is not JSON.
template <class Visit>
void for_each_json_line(const std::string& path, const std::string& text, Visit visit) {
  size_t line_number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(line_number);
    rapidjson::Document json;
    json.Parse<rapidjson::kParseIterativeFlag>(line.c_str(), line.size());
    if (json.HasParseError())
      throw UserError(where + ":" + std::to_string(json.GetErrorOffset() + 1) + ": " +
                      rapidjson::GetParseError_En(json.GetParseError()));
    visit(json, where);
  }
}

std::string string_member(const rapidjson::Value& json, const char* key) {
  if (!json.HasMember(key) || !json[key].IsString()) return "";
  return std::string(json[key].GetString(), json[key].GetStringLength());
}

}  // namespace

void add_triples_file(graph::Graph& graph, const std::string& path) {
  std::string text = read_utf8_file(path);
  for_each_json_line(path, text, [&](const rapidjson::Document& json, const std::string& where) {
    if (!json.IsObject()) throw UserError(where + ": expected a JSON object");
    std::string kind = string_member(json, "kind");
    uint32_t document = graph.add_document(string_member(json, "doc"));
    if (kind == "entity") {
      std::string name = string_member(json, "name");
      if (name.empty()) throw UserError(where + ": entity without a name");
      graph::VertexId v = graph.entity(name, string_member(json, "type"));
      if (json.HasMember("aliases") && json["aliases"].IsArray())
        for (const auto& alias : json["aliases"].GetArray())
          if (alias.IsString()) graph.add_alias(v, alias.GetString());
      int mentions = json.HasMember("mentions") && json["mentions"].IsInt() ? json["mentions"].GetInt() : 1;
      for (int i = 0; i < mentions; ++i) graph.add_mention(v, document);
    } else if (kind == "fact") {
      std::string subject = string_member(json, "subject"), object = string_member(json, "object");
      std::string relation = string_member(json, "relation");
      if (subject.empty() || object.empty() || relation.empty())
        throw UserError(where + ": fact needs subject, relation and object");
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
      ev.negated = json.HasMember("negated") && json["negated"].IsBool() && json["negated"].GetBool();
      ev.modality = graph.intern(string_member(json, "modality"));
      ev.attribution = graph.intern(string_member(json, "attribution"));
      ev.time = graph.intern(string_member(json, "time"));
      graph.add_fact(graph.entity(subject, string_member(json, "subject_type")),
                     graph.entity(object, string_member(json, "object_type")), relation,
                     string_member(json, "surface"), ev);
    } else {
      throw UserError(where + ": \"kind\" must be \"entity\" or \"fact\"");
    }
  });
}

namespace {

void read_jsonl(const std::string& path, const std::string& text, std::vector<InputDocument>& out) {
  for_each_json_line(path, text, [&](const rapidjson::Document& json, const std::string& where) {
    if (!json.IsObject() || !json.HasMember("text") || !json["text"].IsString())
      throw UserError(where + ": expected an object with a string \"text\"");
    std::string id = where;
    if (json.HasMember("id")) {
      const auto& v = json["id"];
      if (v.IsString()) id = v.GetString();
      else if (v.IsInt64()) id = std::to_string(v.GetInt64());
    }
    out.push_back({id, std::string(json["text"].GetString(), json["text"].GetStringLength())});
  });
}

}  // namespace

std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputDocument> docs;
  for (const auto& input : inputs) {
    if (input == "-") {
      docs.push_back({"stdin", std::string(std::istreambuf_iterator<char>(std::cin), {})});
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec))
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      if (ec) throw UserError(input + ": cannot list folder: " + ec.message());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) docs.push_back({file, read_file(file)});
      continue;
    }
    std::string bytes = read_file(input);
    if (input.size() > 6 && input.compare(input.size() - 6, 6, ".jsonl") == 0) {
      read_jsonl(input, bytes, docs);
    } else {
      docs.push_back({input, std::move(bytes)});
    }
  }
  return docs;
}

}  // namespace kg::cli
