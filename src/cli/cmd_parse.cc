// casus parse: text, JSONL articles or CoNLL-U in, CoNLL-U out.
// casus eval-syntax: UD-style scores of a system CoNLL-U file against gold.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "casus/reader.h"
#include "casus/syntax.h"
#include "cli/cli.h"
#include "syntax/conllu.h"
#include "syntax/eval.h"
#include "syntax/ud_tokenizer.h"

namespace casus::cli {

namespace {

struct ParseArgs {
  std::vector<std::string> inputs;
  std::string input_format = "auto";
  std::string models;
  std::string out;
  bool no_parse = false;
};

bool EndsWith(const std::string& s, const char* suf) {
  std::string x(suf);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// Fills a CoNLL-U word from an analysis.
void SetWord(const syntax::TokenAnalysis& t, syntax::ConlluWord* w) {
  w->lemma = t.lemma;
  w->upos = std::string(t.upos);
  w->xpos = std::string(t.xpos);
  w->feats = "_";
  w->head = t.head;
  w->deprel = std::string(t.deprel);
  w->deps = "_";
}

class Output {
 public:
  explicit Output(FILE* f) : f_(f) {}
  bool Write(const syntax::ConlluSentence& s) {
    buf_.clear();
    syntax::WriteConllu(s, &buf_);
    return std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
  }

 private:
  FILE* f_;
  std::string buf_;
};

// Tokenizes, analyses and writes one document; returns false on write error.
bool ParseDocument(const std::string& doc_id, const std::string& text, syntax::Worker* worker,
                   Output* out, uint64_t* nsent) {
  std::vector<syntax::UdSentence> sents;
  syntax::UdTokenize(text, &sents);
  std::vector<std::string_view> words;
  std::vector<syntax::TokenAnalysis> analysis;
  for (size_t si = 0; si < sents.size(); ++si) {
    const syntax::UdSentence& us = sents[si];
    syntax::ConlluSentence cs;
    if (si == 0) cs.comments.push_back("# newdoc id = " + doc_id);
    cs.comments.push_back("# sent_id = " + doc_id + "-" + std::to_string(si + 1));
    std::string stext(text.substr(us.start, us.end - us.start));
    for (char& c : stext)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    cs.comments.push_back("# text = " + stext);
    words.clear();
    size_t nwords = 0;
    for (const syntax::UdToken& t : us.tokens) {
      if (t.words.size() > 1) {
        syntax::ConlluExtraLine e;
        e.before = nwords;
        e.multiword = true;
        e.first = static_cast<int>(nwords) + 1;
        e.last = static_cast<int>(nwords + t.words.size());
        e.line = std::to_string(e.first) + "-" + std::to_string(e.last) + "\t" +
                 text.substr(t.start, t.end - t.start) + "\t_\t_\t_\t_\t_\t_\t_\t" +
                 (t.space_after ? "_" : "SpaceAfter=No");
        cs.extra.push_back(std::move(e));
      }
      for (size_t k = 0; k < t.words.size(); ++k, ++nwords) {
        syntax::ConlluWord w;
        w.form = t.words[k];
        if (t.words.size() == 1 && !t.space_after) w.misc = "SpaceAfter=No";
        cs.words.push_back(std::move(w));
      }
    }
    for (const syntax::ConlluWord& w : cs.words) words.push_back(w.form);
    worker->Analyze(std::span<const std::string_view>(words), &analysis);
    for (size_t i = 0; i < cs.words.size(); ++i) SetWord(analysis[i], &cs.words[i]);
    if (!out->Write(cs)) return false;
    ++*nsent;
  }
  return true;
}

int RunParse(const ParseArgs& a) {
  std::string folder = a.models.empty() ? DefaultModelsFolder() : a.models;
  namespace fs = std::filesystem;
  auto loaded = a.no_parse
                    ? syntax::Analyzer::LoadFiles((fs::path(folder) / "tagger.bin").string(), "")
                    : syntax::Analyzer::Load(folder);
  if (!loaded.ok()) {
    std::fprintf(stderr, "casus: %s\n", loaded.status().ToString().c_str());
    return kExitFatal;
  }
  syntax::Worker worker = loaded.value()->NewWorker();
  FILE* outf = stdout;
  if (!a.out.empty() && a.out != "-") {
    outf = std::fopen(a.out.c_str(), "wb");
    if (!outf) {
      std::fprintf(stderr, "casus: cannot write %s\n", a.out.c_str());
      return kExitFatal;
    }
  }
  Output out(outf);
  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) inputs.push_back("-");
  uint64_t skipped = 0, nsent = 0;
  bool fatal = false;
  for (const std::string& in : inputs) {
    std::string fmt = a.input_format;
    if (fmt == "auto") {
      if (EndsWith(in, ".conllu")) fmt = "conllu";
      else if (EndsWith(in, ".jsonl") || EndsWith(in, ".json") || EndsWith(in, ".ndjson"))
        fmt = "jsonl";
      else fmt = "text";
    }
    if (fmt == "conllu") {
      std::vector<syntax::ConlluSentence> sents;
      std::vector<syntax::ConlluProblem> problems;
      Status st = syntax::ReadConlluFile(in, &sents, &problems);
      for (const auto& p : problems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
      skipped += problems.size();
      if (!st.ok()) {
        std::fprintf(stderr, "casus: %s\n", st.message().c_str());
        ++skipped;
        continue;
      }
      std::vector<std::string_view> words;
      std::vector<syntax::TokenAnalysis> analysis;
      for (syntax::ConlluSentence& s : sents) {
        words.clear();
        for (const syntax::ConlluWord& w : s.words) words.push_back(w.form);
        worker.Analyze(std::span<const std::string_view>(words), &analysis);
        for (size_t i = 0; i < s.words.size(); ++i) SetWord(analysis[i], &s.words[i]);
        if (!out.Write(s)) fatal = true;
        ++nsent;
      }
    } else if (fmt == "jsonl") {
      ReaderOptions ropt;
      ropt.default_date = "1970-01-01";  // dates are not needed to parse
      auto reader = ArticleReader::OpenJsonl(in, ropt);
      if (!reader.ok()) {
        std::fprintf(stderr, "casus: %s\n", reader.status().message().c_str());
        ++skipped;
        continue;
      }
      Document doc;
      InputProblem problem;
      while (!fatal) {
        auto n = reader.value()->Read(&doc, &problem);
        if (n == ArticleReader::Next::kEnd) break;
        if (n == ArticleReader::Next::kProblem) {
          std::fprintf(stderr, "casus: %s\n", problem.ToString().c_str());
          ++skipped;
          continue;
        }
        if (!ParseDocument(doc.id, doc.text, &worker, &out, &nsent)) fatal = true;
      }
    } else {
      std::string text;
      FILE* f = in == "-" ? stdin : std::fopen(in.c_str(), "rb");
      if (!f) {
        std::fprintf(stderr, "casus: cannot open %s\n", in.c_str());
        ++skipped;
        continue;
      }
      char buf[1 << 16];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
      if (f != stdin) std::fclose(f);
      std::string id = in == "-" ? "stdin" : fs::path(in).stem().string();
      if (!ParseDocument(id, text, &worker, &out, &nsent)) fatal = true;
    }
    if (fatal) break;
  }
  if (outf != stdout && std::fclose(outf) != 0) fatal = true;
  if (fatal) {
    std::fprintf(stderr, "casus: cannot write the output\n");
    return kExitFatal;
  }
  return skipped > 0 ? kExitSkipped : kExitOk;
}

struct EvalArgs {
  std::string gold, system;
};

int RunEval(const EvalArgs& a) {
  std::vector<syntax::ConlluSentence> gold, sys;
  std::vector<syntax::ConlluProblem> problems;
  Status st = syntax::ReadConlluFile(a.gold, &gold, &problems);
  if (st.ok()) st = syntax::ReadConlluFile(a.system, &sys, &problems);
  for (const auto& p : problems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return kExitFatal;
  }
  syntax::SyntaxScores scores;
  st = syntax::EvaluateSyntax(gold, sys, &scores);
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.message().c_str());
    return kExitFatal;
  }
  std::fputs(scores.ToString().c_str(), stdout);
  return problems.empty() ? kExitOk : kExitSkipped;
}

}  // namespace

void AddParseCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ParseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "parse",
      "Tag, lemmatize and parse text, JSONL articles {\"id\",\"text\",...} or CoNLL-U "
      "(keeping its tokenization) into CoNLL-U on stdout or --out.");
  cmd->add_option("files", args->inputs, "input files; '-' or none reads stdin");
  cmd->add_option("--input-format", args->input_format,
                  "auto (by extension: .conllu, .jsonl, else text), text, jsonl or conllu")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "jsonl", "conllu"}));
  cmd->add_option("--models", args->models,
                  "folder with tagger.bin and parser.bin (default: $CASUS_MODELS, the installed "
                  "or the source tree's models/)");
  cmd->add_option("--out,-o", args->out, "write CoNLL-U to this file");
  cmd->add_flag("--no-parse", args->no_parse, "tag and lemmatize only");
  cmd->callback([args, exit_code] { *exit_code = RunParse(*args); });

  auto eargs = std::make_shared<EvalArgs>();
  CLI::App* ev = app.add_subcommand(
      "eval-syntax",
      "Score a system CoNLL-U file against a gold one, UD style (CoNLL 2018): tokens, "
      "sentences and words aligned by character offsets; UPOS, XPOS, lemmas, UAS, LAS.");
  ev->add_option("gold", eargs->gold, "gold CoNLL-U")->required();
  ev->add_option("system", eargs->system, "system CoNLL-U")->required();
  ev->callback([eargs, exit_code] { *exit_code = RunEval(*eargs); });
}

}  // namespace casus::cli
