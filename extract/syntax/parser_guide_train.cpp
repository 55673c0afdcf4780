#include <atomic>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "extract/syntax/parser_guide.h"

namespace kg::extract {

ParserGuide train_parser_guide(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                               const std::unordered_map<std::string, uint32_t>& clusters,
                               ParserOptions options, int folds, std::ostream* log, bool labeled,
                               bool universal_labels) {
  if (folds < 2) throw std::invalid_argument("a parser guide needs at least 2 folds");
  if (!labeled || universal_labels) {
    auto relabel = [&](std::vector<Sentence> sentences) {
      for (auto& s : sentences)
        for (auto& t : s.tokens)
          if (!labeled && t.deprel != "root")
            t.deprel = "dep";
          else
            t.deprel = t.deprel.substr(0, t.deprel.find(':'));
      return sentences;
    };
    return train_parser_guide(relabel(train), relabel(dev), clusters, options, folds, log);
  }
  options.reverse = true;
  ParserGuide guide;
  guide.train_trees = train;
  std::mutex log_mutex;
  // Jobs 0..folds-1 parse their fold; job `folds` is the guide kept for run time. Each job
  // writes only its own sentences, so the result does not depend on the threads' timing.
  std::atomic<int> next_job{0};
  std::exception_ptr failure;
  auto worker = [&] {
    for (int job = next_job++; job <= folds; job = next_job++) {
      try {
        if (job == folds) {
          guide.parser = Parser::train(train, dev, clusters, options, nullptr);
          if (log && !dev.empty()) {
            const AttachmentScore score = guide.parser.evaluate(dev);
            std::lock_guard lock(log_mutex);
            *log << "guide (right to left): dev UAS " << score.uas() << " LAS " << score.las()
                 << std::endl;
          }
          continue;
        }
        std::vector<Sentence> rest;
        for (size_t i = 0; i < train.size(); ++i)
          if (static_cast<int>(i % folds) != job) rest.push_back(train[i]);
        const Parser fold_parser = Parser::train(rest, {}, clusters, options, nullptr);
        AttachmentScore score;
        for (size_t i = job; i < train.size(); i += folds) {
          fold_parser.parse(guide.train_trees[i]);
          score.add(guide.train_trees[i], train[i]);
        }
        if (log) {
          std::lock_guard lock(log_mutex);
          *log << "guide fold " << job + 1 << "/" << folds << ": UAS " << score.uas() << " LAS "
               << score.las() << std::endl;
        }
      } catch (...) {
        std::lock_guard lock(log_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::thread second(worker);
  worker();
  second.join();
  if (failure) std::rethrow_exception(failure);
  return guide;
}

}  // namespace kg::extract
