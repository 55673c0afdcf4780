#include "extract/syntax/parser_transitions.h"

#include <algorithm>
#include <limits>

namespace kg::extract::parsing {

// Which moves are allowed. The root takes exactly one dependent, always labeled root_label;
// with `repair`, a left arc may also pop an s0 that already has a head, the root included.
void valid_moves(const State& s, int num_labels, int root_label, std::vector<char>& valid) {
  valid.assign(kFirstLeft + 2 * num_labels, 0);
  const int s0 = s.top();
  const bool buffer = !s.terminal();
  valid[kShift] = buffer && !s.unshifted;
  valid[kReduce] = s0 != 0 && s.head[s0] >= 0;
  if (buffer && s0 != 0 && (s.head[s0] < 0 || s.repair))
    for (int l = 0; l < num_labels; ++l) valid[kFirstLeft + l] = l != root_label;
  if (buffer) {
    if (s0 == 0) {
      if (!s.root_taken) valid[kFirstLeft + num_labels + root_label] = 1;
    } else {
      for (int l = 0; l < num_labels; ++l) valid[kFirstLeft + num_labels + l] = l != root_label;
    }
  }
}

// Dynamic-oracle cost of each valid move: how many gold arcs it makes unreachable. With repairs
// (Honnibal, Goldberg & Johnson 2013) a word on the stack whose head is wrong can still get its
// gold head from the buffer by a left arc: popping it, or covering that head, then costs the
// arc, and the left arc that repairs it costs nothing. A right arc to the wrong head still costs
// one, although a repair could undo it: charged nothing, the parser learned to attach first and
// repair later, and was 0.8 points worse.
void move_costs(const State& s, const std::vector<int>& gold_head,
                const std::vector<int>& gold_label, int gold_root, int num_labels,
                const std::vector<char>& valid, std::vector<int>& costs) {
  costs.assign(valid.size(), std::numeric_limits<int>::max());
  const int s0 = s.top(), b = s.front;
  auto in_buffer = [&](int k) { return k >= b && k <= s.last; };
  // Whether word k on the stack can still take a head from the buffer.
  auto open = [&](int k) { return s.head[k] < 0 || s.repair; };
  int s0_deps_in_buffer = 0;
  for (int k = b; k <= s.last; ++k) s0_deps_in_buffer += gold_head[k] == s0;
  const bool s0_head_reachable =
      s0 != 0 && s.head[s0] != gold_head[s0] && open(s0) && in_buffer(gold_head[s0]);
  if (valid[kReduce]) costs[kReduce] = s0_deps_in_buffer + (s0_head_reachable ? 1 : 0);
  if (s.terminal()) return;
  // Words on the stack that could still take b as head, and whether b's head is on the stack.
  int stack_deps_of_b = 0;
  bool b_head_on_stack = false, b_head_below_top = false;
  for (int k : s.stack) {
    if (k != 0 && open(k) && gold_head[k] == b) ++stack_deps_of_b;
    if (gold_head[b] == k) {
      b_head_on_stack = true;
      if (k != s0) b_head_below_top = true;
    }
  }
  if (valid[kShift]) costs[kShift] = stack_deps_of_b + (b_head_on_stack ? 1 : 0);
  const int left_cost = s0_deps_in_buffer +
                        (in_buffer(gold_head[s0]) && gold_head[s0] != b ? 1 : 0) +
                        (s0 != 0 && s.head[s0] == gold_head[s0] ? 1 : 0);
  for (int l = 0; l < num_labels; ++l) {
    int move = kFirstLeft + l;
    if (valid[move]) costs[move] = left_cost + (gold_head[s0] == b && gold_label[s0] != l ? 1 : 0);
  }
  int right_cost = stack_deps_of_b;
  if (gold_head[b] != s0 && (b_head_below_top || gold_head[b] > b)) ++right_cost;
  if (s0 == 0 && gold_head[b] != 0 && gold_root > b) ++right_cost;  // the single root is used up
  for (int l = 0; l < num_labels; ++l) {
    int move = kFirstLeft + num_labels + l;
    if (valid[move]) costs[move] = right_cost + (gold_head[b] == s0 && gold_label[b] != l ? 1 : 0);
  }
}

bool unshift(State& s) {
  while (s.stack.size() > 1 && s.head[s.top()] >= 0) {
    s.on_stack[s.top()] = 0;
    s.stack.pop_back();
  }
  if (s.stack.size() <= 1) return false;
  const int word = s.top();
  s.on_stack[word] = 0;
  s.stack.pop_back();
  s.front = s.last = word;
  s.unshifted = true;
  return true;
}

// Attaches words the transitions left without a head: the first becomes the root if there is
// none, the rest hang from the root word.
void finish_tree(State& s, int root_label, int fallback_label) {
  int root_word = -1;
  for (int i = 1; i <= s.n; ++i)
    if (s.head[i] == 0) root_word = i;
  for (int i = 1; i <= s.n; ++i) {
    if (s.head[i] >= 0) continue;
    if (root_word < 0) {
      s.head[i] = 0, s.label[i] = root_label, root_word = i;
    } else {
      s.head[i] = root_word, s.label[i] = fallback_label;
    }
  }
}

int best_valid(const std::vector<float>& scores, const std::vector<char>& valid) {
  int best = -1;
  for (size_t m = 0; m < scores.size(); ++m)
    if (valid[m] && (best < 0 || scores[m] > scores[best])) best = static_cast<int>(m);
  return best;
}

}  // namespace kg::extract::parsing
