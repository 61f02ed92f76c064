// The viewer's panels, one file each: they draw ImGui widgets over the viewer's state and call
// its actions. Layout: controls on the left, the canvas on the right, the timeline below it.
#pragma once

namespace ink::app {

class Viewer;

struct PanelLayout {
  float left_width = 340, timeline_height = 150;
};

void draw_writing_panel(Viewer& viewer);     // text, mode, style, seed, steps, guidance, style strength
void draw_playback_panel(Viewer& viewer);    // play / pause / step / restart, speed, scrub, direction
void draw_background_panel(Viewer& viewer);  // paper or an image, placement, colours
void draw_export_panel(Viewer& viewer);      // GIF, PNG, Hanzi Writer JSON
void draw_status_panel(Viewer& viewer);      // progress bars, cancel, messages
void draw_canvas_panel(Viewer& viewer, const PanelLayout& layout);
void draw_timeline_panel(Viewer& viewer, const PanelLayout& layout);

}  // namespace ink::app
