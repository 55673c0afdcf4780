// For the files that implement built-in functions: the table of each family, which
// registry.cpp joins into one, and the argument checks they share.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/utf8.h"
#include "query/function/registry.h"

namespace kg::query {

std::span<const Function> graph_functions();       // graph.cpp
std::span<const Function> string_functions();      // string.cpp
std::span<const Function> list_functions();        // list.cpp
std::span<const Function> conversion_functions();  // convert.cpp
std::span<const Function> math_functions();        // math.cpp
std::span<const Function> aggregate_functions();   // aggregate.cpp
std::span<const Function> temporal_functions();    // temporal.cpp

// "name() got an argument of the wrong type" (TypeError, InvalidArgumentValue).
[[noreturn]] void bad_arg(const Function& f);
// The argument as a string or an integer, else bad_arg.
const std::string& str_arg(const Function& f, const Val& v);
int64_t int_arg(const Function& f, const Val& v);

}  // namespace kg::query
