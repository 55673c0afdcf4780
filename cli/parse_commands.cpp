// kg parse: tag, lemmatize and parse raw text or the words of a CoNLL-U file.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/io.h"
#include "extract/error.h"
#include "extract/syntax/conllu.h"
#include "extract/syntax/pipeline.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::cli {
namespace {

using extract::ConlluSentence;
using extract::Sentence;

std::vector<ConlluSentence> read_or_fail(const std::string& path) {
  try {
    return extract::read_conllu_file(path);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

extract::Pipeline load_pipeline(const std::string& model_dir) {
  try {
    return extract::Pipeline::load(model_dir.empty() ? extract::default_model_dir() : model_dir,
                                   extract::default_wordnet_dir());
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

// Decodes, tokenizes and annotates raw text files; sentences carry sent_id and text comments.
std::vector<ConlluSentence> parse_raw_files(const std::vector<std::string>& files,
                                            const extract::Pipeline& pipeline) {
  std::vector<ConlluSentence> out;
  for (const auto& path : files) {
    extract::Document doc;
    doc.name = path;
    try {
      doc.text = extract::decode_text(read_file(path), path).text;
      extract::tokenize(doc);
    } catch (const extract::ExtractError& e) {
      throw UserError(e.what());
    }
    size_t n = 0;
    for (auto& sentence : doc.sentences) {
      pipeline.annotate(sentence);
      ConlluSentence c;
      c.comments.push_back("# sent_id = " + path + "-" + std::to_string(++n));
      std::string text = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
      for (char& ch : text)
        if (ch == '\n' || ch == '\r') ch = ' ';
      c.comments.push_back("# text = " + text);
      c.sentence = std::move(sentence);
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace

void register_parse_commands(CLI::App& app) {
  struct ParseArgs {
    std::string conllu_in, output, models;
    std::vector<std::string> files;
  };
  auto pargs = std::make_shared<ParseArgs>();
  auto* parse = app.add_subcommand("parse", "Tag, lemmatize and parse sentences, print CoNLL-U");
  parse->add_option("--conllu-in", pargs->conllu_in, "Re-annotate the words of this CoNLL-U file")
      ->check(CLI::ExistingFile);
  parse->add_option("-o,--output", pargs->output, "Write CoNLL-U here instead of stdout");
  parse->add_option("--models", pargs->models, "Model directory (default $KG_MODELS or models/)");
  parse->add_option("files", pargs->files, "Raw text files");
  parse->callback([pargs] {
    if (pargs->conllu_in.empty() == pargs->files.empty())
      throw UserError("parse: give either --conllu-in FILE or raw text FILES");
    auto pipeline = load_pipeline(pargs->models);
    std::vector<ConlluSentence> sentences;
    if (!pargs->files.empty()) {
      sentences = parse_raw_files(pargs->files, pipeline);
    } else {
      sentences = read_or_fail(pargs->conllu_in);
    }
    for (auto& s : sentences) {
      if (pargs->files.empty()) pipeline.annotate(s.sentence);
      // Features and enhanced dependencies are not predicted: drop the input's, now stale.
      for (auto* column : {&s.feats, &s.deps})
        for (std::string& value : *column) value.assign(1, '_');
    }
    if (pargs->output.empty()) {
      extract::write_conllu(std::cout, sentences);
    } else {
      std::ofstream out(pargs->output);
      if (!out) throw UserError("cannot write " + pargs->output);
      extract::write_conllu(out, sentences);
    }
  });
}

}  // namespace kg::cli
