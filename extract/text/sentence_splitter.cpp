#include "extract/text/sentence_splitter.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/text/tokenizer_rules.h"

namespace kg::extract {
namespace {

bool all_of_chars(std::string_view form, std::string_view chars) {
  return !form.empty() && form.find_first_not_of(chars) == std::string_view::npos;
}

// ".", "!", "?", "?!", "...", "…"
bool is_terminal(std::string_view form) {
  return all_of_chars(form, ".!?") || form == "\xE2\x80\xA6" || form == "\xE3\x80\x82";
}

bool is_ellipsis(std::string_view form) {
  return (form.size() >= 2 && all_of_chars(form, ".")) || form == "\xE2\x80\xA6";
}

// Tokens that close a sentence after its final punctuation: quotes and brackets.
bool is_closing(std::string_view form) {
  return form == ")" || form == "]" || form == "}" || form == "\"" || form == "'" || form == "''" ||
         form == "\xE2\x80\x9D" || form == "\xE2\x80\x99" || form == "\xC2\xBB" ||
         form == "\xE2\x80\xBA" || is_terminal(form);
}

bool is_quote(std::string_view form) {
  return form == "\"" || form == "'" || form == "''" || form == "\xE2\x80\x9D" ||
         form == "\xE2\x80\x99";
}

// Smileys the scanner keeps whole.
bool is_emoticon(std::string_view form) {
  return form.size() >= 2 && (form[0] == ':' || form[0] == ';' || form[0] == '=') &&
         form.find_first_of(")(DPp") != std::string_view::npos;
}

bool cannot_start_sentence(std::string_view form) {
  return form == "," || form == ";" || form == ":" || form == ")" || form == "]";
}

bool starts_lowercase(std::string_view form) {
  return form[0] >= 'a' && form[0] <= 'z';
}
bool starts_uppercase(std::string_view form) {
  return form[0] >= 'A' && form[0] <= 'Z';
}

// Groups raw tokens into sentences.
class SentenceSplitter {
 public:
  SentenceSplitter(std::string_view text, const std::vector<RawToken>& tokens)
      : text_(text), tokens_(tokens) {
    measure_lines();
  }

  // The sentences as [first, last) token index ranges, in order.
  std::vector<std::pair<size_t, size_t>> run() {
    std::vector<std::pair<size_t, size_t>> sentences;
    auto emit = [&](size_t first, size_t last) { sentences.emplace_back(first, last); };
    const size_t n = tokens_.size();
    size_t start = 0;
    int open_brackets = 0;  // "(" minus ")" in the current sentence
    for (size_t i = 0; i < n;) {
      size_t last = i;
      std::string_view current = form(i);
      open_brackets += (current == "(") - (current == ")");
      if (is_terminal(current)) {
        // Closing quotes and brackets stay with the sentence, as do smileys after it and a
        // ")" that closes a bracket the sentence opened, even after a space.
        while (last + 1 < n && tokens_[last + 1].newlines_before == 0) {
          std::string_view next = form(last + 1);
          bool attached = !tokens_[last + 1].space_before && is_closing(next);
          bool closes_bracket = next == ")" && open_brackets > 0;
          if (!attached && !closes_bracket && !is_emoticon(next)) break;
          open_brackets -= closes_bracket;
          ++last;
        }
        // A quote after a space that ends the paragraph closes this sentence: `phrase. '`
        if (last + 1 < n && tokens_[last + 1].newlines_before == 0 && is_quote(form(last + 1)) &&
            (last + 2 == n || tokens_[last + 2].newlines_before > 0)) {
          ++last;
        }
      }
      if (last + 1 < n && breaks_before(start, i, last + 1)) {
        emit(start, last + 1);
        start = last + 1;
        open_brackets = 0;
      }
      i = last + 1;
    }
    if (start < n) emit(start, n);
    return sentences;
  }

 private:
  std::string_view form(size_t i) const {
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }

  // A text is hard-wrapped if its lines are short and many of them nearly as long as the
  // longest; then a single line break is no sentence break.
  void measure_lines() {
    size_t longest = 0;
    for (size_t pos = 0; pos < text_.size();) {
      size_t newline = text_.find('\n', pos);
      if (newline == std::string_view::npos) newline = text_.size();
      longest = std::max(longest, newline - pos);
      pos = newline + 1;
    }
    if (longest > 120 || longest < 20) return;
    size_t full_lines = 0;
    for (size_t pos = 0; pos < text_.size();) {
      size_t newline = text_.find('\n', pos);
      if (newline == std::string_view::npos) newline = text_.size();
      if ((newline - pos) * 4 >= longest * 3) ++full_lines;
      pos = newline + 1;
    }
    if (full_lines >= 3) wrap_width_ = longest;
  }

