// Runs the openCypher TCK (.feature files) against kg's query engine and counts the scenarios
// that pass: tck_runner TCK_DIR [--expect-file F] [--filter TEXT] [--verbose]
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "graph/graph.h"
#include "query/engine.h"
#include "query/procedure/registry.h"
#include "tests/tck/tck_values.h"

namespace fs = std::filesystem;
using kg::graph::Graph;
namespace q = kg::query;

namespace {

struct Step {
  std::string keyword, text;
  std::string doc;                              // doc string, if any
  std::vector<std::vector<std::string>> table;  // data table, if any
};

struct Scenario {
  std::string feature, name;
  std::vector<Step> steps;  // background steps first
  bool ignored = false;
};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> table_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  bool in = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() &&
        (line[i + 1] == '|' || line[i + 1] == '\\' || line[i + 1] == 'n')) {
      // Gherkin cell escapes.
      cur += line[i + 1] == 'n' ? '\n' : line[i + 1];
      ++i;
    } else if (c == '|') {
      if (in) cells.push_back(trim(cur));
      cur.clear();
      in = true;
    } else {
      cur += c;
    }
  }
  return cells;
}

std::string substitute(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [k, v] : vars) {
    std::string key = "<" + k + ">";
    for (size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + v.size()))
      s.replace(p, key.size(), v);
  }
  return s;
}

// Reads one feature file into scenarios (outlines expanded, one per Examples row).
std::vector<Scenario> read_feature(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Scenario> out;
  std::vector<Step> background;
  std::vector<Step>* target = nullptr;
  Scenario cur;
  bool outline = false, have = false, tags_ignore = false;
  std::vector<std::vector<std::string>> examples;
  auto flush = [&] {
    if (!have) return;
    if (!outline) {
      out.push_back(cur);
    } else if (examples.size() > 1) {
      for (size_t r = 1; r < examples.size(); ++r) {
        std::map<std::string, std::string> vars;
        for (size_t c = 0; c < examples[0].size() && c < examples[r].size(); ++c)
          vars[examples[0][c]] = examples[r][c];
        Scenario s = cur;
        s.name += " #" + std::to_string(r);
        for (auto& st : s.steps) {
          st.text = substitute(st.text, vars);
          st.doc = substitute(st.doc, vars);
          for (auto& row : st.table)
            for (auto& cell : row) cell = substitute(cell, vars);
        }
        out.push_back(std::move(s));
      }
    }
    have = false;
    examples.clear();
  };
  bool in_examples = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = trim(lines[i]);
    if (t.empty() || (t[0] == '#')) continue;
    if (t[0] == '@') {
      if (t.find("@ignore") != std::string::npos || t.find("@skip ") != std::string::npos)
        tags_ignore = true;
      continue;
    }
    if (t.rfind("Feature:", 0) == 0) continue;
    if (t.rfind("Background:", 0) == 0) {
      target = &background;
      continue;
    }
    if (t.rfind("Scenario", 0) == 0) {
      flush();
      cur = Scenario();
      cur.feature = path.string();
      cur.name = trim(t.substr(t.find(':') + 1));
      cur.steps = background;
      cur.ignored = tags_ignore;
      tags_ignore = false;
      outline = t.rfind("Scenario Outline", 0) == 0 || t.rfind("Scenario Template", 0) == 0;
      have = true;
      in_examples = false;
      target = &cur.steps;
      continue;
    }
    if (t.rfind("Examples", 0) == 0) {
      in_examples = true;
      continue;
    }
    if (t[0] == '|') {
      if (in_examples)
        examples.push_back(table_row(t));
      else if (target && !target->empty())
        target->back().table.push_back(table_row(t));
      continue;
    }
    if (t.rfind("\"\"\"", 0) == 0) {
      size_t indent = lines[i].find('"');
      std::string doc;
      for (++i; i < lines.size() && trim(lines[i]).rfind("\"\"\"", 0) != 0; ++i) {
        std::string l = lines[i];
        size_t strip = std::min(indent, l.find_first_not_of(' ') == std::string::npos
                                            ? l.size()
                                            : l.find_first_not_of(' '));
        doc += l.substr(strip) + "\n";
      }
      if (target && !target->empty()) target->back().doc = doc;
      continue;
    }
    size_t sp = t.find(' ');
    if (target && sp != std::string::npos) {
      Step s;
      s.keyword = t.substr(0, sp);
      s.text = trim(t.substr(sp + 1));
      target->push_back(std::move(s));
    }
  }
  flush();
  return out;
}

