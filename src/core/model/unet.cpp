// The UNet: embeddings, the down path with skips, the mid block, the up path, the output head.
#include "ink/model/unet.h"

#include <torch/torch.h>

#include <cmath>

#include "ink/base/error.h"
#include "model/unet_blocks.h"

namespace ink {

torch::Tensor timestep_embedding(const torch::Tensor& timesteps, int64_t dim, double max_period) {
  // timesteps: [B] -> [B, dim]; frequencies exp(-ln(max_period) * i / half), i < half.
  const int64_t half = dim / 2;
  const torch::Tensor exponent =
      torch::arange(half, torch::TensorOptions().dtype(torch::kFloat32).device(timesteps.device())) *
      (-std::log(max_period) / static_cast<double>(half));
  const torch::Tensor angles = timesteps.to(torch::kFloat32).unsqueeze(1) * exponent.exp().unsqueeze(0);
  torch::Tensor emb = torch::cat({angles.cos(), angles.sin()}, 1);
  if (dim % 2) emb = torch::nn::functional::pad(emb, torch::nn::functional::PadFuncOptions({0, 1}));
  return emb;
}

UNetImpl::UNetImpl(UNetConfig config) : config_(std::move(config)) {
  config_.validate();
  const auto& channels = config_.block_out_channels;
  const int64_t temb = config_.time_embed_dim(), groups = config_.norm_num_groups;
  const int levels = static_cast<int>(channels.size());

  conv_in = register_module("conv_in", torch::nn::Conv2d(torch::nn::Conv2dOptions(config_.in_channels, channels[0], 3).padding(1)));
  time_embedding = register_module("time_embedding", unet::TimestepEmbedding(channels[0], temb).ptr());
  if (config_.mode == ConditioningMode::class_label) {
    class_embedding = register_module("class_embedding", torch::nn::Embedding(config_.num_classes + 1, temb));
  } else {
    style_embedding = register_module("style_embedding", torch::nn::Embedding(config_.num_styles + 1, temb));
    count_embedding = register_module("count_embedding", torch::nn::Embedding(config_.max_strokes + 1, temb));
    if (config_.mode == ConditioningMode::stroke)
      step_embedding = register_module("step_embedding", torch::nn::Embedding(config_.max_strokes + 1, temb));
  }

  down_blocks = register_module("down_blocks", torch::nn::ModuleList());
  for (int i = 0; i < levels; ++i)
    down_blocks->push_back(unet::DownBlock(i == 0 ? channels[0] : channels[i - 1], channels[i], temb, groups,
                                           config_.layers_per_block, i + 1 < levels));
  mid_block = register_module("mid_block", unet::MidBlock(channels.back(), temb, groups, config_.attention_head_dim).ptr());
  up_blocks = register_module("up_blocks", torch::nn::ModuleList());
  for (int i = 0; i < levels; ++i) {
    const int level = levels - 1 - i;  // walking back up
    const int64_t out = channels[level];
    const int64_t prev_out = i == 0 ? channels.back() : channels[level + 1];
    const int64_t skip_in = channels[std::max(level - 1, 0)];
    up_blocks->push_back(unet::UpBlock(prev_out, out, skip_in, temb, groups, config_.layers_per_block, level > 0));
  }
  conv_norm_out = register_module("conv_norm_out", torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels[0])));
  conv_out = register_module("conv_out", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels[0], config_.out_channels, 3).padding(1)));
}

int64_t UNetImpl::append_style_rows(const torch::Tensor& rows) {
  torch::NoGradGuard no_grad;
  torch::Tensor& table = style_embedding->weight;
  if (rows.dim() != 2 || rows.size(1) != table.size(1))
    throw InkError("UNet: style rows of shape " + std::string(c10::str(rows.sizes())) + ", expected [N, " +
                   std::to_string(table.size(1)) + "]");
  const int64_t first = table.size(0);
  table.set_data(torch::cat({table, rows.to(table.dtype())}));
  return first;
}

int64_t UNetImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x, const torch::Tensor& t, const UNetConditions& c) {
  // x: [B, in_channels, S, S]; t: [B]; conditions: [B] each -> [B, out_channels, S, S]
  if (x.dim() != 4 || x.size(1) != config_.in_channels)
    throw InkError("UNet: input has shape " + std::string(c10::str(x.sizes())) + ", expected [B, " +
                   std::to_string(config_.in_channels) + ", H, W]");
  const int64_t factor = int64_t{1} << (config_.block_out_channels.size() - 1);
  if (x.size(2) % factor || x.size(3) % factor)
    throw InkError("UNet: input size " + std::to_string(x.size(2)) + "x" + std::to_string(x.size(3)) +
                   " is not divisible by " + std::to_string(factor));

  torch::Tensor emb = time_embedding->as<unet::TimestepEmbeddingImpl>()->forward(
      timestep_embedding(t, config_.block_out_channels.front()));
  auto need = [&](const torch::Tensor& v, const char* name) -> const torch::Tensor& {
    if (!v.defined()) throw InkError(std::string("UNet: mode '") + to_string(config_.mode) + "' needs the " + name + " condition");
    return v;
  };
  if (class_embedding) {
    emb = emb + class_embedding->forward(need(c.label, "label"));
  } else {
    emb = emb + style_embedding->forward(need(c.style, "style"));  // one statement each: errors in a fixed order
    emb = emb + count_embedding->forward(need(c.strokes, "strokes"));
    if (step_embedding) emb = emb + step_embedding->forward(need(c.step, "step"));
  }

  torch::Tensor h = unet::convolved(conv_in, x);
  std::vector<torch::Tensor> skips = {h};
  for (const auto& block : *down_blocks) h = block->as<unet::DownBlockImpl>()->forward(h, emb, skips);
  h = mid_block->as<unet::MidBlockImpl>()->forward(h, emb);
  for (const auto& block : *up_blocks) h = block->as<unet::UpBlockImpl>()->forward(h, emb, skips);
  return unet::convolved(conv_out, torch::silu(unet::normed(conv_norm_out, h)));
}

}  // namespace ink
