// The conditional UNet, shrunk from diffusers' UNet2DConditionModel: ResNet blocks (GroupNorm,
// SiLU, conv) with the time embedding added, down/up sampling with skips, self-attention in the
// mid block, and condition embeddings (style, stroke k, stroke count N, or class) summed into
// the time embedding as diffusers' `class_embedding` does. Includes torch.
#pragma once
#include <torch/nn.h>

#include "ink/model/unet_config.h"

namespace ink {

// Scalar conditions, each [B] int64. The last row of each table means "no condition": the
// unconditional pass of classifier-free guidance (use UNetImpl::null_* below).
struct UNetConditions {
  torch::Tensor style;    // stroke and whole modes
  torch::Tensor step;     // stroke mode: k
  torch::Tensor strokes;  // stroke and whole modes: N
  torch::Tensor label;    // class mode
};

// Whether the UNet's convolutions go through oneDNN whenever it writes (the default; see
// convolved in src/core/model/unet_blocks.h) or as libtorch chooses, which ink-bench times beside
// it.
void set_onednn_inference(bool on);

// Sinusoidal embedding as diffusers' Timesteps(flip_sin_to_cos=True, freq_shift=0): [cos | sin].
torch::Tensor timestep_embedding(const torch::Tensor& timesteps, int64_t dim, double max_period = 10000.0);

class UNetImpl : public torch::nn::Module {
 public:
  explicit UNetImpl(UNetConfig config);
  // x: [B, in_channels, S, S] noisy target then spatial conditions; t: [B] int64 timesteps.
  // Returns [B, out_channels, S, S].
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t, const UNetConditions& conditions);

  const UNetConfig& config() const { return config_; }
  int64_t parameter_count() const;
  int64_t null_style() const { return config_.num_styles; }
  int64_t null_step() const { return config_.max_strokes; }
  int64_t null_label() const { return config_.num_classes; }
  // Learnt hands: rows appended to the style embedding after the "no style" row; returns the
  // first new row's style id. The table (`style_table`) is what style tuning trains.
  int64_t append_style_rows(const torch::Tensor& rows);
  torch::Tensor& style_table() { return style_embedding->weight; }

 private:
  UNetConfig config_;
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::Embedding style_embedding{nullptr}, step_embedding{nullptr}, count_embedding{nullptr}, class_embedding{nullptr};
  torch::nn::ModuleList down_blocks{nullptr}, up_blocks{nullptr};
  std::shared_ptr<torch::nn::Module> time_embedding, mid_block;  // blocks private to unet.cpp
  torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(UNet);

}  // namespace ink