  // Bytes from the start of token i's line to its end.
  size_t line_length(size_t i) const {
    size_t end = tokens_[i].end;
    size_t newline = text_.rfind('\n', end == 0 ? 0 : end - 1);
    return newline == std::string_view::npos ? end : end - newline - 1;
  }

  // A wire-service dateline that opens the text and ends at token `dash`: "MOSCOW, Thursday,
  // April 28, 2022 (AP) -", "KYIV, Ukraine (AP) –", "LONDON (Reuters) -". Its place in capitals
  // first, then only capitalized words, numbers, commas, periods and a bracketed agency. Read
  // as part of the first sentence it makes the place that sentence's subject.
  bool ends_dateline(size_t dash) const {
    std::string_view d = form(dash);
    if (d != "-" && d != "--" && d != "\xE2\x80\x93" && d != "\xE2\x80\x94") return false;
    if (dash == 0 || dash > 24 || !tokens_[dash].space_before) return false;
    std::string_view place = form(0);
    if (place.size() < 3 ||
        place.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos)
      return false;
    for (size_t k = 1; k < dash; ++k) {
      std::string_view f = form(k);
      bool word = starts_uppercase(f) || (f[0] >= '0' && f[0] <= '9');
      if (!word && f != "," && f != "." && f != "(" && f != ")") return false;
      if (tokens_[k].newlines_before > 0) return false;
    }
    return true;
  }

  // Whether a sentence ends between token j-1 and token j; i is the token that may end it
  // (j-1 itself, or the period before closing quotes and brackets).
  bool breaks_before(size_t start, size_t i, size_t j) const {
    const RawToken& next = tokens_[j];
    std::string_view next_form = form(j);
    if (start == 0 && i + 1 == j && ends_dateline(i)) return true;
    if (next.newlines_before >= 2) return true;
    if (next.newlines_before == 1) {
      if (wrap_width_ == 0) return !starts_lowercase(next_form) || is_terminal(form(i));
      // In wrapped text a short line is a title or the end of a paragraph.
      if (line_length(j - 1) * 10 < wrap_width_ * 6 && !starts_lowercase(next_form)) return true;
    }
    std::string_view current = form(i);
    if (is_terminal(current)) {
      // A numbered list item: "5. General Colin Powell".
      if (current == "." && i == start + 1 && form(start).size() <= 2 &&
          all_of_chars(form(start), "0123456789")) {
        return false;
      }
      // ". . .", "... , and", and "Why?" he asked.
      if (is_terminal(next_form) || cannot_start_sentence(next_form)) return false;
      if (j > i + 1 && starts_lowercase(next_form)) return false;
      // "in Wham! along with", "Shall We Dance? at number three": the end of a title, not of
      // a sentence (but "what was that? i think" ends one).
      if (current.find('.') == std::string_view::npos && starts_lowercase(next_form) && i > start &&
          starts_uppercase(form(i - 1))) {
        return false;
      }
      bool spaced_ellipsis = current == "." && i > 0 && form(i - 1) == ".";  // ". . ."
      if (i == start && is_ellipsis(current)) return false;  // "... Now comes the fun part"
      if (spaced_ellipsis) return starts_uppercase(next_form);
      // After "..." a capital starts a new sentence; ".." is mostly a comma in web text.
      if (is_ellipsis(current)) return starts_uppercase(next_form) && current.size() > 2;
      return true;
    }
    if (tokens_[i].abbreviation_may_end) {
      return starts_uppercase(next_form) && is_sentence_starter(next_form);
    }
    return false;
  }

  std::string_view text_;
  const std::vector<RawToken>& tokens_;
  size_t wrap_width_ = 0;  // 0: not hard-wrapped
};

}  // namespace

std::vector<std::pair<size_t, size_t>> split_sentences(std::string_view text,
                                                       const std::vector<RawToken>& tokens) {
  return SentenceSplitter(text, tokens).run();
}

}  // namespace kg::extract
