#include "eval/tokenize_eval.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/error.h"
#include "extract/document.h"
#include "extract/error.h"
#include "extract/text/tokenizer.h"

namespace kg::eval {

using extract::Document;
using extract::Sentence;
using extract::Token;
namespace {

// A half-open span over the text with whitespace removed.
struct Span {
  size_t begin;
  size_t end;
  bool operator==(const Span&) const = default;
  bool operator<(const Span& other) const {
    return begin != other.begin ? begin < other.begin : end < other.end;
  }
};

bool is_eval_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!is_eval_space(c)) out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return fields;
}

// A gold sentence: its text and its words with their forms; multi-word tokens keep the
// surface form and the number of words they stand for.
struct GoldSentence {
  std::string text;
  struct Unit {
    std::string surface;             // the token as written
    std::vector<std::string> words;  // its syntactic words
  };
  std::vector<Unit> units;
};

struct GoldDocument {
  std::vector<std::vector<GoldSentence>> paragraphs;
};

size_t count_matches(const std::vector<Span>& gold, const std::vector<Span>& system) {
  size_t matched = 0;
  for (size_t g = 0, s = 0; g < gold.size() && s < system.size();) {
    if (gold[g] == system[s]) {
      ++matched, ++g, ++s;
    } else if (gold[g] < system[s]) {
      ++g;
    } else {
      ++s;
    }
  }
  return matched;
}

class Evaluator {
 public:
  explicit Evaluator(size_t max_examples) : max_examples_(max_examples) {}

  void score(const GoldDocument& gold) {
    Document doc;
    std::vector<Span> gold_words, gold_sentences;
    std::vector<std::string> gold_forms;
    std::string gold_chars;  // gold words concatenated without spaces
    for (const auto& paragraph : gold.paragraphs) {
      if (paragraph.empty()) continue;
      if (!doc.text.empty()) doc.text += "\n\n";
      for (size_t s = 0; s < paragraph.size(); ++s) {
        if (s > 0) doc.text += ' ';
        doc.text += paragraph[s].text;
        size_t sentence_begin = gold_chars.size();
        size_t words_before = gold_words.size();
        for (const auto& unit : paragraph[s].units)
          add_gold_unit(unit, gold_chars, gold_words, gold_forms);
        std::string sentence_chars = without_spaces(paragraph[s].text);
        if (gold_chars.compare(sentence_begin, std::string::npos, sentence_chars) != 0) {
          ++result_.gold_sentences_not_in_text;
        }
        if (gold_words.size() > words_before) {
          gold_sentences.push_back(Span{sentence_begin, gold_chars.size()});
        }
      }
    }
    tokenize(doc);
    // Offsets of every byte of the text with whitespace removed.
    std::vector<uint32_t> dense(doc.text.size() + 1);
    uint32_t count = 0;
    for (size_t i = 0; i < doc.text.size(); ++i) {
      dense[i] = count;
      if (!is_eval_space(doc.text[i])) ++count;
    }
    dense[doc.text.size()] = count;
    std::vector<Span> system_words, system_sentences;
    for (const auto& sentence : doc.sentences) {
      for (const auto& token : sentence.tokens) {
        system_words.push_back(Span{dense[token.begin], dense[token.end]});
      }
      if (!sentence.tokens.empty()) {
        system_sentences.push_back(Span{dense[sentence.begin], dense[sentence.end]});
      }
    }
    add(result_.words, gold_words, system_words);
    add(result_.sentences, gold_sentences, system_sentences);
    collect_examples(doc, gold_sentences, gold_words, gold_forms, system_words, system_sentences);
    ++result_.documents;
  }

  TokenizeEvaluation take() { return std::move(result_); }

 private:
  static void add_gold_unit(const GoldSentence::Unit& unit, std::string& chars,
                            std::vector<Span>& words, std::vector<std::string>& forms) {
    std::string surface = without_spaces(unit.surface);
    size_t begin = chars.size();
    chars += surface;
    size_t total = 0;
    for (const auto& w : unit.words) total += without_spaces(w).size();
    // Words of a multi-word token get consecutive pieces of it when they spell it out
    // ("don't" = "do" + "n't"); otherwise each covers the whole token.
    size_t pos = begin;
    for (const auto& w : unit.words) {
      size_t length = without_spaces(w).size();
      if (total == surface.size()) {
        words.push_back(Span{pos, pos + length});
        pos += length;
      } else {
        words.push_back(Span{begin, begin + surface.size()});
      }
      forms.push_back(w);
    }
  }

