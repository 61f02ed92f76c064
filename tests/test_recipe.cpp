// Training recipes: what a good one reads as, what a bad one says, and the LR schedule.
#include "torch_catch.h"

#include "ink/base/error.h"
#include "ink/training/training_recipe.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

const char* kRecipe = R"({
  "model": {"mode": "stroke", "sample_size": 16, "in_channels": 4, "block_out_channels": [8, 16],
            "layers_per_block": 1, "norm_num_groups": 4, "attention_head_dim": 16, "prediction_type": "v_prediction"},
  "schedule": {"beta_schedule": "squaredcos_cap_v2"},
  "steps": 100, "warmup_steps": 10, "learning_rate": 0.001, "min_learning_rate": 0.0001, "batch_size": 4
})";

std::string with(const std::string& key_value) {
  std::string text = kRecipe;
  return text.insert(text.rfind('}'), ", " + key_value);
}

}  // namespace

TEST_CASE("a recipe reads its model and schedule and optimiser settings", "[recipe]") {
  const TrainingRecipe r = training_recipe_from_json(kRecipe, "r.json");
  CHECK(r.model.sample_size == 16);
  CHECK(r.schedule.beta_schedule == BetaSchedule::squaredcos_cap_v2);
  CHECK(r.schedule.prediction_type == PredictionType::v_prediction);  // always the model's
  CHECK(r.steps == 100);
  CHECK(r.batch_size == 4);
  // Round trip: what a checkpoint stores reads back the same.
  CHECK(training_recipe_to_json(training_recipe_from_json(training_recipe_to_json(r), "again")) == training_recipe_to_json(r));
  CHECK(r.data_placement == StrokePlacement::settled);
  const TrainingRecipe in_place = training_recipe_from_json(with("\"data_placement\": \"in-place\""), "r.json");
  CHECK(in_place.data_placement == StrokePlacement::in_place);
  CHECK(training_recipe_from_json(training_recipe_to_json(in_place), "again").data_placement == StrokePlacement::in_place);
}

TEST_CASE("a bad recipe is refused with the file and the key named", "[recipe]") {
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"lerning_rate\": 1"), "r.json"), Contains("r.json") && Contains("lerning_rate"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"grad_clip\": -1"), "r.json"), Contains("grad_clip") && Contains("-1"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"warmup_steps\": 500"), "r.json"), Contains("warmup_steps"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"steps\": \"many\""), "r.json"),
                    Contains("r.json: 'steps' is \"many\", expected a whole number"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"steps\": 1e20"), "r.json"), Contains("r.json: 'steps' is 1e+20, expected a whole number"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"seed\": -1"), "r.json"), Contains("'seed' is -1, expected a whole number, 0 or more"));
  CHECK_THROWS_WITH(training_recipe_from_json(R"({"steps": 5})", "r.json"), Contains("no 'model'"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"data_placement\": \"moved\""), "r.json"),
                    Contains("r.json: data_placement: placement 'moved' is neither 'settled' nor 'in-place'"));
  CHECK_THROWS_WITH(training_recipe_from_json("{\"steps\": ", "r.json"), Contains("malformed JSON"));
  CHECK_THROWS_WITH(training_recipe_from_json(with("\"learning_rate\": 1e999"), "r.json"), Contains("r.json: number overflow parsing '1e999'"));
  std::string bad_model = kRecipe;
  bad_model.replace(bad_model.find("\"in_channels\": 4"), 16, "\"in_channels\": 3");
  CHECK_THROWS_WITH(training_recipe_from_json(bad_model, "r.json"), Contains("in_channels 3"));
}

TEST_CASE("the learning rate warms up linearly then follows a cosine to the minimum", "[recipe]") {
  const TrainingRecipe r = training_recipe_from_json(kRecipe, "r.json");
  CHECK(learning_rate_at(r, 0) < learning_rate_at(r, 5));
  CHECK(learning_rate_at(r, 5) < learning_rate_at(r, 9));
  CHECK(learning_rate_at(r, 10) == Approx(0.001));
  CHECK(learning_rate_at(r, 55) == Approx(0.0001 + 0.0009 * 0.5));  // half-way down the cosine
  CHECK(learning_rate_at(r, 100) == Approx(0.0001));
  for (int s = 11; s < 100; ++s) CHECK(learning_rate_at(r, s) <= learning_rate_at(r, s - 1));
}
