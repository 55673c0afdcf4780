// Procedures (CALL name(args) YIELD outputs): for each, its dotted name, its typed inputs and
// outputs and its implementation. The binder looks a CALL up once (Clause::procedure) and
// checks its arguments and YIELD items against the signature; the executor then calls it.
// The built-in ones (db.labels() and the other db.* ones in db.cpp, kg.search() in
// search.cpp) are always there; more can be registered at run time (the TCK's test
// procedures).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.h"

namespace kg::query {

struct Ctx;

struct Procedure {
  struct Field {
    std::string name;
    std::string type;  // ANY, STRING, INTEGER, FLOAT, NUMBER, BOOLEAN, NODE, LIST, MAP, ...
  };
  // Adds the output rows for `args` (one value per input, already checked against the
  // types) to `out`, each with one value per output.
  using Body = std::function<void(const Procedure& self, const std::vector<Val>& args, Ctx& ctx,
                                  std::vector<std::vector<Val>>& out)>;

  std::string name;  // dotted: "db.labels"; calls match it exactly
  std::vector<Field> inputs;
  std::vector<Field> outputs;  // none: a void procedure, which passes its input rows on
  size_t min_args = 0;         // trailing inputs may be optional (kg.search's limit)
  std::string description;
  Body body;

  size_t output_index(std::string_view output) const;  // outputs.size() when there is none
};

// The procedure called `name`, or null.
std::shared_ptr<const Procedure> find_procedure(std::string_view name);
// Every procedure, sorted by name (for listings and completion).
std::vector<std::shared_ptr<const Procedure>> all_procedures();

// Adds a procedure (replacing one of the same name) until unregister_procedures(); for the
// TCK's "there exists a procedure" and for embedders. Statements compiled before are
// compiled again by run() (procedure_generation() changes).
void register_procedure(Procedure p);
void unregister_procedures();
uint64_t procedure_generation();

// Whether `v` may be passed for an input (or returned for an output) of type `type`: null
// always may, FLOAT takes integers too, NUMBER either, ANY everything.
bool procedure_accepts(const std::string& type, const Val& v);

// The built-in families.
std::vector<Procedure> db_procedures();      // db.cpp
std::vector<Procedure> search_procedures();  // search.cpp

}  // namespace kg::query
