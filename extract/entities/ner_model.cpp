#include "extract/entities/ner_model.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "extract/entities/ner_binary_io.h"

namespace kg::extract::ner {
namespace {

constexpr char kMagic[8] = {'K', 'G', 'N', 'E', 'R', 'v', '1', '\n'};
// Version 2 adds the word lexicon after the weights; version 1 files still load (without it).
constexpr uint32_t kFormatVersion = 2;

uint64_t fnv64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// One name, one type per document: a mention whose type loses the document's vote for the same
// words takes the majority type ("Mariupol's mayor" after three LOC "Mariupol").
void make_types_consistent(const std::vector<std::vector<std::string_view>>& forms,
                           std::vector<std::vector<int>>& labels) {
  struct Mention {
    size_t sentence, first, last;
    std::string key;
    bool possessive = false;  // followed by 's
  };
  std::vector<Mention> mentions;
  std::unordered_map<std::string, std::array<int, 4>> votes;
  std::unordered_map<std::string, std::array<int, 4>> plain_votes;  // mentions not before 's
  for (size_t s = 0; s < labels.size(); ++s) {
    for (size_t i = 0; i < labels[s].size(); ++i) {
      int pos = label_position(labels[s][i]);
      if (pos != kB && pos != kU) continue;
      size_t j = i;
      while (pos == kB && j + 1 < labels[s].size() && label_position(labels[s][j]) != kL) ++j;
      Mention m{s, i, j, "", false};
      for (size_t k = i; k <= j; ++k) {
        if (k > i) m.key += ' ';
        m.key += forms[s][k];
      }
      ++votes.try_emplace(m.key, std::array<int, 4>{}).first->second[label_type(labels[s][i])];
      auto& plain = plain_votes.try_emplace(m.key, std::array<int, 4>{}).first->second;
      if (j + 1 < forms[s].size() &&
          (forms[s][j + 1] == "'s" || forms[s][j + 1] == "\xE2\x80\x99s"))
        m.possessive = true;
      else
        ++plain[label_type(labels[s][i])];
      mentions.push_back(std::move(m));
    }
  }
  // Words of multi-word person names: "Griffiths" alone after "Martin Griffiths".
  std::unordered_set<std::string_view> person_words;
  for (const Mention& m : mentions)
    if (m.last > m.first && label_type(labels[m.sentence][m.first]) == 0)
      for (size_t k = m.first; k <= m.last; ++k) person_words.insert(forms[m.sentence][k]);
  for (const Mention& m : mentions) {
    if (m.first == m.last && person_words.count(forms[m.sentence][m.first])) {
      labels[m.sentence][m.first] = make_label(0, kU);
      continue;
    }
    const auto& v = votes[m.key];
    int own = label_type(labels[m.sentence][m.first]);
    int best = static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
    if (v[best] == v[own] && v[own] > 0 && m.possessive) {
      // A possessive ("Mariupol's mayor") fits people, places and organizations alike, so on a
      // tie the type from the other mentions of the name wins.
      const auto& plain = plain_votes[m.key];
      best = static_cast<int>(std::max_element(plain.begin(), plain.end()) - plain.begin());
      if (plain[best] <= plain[own]) continue;
    } else if (v[best] <= v[own]) {
      continue;  // other ties keep their own type
    }
    for (size_t k = m.first; k <= m.last; ++k)
      labels[m.sentence][k] =
          make_label(best, static_cast<Position>(label_position(labels[m.sentence][k])));
  }
}

}  // namespace

uint64_t file_fingerprint(const std::string& path) {
  return fnv64(read_all(path));
}

std::vector<int> decode_sentence(const WeightTable& weights, const std::vector<TokenInfo>& tokens,
                                 const std::vector<std::vector<uint64_t>>& static_features) {
  std::vector<int> labels(tokens.size(), 0);
  std::vector<uint64_t> history;
  float scores[kNumLabels];
  int prev = -1, prev2 = -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::fill(scores, scores + kNumLabels, 0.0f);
    weights.score(static_features[i].data(), static_features[i].size(), scores);
    history.clear();
    history_features(tokens[i], prev, prev2, history);
    weights.score(history.data(), history.size(), scores);
    bool last = i + 1 == tokens.size();
    int best = -1;
    for (int l = 0; l < kNumLabels; ++l)
      if (label_allowed(prev, l, last) && (best < 0 || scores[l] > scores[best])) best = l;
    labels[i] = best;
    prev2 = prev;
    prev = best;
  }
  return labels;
}

