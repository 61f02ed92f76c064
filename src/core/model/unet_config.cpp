// UNetConfig: JSON in and out, and the checks that keep a bad config from reaching torch.
#include "ink/model/unet_config.h"

#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {

std::string to_string(ConditioningMode mode) {
  switch (mode) {
    case ConditioningMode::stroke: return "stroke";
    case ConditioningMode::whole: return "whole";
    case ConditioningMode::class_label: return "class";
  }
  return "?";
}

ConditioningMode conditioning_mode_from_string(const std::string& text) {
  for (auto m : {ConditioningMode::stroke, ConditioningMode::whole, ConditioningMode::class_label})
    if (to_string(m) == text) return m;
  throw InkError("mode '" + text + "' unknown (expected stroke, whole or class)");
}

int input_channels_for(ConditioningMode mode) {
  switch (mode) {
    case ConditioningMode::stroke: return 4;  // noisy stroke, canvas, skeleton, future skeletons
    case ConditioningMode::whole: return 2;   // noisy glyph, ordered skeletons
    case ConditioningMode::class_label: return 1;
  }
  return 1;
}

void UNetConfig::validate() const {
  auto fail = [](const std::string& what) { throw InkError("UNet config: " + what); };
  if (in_channels != input_channels_for(mode))
    fail("in_channels " + std::to_string(in_channels) + " does not match mode '" + to_string(mode) + "', which needs " +
         std::to_string(input_channels_for(mode)));
  if (out_channels < 1) fail("out_channels must be at least 1, got " + std::to_string(out_channels));
  if (block_out_channels.empty() || block_out_channels.size() > 6)
    fail("block_out_channels needs 1 to 6 levels, got " + std::to_string(block_out_channels.size()));
  if (layers_per_block < 1 || layers_per_block > 8) fail("layers_per_block " + std::to_string(layers_per_block) + " out of range (1..8)");
  if (norm_num_groups < 1) fail("norm_num_groups must be positive, got " + std::to_string(norm_num_groups));
  for (int c : block_out_channels) {
    if (c < 1 || c % norm_num_groups != 0)
      fail("block_out_channels entry " + std::to_string(c) + " is not a positive multiple of norm_num_groups " +
           std::to_string(norm_num_groups));
  }
  const int deepest = block_out_channels.back();
  if (attention_head_dim < 1 || deepest % attention_head_dim != 0)
    fail("the deepest block's " + std::to_string(deepest) + " channels are not divisible by attention_head_dim " +
         std::to_string(attention_head_dim));
  const int factor = 1 << (block_out_channels.size() - 1);
  if (sample_size < factor || sample_size % factor != 0)
    fail("sample_size " + std::to_string(sample_size) + " is not divisible by 2^" +
         std::to_string(block_out_channels.size() - 1) + " = " + std::to_string(factor) + " (one halving per extra level)");
  if (num_styles < 1) fail("num_styles must be at least 1, got " + std::to_string(num_styles));
  if (max_strokes < 1) fail("max_strokes must be at least 1, got " + std::to_string(max_strokes));
  if (mode == ConditioningMode::class_label && num_classes < 1)
    fail("mode 'class' needs num_classes >= 1, got " + std::to_string(num_classes));
}

UNetConfig unet_config_from_json(const std::string& json_text, const std::string& where) {
  const nlohmann::json doc = parse_json_object(json_text, where);
  UNetConfig config;
  try {
    for (const auto& [key, value] : doc.items()) {
      if (key == "mode") config.mode = conditioning_mode_from_string(value.get<std::string>());
      else if (key == "sample_size") config.sample_size = value.get<int>();
      else if (key == "in_channels") config.in_channels = value.get<int>();
      else if (key == "out_channels") config.out_channels = value.get<int>();
      else if (key == "block_out_channels") config.block_out_channels = value.get<std::vector<int>>();
      else if (key == "layers_per_block") config.layers_per_block = value.get<int>();
      else if (key == "norm_num_groups") config.norm_num_groups = value.get<int>();
      else if (key == "attention_head_dim") config.attention_head_dim = value.get<int>();
      else if (key == "num_styles") config.num_styles = value.get<int>();
      else if (key == "max_strokes") config.max_strokes = value.get<int>();
      else if (key == "num_classes") config.num_classes = value.get<int>();
      else if (key == "prediction_type") config.prediction_type = prediction_type_from_string(value.get<std::string>());
      else if (key == "format" || key == "version") continue;
      else throw InkError("unknown key '" + key + "'");
    }
  } catch (const nlohmann::json::type_error& e) {
    throw InkError(where + ": a value has the wrong type (" + std::string(e.what()) + ")");
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
  try {
    config.validate();
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
  return config;
}

std::string unet_config_to_json(const UNetConfig& config) {
  const nlohmann::json doc = {
      {"format", "hanzi-ink unet"},
      {"version", 1},
      {"mode", to_string(config.mode)},
      {"sample_size", config.sample_size},
      {"in_channels", config.in_channels},
      {"out_channels", config.out_channels},
      {"block_out_channels", config.block_out_channels},
      {"layers_per_block", config.layers_per_block},
      {"norm_num_groups", config.norm_num_groups},
      {"attention_head_dim", config.attention_head_dim},
      {"num_styles", config.num_styles},
      {"max_strokes", config.max_strokes},
      {"num_classes", config.num_classes},
      {"prediction_type", to_string(config.prediction_type)},
  };
  return doc.dump(2) + "\n";
}

UNetConfig load_unet_config(const std::filesystem::path& file) {
  return unet_config_from_json(read_text_file(file, "UNet config"), file.string());
}

}  // namespace ink
