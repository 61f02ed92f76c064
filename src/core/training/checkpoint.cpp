// Checkpoint files: a tensor file (training/checkpoint_meta.h) written through AtomicFile, read
// with every offset and shape checked. Version 1, a tagged torch archive, still loads.
#include "ink/training/checkpoint.h"

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/tensor_file.h"
#include "ink/training/checkpoint_meta.h"
#include "model/stored_tensors.h"
#include "model/tagged_archive.h"

namespace ink {
namespace {

constexpr int64_t kArchiveVersion = 1;

// --- Version 1: a tagged torch archive (a zip file) -------------------------------------------

bool is_torch_archive(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

torch::serialize::InputArchive open_archive(const std::filesystem::path& file) {
  return open_tagged_archive(file, kCheckpointFormat, kArchiveVersion, "checkpoint");
}

TrainingCheckpoint read_archive_meta(torch::serialize::InputArchive& archive, const std::filesystem::path& file) {
  c10::IValue config, step, recipe;
  TrainingCheckpoint meta;
  if (!archive.try_read("config", config) || !archive.try_read("step", step) || !archive.try_read("recipe", recipe))
    throw InkError(file.string() + ": checkpoint lacks config, step or recipe");
  meta.config = unet_config_from_json(config.toStringRef(), file.string() + " (config)");
  meta.step = step.toInt();
  meta.recipe_json = recipe.toStringRef();
  archive.read("rng_state", meta.rng_state);
  return meta;
}

void load_archive_state(torch::serialize::InputArchive& archive, UNet& model, UNet& ema, torch::optim::Optimizer* optimizer) {
  torch::serialize::InputArchive model_archive, ema_archive;
  archive.read("model", model_archive);
  archive.read("ema", ema_archive);
  model->load(model_archive);
  ema->load(ema_archive);
  if (optimizer) {
    torch::serialize::InputArchive optimizer_archive;
    archive.read("optimizer", optimizer_archive);
    optimizer->load(optimizer_archive);
  }
}

// --- Version 2: a tensor file -----------------------------------------------------------------

std::vector<torch::Tensor> parameters_of(torch::optim::Optimizer& optimizer) {
  std::vector<torch::Tensor> out;
  for (auto& group : optimizer.param_groups())
    for (auto& p : group.params()) out.push_back(p);
  return out;
}

std::string state_key(const torch::Tensor& parameter) { return c10::guts::to_string(parameter.unsafeGetTensorImpl()); }

torch::optim::AdamW& as_adamw(torch::optim::Optimizer& optimizer) {
  auto* adamw = dynamic_cast<torch::optim::AdamW*>(&optimizer);
  if (!adamw) throw InkError("checkpoint: only AdamW's state can be stored");
  return *adamw;
}

// The tensor file, its damage told as one line.
TensorFile read_checkpoint_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw InkError(file.string() + ": cannot open checkpoint (no such file)");
  try {
    return read_tensor_file(file);
  } catch (const InkError& e) {
    throw InkError(file.string() + ": not a readable checkpoint (truncated or corrupted: " + e.what() + ")");
  }
}

// Copies stored tensor `name` into `target`, whose shape and type it must have.
void copy_stored(const TensorFile& stored, const std::string& name, torch::Tensor target, const std::filesystem::path& file,
                 std::set<std::string>& used) {
  const auto it = stored.tensors.find(name);
  if (it == stored.tensors.end()) throw InkError(file.string() + ": checkpoint lacks tensor '" + name + "'");
  const StoredTensor& s = it->second;
  if (s.dtype != stored_dtype(target.scalar_type()) || s.shape != target.sizes().vec())
    throw InkError(file.string() + ": checkpoint tensor '" + name + "' does not match its config");
  torch::NoGradGuard no_grad;
  torch::Tensor contiguous = target.contiguous();
  std::memcpy(contiguous.data_ptr(), stored.bytes(s), s.end - s.begin);
  if (!contiguous.is_same(target)) target.copy_(contiguous);
  used.insert(name);
}

torch::Tensor stored_copy(const TensorFile& stored, const std::string& name, c10::ScalarType type, const std::filesystem::path& file,
                          std::set<std::string>& used) {
  const auto it = stored.tensors.find(name);
  if (it == stored.tensors.end()) throw InkError(file.string() + ": checkpoint lacks tensor '" + name + "'");
  torch::Tensor out = torch::empty(it->second.shape, torch::TensorOptions().dtype(type));
  copy_stored(stored, name, out, file, used);
  return out;
}

void load_tensor_state(const TensorFile& stored, const std::filesystem::path& file, UNet& model, UNet& ema,
                       torch::optim::Optimizer* optimizer) {
  std::set<std::string> used;
  for (auto& [name, tensor] : weight_tensors(*model)) copy_stored(stored, "model." + name, tensor, file, used);
  for (auto& [name, tensor] : weight_tensors(*ema)) copy_stored(stored, "ema." + name, tensor, file, used);
  if (optimizer) {
    torch::optim::AdamW& adamw = as_adamw(*optimizer);
    const std::vector<torch::Tensor> parameters = parameters_of(adamw);
    for (size_t i = 0; i < parameters.size(); ++i) {
      const std::string prefix = "optimizer." + std::to_string(i) + ".";
      if (!stored.tensors.count(prefix + "step")) continue;  // no step taken for it yet
      auto state = std::make_unique<torch::optim::AdamWParamState>();
      const torch::Tensor step = stored_copy(stored, prefix + "step", torch::kInt64, file, used);
      if (step.numel() != 1) throw InkError(file.string() + ": checkpoint tensor '" + prefix + "step' is not one number");
      state->step(step.item<int64_t>());
      state->exp_avg(torch::empty_like(parameters[i]));
      state->exp_avg_sq(torch::empty_like(parameters[i]));
      copy_stored(stored, prefix + "exp_avg", state->exp_avg(), file, used);
      copy_stored(stored, prefix + "exp_avg_sq", state->exp_avg_sq(), file, used);
      if (stored.tensors.count(prefix + "max_exp_avg_sq")) {
        state->max_exp_avg_sq(torch::empty_like(parameters[i]));
        copy_stored(stored, prefix + "max_exp_avg_sq", state->max_exp_avg_sq(), file, used);
      }
      adamw.state()[state_key(parameters[i])] = std::move(state);
    }
  }
  for (const auto& [name, s] : stored.tensors)
    if (!used.count(name) && name != "rng_state" && (optimizer || name.rfind("optimizer.", 0) != 0))
      throw InkError(file.string() + ": checkpoint tensor '" + name + "' is not part of the run its config describes");
}

}  // namespace

torch::Tensor cpu_rng_state() {
  at::Generator generator = at::detail::getDefaultCPUGenerator();  // a handle to the shared generator
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void restore_cpu_rng_state(const torch::Tensor& state) {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state);
}

void save_checkpoint(const std::filesystem::path& file, const TrainingCheckpoint& meta, UNet& model, UNet& ema,
                     torch::optim::Optimizer& optimizer) {
  TensorFileWriter writer;
  for (auto& [name, tensor] : weight_tensors(*model)) writer.add("model." + name, tensor);
  for (auto& [name, tensor] : weight_tensors(*ema)) writer.add("ema." + name, tensor);
  torch::optim::AdamW& adamw = as_adamw(optimizer);
  const std::vector<torch::Tensor> parameters = parameters_of(adamw);
  for (size_t i = 0; i < parameters.size(); ++i) {
    const auto it = adamw.state().find(state_key(parameters[i]));
    if (it == adamw.state().end()) continue;
    const auto& state = static_cast<const torch::optim::AdamWParamState&>(*it->second);
    const std::string prefix = "optimizer." + std::to_string(i) + ".";
    writer.add(prefix + "step", torch::tensor({state.step()}, torch::kInt64));
    writer.add(prefix + "exp_avg", state.exp_avg());
    writer.add(prefix + "exp_avg_sq", state.exp_avg_sq());
    if (state.max_exp_avg_sq().defined()) writer.add(prefix + "max_exp_avg_sq", state.max_exp_avg_sq());
  }
  if (meta.rng_state.defined()) writer.add("rng_state", meta.rng_state);
  write_file_atomic(file, writer.encode(checkpoint_metadata({meta.config, meta.step, meta.recipe_json})));
}

TrainingCheckpoint read_checkpoint_meta(const std::filesystem::path& file) {
  if (is_torch_archive(file)) {
    torch::serialize::InputArchive archive = open_archive(file);
    return read_archive_meta(archive, file);
  }
  const TensorFile stored = read_checkpoint_file(file);
  const CheckpointMeta meta = checkpoint_meta(stored, file.string());
  TrainingCheckpoint out{meta.config, meta.step, meta.recipe_json, {}};
  if (stored.tensors.count("rng_state")) {
    std::set<std::string> used;
    out.rng_state = stored_copy(stored, "rng_state", torch::kUInt8, file, used);
  }
  return out;
}

TrainingCheckpoint load_checkpoint(const std::filesystem::path& file, UNet& model, UNet& ema, torch::optim::Optimizer* optimizer) {
  const TrainingCheckpoint meta = read_checkpoint_meta(file);
  for (const UNet* net : {&model, &ema}) {
    const std::string wanted = unet_config_to_json(meta.config), have = unet_config_to_json((*net)->config());
    if (wanted != have)
      throw InkError(file.string() + ": the model was built with another config; checkpoint has " + wanted + " model has " + have);
  }
  if (!is_torch_archive(file)) {
    load_tensor_state(read_checkpoint_file(file), file, model, ema, optimizer);
    return meta;
  }
  try {
    torch::serialize::InputArchive archive = open_archive(file);
    load_archive_state(archive, model, ema, optimizer);
  } catch (const c10::Error& e) {
    throw InkError(file.string() + ": checkpoint does not match its config (" + e.what_without_backtrace() + ")");
  }
  return meta;
}

}  // namespace ink
