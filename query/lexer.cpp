// Lexer: the token rules of openCypher (names, backtick names, numbers in three bases,
// strings with escapes, parameters, comments).
#include "query/lexer.h"

#include <cctype>

#include "base/utf8.h"
#include "query/error.h"

namespace kg::query {

namespace {

bool ident_start(unsigned char c) {
  return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool ident_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : src_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space();
      Token t;
      t.offset = pos_;
      t.line = line_;
      t.column = int(pos_ - line_start_) + 1;
      if (pos_ >= src_.size()) {
        t.end = pos_;
        out.push_back(t);
        return out;
      }
      // A map key cannot start with a digit: {1a: ...} is a syntax error, not a bad number.
      after_brace_ = !out.empty() && out.back().kind == Tok::kSymbol &&
                     (out.back().text == "{" || out.back().text == ",");
      lex_one(t);
      t.end = pos_;
      out.push_back(std::move(t));
    }
  }

 private:
  [[noreturn]] void fail(const std::string& code, const std::string& msg, size_t at) {
    // Column of `at` on the current line (tokens never span lines except strings).
    syntax_error(code, msg, line_, int(at - line_start_) + 1);
  }

  char peek(size_t k = 0) const { return pos_ + k < src_.size() ? src_[pos_ + k] : '\0'; }

  void newline_at(size_t i) {
    ++line_;
    line_start_ = i + 1;
  }

