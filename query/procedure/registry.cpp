// The procedure registry: the built-in families and the registered procedures, by name.
#include "query/procedure/registry.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

namespace kg::query {

namespace {

using Table = std::map<std::string, std::shared_ptr<const Procedure>, std::less<>>;

struct Registry {
  std::mutex mutex;
  Table builtin;     // read-only after construction
  Table registered;  // guarded by mutex
  std::atomic<uint64_t> generation{0};

  Registry() {
    for (auto family : {db_procedures(), search_procedures()})
      for (auto& p : family) {
        auto name = p.name;
        builtin.emplace(std::move(name), std::make_shared<const Procedure>(std::move(p)));
      }
  }
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

size_t Procedure::output_index(std::string_view output) const {
  for (size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].name == output) return i;
  return outputs.size();
}

std::shared_ptr<const Procedure> find_procedure(std::string_view name) {
  Registry& r = registry();
  {
    std::lock_guard lock(r.mutex);
    auto it = r.registered.find(name);
    if (it != r.registered.end()) return it->second;
  }
  auto it = r.builtin.find(name);
  return it == r.builtin.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const Procedure>> all_procedures() {
  Registry& r = registry();
  Table all = r.builtin;
  {
    std::lock_guard lock(r.mutex);
    for (const auto& [k, v] : r.registered) all[k] = v;
  }
  std::vector<std::shared_ptr<const Procedure>> out;
  for (auto& [k, v] : all) out.push_back(v);
  return out;
}

void register_procedure(Procedure p) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::string name = p.name;
  r.registered[name] = std::make_shared<const Procedure>(std::move(p));
  ++r.generation;
}

void unregister_procedures() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  if (r.registered.empty()) return;
  r.registered.clear();
  ++r.generation;
}

uint64_t procedure_generation() {
  return registry().generation.load(std::memory_order_relaxed);
}

bool procedure_accepts(const std::string& type, const Val& v) {
  if (v.is_null() || type == "ANY") return true;
  if (type == "STRING") return v.is<std::string>();
  if (type == "INTEGER") return v.is<int64_t>();
  if (type == "FLOAT" || type == "NUMBER") return v.is_number();
  if (type == "BOOLEAN") return v.is<bool>();
  if (type == "NODE") return v.is<NodeRef>();
  if (type == "RELATIONSHIP") return v.is<RelRef>();
  if (type == "PATH") return v.is<PathVal>();
  if (type == "MAP") return v.is<VMap>();
  if (type.rfind("LIST", 0) == 0) return v.is<VList>();
  return true;
}

}  // namespace kg::query
