#include "extract/text/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "extract/error.h"
#include "extract/text/char_class.h"
#include "extract/text/raw_token.h"
#include "extract/text/sentence_splitter.h"
#include "extract/text/tokenizer_rules.h"

namespace kg::extract {
namespace {

bool starts_with_ignore_case(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_email_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool is_domain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// Splits the text into raw tokens, one whitespace-separated chunk at a time.
class Scanner {
 public:
  Scanner(std::string_view text, std::vector<RawToken>& out) : text_(text), out_(out) {}

  void run() {
    size_t pos = 0;
    unsigned newlines = 2;  // the text starts a paragraph
    bool space = false;
    while (pos < text_.size()) {
      Char c = char_at(text_, pos);
      if (c.cls == CharClass::kSpace) {
        // "\r\n" counts once: the '\n' is counted, a '\r' only when no '\n' follows.
        if (c.cp == '\n' || c.cp == 0x2028 || c.cp == 0x2029 ||
            (c.cp == '\r' && (pos + 1 >= text_.size() || text_[pos + 1] != '\n'))) {
          ++newlines;
        }
        space = true;
        pos += c.length;
        continue;
      }
      size_t chunk_end = pos + c.length;
      while (chunk_end < text_.size()) {
        Char next = char_at(text_, chunk_end);
        if (next.cls == CharClass::kSpace) break;
        chunk_end += next.length;
      }
      pending_newlines_ = static_cast<uint8_t>(std::min(newlines, 255u));
      pending_space_ = space;
      scan_chunk(pos, chunk_end);
      newlines = 0;
      space = false;
      pos = chunk_end;
    }
  }

 private:
  void emit(size_t begin, size_t end, bool abbreviation_may_end = false) {
    out_.push_back(RawToken{static_cast<uint32_t>(begin), static_cast<uint32_t>(end),
                            pending_newlines_, pending_space_, abbreviation_may_end});
    pending_newlines_ = 0;
    pending_space_ = false;
  }

  void scan_chunk(size_t begin, size_t end) {
    for (size_t pos = begin; pos < end;) {
      Char c = char_at(text_, pos);
      // "@Ryan"; ".doc" in "(draft).doc"; ".post" as a domain name.
      bool at_word = c.cp == '@' && pos + 1 < end && is_alnum(char_at(text_, pos + 1));
      bool dot_word = c.cp == '.' && (pos == begin || text_[pos - 1] == ')') && pos + 1 < end &&
                      is_lower(text_[pos + 1]);
      if (at_word || dot_word) {
        pos = scan_word(pos, end);
        continue;
      }
      pos = is_alnum(c) ? scan_word(pos, end) : scan_punctuation(pos, c, end);
    }
  }

  // End of a URL starting at pos: the chunk minus trailing punctuation (a ')' stays if the
  // URL opened one, as in Wikipedia links).
  size_t url_end(size_t pos, size_t end) const {
    bool has_open_paren = false;
    for (size_t i = pos; i < end; ++i) has_open_paren |= text_[i] == '(';
    while (end > pos) {
      char c = text_[end - 1];
      bool strip = c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
                   c == '"' || c == '\'' || c == ']' || c == '>' || (c == ')' && !has_open_paren);
      if (static_cast<unsigned char>(c) >= 0x80) {  // a closing curly quote
        strip = end - pos >= 3 && (text_.substr(end - 3, 3) == "\xE2\x80\x9D" ||
                                   text_.substr(end - 3, 3) == "\xE2\x80\x99");
        if (strip) {
          end -= 3;
          continue;
        }
      }
      if (!strip) break;
      --end;
    }
    return end;
  }

  // End of an e-mail address starting at pos, or 0 if there is none. Remembers how far a
  // failed search read, so that a long chunk is not searched again from every word in it.
  size_t email_end(size_t pos, size_t end) {
    if (pos < no_email_until_) return 0;
    size_t at = pos;
    while (at < end && is_email_local_char(text_[at])) ++at;
    if (at >= end || text_[at] != '@') {
      no_email_until_ = at;
      return 0;
    }
    size_t domain_end = at + 1;
    while (domain_end < end && is_domain_char(text_[domain_end])) ++domain_end;
    while (domain_end > at + 1 && (text_[domain_end - 1] == '.' || text_[domain_end - 1] == '-')) {
      --domain_end;
    }
    std::string_view domain = text_.substr(at + 1, domain_end - at - 1);
    size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) {
      no_email_until_ = at;
      return 0;
    }
    return domain_end;
  }

  // Whether the hyphen at text_[hyphen] joins the segment before it to the next one: after
  // prefixes ("e-mail") and in phone numbers and dates ("713-853-3989", "11-20-2000").
  bool keep_hyphen(size_t segment_begin, size_t hyphen, size_t end) const {
    std::string_view segment = text_.substr(segment_begin, hyphen - segment_begin);
    if (!std::all_of(segment.begin(), segment.end(), [](char c) { return is_digit(c); })) {
      return is_hyphen_prefix(segment);
    }
    size_t groups = 1;
    size_t second_length = 0;
    size_t pos = hyphen;
    const size_t limit = std::min(end, hyphen + 32);
    while (pos + 1 < limit && text_[pos] == '-' && is_digit(text_[pos + 1])) {
      size_t group_begin = ++pos;
      while (pos < limit && is_digit(text_[pos])) ++pos;
      if (++groups == 2) second_length = pos - group_begin;
    }
    // "713-853-3989", "345-9945", "3-5213" (an extension), but not "1969-1970" or "5-10".
    return groups >= 3 || (segment.size() <= 3 && second_length == 4);
  }

  // Scans a word starting at a letter or digit and emits it, split into its clitics.
  size_t scan_word(size_t pos, size_t end) {
    if (starts_with_ignore_case(text_, pos, "http://") ||
        starts_with_ignore_case(text_, pos, "https://") ||
        starts_with_ignore_case(text_, pos, "ftp://") ||
        starts_with_ignore_case(text_, pos, "mailto:") ||
        starts_with_ignore_case(text_, pos, "www.")) {
      size_t url = url_end(pos, end);
      emit(pos, url);
      return url;
    }
    if (size_t email = email_end(pos, end)) {
      emit(pos, email);
      return email;
    }
    size_t p = text_[pos] == '@' || text_[pos] == '.' ? pos + 1 : pos;  // "@Ryan", ".doc"
    size_t segment_begin = pos;
    bool internal_period = false;
    while (true) {
      while (p < end) {
        Char c = char_at(text_, p);
        if (!is_alnum(c)) break;
        p += c.length;
      }
      if (p >= end) break;
      char c = text_[p];
      bool next_is_alnum = p + 1 < end && is_alnum(char_at(text_, p + 1));
      bool between_digits = is_digit(text_[p - 1]) && p + 1 < end && is_digit(text_[p + 1]);
      if (c == '.' && next_is_alnum) {
        internal_period = true;
        ++p;
        continue;
      }
      if ((c == ',' || c == ':' || c == '/') && between_digits) {
        ++p;
        continue;
      }
      // "AT&T", "PG&E", "Lisa_resume.doc", "Warner@ENRON"
      if ((c == '&' || c == '_' || c == '@') && next_is_alnum &&
          classify_ascii(text_[p - 1]) != CharClass::kPunct) {
        ++p;
        continue;
      }
      // "b/c", "w/o"
      if (c == '/' && p == pos + 1 && p + 2 <= end && is_lower(text_[p - 1]) &&
          is_lower(text_[p + 1]) && (p + 2 == end || !is_alnum(char_at(text_, p + 2)))) {
        ++p;
        continue;
      }
      if (size_t apostrophe = apostrophe_length(text_, p)) {
        if (p + apostrophe < end && char_at(text_, p + apostrophe).cls == CharClass::kLetter) {
          p += apostrophe;
          continue;
        }
        break;
      }
      if (c == '-' && next_is_alnum && keep_hyphen(segment_begin, p, end)) {
        segment_begin = ++p;
        continue;
      }
      break;
    }
    // A period that belongs to the word: "Mr.", "U.S.", "J.", but not "..." or "end.";
    // "Inc.." is "Inc." and a full stop.
    bool one_period = p < end && text_[p] == '.' && !(p + 1 < end && text_[p + 1] == '.');
    bool two_periods = p + 1 < end && text_[p] == '.' && text_[p + 1] == '.' &&
                       !(p + 2 < end && text_[p + 2] == '.');
    if (one_period || two_periods) {
      AbbreviationKind kind =
          abbreviation_kind(text_.substr(pos, p - pos), internal_period, number_follows(p + 1));
      if (kind != AbbreviationKind::kNone) {
        emit(pos, p + 1, kind == AbbreviationKind::kAmbiguous);
        return p + 1;
      }
    }
    if (size_t unit = unit_after_number(pos, p)) {
      emit(pos, unit);  // "5" "km", "1.13" "bn", but "29th" and "1990s" stay whole
      emit(unit, p);
    } else if (internal_period) {
      emit(pos, p);  // "file.doc", "1,000.5"
    } else {
      emit_split_clitics(pos, p);
    }
    return p;
  }

  // Where the unit starts in a number glued to letters ("10km", "2.5bn", "5pm"); 0 if the
  // word is something else, or an ordinal or plural ("3rd", "1990s").
  size_t unit_after_number(size_t begin, size_t end) const {
    if (!is_digit(text_[begin])) return 0;
    size_t p = begin;
    while (p < end &&
           (is_digit(text_[p]) || text_[p] == '.' || text_[p] == ',' || text_[p] == ':')) {
      ++p;  // "7:30PM" too
    }
    if (p == end || !is_digit(text_[p - 1])) return 0;
    for (size_t i = p; i < end; ++i) {
      if (classify_ascii(static_cast<unsigned char>(text_[i])) != CharClass::kLetter) return 0;
    }
    char suffix[3] = {0, 0, 0};
    if (end - p <= 2) {
      for (size_t i = p; i < end; ++i) suffix[i - p] = static_cast<char>(text_[i] | 0x20);
      std::string_view s(suffix, end - p);
      if (s == "th" || s == "st" || s == "nd" || s == "rd" || s == "s") return 0;
    }
    return p;
  }

  // The word after the whitespace following pos, lowercased into buffer (empty if none).
  std::string_view next_word(size_t pos, char (&buffer)[16]) const {
    while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) ++pos;
    size_t length = 0;
    while (pos + length < text_.size() && length < sizeof buffer &&
           classify_ascii(static_cast<unsigned char>(text_[pos + length])) == CharClass::kLetter) {
      buffer[length] = static_cast<char>(text_[pos + length] | 0x20);
      ++length;
    }
    return std::string_view(buffer, length);
  }

