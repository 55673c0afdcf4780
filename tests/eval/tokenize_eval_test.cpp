#include "eval/tokenize_eval.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "eval/error.h"

namespace {

// A CoNLL-U word line with only ID and FORM filled in.
std::string word(const std::string& id, const std::string& form) {
  return id + "\t" + form + "\t_\t_\t_\t_\t_\t_\t_\t_\n";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("evaluate_tokenizer scores words and sentences over character spans") {
  std::string conllu =
      "# newdoc id = d1\n# newpar id = p1\n# text = I don't know.\n" + word("1", "I") +
      word("2-3", "don't") + word("2", "do") + word("3", "n't") + word("4", "know") +
      word("5", ".") + "\n" + "# text = An e-mail came.\n" + word("1", "An") + word("2", "e") +
      word("3", "-") + word("4", "mail") + word("5", "came") + word("6", ".") +
      "\n# newdoc id = d2\n# text = Hi there\n" + word("1", "Hi") + word("2", "there") + "\n";
  std::istringstream in(conllu);
  auto result = kg::eval::evaluate_tokenizer(in, 10);
  CHECK(result.documents == 2);
  // Gold: 5 + 6 + 2 words; the tokenizer keeps "e-mail" whole, so 5 + 4 + 2.
  CHECK(result.words.gold == 13);
  CHECK(result.words.system == 11);
  CHECK(result.words.matched == 10);
  CHECK(result.words.f1() == doctest::Approx(20.0 / 24.0));
  CHECK(result.sentences.gold == 3);
  CHECK(result.sentences.system == 3);
  CHECK(result.sentences.matched == 3);
  CHECK(result.gold_sentences_not_in_text == 0);
  REQUIRE(result.error_examples.size() == 1);
  CHECK(result.error_examples[0].find("e-mail") != std::string::npos);
}

TEST_CASE("evaluate_tokenizer notices gold words that do not spell the text") {
  std::istringstream in("# text = Hello world\n" + word("1", "Hello") + word("2", "word") + "\n");
  auto result = kg::eval::evaluate_tokenizer(in);
  CHECK(result.gold_sentences_not_in_text == 1);
}

TEST_CASE("evaluate_tokenizer rejects input that is not CoNLL-U") {
  std::istringstream in("# text = x\n1\tx\n\n");
  CHECK_THROWS_AS(kg::eval::evaluate_tokenizer(in), kg::eval::EvalError);
}

TEST_CASE("kg tokenize: Latin-1 is converted with a warning, binary input is a user error") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kg_tokenize_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "latin1.txt", std::ios::binary) << "Caf\xE9 au lait. It costs \xA3"
                                                           "3.";
    std::ofstream(dir / "binary.bin", std::ios::binary) << std::string(
        "\x7F"
        "ELF\0\0\1",
        7);
  }
  auto run = [&](const std::string& args) {
    std::string command = std::string(KG_BINARY) + " tokenize " + args + " >" +
                          (dir / "out.txt").string() + " 2>" + (dir / "err.txt").string();
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  CHECK(run((dir / "latin1.txt").string()) == 0);
  CHECK(slurp(dir / "out.txt") == "Caf\xC3\xA9 au lait .\nIt costs \xC2\xA3 3 .\n");
  CHECK(slurp(dir / "err.txt").find("Latin-1") != std::string::npos);

  CHECK(run((dir / "binary.bin").string()) == 1);
  CHECK(slurp(dir / "err.txt").find("binary") != std::string::npos);
  CHECK(run((dir / "missing.txt").string()) == 1);
  CHECK(run(dir.string()) == 1);  // a directory
  CHECK(slurp(dir / "err.txt").find("directory") != std::string::npos);
  fs::remove_all(dir);
}
