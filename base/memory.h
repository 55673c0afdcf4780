// How much memory the process holds and the machine has, for budgets that must end a query
// before the kernel's out-of-memory killer ends the process.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kg::base {

// Resident set size of this process in bytes (/proc/self/statm); 0 where unknown.
size_t resident_bytes();

// Physical memory of the machine in bytes; 0 where unknown.
size_t physical_memory_bytes();

// A size as users write it: "2G", "512M", "300k", "1048576" (bytes), "0". Binary units
// (1K = 1024). Nothing for text that is not a size.
std::optional<size_t> parse_size(std::string_view text);

}  // namespace kg::base
