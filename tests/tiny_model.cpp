#include "tiny_model.h"

#include <torch/torch.h>

#include "ink/model/model_file.h"

namespace ink::test {

ModelInfo tiny_model_info(ConditioningMode mode, std::vector<std::string> styles) {
  ModelInfo info;
  info.recipe.model.mode = mode;
  info.recipe.model.in_channels = input_channels_for(mode);
  info.recipe.model.sample_size = 16;
  info.recipe.model.block_out_channels = {8, 16};
  info.recipe.model.layers_per_block = 1;
  info.recipe.model.norm_num_groups = 4;
  info.recipe.model.attention_head_dim = 16;
  info.styles = std::move(styles);
  return info;
}

std::filesystem::path save_tiny_model(const std::filesystem::path& dir, ConditioningMode mode, std::vector<std::string> styles,
                                      int seed, int64_t trained_steps) {
  ModelInfo info = tiny_model_info(mode, std::move(styles));
  info.trained_steps = trained_steps;
  save_tiny_model_as(dir / to_string(mode) / "model.safetensors", info, seed);
  return dir;
}

void save_tiny_model_as(const std::filesystem::path& file, const ModelInfo& info, int seed) {
  torch::manual_seed(seed);
  UNet unet(info.recipe.model);
  std::filesystem::create_directories(file.parent_path());
  save_model(file, info, *unet);
}

TrainingRecipe tiny_recipe(const std::filesystem::path& data_dir, int steps) {
  TrainingRecipe r;
  r.model.sample_size = 16;
  r.model.block_out_channels = {8, 16};
  r.model.layers_per_block = 1;
  r.model.norm_num_groups = 4;
  r.model.attention_head_dim = 16;
  r.model.prediction_type = PredictionType::v_prediction;
  r.schedule.prediction_type = PredictionType::v_prediction;
  r.data_dir = data_dir;
  r.eval_every = 0;
  r.batch_size = 4;
  r.steps = steps;
  r.warmup_steps = 2;
  r.checkpoint_every = 1000;
  r.seed = 7;
  return r;
}

}  // namespace ink::test
