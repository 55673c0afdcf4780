#include "graph/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace kg::graph {

const Value* map_find(const Map& map, std::string_view key) {
  auto it = std::lower_bound(map.begin(), map.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  return it != map.end() && it->first == key ? &it->second : nullptr;
}

void map_set(Map& map, std::string_view key, Value value) {
  auto it = std::lower_bound(map.begin(), map.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  bool present = it != map.end() && it->first == key;
  if (value.is_null()) {
    if (present) map.erase(it);
  } else if (present) {
    it->second = std::move(value);
  } else {
    map.emplace(it, std::string(key), std::move(value));
  }
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string temporal_json_key(temporal::TKind kind) {
  static const char* kKeys[] = {"$date",          "$localtime", "$time",
                                "$localdatetime", "$datetime",  "$duration"};
  return kKeys[int(kind)];
}

std::optional<Value> tagged_from_json(std::string_view key, std::string_view text) {
  if (key.empty() || key[0] != '$') return std::nullopt;
  if (key == kFloatJsonKey) {
    if (text == "NaN") return Value(std::numeric_limits<double>::quiet_NaN());
    if (text == "Infinity") return Value(std::numeric_limits<double>::infinity());
    if (text == "-Infinity") return Value(-std::numeric_limits<double>::infinity());
    return std::nullopt;
  }
  auto kind = temporal::kind_from_name(key.substr(1));
  if (!kind) return std::nullopt;
  try {
    return Value(temporal::parse(*kind, text));
  } catch (const temporal::TemporalError&) {
    return std::nullopt;
  }
}

void append_json(std::string& out, const Value& value) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, int64_t>) {
          out += std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) {
            // JSON has no NaN or infinities: a one-key object, as temporal values are stored.
            out += "{\"";
            out += kFloatJsonKey;
            out += std::isnan(v) ? "\":\"NaN\"}" : v > 0 ? "\":\"Infinity\"}" : "\":\"-Infinity\"}";
          } else {
            char buf[32];
            auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
            std::string_view s(buf, result.ptr - buf);
            out += s;
            // Keep floats floats when read back.
            if (s.find_first_of(".eE") == std::string_view::npos) out += ".0";
          }
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_json_string(out, v);
        } else if constexpr (std::is_same_v<T, temporal::Temporal>) {
          out += '{';
          append_json_string(out, temporal_json_key(v.kind));
          out += ':';
          append_json_string(out, temporal::to_string(v));
          out += '}';
        } else if constexpr (std::is_same_v<T, List>) {
          out += '[';
          for (size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            append_json(out, v[i]);
          }
          out += ']';
        } else {
          out += '{';
          for (size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            append_json_string(out, v[i].first);
            out += ':';
            append_json(out, v[i].second);
          }
          out += '}';
        }
      },
      value.data);
}

}  // namespace kg::graph
