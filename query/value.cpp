// Runtime values: conversion, the three comparisons openCypher needs, and rendering.
#include "query/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace kg::query {

VMap node_map(const graph::Graph& g, graph::VertexId v) {
  VMap m;
  for (const auto& k : g.node_keys(v)) vmap_set(m, k, from_graph(g.node_property(v, k)));
  return m;
}

VMap rel_map(const graph::Graph& g, const graph::EdgeId& e) {
  VMap m;
  for (const auto& k : g.edge_keys(e)) vmap_set(m, k, from_graph(g.edge_property(e, k)));
  return m;
}

Kind Val::kind() const {
  switch (data.index()) {
    case 0:
      return Kind::kNull;
    case 1:
      return Kind::kBool;
    case 2:
    case 3:
      return Kind::kNumber;
    case 4:
      return Kind::kString;
    case 5:
      return Kind::kList;
    case 6:
      return Kind::kMap;
    case 7:
      return Kind::kNode;
    case 8:
      return Kind::kRel;
    case 9:
      return Kind::kPath;
    default:
      return Kind::kTemporal;
  }
}

Val from_graph(const graph::Value& v) {
  switch (v.data.index()) {
    case 0:
      return {};
    case 1:
      return Val(v.as<bool>());
    case 2:
      return Val(v.as<int64_t>());
    case 3:
      return Val(v.as<double>());
    case 4:
      return Val(v.as<std::string>());
    case 5: {
      VList out;
      for (const auto& e : v.as<graph::List>()) out.push_back(from_graph(e));
      return Val(std::move(out));
    }
    case 7:
      return Val(v.as<Temporal>());
    default: {
      VMap out;
      for (const auto& [k, e] : v.as<graph::Map>()) out.emplace_back(k, from_graph(e));
      return Val(std::move(out));
    }
  }
}

bool to_graph(const Val& v, graph::Value& out) {
  switch (v.data.index()) {
    case 0:
      out = graph::Value();
      return true;
    case 1:
      out = graph::Value(v.as<bool>());
      return true;
    case 2:
      out = graph::Value(v.as<int64_t>());
      return true;
    case 3:
      out = graph::Value(v.as<double>());
      return true;
    case 4:
      out = graph::Value(v.as<std::string>());
      return true;
    case 5: {
      graph::List l;
      for (const auto& e : v.as<VList>()) {
        graph::Value x;
        if (!to_graph(e, x)) return false;
        l.push_back(std::move(x));
      }
      out = graph::Value(std::move(l));
      return true;
    }
    case 6: {
      graph::Map m;
      for (const auto& [k, e] : v.as<VMap>()) {
        graph::Value x;
        if (!to_graph(e, x)) return false;
        m.emplace_back(k, std::move(x));
      }
      out = graph::Value(std::move(m));
      return true;
    }
    case 10:
      out = graph::Value(v.as<Temporal>());
      return true;
    default:
      return false;
  }
}

namespace {

int cmp_numbers(const Val& a, const Val& b) {
  if (a.is<int64_t>() && b.is<int64_t>()) {
    auto x = a.as<int64_t>(), y = b.as<int64_t>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  double x = a.number(), y = b.number();
  // Orderability puts NaN above every number.
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
  if (a.is<int64_t>() && b.is<double>() && x == y) {
    // Exact comparison of large integers against doubles.
    long double lx = a.as<int64_t>(), ly = y;
    return lx < ly ? -1 : lx > ly ? 1 : 0;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

uintptr_t rel_key(const graph::EdgeId& e) {
  return reinterpret_cast<uintptr_t>(e.get_property());
}

}  // namespace

std::optional<bool> equals(const Val& a, const Val& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.is<double>() && std::isnan(a.as<double>())) return false;
    if (b.is<double>() && std::isnan(b.as<double>())) return false;
    return cmp_numbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  if (a.is<VList>()) {
    const auto &x = a.as<VList>(), &y = b.as<VList>();
    if (x.size() != y.size()) return false;
    bool unknown = false;
    for (size_t i = 0; i < x.size(); ++i) {
      auto e = equals(x[i], y[i]);
      if (!e)
        unknown = true;
      else if (!*e)
        return false;
    }
    if (unknown) return std::nullopt;
    return true;
  }
  if (a.is<VMap>()) {
    const auto &x = a.as<VMap>(), &y = b.as<VMap>();
    if (x.size() != y.size()) return false;
    bool unknown = false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (x[i].first != y[i].first) return false;
      auto e = equals(x[i].second, y[i].second);
      if (!e)
        unknown = true;
      else if (!*e)
        return false;
    }
    if (unknown) return std::nullopt;
    return true;
  }
  if (a.is<Temporal>()) return temporal::equal(a.as<Temporal>(), b.as<Temporal>());
  return a.data == b.data;
}

std::optional<int> compare(const Val& a, const Val& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if ((a.is<double>() && std::isnan(a.as<double>())) ||
        (b.is<double>() && std::isnan(b.as<double>())))
      return std::nullopt;
    return cmp_numbers(a, b);
  }
  if (a.kind() != b.kind()) return std::nullopt;
  if (a.is<std::string>()) {
    int c = a.as<std::string>().compare(b.as<std::string>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.is<bool>()) return int(a.as<bool>()) - int(b.as<bool>());
  if (a.is<Temporal>()) return temporal::compare(a.as<Temporal>(), b.as<Temporal>());
  if (a.is<VList>()) {
    const auto &x = a.as<VList>(), &y = b.as<VList>();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      auto c = compare(x[i], y[i]);
      if (!c) return std::nullopt;
      if (*c) return c;
    }
    return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
  }
  return std::nullopt;
}

