// The noise schedule's settings as text and their checks; no torch, so recipes are read and
// checked by tools that never load it.
#include "ink/model/schedule_config.h"

#include "ink/base/error.h"

namespace ink {

std::string to_string(BetaSchedule schedule) {
  switch (schedule) {
    case BetaSchedule::linear: return "linear";
    case BetaSchedule::scaled_linear: return "scaled_linear";
    case BetaSchedule::squaredcos_cap_v2: return "squaredcos_cap_v2";
  }
  return "?";
}

std::string to_string(PredictionType type) {
  switch (type) {
    case PredictionType::epsilon: return "epsilon";
    case PredictionType::v_prediction: return "v_prediction";
    case PredictionType::sample: return "sample";
  }
  return "?";
}

BetaSchedule beta_schedule_from_string(const std::string& text) {
  for (auto s : {BetaSchedule::linear, BetaSchedule::scaled_linear, BetaSchedule::squaredcos_cap_v2})
    if (to_string(s) == text) return s;
  throw InkError("beta_schedule '" + text + "' unknown (expected linear, scaled_linear or squaredcos_cap_v2)");
}

PredictionType prediction_type_from_string(const std::string& text) {
  for (auto p : {PredictionType::epsilon, PredictionType::v_prediction, PredictionType::sample})
    if (to_string(p) == text) return p;
  throw InkError("prediction_type '" + text + "' unknown (expected epsilon, v_prediction or sample)");
}

void NoiseScheduleConfig::validate() const {
  if (num_train_timesteps < 2 || num_train_timesteps > 100000)
    throw InkError("num_train_timesteps " + std::to_string(num_train_timesteps) + " out of range (2..100000)");
  if (beta_schedule != BetaSchedule::squaredcos_cap_v2 && !(0 < beta_start && beta_start < beta_end && beta_end < 1))
    throw InkError("betas must satisfy 0 < beta_start < beta_end < 1, got beta_start " + std::to_string(beta_start) +
                   " and beta_end " + std::to_string(beta_end));
}

}  // namespace ink
