#include "cli/inputs.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "base/jsonl.h"
#include "cli/commands.h"
#include "cli/io.h"

namespace kg::cli {

namespace {

void read_jsonl(const std::string& path, const std::string& text, std::vector<InputDocument>& out) {
  base::for_each_json_line(
      path, text, [&](const rapidjson::Document& json, const std::string& where) {
        if (!json.IsObject() || !json.HasMember("text") || !json["text"].IsString())
          throw UserError(where + ": expected an object with a string \"text\"");
        std::string id = where;
        if (json.HasMember("id")) {
          const auto& v = json["id"];
          if (v.IsString())
            id = v.GetString();
          else if (v.IsInt64())
            id = std::to_string(v.GetInt64());
        }
        out.push_back({id, std::string(json["text"].GetString(), json["text"].GetStringLength())});
      });
}

}  // namespace

std::vector<InputSource> list_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputSource> sources;
  auto add_file = [&](const std::string& path, InputSource::Kind kind) {
    std::error_code ec;
    uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (ec) {
      // A pipe (kg build <(...)) has no size but reads as well as a file.
      std::error_code missing;
      if (!std::filesystem::exists(path, missing))
        throw UserError(path + ": cannot open: " + ec.message());
      bytes = 0;
    }
    sources.push_back({path, kind, bytes});
  };
  for (const auto& input : inputs) {
    if (input == "-") {
      sources.push_back({input, InputSource::Kind::stdin_text, 0});
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      // Every regular file below, whatever its name (a .jsonl inside a folder is text), sorted
      // by path bytes.
      std::vector<std::string> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec))
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      if (ec) throw UserError(input + ": cannot list folder: " + ec.message());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) add_file(file, InputSource::Kind::file);
      continue;
    }
    bool jsonl = input.size() > 6 && input.compare(input.size() - 6, 6, ".jsonl") == 0;
    add_file(input, jsonl ? InputSource::Kind::jsonl : InputSource::Kind::file);
  }
  return sources;
}

std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputDocument> docs;
  for (const auto& source : list_inputs(inputs)) {
    switch (source.kind) {
      case InputSource::Kind::stdin_text:
        docs.push_back({"stdin", std::string(std::istreambuf_iterator<char>(std::cin), {})});
        break;
      case InputSource::Kind::file:
        docs.push_back({source.path, read_file(source.path)});
        break;
      case InputSource::Kind::jsonl:
        try {
          read_jsonl(source.path, read_file(source.path), docs);
        } catch (const base::JsonlError& e) {
          throw UserError(e.what());
        }
        break;
    }
  }
  return docs;
}

}  // namespace kg::cli
