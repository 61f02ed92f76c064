// The viewer's state and its frame: the writing job's snapshots turned into GL textures and a
// page (placement and timing), the animation clock, the canvas, and the panels that edit it all.
// Panels are free functions, one file each (panels.h); they read and change this state.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "animation_clock.h"
#include "background_task.h"
#include "canvas_renderer.h"
#include "gl_texture.h"
#include "ink/render/page.h"
#include "ink/render/painting.h"
#include "viewer_options.h"
#include "writing_job.h"

namespace ink::app {

struct CharacterTextures {
  GlTexture ink, preview;
  uint64_t revision = ~0ull;
};

struct Message {
  bool error = false;
  std::string text;
};

class Viewer {
 public:
  // Each character holds its strokes, brush timeline and half-float textures: about 3.9 MB at the
  // default size (peak resident memory 765 MB for 100 characters, 1.15 GB for 200, whole mode),
  // so a text is refused above this many rather than growing without bound.
  static constexpr size_t kMaxCharacters = 1000;

  Viewer(ViewerOptions options, std::shared_ptr<const StrokeLibrary> library);

  // Everything of one frame between Window::begin_frame and render_ui.
  void frame(double wall_seconds);

  // Actions the panels (and the random-event driver) take.
  void write();                        // (re)start writing options.text with the current settings
  void redo(int character, int stroke);  // with a new seed
  void export_gif(const std::string& file);
  void export_png(const std::string& file);
  void export_json(const std::string& file);
  void load_background(const std::string& file);
  void reload_shaders();
  void note(std::string text, bool error = false);

  // State.
  ViewerOptions options;
  std::shared_ptr<const StrokeLibrary> library;
  WritingJob job;
  AnimationClock clock;
  std::vector<CharacterView> characters;
  std::vector<CharacterTextures> textures;
  GlTexture thumbnails;  // the selected character's strokes: one 64 px cell each, side by side
  Page page;  // cells of display_size pixels; empty until the first characters arrive
  int display_size = 512;
  int selected = 0;  // the character the timeline panel shows
  Placement placement;  // where the writing sits on the canvas (matters most over a painting)
  float ink_color[3] = {18 / 255.f, 16 / 255.f, 14 / 255.f};
  float paper_color[3] = {246 / 255.f, 240 / 255.f, 226 / 255.f};
  GlTexture background;
  std::shared_ptr<const Image> background_image;  // the same painting on the CPU, for the GIF export
  std::string background_file;
  std::vector<Message> messages;
  std::unique_ptr<CanvasRenderer> renderer;  // null when the shaders failed (see renderer_error)
  std::string renderer_error;
  GLuint canvas_texture = 0;
  // The canvas is copied into the window under the UI; false: drawn by ImGui as an image (a
  // textured quad over the whole canvas, as before; the frame bench's baseline).
  bool canvas_copied = true;
  int canvas_width = 0, canvas_height = 0;
  float canvas_left = 0, canvas_top = 0;   // where the canvas sits in the window, pixels
  std::vector<InkedGlyph> cells;           // each character's square on the canvas, last frame
  uint64_t seen_revision = ~0ull;
  uint64_t redo_counter = 0;

  // Derived.
  double limit() const;                 // the clock's limit: the first stroke not written yet
  bool writing_done() const;            // the job is idle and every character is complete
  std::vector<double> stroke_ends() const;  // page times at which each stroke is finished
  void render_canvas(int width, int height);  // into `canvas_texture`
  // The canvas into the window under the UI (Window::render_ui), when `canvas_copied`.
  void copy_canvas(int window_height) const;
  // How the exports draw a character's strokes (thread-safe: a task's own copy).
  std::function<std::vector<Coverage>(const CharacterView&)> export_strokes() const;
  InkColors colors() const;

 private:
  void take_snapshots();
  void update_thumbnails();
  std::pair<int, uint64_t> thumbnails_of_{-1, 0};  // the character and revision they show
  void take_results();
  Image pending_background_;
  std::string pending_background_file_;
  bool background_ready_ = false;
  bool started_ = false;  // the text given at start has been sent to the writing job
  std::mutex background_mutex_;

 public:
  // Declared last, so they are destroyed (their threads joined) first: their tasks capture `this`
  // and use the members above, the pending background among them.
  BackgroundTask exporter, loader;
};

}  // namespace ink::app
