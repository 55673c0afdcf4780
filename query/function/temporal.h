// What the evaluator needs of the temporal functions (temporal.cpp): the accessors of
// temporal values (d.year, dur.days, ...) and their arithmetic with durations.
#pragma once

#include <optional>
#include <string>

#include "query/value.h"

namespace kg::query {

// The accessor `key` of a temporal value (null when it has none).
Val temporal_property(const Temporal& t, const std::string& key);
// a op b when either is a temporal value: instant ± duration, duration ± duration,
// duration * number, number * duration, duration / number; nullopt when not one of those.
std::optional<Val> temporal_arithmetic(const std::string& op, const Val& a, const Val& b);

}  // namespace kg::query
