// casus code: articles in, events out (stdout, --out FILE and/or --db FILE).
#include <cstdio>
#include <algorithm>
#include <memory>
#include <thread>

#include "casus/pipeline.h"
#include "casus/syntax.h"
#include "casus/reader.h"
#include "casus/store.h"
#include "casus/writer.h"
#include "cli/cli.h"
#include "syntax/conllu_documents.h"
#include "syntax/conllu.h"
#include "cli/progress.h"

namespace casus::cli {

namespace {

struct CodeArgs {
  std::vector<std::string> inputs;
  std::string dict;
  std::string db;
  std::string out;
  std::string format = "jsonl";
  std::string input_format = "auto";
  std::string date;
  bool strict = false;
  bool quiet = false;
  bool no_require_dyad = false;
  bool no_titles = false;
  size_t max_line_bytes = 8u << 20;
  int batch = 500;
  int threads = 1;
  int dedup_window = 0;
  bool syntax = false;
  std::string models;
};

bool IsJsonlName(const std::string& p) {
  auto ends = [&](const char* s) {
    std::string x(s);
    return p.size() >= x.size() && p.compare(p.size() - x.size(), x.size(), x) == 0;
  };
  return ends(".jsonl") || ends(".json") || ends(".ndjson");
}

int RunCode(const CodeArgs& a) {
  std::vector<DictProblem> problems;
  std::string dict_path = a.dict.empty() ? DefaultDictFolder() : a.dict;
  auto dict = Dictionary::Open(dict_path, &problems);
  for (const DictProblem& p : problems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
  if (!dict.ok()) {
    std::fprintf(stderr, "casus: %s\n", dict.status().ToString().c_str());
    return kExitFatal;
  }
  if (!problems.empty() && a.strict) {
    std::fprintf(stderr, "casus: dictionary has %zu problem(s); --strict stops here\n",
                 problems.size());
    return kExitFatal;
  }
  CodingOptions copt;
  ApplyDictionaryOptions(*dict.value(), &copt);  // .options / PETR_config.ini
  if (a.no_require_dyad) copt.require_dyad = false;
  if (a.no_titles) copt.code_titles = false;
  if (a.syntax || !a.models.empty()) {
    const std::string folder = a.models.empty() ? DefaultModelsFolder() : a.models;
    auto analyzer = syntax::Analyzer::Load(folder);
    if (!analyzer.ok()) {
      std::fprintf(stderr, "casus: --syntax: %s\n", analyzer.status().ToString().c_str());
      return kExitFatal;
    }
    copt.syntax = analyzer.value();
  }
  Pipeline pipeline(dict.value(), copt);
  const int nthreads = std::max(1, a.threads);
  std::vector<Coder> coders;
  for (int i = 0; i < nthreads; ++i) coders.push_back(pipeline.NewCoder());

  auto fmt = ParseOutputFormat(a.format);
  if (!fmt.ok()) {
    std::fprintf(stderr, "casus: %s\n", fmt.status().message().c_str());
    return kExitUsage;
  }
  std::unique_ptr<EventStore> store;
  if (!a.db.empty()) {
    StoreOptions sopt;
    sopt.dedup_window_days = a.dedup_window;
    auto s = EventStore::Open(a.db, sopt);
    if (!s.ok()) {
      std::fprintf(stderr, "casus: %s\n", s.status().ToString().c_str());
      return kExitFatal;
    }
    store = std::move(s).value();
  }
  // Events go to --out, or to stdout unless only --db was asked for.
  FILE* out = nullptr;
  bool close_out = false;
  if (!a.out.empty() && a.out != "-") {
    out = std::fopen(a.out.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "casus: cannot write %s\n", a.out.c_str());
      return kExitFatal;
    }
    close_out = true;
  } else if (a.out == "-" || a.db.empty()) {
    out = stdout;
  }
  std::unique_ptr<EventWriter> writer;
  if (out) writer = std::make_unique<EventWriter>(out, fmt.value());

  ReaderOptions ropt;
  ropt.max_line_bytes = a.max_line_bytes;
  ropt.default_date = a.date;
  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) inputs.push_back("-");

