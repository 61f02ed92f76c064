// The datasets a recipe names, built on first use into build/datasets/ and reused afterwards
// while the stroke data they came from is unchanged.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ink/training/training_recipe.h"

namespace ink::train_tool {

struct Datasets {
  std::filesystem::path train_dir;
  std::filesystem::path eval_dir;  // empty: no eval
  std::vector<std::string> styles;  // the training set's style names, by style id
};

// `data`: --data (a stroke pack or JSON directory); default strokes/hanzi.inkpack.
Datasets prepare_datasets(const TrainingRecipe& recipe, const std::optional<std::string>& data);

}  // namespace ink::train_tool
