// kg ner: the entities of a text, or a CoNLL file labelled with them.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "extract/entities/ner.h"
#include "extract/entities/ner_conll.h"
#include "extract/error.h"
#include "extract/resources/paths.h"
#include "extract/text/dates.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::cli {
namespace {

using extract::ConllDocument;

std::vector<ConllDocument> read_conll_or_fail(const std::string& path) {
  try {
    return extract::read_conll(path);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

extract::EntityRecognizer load_recognizer(const std::string& dir) {
  try {
    return extract::EntityRecognizer::load(dir);
  } catch (const std::runtime_error& e) {
    throw UserError(std::string("cannot load the NER model: ") + e.what());
  }
}

}  // namespace

void register_ner_commands(CLI::App& app) {
  auto* ner = app.add_subcommand("ner", "Find named entities in a text or a CoNLL file");
  auto input = std::make_shared<std::string>();
  auto conll = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto models = std::make_shared<std::string>(extract::default_model_dir());
  ner->add_option("file", *input, "Raw UTF-8 text file");
  ner->add_option("--conll", *conll, "CoNLL column file: adds a predicted tag column");
  ner->add_option("-o,--output", *output, "Output file (default: standard output)");
  ner->add_option("--models", *models, "Model directory");
  auto date = std::make_shared<std::string>();
  ner->add_option("--date", *date,
                  "The article's date (YYYY-MM-DD) for resolving 'on Tuesday', 'last week'... "
                  "(default: its dateline)");
  ner->callback([=] {
    if (input->empty() == conll->empty())
      throw UserError("give either a text file or --conll FILE");
    std::ofstream file;
    if (!output->empty()) {
      file.open(*output);
      if (!file) throw UserError("cannot write " + *output);
    }
    std::ostream& out = output->empty() ? std::cout : file;
    extract::EntityRecognizer recognizer = load_recognizer(*models);
    if (!conll->empty()) {
      for (const ConllDocument& doc : read_conll_or_fail(*conll)) {
        std::vector<std::vector<std::string>> sentences;
        for (const auto& s : doc.sentences) {
          sentences.emplace_back();
          for (const auto& line : s) sentences.back().push_back(line.form);
        }
        auto tags = recognizer.tag(sentences);
        out << "-DOCSTART- -X- -X- O\n\n";
        for (size_t s = 0; s < doc.sentences.size(); ++s) {
          for (size_t i = 0; i < doc.sentences[s].size(); ++i) {
            const auto& line = doc.sentences[s][i];
            out << line.form;
            for (const auto& c : line.columns) out << ' ' << c;
            out << ' ' << tags[s][i] << '\n';
          }
          out << '\n';
        }
      }
      return;
    }
    extract::Document doc;
    doc.name = *input;
    try {
      doc.text = extract::decode_text(read_file(*input), *input).text;
    } catch (const extract::ExtractError& e) {
      throw UserError(e.what());
    }
    extract::tokenize(doc);
    for (const extract::Entity& e : recognizer.recognize(doc)) {
      out << e.begin << '\t' << e.end << '\t' << e.type << '\t' << e.text;
      if (!e.role.empty()) out << "\trole=" << e.role;
      if (!e.role_of.empty()) out << "\trole_of=" << e.role_of;
      out << '\n';
    }
    // Time expressions, resolved against the article's date (--date, else its dateline).
    std::string reference = date->empty() ? extract::dateline_date(doc.text) : *date;
    for (const auto& d : extract::find_dates(doc.text, reference))
      out << d.begin << '\t' << d.end << "\tDATE\t" << doc.text.substr(d.begin, d.end - d.begin)
          << '\t' << d.value << '\n';
  });
}

}  // namespace kg::cli
