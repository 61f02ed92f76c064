#include "model/stored_tensors.h"

#include <cstring>
#include <set>

#include "ink/base/error.h"

namespace ink {
namespace {

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + "]";
}

}  // namespace

std::vector<std::pair<std::string, torch::Tensor>> weight_tensors(torch::nn::Module& module) {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& p : module.named_parameters(true)) out.emplace_back(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) out.emplace_back(b.key(), b.value());
  return out;
}

void copy_weights(const TensorFile& stored, torch::nn::Module& module, const std::filesystem::path& file, const std::string& what,
                  const std::set<std::string>& optional) {
  torch::NoGradGuard no_grad;
  std::set<std::string> used;
  for (auto& [name, tensor] : weight_tensors(module)) {
    const auto it = stored.tensors.find(name);
    if (it == stored.tensors.end() && optional.count(name)) continue;
    if (it == stored.tensors.end()) throw InkError(file.string() + ": no tensor '" + name + "', which " + what + " has");
    const StoredTensor& s = it->second;
    if (s.dtype != "F32" || s.shape != tensor.sizes().vec())
      throw InkError(file.string() + ": tensor '" + name + "' is " + s.dtype + " " + shape_text(s.shape) + ", " + what + " needs F32 " +
                     shape_text(tensor.sizes().vec()));
    torch::Tensor target = tensor.contiguous();
    std::memcpy(target.data_ptr<float>(), stored.bytes(s), s.end - s.begin);
    if (!target.is_same(tensor)) tensor.copy_(target);
    used.insert(name);
  }
  for (const auto& [name, s] : stored.tensors)
    if (!used.count(name)) throw InkError(file.string() + ": tensor '" + name + "' is not part of " + what);
}

const char* stored_dtype(c10::ScalarType type) {
  struct Named {
    c10::ScalarType type;
    const char* name;
  };
  static constexpr Named kNames[] = {{torch::kFloat32, "F32"}, {torch::kFloat64, "F64"}, {torch::kFloat16, "F16"},
                                     {torch::kBFloat16, "BF16"}, {torch::kInt64, "I64"},  {torch::kInt32, "I32"},
                                     {torch::kUInt8, "U8"}};
  for (const Named& n : kNames)
    if (n.type == type) return n.name;
  throw InkError(std::string("a tensor file cannot store a tensor of type ") + c10::toString(type));
}

void TensorFileWriter::add(const std::string& name, const torch::Tensor& tensor) {
  kept_.push_back(tensor.detach().to(torch::kCPU).contiguous());
  const torch::Tensor& t = kept_.back();  // the view below points into its storage, not the vector
  tensors_[name] = {stored_dtype(t.scalar_type()), t.sizes().vec(),
                    std::string_view(static_cast<const char*>(t.data_ptr()), static_cast<size_t>(t.numel()) * t.element_size())};
}

std::string TensorFileWriter::encode(const std::map<std::string, std::string>& metadata) const {
  return encode_tensor_file(tensors_, metadata);
}

}  // namespace ink