// The graph as the TCK sees it, for side effects.
struct Snapshot {
  std::set<uint64_t> nodes, rels;
  std::set<std::string> labels, props;
};

std::string prop_key(char kind, uint64_t id, const std::string& key, const std::string& value) {
  std::string out(1, kind);
  out.append(std::to_string(id)).append(".").append(key).append("=").append(value);
  return out;
}

Snapshot snapshot(const Graph& g) {
  Snapshot s;
  const auto& st = g.store();
  for (auto [it, end] = boost::vertices(st); it != end; ++it) {
    const auto& n = g.node(*it);
    s.nodes.insert(n.id);
    for (const auto& l : n.labels) s.labels.insert(l);
    for (const auto& k : g.node_keys(*it))
      s.props.insert(prop_key('n', n.id, k, q::render(q::from_graph(g.node_property(*it, k)), g)));
  }
  for (auto [it, end] = boost::edges(st); it != end; ++it) {
    uint64_t id = g.edge(*it).id;
    s.rels.insert(id);
    for (const auto& k : g.edge_keys(*it))
      s.props.insert(prop_key('r', id, k, q::render(q::from_graph(g.edge_property(*it, k)), g)));
  }
  return s;
}

template <class T>
int64_t minus(const std::set<T>& a, const std::set<T>& b) {
  int64_t n = 0;
  for (const auto& x : a) n += !b.count(x);
  return n;
}

std::map<std::string, int64_t> side_effects(const Snapshot& before, const Snapshot& after) {
  return {{"+nodes", minus(after.nodes, before.nodes)},
          {"-nodes", minus(before.nodes, after.nodes)},
          {"+relationships", minus(after.rels, before.rels)},
          {"-relationships", minus(before.rels, after.rels)},
          {"+labels", minus(after.labels, before.labels)},
          {"-labels", minus(before.labels, after.labels)},
          {"+properties", minus(after.props, before.props)},
          {"-properties", minus(before.props, after.props)}};
}

// "there exists a procedure test.my.proc(in :: INTEGER?) :: (out :: STRING?):" and its
// table (inputs then outputs per row): a procedure that yields the outputs of the rows whose
// inputs equal the arguments.
q::Procedure fixture_procedure(const std::string& step,
                               const std::vector<std::vector<std::string>>& table) {
  std::string sig = step.substr(std::string("there exists a procedure ").size());
  q::Procedure p;
  size_t open = sig.find('(');
  p.name = trim(sig.substr(0, open));
  auto fields = [](const std::string& list) {
    std::vector<q::Procedure::Field> out;
    std::stringstream ss(list);
    for (std::string f; std::getline(ss, f, ',');) {
      size_t colons = f.find("::");
      if (colons == std::string::npos) continue;
      std::string type = trim(f.substr(colons + 2));
      if (!type.empty() && type.back() == '?') type.pop_back();
      out.push_back({trim(f.substr(0, colons)), type});
    }
    return out;
  };
  size_t close = sig.find(')', open);
  p.inputs = fields(sig.substr(open + 1, close - open - 1));
  size_t open2 = sig.find('(', close), close2 = sig.rfind(')');
  p.outputs = fields(sig.substr(open2 + 1, close2 - open2 - 1));
  p.min_args = p.inputs.size();
  std::vector<std::vector<q::Val>> rows;
  Graph scratch;
  for (size_t i = 1; i < table.size(); ++i) {
    std::vector<q::Val> row;
    for (const auto& cell : table[i])
      row.push_back(q::run(scratch, "RETURN " + cell + " AS v").rows.at(0).at(0));
    rows.push_back(std::move(row));
  }
  p.body = [rows](const q::Procedure& self, const std::vector<q::Val>& args, q::Ctx&,
                  std::vector<std::vector<q::Val>>& out) {
    for (const auto& row : rows) {
      bool match = row.size() == self.inputs.size() + self.outputs.size();
      for (size_t i = 0; match && i < args.size(); ++i) {
        auto eq = q::equals(row[i], args[i]);
        match = (row[i].is_null() && args[i].is_null()) || (eq && *eq);
      }
      if (match) out.emplace_back(row.begin() + long(self.inputs.size()), row.end());
    }
  };
  return p;
}

