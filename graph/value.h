// Property values stored on nodes and relationships: null, booleans, integers, floats,
// strings, lists and maps, as openCypher and JSON know them, and temporal values (stored in JSON
// as a one-key object: {"$date": "2022-04-26"}, see temporal_json_key; NaN and infinities
// likewise: {"$float": "NaN"}).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/temporal.h"

namespace kg::graph {

struct Value;
using List = std::vector<Value>;
// Maps keep their keys sorted so that equal maps compare and print alike.
using Map = std::vector<std::pair<std::string, Value>>;

struct Value {
  std::variant<std::monostate, bool, int64_t, double, std::string, List, Map, temporal::Temporal>
      data;

  Value() = default;
  Value(bool b) : data(b) {}
  Value(int v) : data(int64_t{v}) {}
  Value(int64_t v) : data(v) {}
  Value(double v) : data(v) {}
  Value(const char* s) : data(std::string(s)) {}
  Value(std::string s) : data(std::move(s)) {}
  Value(std::string_view s) : data(std::string(s)) {}
  Value(List l) : data(std::move(l)) {}
  Value(Map m) : data(std::move(m)) {}
  Value(temporal::Temporal t) : data(t) {}

  bool is_null() const { return data.index() == 0; }
  template <class T>
  bool is() const {
    return std::holds_alternative<T>(data);
  }
  template <class T>
  const T& as() const {
    return std::get<T>(data);
  }
  template <class T>
  T& as() {
    return std::get<T>(data);
  }

  bool operator==(const Value& other) const = default;
};

// Looks a key up in a sorted map; nullptr when absent.
const Value* map_find(const Map& map, std::string_view key);
// Sets a key in a sorted map, keeping it sorted; a null value removes the key.
void map_set(Map& map, std::string_view key, Value value);

// Writes a value as JSON text (strings escaped; temporal values and the floats JSON cannot
// write, NaN and the infinities, as one-key objects: {"$float": "NaN"}).
void append_json(std::string& out, const Value& value);
// The JSON key a temporal value is stored under ("$date", "$datetime", ...), and the value a
// one-key JSON object read back stands for when its key is one of them or "$float" (nullopt
// otherwise).
std::string temporal_json_key(temporal::TKind kind);
inline constexpr std::string_view kFloatJsonKey = "$float";
std::optional<Value> tagged_from_json(std::string_view key, std::string_view text);
// Writes a string as a JSON string literal with quotes.
void append_json_string(std::string& out, std::string_view text);

}  // namespace kg::graph
