// casus: news in, political events out.  `casus --help` lists the commands.
#include <unistd.h>

#include <filesystem>

#include "cli/cli.h"

namespace casus::cli {

std::string DataFolder(const char* env_var, const char* share_name,
                       const std::string& source_tree) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv(env_var); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "casus" / share_name;
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return source_tree;
}

std::string DefaultDictFolder() { return DataFolder("CASUS_DICT", "dict", CASUS_DEFAULT_DICT); }

std::string DefaultModelsFolder() {
  namespace fs = std::filesystem;
  return DataFolder("CASUS_MODELS", "models",
                    (fs::path(CASUS_DEFAULT_DICT).parent_path().parent_path() / "models").string());
}

}  // namespace casus::cli

int main(int argc, char** argv) {
  CLI::App app{"casus " CASUS_VERSION ": codes news articles into CAMEO political events"};
  app.require_subcommand(1);
  app.set_version_flag("--version", CASUS_VERSION);
  int exit_code = casus::cli::kExitOk;
  casus::cli::AddCodeCommand(app, &exit_code);
  casus::cli::AddStatsCommand(app, &exit_code);
  casus::cli::AddDictCommand(app, &exit_code);
  casus::cli::AddValidateCommand(app, &exit_code);
  casus::cli::AddQueryCommand(app, &exit_code);
  casus::cli::AddExportCommand(app, &exit_code);
  casus::cli::AddServeCommand(app, &exit_code);
  casus::cli::AddDedupCommand(app, &exit_code);
  casus::cli::AddTrainCommand(app, &exit_code);
  casus::cli::AddParseCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : casus::cli::kExitUsage;
  }
  return exit_code;
}
