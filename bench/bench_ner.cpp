// Entity recognizer throughput on one core: tokens per second over CoNLL-2003 eng.testa
// (or another CoNLL file given as the first argument). Model loading is not timed.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "extract/entities/ner.h"
#include "extract/entities/ner_conll.h"
#include "extract/resources/paths.h"

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
    double best = 1e30, best_cpu = 1e30;
    size_t entities = 0;
    for (int r = 0; r < std::max(1, rounds); ++r) {
      auto start = std::chrono::steady_clock::now();
      timespec cpu_start{}, cpu_end{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_start);
      entities = 0;
      for (const auto& doc : inputs)
        for (const auto& tags : recognizer.tag(doc))
          for (const auto& t : tags) entities += t[0] == 'B';
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_end);
      best_cpu = std::min(best_cpu, (cpu_end.tv_sec - cpu_start.tv_sec) +
                                        1e-9 * (cpu_end.tv_nsec - cpu_start.tv_nsec));
      best = std::min(
          best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::cout << "bench_ner: " << tokens << " tokens, " << entities << " entities, best of "
              << rounds << ": " << best << " s, " << static_cast<long>(tokens / best)
              << " tokens/s wall clock; thread CPU time " << best_cpu << " s, "
              << static_cast<long>(tokens / best_cpu) << " tokens/s per core\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_ner: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
