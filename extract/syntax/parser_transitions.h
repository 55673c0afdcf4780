// Arc-eager transitions of the dependency parser: the configuration, the moves allowed in it and
// the dynamic oracle's cost of each move (Goldberg & Nivre 2012). Internal to extract/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kg::extract::parsing {

constexpr uint64_t kNone = 0x2545f4914f6cdd1dull;  // value of a feature whose position is empty
constexpr uint64_t kRootWord = 0x9e3779b97f4a7c15ull;
constexpr int kShift = 0, kReduce = 1, kFirstLeft = 2;  // then L left arcs, then L right arcs
constexpr uint32_t kClustered = 0x80000000u;            // in a lexicon entry: the word has clusters

// Arc-eager configuration: stack, buffer front and the partial tree with the child summaries
// the features look at. Index 0 is the artificial root; words are 1..n.
struct State {
  int n = 0;
  int front = 1;           // first word of the buffer; buffer empty when front > last
  int last = 0;            // last word of the buffer: n, or the word unshift() put back
  bool unshifted = false;  // after unshift(): no more shifts
  bool root_taken = false;
  bool repair = false;  // a left arc may replace the head a right arc gave s0 (non-monotonic)
  std::vector<int> stack;
  std::vector<int> head, label, left1, left2, right1, right2, n_left, n_right;
  std::vector<uint64_t> left_labels, right_labels;
  std::vector<char> on_stack;

  State(int words, bool repairs) : n(words), last(words), repair(repairs) {
    stack.reserve(words + 1);
    stack.push_back(0);
    for (auto* v : {&head, &label, &left1, &left2, &right1, &right2}) v->assign(words + 1, -1);
    n_left.assign(words + 1, 0);
    n_right.assign(words + 1, 0);
    left_labels.assign(words + 1, 0);
    right_labels.assign(words + 1, 0);
    on_stack.assign(words + 1, 0);
    on_stack[0] = 1;
  }
  bool terminal() const { return front > last; }
  int top() const { return stack.back(); }

  void add_arc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      if (left1[h] < 0 || d < left1[h])
        left2[h] = left1[h], left1[h] = d;
      else if (left2[h] < 0 || d < left2[h])
        left2[h] = d;
      ++n_left[h];
      left_labels[h] |= 1ull << l;
    } else {
      if (right1[h] < 0 || d > right1[h])
        right2[h] = right1[h], right1[h] = d;
      else if (right2[h] < 0 || d > right2[h])
        right2[h] = d;
      ++n_right[h];
      right_labels[h] |= 1ull << l;
    }
    if (h == 0) root_taken = true;
  }

  // Takes word d off its head's dependents (a repair): the head's summaries are rebuilt from
  // its remaining dependents, which is rare enough not to need anything faster.
  void remove_arc(int d) {
    const int h = head[d];
    head[d] = label[d] = -1;
    if (h == 0) root_taken = false;
    left1[h] = left2[h] = right1[h] = right2[h] = -1;
    n_left[h] = n_right[h] = 0;
    left_labels[h] = right_labels[h] = 0;
    for (int k = 1; k <= n; ++k)
      if (head[k] == h) add_arc(h, k, label[k]);
  }

  void apply(int move, int num_labels) {
    if (move == kShift) {
      on_stack[front] = 1;
      stack.push_back(front++);
    } else if (move == kReduce) {
      on_stack[top()] = 0;
      stack.pop_back();
    } else if (move < kFirstLeft + num_labels) {
      if (head[top()] >= 0) remove_arc(top());
      add_arc(front, top(), move - kFirstLeft);
      on_stack[top()] = 0;
      stack.pop_back();
    } else {
      add_arc(top(), front, move - kFirstLeft - num_labels);
      on_stack[front] = 1;
      stack.push_back(front++);
    }
  }
};

// Which moves are allowed. The root takes exactly one dependent, always labeled root_label;
// with `repair`, a left arc may also pop an s0 that already has a head, the root included.
void valid_moves(const State& s, int num_labels, int root_label, std::vector<char>& valid);

// Dynamic-oracle cost of each valid move: how many gold arcs it makes unreachable.
void move_costs(const State& s, const std::vector<int>& gold_head,
                const std::vector<int>& gold_label, int gold_root, int num_labels,
                const std::vector<char>& valid, std::vector<int>& costs);

// Once the buffer is empty: pops the words on top of the stack that have a head, then puts the
// next headless word back as the only word of the buffer (Nivre & Fernandez-Gonzalez 2014's
// unshift), so the model, not a rule, decides its arc. False when only the root is left.
bool unshift(State& s);

// Attaches words the transitions left without a head: the first becomes the root if there is
// none, the rest hang from the root word.
void finish_tree(State& s, int root_label, int fallback_label);

// The valid move with the highest score.
int best_valid(const std::vector<float>& scores, const std::vector<char>& valid);

}  // namespace kg::extract::parsing
