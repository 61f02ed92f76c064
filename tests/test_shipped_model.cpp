// The shipped default model, as every program opens it: each style file beside it was learnt for
// these weights (a model trained again without its hands learnt again writes them off), its
// one-step student is its own and was taught the retuned brushes beside it, and every style has a
// layout: the data's own hand the identity, at an even weight.
#include "torch_catch.h"

#include "ink/model/diffusion_model.h"
#include "ink/model/model_file.h"
#include "ink/styles/learned_style.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the shipped stroke model's hands, retunings and student were all made for its weights", "[data]") {
  const std::filesystem::path dir = test::source_dir() / "assets" / "models" / "default";
  const std::string weights = load_model(dir, ConditioningMode::stroke).fingerprint;
  const std::vector<std::filesystem::path> files = learned_style_files(resolve_model_file(dir, ConditioningMode::stroke));
  CHECK(files.size() == 17);
  for (const std::filesystem::path& file : files) {
    INFO(file.string());
    CHECK(load_learned_style(file).base_fingerprint == weights);
  }
  const auto model = open_model(dir, ConditioningMode::stroke);
  const ModelSummary& summary = summary_of(*model);
  CHECK(summary.stale_parts.empty());
  CHECK(summary.retuned_styles == 4);
  CHECK(summary.learned_styles == 13);
  CHECK(summary.one_step_styles == 6);
  CHECK(summary.one_step_file.filename() == "model.safetensors");
  const LoadedModel student = load_model(summary.one_step_file, ConditioningMode::stroke);
  CHECK(student.info.teacher_fingerprint == weights);
  CHECK(student.info.taught_retunings == summary.retunings);  // the four retuned brushes, as they are now
  CHECK(summary.retunings.size() == 4);
  for (const std::string& style : summary.styles) {
    INFO(style);
    CHECK(summary.layouts.count(style) == 1);
  }
  const Layout& data_hand = summary.layouts.at("hanzi-writer-data");
  CHECK(data_hand.shift.x == 0.0f);
  CHECK(data_hand.scale_x == 1.0f);
  CHECK(!data_hand.weight);
  CHECK(data_hand.even_weight);
}
