// kg build, kg extract, kg why: the extraction stage from the command line.
#include <rapidjson/document.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "base/jsonl.h"
#include "cli/commands.h"
#include "cli/graph_lock.h"
#include "cli/inputs.h"
#include "cli/io.h"
#include "cli/progress.h"
#include "cli/reports.h"
#include "extract/error.h"
#include "extract/extractor.h"
#include "extract/facts/clauses.h"
#include "extract/facts/resolve_people.h"
#include "extract/facts/to_graph.h"
#include "extract/resources/paths.h"
#include "extract/syntax/pipeline.h"
#include "graph/articles.h"
#include "graph/value.h"

namespace kg::cli {

namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string graph_path;
  std::vector<std::string> alias_files;
  std::string from_triples;
  std::string format = "jsonl";
  std::string date;  // --date
  bool all = false;
  bool list_inputs = false;
  bool batches = false;
  unsigned threads = 1;
  double lock_timeout = kDefaultLockTimeout;
};

// --date: a calendar date, as a JSONL "date" is checked.
CLI::Validator iso_date_check() {
  return CLI::Validator(
      [](std::string& s) {
        return is_iso_date(s) ? std::string() : "expected a date YYYY-MM-DD, not '" + s + "'";
      },
      "YYYY-MM-DD");
}

extract::Extractor load_extractor(const ExtractArgs& args) {
  try {
    return extract::Extractor::load(extract::default_model_dir(), extract::default_wordnet_dir(),
                                    args.alias_files);
  } catch (const std::exception& e) {
    throw UserError(std::string("cannot load models: ") + e.what());
  }
}

// What the input says of an article beyond its text: a JSONL collection's title and date, its
// source; kg build --date. The date given wins over the text's own dateline.
void describe_input(const InputDocument& input, const extract::ExtractOptions& options,
                    extract::DocumentFacts& doc) {
  if (!input.title.empty()) doc.title = input.title;
  doc.source = input.source;
  const std::string& date = !input.date.empty() ? input.date : options.date;
  if (!date.empty() && date != doc.date) {
    doc.date = date;
    extract::date_facts(doc);
  }
}

// Extracts documents on `threads` threads and hands the results to `consume` in input order,
// so that the output never depends on the thread count. A document that cannot be read (binary
// data, an undecodable encoding) is skipped with one warning line on `log`: one bad file in a
// folder of articles must not stop the build. Returns how many were skipped; throws UserError
// when every document was, unless `some_batch` (one batch of many: the others may be readable).
size_t extract_in_order(const extract::Extractor& extractor, std::vector<InputDocument>& docs,
                        const extract::ExtractOptions& options, unsigned threads,
                        const std::function<void(extract::DocumentFacts&)>& consume,
                        std::ostream& log = std::cerr, bool some_batch = false) {
  const size_t window = 4 * std::max(1u, threads);
  std::vector<std::optional<extract::DocumentFacts>> slots(docs.size());
  std::vector<std::string> errors(docs.size());
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0, consumed = 0;
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= docs.size() || next < consumed + window; });
        if (stop || next >= docs.size()) return;
        i = next++;
      }
      std::optional<extract::DocumentFacts> result;
      std::string error;
      try {
        result = extractor.extract(docs[i].name, docs[i].bytes, options);
      } catch (const std::exception& e) {
        error = e.what();
      }
      std::lock_guard lock(mutex);
      if (error.empty())
        slots[i] = std::move(result);
      else
        errors[i] = error.empty() ? "failed" : error;
      if (!slots[i] && errors[i].empty()) errors[i] = "extraction failed";
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(worker);
  std::string last_error;
  size_t skipped = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::optional<extract::DocumentFacts> result;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slots[i].has_value() || !errors[i].empty(); });
      if (!errors[i].empty()) {
        log << "kg: warning: " << errors[i] << "; skipped\n";
        last_error = errors[i];
        ++skipped;
        docs[i].bytes.clear();
        ++consumed;
        changed.notify_all();
        continue;
      }
      result = std::move(slots[i]);
      slots[i].reset();
      describe_input(docs[i], options, *result);
      docs[i].bytes.clear();
      docs[i].bytes.shrink_to_fit();
      ++consumed;
      changed.notify_all();
    }
    consume(*result);
  }
  for (auto& t : pool) t.join();
  if (skipped > 0 && skipped == docs.size() && !some_batch)
    throw UserError(skipped == 1 ? last_error
                                 : "none of the " + std::to_string(skipped) +
                                       " documents could be read (" + last_error + ")");
  return skipped;
}