struct Runner {
  fs::path tck_dir;
  bool verbose = false;

  // Returns "" when the scenario passes, else why it failed.
  std::string run(const Scenario& sc) {
    Graph g;
    q::Params params;
    q::Options opts;
    opts.timeout_ms = 20000;
    q::unregister_procedures();
    std::optional<q::Result> result;
    std::optional<q::QueryError> error;
    Snapshot before, after;
    for (const auto& st : sc.steps) {
      const std::string& t = st.text;
      try {
        if (t == "an empty graph" || t == "any graph") {
          g = Graph();
        } else if (t.rfind("the ", 0) == 0 && t.size() > 10 && t.substr(t.size() - 6) == " graph") {
          std::string name = t.substr(4, t.size() - 10);
          std::ifstream in(tck_dir / "graphs" / name / (name + ".cypher"));
          if (!in) return "missing graph " + name;
          std::stringstream ss;
          ss << in.rdbuf();
          q::run(g, ss.str(), {}, opts);
        } else if (t == "having executed:") {
          q::run(g, st.doc, params, opts);
        } else if (t == "parameters are:") {
          Graph scratch;
          for (const auto& row : st.table) {
            if (row.size() < 2) continue;
            auto r = q::run(scratch, "RETURN " + row[1] + " AS v");
            params[row[0]] = r.rows.at(0).at(0);
          }
        } else if (t == "executing query:" || t == "executing control query:") {
          before = snapshot(g);
          result.reset();
          error.reset();
          try {
            result = q::run(g, st.doc, params, opts);
          } catch (const q::QueryError& e) {
            error = e;
          }
          after = snapshot(g);
        } else if (t.rfind("the result should be", 0) == 0) {
          if (error)
            return std::string("unexpected error: ") + error->type + " " + error->code + ": " +
                   error->what();
          if (!result) return "no result";
          if (t == "the result should be empty") {
            if (!result->rows.empty())
              return "expected no rows, got " + std::to_string(result->rows.size());
            continue;
          }
          std::string why = compare(*result, g, st.table, t.find("in order") != std::string::npos,
                                    t.find("ignoring element order") != std::string::npos);
          if (!why.empty()) return why;
        } else if (t == "no side effects" || t == "the side effects should be:") {
          if (error)
            return std::string("unexpected error: ") + error->type + " " + error->code + ": " +
                   error->what();
          auto fx = side_effects(before, after);
          std::map<std::string, int64_t> want;
          for (const auto& row : st.table)
            if (row.size() >= 2) want[row[0]] = std::stoll(row[1]);
          for (const auto& [k, v] : fx) {
            int64_t w = want.count(k) ? want[k] : 0;
            if (w != v)
              return "side effect " + k + ": expected " + std::to_string(w) + ", got " +
                     std::to_string(v);
          }
        } else if (t.find("should be raised") != std::string::npos) {
          // "a TypeError should be raised at runtime: InvalidArgumentType"
          std::string type = t.substr(t.find(' ') + 1);
          type = type.substr(0, type.find(' '));
          std::string code = t.substr(t.rfind(':') + 1);
          code = trim(code);
          if (!error) return "expected " + type + " " + code + ", got a result";
          if (error->type != type || (error->code != code && code != "*"))
            return "expected " + type + " " + code + ", got " + error->type + " " + error->code +
                   ": " + error->what();
        } else if (t.rfind("there exists a procedure", 0) == 0) {
          q::register_procedure(fixture_procedure(t, st.table));
        } else {
          return "unknown step: " + t;
        }
      } catch (const q::QueryError& e) {
        return "error in set-up: " + e.type + " " + e.code + ": " + e.what();
      } catch (const std::exception& e) {
        return std::string("exception: ") + e.what();
      }
    }
    return "";
  }

