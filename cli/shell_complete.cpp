// Tab completion for kg shell: keywords, labels, relationship types, property keys, names.
#include <algorithm>
#include <set>

#include "cli/shell.h"
#include "query/search.h"

namespace kg::cli {

namespace {

constexpr std::string_view kKeywords[] = {
    "MATCH",  "OPTIONAL", "WHERE",    "RETURN",   "WITH",  "UNWIND", "CREATE", "MERGE", "SET",
    "DELETE", "DETACH",   "REMOVE",   "ORDER",    "BY",    "SKIP",   "LIMIT",  "AS",    "AND",
    "OR",     "XOR",      "NOT",      "DISTINCT", "UNION", "ALL",    "CASE",   "WHEN",  "THEN",
    "ELSE",   "END",      "CONTAINS", "STARTS",   "ENDS",  "IN",     "IS",     "NULL",  "TRUE",
    "FALSE",  "ASC",      "DESC",     "ON",       "EXISTS"};
constexpr std::string_view kFunctions[] = {"count",
                                           "collect",
                                           "sum",
                                           "avg",
                                           "min",
                                           "max",
                                           "size",
                                           "length",
                                           "type",
                                           "labels",
                                           "id",
                                           "keys",
                                           "properties",
                                           "nodes",
                                           "relationships",
                                           "startNode",
                                           "endNode",
                                           "coalesce",
                                           "toLower",
                                           "toUpper",
                                           "toString",
                                           "toInteger",
                                           "toFloat",
                                           "range",
                                           "head",
                                           "last",
                                           "tail",
                                           "shortestPath",
                                           "allShortestPaths",
                                           "trim",
                                           "substring",
                                           "replace",
                                           "split",
                                           "abs",
                                           "round"};
constexpr std::string_view kMeta[] = {
    ":help",  ":quit",   ":load",  ":source", ":save",   ":save!", ":export",     ":mode",
    ":param", ":params", ":stats", ":schema", ":timing", ":why",   ":max-memory", ":timeout"};

bool word_byte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != lower(prefix[i])) return false;
  return true;
}

// Candidates from `pool` starting with `prefix`: exact case first, any case when none.
template <class Pool>
std::vector<std::string> matching(const Pool& pool, std::string_view prefix) {
  std::vector<std::string> exact, any;
  for (const auto& item : pool) {
    std::string_view s(item);
    if (s.substr(0, prefix.size()) == prefix)
      exact.emplace_back(s);
    else if (starts_with_nocase(s, prefix))
      any.emplace_back(s);
  }
  return exact.empty() ? any : exact;
}

// The bracket that the cursor is inside on this line: '(', '[', '{' or 0.
char open_bracket(std::string_view text) {
  std::vector<char> stack;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      stack.push_back(c);
    } else if ((c == ')' || c == ']' || c == '}') && !stack.empty()) {
      stack.pop_back();
    }
  }
  return stack.empty() ? 0 : stack.back();
}

// Where an unclosed string literal starts on this line, or npos.
size_t open_quote(std::string_view text) {
  char quote = 0;
  size_t at = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0, at = std::string_view::npos;
    } else if (c == '\'' || c == '"') {
      quote = c;
      at = i;
    }
  }
  return at;
}

}  // namespace

void CompletionWords::gather(const graph::Graph& g) {
  std::set<std::string> label_set, type_set, key_set, name_set;
  const graph::Store& store = g.store();
  // Property keys come from a sample: scanning every node of a big graph on each change
  // would stall the prompt.
  size_t sampled = 0;
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    const graph::Node& n = store[*it];
    label_set.insert(n.labels.begin(), n.labels.end());
    if (!n.name.empty()) name_set.insert(n.name);
    name_set.insert(n.aliases.begin(), n.aliases.end());
    if (sampled++ < 20000)
      for (auto& k : g.node_keys(*it)) key_set.insert(std::move(k));
  }
  sampled = 0;
  for (auto [it, end] = boost::edges(store); it != end; ++it) {
    type_set.emplace(g.relation(*it));
    if (sampled++ < 20000)
      for (auto& k : g.edge_keys(*it)) key_set.insert(std::move(k));
  }
  labels.assign(label_set.begin(), label_set.end());
  types.assign(type_set.begin(), type_set.end());
  keys.assign(key_set.begin(), key_set.end());
  names.assign(name_set.begin(), name_set.end());
  graph = &g;
}

Completion complete(std::string_view before, const CompletionWords& words) {
  Completion out;
  size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::string_view line = before.substr(line_start);
  size_t quote = open_quote(line);
  if (quote != std::string_view::npos) {
    out.start = line_start + quote + 1;
    std::string_view typed = line.substr(quote + 1);
    out.candidates = matching(words.names, typed);
    if (out.candidates.empty() && words.graph && typed.size() >= 3) {
      std::set<std::string> seen;
      for (auto& hit : query::search_names(*words.graph, typed, 10))
        if (seen.insert(hit.name).second) out.candidates.push_back(std::move(hit.name));
    }
    for (auto& c : out.candidates) c += line[quote];
    return out;
  }
  size_t start = line.size();
  while (start > 0 && word_byte(line[start - 1])) --start;
  std::string_view prefix = line.substr(start);
  out.start = line_start + start;
  char mark = start > 0 ? line[start - 1] : 0;
  size_t first = line.find_first_not_of(" \t");
  if (mark == ':' && first == start - 1) {
    out.start -= 1;
    out.candidates = matching(kMeta, line.substr(start - 1));
  } else if (mark == ':') {
    bool rel = open_bracket(line.substr(0, start)) == '[';
    out.candidates = matching(rel ? words.types : words.labels, prefix);
  } else if (mark == '.') {
    out.candidates = matching(words.keys, prefix);
  } else if (mark == '$') {
    out.candidates = matching(words.params, prefix);
  } else if (!prefix.empty()) {
    // Keywords in the case the user types them in; functions as they are spelled.
    bool lower_case = std::none_of(prefix.begin(), prefix.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c));
    });
    for (auto kw : kKeywords) {
      if (!starts_with_nocase(kw, prefix)) continue;
      std::string k(kw);
      if (lower_case) std::transform(k.begin(), k.end(), k.begin(), lower);
      out.candidates.push_back(k + " ");
    }
    for (auto& f : matching(kFunctions, prefix)) out.candidates.push_back(f + "(");
  }
  std::sort(out.candidates.begin(), out.candidates.end());
  out.candidates.erase(std::unique(out.candidates.begin(), out.candidates.end()),
                       out.candidates.end());
  return out;
}

std::string common_prefix(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string prefix = candidates[0];
  for (const auto& c : candidates) {
    size_t n = 0;
    while (n < prefix.size() && n < c.size() && prefix[n] == c[n]) ++n;
    prefix.resize(n);
  }
  // Drop a character cut in the middle of its bytes.
  size_t lead = prefix.size();
  while (lead > 0 && (static_cast<unsigned char>(prefix[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead > 0 && static_cast<unsigned char>(prefix[lead - 1]) >= 0xC0) {
    unsigned char c = static_cast<unsigned char>(prefix[lead - 1]);
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (prefix.size() - (lead - 1) < length) prefix.resize(lead - 1);
  }
  return prefix;
}

}  // namespace kg::cli
