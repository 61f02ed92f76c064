// The UNet's configuration, with diffusers-like keys, validated on load with messages that
// print the values in conflict. No torch here: tools can read and check a config cheaply.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ink/model/schedule_config.h"

namespace ink {

// What the model is conditioned on (docs/model.md, "The stroke-step sample").
enum class ConditioningMode { stroke, whole, class_label };
std::string to_string(ConditioningMode mode);
ConditioningMode conditioning_mode_from_string(const std::string& text);
// Input channels a mode needs: the noisy target plus its spatial conditions.
int input_channels_for(ConditioningMode mode);

struct UNetConfig {
  ConditioningMode mode = ConditioningMode::stroke;
  int sample_size = 64;
  int in_channels = 4;
  int out_channels = 1;
  std::vector<int> block_out_channels = {32, 64, 128};
  int layers_per_block = 2;
  int norm_num_groups = 8;
  int attention_head_dim = 32;  // self-attention runs in the mid block, at the lowest resolution
  int num_styles = 8;           // style embedding rows (plus one "no style" row for guidance)
  int max_strokes = 64;         // stroke index k and count N embedding rows
  int num_classes = 0;          // class mode: how many class labels
  PredictionType prediction_type = PredictionType::epsilon;

  int time_embed_dim() const { return block_out_channels.front() * 4; }
  void validate() const;  // throws InkError naming the keys and values in conflict
  // The UNet's parameter count, from the config alone (nothing allocated), so a size too big
  // for the machine is refused before torch tries to allocate it.
  int64_t parameter_count() const;
};

// "key A there, B here; ..." for the keys whose values differ; empty when none do.
std::string config_differences(const UNetConfig& there, const UNetConfig& here);

UNetConfig unet_config_from_json(const std::string& json_text, const std::string& where);
std::string unet_config_to_json(const UNetConfig& config);
UNetConfig load_unet_config(const std::filesystem::path& file);

}  // namespace ink
