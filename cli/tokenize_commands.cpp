// kg tokenize: the sentences and tokens of text files as the tokenizer sees them.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/io.h"
#include "extract/error.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::cli {
namespace {

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
}

}  // namespace kg::cli