  std::string compare(const q::Result& r, const Graph& g,
                      const std::vector<std::vector<std::string>>& table, bool ordered,
                      bool sort_lists) {
    if (table.empty()) return "no expected table";
    if (table[0] != r.columns) {
      std::string got;
      for (const auto& c : r.columns) got += c + "|";
      return "columns differ: got " + got;
    }
    std::vector<std::string> want, got;
    for (size_t i = 1; i < table.size(); ++i) {
      std::string row;
      for (const auto& cell : table[i]) row += kg::tck::canonical(cell, sort_lists) + " | ";
      want.push_back(row);
    }
    for (const auto& vals : r.rows) {
      std::string row;
      for (const auto& v : vals) row += kg::tck::canonical(q::render(v, g), sort_lists) + " | ";
      got.push_back(row);
    }
    if (!ordered) {
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
    }
    if (want == got) return "";
    std::string msg = "rows differ\n      want:";
    for (const auto& w : want) msg += "\n        " + w;
    msg += "\n      got:";
    for (size_t i = 0; i < got.size() && i < 20; ++i) msg += "\n        " + got[i];
    return msg;
  }
};

// The two tiers of the brief, by folder.
int tier_of(const std::string& folder) {
  static const char* kTier1[] = {"clauses/match",
                                 "clauses/match-where",
                                 "clauses/return",
                                 "clauses/return-orderby",
                                 "clauses/return-skip-limit",
                                 "clauses/create",
                                 "expressions/aggregation",
                                 "useCases"};
  static const char* kTier2[] = {
      "clauses/with",           "clauses/with-orderBy", "clauses/with-skip-limit",
      "clauses/with-where",     "clauses/unwind",       "expressions/comparison",
      "expressions/null",       "expressions/literals", "expressions/graph",
      "expressions/string",     "expressions/path",     "expressions/boolean",
      "expressions/precedence", "expressions/list",     "expressions/map"};
  for (const char* t : kTier1)
    if (folder == t || folder.rfind(std::string(t) + "/", 0) == 0) return 1;
  for (const char* t : kTier2)
    if (folder == t || folder.rfind(std::string(t) + "/", 0) == 0) return 2;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tck_runner TCK_DIR [--expect-file F] [--filter TEXT] [--verbose]\n";
    return 2;
  }
  Runner runner;
  runner.tck_dir = argv[1];
  std::string expect_file, filter;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--expect-file" && i + 1 < argc)
      expect_file = argv[++i];
    else if (a == "--filter" && i + 1 < argc)
      filter = argv[++i];
    else if (a == "--verbose")
      runner.verbose = true;
  }
  if (!fs::exists(runner.tck_dir)) {
    std::cerr << "tck_runner: " << runner.tck_dir << " not found\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(runner.tck_dir))
    if (e.path().extension() == ".feature") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, std::pair<int, int>> by_folder;
  int passed = 0, failed = 0, tier_pass[3] = {0, 0, 0}, tier_total[3] = {0, 0, 0};
  for (const auto& f : files) {
    std::string folder = fs::relative(f.parent_path(), runner.tck_dir).string();
    for (const auto& sc : read_feature(f)) {
      std::string id = f.filename().string() + ": " + sc.name;
      if (!filter.empty() && id.find(filter) == std::string::npos &&
          folder.find(filter) == std::string::npos)
        continue;
      std::string why = sc.ignored ? "ignored" : runner.run(sc);
      bool ok = why.empty();
      int tier = tier_of(folder);
      ++tier_total[tier];
      auto& [p, n] = by_folder[folder];
      if (ok)
        ++p, ++passed, ++tier_pass[tier];
      else
        ++n, ++failed;
      if (!ok && runner.verbose)
        std::cout << "FAIL " << folder << "/" << id << "\n     " << why << "\n";
    }
  }
  for (const auto& [folder, pn] : by_folder)
    std::cout << folder << ": " << pn.first << "/" << pn.first + pn.second << "\n";
  std::cout << "tier 1: " << tier_pass[1] << "/" << tier_total[1] << "\n";
  std::cout << "tier 2: " << tier_pass[2] << "/" << tier_total[2] << "\n";
  std::cout << "other: " << tier_pass[0] << "/" << tier_total[0] << "\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  if (!expect_file.empty()) {
    std::ifstream in(expect_file);
    long want = 0;
    if (!(in >> want)) {
      std::cerr << "tck_runner: cannot read " << expect_file << "\n";
      return 2;
    }
    if (passed < want) {
      std::cerr << "tck_runner: " << passed << " passed, fewer than the " << want << " expected\n";
      return 1;
    }
  }
  return 0;
}
