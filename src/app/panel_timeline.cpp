// The timeline: one thumbnail per stroke of the selected character (click: show the page as
// that stroke finishes), "redo" under each (regenerates it and the strokes after it), and a
// tab per character.
#include <imgui.h>

#include "ink/base/utf8.h"
#include "panels.h"
#include "viewer.h"

namespace ink::app {

void draw_timeline_panel(Viewer& viewer, const PanelLayout& layout) {
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(layout.left_width, screen->Size.y - layout.timeline_height));
  ImGui::SetNextWindowSize(ImVec2(screen->Size.x - layout.left_width, layout.timeline_height));
  ImGui::Begin("timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_HorizontalScrollbar);
  const int count = static_cast<int>(viewer.characters.size());
  for (int i = 0; i < count; ++i) {
    if (i) ImGui::SameLine();
    const std::string label = encode_utf8(viewer.characters[i].codepoint) + "##char" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), viewer.selected == i, 0, ImVec2(24, 0))) viewer.selected = i;
  }
  if (viewer.selected < count && viewer.selected < static_cast<int>(viewer.textures.size()) &&
      viewer.selected < static_cast<int>(viewer.page.glyphs.size())) {
    const int i = viewer.selected;
    const CharacterView& view = viewer.characters[i];
    const GlTexture& atlas = viewer.thumbnails;
    const PlacedGlyph& placed = viewer.page.glyphs[i];
    const int n = view.stroke_count();
    int current = -1;
    double fraction = 0;
    placed.timeline->position_at(viewer.clock.time() - placed.start, current, fraction);
    for (int k = 0; k < n; ++k) {
      if (k) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushID(k);
      const float u0 = static_cast<float>(k) / n, u1 = static_cast<float>(k + 1) / n;
      const bool now = k == current;
      if (now) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.70f, 0.20f, 0.13f, 1));
      if (ImGui::ImageButton(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(atlas.id())), ImVec2(64, 64), ImVec2(u0, 0), ImVec2(u1, 1), 2)) {
        const StrokeTiming& s = placed.timeline->timings()[k];
        viewer.clock.pause();
        viewer.clock.seek(placed.start + s.start + s.duration);
      }
      if (now) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("stroke %d of %d%s", k + 1, n, k < view.written ? "" : " (not written yet)");
      if (ImGui::SmallButton("redo")) viewer.redo(i, k);
      ImGui::PopID();
      ImGui::EndGroup();
    }
  }
  ImGui::End();
}

}  // namespace ink::app
