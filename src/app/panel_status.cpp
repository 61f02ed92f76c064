// Status: the model's progress (with cancel / continue) and the messages — errors in red, such
// as a character with no stroke data, a broken model directory or an unwritable export path.
#include <imgui.h>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_status_panel(Viewer& viewer) {
  ImGui::Separator();
  const JobProgress p = viewer.job.progress();
  const float fraction = p.total ? static_cast<float>(p.done) / p.total : 0.0f;
  char overlay[96];
  std::snprintf(overlay, sizeof overlay, "%s %zu/%zu", p.label.c_str(), p.done, p.total);
  const bool can_continue = !p.busy && p.done < p.total;
  ImGui::ProgressBar(fraction, ImVec2(p.busy || can_continue ? -90.0f : -1.0f, 0), overlay);
  if (p.busy) {
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) viewer.job.cancel();
  } else if (can_continue) {
    ImGui::SameLine();
    if (ImGui::Button("Continue")) viewer.job.resume();
  }
  if (!viewer.renderer && ImGui::Button("Reload shaders")) viewer.reload_shaders();
  ImGui::BeginChild("messages", ImVec2(0, 0), true);
  for (const Message& m : viewer.messages) {
    if (m.error) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", m.text.c_str());
    if (m.error) ImGui::PopStyleColor();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

}  // namespace ink::app