int order(const Val& a, const Val& b) {
  Kind ka = a.kind(), kb = b.kind();
  if (ka != kb) return int(ka) < int(kb) ? -1 : 1;
  switch (ka) {
    case Kind::kNull:
      return 0;
    case Kind::kNumber:
      return cmp_numbers(a, b);
    case Kind::kBool:
      return int(a.as<bool>()) - int(b.as<bool>());
    case Kind::kString: {
      int c = a.as<std::string>().compare(b.as<std::string>());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Kind::kList: {
      const auto &x = a.as<VList>(), &y = b.as<VList>();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = order(x[i], y[i])) return c;
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case Kind::kMap: {
      const auto &x = a.as<VMap>(), &y = b.as<VMap>();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = x[i].first.compare(y[i].first);
        if (c) return c < 0 ? -1 : 1;
        if (int d = order(x[i].second, y[i].second)) return d;
      }
      return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    case Kind::kNode: {
      auto x = reinterpret_cast<uintptr_t>(a.as<NodeRef>().v);
      auto y = reinterpret_cast<uintptr_t>(b.as<NodeRef>().v);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Kind::kRel: {
      auto x = rel_key(a.as<RelRef>().e), y = rel_key(b.as<RelRef>().e);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Kind::kTemporal:
      return temporal::order(a.as<Temporal>(), b.as<Temporal>());
    case Kind::kPath: {
      const auto &x = a.as<PathVal>(), &y = b.as<PathVal>();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        auto p = reinterpret_cast<uintptr_t>(x.nodes[i]),
             q = reinterpret_cast<uintptr_t>(y.nodes[i]);
        if (p != q) return p < q ? -1 : 1;
        if (i < x.rels.size() && i < y.rels.size()) {
          auto r = rel_key(x.rels[i]), s = rel_key(y.rels[i]);
          if (r != s) return r < s ? -1 : 1;
        }
      }
      return x.nodes.size() < y.nodes.size() ? -1 : x.nodes.size() > y.nodes.size() ? 1 : 0;
    }
  }
  return 0;
}

bool RowLess::operator()(const VList& a, const VList& b) const {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (int c = order(a[i], b[i])) return c < 0;
  return a.size() < b.size();
}

void vmap_set(VMap& m, std::string key, Val v) {
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& e, const std::string& k) { return e.first < k; });
  if (it != m.end() && it->first == key)
    it->second = std::move(v);
  else
    m.insert(it, {std::move(key), std::move(v)});
}

const Val* vmap_find(const VMap& m, std::string_view key) {
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it != m.end() && it->first == key) return &it->second;
  return nullptr;
}

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

namespace {

void render_props(std::string& out, const VMap& props, const graph::Graph& g) {
  if (props.empty()) return;
  out += " {";
  bool first = true;
  for (const auto& [k, v] : props) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + render(v, g);
  }
  out += "}";
}

void render_node(std::string& out, const graph::Graph& g, graph::VertexId v) {
  out += "(";
  auto labels = g.node(v).labels;
  std::sort(labels.begin(), labels.end());
  for (const auto& l : labels) out += ":" + l;
  std::string props;
  render_props(props, node_map(g, v), g);
  out += labels.empty() && !props.empty() ? props.substr(1) : props;
  out += ")";
}

