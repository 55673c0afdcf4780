// kg: build knowledge graphs from news articles and query them with openCypher.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"kg: build knowledge graphs from news articles and query them with openCypher"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kg 0.1");
  kg::cli::register_graph_commands(app);
  kg::cli::register_build_commands(app);
  kg::cli::register_tokenize_commands(app);
  kg::cli::register_parse_commands(app);
  kg::cli::register_ner_commands(app);
  kg::cli::register_train_commands(app);
  kg::cli::register_eval_commands(app);
  kg::cli::register_query_commands(app);
  kg::cli::register_shell_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? kg::cli::kExitOk : kg::cli::kExitUserError;
  } catch (const kg::cli::UserError& e) {
    std::cerr << "kg: " << e.what() << "\n";
    return kg::cli::kExitUserError;
  } catch (const std::exception& e) {
    std::cerr << "kg: internal error: " << e.what() << "\n";
    return kg::cli::kExitInternalError;
  }
  return kg::cli::kExitOk;
}
