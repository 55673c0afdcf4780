// Conversions: toString, toInteger, toFloat, toBoolean and their ...OrNull forms, which give
// null where the plain form rejects the argument's type.
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include "query/function/family.h"

namespace kg::query {

namespace {

using Args = std::vector<Val>;

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

// Each conversion gives nullopt for an argument of a type it does not convert, and a null
// value for one of the right type that means nothing ("abc" as an integer).
using Conversion = std::optional<Val> (*)(const Val& a);

std::optional<Val> to_string(const Val& a) {
  if (a.is<std::string>()) return a;
  if (a.is<int64_t>()) return Val(std::to_string(a.as<int64_t>()));
  if (a.is<double>()) return Val(float_text(a.as<double>()));
  if (a.is<bool>()) return Val(a.as<bool>() ? "true" : "false");
  if (a.is<Temporal>()) return Val(temporal::to_string(a.as<Temporal>()));
  return std::nullopt;
}

std::optional<Val> to_integer(const Val& a) {
  if (a.is<int64_t>()) return a;
  if (a.is<double>()) {
    double d = a.as<double>();
    if (!std::isfinite(d) || std::fabs(d) >= 9.2233720368547758e18) return Val();
    return Val(int64_t(d));
  }
  if (a.is<bool>()) return Val(int64_t(a.as<bool>()));
  if (!a.is<std::string>()) return std::nullopt;
  const std::string& s = a.as<std::string>();
  int64_t v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec == std::errc() && res.ptr == s.data() + s.size()) return Val(v);
  auto d = parse_float(s);
  if (!d || !std::isfinite(*d)) return Val();
  return Val(int64_t(*d));
}

std::optional<Val> to_float(const Val& a) {
  if (a.is<double>()) return a;
  if (a.is<int64_t>()) return Val(double(a.as<int64_t>()));
  if (!a.is<std::string>()) return std::nullopt;
  auto d = parse_float(a.as<std::string>());
  return d ? Val(*d) : Val();
}

std::optional<Val> to_boolean(const Val& a) {
  if (a.is<bool>()) return a;
  if (a.is<int64_t>()) return Val(a.as<int64_t>() != 0);
  if (!a.is<std::string>()) return std::nullopt;
  std::string s = a.as<std::string>();
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  if (s == "true") return Val(true);
  if (s == "false") return Val(false);
  return Val();
}

template <Conversion kConvert, bool kOrNull>
Val convert(const Function& f, Args& args, Ctx&) {
  if (auto v = kConvert(args[0])) return std::move(*v);
  if (kOrNull) return {};
  bad_arg(f);
}

const Function kFunctions[] = {
    {.name = "tostring", .scalar = convert<to_string, false>},
    {.name = "tostringornull", .scalar = convert<to_string, true>},
    {.name = "tointeger", .scalar = convert<to_integer, false>},
    {.name = "tointegerornull", .scalar = convert<to_integer, true>},
    {.name = "tofloat", .scalar = convert<to_float, false>},
    {.name = "tofloatornull", .scalar = convert<to_float, true>},
    {.name = "toboolean", .scalar = convert<to_boolean, false>},
    {.name = "tobooleanornull", .scalar = convert<to_boolean, true>},
};

}  // namespace

std::span<const Function> conversion_functions() {
  return kFunctions;
}

}  // namespace kg::query