// kg build --from-triples: the JSONL kg extract wrote, into the graph.
void add_triples_file(graph::Graph& graph, const std::string& path) {
  std::string text = read_utf8_file(path);
  try {
    extract::add_facts_jsonl(graph, text, path);
  } catch (const base::JsonlError& e) {
    throw UserError(e.what());
  } catch (const extract::ExtractError& e) {
    throw UserError(e.what());
  }
}

void save_build(const graph::Graph& graph, const std::string& path) {
  save_graph_file(graph, path);
  std::cerr << path << ": " << graph.node_count() << " nodes, " << graph.edge_count()
            << " relations\n";
}

void run_build(const ExtractArgs& args) {
  if (!args.from_triples.empty()) {
    GraphLock lock(args.graph_path, args.lock_timeout);  // held from the read to the save
    graph::Graph graph = load_graph_or_new(args.graph_path);
    add_triples_file(graph, args.from_triples);
    resolve_people_across(graph, args.alias_files, std::cerr);
    save_build(graph, args.graph_path);
    return;
  }
  if (args.inputs.empty()) throw UserError("nothing to build: give articles (files, folders, -)");
  // The graph is read first, so that a file kg cannot read stops the build before a long
  // extraction; the lock is taken only once the articles are read, so that one writer's
  // extraction does not make the others wait (it needs no graph). A graph another writer saved
  // in the meantime is read again under the lock.
  FileStamp read = stamp_of(args.graph_path);
  graph::Graph graph = load_graph_or_new(args.graph_path);
  std::vector<extract::DocumentFacts> docs = extract_documents(
      args.inputs, args.threads, args.all, std::cerr, args.alias_files, args.date);
  GraphLock lock(args.graph_path, args.lock_timeout);  // held from the read to the save
  if (stamp_of(args.graph_path) != read) graph = load_graph_or_new(args.graph_path);
  add_documents(graph, docs, std::cerr, args.alias_files);
  save_build(graph, args.graph_path);
}

// kg extract --list-inputs: where the documents come from, one JSON object a line, in the order
// kg build and kg extract read them, so that scripts split the work by kg's own rule.
void print_sources(const std::vector<std::string>& inputs) {
  std::string out;
  for (const auto& source : list_inputs(inputs)) {
    out += "{\"path\":";
    graph::append_json_string(out, source.path);
    out += source.kind == InputSource::Kind::file    ? ",\"kind\":\"file\""
           : source.kind == InputSource::Kind::jsonl ? ",\"kind\":\"jsonl\""
                                                     : ",\"kind\":\"stdin\"";
    out += ",\"bytes\":" + std::to_string(source.bytes) + "}\n";
  }
  std::cout << out << std::flush;
}