  // Whether the first non-space character at or after pos is a digit.
  bool number_follows(size_t pos) const {
    while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\t')) ++pos;
    return pos < text_.size() && is_digit(text_[pos]);
  }

  // Emits word [begin, end) as EWT splits it: "do" "n't", "Bush" "'s", "gon" "na".
  void emit_split_clitics(size_t begin, size_t end) {
    std::string_view word = text_.substr(begin, end - begin);
    // "its" is mostly the possessive, but "its not", "its a" are "it s".
    if (word.size() == 3 && (word[0] | 0x20) == 'i' && (word[1] | 0x20) == 't' &&
        (word[2] | 0x20) == 's') {
      char buffer[16];
      if (is_verb_context_after_its(next_word(end, buffer))) {
        emit(begin, begin + 2);
        emit(begin + 2, end);
      } else {
        emit(begin, end);
      }
      return;
    }
    if (size_t split = informal_contraction_split(word)) {
      emit(begin, begin + split);
      emit(begin + split, end);
      return;
    }
    // Find the last apostrophe and what follows it.
    size_t apostrophe = word.size();
    size_t apostrophe_len = 0;
    for (size_t i = word.size(); i-- > 0;) {
      if (word[i] == '\'') {
        apostrophe = i, apostrophe_len = 1;
        break;
      }
      if (word[i] == '\x99' && i >= 2 && word.substr(i - 2, 3) == "\xE2\x80\x99") {
        apostrophe = i - 2, apostrophe_len = 3;
        break;
      }
    }
    if (apostrophe_len == 0 || apostrophe == 0) {
      emit(begin, end);
      return;
    }
    std::string_view suffix = word.substr(apostrophe + apostrophe_len);
    char lower[3] = {0, 0, 0};
    if (suffix.size() > 2) {
      emit(begin, end);
      return;
    }
    for (size_t i = 0; i < suffix.size(); ++i) lower[i] = static_cast<char>(suffix[i] | 0x20);
    std::string_view s(lower, suffix.size());
    if (s == "t" && apostrophe >= 2 && (word[apostrophe - 1] | 0x20) == 'n') {
      emit(begin, begin + apostrophe - 1);  // "ca" "n't", "do" "n't"
      emit(begin + apostrophe - 1, end);
      return;
    }
    if (s == "s" && is_digit(word[apostrophe - 1])) {
      emit(begin, end);  // "70's", "12's": plurals
      return;
    }
    if (s == "s" || s == "re" || s == "ve" || s == "ll" || s == "d" || s == "m") {
      emit(begin, begin + apostrophe);
      emit(begin + apostrophe, end);
      return;
    }
    emit(begin, end);
  }

