// TrainingRecipe: JSON in and out, validation, and the learning-rate schedule it implies.
#include "ink/training/training_recipe.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {
namespace {

NoiseScheduleConfig schedule_from_json(const nlohmann::json& doc) {
  NoiseScheduleConfig schedule;
  for (const auto& [key, value] : doc.items()) {
    if (key == "num_train_timesteps") schedule.num_train_timesteps = json_int(value, "schedule." + key);
    else if (key == "beta_schedule") schedule.beta_schedule = beta_schedule_from_string(value.get<std::string>());
    else if (key == "beta_start") schedule.beta_start = value.get<double>();
    else if (key == "beta_end") schedule.beta_end = value.get<double>();
    else throw InkError("unknown key 'schedule." + key + "'");
  }
  return schedule;
}

void check(bool ok, const std::string& key, const std::string& value, const std::string& expected) {
  if (!ok) throw InkError("'" + key + "' is " + value + ", expected " + expected);
}

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

void TrainingRecipe::validate() const {
  model.validate();
  schedule.validate();
  check(batch_size >= 1 && batch_size <= 4096, "batch_size", number(batch_size), "1..4096");
  check(steps >= 1, "steps", number(steps), "at least 1");
  check(learning_rate > 0 && learning_rate < 1, "learning_rate", number(learning_rate), "in (0, 1)");
  check(min_learning_rate >= 0 && min_learning_rate <= learning_rate, "min_learning_rate", number(min_learning_rate),
        "between 0 and learning_rate " + number(learning_rate));
  check(warmup_steps >= 0 && warmup_steps < steps, "warmup_steps", number(warmup_steps), "0..steps-1");
  check(weight_decay >= 0, "weight_decay", number(weight_decay), "not negative");
  check(grad_clip > 0, "grad_clip", number(grad_clip), "positive");
  check(ema_decay >= 0 && ema_decay < 1, "ema_decay", number(ema_decay), "in [0, 1)");
  check(condition_dropout >= 0 && condition_dropout < 1, "condition_dropout", number(condition_dropout), "in [0, 1)");
  check(canvas_augmentation >= 0 && canvas_augmentation <= 1, "canvas_augmentation", number(canvas_augmentation), "in [0, 1]");
  check(style_balance >= 0 && style_balance <= 1, "style_balance", number(style_balance), "in [0, 1]");
  check(checkpoint_every >= 1, "checkpoint_every", number(checkpoint_every), "at least 1");
  check(eval_every >= 0, "eval_every", number(eval_every), "0 (never) or more");
  check(eval_samples >= 1, "eval_samples", number(eval_samples), "at least 1");
  check(threads >= 0, "threads", number(threads), "0 (one per core) or more");
  check(mixed_precision == "no" || mixed_precision == "bf16", "mixed_precision", "\"" + mixed_precision + "\"", "\"no\" or \"bf16\"");
  check(teacher_steps >= 2 && teacher_steps <= 50, "teacher_steps", number(teacher_steps), "2..50");
  check(teacher_refine_from >= teacher_steps - 1, "teacher_refine_from", number(teacher_refine_from),
        "at least teacher_steps - 1");
  check(!data_chars.empty() || !data_dir.empty(), "data_chars", "empty", "a selection such as \"seen\"");
}

TrainingRecipe training_recipe_from_json(const std::string& json_text, const std::string& where) {
  const nlohmann::json doc = parse_json_object(json_text, where);
  TrainingRecipe recipe;
  bool has_model = false;
  try {
    for (const auto& [key, value] : doc.items()) {
      if (key == "model") {
        recipe.model = unet_config_from_json(value.dump(), where + " (model)");
        has_model = true;
      } else if (key == "schedule") recipe.schedule = schedule_from_json(value);
      else if (key == "data_chars") recipe.data_chars = value.get<std::string>();
      else if (key == "data_dir") recipe.data_dir = value.get<std::string>();
      else if (key == "data_fonts") recipe.data_fonts = value.get<std::string>();
      else if (key == "data_placement") recipe.data_placement = parse_stroke_placement(value.get<std::string>(), key);
      else if (key == "init_from") recipe.init_from = value.get<std::string>();
      else if (key == "distill_from") recipe.distill_from = value.get<std::string>();
      else if (key == "teacher_steps") recipe.teacher_steps = json_int(value, key);
      else if (key == "teacher_refine_from") recipe.teacher_refine_from = json_int(value, key);
      else if (key == "eval_chars") recipe.eval_chars = value.get<std::string>();
      else if (key == "eval_samples") recipe.eval_samples = json_int(value, key);
      else if (key == "eval_every") recipe.eval_every = json_int(value, key);
      else if (key == "batch_size") recipe.batch_size = json_int(value, key);
      else if (key == "steps") recipe.steps = json_int(value, key);
      else if (key == "learning_rate") recipe.learning_rate = value.get<double>();
      else if (key == "min_learning_rate") recipe.min_learning_rate = value.get<double>();
      else if (key == "warmup_steps") recipe.warmup_steps = json_int(value, key);
      else if (key == "weight_decay") recipe.weight_decay = value.get<double>();
      else if (key == "grad_clip") recipe.grad_clip = value.get<double>();
      else if (key == "ema_decay") recipe.ema_decay = value.get<double>();
      else if (key == "condition_dropout") recipe.condition_dropout = value.get<double>();
      else if (key == "canvas_augmentation") recipe.canvas_augmentation = value.get<double>();
      else if (key == "style_balance") recipe.style_balance = value.get<double>();
      else if (key == "checkpoint_every") recipe.checkpoint_every = json_int(value, key);
      else if (key == "seed") recipe.seed = json_uint64(value, key);
      else if (key == "threads") recipe.threads = json_int(value, key);
      else if (key == "mixed_precision") recipe.mixed_precision = value.get<std::string>();
      else if (key == "format" || key == "version" || key == "comment") continue;
      else throw InkError("unknown key '" + key + "'");
    }
    if (!has_model) throw InkError("no 'model' (the UNet config)");
    recipe.schedule.prediction_type = recipe.model.prediction_type;
    recipe.validate();
  } catch (const nlohmann::json::type_error& e) {
    throw InkError(where + ": a value has the wrong type (" + std::string(e.what()) + ")");
  } catch (const InkError& e) {
    const std::string message = e.what();
    throw InkError(message.rfind(where, 0) == 0 ? message : where + ": " + message);
  }
  return recipe;
}

std::string training_recipe_to_json(const TrainingRecipe& r) {
  nlohmann::json doc = {
      {"format", "hanzi-ink recipe"},
      {"version", 1},
      {"model", nlohmann::json::parse(unet_config_to_json(r.model))},
      {"schedule",
       {{"num_train_timesteps", r.schedule.num_train_timesteps},
        {"beta_schedule", to_string(r.schedule.beta_schedule)},
        {"beta_start", r.schedule.beta_start},
        {"beta_end", r.schedule.beta_end}}},
      {"data_chars", r.data_chars},
      {"eval_chars", r.eval_chars},
      {"eval_samples", r.eval_samples},
      {"eval_every", r.eval_every},
      {"batch_size", r.batch_size},
      {"steps", r.steps},
      {"learning_rate", r.learning_rate},
      {"min_learning_rate", r.min_learning_rate},
      {"warmup_steps", r.warmup_steps},
      {"weight_decay", r.weight_decay},
      {"grad_clip", r.grad_clip},
      {"ema_decay", r.ema_decay},
      {"condition_dropout", r.condition_dropout},
      {"canvas_augmentation", r.canvas_augmentation},
      {"style_balance", r.style_balance},
      {"checkpoint_every", r.checkpoint_every},
      {"seed", r.seed},
      {"threads", r.threads},
  };
  if (!r.data_dir.empty()) doc["data_dir"] = r.data_dir.string();
  if (!r.data_fonts.empty()) doc["data_fonts"] = r.data_fonts;
  if (r.data_placement != StrokePlacement::settled) doc["data_placement"] = to_string(r.data_placement);
  if (!r.init_from.empty()) doc["init_from"] = r.init_from.string();
  if (r.mixed_precision != "no") doc["mixed_precision"] = r.mixed_precision;
  if (!r.distill_from.empty()) {
    doc["distill_from"] = r.distill_from.string();
    doc["teacher_steps"] = r.teacher_steps;
    doc["teacher_refine_from"] = r.teacher_refine_from;
  }
  return doc.dump(2) + "\n";
}

TrainingRecipe load_training_recipe(const std::filesystem::path& file) {
  return training_recipe_from_json(read_text_file(file, "recipe"), file.string());
}

double learning_rate_at(const TrainingRecipe& recipe, int64_t step) {
  if (step < recipe.warmup_steps) return recipe.learning_rate * static_cast<double>(step + 1) / (recipe.warmup_steps + 1);
  const double span = std::max(1, recipe.steps - recipe.warmup_steps);
  const double progress = std::min(1.0, static_cast<double>(step - recipe.warmup_steps) / span);
  const double cosine = 0.5 * (1.0 + std::cos(M_PI * progress));
  return recipe.min_learning_rate + (recipe.learning_rate - recipe.min_learning_rate) * cosine;
}

}  // namespace ink
