#include "torch_catch.h"

#include <cmath>
#include <set>

#include "ink/base/error.h"
#include "ink/model/unet.h"

using namespace ink;

namespace {

UNetConfig small_config(ConditioningMode mode) {
  UNetConfig config;
  config.mode = mode;
  config.in_channels = input_channels_for(mode);
  config.sample_size = 32;
  config.block_out_channels = {16, 32};
  config.layers_per_block = 1;
  config.norm_num_groups = 8;
  config.attention_head_dim = 16;
  config.num_classes = mode == ConditioningMode::class_label ? 4 : 0;
  return config;
}

UNetConditions conditions_for(ConditioningMode mode, int64_t batch) {
  UNetConditions c;
  if (mode == ConditioningMode::class_label) {
    c.label = torch::arange(batch, torch::kInt64) % 4;
  } else {
    c.style = torch::zeros({batch}, torch::kInt64);
    c.strokes = torch::full({batch}, 9, torch::kInt64);
    if (mode == ConditioningMode::stroke) c.step = torch::arange(batch, torch::kInt64);
  }
  return c;
}

}  // namespace

TEST_CASE("the timestep embedding matches the formula, element by element", "[unet]") {
  const torch::Tensor t = torch::tensor({0, 1, 17, 999}, torch::kInt64);
  const int64_t dim = 32, half = dim / 2;
  const torch::Tensor emb = timestep_embedding(t, dim);
  REQUIRE(emb.sizes() == torch::IntArrayRef({4, dim}));
  auto a = emb.accessor<float, 2>();
  for (int64_t b = 0; b < 4; ++b)
    for (int64_t i = 0; i < half; ++i) {
      const double angle = t[b].item<int64_t>() * std::exp(-std::log(10000.0) * i / half);
      CHECK(a[b][i] == Approx(std::cos(angle)).margin(2e-4));        // flip_sin_to_cos: cos first
      CHECK(a[b][half + i] == Approx(std::sin(angle)).margin(2e-4));
    }
}

TEST_CASE("the UNet keeps the sample's shape in every conditioning mode", "[unet]") {
  torch::manual_seed(0);
  for (auto mode : {ConditioningMode::stroke, ConditioningMode::whole, ConditioningMode::class_label}) {
    INFO(to_string(mode));
    UNet unet(small_config(mode));
    const torch::Tensor x = torch::randn({3, input_channels_for(mode), 32, 32});
    const torch::Tensor out = unet->forward(x, torch::tensor({1, 500, 999}, torch::kInt64), conditions_for(mode, 3));
    CHECK(out.sizes() == torch::IntArrayRef({3, 1, 32, 32}));
    CHECK(torch::isfinite(out).all().item<bool>());
  }
}

TEST_CASE("the UNet's parameters are named like diffusers' state dict", "[unet]") {
  UNet unet(small_config(ConditioningMode::stroke));
  std::set<std::string> names;
  for (const auto& p : unet->named_parameters()) names.insert(p.key());
  for (const char* key : {"conv_in.weight", "time_embedding.linear_1.weight", "time_embedding.linear_2.bias",
                          "down_blocks.0.resnets.0.norm1.weight", "down_blocks.0.resnets.0.time_emb_proj.weight",
                          "down_blocks.0.downsamplers.0.conv.weight", "down_blocks.1.resnets.0.conv_shortcut.weight",
                          "mid_block.resnets.1.conv2.weight", "mid_block.attentions.0.to_q.weight",
                          "mid_block.attentions.0.to_out.0.weight", "up_blocks.0.resnets.1.conv1.weight",
                          "up_blocks.0.upsamplers.0.conv.weight", "conv_norm_out.weight", "conv_out.bias",
                          "style_embedding.weight", "step_embedding.weight", "count_embedding.weight"}) {
    INFO(key);
    CHECK(names.count(key) == 1);
  }
}

