// The openCypher TCK's value notation, reduced to one canonical text so that expected cells
// and the engine's results (rendered in the same notation) can be compared as strings.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/value.h"

namespace kg::tck {

class Canonicalizer {
 public:
  Canonicalizer(std::string_view text, bool sort_lists) : s_(text), sort_(sort_lists) {}

  std::string run() {
    std::string v = value();
    space();
    if (pos_ != s_.size()) fail("trailing text");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("cannot read TCK value '" + std::string(s_) + "': " + what);
  }
  void space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool eat(std::string_view w) {
    space();
    if (s_.substr(pos_, w.size()) == w) {
      pos_ += w.size();
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  std::string name() {
    space();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      size_t e = s_.find('`', pos_ + 1);
      if (e == std::string_view::npos) fail("unterminated name");
      std::string n(s_.substr(pos_ + 1, e - pos_ - 1));
      pos_ = e + 1;
      return n;
    }
    size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '_' || static_cast<unsigned char>(s_[pos_]) >= 0x80))
      ++pos_;
    if (b == pos_) fail("expected a name");
    return std::string(s_.substr(b, pos_ - b));
  }

  std::string map_body(char close) {
    std::vector<std::pair<std::string, std::string>> entries;
    if (!eat(close)) {
      do {
        std::string k = name();
        expect(':');
        entries.emplace_back(k, value());
      } while (eat(','));
      expect(close);
    }
    std::sort(entries.begin(), entries.end());
    std::string out = "{";
    for (size_t i = 0; i < entries.size(); ++i)
      out += (i ? ", " : "") + entries[i].first + ": " + entries[i].second;
    return out + "}";
  }

  std::string node() {
    expect('(');
    std::vector<std::string> labels;
    while (eat(':')) labels.push_back(name());
    std::sort(labels.begin(), labels.end());
    std::string out = "(";
    for (const auto& l : labels) out += ":" + l;
    if (eat('{')) {
      std::string m = map_body('}');
      if (m != "{}") out += " " + m;
    }
    expect(')');
    return out + ")";
  }

  std::string rel() {
    expect('[');
    expect(':');
    std::string out = "[:" + name();
    if (eat('{')) {
      std::string m = map_body('}');
      if (m != "{}") out += " " + m;
    }
    expect(']');
    return out + "]";
  }

  std::string value() {
    space();
    if (pos_ >= s_.size()) fail("empty value");
    char c = s_[pos_];
    if (c == '\'' || c == '"') {
      ++pos_;
      std::string body;
      while (pos_ < s_.size() && s_[pos_] != c) {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
        body += s_[pos_++];
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      ++pos_;
      std::string out = "'";
      for (char ch : body) {
        if (ch == '\'' || ch == '\\') out += '\\';
        out += ch;
      }
      return out + "'";
    }
    if (c == '[' && pos_ + 1 < s_.size() && s_[pos_ + 1] == ':') return rel();
    if (c == '[') {
      ++pos_;
      std::vector<std::string> items;
      if (!eat(']')) {
        do items.push_back(value());
        while (eat(','));
        expect(']');
      }
      if (sort_) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
      return out + "]";
    }
    if (c == '{') {
      ++pos_;
      return map_body('}');
    }
    if (c == '(') return node();
    if (c == '<') {
      ++pos_;
      std::string out = "<" + node();
      while (!eat('>')) {
        bool left = eat("<-");
        if (!left) expect('-');
        std::string r = rel();
        bool right = eat("->");
        if (!right) expect('-');
        out += (left ? "<-" : "-") + r + (right ? "->" : "-") + node();
      }
      return out + ">";
    }
    if (eat("null")) return "null";
    if (eat("true")) return "true";
    if (eat("false")) return "false";
    if (eat("NaN")) return "NaN";
    if (eat("Infinity") || eat("Inf")) return "Infinity";
    if (eat("-Infinity") || eat("-Inf")) return "-Infinity";
    size_t b = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (
        pos_ < s_.size() &&
        (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
         ((s_[pos_] == '-' || s_[pos_] == '+') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')))) {
      if (s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E') is_float = true;
      ++pos_;
    }
    std::string num(s_.substr(b, pos_ - b));
    if (num.empty() || num == "-" || num == "+") fail("unexpected character");
    if (is_float) {
      double d = std::strtod(num.c_str(), nullptr);
      return query::float_text(d == 0 ? 0.0 : d);  // the TCK does not tell -0.0 from 0.0
    }
    return std::to_string(std::strtoll(num.c_str(), nullptr, 10));
  }

  std::string_view s_;
  bool sort_;
  size_t pos_ = 0;
};

inline std::string canonical(std::string_view text, bool sort_lists) {
  return Canonicalizer(text, sort_lists).run();
}

}  // namespace kg::tck
