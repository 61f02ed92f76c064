// Torch tensors into and out of tensor files (base/tensor_file.h): what the model, checkpoint
// and detail stage files share. Internal to src/core; includes torch.
#pragma once
#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ink/base/tensor_file.h"

namespace ink {

// Every tensor a module's weights consist of, by the names torch gives them: parameters, then
// buffers.
std::vector<std::pair<std::string, torch::Tensor>> weight_tensors(torch::nn::Module& module);

// Copies the file's tensors into the module's weights: every name present, each F32 of the
// shape the module has, nothing left over. `what` names the module in the errors ("the config's
// model"), which name `file`. Weights named in `optional` may be missing from the file; they
// keep their values.
void copy_weights(const TensorFile& stored, torch::nn::Module& module, const std::filesystem::path& file, const std::string& what,
                  const std::set<std::string>& optional = {});

// The format's name for a tensor type ("F32", "I64", ...); InkError for one it cannot name.
const char* stored_dtype(c10::ScalarType type);

// Tensors gathered for one tensor file: each a contiguous CPU copy, kept until encoded.
class TensorFileWriter {
 public:
  void add(const std::string& name, const torch::Tensor& tensor);
  std::string encode(const std::map<std::string, std::string>& metadata) const;

 private:
  std::vector<torch::Tensor> kept_;
  std::map<std::string, TensorToWrite> tensors_;
};

}  // namespace ink
