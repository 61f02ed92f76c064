// A trained model as the writers load it: the EMA weights, the UNet config, the recipe it was
// trained with (for the noise schedule), its style names and, for class mode, its classes.
// Stored as diffusers stores a model: model.safetensors (the weights by parameter name, read by
// a bounded parser, never executed) beside config.json (everything else). Small (no optimizer
// state), versioned, each file written atomically. Includes torch.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/model/model_config.h"
#include "ink/model/unet.h"
#include "ink/training/training_recipe.h"

namespace ink {

struct LoadedModel {
  ModelInfo info;
  UNet unet{nullptr};  // in eval mode
  // 16 hex digits hashed from the weights' bytes as stored: which weights a learnt hand's row
  // belongs to, where a model trained again has the same steps and shape. Empty for a model.pt.
  std::string fingerprint;
};

// `file` is the weights' path (…/model.safetensors); config.json is written beside it.
void save_model(const std::filesystem::path& file, const ModelInfo& info, UNetImpl& weights);

// `path` as resolve_model_file (model_config.h) takes it. Errors name the path. An old model.pt
// loads with a note saying how to convert it (ink-train --export).
LoadedModel load_model(const std::filesystem::path& path, ConditioningMode mode);
std::filesystem::path resolve_model_file(const std::filesystem::path& path, ConditioningMode mode);

// Writes an old model.pt's weights and config in the new form beside it; returns the new
// model.safetensors. The archive is left in place (the new files are found first).
std::filesystem::path convert_model_archive(const std::filesystem::path& archive);

}  // namespace ink
