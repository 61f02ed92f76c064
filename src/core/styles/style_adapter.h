// A learnt hand's adapter: its own gains and shifts for every group norm of the UNet, trained
// with the hand's style row while every other weight stays frozen (norm tuning). The row alone
// can only mix the hands the model was trained on; the norms let a hand reweight the features
// themselves, stroke weight and ends included, for a few thousand numbers. Includes torch.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ink/model/unet.h"

namespace ink {

using AdapterValues = std::map<std::string, std::vector<float>>;

// Is this UNet parameter (by its name in named_parameters) part of an adapter?
bool is_adapter_parameter(const std::string& name);

// The adapter parameters of `unet`, by name.
std::vector<torch::Tensor> adapter_parameters(UNetImpl& unet);
AdapterValues adapter_values(UNetImpl& unet);

// Throws InkError (without a file name) for a name that is not an adapter parameter of `unet`
// or a size that does not match.
void check_adapter(UNetImpl& unet, const AdapterValues& values);
// Sets the named parameters, checked first.
void apply_adapter(UNetImpl& unet, const AdapterValues& values);

// A separate UNet with the same configuration, weights, buffers and style rows.
UNet copy_unet(UNetImpl& source);

}  // namespace ink
