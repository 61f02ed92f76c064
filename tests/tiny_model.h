// A small untrained model for the tests that need one to run (determinism, files, threads),
// not to write well: 16 px, two levels of 8 and 16 channels.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/model/model_config.h"

namespace ink::test {

ModelInfo tiny_model_info(ConditioningMode mode, std::vector<std::string> styles = {"hanzi-writer-data"});
// Saves one with weights from `seed` as DIR/MODE/model.safetensors; returns `dir`.
std::filesystem::path save_tiny_model(const std::filesystem::path& dir, ConditioningMode mode,
                                      std::vector<std::string> styles = {"hanzi-writer-data"}, int seed = 3,
                                      int64_t trained_steps = 0);

}  // namespace ink::test
