#include "eval/carb_eval.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "eval/error.h"

namespace kg::eval {

namespace {

// Python's str.isspace over ASCII, which is what CaRB's strip() and split() cut on.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

std::string strip(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_space(c)) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

// Both of CaRB's readers strip the whole line first (so trailing empty arguments vanish); the
// gold reader also strips every field.
std::vector<OpenTuple> read_tuples(const std::string& path, bool system) {
  std::ifstream in(path);
  if (!in) throw EvalError(path + ": cannot open");
  std::vector<OpenTuple> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = strip(line);
    if (line.empty()) continue;
    std::vector<std::string> f = split_tabs(line);
    size_t relation = system ? 2 : 1;
    if (f.size() < relation + 1)
      throw EvalError(path + ":" + std::to_string(number) + ": too few fields");
    if (!system)
      for (auto& field : f) field = strip(field);
    OpenTuple t;
    t.sentence = f[0];
    if (system) {
      try {
        size_t used = 0;
        t.confidence = std::stod(f[1], &used);
        if (strip(f[1].substr(used)) != "") throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        throw EvalError(path + ":" + std::to_string(number) + ": bad confidence");
      }
    }
    t.relation = f[relation];
    t.args.assign(f.begin() + static_cast<long>(relation) + 1, f.end());
    out.push_back(std::move(t));
  }
  return out;
}

// Removes each gold token's first equal predicted token; returns how many were found.
size_t take_overlap(const std::vector<std::string>& gold, std::vector<std::string>& predicted) {
  size_t matched = 0;
  for (const auto& w : gold) {
    auto it = std::find(predicted.begin(), predicted.end(), w);
    if (it != predicted.end()) {
      ++matched;
      predicted.erase(it);
    }
  }
  return matched;
}

// Arguments after the first joined into one slot, as CaRB's binary matcher does.
std::vector<std::string> two_slots(const std::vector<std::string>& args) {
  if (args.size() < 2) return args;
  std::string rest;
  for (size_t i = 1; i < args.size(); ++i) rest += (i > 1 ? " " : "") + args[i];
  return {args[0], rest};
}

TupleMatch lenient_match(const OpenTuple& gold, const std::vector<std::string>& gold_args,
                         const OpenTuple& system, const std::vector<std::string>& system_args) {
  size_t p_num = 0, p_den = 0, r_num = 0, r_den = 0;
  std::vector<std::string> predicted = tokens_of(system.relation);
  std::vector<std::string> expected = tokens_of(gold.relation);
  p_den += predicted.size();
  r_den += expected.size();
  size_t matched = take_overlap(expected, predicted);
  // A predicted lemma "be" stands for any form of it in the gold relation.
  if (std::find(predicted.begin(), predicted.end(), "be") != predicted.end()) {
    for (const char* form : {"be", "is", "am", "are", "was", "were", "been", "being"}) {
      if (std::find(expected.begin(), expected.end(), form) != expected.end()) {
        ++matched;
        predicted.erase(std::find(predicted.begin(), predicted.end(), "be"));
        break;
      }
    }
  }
  if (matched == 0) return {};
  p_num += matched;
  r_num += matched;
  for (size_t i = 0; i < gold_args.size(); ++i) {
    std::vector<std::string> g = tokens_of(gold_args[i]);
    r_den += g.size();
    if (system_args.size() <= i) {
      if (i < 2) return {};
      continue;
    }
    std::vector<std::string> s = tokens_of(system_args[i]);
    p_den += s.size();
    size_t m = take_overlap(g, s);
    p_num += m;
    r_num += m;
  }
  return {p_den ? double(p_num) / double(p_den) : 0.0, r_den ? double(r_num) / double(r_den) : 0.0};
}

// Tuples grouped by sentence key. Like CaRB's dicts: grouped by raw text first, and when two
// raw texts share a key, the one seen later replaces the earlier.
std::map<std::string, std::vector<const OpenTuple*>> by_sentence(const std::vector<OpenTuple>& ts) {
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<const OpenTuple*>> raw;
  for (const auto& t : ts) {
    auto [it, added] = raw.try_emplace(t.sentence);
    if (added) order.push_back(t.sentence);
    it->second.push_back(&t);
  }
  std::map<std::string, std::vector<const OpenTuple*>> keyed;
  for (const auto& text : order) keyed[carb_sentence_key(text)] = raw[text];
  return keyed;
}

// Greedy one-to-one matching by precision among the kept columns (CaRB's "global match").
double greedy_precision(const std::vector<std::vector<TupleMatch>>& m,
                        const std::vector<size_t>& kept) {
  size_t rows = m.size();
  std::vector<bool> row_used(rows), col_used(kept.size());
  double sum = 0;
  for (size_t step = 0; step < std::min(rows, kept.size()); ++step) {
    double best = -1;
    size_t br = 0, bc = 0;
    for (size_t r = 0; r < rows; ++r) {
      if (row_used[r]) continue;
      for (size_t k = 0; k < kept.size(); ++k)
        if (!col_used[k] && m[r][kept[k]].precision > best) {
          best = m[r][kept[k]].precision;
          br = r;
          bc = k;
        }
    }
    row_used[br] = col_used[bc] = true;
    sum += best;
  }
  return sum;
}

}  // namespace