std::vector<std::vector<std::vector<uint64_t>>> stage_one_features(const PreparedDocument& doc) {
  std::vector<std::vector<std::vector<uint64_t>>> out(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    out[s].resize(doc.sentences[s].size());
    for (size_t i = 0; i < doc.sentences[s].size(); ++i) {
      out[s][i].reserve(112);  // room for stage two's features too: one allocation per token
      static_features(doc, s, i, out[s][i]);
    }
  }
  return out;
}

std::vector<std::vector<std::vector<uint64_t>>> stage_two_feature_sets(const PreparedDocument& doc,
                                                                       const StageOneView& view) {
  auto out = stage_one_features(doc);
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    for (size_t i = 0; i < doc.sentences[s].size(); ++i)
      stage_two_features(doc, view, s, i, out[s][i]);
  return out;
}

std::vector<std::vector<int>> NerModel::label(
    const std::vector<std::vector<std::string_view>>& forms, bool stage_one_only) const {
  PreparedDocument doc = prepare_document(forms, gazetteer, clusters, &lexicon);
  auto features = stage_one_features(doc);
  std::vector<std::vector<int>> first(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    first[s] = decode_sentence(stage_one, doc.sentences[s], features[s]);
  if (stage_one_only) return first;
  StageOneView view = make_stage_one_view(doc, std::move(first));
  std::vector<std::vector<int>> labels(doc.sentences.size());
  std::vector<std::vector<uint64_t>> sentence_features;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    for (size_t i = 0; i < doc.sentences[s].size(); ++i)
      stage_two_features(doc, view, s, i, features[s][i]);
    labels[s] = decode_sentence(stage_two, doc.sentences[s], features[s]);
  }
  make_types_consistent(forms, labels);
  return labels;
}

void NerModel::save(const std::string& path) const {
  std::ostringstream body;
  write_pod(body, kFormatVersion);
  write_pod(body, clusters_fingerprint);
  gazetteer.write(body);
  stage_one.write(body);
  stage_two.write(body);
  lexicon.write(body);
  std::string bytes = body.str();
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(kMagic, sizeof(kMagic));
  write_pod(out, static_cast<uint64_t>(bytes.size()));
  write_pod(out, fnv64(bytes));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("error writing " + path);
}

NerModel NerModel::load(const std::string& model_path, const std::string& clusters_path) {
  std::string file = read_all(model_path);
  const size_t header = sizeof(kMagic) + 16;
  if (file.size() < header || file.compare(0, sizeof(kMagic), kMagic, sizeof(kMagic)) != 0)
    throw std::runtime_error(model_path + " is not a kg NER model");
  std::istringstream head(file.substr(sizeof(kMagic), 16));
  uint64_t size = read_pod<uint64_t>(head), checksum = read_pod<uint64_t>(head);
  std::string_view body(file.data() + header, file.size() - header);
  if (size != body.size() || fnv64(body) != checksum)
    throw std::runtime_error(model_path + " is truncated or corrupt (checksum mismatch)");
  std::istringstream in{std::string(body)};
  NerModel model;
  try {
    uint32_t version = read_pod<uint32_t>(in);
    if (version < 1 || version > kFormatVersion)
      throw std::runtime_error("unsupported format version");
    model.clusters_fingerprint = read_pod<uint64_t>(in);
    model.gazetteer = Gazetteer::read(in);
    model.stage_one = WeightTable::read(in);
    model.stage_two = WeightTable::read(in);
    if (version >= 2) model.lexicon = WordLexicon::read(in);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(model_path + ": " + e.what());
  }
  if (file_fingerprint(clusters_path) != model.clusters_fingerprint)
    throw std::runtime_error(clusters_path + " is not the cluster table " + model_path +
                             " was trained with");
  model.clusters = WordClusters::load(clusters_path);
  return model;
}

}  // namespace kg::extract::ner
