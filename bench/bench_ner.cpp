// Entity recognizer throughput on one core: tokens per second over CoNLL-2003 eng.testa
// (or another CoNLL file given as the first argument). Model loading is not timed.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "extract/ner.h"
#include "extract/ner_conll.h"

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : KG_SOURCE_DIR "/../shared/data/conll03/eng.testa";
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  if (!std::filesystem::exists(path)) {
    std::cerr << "bench_ner: " << path << " not found (needs ../shared); skipped\n";
    return 0;
  }
  try {
    auto docs = kg::extract::read_conll(path);
    auto recognizer = kg::extract::EntityRecognizer::load(kg::extract::default_model_dir());
    std::vector<std::vector<std::vector<std::string>>> inputs;
    size_t tokens = 0;
    for (const auto& doc : docs) {
      inputs.emplace_back();
      for (const auto& s : doc.sentences) {
        inputs.back().emplace_back();
        for (const auto& line : s) inputs.back().back().push_back(line.form);
        tokens += s.size();
      }
    }
    double best = 1e30;
    size_t entities = 0;
    for (int r = 0; r < std::max(1, rounds); ++r) {
      auto start = std::chrono::steady_clock::now();
      entities = 0;
      for (const auto& doc : inputs)
        for (const auto& tags : recognizer.tag(doc))
          for (const auto& t : tags) entities += t[0] == 'B';
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                                .count());
    }
    std::cout << "bench_ner: " << tokens << " tokens, " << entities << " entities, best of "
              << rounds << ": " << best << " s, " << static_cast<long>(tokens / best)
              << " tokens/s (one thread)\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_ner: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
