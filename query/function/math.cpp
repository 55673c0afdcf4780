// Numeric functions: abs, sign, rounding, roots, logarithms, trigonometry, rand(), e(), pi().
#include <cmath>
#include <limits>
#include <random>

#include "query/error.h"
#include "query/function/family.h"

namespace kg::query {

namespace {

using Args = std::vector<Val>;

double number_arg(const Function& f, const Val& v) {
  if (!v.is_number()) bad_arg(f);
  return v.number();
}

Val abs(const Function& f, Args& args, Ctx&) {
  const Val& a = args[0];
  if (a.is<int64_t>()) {
    int64_t x = a.as<int64_t>();
    // The smallest integer has no positive counterpart: negating it would wrap to itself.
    if (x == std::numeric_limits<int64_t>::min())
      argument_error("NumberOutOfRange", "integer overflow");
    return Val(x < 0 ? -x : x);
  }
  return Val(std::fabs(number_arg(f, a)));
}

Val sign(const Function& f, Args& args, Ctx&) {
  double d = number_arg(f, args[0]);
  return Val(int64_t(d > 0 ? 1 : d < 0 ? -1 : 0));
}

// A function of one real number, always a float.
template <double (*kFn)(double)>
Val real(const Function& f, Args& args, Ctx&) {
  return Val(kFn(number_arg(f, args[0])));
}

Val atan2(const Function& f, Args& args, Ctx&) {
  double y = number_arg(f, args[0]);
  return Val(std::atan2(y, number_arg(f, args[1])));
}

Val rand(const Function&, Args&, Ctx&) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return Val(std::uniform_real_distribution<double>(0, 1)(rng));
}

Val e(const Function&, Args&, Ctx&) {
  return Val(std::exp(1.0));
}
Val pi(const Function&, Args&, Ctx&) {
  return Val(M_PI);
}

// The standard library does not promise the addresses of its functions: lambdas wrap them.
const Function kFunctions[] = {
    {.name = "abs", .scalar = abs},
    {.name = "sign", .scalar = sign},
    {.name = "round", .scalar = real<[](double d) { return std::floor(d + 0.5); }>},
    {.name = "floor", .scalar = real<[](double d) { return std::floor(d); }>},
    {.name = "ceil", .scalar = real<[](double d) { return std::ceil(d); }>},
    {.name = "sqrt", .scalar = real<[](double d) { return std::sqrt(d); }>},
    {.name = "exp", .scalar = real<[](double d) { return std::exp(d); }>},
    {.name = "log", .scalar = real<[](double d) { return std::log(d); }>},
    {.name = "log10", .scalar = real<[](double d) { return std::log10(d); }>},
    {.name = "sin", .scalar = real<[](double d) { return std::sin(d); }>},
    {.name = "cos", .scalar = real<[](double d) { return std::cos(d); }>},
    {.name = "tan", .scalar = real<[](double d) { return std::tan(d); }>},
    {.name = "asin", .scalar = real<[](double d) { return std::asin(d); }>},
    {.name = "acos", .scalar = real<[](double d) { return std::acos(d); }>},
    {.name = "atan", .scalar = real<[](double d) { return std::atan(d); }>},
    {.name = "atan2", .min_args = 2, .max_args = 2, .scalar = atan2, .nulls = NullArgs::kAny},
    {.name = "rand", .min_args = 0, .max_args = 0, .scalar = rand, .random = true},
    {.name = "e", .min_args = 0, .max_args = 0, .scalar = e},
    {.name = "pi", .min_args = 0, .max_args = 0, .scalar = pi},
};

}  // namespace

std::span<const Function> math_functions() {
  return kFunctions;
}

}  // namespace kg::query
