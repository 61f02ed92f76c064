// One-step distillation: a student trained on a teacher's three-step samples comes closer to them
// in one step than the teacher itself does; recipes that name a teacher are checked and kept.
#include "torch_catch.h"

#include "ink/base/error.h"
#include "ink/dataset/training_data.h"
#include "ink/model/model_file.h"
#include "ink/training/trainer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

// An untrained v-prediction model: v gives the clean image at the first timestep, where the
// student is asked (an epsilon model divides by a vanishing alpha there).
void save_teacher(const std::filesystem::path& dir) {
  ModelInfo info = test::tiny_model_info(ConditioningMode::stroke);
  info.recipe.model.prediction_type = PredictionType::v_prediction;
  test::save_tiny_model_as(dir / "model.safetensors", info, 3);
}

TrainingRecipe distilling(const test::TempDir& dir, int steps) {
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", steps);
  recipe.distill_from = dir / "teacher";
  recipe.init_from = dir / "teacher";
  recipe.learning_rate = 3e-3;
  recipe.min_learning_rate = 3e-4;
  recipe.eval_samples = 8;
  return recipe;
}

}  // namespace

TEST_CASE("a distilled student writes in one step what the teacher writes in three", "[train]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永'}, 16);
  save_teacher(dir / "teacher");
  Trainer trainer(distilling(dir, 60), dir / "student");
  const auto data = std::make_shared<TrainingData>(dir / "data", trainer.recipe().model);
  trainer.set_data(data, data, {"hanzi-writer-data"});
  // At step 0 the student is the teacher: the loss is the gap between its one step and its three.
  const double before = trainer.eval_loss();
  trainer.run({}, {});
  const double after = trainer.eval_loss();
  INFO("distillation loss " << before << " -> " << after);
  CHECK(before > 0);
  CHECK(after < 0.5 * before);
  // The exported model says whose student it is: the writers ask it once.
  const LoadedModel student = load_model(dir / "student" / "model.safetensors", ConditioningMode::stroke);
  CHECK(student.info.recipe.distill_from == dir / "teacher");
  CHECK(student.info.recipe.teacher_steps == 3);
  CHECK(student.info.teacher_fingerprint == load_model(dir / "teacher", ConditioningMode::stroke).fingerprint);
  // And which brushes it was taught: the teacher's styles as trained, none retuned.
  CHECK(student.info.taught_retunings == std::map<std::string, std::string>{});
}

TEST_CASE("a teacher of another shape is refused before training", "[train]") {
  test::TempDir dir;
  save_teacher(dir / "teacher");
  TrainingRecipe recipe = distilling(dir, 4);
  recipe.init_from.clear();
  recipe.model.block_out_channels = {16, 16};
  REQUIRE_THROWS_WITH(Trainer(recipe, dir / "student"), Contains("distill_from") && Contains("block_out_channels"));
  CHECK(!std::filesystem::exists(dir / "student"));
}

TEST_CASE("a distilling recipe keeps its teacher through JSON and refuses a one-step teacher", "[train]") {
  test::TempDir dir;
  TrainingRecipe recipe = distilling(dir, 4);
  recipe.teacher_steps = 4;
  recipe.teacher_refine_from = 60;
  const TrainingRecipe back = training_recipe_from_json(training_recipe_to_json(recipe), "recipe");
  CHECK(back.distill_from == recipe.distill_from);
  CHECK(back.teacher_steps == 4);
  CHECK(back.teacher_refine_from == 60);
  std::string json = training_recipe_to_json(recipe);
  json.replace(json.find("\"teacher_steps\": 4"), 18, "\"teacher_steps\": 1");
  REQUIRE_THROWS_WITH(training_recipe_from_json(json, "r.json"), Contains("r.json") && Contains("'teacher_steps' is 1"));
}
