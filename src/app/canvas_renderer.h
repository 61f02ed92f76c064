// Draws the canvas with the shaders in shaders/: paper (or a background image), then each
// character's ink from its glyph texture at the current moment, into an offscreen target the
// canvas panel shows. Also reads that target back for PNG export and screenshots.
#pragma once
#include <filesystem>
#include <vector>

#include "gl.h"
#include "ink/render/brush_timeline.h"
#include "ink/render/image.h"
#include "shader_program.h"

namespace ink::app {

struct InkedGlyph {
  GLuint texture = 0;
  uint64_t texture_generation = 0;    // GlTexture::generation: its content
  int texture_size = 0;
  float left = 0, top = 0, size = 0;  // canvas pixels
  double time = 0;                    // seconds since this character began
  double settled_after = 1e300;       // from then on it looks the same (last stroke's end + wet ink)
  BrushTip tip;                       // in texture pixels
  float preview = 0;                  // > 0: a denoising preview at this opacity
};

struct CanvasScene {
  int width = 0, height = 0;
  Rgb paper{246, 240, 226}, ink{18, 16, 14};
  double wet_seconds = 0.8;
  GLuint background = 0;            // 0: procedural paper
  float background_rect[4] = {0, 0, 1, 1};  // the image in canvas uv: x, y, width, height
  std::vector<InkedGlyph> glyphs;
};

class CanvasRenderer {
 public:
  // Throws InkError naming the shader file (and the GLSL log) when one fails.
  explicit CanvasRenderer(const std::filesystem::path& shader_dir);
  ~CanvasRenderer();
  CanvasRenderer(const CanvasRenderer&) = delete;
  CanvasRenderer& operator=(const CanvasRenderer&) = delete;

  // Returns the colour texture (origin bottom-left). Draws only what changed since the last call:
  // nothing when nothing did, the cells of the characters that changed (the one being written)
  // when only they did, everything when the canvas, paper or placement did.
  GLuint render(const CanvasScene& scene);
  // The area the last render() drew, in canvas pixels (0 when it drew nothing): for the frame
  // bench.
  double last_drawn_pixels() const { return last_drawn_pixels_; }
  // False: every render() draws everything (the frame bench's baseline).
  bool incremental = true;
  Image read_pixels() const;                // the last render, top row first
  // The last render copied into the default framebuffer with its bottom-left corner at (left,
  // bottom): a copy, where a textured quad would shade every pixel again.
  void copy_to_window(int left, int bottom) const;

 private:
  struct Target {  // a framebuffer with one colour texture
    GLuint framebuffer = 0, color = 0;
    int width = 0, height = 0;
    void resize(int w, int h);
    ~Target();
  };
  void draw_paper(const CanvasScene& scene);
  void draw_ink(const CanvasScene& scene);
  ShaderProgram paper_, ink_;
  GLuint vao_ = 0;
  Target canvas_;
  // The procedural paper is the costliest pass on a software rasteriser (~10 ms at 1280x800 on
  // llvmpipe): drawn once per size and colour, then copied.
  Target paper_cache_;
  Rgb cached_paper_{0, 0, 0};
  CanvasScene drawn_;  // what the canvas target holds
  bool drawn_valid_ = false;
  double last_drawn_pixels_ = 0;
};

}  // namespace ink::app