  // Scans punctuation starting at pos (character c) and emits it.
  size_t scan_punctuation(size_t pos, Char c, size_t end) {
    auto run_of = [&](auto belongs) {
      size_t p = pos + 1;
      while (p < end && belongs(text_[p])) ++p;
      emit(pos, p);
      return p;
    };
    if (c.cp >= 0x80) {
      size_t p = pos + c.length;
      // EWT writes a pair of curly single quotes as one token: "’’", "‘’".
      if ((c.cp == 0x2018 || c.cp == 0x2019) && p < end) {
        Char next = char_at(text_, p);
        if (next.cp == 0x2018 || next.cp == 0x2019) p += next.length;
      }
      emit(pos, p);
      return p;
    }
    char ch = static_cast<char>(c.cp);
    switch (ch) {
      case '.':
      case '!':
      case '?':  // "...", "?!", "!!!"
        return run_of([](char x) { return x == '.' || x == '!' || x == '?'; });
      case ':':
      case ';':
      case '=':
        if (size_t emoticon = emoticon_length(pos, end)) {
          emit(pos, pos + emoticon);
          return pos + emoticon;
        }
        if (ch == '=') return run_of([](char x) { return x == '='; });
        break;
      case '\'':
      case '`':
      case '-':
      case '*':
      case '_':
      case '+':
      case '<':
      case '>':
      case '~':
      case '#':
      case '$':
        return run_of([ch](char x) { return x == ch; });  // "--", "''", "**", "<<"
      default:
        break;
    }
    emit(pos, pos + 1);
    return pos + 1;
  }

