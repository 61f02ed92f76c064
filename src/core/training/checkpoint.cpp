// Checkpoint files: a torch archive with a format tag and version (llm.c-style header in spirit),
// serialised to memory and written through AtomicFile.
#include "ink/training/checkpoint.h"

#include <sstream>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "model/tagged_archive.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink checkpoint";
constexpr int64_t kVersion = 1;

torch::serialize::InputArchive open_archive(const std::filesystem::path& file) {
  return open_tagged_archive(file, kFormat, kVersion, "checkpoint");
}

TrainingCheckpoint read_meta(torch::serialize::InputArchive& archive, const std::filesystem::path& file) {
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
  torch::serialize::OutputArchive archive;
  write_archive_tag(archive, kFormat, kVersion);
  archive.write("config", c10::IValue(unet_config_to_json(meta.config)));
  archive.write("step", c10::IValue(meta.step));
  archive.write("recipe", c10::IValue(meta.recipe_json));
  archive.write("rng_state", meta.rng_state.defined() ? meta.rng_state : torch::Tensor(torch::empty({0}, torch::kUInt8)));
  torch::serialize::OutputArchive model_archive, ema_archive, optimizer_archive;
  model->save(model_archive);
  ema->save(ema_archive);
  optimizer.save(optimizer_archive);
  archive.write("model", model_archive);
  archive.write("ema", ema_archive);
  archive.write("optimizer", optimizer_archive);
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_file_atomic(file, bytes.str());
}

TrainingCheckpoint load_checkpoint(const std::filesystem::path& file, UNet& model, UNet& ema, torch::optim::Optimizer* optimizer) {
  torch::serialize::InputArchive archive = open_archive(file);
  TrainingCheckpoint meta = read_meta(archive, file);
  for (const UNet* net : {&model, &ema}) {
    const std::string wanted = unet_config_to_json(meta.config), have = unet_config_to_json((*net)->config());
    if (wanted != have)
      throw InkError(file.string() + ": the model was built with another config; checkpoint has " + wanted + " model has " + have);
  }
  try {
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
  } catch (const c10::Error& e) {
    throw InkError(file.string() + ": checkpoint does not match its config (" + e.what_without_backtrace() + ")");
  }
  return meta;
}

TrainingCheckpoint read_checkpoint_meta(const std::filesystem::path& file) {
  torch::serialize::InputArchive archive = open_archive(file);
  return read_meta(archive, file);
}

}  // namespace ink
