// Built-in scalar functions.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

#include "query/error.h"
#include "query/exec.h"

namespace kg::query {

namespace {

[[noreturn]] void bad_arg(const std::string& fn, const Val& v) {
  (void)v;
  type_error("InvalidArgumentValue", fn + "() got an argument of the wrong type");
}

const std::string& str_arg(const std::string& fn, const Val& v) {
  if (!v.is<std::string>()) bad_arg(fn, v);
  return v.as<std::string>();
}

int64_t int_arg(const std::string& fn, const Val& v) {
  if (!v.is<int64_t>()) bad_arg(fn, v);
  return v.as<int64_t>();
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of code point `cp` in s (or s.size()).
size_t utf8_offset(const std::string& s, int64_t cp) {
  size_t i = 0;
  int64_t seen = 0;
  while (i < s.size()) {
    if (seen == cp) return i;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++seen;
  }
  return s.size();
}

std::optional<double> parse_float(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  s = s.substr(b);
  if (s.empty()) return std::nullopt;
  try {
    size_t used = 0;
    double d = std::stod(s, &used);
    if (used != s.size()) return std::nullopt;
    return d;
  } catch (...) {
    return std::nullopt;
  }
}

std::string to_text(const Val& v, const std::string& fn) {
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<int64_t>()) return std::to_string(v.as<int64_t>());
  if (v.is<double>()) return float_text(v.as<double>());
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  bad_arg(fn, v);
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Val call_function(const std::string& fn, std::vector<Val>& args, Ctx& ctx) {
  auto& g = ctx.g;
  if (fn == "coalesce") {
    for (auto& a : args)
      if (!a.is_null()) return a;
    return {};
  }
  if (fn == "rand") {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return Val(std::uniform_real_distribution<double>(0, 1)(rng));
  }
  if (fn == "e") return Val(std::exp(1.0));
  if (fn == "pi") return Val(M_PI);
  // Every other function returns null for a null first argument.
  if (!args.empty() && args[0].is_null()) return {};
  for (const auto& a : args)
    if ((fn == "split" || fn == "substring" || fn == "replace" || fn == "left" || fn == "right" ||
         fn == "range" || fn == "atan2") &&
        a.is_null())
      return {};
  const Val& a = args.empty() ? Val() : args[0];
  if (fn == "id") {
    if (a.is<NodeRef>()) return Val(int64_t(g.node(a.as<NodeRef>().v).id));
    if (a.is<RelRef>()) return Val(int64_t(g.edge(a.as<RelRef>().e).id));
    bad_arg(fn, a);
  }
  if (fn == "labels") {
    if (!a.is<NodeRef>()) bad_arg(fn, a);
    VList out;
    for (const auto& l : g.node(a.as<NodeRef>().v).labels) out.push_back(Val(l));
    return Val(std::move(out));
  }
  if (fn == "haslabel") {
    if (!a.is<NodeRef>()) bad_arg(fn, a);
    const auto& labels = g.node(a.as<NodeRef>().v).labels;
    return Val(std::find(labels.begin(), labels.end(), str_arg(fn, args[1])) != labels.end());
  }
  if (fn == "type") {
    if (!a.is<RelRef>()) bad_arg(fn, a);
    return Val(std::string(g.relation(a.as<RelRef>().e)));
  }
  if (fn == "properties") {
    if (a.is<NodeRef>()) return Val(node_map(g, a.as<NodeRef>().v));
    if (a.is<RelRef>()) return Val(rel_map(g, a.as<RelRef>().e));
    if (a.is<VMap>()) return a;
    bad_arg(fn, a);
  }
  if (fn == "keys") {
    VMap m;
    if (a.is<NodeRef>()) m = node_map(g, a.as<NodeRef>().v);
    else if (a.is<RelRef>()) m = rel_map(g, a.as<RelRef>().e);
    else if (a.is<VMap>()) m = a.as<VMap>();
    else bad_arg(fn, a);
    VList out;
    for (auto& [k, v] : m) out.push_back(Val(k));
    return Val(std::move(out));
  }
  if (fn == "size") {
    if (a.is<VList>()) return Val(int64_t(a.as<VList>().size()));
    if (a.is<std::string>()) return Val(int64_t(utf8_length(a.as<std::string>())));
    bad_arg(fn, a);
  }
  if (fn == "isempty") {
    if (a.is<VList>()) return Val(a.as<VList>().empty());
    if (a.is<std::string>()) return Val(a.as<std::string>().empty());
    if (a.is<VMap>()) return Val(a.as<VMap>().empty());
    bad_arg(fn, a);
  }
  if (fn == "length") {
    if (a.is<PathVal>()) return Val(int64_t(a.as<PathVal>().rels.size()));
    if (a.is<std::string>()) return Val(int64_t(utf8_length(a.as<std::string>())));
    if (a.is<VList>()) return Val(int64_t(a.as<VList>().size()));
    bad_arg(fn, a);
  }
  if (fn == "nodes" || fn == "relationships") {
    if (!a.is<PathVal>()) bad_arg(fn, a);
    VList out;
    if (fn == "nodes")
      for (auto v : a.as<PathVal>().nodes) out.push_back(Val(NodeRef{v}));
    else
      for (const auto& e : a.as<PathVal>().rels) out.push_back(Val(RelRef{e}));
    return Val(std::move(out));
  }
  if (fn == "startnode" || fn == "endnode") {
    if (!a.is<RelRef>()) bad_arg(fn, a);
    const auto& e = a.as<RelRef>().e;
    return Val(NodeRef{fn == "startnode" ? boost::source(e, g.store()) : boost::target(e, g.store())});
  }
  if (fn == "tolower" || fn == "toupper") {
    std::string s = str_arg(fn, a);
    for (auto& c : s) c = char(fn == "tolower" ? std::tolower(static_cast<unsigned char>(c))
                                               : std::toupper(static_cast<unsigned char>(c)));
    return Val(std::move(s));
  }
  if (fn == "trim" || fn == "ltrim" || fn == "rtrim") {
    const std::string& s = str_arg(fn, a);
    size_t b = 0, e = s.size();
    if (fn != "rtrim")
      while (b < e && is_space(s[b])) ++b;
    if (fn != "ltrim")
      while (e > b && is_space(s[e - 1])) --e;
    return Val(s.substr(b, e - b));
  }
  if (fn == "tostring" || fn == "tostringornull") {
    if (fn == "tostringornull" &&
        !(a.is<std::string>() || a.is_number() || a.is<bool>()))
      return {};
    return Val(to_text(a, fn));
  }
  if (fn == "tointeger" || fn == "tointegerornull") {
    if (a.is<int64_t>()) return a;
    if (a.is<double>()) {
      double d = a.as<double>();
      if (!std::isfinite(d) || std::fabs(d) >= 9.2233720368547758e18) return {};
      return Val(int64_t(d));
    }
    if (a.is<bool>()) return Val(int64_t(a.as<bool>()));
    if (a.is<std::string>()) {
      const std::string& s = a.as<std::string>();
      int64_t v = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), v);
      if (res.ec == std::errc() && res.ptr == s.data() + s.size()) return Val(v);
      auto d = parse_float(s);
      if (!d || !std::isfinite(*d)) return {};
      return Val(int64_t(*d));
    }
    if (fn == "tointegerornull") return {};
    bad_arg(fn, a);
  }
  if (fn == "tofloat" || fn == "tofloatornull") {
    if (a.is<double>()) return a;
    if (a.is<int64_t>()) return Val(double(a.as<int64_t>()));
    if (a.is<std::string>()) {
      auto d = parse_float(a.as<std::string>());
      return d ? Val(*d) : Val();
    }
    if (fn == "tofloatornull") return {};
    bad_arg(fn, a);
  }
  if (fn == "toboolean" || fn == "tobooleanornull") {
    if (a.is<bool>()) return a;
    if (a.is<std::string>()) {
      std::string s = a.as<std::string>();
      for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
      size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
      s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
      if (s == "true") return Val(true);
      if (s == "false") return Val(false);
      return {};
    }
    if (a.is<int64_t>()) return Val(a.as<int64_t>() != 0);
    if (fn == "tobooleanornull") return {};
    bad_arg(fn, a);
  }
  if (fn == "range") {
    for (const auto& x : args)
      if (!x.is<int64_t>()) argument_error("InvalidArgumentType", "range() takes integers");
    int64_t from = int_arg(fn, a), to = int_arg(fn, args[1]);
    int64_t step = args.size() > 2 ? int_arg(fn, args[2]) : 1;
    if (step == 0) argument_error("NumberOutOfRange", "range() step cannot be 0");
    VList out;
    for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
      out.push_back(Val(i));
      if (out.size() > ctx.options.max_rows) argument_error("NumberOutOfRange", "range too long");
    }
    return Val(std::move(out));
  }
  if (fn == "head" || fn == "last" || fn == "tail") {
    if (!a.is<VList>()) bad_arg(fn, a);
    const auto& l = a.as<VList>();
    if (fn == "tail") return Val(l.empty() ? VList{} : VList(l.begin() + 1, l.end()));
    if (l.empty()) return {};
    return fn == "head" ? l.front() : l.back();
  }
  if (fn == "reverse") {
    if (a.is<VList>()) {
      VList l = a.as<VList>();
      std::reverse(l.begin(), l.end());
      return Val(std::move(l));
    }
    std::string s = str_arg(fn, a);
    std::reverse(s.begin(), s.end());
    return Val(std::move(s));
  }
  if (fn == "split") {
    const std::string& s = str_arg(fn, a);
    const std::string& d = str_arg(fn, args[1]);
    VList out;
    if (d.empty()) {
      for (char c : s) out.push_back(Val(std::string(1, c)));
      return Val(std::move(out));
    }
    size_t pos = 0;
    for (;;) {
      size_t n = s.find(d, pos);
      if (n == std::string::npos) break;
      out.push_back(Val(s.substr(pos, n - pos)));
      pos = n + d.size();
    }
    out.push_back(Val(s.substr(pos)));
    return Val(std::move(out));
  }
  if (fn == "substring" || fn == "left" || fn == "right") {
    const std::string& s = str_arg(fn, a);
    int64_t len_cp = int64_t(utf8_length(s));
    int64_t start = 0, len = 0;
    if (fn == "substring") {
      start = int_arg(fn, args[1]);
      len = args.size() > 2 ? int_arg(fn, args[2]) : len_cp;
    } else {
      len = int_arg(fn, args[1]);
      start = fn == "left" ? 0 : std::max<int64_t>(0, len_cp - len);
    }
    if (start < 0 || len < 0) argument_error("NumberOutOfRange", fn + "() takes no negative numbers");
    size_t b = utf8_offset(s, start);
    size_t e = utf8_offset(s, std::min(len_cp, start + std::min(len, len_cp)));
    if (b >= e) return Val(std::string());
    return Val(s.substr(b, e - b));
  }
  if (fn == "replace") {
    std::string s = str_arg(fn, a);
    const std::string& from = str_arg(fn, args[1]);
    const std::string& to = str_arg(fn, args[2]);
    if (from.empty()) return Val(s);
    std::string out;
    size_t pos = 0;
    for (;;) {
      size_t n = s.find(from, pos);
      if (n == std::string::npos) break;
      out += s.substr(pos, n - pos) + to;
      pos = n + from.size();
    }
    return Val(out + s.substr(pos));
  }
  // Numeric functions.
  if (!a.is_number()) bad_arg(fn, a);
  if (fn == "abs") return a.is<int64_t>() ? Val(a.as<int64_t>() < 0 ? -a.as<int64_t>() : a.as<int64_t>())
                                          : Val(std::fabs(a.as<double>()));
  if (fn == "sign") {
    double d = a.number();
    return Val(int64_t(d > 0 ? 1 : d < 0 ? -1 : 0));
  }
  double d = a.number();
  if (fn == "round") return Val(std::floor(d + 0.5));
  if (fn == "floor") return Val(std::floor(d));
  if (fn == "ceil") return Val(std::ceil(d));
  if (fn == "sqrt") return Val(std::sqrt(d));
  if (fn == "exp") return Val(std::exp(d));
  if (fn == "log") return Val(std::log(d));
  if (fn == "log10") return Val(std::log10(d));
  if (fn == "sin") return Val(std::sin(d));
  if (fn == "cos") return Val(std::cos(d));
  if (fn == "tan") return Val(std::tan(d));
  if (fn == "asin") return Val(std::asin(d));
  if (fn == "acos") return Val(std::acos(d));
  if (fn == "atan") return Val(std::atan(d));
  if (fn == "atan2") {
    if (!args[1].is_number()) bad_arg(fn, args[1]);
    return Val(std::atan2(d, args[1].number()));
  }
  type_error("UnknownFunction", "unknown function " + fn);
}

}  // namespace kg::query
