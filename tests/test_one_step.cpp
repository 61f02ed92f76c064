// The one-step student beside a model (MODE/one-step/): the writers ask it once by default for
// the styles it knows, ask the model itself when given a number of steps, and refuse a student of
// another model.
#include "torch_catch.h"

#include "ink/model/model_file.h"
#include "ink/writing/writer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

// A tiny v-prediction model (untrained: which network wrote shows in what it wrote).
void save_model_at(const std::filesystem::path& file, int seed, const std::filesystem::path& teacher = {},
                   std::vector<int> channels = {8, 16}, const std::string& teacher_fingerprint = "") {
  ModelInfo info = test::tiny_model_info(ConditioningMode::stroke);
  info.recipe.model.prediction_type = PredictionType::v_prediction;
  info.recipe.model.block_out_channels = std::move(channels);
  info.recipe.distill_from = teacher;
  info.teacher_fingerprint = teacher_fingerprint;
  test::save_tiny_model_as(file, info, seed);
}

std::vector<Coverage> written(const std::filesystem::path& model_dir, int steps) {
  WriterSettings settings;
  settings.steps = steps;
  settings.seed = 5;
  StrokeWriter writer(open_model(model_dir, ConditioningMode::stroke), test::sample_library().glyph(U'干'), settings);
  writer.write();
  return writer.strokes();
}

}  // namespace

TEST_CASE("a model with a one-step student writes through it by default and through itself for more steps", "[writer]") {
  test::TempDir dir;
  save_model_at(dir / "teacher" / "stroke" / "model.safetensors", 3);
  save_model_at(dir / "student" / "stroke" / "model.safetensors", 4, dir / "teacher");
  save_model_at(dir / "both" / "stroke" / "model.safetensors", 3);
  save_model_at(dir / "both" / "stroke" / "one-step" / "model.safetensors", 4, dir / "teacher");

  const auto both = open_model(dir / "both", ConditioningMode::stroke);
  CHECK(summary_of(*both).one_step_file == dir / "both" / "stroke" / "one-step" / "model.safetensors");
  CHECK(summary_of(*both).one_step_styles == 1);
  // The default is the student's single call.
  CHECK(test::same_coverages(written(dir / "both", 0), written(dir / "student", 1)));
  CHECK(!test::same_coverages(written(dir / "both", 0), written(dir / "teacher", 1)));
  // Steps asked for are the model's own sampler, one included (its conditional mean).
  CHECK(test::same_coverages(written(dir / "both", 1), written(dir / "teacher", 1)));
  CHECK(test::same_coverages(written(dir / "both", 3), written(dir / "teacher", 3)));
  // Without a student the default is the model's three steps.
  CHECK(test::same_coverages(written(dir / "teacher", 0), written(dir / "teacher", 3)));
}

TEST_CASE("a one-step student of another model, or a model that is not a student, is refused by name", "[writer]") {
  test::TempDir dir;
  save_model_at(dir / "a" / "stroke" / "model.safetensors", 3);
  save_model_at(dir / "a" / "stroke" / "one-step" / "model.safetensors", 4, dir / "a", {16, 16});
  REQUIRE_THROWS_WITH(open_model(dir / "a", ConditioningMode::stroke),
                      Contains("one-step/model.safetensors") && Contains("another model") && Contains("block_out_channels"));
  save_model_at(dir / "b" / "stroke" / "model.safetensors", 3);
  save_model_at(dir / "b" / "stroke" / "one-step" / "model.safetensors", 4);
  REQUIRE_THROWS_WITH(open_model(dir / "b", ConditioningMode::stroke), Contains("not a one-step student"));
}

TEST_CASE("a one-step student of other weights is left unused, with a note saying how to distil it again", "[writer]") {
  test::TempDir dir;
  const std::filesystem::path model = dir / "m" / "stroke" / "model.safetensors", student = dir / "m" / "stroke" / "one-step" / "model.safetensors";
  save_model_at(model, 3);
  const std::string weights = load_model(model, ConditioningMode::stroke).fingerprint;
  save_model_at(student, 4, dir / "m", {8, 16}, weights);
  CHECK(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).one_step_file == student);
  // The model trained again: same shape and steps, other weights.
  save_model_at(model, 5);
  const auto retrained = open_model(dir / "m", ConditioningMode::stroke);
  CHECK(summary_of(*retrained).one_step_file.empty());
  REQUIRE(summary_of(*retrained).stale_parts.size() == 1);
  CHECK_THAT(summary_of(*retrained).stale_parts[0], Contains("one-step/model.safetensors") && Contains(weights) &&
                                                        Contains("distilled again (ink-train ") && Contains("recipe.json --out "));
  CHECK(test::same_coverages(written(dir / "m", 0), written(dir / "m", 3)));
}
