#include "extract/syntax/parser_transitions.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

namespace {

using namespace kg::extract::parsing;

constexpr int kLabels = 3, kRoot = 0, kDep = 1;

int right_arc(int label) {
  return kFirstLeft + kLabels + label;
}
int left_arc(int label) {
  return kFirstLeft + label;
}

std::vector<char> valid_in(const State& s) {
  std::vector<char> valid;
  valid_moves(s, kLabels, kRoot, valid);
  return valid;
}

bool any_valid(const State& s) {
  auto valid = valid_in(s);
  return std::find(valid.begin(), valid.end(), 1) != valid.end();
}

}  // namespace

TEST_CASE("unshift puts the highest headless stack word back as the only word of the buffer") {
  // Three words, all shifted: stack [root, 1, 2, 3], 3 hanging from 2, buffer empty.
  State s(3, false);
  s.apply(kShift, kLabels);
  s.apply(kShift, kLabels);
  s.apply(right_arc(kDep), kLabels);
  REQUIRE(s.terminal());
  CHECK(s.head[3] == 2);

  REQUIRE(unshift(s));  // 3 has a head and is popped; 2 goes back
  CHECK(s.front == 2);
  CHECK(s.last == 2);
  CHECK(s.stack == std::vector<int>{0, 1});
  CHECK_FALSE(s.terminal());
  auto valid = valid_in(s);
  CHECK_FALSE(valid[kShift]);  // shifting it again could loop forever
  CHECK(valid[left_arc(kDep)]);
  CHECK(valid[right_arc(kDep)]);

  s.apply(right_arc(kDep), kLabels);  // 1 -> 2
  CHECK(s.head[2] == 1);
  REQUIRE(s.terminal());

  REQUIRE(unshift(s));  // 2 popped, 1 back in the buffer with only the root on the stack
  CHECK(s.front == 1);
  valid = valid_in(s);
  CHECK(valid[right_arc(kRoot)]);
  CHECK(std::count(valid.begin(), valid.end(), 1) == 1);
  s.apply(right_arc(kRoot), kLabels);
  CHECK(s.head[1] == 0);
  REQUIRE(s.terminal());
  CHECK_FALSE(unshift(s));  // everything has a head
}

TEST_CASE("an unshifted word with the root already taken has no move left for finish_tree") {
  // "a b": b becomes the root, a stays headless on the stack below it.
  State s(2, false);
  s.apply(kShift, kLabels);
  s.apply(kShift, kLabels);
  REQUIRE(s.terminal());
  REQUIRE(unshift(s));               // 2 back in the buffer above [root, 1]
  s.apply(left_arc(kDep), kLabels);  // 1 <- 2
  CHECK(s.head[1] == 2);
  CHECK(s.stack == std::vector<int>{0});
  s.apply(right_arc(kRoot), kLabels);
  CHECK(s.head[2] == 0);
  CHECK_FALSE(unshift(s));

  State t(2, false);
  t.apply(right_arc(kRoot), kLabels);  // root -> 1
  t.apply(kShift, kLabels);
  REQUIRE(t.terminal());
  REQUIRE(unshift(t));        // 2 headless: back in the buffer above [root, 1]
  t.apply(kReduce, kLabels);  // 1 has its head
  CHECK_FALSE(any_valid(t));  // the root is taken: nothing can attach 2
  finish_tree(t, kRoot, kDep);
  CHECK(t.head[2] == 1);
}

TEST_CASE("with repairs a left arc replaces the head a right arc gave, the root's too") {
  // "a b c d": 1 is the root, 2 hangs from 1 with 3 under it; then 4 takes 2, and 1 too.
  constexpr int kOther = 2;
  State s(4, true);
  s.apply(right_arc(kRoot), kLabels);   // root -> 1
  s.apply(right_arc(kDep), kLabels);    // 1 -> 2
  s.apply(right_arc(kOther), kLabels);  // 2 -> 3
  s.apply(kReduce, kLabels);            // pop 3
  REQUIRE(s.top() == 2);
  CHECK(s.right1[1] == 2);
  CHECK(s.n_right[1] == 1);
  CHECK(valid_in(s)[left_arc(kOther)]);
  s.apply(left_arc(kOther), kLabels);  // 2 <- 4, replacing 1 -> 2
  CHECK(s.head[2] == 4);
  CHECK(s.label[2] == kOther);
  CHECK(s.right1[1] == -1);  // 1's summaries no longer count 2
  CHECK(s.n_right[1] == 0);
  CHECK(s.right_labels[1] == 0);
  CHECK(s.left1[4] == 2);
  CHECK(s.head[3] == 2);  // 2 keeps its own dependents
  REQUIRE(s.top() == 1);
  CHECK(s.root_taken);
  CHECK(valid_in(s)[left_arc(kDep)]);
  s.apply(left_arc(kDep), kLabels);  // 1 <- 4: the root is free again
  CHECK(s.head[1] == 4);
  CHECK_FALSE(s.root_taken);
  REQUIRE(s.top() == 0);
  CHECK(valid_in(s)[right_arc(kRoot)]);
  s.apply(right_arc(kRoot), kLabels);
  CHECK(s.head[4] == 0);

  State monotonic(3, false);
  monotonic.apply(kShift, kLabels);
  monotonic.apply(right_arc(kDep), kLabels);  // 1 -> 2, 3 still in the buffer
  for (int l = 0; l < kLabels; ++l) CHECK_FALSE(valid_in(monotonic)[left_arc(l)]);
}

TEST_CASE("with repairs the oracle values the left arc that repairs a wrong head") {
  // Gold: root -> 3, 3 -> 1, 3 -> 2 ("a b c"). Stack [root, 1], buffer 2 3.
  const std::vector<int> gold_head{-1, 3, 3, 0}, gold_label{-1, kDep, kDep, kRoot};
  for (bool repair : {false, true}) {
    State s(3, repair);
    s.apply(kShift, kLabels);
    std::vector<int> costs;
    auto valid = valid_in(s);
    move_costs(s, gold_head, gold_label, 3, kLabels, valid, costs);
    CHECK(costs[kShift] == 0);
    // 1 -> 2 is wrong: it costs one even though with repairs 3 could still take 2.
    CHECK(costs[right_arc(kDep)] == 1);
    s.apply(right_arc(kDep), kLabels);
    valid = valid_in(s);
    move_costs(s, gold_head, gold_label, 3, kLabels, valid, costs);
    if (repair) {
      CHECK(costs[left_arc(kDep)] == 0);  // 2 <- 3 repairs it
      CHECK(costs[kReduce] == 1);         // popping 2 gives that up
    } else {
      CHECK_FALSE(valid[left_arc(kDep)]);
      CHECK(costs[kReduce] == 0);
    }
  }
}
