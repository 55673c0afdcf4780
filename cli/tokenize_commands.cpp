// kg tokenize and kg eval-tokenize: run the tokenizer on files, score it against CoNLL-U.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "extract/error.h"
#include "extract/text/text_encoding.h"
#include "eval/tokenize_eval.h"
#include "extract/text/tokenizer.h"

namespace kg::cli {
namespace {

std::string read_file(const std::string& path) {
  if (std::filesystem::is_directory(path)) throw UserError("'" + path + "' is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot open '" + path + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw UserError("cannot read '" + path + "'");
  return std::move(bytes).str();
}

void tokenize_files(const std::vector<std::string>& files, bool offsets) {
  for (const auto& path : files) {
    extract::Document doc;
    doc.name = path;
    try {
      extract::DecodedText decoded = extract::decode_text(read_file(path), path);
      if (decoded.was_latin1) {
        std::cerr << "kg: warning: " << path << " is not UTF-8; read it as Latin-1\n";
      }
      if (decoded.repaired_bytes > 0) {
        std::cerr << "kg: warning: " << path << ": replaced " << decoded.repaired_bytes
                  << " invalid bytes with U+FFFD\n";
      }
      doc.text = std::move(decoded.text);
      extract::tokenize(doc);
    } catch (const extract::ExtractError& e) {
      throw UserError(e.what());
    }
    if (files.size() > 1) std::cout << "# file = " << path << "\n";
    for (const auto& sentence : doc.sentences) {
      bool first = true;
      for (const auto& token : sentence.tokens) {
        if (!first) std::cout << ' ';
        first = false;
        std::cout << token.form;
        if (offsets) std::cout << '/' << token.begin << '-' << token.end;
      }
      std::cout << '\n';
    }
  }
}

void evaluate(const std::string& path, size_t examples) {
  if (std::filesystem::is_directory(path)) throw UserError("'" + path + "' is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot open '" + path + "'");
  extract::TokenizeEvaluation result;
  try {
    result = extract::evaluate_tokenizer(in, examples);
  } catch (const extract::ExtractError& e) {
    throw UserError(path + ": " + e.what());
  }
  for (const auto& example : result.error_examples) std::cout << example << "\n\n";
  auto line = [](const char* name, const extract::SpanScore& s) {
    std::printf("%-10s gold %7zu  system %7zu  matched %7zu  P %6.2f%%  R %6.2f%%  F1 %6.2f%%\n",
                name, s.gold, s.system, s.matched, 100 * s.precision(), 100 * s.recall(),
                100 * s.f1());
  };
  std::printf("%zu documents\n", result.documents);
  line("words", result.words);
  line("sentences", result.sentences);
  if (result.gold_sentences_not_in_text > 0) {
    std::printf("warning: %zu gold sentences whose words do not spell their # text\n",
                result.gold_sentences_not_in_text);
  }
}

}  // namespace

void register_tokenize_commands(CLI::App& app) {
  auto* tokenize = app.add_subcommand("tokenize",
                                      "Print the sentences of text files, one a line, "
                                      "tokens separated by spaces");
  static std::vector<std::string> files;
  static bool offsets = false;
  tokenize->add_option("files", files, "UTF-8 (or Latin-1) text files")->required();
  tokenize->add_flag("--offsets", offsets, "Show each token's byte offsets as form/begin-end");
  tokenize->callback([] { tokenize_files(files, offsets); });

  auto* eval = app.add_subcommand(
      "eval-tokenize",
      "Score the tokenizer on a CoNLL-U file: word and sentence F1 over character spans "
      "(text rebuilt from '# text' lines: sentences joined by spaces, paragraphs by blank lines)");
  static std::string gold;
  static size_t examples = 0;
  eval->add_option("gold", gold, "CoNLL-U file with '# text' lines")->required();
  eval->add_option("--show-errors", examples, "Print up to N sentences tokenized differently");
  eval->callback([] { evaluate(gold, examples); });
}

}  // namespace kg::cli
