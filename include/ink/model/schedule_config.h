// The noise schedule's configuration and the meaning of a model's output, with diffusers' names.
// No torch here: configs and recipes are read by tools that never touch a tensor.
#pragma once
#include <string>

namespace ink {

enum class BetaSchedule { linear, scaled_linear, squaredcos_cap_v2 };
enum class PredictionType { epsilon, v_prediction, sample };
std::string to_string(BetaSchedule schedule);
std::string to_string(PredictionType type);
BetaSchedule beta_schedule_from_string(const std::string& text);
PredictionType prediction_type_from_string(const std::string& text);

struct NoiseScheduleConfig {
  int num_train_timesteps = 1000;
  double beta_start = 0.00085;
  double beta_end = 0.012;
  BetaSchedule beta_schedule = BetaSchedule::scaled_linear;
  PredictionType prediction_type = PredictionType::epsilon;
  void validate() const;  // throws InkError naming the bad value
};

}  // namespace ink
