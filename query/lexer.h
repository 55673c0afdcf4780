// Lexer: Cypher text -> tokens with line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kg::query {

enum class Tok {
  kIdent,   // a name or keyword (keywords are recognised by the parser, case-insensitively)
  kQuoted,  // a `backtick quoted` name: never a keyword
  kInt,     // text holds the literal as written
  kFloat,
  kString,  // text holds the unescaped value
  kParam,   // $name: text holds the name
  kSymbol,  // punctuation: text holds it ("(", "<=", "=~", "..", ...)
  kEnd
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  size_t offset = 0;  // byte offset in the source
  size_t end = 0;     // one past the token's last byte
  int line = 1;
  int column = 1;
};

// Splits `source` into tokens; a malformed literal throws QueryError (SyntaxError).
std::vector<Token> lex(std::string_view source);

}  // namespace kg::query