  // Length of a smiley such as ":)" or ";-)" at pos that ends its chunk, 0 if none.
  size_t emoticon_length(size_t pos, size_t end) const {
    size_t p = pos + 1;
    if (p < end && text_[p] == '-') ++p;
    if (p >= end) return 0;
    char face = text_[p];
    bool is_face = face == ')' || face == '(' || face == 'D' || face == 'P' || face == 'p';
    if (!is_face || (p + 1 < end && std::isalnum(static_cast<unsigned char>(text_[p + 1])))) {
      return 0;
    }
    if (text_[pos] == '=' && face != ')' && face != '(') return 0;
    return p + 1 - pos;
  }

  std::string_view text_;
  std::vector<RawToken>& out_;
  uint8_t pending_newlines_ = 0;
  bool pending_space_ = false;
  size_t no_email_until_ = 0;
};

}  // namespace

SentenceIndex::SentenceIndex(std::string_view text, const std::string& name) {
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    throw ExtractError(name + ": text too large to tokenize (" + std::to_string(text.size()) +
                       " bytes, limit 4 GiB)");
  }
  text_size_ = static_cast<uint32_t>(text.size());
  raw_.reserve(text.size() / 5 + 16);
  Scanner(text, raw_).run();
  for (auto [first, last] : split_sentences(text, raw_)) {
    for (; last - first > kMaxSentenceTokens; first += kMaxSentenceTokens)
      ranges_.emplace_back(first, first + kMaxSentenceTokens);
    ranges_.emplace_back(first, last);
  }
  raw_.shrink_to_fit();
}

uint32_t SentenceIndex::begin(size_t i) const {
  return i < ranges_.size() ? raw_[ranges_[i].first].begin : text_size_;
}

void SentenceIndex::fill(std::string_view text, size_t first_sentence, size_t last_sentence,
                         std::vector<Sentence>& out) const {
  const std::vector<RawToken>& raw = raw_;
  out.reserve(out.size() + (last_sentence - first_sentence));
  for (size_t i = first_sentence; i < last_sentence && i < ranges_.size(); ++i) {
    auto [first, last] = ranges_[i];
    Sentence& sentence = out.emplace_back();
    sentence.begin = raw[first].begin;
    sentence.end = raw[last - 1].end;
    sentence.tokens.reserve(last - first);
    auto add = [&](uint32_t begin, uint32_t end, bool space_after) {
      Token& token = sentence.tokens.emplace_back();
      token.begin = begin;
      token.end = end;
      token.form = std::string(text.data() + begin, text.data() + end);
      token.space_after = space_after;
    };
    for (size_t k = first; k < last; ++k) {
      bool space_after =
          k + 1 < raw.size() ? raw[k + 1].begin > raw[k].end : raw[k].end < text.size();
      // EWT gives a sentence-final "etc." or "U.S." its own full stop: "etc" ".".
      if (k + 1 == last && raw[k].abbreviation_may_end) {
        add(raw[k].begin, raw[k].end - 1, false);
        add(raw[k].end - 1, raw[k].end, space_after);
      } else {
        add(raw[k].begin, raw[k].end, space_after);
      }
    }
  }
}

void tokenize(Document& doc) {
  SentenceIndex index(doc.text, doc.name);
  doc.sentences.clear();
  index.fill(doc.text, 0, index.size(), doc.sentences);
}

}  // namespace kg::extract
