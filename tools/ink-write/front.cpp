// ink-write: the front. It answers --help, --list-styles (from the model's config.json and its
// learnt hands' files) and every mistake in the arguments without loading libtorch, then sets
// the OpenMP wait policy and becomes ink-write-model (execv, same arguments): libtorch loads
// once, with the policy already in its environment, instead of loading, restarting and loading
// again.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "cli/write_request.h"
#include "ink/base/error.h"
#include "ink/model/model_config.h"
#include "ink/styles/learned_style.h"

int main(int argc, char** argv) {
  using namespace ink;
  if (cli::asked_for_help(argc, argv, std::string(cli::kWriteUsage) + cli::kWriterUsage)) return 0;
  return cli::run_tool("ink-write", [&] {
    cli::Args args(argc, argv, 1);
    const cli::WriteRequest request = cli::parse_write_request(args);
    if (request.list_styles) {
      const std::filesystem::path file = resolve_model_file(request.model_dir, request.mode);
      const ModelInfo info = file.extension() == ".safetensors" ? read_model_config(config_file_of(file)) : ModelInfo{};
      // An old model.pt, or a model of another mode, is the model half's to read or refuse.
      if (file.extension() == ".safetensors" && info.recipe.model.mode == request.mode) {
        const auto names = request.mode == ConditioningMode::class_label ? info.styles : listed_style_names(info.styles, file);
        for (const std::string& name : names) std::printf("%s\n", name.c_str());
        return 0;
      }
    }
    // Passive waiting: spinning OpenMP threads starve everything else on a busy machine
    // (torch_runtime.h); libgomp reads the variable once, as libtorch loads.
    if (std::getenv("OMP_WAIT_POLICY") == nullptr) ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    const std::filesystem::path model_half = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "ink-write-model";
    std::fflush(nullptr);
    ::execv(model_half.c_str(), argv);
    throw InkError("cannot start " + model_half.string() + ": " + std::strerror(errno));
  });
}
