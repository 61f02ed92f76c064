// Export: a GIF of the writing (the CPU brush timeline, the same one ink-write uses), a PNG of
// the canvas as shown, and Hanzi Writer JSON. Each runs as a background task with progress.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_export_panel(Viewer& viewer) {
  if (!ImGui::CollapsingHeader("Export", ImGuiTreeNodeFlags_DefaultOpen)) return;
  static std::string base;
  if (base.empty()) base = "out/" + viewer.options.text;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##base", "file name without extension", &base);
  const bool busy = viewer.exporter.running();
  if (busy) ImGui::BeginDisabled();
  if (ImGui::Button("GIF")) viewer.export_gif(base + ".gif");
  ImGui::SameLine();
  if (ImGui::Button("PNG")) viewer.export_png(base + ".png");
  ImGui::SameLine();
  if (ImGui::Button("JSON")) viewer.export_json(base + ".json");
  if (busy) ImGui::EndDisabled();
  if (busy) {
    ImGui::ProgressBar(viewer.exporter.progress(), ImVec2(-70, 0), viewer.exporter.label().c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel##export")) viewer.exporter.cancel();
  }
}

}  // namespace ink::app
