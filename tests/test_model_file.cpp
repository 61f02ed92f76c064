// Model files in the new form (config.json + model.safetensors): the weights round-trip exactly;
// damage to either file is one line naming it, never a crash; an old model.pt still loads with a
// note and converts with ink-train --export to the same weights.
#include "torch_catch.h"

#include <random>

#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/model/model_file.h"
#include "ink/training/training_recipe.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

ModelInfo tiny_info() {
  ModelInfo info = test::tiny_model_info(ConditioningMode::stroke, {"hanzi-writer-data", "kai"});
  info.trained_steps = 42;
  return info;
}

bool same_weights(UNetImpl& a, UNetImpl& b) {
  const auto pa = a.named_parameters(true), pb = b.named_parameters(true);
  if (pa.size() != pb.size()) return false;
  for (const auto& p : pa)
    if (!torch::equal(p.value(), pb[p.key()])) return false;
  return true;
}

// The old single-file form, as earlier releases wrote it.
void save_archive(const std::filesystem::path& file, const ModelInfo& info, UNetImpl& weights) {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(std::string("hanzi-ink model")));
  archive.write("version", c10::IValue(int64_t{1}));
  archive.write("recipe", c10::IValue(training_recipe_to_json(info.recipe)));
  archive.write("trained_steps", c10::IValue(info.trained_steps));
  std::string styles;
  for (const auto& s : info.styles) styles += s + "\n";
  archive.write("styles", c10::IValue(styles));
  archive.write("classes", c10::IValue(encode_utf8(info.classes)));
  torch::serialize::OutputArchive weights_archive;
  weights.save(weights_archive);
  archive.write("weights", weights_archive);
  archive.save_to(file.string());
}

}  // namespace

TEST_CASE("a model saves as config.json beside model.safetensors and loads back exactly", "[model_file]") {
  test::TempDir dir;
  const ModelInfo info = tiny_info();
  torch::manual_seed(1);
  UNet unet(info.recipe.model);
  save_model(dir / "model.safetensors", info, *unet);
  CHECK(std::filesystem::exists(dir / "config.json"));
  for (const std::filesystem::path& path : {dir.path(), dir / "model.safetensors", dir / "config.json"}) {
    LoadedModel loaded = load_model(path, ConditioningMode::stroke);
    CHECK(same_weights(*loaded.unet, *unet));
    CHECK(loaded.info.trained_steps == 42);
    CHECK(loaded.info.styles == info.styles);
    CHECK(loaded.info.recipe.model.block_out_channels == info.recipe.model.block_out_channels);
  }
  CHECK_THROWS_WITH(load_model(dir.path(), ConditioningMode::whole), Contains("a 'stroke' model, but mode 'whole'"));
}

TEST_CASE("a model whose weights or config disagree is refused in one line naming the file", "[model_file][errors]") {
  test::TempDir dir;
  ModelInfo info = tiny_info();
  UNet unet(info.recipe.model);
  save_model(dir / "model.safetensors", info, *unet);
  const std::string config = test::read_text(dir / "config.json");

  ModelInfo wider = info;
  wider.recipe.model.block_out_channels = {8, 32};
  test::TempDir other;
  UNet wide(wider.recipe.model);
  save_model(other / "model.safetensors", wider, *wide);
  std::filesystem::copy_file(other / "config.json", dir / "config.json", std::filesystem::copy_options::overwrite_existing);
  CHECK_THROWS_WITH(load_model(dir.path(), ConditioningMode::stroke),
                    Contains("model.safetensors: tensor '") && Contains("the config's model needs F32"));

  test::write_text(dir / "config.json", config);
  test::write_text(dir / "model.safetensors", test::read_text(dir / "model.safetensors").substr(0, 20000));
  CHECK_THROWS_WITH(load_model(dir.path(), ConditioningMode::stroke), Contains("model.safetensors: ") && Contains(", over "));
  std::filesystem::remove(dir / "config.json");
  CHECK_THROWS_WITH(load_model(dir.path(), ConditioningMode::stroke), Contains("config.json: cannot open the model's config"));
  test::write_text(dir / "config.json", R"({"format": "hanzi-ink model", "version": 3})");
  CHECK_THROWS_WITH(load_model(dir.path(), ConditioningMode::stroke), Contains("model version 3, this build reads version 2"));
}

TEST_CASE("random damage to a model's files is a one-line error or a loaded model, never a crash", "[model_file][errors]") {
  test::TempDir dir;
  const ModelInfo info = tiny_info();
  UNet unet(info.recipe.model);
  save_model(dir / "model.safetensors", info, *unet);
  const std::string weights = test::read_text(dir / "model.safetensors"), config = test::read_text(dir / "config.json");
  std::mt19937 rng(9);
  int refused = 0, loaded = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const bool in_config = trial % 3 == 0;
    std::string bad = in_config ? config : weights;
    // Damage lands in the weights' header (or the config) where it can mislead a reader.
    const size_t span = in_config ? bad.size() : std::min<size_t>(bad.size(), 4096);
    for (int e = 0; e < 3; ++e) bad[rng() % span] = "0123456789[]{}\",:-e \xff"[rng() % 21];
    test::write_text(dir / "model.safetensors", in_config ? weights : bad);
    test::write_text(dir / "config.json", in_config ? bad : config);
    try {
      load_model(dir.path(), ConditioningMode::stroke);
      ++loaded;
    } catch (const InkError& e) {
      ++refused;
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
      CHECK_THAT(e.what(), Contains(dir.path().string()));
    }
  }
  CHECK(refused > 100);
  CHECK(refused + loaded == 300);
}

TEST_CASE("an old model.pt loads with a note and ink-train --export converts it to the same weights", "[model_file]") {
  test::TempDir dir;
  const ModelInfo info = tiny_info();
  torch::manual_seed(2);
  UNet unet(info.recipe.model);
  save_archive(dir / "model.pt", info, *unet);
  CHECK(resolve_model_file(dir.path(), ConditioningMode::stroke) == dir / "model.pt");
  CHECK(same_weights(*load_model(dir.path(), ConditioningMode::stroke).unet, *unet));

  const test::ToolRun write = test::run_tool("ink-write", "干 --model " + test::shell_quote(dir.path().string()) + " --data " +
                                                             test::shell_quote(test::sample_dir().string()) + " --png " +
                                                             test::shell_quote((dir / "x.png").string()));
  CHECK(write.exit_code == 0);
  CHECK_THAT(write.err, Contains("model.pt is the old single-file form; convert it with: ink-train --export"));

  const test::ToolRun convert = test::run_tool("ink-train", "--export " + test::shell_quote(dir.path().string()));
  REQUIRE(convert.exit_code == 0);
  CHECK_THAT(convert.out, Contains("model.safetensors"));
  CHECK(resolve_model_file(dir.path(), ConditioningMode::stroke) == dir / "model.safetensors");
  LoadedModel converted = load_model(dir.path(), ConditioningMode::stroke);
  CHECK(same_weights(*converted.unet, *unet));
  CHECK(converted.info.styles == info.styles);
  CHECK(converted.info.trained_steps == 42);
}
