// Background: plain paper, or an image (PNG/JPG) the writing is placed onto, with its position
// and scale, and the colours of ink and paper.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_background_panel(Viewer& viewer) {
  if (!ImGui::CollapsingHeader("Background")) return;
  static std::string file;
  ImGui::SetNextItemWidth(-70);
  const bool entered = ImGui::InputTextWithHint("##image", "image file (PNG, JPG)", &file, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Load") || entered) && !file.empty()) viewer.load_background(file);
  if (viewer.background) {
    ImGui::TextDisabled("%s", viewer.background_file.c_str());
    if (ImGui::Button("Plain paper")) viewer.load_background("");
  }
  ImGui::SliderFloat("Across", &viewer.placement.x, 0.0f, 1.0f, "%.2f");
  ImGui::SliderFloat("Down", &viewer.placement.y, 0.0f, 1.0f, "%.2f");
  ImGui::SliderFloat("Scale", &viewer.placement.scale, 0.1f, 1.5f, "%.2f");
  ImGui::ColorEdit3("Ink", viewer.ink_color);
  ImGui::ColorEdit3("Paper", viewer.paper_color);
}

}  // namespace ink::app
