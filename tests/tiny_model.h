// A small untrained model for the tests that need one to run (determinism, files, threads),
// not to write well: 16 px, two levels of 8 and 16 channels.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/model/model_config.h"
#include "ink/training/training_recipe.h"

namespace ink::test {

ModelInfo tiny_model_info(ConditioningMode mode, std::vector<std::string> styles = {"hanzi-writer-data"});
// Saves one with weights from `seed` as DIR/MODE/model.safetensors; returns `dir`.
std::filesystem::path save_tiny_model(const std::filesystem::path& dir, ConditioningMode mode,
                                      std::vector<std::string> styles = {"hanzi-writer-data"}, int seed = 3,
                                      int64_t trained_steps = 0);

// Saves a model of `info`'s config with weights from `seed` as `file`, its folder made.
void save_tiny_model_as(const std::filesystem::path& file, const ModelInfo& info, int seed);

// A stroke-mode recipe for that model over the dataset in `data_dir`: batch 4, no eval, a
// checkpoint only at the end, seed 7.
TrainingRecipe tiny_recipe(const std::filesystem::path& data_dir, int steps);

}  // namespace ink::test
