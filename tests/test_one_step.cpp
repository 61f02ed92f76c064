// The one-step student beside a model (MODE/one-step/): the writers ask it once by default for
// the styles it knows, ask the model itself when given a number of steps, and refuse a student of
// another model.
#include "torch_catch.h"

#include "ink/model/model_file.h"
#include "ink/styles/learned_style.h"
#include "ink/writing/writer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

// A tiny v-prediction model (untrained: which network wrote shows in what it wrote).
void save_model_at(const std::filesystem::path& file, int seed, const std::filesystem::path& teacher = {},
                   std::vector<int> channels = {8, 16}, const std::string& teacher_fingerprint = "",
                   std::optional<std::map<std::string, std::string>> taught_retunings = std::nullopt) {
  ModelInfo info = test::tiny_model_info(ConditioningMode::stroke, {"hanzi-writer-data", "kai"});
  info.recipe.model.prediction_type = PredictionType::v_prediction;
  info.recipe.model.block_out_channels = std::move(channels);
  info.recipe.distill_from = teacher;
  info.teacher_fingerprint = teacher_fingerprint;
  info.taught_retunings = std::move(taught_retunings);
  test::save_tiny_model_as(file, info, seed);
}

std::vector<Coverage> written(const std::filesystem::path& model_dir, int steps, int style = 0) {
  WriterSettings settings;
  settings.steps = steps;
  settings.seed = 5;
  settings.style = style;
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
  CHECK(summary_of(*both).one_step_styles == 2);
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

TEST_CASE("a style retuned since the student was distilled is sampled by the model, with a note saying how to distil it again", "[writer]") {
  test::TempDir dir;
  const std::filesystem::path model = dir / "m" / "stroke" / "model.safetensors", student = dir / "m" / "stroke" / "one-step" / "model.safetensors";
  save_model_at(model, 3);
  LoadedModel loaded = load_model(model, ConditioningMode::stroke);
  const std::map<std::string, std::string> as_trained;
  save_model_at(student, 4, dir / "m", {8, 16}, loaded.fingerprint, as_trained);
  CHECK(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts.empty());
  const std::vector<Coverage> kai_taught = written(dir / "m", 0, 1);
  CHECK(!test::same_coverages(kai_taught, written(dir / "m", 3, 1)));

  // kai retuned after the distillation: the student still knows the trained row only.
  LearnedStyle retuning;
  retuning.name = "kai";
  retuning.retunes = true;
  retuning.base_fingerprint = loaded.fingerprint;
  retuning.embedding.assign(static_cast<size_t>(loaded.unet->style_table().size(1)), 0.5f);
  save_learned_style(learned_style_file(model, "kai"), retuning);
  const auto retuned = open_model(dir / "m", ConditioningMode::stroke);
  REQUIRE(summary_of(*retuned).stale_parts.size() == 1);
  CHECK_THAT(summary_of(*retuned).stale_parts[0], Contains("one-step/model.safetensors") && Contains("taught kai's brush as trained") &&
                                                      Contains(brush_fingerprint(retuning)) && Contains("distilled again (ink-train "));
  CHECK(summary_of(*retuned).one_step_file == student);  // the data's hand still writes through it
  CHECK(test::same_coverages(written(dir / "m", 0, 1), written(dir / "m", 3, 1)));
  CHECK(!test::same_coverages(written(dir / "m", 0), written(dir / "m", 3)));

  // A student taught this retuning writes it; one taught another is not trusted with it.
  save_model_at(student, 4, dir / "m", {8, 16}, loaded.fingerprint, std::map<std::string, std::string>{{"kai", brush_fingerprint(retuning)}});
  CHECK(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts.empty());
  CHECK(test::same_coverages(written(dir / "m", 0, 1), kai_taught));
  save_model_at(student, 4, dir / "m", {8, 16}, loaded.fingerprint, std::map<std::string, std::string>{{"kai", "0123456789abcdef"}});
  REQUIRE(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts.size() == 1);
  CHECK_THAT(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts[0], Contains("as retuned then (0123456789abcdef)"));
  // The retuning taken away again: the student's retuned brush is not the trained row.
  std::filesystem::remove(learned_style_file(model, "kai"));
  CHECK_THAT(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts.at(0), Contains("it is now as trained"));
  // A student from before the record is trusted with the retunings beside it.
  save_learned_style(learned_style_file(model, "kai"), retuning);
  save_model_at(student, 4, dir / "m", {8, 16}, loaded.fingerprint);
  CHECK(summary_of(*open_model(dir / "m", ConditioningMode::stroke)).stale_parts.empty());
  CHECK(test::same_coverages(written(dir / "m", 0, 1), kai_taught));
}
