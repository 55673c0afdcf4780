// String functions: case, trimming, splitting, substrings by code point, replacement.
#include <algorithm>
#include <cctype>

#include "query/error.h"
#include "query/function/family.h"

namespace kg::query {

namespace {

using Args = std::vector<Val>;

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// kChange: a character's other case (std::tolower or std::toupper, whose addresses the standard
// library does not promise).
template <int (*kChange)(int)>
Val change_case(const Function& f, Args& args, Ctx&) {
  std::string s = str_arg(f, args[0]);
  for (auto& c : s) c = char(kChange(static_cast<unsigned char>(c)));
  return Val(std::move(s));
}

template <bool kLeft, bool kRight>
Val trim(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  size_t b = 0, e = s.size();
  if (kLeft)
    while (b < e && is_space(s[b])) ++b;
  if (kRight)
    while (e > b && is_space(s[e - 1])) --e;
  return Val(s.substr(b, e - b));
}

Val split(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  const std::string& d = str_arg(f, args[1]);
  VList out;
  if (d.empty()) {
    for (char c : s) out.push_back(Val(std::string(1, c)));
    return Val(std::move(out));
  }
  size_t pos = 0;
  for (;;) {
    size_t n = s.find(d, pos);
    if (n == std::string::npos) break;
    out.push_back(Val(s.substr(pos, n - pos)));
    pos = n + d.size();
  }
  out.push_back(Val(s.substr(pos)));
  return Val(std::move(out));
}

// The `len` code points of s from code point `start` (fewer at the end of s).
Val cut(const Function& f, const std::string& s, int64_t start, int64_t len) {
  if (start < 0 || len < 0)
    argument_error("NumberOutOfRange", std::string(f.name) + "() takes no negative numbers");
  int64_t len_cp = int64_t(base::utf8_length(s));
  size_t b = base::utf8_offset(s, static_cast<size_t>(start));
  size_t e =
      base::utf8_offset(s, static_cast<size_t>(std::min(len_cp, start + std::min(len, len_cp))));
  if (b >= e) return Val(std::string());
  return Val(s.substr(b, e - b));
}

Val substring(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  int64_t start = int_arg(f, args[1]);
  int64_t len = args.size() > 2 ? int_arg(f, args[2]) : int64_t(base::utf8_length(s));
  return cut(f, s, start, len);
}

Val left(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  return cut(f, s, 0, int_arg(f, args[1]));
}

Val right(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  int64_t len = int_arg(f, args[1]);
  return cut(f, s, std::max<int64_t>(0, int64_t(base::utf8_length(s)) - len), len);
}

Val replace(const Function& f, Args& args, Ctx&) {
  const std::string& s = str_arg(f, args[0]);
  const std::string& from = str_arg(f, args[1]);
  const std::string& to = str_arg(f, args[2]);
  if (from.empty()) return Val(s);
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t n = s.find(from, pos);
    if (n == std::string::npos) break;
    out += s.substr(pos, n - pos) + to;
    pos = n + from.size();
  }
  return Val(out + s.substr(pos));
}

constexpr auto kAny = NullArgs::kAny;

const Function kFunctions[] = {
    {.name = "tolower", .scalar = change_case<[](int c) { return std::tolower(c); }>},
    {.name = "toupper", .scalar = change_case<[](int c) { return std::toupper(c); }>},
    {.name = "trim", .scalar = trim<true, true>},
    {.name = "ltrim", .scalar = trim<true, false>},
    {.name = "rtrim", .scalar = trim<false, true>},
    {.name = "split", .min_args = 2, .max_args = 2, .scalar = split, .nulls = kAny},
    {.name = "substring", .min_args = 2, .max_args = 3, .scalar = substring, .nulls = kAny},
    {.name = "left", .min_args = 2, .max_args = 2, .scalar = left, .nulls = kAny},
    {.name = "right", .min_args = 2, .max_args = 2, .scalar = right, .nulls = kAny},
    {.name = "replace", .min_args = 3, .max_args = 3, .scalar = replace, .nulls = kAny},
};

}  // namespace

std::span<const Function> string_functions() {
  return kFunctions;
}

}  // namespace kg::query
