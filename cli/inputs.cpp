#include "cli/inputs.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>

#include "base/ascii.h"
#include "base/jsonl.h"
#include "base/temporal.h"
#include "cli/commands.h"
#include "cli/io.h"

namespace kg::cli {

namespace {

// What a folder build reads: the extension, lowercased, of an article file.
bool is_article_extension(const std::string& ext) {
  return ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".jsonl";
}

bool is_jsonl(const std::string& path) {
  return base::ascii_lower(std::filesystem::path(path).extension().string()) == ".jsonl";
}

// README, README.md, readme.txt, README.TXT: a folder's description, not an article.
bool is_readme(const std::filesystem::path& path) {
  return base::ascii_lower(path.stem().string()) == "readme";
}

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
        InputDocument doc{id, std::string(json["text"].GetString(), json["text"].GetStringLength()),
                          "", "", ""};
        auto text_member = [&](const char* key) -> std::string {
          if (!json.HasMember(key) || json[key].IsNull()) return "";
          if (!json[key].IsString()) throw UserError(where + ": \"" + key + "\" must be a string");
          return std::string(json[key].GetString(), json[key].GetStringLength());
        };
        doc.source = path;
        doc.title = text_member("title");
        doc.date = text_member("date");
        if (!doc.date.empty()) {
          // A date or a timestamp that starts with one ("2022-04-28T10:00:00Z").
          if (!is_iso_date(doc.date.substr(0, 10)))
            throw UserError(where + ": \"date\" must be YYYY-MM-DD, not \"" + doc.date + "\"");
          doc.date.resize(10);
        }
        out.push_back(std::move(doc));
      });
}

}  // namespace

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  try {
    temporal::parse(temporal::TKind::kDate, s);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<InputSource> list_inputs(const std::vector<std::string>& inputs, std::ostream& log) {
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
      // Articles only: a folder often holds its own graph, notes, query scripts, a README.
      std::vector<std::string> files;
      std::map<std::string, size_t> skipped;  // kind -> how many
      for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec)) {
        if (!entry.is_regular_file()) continue;
        std::string ext = base::ascii_lower(entry.path().extension().string());
        if (is_readme(entry.path()))
          ++skipped["README"];
        else if (!is_article_extension(ext))
          ++skipped[ext.empty() ? "without extension" : ext];
        else
          files.push_back(entry.path().string());
      }
      if (ec) throw UserError(input + ": cannot list folder: " + ec.message());
      std::sort(files.begin(), files.end());
      if (!skipped.empty()) {
        size_t total = 0;
        std::string kinds;
        for (const auto& [kind, n] : skipped) {
          total += n;
          kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
        }
        log << "kg: " << input << ": skipped " << total
            << (total == 1 ? " file that is not an article (" : " files that are not articles (")
            << kinds << "); name " << (total == 1 ? "it" : "them") << " to read "
            << (total == 1 ? "it" : "them") << "\n";
      }
      for (const auto& file : files)
        add_file(file, is_jsonl(file) ? InputSource::Kind::jsonl : InputSource::Kind::file);
      continue;
    }
    add_file(input, is_jsonl(input) ? InputSource::Kind::jsonl : InputSource::Kind::file);
  }
  return sources;
}

std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputDocument> docs;
  for (const auto& source : list_inputs(inputs)) {
    switch (source.kind) {
      case InputSource::Kind::stdin_text:
        docs.push_back(
            {"stdin", std::string(std::istreambuf_iterator<char>(std::cin), {}), "", "", "stdin"});
        break;
      case InputSource::Kind::file:
        docs.push_back({source.path, read_file(source.path), "", "",
                        std::filesystem::path(source.path).parent_path().string()});
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
