#include "extract/carb_eval.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

namespace kg::extract {

namespace {

// Sentences are compared with spaces and punctuation removed, case folded.
std::string sentence_key(const std::string& s) {
  std::string key;
  for (unsigned char c : s)
    if (std::isalnum(c) || c >= 0x80) key += static_cast<char>(std::tolower(c));
  return key;
}

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (unsigned char c : text + " ") {
    if (std::isspace(c)) {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::vector<OpenTuple> read_tuples(const std::string& path, bool with_confidence) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<OpenTuple> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f = split_tabs(line);
    size_t first = with_confidence ? 2 : 1;
    if (f.size() < first + 2)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": too few fields");
    OpenTuple t;
    t.sentence = f[0];
    if (with_confidence) {
      try {
        t.confidence = std::stod(f[1]);
      } catch (const std::exception&) {
        throw std::runtime_error(path + ":" + std::to_string(number) + ": bad confidence");
      }
    }
    t.relation = f[first];
    t.args.assign(f.begin() + first + 1, f.end());
    out.push_back(std::move(t));
  }
  return out;
}

// Matched tokens of one slot: each gold token may take one equal predicted token.
size_t overlap(std::vector<std::string> gold, std::vector<std::string> predicted) {
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

struct Match {
  double precision = 0, recall = 0;
};

Match match(const OpenTuple& gold, const OpenTuple& system) {
  size_t p_num = 0, p_den = 0, r_num = 0, r_den = 0;
  auto slot = [&](const std::string& g, const std::string& s, bool required) {
    auto gw = tokens_of(g), sw = tokens_of(s);
    size_t m = overlap(gw, sw);
    p_num += m;
    r_num += m;
    p_den += sw.size();
    r_den += gw.size();
    return !required || m > 0;
  };
  if (!slot(gold.relation, system.relation, true)) return {};
  size_t n = std::max(gold.args.size(), system.args.size());
  for (size_t i = 0; i < n; ++i) {
    std::string g = i < gold.args.size() ? gold.args[i] : "";
    std::string s = i < system.args.size() ? system.args[i] : "";
    if (!slot(g, s, i < 2 && i < gold.args.size())) return {};
  }
  return {p_den ? double(p_num) / p_den : 0, r_den ? double(r_num) / r_den : 0};
}

}  // namespace

std::vector<OpenTuple> read_carb_gold(const std::string& path) { return read_tuples(path, false); }
std::vector<OpenTuple> read_carb_system(const std::string& path) { return read_tuples(path, true); }

CarbScore score_carb(const std::vector<OpenTuple>& gold, const std::vector<OpenTuple>& system) {
  std::map<std::string, std::vector<const OpenTuple*>> gold_by, system_by;
  for (const auto& t : gold) gold_by[sentence_key(t.sentence)].push_back(&t);
  for (const auto& t : system)
    if (gold_by.count(sentence_key(t.sentence))) system_by[sentence_key(t.sentence)].push_back(&t);

  std::set<double> thresholds;
  for (const auto& [key, tuples] : system_by)
    for (const auto* t : tuples) thresholds.insert(t->confidence);
  CarbScore best;
  best.gold_tuples = gold.size();
  best.sentences = gold_by.size();
  std::vector<std::pair<double, double>> curve;  // (recall, precision)
  for (auto it = thresholds.rbegin(); it != thresholds.rend(); ++it) {
    double threshold = *it;
    double p_sum = 0, r_sum = 0;
    size_t predicted = 0;
    for (const auto& [key, golds] : gold_by) {
      std::vector<const OpenTuple*> preds;
      for (const auto* t : system_by[key])
        if (t->confidence >= threshold) preds.push_back(t);
      predicted += preds.size();
      std::vector<std::vector<Match>> m(golds.size(), std::vector<Match>(preds.size()));
      for (size_t g = 0; g < golds.size(); ++g)
        for (size_t p = 0; p < preds.size(); ++p) m[g][p] = match(*golds[g], *preds[p]);
      for (size_t g = 0; g < golds.size(); ++g) {
        double r = 0;
        for (size_t p = 0; p < preds.size(); ++p) r = std::max(r, m[g][p].recall);
        r_sum += r;
      }
      // Precision: one-to-one, the best pairs first.
      std::vector<bool> gold_used(golds.size()), pred_used(preds.size());
      for (;;) {
        double top = 0;
        size_t bg = 0, bp = 0;
        for (size_t g = 0; g < golds.size(); ++g)
          for (size_t p = 0; p < preds.size(); ++p)
            if (!gold_used[g] && !pred_used[p] && m[g][p].precision > top) {
              top = m[g][p].precision;
              bg = g;
              bp = p;
            }
        if (top <= 0) break;
        gold_used[bg] = pred_used[bp] = true;
        p_sum += top;
      }
    }
    double precision = predicted ? p_sum / predicted : 0;
    double recall = gold.empty() ? 0 : r_sum / gold.size();
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    curve.emplace_back(recall, precision);
    if (f1 > best.f1) {
      best.precision = precision;
      best.recall = recall;
      best.f1 = f1;
      best.threshold = threshold;
      best.system_tuples = predicted;
    }
  }
  // Area under the precision-recall curve, recall rising as the threshold falls.
  double area = 0, last_recall = 0;
  for (const auto& [recall, precision] : curve) {
    if (recall > last_recall) area += (recall - last_recall) * precision;
    last_recall = std::max(last_recall, recall);
  }
  best.auc = area;
  return best;
}

}  // namespace kg::extract
