// A trained model as the writers load it: the EMA weights, the UNet config, the recipe it was
// trained with (for the noise schedule), its style names and, for class mode, its classes.
// Small (no optimizer state), versioned, written atomically. Includes torch.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/model/unet.h"
#include "ink/training/training_recipe.h"

namespace ink {

struct ModelInfo {
  TrainingRecipe recipe;  // recipe.model is the UNet config
  int64_t trained_steps = 0;
  std::vector<std::string> styles;  // style id -> name
  std::u32string classes;           // class mode: label -> character
};

struct LoadedModel {
  ModelInfo info;
  UNet unet{nullptr};  // in eval mode
};

void save_model(const std::filesystem::path& file, const ModelInfo& info, UNetImpl& weights);

// `path` is a model file, or a directory holding model.pt, or a directory with one
// subdirectory per mode (stroke/, whole/) from which `mode` picks. Errors name the path.
LoadedModel load_model(const std::filesystem::path& path, ConditioningMode mode);
std::filesystem::path resolve_model_file(const std::filesystem::path& path, ConditioningMode mode);

}  // namespace ink
