// Fuzzy name search over a trigram index (see search.h).
#include "query/search.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace kg::query {

namespace {

// ASCII letters for U+00C0..U+017F ('?' keeps nothing: × and ÷).
constexpr std::string_view kFold =
    "AAAAAAACEEEEIIIIDNOOOOO?OUUUUYTs"
    "aaaaaaaceeeeiiiidnooooo?ouuuuyty"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

}  // namespace

std::string fold_name(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto put = [&](char c) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += char(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      put(char(c));
      continue;
    }
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      if (cp >= 0xC0 && cp < 0xC0 + kFold.size()) {
        put(kFold[cp - 0xC0] == '?' ? ' ' : kFold[cp - 0xC0]);
        ++i;
        continue;
      }
    }
    out += char(c);  // other characters stay as they are (their bytes are part of trigrams)
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

uint32_t trigram(const std::string& s, size_t i) {
  return uint32_t(static_cast<unsigned char>(s[i])) << 16 |
         uint32_t(static_cast<unsigned char>(s[i + 1])) << 8 |
         uint32_t(static_cast<unsigned char>(s[i + 2]));
}

// The distinct trigrams of " s ".
std::vector<uint32_t> trigrams(const std::string& folded) {
  std::string padded = " " + folded + " ";
  std::vector<uint32_t> out;
  for (size_t i = 0; i + 3 <= padded.size(); ++i) out.push_back(trigram(padded, i));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

struct Entry {
  graph::VertexId node;
  std::string name;    // as stored
  std::string folded;  // fold_name(name)
  uint32_t trigram_count;
};

struct Index {
  std::vector<Entry> entries;
  std::unordered_map<uint32_t, std::vector<uint32_t>> postings;  // trigram -> entries

  explicit Index(const graph::Graph& g) {
    auto add = [&](graph::VertexId v, const std::string& name) {
      std::string folded = fold_name(name);
      if (folded.empty()) return;
      auto grams = trigrams(folded);
      uint32_t id = uint32_t(entries.size());
      for (uint32_t t : grams) postings[t].push_back(id);
      entries.push_back({v, name, std::move(folded), uint32_t(grams.size())});
    };
    for (auto v : boost::make_iterator_range(boost::vertices(g.store()))) {
      const auto& n = g.node(v);
      if (!n.name.empty()) add(v, n.name);
      for (const auto& a : n.aliases) add(v, a);
    }
  }
};

// What the index depends on: every node (its descriptor) with its name and aliases. One pass
// over the nodes, much cheaper than building the index again.
uint64_t names_fingerprint(const graph::Graph& g) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t x) { h = (h ^ x) * 1099511628211ull; };
  std::hash<std::string_view> hash;
  for (auto v : boost::make_iterator_range(boost::vertices(g.store()))) {
    const auto& n = g.node(v);
    if (n.name.empty() && n.aliases.empty()) continue;
    mix(std::hash<const void*>()(v));
    mix(hash(n.name));
    for (const auto& a : n.aliases) mix(hash(a));
  }
  return h;
}

// The index of `g`, built on first use and again when its names change. A few graphs are
// kept (the shell has one; tests make many).
std::shared_ptr<const Index> index_of(const graph::Graph& g) {
  struct Cached {
    const graph::Graph* graph;
    uint64_t fingerprint;
    std::shared_ptr<const Index> index;
  };
  static std::mutex mutex;
  static std::vector<Cached> cache;
  uint64_t fingerprint = names_fingerprint(g);
  std::lock_guard lock(mutex);
  for (auto& c : cache)
    if (c.graph == &g) {
      if (c.fingerprint != fingerprint) {
        c.index = std::make_shared<const Index>(g);
        c.fingerprint = fingerprint;
      }
      return c.index;
    }
  if (cache.size() >= 4) cache.erase(cache.begin());
  cache.push_back({&g, fingerprint, std::make_shared<const Index>(g)});
  return cache.back().index;
}

// How close two folded names are: the better of their trigram overlap (Dice) and their edit
// distance relative to the longer one, and 1 when they are the same.
double similarity(const std::string& q, size_t q_grams, const Entry& e, size_t shared) {
  if (q == e.folded) return 1.0;
  double dice = 2.0 * double(shared) / double(q_grams + e.trigram_count);
  size_t longer = std::max(q.size(), e.folded.size());
  double edit = 1.0 - double(edit_distance(q, e.folded)) / double(longer);
  // Just below an exact match, however close.
  return std::min(0.99, std::max(dice, edit));
}

}  // namespace

std::vector<NameHit> search_names(const graph::Graph& g, std::string_view text, size_t limit) {
  std::string q = fold_name(text);
  if (q.empty() || limit == 0) return {};
  auto index = index_of(g);
  auto grams = trigrams(q);
  std::unordered_map<uint32_t, uint32_t> shared;
  for (uint32_t t : grams) {
    auto it = index->postings.find(t);
    if (it == index->postings.end()) continue;
    for (uint32_t id : it->second) ++shared[id];
  }
  // Short names share few trigrams with a misspelling ("kyiv", "kiev"): those within two
  // edits are candidates too.
  if (q.size() <= 8)
    for (uint32_t id = 0; id < index->entries.size(); ++id) {
      const auto& f = index->entries[id].folded;
      if (f.size() + 2 >= q.size() && f.size() <= q.size() + 2 && !shared.count(id) &&
          edit_distance(q, f) <= 2)
        shared[id] = 0;
    }
  // Candidates sharing at least a third of the query's trigrams (or found by edits) are
  // scored; the best score of each node counts.
  size_t need = std::max<size_t>(1, grams.size() / 3);
  std::unordered_map<graph::VertexId, NameHit> best;
  for (auto [id, n] : shared) {
    const Entry& e = index->entries[id];
    if (n > 0 && n < need) continue;
    double s = similarity(q, grams.size(), e, n);
    if (s < 0.3) continue;
    auto [it, fresh] = best.try_emplace(e.node, NameHit{e.node, s, e.name});
    if (!fresh && s > it->second.score) it->second = NameHit{e.node, s, e.name};
  }
  std::vector<NameHit> hits;
  hits.reserve(best.size());
  for (auto& [v, h] : best) hits.push_back(std::move(h));
  // Equally close names: the entity mentioned most first (news readers mean the famous one).
  std::sort(hits.begin(), hits.end(), [&](const NameHit& a, const NameHit& b) {
    if (a.score != b.score) return a.score > b.score;
    uint32_t ma = g.node(a.node).mentions, mb = g.node(b.node).mentions;
    if (ma != mb) return ma > mb;
    return a.name < b.name;
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace kg::query