  static void add(SpanScore& score, const std::vector<Span>& gold,
                  const std::vector<Span>& system) {
    score.gold += gold.size();
    score.system += system.size();
    score.matched += count_matches(gold, system);
  }

  // Keeps gold sentences whose words or boundaries the system got wrong, with the system's
  // words and "||" where the system starts a sentence.
  void collect_examples(const Document& doc, const std::vector<Span>& gold_sentences,
                        const std::vector<Span>& gold_words,
                        const std::vector<std::string>& gold_forms,
                        const std::vector<Span>& system_words,
                        const std::vector<Span>& system_sentences) {
    if (result_.error_examples.size() >= max_examples_) return;
    std::vector<const std::string*> system_forms;
    for (const auto& sentence : doc.sentences) {
      for (const auto& token : sentence.tokens) system_forms.push_back(&token.form);
    }
    size_t g = 0, s = 0, next_sentence = 0;
    for (const Span& sentence : gold_sentences) {
      std::string gold_line, system_line;
      std::vector<Span> gold_here, system_here;
      for (; g < gold_words.size() && gold_words[g].begin < sentence.end; ++g) {
        gold_line += gold_forms[g] + " ";
        gold_here.push_back(gold_words[g]);
      }
      bool boundary_error = false;
      for (; s < system_words.size() && system_words[s].begin < sentence.end; ++s) {
        if (next_sentence < system_sentences.size() &&
            system_sentences[next_sentence].begin == system_words[s].begin) {
          if (!system_line.empty()) system_line += "|| ";
          boundary_error |= system_sentences[next_sentence] != sentence;
          ++next_sentence;
        }
        system_line += *system_forms[s] + " ";
        system_here.push_back(system_words[s]);
      }
      if (s < system_words.size() && next_sentence < system_sentences.size() &&
          system_sentences[next_sentence].begin != system_words[s].begin) {
        boundary_error = true;  // the system sentence goes on past the gold one
      }
      if ((gold_here != system_here || boundary_error) &&
          result_.error_examples.size() < max_examples_) {
        result_.error_examples.push_back("gold:   " + gold_line + "\nsystem: " + system_line);
      }
    }
  }

  size_t max_examples_;
  TokenizeEvaluation result_;
};

}  // namespace

TokenizeEvaluation evaluate_tokenizer(std::istream& conllu, size_t max_examples) {
  Evaluator evaluator(max_examples);
  GoldDocument document;
  GoldSentence sentence;
  bool new_paragraph = true;
  size_t line_number = 0;
  size_t words_left_in_token = 0;
  auto finish_sentence = [&] {
    if (sentence.units.empty() && sentence.text.empty()) return;
    if (new_paragraph || document.paragraphs.empty()) document.paragraphs.emplace_back();
    document.paragraphs.back().push_back(std::move(sentence));
    sentence = GoldSentence{};
    new_paragraph = false;
  };
  auto finish_document = [&] {
    finish_sentence();
    if (!document.paragraphs.empty()) evaluator.score(document);
    document = GoldDocument{};
    new_paragraph = true;
  };
  std::string line;
  while (std::getline(conllu, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      finish_sentence();
    } else if (line[0] == '#') {
      if (line.rfind("# newdoc", 0) == 0) finish_document();
      if (line.rfind("# newpar", 0) == 0) new_paragraph = true;
      if (line.rfind("# text = ", 0) == 0) sentence.text = line.substr(9);
    } else {
      auto fields = split_tabs(line);
      if (fields.size() != 10) {
        throw EvalError("line " + std::to_string(line_number) +
                        ": not CoNLL-U (expected 10 tab-separated fields)");
      }
      std::string_view id = fields[0];
      if (id.find('.') != std::string_view::npos) continue;  // empty nodes have no text
      size_t dash = id.find('-');
      if (dash != std::string_view::npos) {
        int first = std::atoi(std::string(id.substr(0, dash)).c_str());
        int last = std::atoi(std::string(id.substr(dash + 1)).c_str());
        sentence.units.push_back({std::string(fields[1]), {}});
        words_left_in_token = last >= first ? static_cast<size_t>(last - first + 1) : 0;
      } else if (words_left_in_token > 0) {
        sentence.units.back().words.emplace_back(fields[1]);
        --words_left_in_token;
      } else {
        sentence.units.push_back({std::string(fields[1]), {std::string(fields[1])}});
      }
    }
  }
  finish_document();
  return evaluator.take();
}

}  // namespace kg::eval
