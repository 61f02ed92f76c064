// Opening a model for writing: the file, its schedule, and a summary for the fronts.
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>

#include "ink/base/error.h"
#include "ink/styles/learned_style.h"
#include "model/diffusion_model_impl.h"
#include "styles/style_adapter.h"

namespace ink {

namespace {

// Where the learnt hands put their strokes, by name: their layouts and structure rows (each with
// the file it came from, for errors).
struct HandPlacements {
  StyleLayouts layouts;
  std::map<std::string, std::pair<std::vector<float>, std::filesystem::path>> structure_rows;
};

std::string stale_hand_line(const std::filesystem::path& file, const LearnedStyle& style, const std::string& weights) {
  const std::string how = style.retunes ? "tools/workflows/retune-styles"
                                        : "ink-train --style-images DIR --name " + style.name;
  return file.string() + ": learnt for the model's weights " + style.base_fingerprint + ", these are " + weights +
         "; its brush may be off until it is learnt again (" + how + ")";
}

// The learnt hands beside the model file become extra style rows, listed after the trained ones;
// a retuning takes the place of the trained style it retunes. A hand with an adapter writes
// with its own copy of the UNet (unet_for), made after every row is in.
HandPlacements add_learned_styles(DiffusionModel& model) {
  std::map<int, AdapterValues> adapters;
  HandPlacements hands;
  const size_t trained = model.summary.styles.size();
  for (const std::filesystem::path& file : learned_style_files(model.summary.file)) {
    const LearnedStyle style = load_learned_style(file);
    const auto& names = model.summary.styles;
    check_hand_name(file, style, names, trained);
    const size_t same_name = static_cast<size_t>(std::find(names.begin(), names.end(), style.name) - names.begin());
    UNetImpl& unet = *model.loaded.unet;
    if (static_cast<int64_t>(style.embedding.size()) != unet.style_table().size(1))
      throw InkError(file.string() + ": learnt for another model (embedding of " + std::to_string(style.embedding.size()) +
                     " values, this model has " + std::to_string(unet.style_table().size(1)) + ")");
    if (!style.base_fingerprint.empty() && !model.loaded.fingerprint.empty() &&
        style.base_fingerprint != model.loaded.fingerprint)
      model.summary.stale_parts.push_back(stale_hand_line(file, style, model.loaded.fingerprint));
    const torch::Tensor row = torch::tensor(style.embedding).reshape({1, -1});
    int id = 0;
    if (style.retunes) {
      id = model.style_ids[same_name];
      torch::NoGradGuard no_grad;
      unet.style_table().narrow(0, id, 1).copy_(row);
      ++model.summary.retuned_styles;
      model.summary.retunings[style.name] = brush_fingerprint(style);
    } else {
      model.style_ids.push_back(static_cast<int>(unet.append_style_rows(row)));
      model.summary.styles.push_back(style.name);
      ++model.summary.learned_styles;
      id = model.style_ids.back();
    }
    if (!style.adapter.empty()) {
      try {
        check_adapter(unet, style.adapter);
      } catch (const InkError& e) {
        throw InkError(file.string() + ": learnt for another model (" + e.what() + ")");
      }
      adapters[id] = style.adapter;
    }
    if (style.layout) hands.layouts[style.name] = *style.layout;
    if (!style.structure_row.empty()) hands.structure_rows[style.name] = {style.structure_row, file};
  }
  model.adapters = std::move(adapters);
  return hands;
}

// MODE/structure.safetensors, with a row for each of its styles the model has and for each
// learnt hand that has one.
void add_structure_model(DiffusionModel& model, const HandPlacements& hands) {
  const std::filesystem::path file = structure_file(model.summary.file);
  if (!std::filesystem::exists(file)) return;
  auto structure = std::make_shared<StructureModel>(StructureModel::load(file));
  const auto& styles = model.summary.styles;
  for (size_t i = 0; i < structure->styles(); ++i)
    if (const std::string name = structure->name(i); std::find(styles.begin(), styles.end(), name) == styles.end())
      throw InkError(file.string() + ": a row for style '" + name + "', which is not one of the model's styles");
  for (const auto& [name, row] : hands.structure_rows) {
    try {
      structure->add_row(name, row.first);
    } catch (const InkError& e) {
      throw InkError(row.second.string() + ": " + e.what());
    }
  }
  for (size_t i = 0; i < structure->styles(); ++i) model.summary.structure_styles.push_back(structure->name(i));
  model.structure = std::move(structure);
}

// MODE/one-step/: the student distilled from this model, checked to be its own.
void add_one_step_student(DiffusionModel& model) {
  const std::filesystem::path file = model.summary.file.parent_path() / "one-step" / "model.safetensors";
  if (!std::filesystem::exists(file)) return;
  LoadedModel student = load_model(file, model.summary.mode);
  const std::string differences = config_differences(student.info.recipe.model, model.loaded.info.recipe.model);
  if (!differences.empty()) throw InkError(file.string() + ": a one-step student of another model (" + differences + ")");
  if (student.info.recipe.distill_from.empty())
    throw InkError(file.string() + ": not a one-step student (its recipe has no distill_from)");
  const std::string& taught_by = student.info.teacher_fingerprint;
  if (!taught_by.empty() && !model.loaded.fingerprint.empty() && taught_by != model.loaded.fingerprint) {
    model.summary.stale_parts.push_back(file.string() + ": a one-step student of the model's weights " + taught_by + ", these are " +
                                        model.loaded.fingerprint + "; the model samples itself until it is distilled again (ink-train " +
                                        (file.parent_path() / "recipe.json").string() + " --out " + file.parent_path().string() + ")");
    return;
  }
  model.summary.one_step_file = file;
  model.summary.one_step_styles = static_cast<int>(student.info.styles.size());
  model.one_step = std::move(student);
}

// A trained style retuned, retuned again or no longer retuned since the student was distilled: the
// student writes the brush it was taught, so the model samples that style itself until the student
// is distilled again.
void drop_untaught_styles(DiffusionModel& model) {
  if (!model.one_step.unet || !model.one_step.info.taught_retunings) return;
  const auto& taught = *model.one_step.info.taught_retunings;
  const auto& now = model.summary.retunings;
  const std::filesystem::path& file = model.summary.one_step_file;
  for (int i = 0; i < model.summary.one_step_styles; ++i) {
    const std::string& name = model.summary.styles[i];
    const auto was = taught.find(name), is = now.find(name);
    const std::string before = was == taught.end() ? "" : was->second, after = is == now.end() ? "" : is->second;
    if (before == after) continue;
    model.untaught_styles.insert(model.style_ids[i]);
    model.summary.stale_parts.push_back(file.string() + ": a one-step student taught " + name + "'s brush " +
                                        (before.empty() ? "as trained" : "as retuned then (" + before + ")") + ", it is now " +
                                        (after.empty() ? "as trained" : "retuned (" + after + ")") + "; the model samples " + name +
                                        " itself until the student is distilled again (ink-train " +
                                        (file.parent_path() / "recipe.json").string() + " --out " + file.parent_path().string() + ")");
  }
}

}  // namespace

std::shared_ptr<DiffusionModel> open_model(const std::filesystem::path& path, ConditioningMode mode) {
  auto model = std::make_shared<DiffusionModel>();
  model->loaded = load_model(path, mode);
  model->schedule = std::make_shared<NoiseSchedule>(model->loaded.info.recipe.schedule);
  ModelSummary& s = model->summary;
  s.file = resolve_model_file(path, mode);
  s.mode = mode;
  s.sample_size = model->loaded.info.recipe.model.sample_size;
  s.parameters = model->loaded.unet->parameter_count();
  s.trained_steps = model->loaded.info.trained_steps;
  s.styles = model->loaded.info.styles;
  s.classes = model->loaded.info.classes;
  for (size_t i = 0; i < s.styles.size(); ++i) model->style_ids.push_back(static_cast<int>(i));
  if (mode == ConditioningMode::class_label) return model;
  add_one_step_student(*model);
  const HandPlacements hands = add_learned_styles(*model);
  drop_untaught_styles(*model);
  for (const std::string& line : s.stale_parts) std::fprintf(stderr, "note: %s\n", line.c_str());
  if (const auto file = layouts_file(s.file); std::filesystem::exists(file)) {
    s.layouts = load_layouts(file);
    for (const auto& [name, layout] : s.layouts)
      if (std::find(s.styles.begin(), s.styles.end(), name) == s.styles.end())
        throw InkError(file.string() + ": a layout for style '" + name + "', which is not one of the model's styles");
  }
  for (const auto& [name, layout] : hands.layouts) s.layouts[name] = layout;
  add_structure_model(*model, hands);
  return model;
}

UNet& DiffusionModel::unet_for(int64_t style) {
  if (const auto it = adapted.find(static_cast<int>(style)); it != adapted.end()) return it->second;
  const auto values = adapters.find(static_cast<int>(style));
  if (values == adapters.end()) return loaded.unet;
  UNet copy = copy_unet(*loaded.unet);
  apply_adapter(*copy, values->second);
  return adapted.emplace(static_cast<int>(style), copy).first->second;
}

bool DiffusionModel::student_writes(int steps, int64_t style) const {
  // Learnt hands are appended after the trained styles; the null style (guidance) is the last
  // trained row's successor in the student's own table, so it counts as known. A trained style
  // whose brush changed since the distillation does not.
  const bool knows = one_step.unet && (style < summary.one_step_styles || style == one_step.unet->null_style()) &&
                     untaught_styles.count(style) == 0;
  return knows && steps == 0;
}

int DiffusionModel::steps_for(int steps, int64_t style) const {
  if (steps > 0) return steps;
  if (student_writes(steps, style)) return 1;
  // Whole glyphs: two steps wrote as well as three on 300 held-out characters (docs/model.md,
  // One-step strokes), in two thirds of the time. Strokes without the student keep three.
  return summary.mode == ConditioningMode::whole ? 2 : 3;
}

int steps_for(const DiffusionModel& model, int steps, int style) { return model.steps_for(steps, style); }

const ModelSummary& summary_of(const DiffusionModel& model) { return model.summary; }

int style_id(const DiffusionModel& model, const std::string& name) {
  const auto& styles = model.summary.styles;
  if (name.empty()) return 0;
  for (size_t i = 0; i < styles.size(); ++i)
    if (styles[i] == name) return model.style_ids[i];
  std::string known;
  for (const auto& s : styles) known += (known.empty() ? "" : ", ") + s;
  throw InkError("style '" + name + "' unknown to " + model.summary.file.string() + " (it has: " + known + ")");
}

}  // namespace ink
