// A model's config.json: the recipe it was trained with (recipe.model is the UNet config, for the
// noise schedule too), its training steps, its style names and, in class mode, its classes. No
// torch here: tools list a model's styles and check its config without loading libtorch.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ink/model/unet_config.h"
#include "ink/training/training_recipe.h"

namespace ink {

struct ModelInfo {
  TrainingRecipe recipe;  // recipe.model is the UNet config
  int64_t trained_steps = 0;
  std::vector<std::string> styles;  // style id -> name
  std::u32string classes;           // class mode: label -> character
  // A one-step student: the fingerprint of the weights it was distilled from (LoadedModel's);
  // empty in other models and in students from before it.
  std::string teacher_fingerprint;
  // A one-step student: the retuned styles it was taught, each with its brush's fingerprint
  // (brush_fingerprint); the teacher's other styles it was taught as trained. None in students
  // from before it, which are trusted to know the retunings beside them.
  std::optional<std::map<std::string, std::string>> taught_retunings;
};

std::string model_config_text(const ModelInfo& info);
// Throws InkError "WHERE: ..." for another format or version, or a missing or mistyped field.
ModelInfo parse_model_config(std::string_view text, const std::string& where);
ModelInfo read_model_config(const std::filesystem::path& file);  // at most 16 MiB

// `path` is a model file (model.safetensors, its config.json, or an old model.pt), or a
// directory holding one, or a directory with one subdirectory per mode (stroke/, whole/) from
// which `mode` picks. Returns the weights' file; errors name the path.
std::filesystem::path resolve_model_file(const std::filesystem::path& path, ConditioningMode mode);
// config.json beside the weights' file.
std::filesystem::path config_file_of(const std::filesystem::path& model_file);

}  // namespace ink