std::string carb_sentence_key(const std::string& sentence) {
  std::string s;
  for (char c : sentence)
    if (c != ' ') s += c;
  static const std::pair<const char*, const char*> kEscapes[] = {{"-LRB-", "("}, {"-RRB-", ")"},
                                                                 {"-LSB-", "["}, {"-RSB-", "]"},
                                                                 {"-LCB-", "{"}, {"-RCB-", "}"}};
  for (const auto& [escaped, bracket] : kEscapes)
    for (size_t at = s.find(escaped); at != std::string::npos; at = s.find(escaped, at))
      s.replace(at, 5, bracket);
  std::string key;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool punct = u < 0x80 && ((u >= 33 && u <= 47) || (u >= 58 && u <= 64) ||
                              (u >= 91 && u <= 96) || (u >= 123 && u <= 126));
    if (!punct) key += c;
  }
  return key;
}

TupleMatch carb_match(const OpenTuple& gold, const OpenTuple& system) {
  std::vector<std::string> gold_args = two_slots(gold.args);
  TupleMatch straight = lenient_match(gold, gold_args, system, two_slots(system.args));
  bool said = false;
  for (const char* verb : {"said", "told", "added", "adds", "says"})
    if (gold.relation.find(verb) != std::string::npos) said = true;
  if (!said || system.args.size() < 2) return straight;
  std::vector<std::string> swapped = two_slots(system.args);
  std::swap(swapped[0], swapped[1]);
  TupleMatch reverse = lenient_match(gold, gold_args, system, swapped);
  bool better = reverse.precision > straight.precision ||
                (reverse.precision == straight.precision && reverse.recall > straight.recall);
  return better ? reverse : straight;
}

std::vector<OpenTuple> read_carb_gold(const std::string& path) {
  return read_tuples(path, false);
}
std::vector<OpenTuple> read_carb_system(const std::string& path) {
  return read_tuples(path, true);
}

CarbScore score_carb(const std::vector<OpenTuple>& gold, const std::vector<OpenTuple>& system) {
  auto gold_by = by_sentence(gold);
  auto system_by = by_sentence(system);
  std::vector<double> thresholds;
  for (const auto& [key, tuples] : system_by)
    for (const auto* t : tuples) thresholds.push_back(t->confidence);
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  size_t n = thresholds.size();
  // Numerators and denominators per threshold (ascending), as difference arrays.
  std::vector<double> p(n + 1), pl(n + 1), r(n + 1), rl(n + 1);
  auto add = [](std::vector<double>& v, size_t from, size_t to, double x) {
    v[from] += x;
    v[to] -= x;
  };
  size_t gold_count = 0;
  for (const auto& [key, golds] : gold_by) {
    gold_count += golds.size();
    auto found = system_by.find(key);
    static const std::vector<const OpenTuple*> kNone;
    const auto& preds = found == system_by.end() ? kNone : found->second;
    std::vector<std::vector<TupleMatch>> m(golds.size(), std::vector<TupleMatch>(preds.size()));
    for (size_t g = 0; g < golds.size(); ++g)
      for (size_t k = 0; k < preds.size(); ++k) m[g][k] = carb_match(*golds[g], *preds[k]);
    std::vector<double> confidences;
    for (const auto* t : preds) confidences.push_back(t->confidence);
    std::sort(confidences.begin(), confidences.end());
    confidences.erase(std::unique(confidences.begin(), confidences.end()), confidences.end());
    size_t from = 0;
    for (double c : confidences) {
      size_t to = static_cast<size_t>(std::lower_bound(thresholds.begin(), thresholds.end(), c) -
                                      thresholds.begin()) +
                  1;
      std::vector<size_t> kept;
      for (size_t k = 0; k < preds.size(); ++k)
        if (preds[k]->confidence >= c) kept.push_back(k);
      double recall_sum = 0;
      for (const auto& row : m) {
        double best = 0;
        for (size_t k : kept) best = std::max(best, row[k].recall);
        recall_sum += best;
      }
      add(p, from, to, greedy_precision(m, kept));
      add(pl, from, to, double(kept.size()));
      add(r, from, to, recall_sum);
      add(rl, from, to, double(golds.size()));
      from = to;
    }
    add(rl, from, n, double(golds.size()));  // thresholds above all of this sentence's output
  }
  CarbScore best;
  best.gold_tuples = gold_count;
  best.sentences = gold_by.size();
  std::vector<double> precisions, recalls;
  double ps = 0, pls = 0, rs = 0, rls = 0, best_f1 = -1;
  for (size_t i = 0; i < n; ++i) {
    ps += p[i];
    pls += pl[i];
    rs += r[i];
    rls += rl[i];
    double precision = pls > 0.5 ? ps / pls : 1.0;
    double recall = rls > 0.5 ? rs / rls : 0.0;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    precisions.push_back(precision);
    recalls.push_back(recall);
    if (f1 > best_f1) {
      best_f1 = f1;
      best.precision = precision;
      best.recall = recall;
      best.f1 = f1;
      best.threshold = thresholds[i];
      best.system_tuples = static_cast<size_t>(pls + 0.5);
    }
  }
  // Trapezoids under the curve, closed by the point (recall 0, precision 1).
  recalls.push_back(0);
  precisions.push_back(1);
  for (size_t i = 0; n > 0 && i + 1 < recalls.size(); ++i)
    best.auc += (recalls[i] - recalls[i + 1]) * (precisions[i] + precisions[i + 1]) / 2;
  return best;
}

}  // namespace kg::eval
