// The canvas passes: paper quad, then one ink quad per character blended over it (colour by
// darkness, destination alpha kept at 1 so ImGui shows the target opaque), over the whole canvas
// or inside the cells that changed.
#include "canvas_renderer.h"

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"

namespace ink::app {
namespace {

void set_rect(GLint location, float left, float top, float right, float bottom, int width, int height) {
  // Canvas pixels (y down) to clip space (y up).
  glUniform4f(location, 2 * left / width - 1, 1 - 2 * top / height, 2 * right / width - 1, 1 - 2 * bottom / height);
}

float unit(uint8_t v) { return v / 255.0f; }

bool same_colour(const Rgb& a, const Rgb& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

// What a glyph's time shows: nothing before it starts, no change after it settles.
double shown_time(const InkedGlyph& g) { return g.time < 0 ? -1.0 : std::min(g.time, g.settled_after); }

bool same_place(const InkedGlyph& a, const InkedGlyph& b) {
  return a.left == b.left && a.top == b.top && a.size == b.size && a.texture_size == b.texture_size;
}

bool looks_same(const InkedGlyph& a, const InkedGlyph& b) {
  return a.texture == b.texture && a.texture_generation == b.texture_generation && a.preview == b.preview &&
         shown_time(a) == shown_time(b) && a.tip.visible == b.tip.visible &&
         (!a.tip.visible || (a.tip.x == b.tip.x && a.tip.y == b.tip.y && a.tip.radius == b.tip.radius));
}

// Whether everything must be drawn again: the canvas, paper or ink colour, background or layout
// changed.
bool redraw_all(const CanvasScene& a, const CanvasScene& b) {
  if (a.width != b.width || a.height != b.height || !same_colour(a.paper, b.paper) || !same_colour(a.ink, b.ink) ||
      a.wet_seconds != b.wet_seconds || a.background != b.background || a.glyphs.size() != b.glyphs.size())
    return true;
  for (int i = 0; i < 4; ++i)
    if (a.background_rect[i] != b.background_rect[i]) return true;
  for (size_t i = 0; i < a.glyphs.size(); ++i)
    if (!same_place(a.glyphs[i], b.glyphs[i])) return true;
  return false;
}

}  // namespace

CanvasRenderer::CanvasRenderer(const std::filesystem::path& shader_dir)
    : paper_(shader_dir / "quad.vert", shader_dir / "paper.frag"), ink_(shader_dir / "quad.vert", shader_dir / "ink.frag") {
  glGenVertexArrays(1, &vao_);
}

CanvasRenderer::~CanvasRenderer() {
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

CanvasRenderer::Target::~Target() {
  if (color) glDeleteTextures(1, &color);
  if (framebuffer) glDeleteFramebuffers(1, &framebuffer);
}

void CanvasRenderer::Target::resize(int w, int h) {
  if (w == width && h == height && framebuffer) return;
  if (!framebuffer) glGenFramebuffers(1, &framebuffer);
  if (!color) glGenTextures(1, &color);
  glBindTexture(GL_TEXTURE_2D, color);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color, 0);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) throw InkError("the canvas framebuffer is incomplete");
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  width = w;
  height = h;
}

// The paper pass: an image (the background, or the cached procedural paper) or the paper itself.
void CanvasRenderer::draw_paper(const CanvasScene& scene) {
  const bool rebuild = !scene.background && (paper_cache_.width != canvas_.width || paper_cache_.height != canvas_.height ||
                                              cached_paper_.r != scene.paper.r || cached_paper_.g != scene.paper.g ||
                                              cached_paper_.b != scene.paper.b);
  paper_.use();
  glDisable(GL_BLEND);
  set_rect(paper_.uniform("u_rect"), 0, 0, 1, 1, 1, 1);
  glUniform3f(paper_.uniform("u_paper"), unit(scene.paper.r), unit(scene.paper.g), unit(scene.paper.b));
  glUniform2f(paper_.uniform("u_pixels"), static_cast<float>(canvas_.width), static_cast<float>(canvas_.height));
  glUniform1i(paper_.uniform("u_image"), 0);
  if (rebuild) {
    paper_cache_.resize(canvas_.width, canvas_.height);
    glBindFramebuffer(GL_FRAMEBUFFER, paper_cache_.framebuffer);
    glUniform1i(paper_.uniform("u_use_image"), 0);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    cached_paper_ = scene.paper;
    glBindFramebuffer(GL_FRAMEBUFFER, canvas_.framebuffer);
  }
  static const float whole[4] = {0, 0, 1, 1};
  glUniform1i(paper_.uniform("u_use_image"), 1);
  glUniform4fv(paper_.uniform("u_image_rect"), 1, scene.background ? scene.background_rect : whole);
  glBindTexture(GL_TEXTURE_2D, scene.background ? scene.background : paper_cache_.color);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

GLuint CanvasRenderer::render(const CanvasScene& scene) {
  canvas_.resize(std::max(1, scene.width), std::max(1, scene.height));
  const int width = canvas_.width, height = canvas_.height;
  std::vector<const InkedGlyph*> changed;
  const bool all = !incremental || !drawn_valid_ || redraw_all(scene, drawn_);
  if (!all)
    for (size_t i = 0; i < scene.glyphs.size(); ++i)
      if (!looks_same(scene.glyphs[i], drawn_.glyphs[i])) changed.push_back(&scene.glyphs[i]);
  last_drawn_pixels_ = 0;
  if (!all && changed.empty()) return canvas_.color;

  glBindFramebuffer(GL_FRAMEBUFFER, canvas_.framebuffer);
  glViewport(0, 0, width, height);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(vao_);
  glActiveTexture(GL_TEXTURE0);
  if (all) {
    glDisable(GL_SCISSOR_TEST);
    draw_paper(scene);
    draw_ink(scene);
    last_drawn_pixels_ = static_cast<double>(width) * height;
  } else {
    // Paper and ink again inside each changed cell only (cells do not overlap; a pixel's margin
    // covers the quad's edge sampling).
    glEnable(GL_SCISSOR_TEST);
    for (const InkedGlyph* g : changed) {
      const int left = std::max(0, static_cast<int>(std::floor(g->left)) - 1);
      const int right = std::min(width, static_cast<int>(std::ceil(g->left + g->size)) + 1);
      const int top = std::max(0, static_cast<int>(std::floor(g->top)) - 1);
      const int bottom = std::min(height, static_cast<int>(std::ceil(g->top + g->size)) + 1);
      if (right <= left || bottom <= top) continue;
      glScissor(left, height - bottom, right - left, bottom - top);  // GL's rows start at the bottom
      draw_paper(scene);
      draw_ink(scene);
      last_drawn_pixels_ += static_cast<double>(right - left) * (bottom - top);
    }
    glDisable(GL_SCISSOR_TEST);
  }
  glBindVertexArray(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  drawn_ = scene;
  drawn_valid_ = true;
  return canvas_.color;
}

void CanvasRenderer::draw_ink(const CanvasScene& scene) {
  const int width = canvas_.width, height = canvas_.height;
  ink_.use();
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
  glUniform1i(ink_.uniform("u_glyph"), 0);
  glUniform1f(ink_.uniform("u_wet_seconds"), static_cast<float>(scene.wet_seconds));
  glUniform3f(ink_.uniform("u_ink"), unit(scene.ink.r), unit(scene.ink.g), unit(scene.ink.b));
  for (const InkedGlyph& g : scene.glyphs) {
    if (!g.texture) continue;
    set_rect(ink_.uniform("u_rect"), g.left, g.top, g.left + g.size, g.top + g.size, width, height);
    glUniform1f(ink_.uniform("u_time"), static_cast<float>(g.time));
    glUniform1f(ink_.uniform("u_size"), static_cast<float>(g.texture_size));
    glUniform3f(ink_.uniform("u_tip"), g.tip.x, g.tip.y, g.tip.visible ? g.tip.radius : 0.0f);
    glUniform1f(ink_.uniform("u_preview"), g.preview);
    glBindTexture(GL_TEXTURE_2D, g.texture);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  }
  glDisable(GL_BLEND);
}

void CanvasRenderer::copy_to_window(int left, int bottom) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, canvas_.framebuffer);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  glBlitFramebuffer(0, 0, canvas_.width, canvas_.height, left, bottom, left + canvas_.width, bottom + canvas_.height,
                    GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

Image CanvasRenderer::read_pixels() const {
  const int width = canvas_.width, height = canvas_.height;
  Image image(width, height, Rgb{});
  std::vector<uint8_t> rgba(static_cast<size_t>(width) * height * 4);
  glBindFramebuffer(GL_FRAMEBUFFER, canvas_.framebuffer);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  for (int y = 0; y < height; ++y)  // GL's rows start at the bottom
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c)
        image.pixels[(static_cast<size_t>(y) * width + x) * 3 + c] = rgba[(static_cast<size_t>(height - 1 - y) * width + x) * 4 + c];
  return image;
}

}  // namespace ink::app
