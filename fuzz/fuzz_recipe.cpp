// A training recipe (its UNet config, noise schedule and training settings), as ink-train reads it.
#include <string>

#include "fuzz_main.h"
#include "ink/training/training_recipe.h"

INK_FUZZ_TARGET(ink::training_recipe_from_json(std::string(input), "fuzz/recipe.json"))
