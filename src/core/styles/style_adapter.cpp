// Norm-tuning adapters: which parameters, reading and writing them by name, copying a UNet.
#include "styles/style_adapter.h"

#include <torch/torch.h>

#include "ink/base/error.h"

namespace ink {

bool is_adapter_parameter(const std::string& name) {
  // norm1 / norm2 in the ResNet blocks, group_norm in the attentions, conv_norm_out.
  const size_t dot = name.rfind('.');
  const std::string module = name.substr(0, dot == std::string::npos ? 0 : dot);
  return module.find("norm") != std::string::npos;
}

std::vector<torch::Tensor> adapter_parameters(UNetImpl& unet) {
  std::vector<torch::Tensor> out;
  for (const auto& p : unet.named_parameters())
    if (is_adapter_parameter(p.key())) out.push_back(p.value());
  return out;
}

AdapterValues adapter_values(UNetImpl& unet) {
  AdapterValues out;
  for (const auto& p : unet.named_parameters()) {
    if (!is_adapter_parameter(p.key())) continue;
    const torch::Tensor v = p.value().detach().contiguous();
    out[p.key()].assign(v.data_ptr<float>(), v.data_ptr<float>() + v.numel());
  }
  return out;
}

void check_adapter(UNetImpl& unet, const AdapterValues& values) {
  auto params = unet.named_parameters();
  for (const auto& [name, numbers] : values) {
    const torch::Tensor* p = is_adapter_parameter(name) ? params.find(name) : nullptr;
    if (!p) throw InkError("adapter: '" + name + "' is not a norm of this model");
    if (p->numel() != static_cast<int64_t>(numbers.size()))
      throw InkError("adapter: '" + name + "' has " + std::to_string(numbers.size()) + " values, this model's has " +
                     std::to_string(p->numel()));
  }
}

void apply_adapter(UNetImpl& unet, const AdapterValues& values) {
  check_adapter(unet, values);
  torch::NoGradGuard no_grad;
  auto params = unet.named_parameters();
  for (const auto& [name, numbers] : values) params[name].copy_(torch::tensor(numbers).reshape(params[name].sizes()));
}

UNet copy_unet(UNetImpl& source) {
  torch::NoGradGuard no_grad;
  UNet copy(source.config());
  copy->style_table().set_data(source.style_table().detach().clone());  // learnt rows included
  auto params = copy->named_parameters();
  for (const auto& p : source.named_parameters()) params[p.key()].copy_(p.value());
  auto buffers = copy->named_buffers();
  for (const auto& b : source.named_buffers()) buffers[b.key()].copy_(b.value());
  copy->eval();
  return copy;
}

}  // namespace ink
