#include "extract/syntax/conllu.h"

#include <fstream>
#include <istream>
#include <ostream>
#include <stdexcept>

namespace kg::extract {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cols;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

const std::string& or_blank(const std::string& s) {
  static const std::string underscore = "_";
  return s.empty() ? underscore : s;
}

}  // namespace

std::vector<ConlluSentence> read_conllu(std::istream& in, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence current;
  bool open = false;
  std::string line;
  size_t line_no = 0;
  auto fail = [&](const std::string& what) {
    throw std::runtime_error(name + ":" + std::to_string(line_no) + ": " + what);
  };
  auto finish = [&]() {
    if (open && !current.sentence.tokens.empty()) out.push_back(std::move(current));
    current = ConlluSentence();
    open = false;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      finish();
      continue;
    }
    open = true;
    if (line[0] == '#') {
      current.comments.push_back(line);
      continue;
    }
    std::vector<std::string> cols = split_tabs(line);
    if (cols.size() != 10)
      fail("expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    const std::string& id = cols[0];
    if (id.find('-') != std::string::npos) {
      current.multiword_lines.emplace_back(static_cast<int>(current.sentence.tokens.size()) + 1,
                                           line);
      continue;
    }
    if (id.find('.') != std::string::npos) {
      current.empty_node_lines.push_back(line);
      current.empty_node_after.push_back(static_cast<int>(current.sentence.tokens.size()));
      continue;
    }
    if (!all_digits(id) || std::stoul(id) != current.sentence.tokens.size() + 1)
      fail("word id '" + id + "' out of sequence");
    Token tok;
    tok.form = cols[1];
    tok.lemma = cols[2] == "_" && cols[1] != "_" ? "" : cols[2];
    tok.upos = cols[3] == "_" ? "" : cols[3];
    tok.xpos = cols[4] == "_" ? "" : cols[4];
    if (cols[6] == "_") {
      tok.head = -1;
    } else {
      if (!all_digits(cols[6]) || cols[6].size() > 6) fail("bad head '" + cols[6] + "'");
      tok.head = std::stoi(cols[6]);
    }
    tok.deprel = cols[7] == "_" ? "" : cols[7];
    tok.space_after = cols[9].find("SpaceAfter=No") == std::string::npos;
    current.sentence.tokens.push_back(std::move(tok));
    current.feats.push_back(cols[5]);
    current.deps.push_back(cols[8]);
    current.misc.push_back(cols[9]);
  }
  finish();
  for (auto& s : out) {
    int n = static_cast<int>(s.sentence.tokens.size());
    for (auto& t : s.sentence.tokens)
      if (t.head > n) throw std::runtime_error(name + ": head beyond sentence length");
  }
  return out;
}

std::vector<ConlluSentence> read_conllu_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return read_conllu(in, path);
}

void write_conllu(std::ostream& out, const std::vector<ConlluSentence>& sentences) {
  for (const ConlluSentence& s : sentences) {
    for (const auto& c : s.comments) out << c << '\n';
    size_t mwt = 0, empty = 0;
    const auto& toks = s.sentence.tokens;
    for (size_t i = 0; i < toks.size(); ++i) {
      while (mwt < s.multiword_lines.size() &&
             s.multiword_lines[mwt].first == static_cast<int>(i) + 1)
        out << s.multiword_lines[mwt++].second << '\n';
      const Token& t = toks[i];
      auto col = [&](const std::vector<std::string>& v) -> const std::string& {
        static const std::string underscore = "_";
        return i < v.size() ? v[i] : underscore;
      };
      std::string misc = col(s.misc);
      if (i >= s.misc.size()) misc = t.space_after ? "_" : "SpaceAfter=No";
      out << i + 1 << '\t' << or_blank(t.form) << '\t' << or_blank(t.lemma) << '\t'
          << or_blank(t.upos) << '\t' << or_blank(t.xpos) << '\t' << col(s.feats) << '\t';
      if (t.head < 0)
        out << '_';
      else
        out << t.head;
      out << '\t' << or_blank(t.deprel) << '\t' << col(s.deps) << '\t' << misc << '\n';
      while (empty < s.empty_node_lines.size() &&
             s.empty_node_after[empty] == static_cast<int>(i) + 1)
        out << s.empty_node_lines[empty++] << '\n';
    }
    out << '\n';
  }
}

}  // namespace kg::extract
