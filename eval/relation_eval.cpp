#include "eval/relation_eval.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "base/ascii.h"
#include "eval/error.h"

namespace kg::eval {

namespace {

constexpr std::array<const char*, 5> kClasses = {"works_for", "based_in", "located_in", "lives_in",
                                                 "killed"};

// Lowercase words of letters and digits; periods and hyphens vanish so that abbreviations and
// hyphenated names stay one word ("N.J." -> "nj", "Lee Ka-wing" -> "lee kawing"); any other byte
// splits words.
std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char c : name) {
    if (base::is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0x80))
      word += base::ascii_lower(c);
    else if (c != '.' && c != '-')
      flush();
  }
  flush();
  return words;
}

bool contains_run(const std::vector<std::string>& outer, const std::vector<std::string>& inner) {
  if (inner.empty() || inner.size() > outer.size()) return false;
  return std::search(outer.begin(), outer.end(), inner.begin(), inner.end()) != outer.end();
}

}  // namespace

std::string RelationSentence::text() const {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string conll04_class(const std::string& type) {
  if (type == "Work_For") return "works_for";
  if (type == "OrgBased_In") return "based_in";
  if (type == "Located_In") return "located_in";
  if (type == "Live_In") return "lives_in";
  if (type == "Kill") return "killed";
  return "";
}

const std::array<const char*, 5>& conll04_classes() {
  return kClasses;
}

std::vector<RelationSentence> read_conll04(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EvalError(path + ": cannot read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  rapidjson::Document json;
  json.Parse<rapidjson::kParseIterativeFlag>(text.c_str(), text.size());
  if (json.HasParseError())
    throw EvalError(path + ": offset " + std::to_string(json.GetErrorOffset()) + ": " +
                    rapidjson::GetParseError_En(json.GetParseError()));
  if (!json.IsArray()) throw EvalError(path + ": expected a JSON array of sentences");
  std::vector<RelationSentence> out;
  for (const auto& item : json.GetArray()) {
    const std::string where = path + ": sentence " + std::to_string(out.size() + 1);
    if (!item.IsObject() || !item.HasMember("tokens") || !item["tokens"].IsArray() ||
        !item.HasMember("tags") || !item["tags"].IsArray())
      throw EvalError(where + ": needs \"tokens\" and \"tags\" arrays");
    RelationSentence s;
    for (const auto& t : item["tokens"].GetArray())
      s.tokens.emplace_back(t.IsString() ? t.GetString() : "");
    const auto& tags = item["tags"].GetArray();
    if (tags.Size() != s.tokens.size())
      throw EvalError(where + ": tags and tokens differ in number");
    for (int i = 0; i < static_cast<int>(tags.Size()); ++i) {
      std::string tag = tags[i].IsString() ? tags[i].GetString() : "O";
      if (tag == "O" || tag.size() < 3) continue;
      char position = tag[0];
      std::string type = tag.substr(2);
      if (position == 'B' || position == 'U' || s.mentions.empty() ||
          s.mentions.back().last != i - 1 || s.mentions.back().type != type)
        s.mentions.push_back({i, i, type, ""});
      else
        s.mentions.back().last = i;
    }
    for (auto& m : s.mentions)
      for (int i = m.first; i <= m.last; ++i) m.text += (i > m.first ? " " : "") + s.tokens[i];
    if (item.HasMember("relations") && item["relations"].IsArray()) {
      for (const auto& r : item["relations"].GetArray()) {
        if (!r.IsObject() || !r.HasMember("head") || !r["head"].IsInt() || !r.HasMember("tail") ||
            !r["tail"].IsInt() || !r.HasMember("type") || !r["type"].IsString())
          throw EvalError(where + ": a relation needs head, tail and type");
        int head = r["head"].GetInt(), tail = r["tail"].GetInt();
        if (head < 0 || tail < 0 || head >= static_cast<int>(s.mentions.size()) ||
            tail >= static_cast<int>(s.mentions.size()))
          throw EvalError(where + ": relation end out of range");
        std::string cls = conll04_class(r["type"].GetString());
        if (cls.empty()) throw EvalError(where + ": unknown relation type");
        s.relations.push_back({head, tail, cls});
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<int> match_mention(const RelationSentence& gold,
                               const std::vector<std::string>& names) {
  std::vector<int> exact, loose;
  for (const auto& name : names) {
    auto words = name_words(name);
    if (words.empty()) continue;
    for (int m = 0; m < static_cast<int>(gold.mentions.size()); ++m) {
      auto mention = name_words(gold.mentions[m].text);
      if (mention == words)
        exact.push_back(m);
      else if (contains_run(mention, words) || contains_run(words, mention))
        loose.push_back(m);
    }
  }
  std::vector<int>& out = exact.empty() ? loose : exact;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void RelationScores::add(const RelationScores& o) {
  any.add(o.any);
  classed.add(o.classed);
  typed.add(o.typed);
  for (size_t k = 0; k < by_class.size(); ++k) by_class[k].add(o.by_class[k]);
  sentences += o.sentences;
}

RelationScores score_relations(const RelationSentence& gold,
                               const std::vector<SystemRelation>& system) {
  RelationScores scores;
  scores.sentences = 1;
  auto class_index = [](std::string cls) {
    // CoNLL04's Live_In covers a birthplace and the country a leader heads ("Illinois Gov.
    // James Thompson"), which kg's schema tells apart.
    if (cls == "born_in" || cls == "leader_of") cls = "lives_in";
    for (size_t k = 0; k < kClasses.size(); ++k)
      if (cls == kClasses[k]) return static_cast<int>(k);
    return -1;
  };
  // Gold: unordered pairs for `any` and `classed`, ordered typed triples for `typed`.
  std::set<std::pair<int, int>> gold_pairs;
  std::set<std::tuple<int, int, int>> gold_typed;
  for (const auto& r : gold.relations) {
    gold_pairs.insert(std::minmax(r.head, r.tail));
    gold_typed.insert({r.head, r.tail, class_index(r.cls)});
  }
  scores.any.gold = scores.classed.gold = gold_pairs.size();
  scores.typed.gold = gold_typed.size();
  for (const auto& [h, t, c] : gold_typed) ++scores.by_class[c].gold;

  std::set<std::pair<int, int>> found_any, found_classed;
  std::set<std::tuple<int, int, int>> found_typed;
  std::set<std::pair<std::string, std::string>> seen_any, seen_classed;
  std::set<std::tuple<std::string, std::string, int>> seen_typed;
  for (const auto& r : system) {
    if (r.subject.empty() || r.object.empty()) continue;
    const std::vector<int> subjects = match_mention(gold, r.subject);
    const std::vector<int> objects = match_mention(gold, r.object);
    auto unordered = std::minmax(r.subject[0], r.object[0]);
    const int cls = class_index(r.cls);
    // Which gold pairs and typed relations this system relation stands for.
    std::vector<std::pair<int, int>> pairs;
    std::vector<std::tuple<int, int, int>> typed;
    for (int s : subjects)
      for (int o : objects) {
        if (gold_pairs.count(std::minmax(s, o))) pairs.push_back(std::minmax(s, o));
        if (cls >= 0 && gold_typed.count({s, o, cls})) typed.push_back({s, o, cls});
      }
    if (seen_any.insert({unordered.first, unordered.second}).second) {
      ++scores.any.system;
      if (!pairs.empty()) ++scores.any.matched_system;
    }
    found_any.insert(pairs.begin(), pairs.end());
    if (cls < 0) continue;
    if (seen_classed.insert({unordered.first, unordered.second}).second) {
      ++scores.classed.system;
      if (!pairs.empty()) ++scores.classed.matched_system;
    }
    found_classed.insert(pairs.begin(), pairs.end());
    if (seen_typed.insert({r.subject[0], r.object[0], cls}).second) {
      ++scores.typed.system;
      ++scores.by_class[cls].system;
      if (!typed.empty()) {
        ++scores.typed.matched_system;
        ++scores.by_class[cls].matched_system;
      }
    }
    found_typed.insert(typed.begin(), typed.end());
  }
  scores.any.matched_gold = found_any.size();
  scores.classed.matched_gold = found_classed.size();
  scores.typed.matched_gold = found_typed.size();
  for (const auto& [h, t, c] : found_typed) ++scores.by_class[c].matched_gold;
  return scores;
}

}  // namespace kg::eval