  Progress progress(!a.quiet);
  uint64_t docs = 0, skipped = 0, nevents = 0, nsent = 0;
  bool fatal = false, stop = false;
  int in_batch = 0;
  // Documents are coded in batches: with --threads N each batch is split over
  // N coders (one per thread, sharing the immutable dictionary); output and
  // storage then follow input order.
  struct Item {
    Document doc;
    std::vector<Sentence> sentences;
    std::vector<Event> events;
  };
  std::vector<Item> batch;
  const size_t batch_size = 64 * size_t(nthreads);
  std::string current_file;
  auto flush_batch = [&] {
    if (batch.empty()) return;
    auto work = [&](int t) {
      for (size_t i = t; i < batch.size(); i += nthreads)
        coders[t].Code(batch[i].doc, &batch[i].sentences, &batch[i].events);
    };
    if (nthreads == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (int t = 0; t < nthreads; ++t) pool.emplace_back(work, t);
      for (auto& th : pool) th.join();
    }
    for (Item& it : batch) {
      if (stop) break;
      ++docs;
      nsent += it.sentences.size();
      nevents += it.events.size();
      if (writer) {
        for (const Event& e : it.events) {
          Status st = writer->Write(e);
          if (!st.ok()) {
            std::fprintf(stderr, "casus: %s\n", st.message().c_str());
            fatal = stop = true;
            break;
          }
        }
      }
      if (store && !stop) {
        if (in_batch == 0) {
          Status st = store->Begin();
          if (!st.ok()) {
            std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
            fatal = stop = true;
            break;
          }
        }
        Status st = store->PutDocument(it.doc, it.sentences, it.events);
        if (!st.ok()) {
          std::fprintf(stderr, "casus: %s: document \"%s\" not stored: %s\n",
                       current_file.c_str(), it.doc.id.c_str(), st.ToString().c_str());
          ++skipped;
        }
        if (++in_batch >= a.batch) {
          Status c = store->Commit();
          if (!c.ok()) {
            std::fprintf(stderr, "casus: %s\n", c.ToString().c_str());
            fatal = stop = true;
          }
          in_batch = 0;
        }
      }
    }
    batch.clear();
  };
  for (const std::string& in : inputs) {
    if (stop) break;
    if (a.input_format == "conllu") {
      // Pre-parsed input: the coder takes roles from the given parse.
      std::vector<syntax::ConlluSentence> sents;
      std::vector<syntax::ConlluProblem> cproblems;
      Status rs = syntax::ReadConlluFile(in, &sents, &cproblems);
      if (!rs.ok()) {
        std::fprintf(stderr, "casus: %s\n", rs.message().c_str());
        ++skipped;
        if (a.strict) break;
        continue;
      }
      for (const auto& p : cproblems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
      skipped += cproblems.size();
      std::vector<Document> cdocs;
      std::vector<InputProblem> dproblems;
      syntax::ConlluToDocuments(sents, in, a.date, &cdocs, &dproblems);
      for (const auto& p : dproblems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
      skipped += dproblems.size();
      if (a.strict && (!cproblems.empty() || !dproblems.empty())) {
        stop = true;
        break;
      }
      current_file = in;
      for (Document& d : cdocs) {
        batch.emplace_back();
        batch.back().doc = std::move(d);
        if (batch.size() >= batch_size) flush_batch();
      }
      flush_batch();
      continue;
    }
    bool jsonl = a.input_format == "jsonl" ||
                 (a.input_format == "auto" && (IsJsonlName(in) || in == "-" || a.date.empty()));
    if (a.input_format == "text") jsonl = false;
    auto reader = jsonl ? ArticleReader::OpenJsonl(in, ropt) : ArticleReader::OpenText(in, ropt);
    if (!reader.ok()) {
      std::fprintf(stderr, "casus: %s\n", reader.status().message().c_str());
      ++skipped;
      if (a.strict) break;
      continue;
    }
    current_file = in;
    InputProblem problem;
    while (!stop) {
      batch.emplace_back();
      ArticleReader::Next n = reader.value()->Read(&batch.back().doc, &problem);
      if (n != ArticleReader::Next::kDocument) batch.pop_back();
      if (n == ArticleReader::Next::kEnd) break;
      if (n == ArticleReader::Next::kProblem) {
        progress.Finish();
        std::fprintf(stderr, "casus: %s\n", problem.ToString().c_str());
        ++skipped;
        if (a.strict) {
          flush_batch();  // keep everything read before the bad record
          stop = true;
        }
        continue;
      }
      if (batch.size() >= batch_size) flush_batch();
      progress.Update(reader.value()->bytes_read(), reader.value()->total_bytes(), docs, nevents);
    }
    flush_batch();
  }
  progress.Finish();
  if (store) {
    Status c = store->Commit();
    if (!c.ok()) {
      std::fprintf(stderr, "casus: %s\n", c.ToString().c_str());
      fatal = true;
    }
  }
  if (writer) {
    Status st = writer->Flush();
    if (!st.ok()) {
      std::fprintf(stderr, "casus: %s\n", st.message().c_str());
      fatal = true;
    }
  }
  if (close_out) std::fclose(out);
  if (!a.quiet)
    std::fprintf(stderr, "casus: %llu documents, %llu sentences, %llu events, %llu skipped\n",
                 (unsigned long long)docs, (unsigned long long)nsent,
                 (unsigned long long)nevents, (unsigned long long)skipped);
  if (fatal) return kExitFatal;
  if (docs == 0 && skipped == 0) {
    std::fprintf(stderr, "casus: empty input: no documents\n");
    return kExitSkipped;
  }
  return skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

void AddCodeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "code",
      "Code articles into CAMEO events. Reads JSONL articles "
      "{\"id\",\"date\",\"title\",\"text\",\"source\",\"url\"} (or plain text with --date) from "
      "FILES or stdin; writes one event a line to stdout or --out, and/or stores them with --db.");
  cmd->add_option("files", args->inputs, "input files; '-' or none reads stdin");
  cmd->add_option("--dict", args->dict, "dictionary: a folder of .dict files, a TABARI .project, a PETR_config.ini, or comma-separated TABARI/PETRARCH files (default: the bundled dictionaries)");
  cmd->add_option("--db", args->db, "SQLite database to store documents, sentences and events");
  cmd->add_option("--out,-o", args->out, "write events to this file ('-' for stdout)");
  cmd->add_option("--format,-f", args->format, "output format: jsonl, csv or tsv")
      ->capture_default_str();
  cmd->add_option("--input-format", args->input_format,
                  "auto, jsonl, text, or conllu (pre-parsed: CoNLL-U with \"# newdoc id\", "
                  "\"# date\" and \"# text\" comments; source and target come from its "
                  "dependencies)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "jsonl", "text", "conllu"}));
  cmd->add_option("--date", args->date,
                  "article date YYYY-MM-DD for plain-text input, and the default for JSONL "
                  "records without one");
  cmd->add_flag("--strict", args->strict, "stop at the first bad record (exit 1)");
  cmd->add_flag("--no-require-dyad", args->no_require_dyad,
                "also emit events whose source or target is absent ('---')");
  cmd->add_flag("--no-titles", args->no_titles,
                "do not code article titles (coded by default as headlines, sentence "
                "indexes -1, -2, ...)");
  cmd->add_option("--max-line-bytes", args->max_line_bytes,
                  "skip JSONL lines longer than this")
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "documents per database transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads,-j", args->threads,
                  "coding threads (they share one compiled dictionary)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--dedup-window", args->dedup_window,
                  "days per deduplication window of the store (1 = same day); 0 keeps the "
                  "store's window")
      ->check(CLI::Range(0, 3660));
  cmd->add_flag("--syntax", args->syntax,
                "take source and target from a dependency parse of each sentence with actors "
                "and an event verb (slower; native dictionaries only)");
  cmd->add_option("--models", args->models,
                  "folder of tagger.bin and parser.bin for --syntax (default: the bundled models)");
  cmd->add_flag("--quiet,-q", args->quiet, "no progress bar or summary on stderr");
  cmd->callback([args, exit_code] { *exit_code = RunCode(*args); });
}

}  // namespace casus::cli
