// The registry: the families' tables joined into one index by name.
#include "query/function/registry.h"

#include <cctype>
#include <string>
#include <unordered_map>

#include "query/error.h"
#include "query/function/family.h"

namespace kg::query {

namespace {

using Index = std::unordered_map<std::string_view, const Function*>;

const Index& index() {
  // Built on first use (the binder's), once per process; read-only afterwards.
  static const Index kIndex = [] {
    Index index;
    for (const Function* f : all_functions()) index.emplace(f->name, f);
    return index;
  }();
  return kIndex;
}

}  // namespace

std::vector<const Function*> all_functions() {
  std::vector<const Function*> out;
  for (auto family :
       {graph_functions(), string_functions(), list_functions(), conversion_functions(),
        math_functions(), aggregate_functions(), temporal_functions()})
    for (const Function& f : family) out.push_back(&f);
  return out;
}

const Function* find_function(std::string_view name) {
  // openCypher function names are case-insensitive; the table's are lowercase.
  std::string lower(name);
  for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  auto it = index().find(lower);
  return it == index().end() ? nullptr : it->second;
}

void bad_arg(const Function& f) {
  type_error("InvalidArgumentValue", std::string(f.name) + "() got an argument of the wrong type");
}

const std::string& str_arg(const Function& f, const Val& v) {
  if (!v.is<std::string>()) bad_arg(f);
  return v.as<std::string>();
}

int64_t int_arg(const Function& f, const Val& v) {
  if (!v.is<int64_t>()) bad_arg(f);
  return v.as<int64_t>();
}

}  // namespace kg::query