// kg extract --batches: many batches for one load of the models (scripts/kg-dask keeps such a
// process per worker thread). Each line of stdin is a JSON array of inputs; the answer is a
// {"kind":"warning","message":...} line per document skipped (the line kg build would print),
// their JSONL, then {"kind":"end"}; or only {"kind":"error","message":...} if the batch failed.
// Flushed after each batch.
void run_batches(const extract::Extractor& extractor, const ExtractArgs& args) {
  extract::ExtractOptions options;
  options.all = args.all;
  options.date = args.date;
  size_t number = 0;
  for (std::string line; std::getline(std::cin, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string out;
    try {
      rapidjson::Document json;
      json.Parse(line.c_str(), line.size());
      std::string where = "stdin:" + std::to_string(number);
      if (json.HasParseError() || !json.IsArray())
        throw UserError(where + ": expected a JSON array of inputs");
      std::vector<std::string> inputs;
      for (const auto& input : json.GetArray()) {
        if (!input.IsString()) throw UserError(where + ": an input is not a string");
        inputs.emplace_back(input.GetString(), input.GetStringLength());
        if (inputs.back() == "-")
          throw UserError(where + ": - cannot be read, stdin holds batches");
      }
      std::vector<InputDocument> docs = read_inputs(inputs);
      std::ostringstream warnings;
      std::string jsonl;
      extract_in_order(
          extractor, docs, options, args.threads,
          [&](extract::DocumentFacts& doc) { jsonl += extract::facts_jsonl(doc); }, warnings, true);
      std::istringstream lines(warnings.str());
      for (std::string warning; std::getline(lines, warning);) {
        out += "{\"kind\":\"warning\",\"message\":";
        graph::append_json_string(out, warning);
        out += "}\n";
      }
      out += jsonl + "{\"kind\":\"end\"}\n";
    } catch (const std::exception& e) {
      out = "{\"kind\":\"error\",\"message\":";
      graph::append_json_string(out, e.what());
      out += "}\n";
    }
    std::cout << out << std::flush;
  }
}

void run_extract(const ExtractArgs& args) {
  std::vector<std::string> inputs =
      args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  if (args.list_inputs) {
    print_sources(inputs);
    return;
  }
  if (args.batches && !args.inputs.empty())
    throw UserError("--batches reads its inputs from stdin, not from arguments");
  extract::Extractor extractor = load_extractor(args);
  if (args.batches) {
    run_batches(extractor, args);
    return;
  }
  if (args.format == "carb") {
    // One sentence per line; every clause triple, arguments as written.
    for (auto& doc : read_inputs(inputs)) {
      size_t start = 0;
      while (start < doc.bytes.size()) {
        size_t end = doc.bytes.find('\n', start);
        if (end == std::string::npos) end = doc.bytes.size();
        std::string line = doc.bytes.substr(start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        extract::Document parsed = extractor.annotate(doc.name, line);
        for (const auto& sentence : parsed.sentences) {
          for (const auto& t : extract::extract_nary(sentence)) {
            if (t.args.size() < 2) continue;
            std::cout << line << '\t' << t.confidence << '\t' << t.relation;
            for (const auto& arg : t.args) std::cout << '\t' << arg;
            std::cout << '\n';
          }
        }
      }
    }
    return;
  }
  std::vector<InputDocument> docs = read_inputs(inputs);
  extract::ExtractOptions options;
  options.all = args.all;
  options.date = args.date;
  extract_in_order(extractor, docs, options, args.threads,
                   [&](extract::DocumentFacts& doc) { std::cout << extract::facts_jsonl(doc); });
  std::cout.flush();
}

void run_why(const std::string& path, const std::string& a, const std::string& b) {
  write_why(load_existing_graph(path), a, b, std::cout);
}

}  // namespace

std::vector<extract::DocumentFacts> extract_documents(const std::vector<std::string>& inputs,
                                                      unsigned threads, bool all, std::ostream& log,
                                                      const std::vector<std::string>& alias_files,
                                                      const std::string& date) {
  std::vector<InputDocument> docs = read_inputs(inputs);
  ExtractArgs args;
  args.alias_files = alias_files;
  extract::Extractor extractor = load_extractor(args);
  extract::ExtractOptions options;
  options.all = all;
  options.date = date;
  Progress progress(docs.size(), "documents", "words");
  options.progress = [&](size_t done, size_t total) {
    progress.partial(static_cast<double>(done) / std::max<size_t>(1, total));
  };
  std::vector<extract::DocumentFacts> out;
  size_t facts = 0;
  size_t skipped = extract_in_order(
      extractor, docs, options, threads,
      [&](extract::DocumentFacts& doc) {
        if (doc.was_latin1) log << "kg: " << doc.name << ": read as Latin-1\n";
        facts += doc.facts.size();
        progress.step(doc.words);
        out.push_back(std::move(doc));
      },
      log);
  log << "extracted " << facts << " facts from " << docs.size() - skipped << " documents ("
      << progress.amount() << " words in " << progress.seconds() << " s)";
  if (skipped > 0) log << "; " << skipped << " skipped, see the warnings above";
  log << "\n";
  return out;
}

void add_documents(graph::Graph& graph, const std::vector<extract::DocumentFacts>& docs,
                   std::ostream& log, const std::vector<std::string>& alias_files) {
  graph::Articles articles(graph);
  size_t known = 0;
  for (const auto& doc : docs)
    if (!extract::add_to_graph(graph, articles, doc)) ++known;
  if (known > 0)
    log << known << (known == 1 ? " article was" : " articles were")
        << " in the graph already (same text), not added again\n";
  resolve_people_across(graph, alias_files, log);
}

void extract_into_graph(graph::Graph& graph, const std::vector<std::string>& inputs,
                        unsigned threads, bool all, std::ostream& log,
                        const std::vector<std::string>& alias_files) {
  add_documents(graph, extract_documents(inputs, threads, all, log, alias_files), log, alias_files);
}

void resolve_people_across(graph::Graph& graph, const std::vector<std::string>& alias_files,
                           std::ostream& log) {
  size_t merged = extract::resolve_people(
      graph, extract::NameTables::load(extract::default_model_dir(), alias_files));
  if (merged > 0)
    log << "resolved " << merged
        << " names across articles (surname-only people, names typed twice)\n";
}

void write_why(const graph::Graph& graph, const std::string& a, const std::string& b,
               std::ostream& out) {
  const auto& from = graph.find(a);
  const auto& to = graph.find(b);
  if (from.empty()) throw UserError("no entity called \"" + a + "\"");
  if (to.empty()) throw UserError("no entity called \"" + b + "\"");
  const graph::Store& store = graph.store();
  size_t shown = 0;
  for (graph::VertexId v : from) {
    for (auto [it, end] = boost::out_edges(v, store); it != end; ++it) {
      graph::VertexId w = boost::target(*it, store);
      bool forward = std::find(to.begin(), to.end(), w) != to.end();
      if (!forward) continue;
      const graph::Edge& edge = store[*it];
      out << store[v].name << " -[" << graph.relation(*it) << "]-> " << store[w].name << "\n";
      for (const auto& ev : edge.evidence) {
        out << "  " << graph.documents()[ev.document] << " #" << ev.sentence << " ("
            << ev.confidence << (ev.negated ? ", negated" : "");
        if (ev.modality) out << ", " << graph.str(ev.modality);
        if (ev.attribution) out << ", according to " << graph.str(ev.attribution);
        if (ev.time) out << ", " << graph.str(ev.time);
        out << "): " << graph.text(ev.text) << "\n";
      }
      ++shown;
    }
  }
  if (shown == 0) out << "no relation from " << a << " to " << b << "\n";
}

void register_build_commands(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  auto* build = app.add_subcommand("build", "Extract a knowledge graph from news articles");
  build->add_option("inputs", args->inputs,
                    "Text files, folders, - for stdin, or .jsonl with id and text per line");
  build->add_option("-g,--graph", args->graph_path, "Graph file to create or extend")->required();
  build->add_flag("--all", args->all,
                  "Keep every clause triple (noun phrases become Concept nodes)");
  build->add_option("--aliases", args->alias_files, "TSV of name<TAB>canonical name to merge");
  build->add_option("--threads", args->threads, "Extraction threads")->check(CLI::Range(1, 64));
  build->add_option("--from-triples", args->from_triples,
                    "Build from the JSONL that kg extract wrote instead of from text");
  build
      ->add_option("--date", args->date,
                   "Date (YYYY-MM-DD) of the articles whose input gives none (a JSONL \"date\" "
                   "wins; it wins over a dateline)")
      ->check(iso_date_check());
  build->add_option("--lock-timeout", args->lock_timeout,
                    "Seconds to wait while another command writes the graph");
  build->callback([args] { run_build(*args); });

  auto* extract = app.add_subcommand("extract", "Stream extracted triples as JSONL (no graph)");
  extract->add_option("inputs", args->inputs, "Text files, folders, - (default) or .jsonl");
  extract->add_option("--format", args->format, "jsonl, or carb for one sentence per line")
      ->check(CLI::IsMember({"jsonl", "carb"}));
  extract->add_flag("--all", args->all, "Keep every clause triple");
  extract->add_option("--aliases", args->alias_files, "TSV of name<TAB>canonical name to merge");
  extract->add_option("--threads", args->threads, "Extraction threads")->check(CLI::Range(1, 64));
  extract->add_option("--date", args->date, "Date (YYYY-MM-DD) of articles whose input gives none")
      ->check(iso_date_check());
  extract->add_flag("--list-inputs", args->list_inputs,
                    "Print the files that would be read, in order, as JSONL (path, kind, bytes)");
  extract->add_flag("--batches", args->batches,
                    "Read batches of inputs from stdin, one JSON array a line; after each, its "
                    "JSONL and {\"kind\":\"end\"} (models load once)");
  extract->callback([args] { run_extract(*args); });

  auto why_args = std::make_shared<std::array<std::string, 3>>();
  auto* why = app.add_subcommand("why", "Print the sentences behind the relations from A to B");
  why->add_option("graph", (*why_args)[0], "Graph file")->required();
  why->add_option("from", (*why_args)[1], "Entity name or alias")->required();
  why->add_option("to", (*why_args)[2], "Entity name or alias")->required();
  why->callback([why_args] { run_why((*why_args)[0], (*why_args)[1], (*why_args)[2]); });
}

}  // namespace kg::cli
