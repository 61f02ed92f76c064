// The canvas: the shader-drawn page at the panel's exact pixel size (smooth at any window
// size), or the shader error when the shaders failed to build.
#include <imgui.h>

#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_canvas_panel(Viewer& viewer, const PanelLayout& layout) {
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(layout.left_width, 0));
  ImGui::SetNextWindowSize(ImVec2(screen->Size.x - layout.left_width, screen->Size.y - layout.timeline_height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  // Copied in under the UI, the canvas shows through a window that draws no background; popups
  // and menus still draw over it.
  const ImGuiWindowFlags see_through = viewer.renderer && viewer.canvas_copied ? ImGuiWindowFlags_NoBackground : 0;
  ImGui::Begin("canvas", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse | see_through);
  const ImVec2 size = ImGui::GetContentRegionAvail();
  if (!viewer.renderer) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1));
    ImGui::SetCursorPos(ImVec2(16, 16));
    ImGui::PushTextWrapPos(size.x - 16);
    ImGui::TextUnformatted(viewer.renderer_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  } else {
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    viewer.canvas_left = origin.x * scale.x;
    viewer.canvas_top = origin.y * scale.y;
    viewer.render_canvas(static_cast<int>(size.x * scale.x), static_cast<int>(size.y * scale.y));
    if (viewer.canvas_copied)
      ImGui::Dummy(size);  // Viewer::copy_canvas puts it there, under the UI
    else  // the target's rows start at the bottom: flip v
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(viewer.canvas_texture)), size, ImVec2(0, 1), ImVec2(1, 0));
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace ink::app