TEST_CASE("every condition reaches the output", "[unet]") {
  torch::manual_seed(1);
  UNet unet(small_config(ConditioningMode::stroke));
  const torch::Tensor x = torch::randn({1, 4, 32, 32}), t = torch::tensor({300}, torch::kInt64);
  UNetConditions c = conditions_for(ConditioningMode::stroke, 1);
  const torch::Tensor base = unet->forward(x, t, c);
  UNetConditions other_style = c, other_step = c, unconditional = c;
  other_style.style.fill_(3);
  other_step.step.fill_(5);
  unconditional.style.fill_(unet->null_style());
  CHECK_FALSE(torch::allclose(base, unet->forward(x, t, other_style)));
  CHECK_FALSE(torch::allclose(base, unet->forward(x, t, other_step)));
  CHECK_FALSE(torch::allclose(base, unet->forward(x, t, unconditional)));
  CHECK_FALSE(torch::allclose(base, unet->forward(x, torch::tensor({301}, torch::kInt64), c)));
  torch::Tensor other_canvas = x.clone();
  other_canvas[0][1].fill_(1.0);  // the spatial canvas condition
  CHECK_FALSE(torch::allclose(base, unet->forward(other_canvas, t, c)));
}

TEST_CASE("a config's parameter count, computed without allocating, is the UNet's", "[unet]") {
  for (ConditioningMode mode : {ConditioningMode::stroke, ConditioningMode::whole, ConditioningMode::class_label}) {
    UNetConfig config = small_config(mode);
    config.layers_per_block = 2;
    config.block_out_channels = {8, 16, 32};
    INFO(to_string(mode));
    int64_t counted = 0;
    for (const auto& p : UNet(config)->parameters()) counted += p.numel();
    CHECK(config.parameter_count() == counted);
  }
  UNetConfig shipped;  // the default stroke model's shape: 2,498,017 parameters
  shipped.prediction_type = PredictionType::v_prediction;
  shipped.block_out_channels = {16, 32, 64, 128};
  shipped.layers_per_block = 1;
  CHECK(shipped.parameter_count() == 2498017);

  UNetConfig other = shipped;
  other.num_styles = 6;
  CHECK(config_differences(shipped, shipped).empty());
  CHECK(config_differences(shipped, other) == "num_styles 8 there, 6 here");
}

TEST_CASE("bad configs and inputs name the values in conflict", "[unet][errors]") {
  UNetConfig config = small_config(ConditioningMode::stroke);
  config.in_channels = 3;
  CHECK_THROWS_WITH(config.validate(), Catch::Contains("in_channels 3") && Catch::Contains("needs 4"));
  config = small_config(ConditioningMode::stroke);
  config.sample_size = 31;
  CHECK_THROWS_WITH(config.validate(), Catch::Contains("sample_size 31 is not divisible by 2^1 = 2"));
  config.sample_size = 30;
  config.block_out_channels = {16, 32, 64};
  CHECK_THROWS_WITH(config.validate(), Catch::Contains("sample_size 30 is not divisible by 2^2 = 4"));
  config = small_config(ConditioningMode::stroke);
  config.block_out_channels = {16, 30};
  CHECK_THROWS_WITH(config.validate(), Catch::Contains("30 is not a positive multiple of norm_num_groups 8"));
  CHECK_THROWS_WITH(unet_config_from_json(R"({"mode": "stroke", "in_chanels": 4})", "m.json"),
                    Catch::Contains("m.json: unknown key 'in_chanels'"));
  CHECK_THROWS_WITH(unet_config_from_json(R"({"mode": "brush"})", "m.json"), Catch::Contains("mode 'brush' unknown"));
  CHECK_THROWS_WITH(unet_config_from_json(R"({"layers_per_block": "two"})", "m.json"),
                    Catch::Contains("m.json: 'layers_per_block' is \"two\", expected a whole number"));
  CHECK_THROWS_WITH(unet_config_from_json(R"({"norm_num_groups": 1.5})", "m.json"), Catch::Contains("'norm_num_groups' is 1.5"));

  const UNetConfig round = unet_config_from_json(unet_config_to_json(small_config(ConditioningMode::whole)), "again");
  CHECK(round.mode == ConditioningMode::whole);
  CHECK(round.block_out_channels == std::vector<int>{16, 32});

  UNet unet(small_config(ConditioningMode::stroke));
  CHECK_THROWS_WITH(unet->forward(torch::zeros({1, 2, 32, 32}), torch::zeros({1}, torch::kInt64), {}),
                    Catch::Contains("expected [B, 4, H, W]"));
  CHECK_THROWS_WITH(unet->forward(torch::zeros({1, 4, 32, 32}), torch::zeros({1}, torch::kInt64), {}),
                    Catch::Contains("needs the style condition"));
}
