// Model files: config.json (the recipe, steps, styles, classes) beside model.safetensors (the
// weights, by parameter name), as diffusers lays out a model. The old single-file model.pt (a
// tagged torch archive) still loads for this release, with a line saying how to convert it.
#include "ink/model/model_file.h"

#include <torch/torch.h>

#include <cstdio>
#include <mutex>
#include <sstream>

#include "base/bytes.h"
#include "base/json_document.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/file_read.h"
#include "ink/base/tensor_file.h"
#include "ink/base/utf8.h"
#include "model/stored_tensors.h"
#include "model/tagged_archive.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink model";
constexpr int64_t kArchiveVersion = 1;  // model.pt, before config.json + model.safetensors

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

LoadedModel load_archive(const std::filesystem::path& file, bool tell) {
  torch::serialize::InputArchive archive = open_tagged_archive(file, kFormat, kArchiveVersion, "model file");
  c10::IValue recipe, steps, styles, classes;
  if (!archive.try_read("recipe", recipe) || !archive.try_read("trained_steps", steps) || !archive.try_read("styles", styles) ||
      !archive.try_read("classes", classes) || !recipe.isString() || !steps.isInt() || !styles.isString() || !classes.isString())
    throw InkError(file.string() + ": model file lacks its recipe, steps, styles or classes");
  LoadedModel loaded;
  loaded.info.recipe = training_recipe_from_json(recipe.toStringRef(), file.string() + " (recipe)");
  loaded.info.trained_steps = steps.toInt();
  std::istringstream names(styles.toStringRef());
  for (std::string line; std::getline(names, line);) loaded.info.styles.push_back(line);
  loaded.info.classes = decode_utf8(classes.toStringRef());
  loaded.unet = UNet(loaded.info.recipe.model);
  try {
    torch::serialize::InputArchive weights;
    archive.read("weights", weights);
    loaded.unet->load(weights);
  } catch (const std::exception& e) {
    throw InkError(file.string() + ": weights do not match the model's config (" + first_line(e.what()) + ")");
  }
  static std::once_flag told;
  if (tell) std::call_once(told, [&] {
    std::fprintf(stderr, "note: %s is the old single-file form; convert it with: ink-train --export %s\n", file.c_str(),
                 file.parent_path().c_str());
  });
  return loaded;
}

}  // namespace

void save_model(const std::filesystem::path& file, const ModelInfo& info, UNetImpl& weights) {
  TensorFileWriter writer;
  for (auto& [name, tensor] : weight_tensors(weights)) writer.add(name, tensor.to(torch::kFloat32));
  // The weights first: a config is only ever beside the weights it describes.
  write_file_atomic(file, writer.encode({{"format", "pt"}}));
  write_file_atomic(config_file_of(file), model_config_text(info));
}

LoadedModel load_model(const std::filesystem::path& path, ConditioningMode mode) {
  const std::filesystem::path file = resolve_model_file(path, mode);
  LoadedModel loaded;
  if (file.extension() == ".pt") {
    loaded = load_archive(file, true);
  } else {
    loaded.info = read_model_config(config_file_of(file));
    if (loaded.info.recipe.model.mode == mode) {
      loaded.unet = UNet(loaded.info.recipe.model);
      const TensorFile weights = read_tensor_file(file);
      copy_weights(weights, *loaded.unet, file, "the config's model");
      loaded.fingerprint = detail::fingerprint_of(weights.data);
    }
  }
  if (loaded.info.recipe.model.mode != mode)
    throw InkError(file.string() + ": a '" + to_string(loaded.info.recipe.model.mode) + "' model, but mode '" +
                   to_string(mode) + "' was asked for");
  loaded.unet->eval();
  return loaded;
}

std::filesystem::path convert_model_archive(const std::filesystem::path& archive) {
  LoadedModel loaded = load_archive(archive, false);
  const std::filesystem::path file = archive.parent_path() / "model.safetensors";
  save_model(file, loaded.info, *loaded.unet);
  return file;
}

}  // namespace ink
