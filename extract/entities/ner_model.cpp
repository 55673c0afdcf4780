#include "extract/entities/ner_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"

namespace kg::extract::ner {
namespace {

// Files of before 2026-12-04 ("format 2"): their own header and checksum, float weights by
// 64-bit feature hash. They still load (see load_format_2), with the same predictions.
constexpr char kFormat2Magic[8] = {'K', 'G', 'N', 'E', 'R', 'v', '1', '\n'};

// A format-2 weight table: scale, row count, then per row its feature hash and its non-zero
// (label, int16) pairs.
FrozenWeights read_format_2_weights(ModelReader& in) {
  float scale = in.f32();
  uint64_t count = in.u64();
  if (!(scale > 0) || !std::isfinite(scale) || count > (1ULL << 26))
    throw in.error("bad weight table header");
  std::vector<uint64_t> keys;
  std::vector<uint32_t> begins;
  std::vector<std::pair<uint16_t, int16_t>> weights;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key = in.u64();
    uint8_t nonzero = in.u8();
    if (key == 0 || nonzero > kNumLabels) throw in.error("bad weight row");
    keys.push_back(key);
    begins.push_back(static_cast<uint32_t>(weights.size()));
    for (uint8_t k = 0; k < nonzero; ++k) {
      uint8_t label = in.u8();
      int16_t q = static_cast<int16_t>(in.u16());
      if (label >= kNumLabels) throw in.error("bad label in weight row");
      weights.emplace_back(label, q);
    }
  }
  begins.push_back(static_cast<uint32_t>(weights.size()));
  return FrozenWeights::from_quantised(kNumLabels, scale, keys, begins, weights);
}

// The body of a format-2 file, whose header (magic, length, FNV-1a checksum) is checked here.
NerModel load_format_2(const std::string& path, const std::string& bytes) {
  const size_t header = sizeof(kFormat2Magic) + 16;
  auto fields = ModelReader::from_payload(path, bytes.substr(sizeof(kFormat2Magic), 16));
  if (bytes.size() < header) throw fields.error("truncated model file");
  uint64_t size = fields.u64(), checksum = fields.u64();
  std::string_view body(bytes.data() + header, bytes.size() - header);
  if (size != body.size() || base::fnv1a64(body) != checksum)
    throw fields.error("truncated or corrupt model file (checksum mismatch)");
  auto in = ModelReader::from_payload(path, std::string(body));
  NerModel model;
  uint32_t version = in.u32();
  if (version < 1 || version > 2) throw in.error("unsupported NER format version");
  model.clusters_fingerprint = in.u64();
  model.gazetteer = Gazetteer::load(in);
  model.stage_one = read_format_2_weights(in);
  model.stage_two = read_format_2_weights(in);
  if (version >= 2) model.lexicon = WordLexicon::load(in);
  in.expect_end();
  return model;
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
  // Words of multi-word person names: "Griffiths" alone after "Martin Griffiths". Unless the
  // word alone is far more often (ten times) something else: in a long text one "Terramin
  // Australia" read as a person must not make a person of every "Australia".
  std::unordered_map<std::string_view, int> person_words;
  for (const Mention& m : mentions)
    if (m.last > m.first && label_type(labels[m.sentence][m.first]) == 0)
      for (size_t k = m.first; k <= m.last; ++k) ++person_words[forms[m.sentence][k]];
  for (const Mention& m : mentions) {
    auto person =
        m.first == m.last ? person_words.find(forms[m.sentence][m.first]) : person_words.end();
    if (person != person_words.end()) {
      const auto& alone = votes[m.key];
      const int other = std::max({alone[1], alone[2], alone[3]});
      if (other <= 10 * person->second) {
        labels[m.sentence][m.first] = make_label(0, kU);
        continue;
      }
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
  return base::fnv1a64(read_model_bytes(path));
}

std::vector<int> decode_sentence(const FrozenWeights& weights, const std::vector<TokenInfo>& tokens,
                                 const std::vector<std::vector<uint64_t>>& static_features) {
  std::vector<int> labels(tokens.size(), 0);
  std::vector<uint64_t> history;
  float scores[kNumLabels];
  int prev = -1, prev2 = -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::fill(scores, scores + kNumLabels, 0.0f);
    weights.score(static_features[i], scores);
    history.clear();
    history_features(tokens[i], prev, prev2, history);
    weights.score(history, scores);
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
  ModelWriter out(kModelKind);
  out.u64(clusters_fingerprint);
  gazetteer.save(out);
  stage_one.save(out);
  stage_two.save(out);
  lexicon.save(out);
  out.save(path);
}

NerModel NerModel::load(const std::string& model_path, const std::string& clusters_path) {
  std::string bytes = read_model_bytes(model_path);
  NerModel model;
  if (bytes.compare(0, sizeof(kFormat2Magic), kFormat2Magic, sizeof(kFormat2Magic)) == 0) {
    model = load_format_2(model_path, bytes);
  } else {
    ModelReader in(model_path, std::move(bytes), kModelKind);
    model.clusters_fingerprint = in.u64();
    model.gazetteer = Gazetteer::load(in);
    model.stage_one = FrozenWeights::load(in);
    model.stage_two = FrozenWeights::load(in);
    model.lexicon = WordLexicon::load(in);
    in.expect_end();
  }
  if (file_fingerprint(clusters_path) != model.clusters_fingerprint)
    throw ModelError(clusters_path + " is not the cluster table " + model_path +
                     " was trained with");
  model.clusters = WordClusters::load(clusters_path);
  return model;
}

}  // namespace kg::extract::ner