  void skip_space() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == '\n') {
        newline_at(pos_);
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '/' && peek(1) == '/') {
        while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
      } else if (c == '/' && peek(1) == '*') {
        size_t start = pos_;
        pos_ += 2;
        while (pos_ < src_.size() && !(src_[pos_] == '*' && peek(1) == '/')) {
          if (src_[pos_] == '\n') newline_at(pos_);
          ++pos_;
        }
        if (pos_ >= src_.size()) fail("UnexpectedSyntax", "unterminated comment", start);
        pos_ += 2;
      } else {
        return;
      }
    }
  }

  void lex_one(Token& t) {
    unsigned char c = src_[pos_];
    // Dashes and the minus sign of Unicode (U+2010..U+2015, U+2212) look like '-' but are
    // not: say so rather than read an identifier.
    if (c == 0xE2 && pos_ + 2 < src_.size()) {
      unsigned char c1 = src_[pos_ + 1], c2 = src_[pos_ + 2];
      if ((c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) || (c1 == 0x88 && c2 == 0x92))
        fail("InvalidUnicodeCharacter", "a Unicode dash is not '-'", pos_);
    }
    if (ident_start(c)) {
      size_t b = pos_;
      while (pos_ < src_.size() && ident_char(src_[pos_])) ++pos_;
      t.kind = Tok::kIdent;
      t.text = std::string(src_.substr(b, pos_ - b));
      return;
    }
    if (c == '`') {
      size_t b = pos_++;
      t.kind = Tok::kQuoted;
      for (;;) {
        if (pos_ >= src_.size()) fail("UnexpectedSyntax", "unterminated `name`", b);
        if (src_[pos_] == '`') {
          if (peek(1) == '`') {
            t.text += '`';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (src_[pos_] == '\n') newline_at(pos_);
        t.text += src_[pos_++];
      }
      return;
    }
    if (std::isdigit(c) || (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))))) {
      lex_number(t);
      return;
    }
    if (c == '\'' || c == '"') {
      lex_string(t, char(c));
      return;
    }
    if (c == '$') {
      size_t b = ++pos_;
      if (pos_ < src_.size() && src_[pos_] == '`') {
        Token q;
        lex_one(q);
        t.text = q.text;
      } else {
        while (pos_ < src_.size() && ident_char(src_[pos_])) ++pos_;
        if (pos_ == b) fail("UnexpectedSyntax", "expected a parameter name after $", b - 1);
        t.text = std::string(src_.substr(b, pos_ - b));
      }
      t.kind = Tok::kParam;
      return;
    }
    static const char* kTwo[] = {"<=", ">=", "<>", "!=", "=~", "..", "+=", "->", "<-"};
    t.kind = Tok::kSymbol;
    for (const char* two : kTwo) {
      if (c == two[0] && peek(1) == two[1]) {
        // "<-" and "->" stay separate so that patterns and comparisons both parse: the parser
        // sees "<" "-" itself. Only join the ones that are always operators.
        std::string_view sv(two);
        if (sv == "->" || sv == "<-") break;
        t.text = two;
        pos_ += 2;
        return;
      }
    }
    if (std::string_view("()[]{},.:;|+-*/%^=<>").find(char(c)) == std::string_view::npos)
      fail("UnexpectedSyntax", std::string("unexpected character '") + char(c) + "'", pos_);
    t.text = std::string(1, char(c));
    ++pos_;
  }

  void lex_number(Token& t) {
    size_t b = pos_;
    t.kind = Tok::kInt;
    if (src_[pos_] == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o')) {
      bool hex = peek(1) != 'o';
      pos_ += 2;
      size_t digits = pos_;
      while (pos_ < src_.size() && ident_char(src_[pos_])) {
        char d = src_[pos_];
        bool ok = hex ? std::isxdigit(static_cast<unsigned char>(d)) : (d >= '0' && d <= '7');
        if (!ok) fail("InvalidNumberLiteral", "invalid digit in number", b);
        ++pos_;
      }
      if (pos_ == digits) fail("InvalidNumberLiteral", "number without digits", b);
      t.text = std::string(src_.substr(b, pos_ - b));
      return;
    }
    while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) ++pos_;
    if (peek() == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
      t.kind = Tok::kFloat;
      ++pos_;
      while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      size_t k = 1;
      if (peek(1) == '-' || peek(1) == '+') k = 2;
      if (std::isdigit(static_cast<unsigned char>(peek(k)))) {
        t.kind = Tok::kFloat;
        pos_ += k;
        while (pos_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[pos_]))) ++pos_;
      }
    }
    if (pos_ < src_.size() && ident_char(src_[pos_])) {
      size_t e = pos_;
      while (e < src_.size() && ident_char(src_[e])) ++e;
      if (after_brace_ && e < src_.size() && src_[e] == ':')
        fail("UnexpectedSyntax", "a map key cannot start with a digit", b);
      fail("InvalidNumberLiteral", "invalid character in number", b);
    }
    t.text = std::string(src_.substr(b, pos_ - b));
  }

  uint32_t hex_digits(int n, size_t at) {
    uint32_t cp = 0;
    for (int i = 0; i < n; ++i) {
      char d = peek();
      if (!std::isxdigit(static_cast<unsigned char>(d)))
        fail("InvalidUnicodeLiteral", "invalid \\u escape", at);
      cp = cp * 16 + uint32_t(std::isdigit(static_cast<unsigned char>(d))
                                  ? d - '0'
                                  : (std::tolower(d) - 'a' + 10));
      ++pos_;
    }
    return cp;
  }

  void lex_string(Token& t, char quote) {
    size_t b = pos_++;
    t.kind = Tok::kString;
    for (;;) {
      if (pos_ >= src_.size()) fail("UnexpectedSyntax", "unterminated string", b);
      char c = src_[pos_];
      if (c == quote) {
        ++pos_;
        return;
      }
      if (c == '\\') {
        size_t at = pos_;
        ++pos_;
        char e = peek();
        ++pos_;
        switch (e) {
          case '\\':
            t.text += '\\';
            break;
          case '\'':
            t.text += '\'';
            break;
          case '"':
            t.text += '"';
            break;
          case 'b':
            t.text += '\b';
            break;
          case 'f':
            t.text += '\f';
            break;
          case 'n':
            t.text += '\n';
            break;
          case 'r':
            t.text += '\r';
            break;
          case 't':
            t.text += '\t';
            break;
          case 'u':
            base::append_utf8(t.text, hex_digits(4, at));
            break;
          case 'U':
            base::append_utf8(t.text, hex_digits(8, at));
            break;
          default:
            // Unknown escapes keep the backslash, as most implementations do.
            t.text += '\\';
            --pos_;
        }
        continue;
      }
      if (c == '\n') newline_at(pos_);
      t.text += c;
      ++pos_;
    }
  }

  std::string_view src_;
  size_t pos_ = 0;
  bool after_brace_ = false;  // the token being lexed follows "{" or ","
  int line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace

std::vector<Token> lex(std::string_view source) {
  return Lexer(source).run();
}

}  // namespace kg::query
