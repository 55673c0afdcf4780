// Runs the built kg binary for end-to-end tests.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

struct KgRun {
  int status = -1;
  std::string out, err;
};

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh scratch directory per test binary.
inline std::filesystem::path scratch_dir() {
  static std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("kg_cli_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

// Runs `kg ARGS` through the shell (ARGS already quoted), capturing status, stdout and stderr.
inline KgRun run_kg(const std::string& args, const std::string& stdin_text = "") {
  auto dir = scratch_dir();
  std::string in = (dir / "stdin").string(), out = (dir / "stdout").string(),
              err = (dir / "stderr").string();
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string command = std::string(KG_BINARY) + " " + args + " <" + in + " >" + out + " 2>" + err;
  int raw = std::system(command.c_str());
  KgRun run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.out = read_all(out);
  run.err = read_all(err);
  return run;
}

// The three sample articles, as arguments to kg build.
inline std::string sample_articles() {
  std::string src = KG_SOURCE_DIR;
  return src + "/samples/un-ceasefire-appeal.txt " + src + "/samples/guterres-lavrov-moscow.txt " +
         src + "/samples/griffiths-not-optimistic.txt";
}

inline std::string write_file(const std::string& name, const std::string& text) {
  auto path = (scratch_dir() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
