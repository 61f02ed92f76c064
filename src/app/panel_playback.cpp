// Playback: play / pause / step to the next stroke / restart, animation speed, a scrub bar over
// the whole page, and row or column direction.
#include <imgui.h>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_playback_panel(Viewer& viewer) {
  if (!ImGui::CollapsingHeader("Playback", ImGuiTreeNodeFlags_DefaultOpen)) return;
  AnimationClock& clock = viewer.clock;
  if (ImGui::Button(clock.playing() ? "Pause" : "Play")) clock.toggle();
  ImGui::SameLine();
  if (ImGui::Button("Step")) clock.step(viewer.stroke_ends());
  ImGui::SameLine();
  if (ImGui::Button("Restart")) clock.restart();

  float speed = static_cast<float>(clock.speed);
  if (ImGui::SliderFloat("Speed", &speed, 0.1f, 5.0f, "%.1fx")) clock.speed = speed;
  float t = static_cast<float>(clock.time());
  const float end = static_cast<float>(std::max(0.01, viewer.page.duration()));
  if (ImGui::SliderFloat("Time", &t, 0.0f, end, "%.2f s")) {
    clock.pause();
    clock.seek(t);
  }
  if (clock.waiting()) ImGui::TextDisabled("the brush waits for the model");

  int layout = viewer.options.vertical ? 1 : 0;
  ImGui::TextUnformatted("Layout");
  ImGui::SameLine();
  bool changed = ImGui::RadioButton("row", &layout, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("column (couplet)", &layout, 1);
  if (changed) {
    viewer.options.vertical = layout == 1;
    viewer.seen_revision = ~0ull;  // re-lay the page out on the next frame
  }
}

}  // namespace ink::app
