// casus train tagger|parser: trains the syntax models on a UD treebank.
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/cli.h"
#include "syntax/conllu.h"
#include "syntax/model_files.h"
#include "syntax/train.h"

namespace casus::cli {

namespace {

struct TrainArgs {
  std::string what;
  std::string train;
  std::string dev;
  std::string out;
  int epochs = 0;  // 0 = the default of each model
  uint64_t seed = 1;
  int jackknife = 10;
  int tagger_epochs = 0;
  int beam = 1;
};

bool ReadTreebank(const std::string& path, std::vector<syntax::ConlluSentence>* out) {
  std::vector<syntax::ConlluProblem> problems;
  Status st = syntax::ReadConlluFile(path, out, &problems);
  for (const auto& p : problems) std::fprintf(stderr, "casus: %s\n", p.ToString().c_str());
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return false;
  }
  return true;
}

int RunTrain(const TrainArgs& a) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<syntax::ConlluSentence> train, dev;
  if (!ReadTreebank(a.train, &train)) return kExitFatal;
  if (!a.dev.empty() && !ReadTreebank(a.dev, &dev)) return kExitFatal;
  std::fprintf(stderr, "casus: %zu training sentences, %zu dev sentences\n", train.size(),
               dev.size());
  Status st;
  if (a.what == "tagger") {
    syntax::TaggerOptions opt;
    if (a.epochs > 0) opt.epochs = a.epochs;
    opt.seed = a.seed;
    opt.log = stderr;
    syntax::Tagger tagger;
    syntax::Lemmatizer lemmatizer;
    st = syntax::Tagger::Train(train, dev, opt, &tagger);
    if (st.ok()) {
      lemmatizer.Learn(train);
      st = syntax::SaveTaggerModel(a.out, tagger, lemmatizer);
    }
  } else {
    syntax::ParserOptions opt;
    if (a.epochs > 0) opt.epochs = a.epochs;
    opt.beam = a.beam;
    opt.seed = a.seed;
    opt.log = stderr;
    syntax::TaggerOptions topt;
    if (a.tagger_epochs > 0) topt.epochs = a.tagger_epochs;
    topt.seed = a.seed;
    if (a.jackknife > 1) {
      // Train on the tags a tagger predicts for words it has not seen in
      // training (k-fold), so the parser learns to live with tagging errors.
      std::fprintf(stderr, "casus: jackknife tagging in %d folds\n", a.jackknife);
      if (!dev.empty()) st = syntax::TagWithModelTrainedOn(train, &dev, topt);
      if (st.ok()) st = syntax::JackknifeTags(&train, a.jackknife, topt);
    }
    syntax::Parser parser;
    if (st.ok()) st = syntax::Parser::Train(train, dev, opt, &parser);
    if (st.ok()) st = syntax::SaveParserModel(a.out, parser);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "casus: %s\n", st.ToString().c_str());
    return kExitFatal;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "casus: wrote %s in %.1f s\n", a.out.c_str(), secs);
  return kExitOk;
}

}  // namespace

void AddTrainCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Train the part-of-speech tagger (with the lemma lexicon) or the dependency parser on a "
      "CoNLL-U treebank. Deterministic for a given --seed.");
  cmd->add_option("model", args->what, "tagger or parser")
      ->required()
      ->check(CLI::IsMember({"tagger", "parser"}));
  cmd->add_option("--train", args->train, "training treebank (CoNLL-U)")->required();
  cmd->add_option("--dev", args->dev, "development treebank, scored after each epoch");
  cmd->add_option("--out,-o", args->out, "model file to write (models/tagger.bin, models/parser.bin)")
      ->required();
  cmd->add_option("--epochs", args->epochs,
                  "training epochs (default: tagger 15, parser 18; with --dev the epoch with the "
                  "best dev score is kept)");
  cmd->add_option("--seed", args->seed, "random seed")->capture_default_str();
  cmd->add_option("--jackknife", args->jackknife,
                  "parser: train on tags predicted in this many folds (0 = gold tags)")
      ->capture_default_str();
  cmd->add_option("--tagger-epochs", args->tagger_epochs,
                  "parser: epochs of the jackknife taggers (default: as the tagger)");
  cmd->add_option("--beam", args->beam,
                  "parser: beam width; above 1 the parser is trained globally and decodes with a "
                  "beam (format 3; docs/syntax.md gives its accuracy and speed)")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunTrain(*args); });
}

}  // namespace casus::cli
