// The kg command line: each stage registers its subcommands on the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

namespace kg::cli {

// Exit statuses of every kg command.
enum ExitStatus { kExitOk = 0, kExitUserError = 1, kExitInternalError = 2 };

// A mistake of the user's (bad file, bad flag, bad query): printed as "kg: what", exit status 1.
struct UserError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// import, export, stats (cli/graph_commands.cpp).
void register_graph_commands(CLI::App& app);

// tokenize (cli/tokenize_commands.cpp).
void register_tokenize_commands(CLI::App& app);
// parse (cli/parse_commands.cpp).
void register_parse_commands(CLI::App& app);
// ner (cli/ner_commands.cpp).
void register_ner_commands(CLI::App& app);
// train tagger|lemmatizer|parser|prune-parser|ner|ner-clusters|upgrade-ner
// (cli/train_commands.cpp).
void register_train_commands(CLI::App& app);
// eval-tokenize, eval-conllu, eval-ner, eval-carb, eval-relations (cli/eval_commands.cpp).
void register_eval_commands(CLI::App& app);

// build, extract, why (cli/build_commands.cpp).
void register_build_commands(CLI::App& app);
// query (cli/query_commands.cpp).
void register_query_commands(CLI::App& app);
// shell (cli/shell.cpp).
void register_shell_commands(CLI::App& app);

}  // namespace kg::cli
