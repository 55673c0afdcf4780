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

std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputDocument> docs;
  for (const auto& input : inputs) {
    if (input == "-") {
      docs.push_back({"stdin", std::string(std::istreambuf_iterator<char>(std::cin), {})});
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec))
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      if (ec) throw UserError(input + ": cannot list folder: " + ec.message());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) docs.push_back({file, read_file(file)});
      continue;
    }
    std::string bytes = read_file(input);
    if (input.size() > 6 && input.compare(input.size() - 6, 6, ".jsonl") == 0) {
      try {
        read_jsonl(input, bytes, docs);
      } catch (const base::JsonlError& e) {
        throw UserError(e.what());
      }
    } else {
      docs.push_back({input, std::move(bytes)});
    }
  }
  return docs;
}

}  // namespace kg::cli
