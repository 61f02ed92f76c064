// Model files: a torch archive tagged "hanzi-ink model", read back with errors naming the file.
#include "ink/model/model_file.h"

#include <torch/torch.h>

#include <sstream>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "model/tagged_archive.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink model";
constexpr int64_t kVersion = 1;

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += n + "\n";
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

void save_model(const std::filesystem::path& file, const ModelInfo& info, UNetImpl& weights) {
  torch::serialize::OutputArchive archive;
  write_archive_tag(archive, kFormat, kVersion);
  archive.write("recipe", c10::IValue(training_recipe_to_json(info.recipe)));
  archive.write("trained_steps", c10::IValue(info.trained_steps));
  archive.write("styles", c10::IValue(join(info.styles)));
  archive.write("classes", c10::IValue(encode_utf8(info.classes)));
  torch::serialize::OutputArchive weights_archive;
  weights.save(weights_archive);
  archive.write("weights", weights_archive);
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_file_atomic(file, bytes.str());
}

std::filesystem::path resolve_model_file(const std::filesystem::path& path, ConditioningMode mode) {
  if (std::filesystem::is_regular_file(path)) return path;
  if (!std::filesystem::is_directory(path)) throw InkError(path.string() + ": no such model file or directory");
  if (std::filesystem::is_regular_file(path / "model.pt")) return path / "model.pt";
  const std::filesystem::path per_mode = path / to_string(mode) / "model.pt";
  if (std::filesystem::is_regular_file(per_mode)) return per_mode;
  throw InkError(path.string() + ": no model.pt, and no " + to_string(mode) + "/model.pt for mode '" + to_string(mode) +
                 "' (train one with ink-train)");
}

LoadedModel load_model(const std::filesystem::path& path, ConditioningMode mode) {
  const std::filesystem::path file = resolve_model_file(path, mode);
  torch::serialize::InputArchive archive = open_tagged_archive(file, kFormat, kVersion, "model file");
  c10::IValue recipe, steps, styles, classes;
  if (!archive.try_read("recipe", recipe) || !archive.try_read("trained_steps", steps) || !archive.try_read("styles", styles) ||
      !archive.try_read("classes", classes))
    throw InkError(file.string() + ": model file lacks its recipe, steps, styles or classes");
  LoadedModel loaded;
  loaded.info.recipe = training_recipe_from_json(recipe.toStringRef(), file.string() + " (recipe)");
  loaded.info.trained_steps = steps.toInt();
  loaded.info.styles = split_lines(styles.toStringRef());
  loaded.info.classes = decode_utf8(classes.toStringRef());
  if (loaded.info.recipe.model.mode != mode)
    throw InkError(file.string() + ": a '" + to_string(loaded.info.recipe.model.mode) + "' model, but mode '" +
                   to_string(mode) + "' was asked for");
  loaded.unet = UNet(loaded.info.recipe.model);
  try {
    torch::serialize::InputArchive weights;
    archive.read("weights", weights);
    loaded.unet->load(weights);
  } catch (const c10::Error& e) {
    throw InkError(file.string() + ": weights do not match the model's config (" + e.what_without_backtrace() + ")");
  }
  loaded.unet->eval();
  return loaded;
}

}  // namespace ink