void render_rel(std::string& out, const graph::Graph& g, const graph::EdgeId& e) {
  out += "[:" + std::string(g.relation(e));
  render_props(out, rel_map(g, e), g);
  out += "]";
}

}  // namespace

std::string render(const Val& v, const graph::Graph& g, bool quote_strings) {
  std::string out;
  switch (v.data.index()) {
    case 0:
      return "null";
    case 1:
      return v.as<bool>() ? "true" : "false";
    case 2:
      return std::to_string(v.as<int64_t>());
    case 3:
      return float_text(v.as<double>());
    case 4: {
      if (!quote_strings) return v.as<std::string>();
      out = "'";
      for (char c : v.as<std::string>()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case 5: {
      out = "[";
      bool first = true;
      for (const auto& e : v.as<VList>()) {
        if (!first) out += ", ";
        first = false;
        out += render(e, g);
      }
      return out + "]";
    }
    case 6: {
      out = "{";
      bool first = true;
      for (const auto& [k, e] : v.as<VMap>()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + render(e, g);
      }
      return out + "}";
    }
    case 7:
      render_node(out, g, v.as<NodeRef>().v);
      return out;
    case 8:
      render_rel(out, g, v.as<RelRef>().e);
      return out;
    case 10:
      // As Neo4j's drivers show them in the TCK: the ISO text, quoted like a string.
      return quote_strings ? "'" + temporal::to_string(v.as<Temporal>()) + "'"
                           : temporal::to_string(v.as<Temporal>());
    default: {
      const auto& p = v.as<PathVal>();
      out = "<";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        render_node(out, g, p.nodes[i]);
        if (i < p.rels.size()) {
          bool forward = boost::source(p.rels[i], g.store()) == p.nodes[i];
          out += forward ? "-" : "<-";
          render_rel(out, g, p.rels[i]);
          out += forward ? "->" : "-";
        }
      }
      return out + ">";
    }
  }
}

void render_json(std::string& out, const Val& v, const graph::Graph& g) {
  switch (v.data.index()) {
    case 0:
      out += "null";
      return;
    case 1:
      out += v.as<bool>() ? "true" : "false";
      return;
    case 2:
      out += std::to_string(v.as<int64_t>());
      return;
    case 3: {
      double d = v.as<double>();
      out += std::isfinite(d) ? float_text(d) : "null";
      return;
    }
    case 4:
      graph::append_json_string(out, v.as<std::string>());
      return;
    case 5: {
      out += "[";
      bool first = true;
      for (const auto& e : v.as<VList>()) {
        if (!first) out += ",";
        first = false;
        render_json(out, e, g);
      }
      out += "]";
      return;
    }
    case 6: {
      out += "{";
      bool first = true;
      for (const auto& [k, e] : v.as<VMap>()) {
        if (!first) out += ",";
        first = false;
        graph::append_json_string(out, k);
        out += ":";
        render_json(out, e, g);
      }
      out += "}";
      return;
    }
    case 7: {
      auto n = v.as<NodeRef>().v;
      out += "{\"id\":" + std::to_string(g.node(n).id) + ",\"labels\":[";
      bool first = true;
      for (const auto& l : g.node(n).labels) {
        if (!first) out += ",";
        first = false;
        graph::append_json_string(out, l);
      }
      out += "],\"properties\":";
      render_json(out, Val(node_map(g, n)), g);
      out += "}";
      return;
    }
    case 8: {
      const auto& e = v.as<RelRef>().e;
      out += "{\"id\":" + std::to_string(g.edge(e).id) + ",\"type\":";
      graph::append_json_string(out, g.relation(e));
      out += ",\"start\":" + std::to_string(g.node(boost::source(e, g.store())).id);
      out += ",\"end\":" + std::to_string(g.node(boost::target(e, g.store())).id);
      out += ",\"properties\":";
      render_json(out, Val(rel_map(g, e)), g);
      out += "}";
      return;
    }
    case 10:
      graph::append_json_string(out, temporal::to_string(v.as<Temporal>()));
      return;
    default: {
      const auto& p = v.as<PathVal>();
      out += "{\"nodes\":[";
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i) out += ",";
        render_json(out, Val(NodeRef{p.nodes[i]}), g);
      }
      out += "],\"relationships\":[";
      for (size_t i = 0; i < p.rels.size(); ++i) {
        if (i) out += ",";
        render_json(out, Val(RelRef{p.rels[i]}), g);
      }
      out += "]}";
      return;
    }
  }
}

}  // namespace kg::query
