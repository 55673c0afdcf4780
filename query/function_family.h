// For the files that implement built-in functions: the table of each family, which
// function_registry.cpp joins into one, and the argument checks they share.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "query/function_registry.h"

namespace kg::query {

std::span<const Function> graph_functions();       // function_graph.cpp
std::span<const Function> string_functions();      // function_string.cpp
std::span<const Function> list_functions();        // function_list.cpp
std::span<const Function> conversion_functions();  // function_convert.cpp
std::span<const Function> math_functions();        // function_math.cpp
std::span<const Function> aggregate_functions();   // aggregate.cpp

// "name() got an argument of the wrong type" (TypeError, InvalidArgumentValue).
[[noreturn]] void bad_arg(const Function& f);
// The argument as a string or an integer, else bad_arg.
const std::string& str_arg(const Function& f, const Val& v);
int64_t int_arg(const Function& f, const Val& v);

// Code points in a UTF-8 string (what size() and length() count).
size_t utf8_length(const std::string& s);

}  // namespace kg::query
