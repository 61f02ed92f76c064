// The writing panel: what to write (text with IME through SDL text input), the mode, style,
// seed, sampler steps, guidance and style strength. Changing any of them writes the text again.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <random>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_writing_panel(Viewer& viewer) {
  ViewerOptions& o = viewer.options;
  if (!ImGui::CollapsingHeader("Writing", ImGuiTreeNodeFlags_DefaultOpen)) return;
  bool rewrite = false;
  ImGui::SetNextItemWidth(-70);
  rewrite |= ImGui::InputText("##text", &o.text, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  rewrite |= ImGui::Button("Write");

  int mode = o.mode == ConditioningMode::whole ? 1 : 0;
  ImGui::TextUnformatted("Mode");
  ImGui::SameLine();
  rewrite |= ImGui::RadioButton("stroke by stroke", &mode, 0);
  ImGui::SameLine();
  rewrite |= ImGui::RadioButton("whole", &mode, 1);
  o.mode = mode == 1 ? ConditioningMode::whole : ConditioningMode::stroke;

  const std::vector<std::string> styles = viewer.job.styles();
  if (!styles.empty()) {
    const char* current = o.style.empty() ? styles.front().c_str() : o.style.c_str();
    if (ImGui::BeginCombo("Style", current)) {
      for (const std::string& name : styles)
        if (ImGui::Selectable(name.c_str(), name == current)) {
          o.style = name;
          rewrite = true;
        }
      ImGui::EndCombo();
    }
  }

  int seed = static_cast<int>(o.settings.seed);
  ImGui::SetNextItemWidth(120);
  if (ImGui::InputInt("Seed", &seed) && seed >= 0) {
    o.settings.seed = static_cast<uint64_t>(seed);
    rewrite = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("New seed")) {
    static std::mt19937 random{std::random_device{}()};
    o.settings.seed = random() % 1000000;
    rewrite = true;
  }
  // 0: the model's own choice (one call through its one-step student where it has one).
  rewrite |= ImGui::SliderInt("Steps", &o.settings.steps, 0, 20, o.settings.steps == 0 ? "auto" : "%d");
  // A placement with no room for the steps would only raise an error: keep one step per timestep.
  rewrite |= ImGui::SliderInt("Refine from", &o.settings.refine_from, std::max(1, o.settings.steps - 1), 999);
  o.settings.refine_from = std::max(o.settings.refine_from, o.settings.steps - 1);
  float guidance = static_cast<float>(o.settings.guidance);
  if (ImGui::SliderFloat("Guidance", &guidance, 0.0f, 5.0f, "%.1f")) {
    o.settings.guidance = guidance;
    rewrite = true;
  }
  // Only a style other than the data's own hand (the first listed) has a strength to set.
  if (!styles.empty() && !o.style.empty() && o.style != styles.front()) {
    float strength = static_cast<float>(o.settings.style_strength);
    if (ImGui::SliderFloat("Style strength", &strength, 0.0f, 2.0f, "%.2f")) {
      o.settings.style_strength = strength;
      rewrite = true;
    }
  }
  if (rewrite) viewer.write();
}

}  // namespace ink::app
