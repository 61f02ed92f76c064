// An OpenGL texture owned by one object (moved, never copied), filled from the CPU: a glyph's
// RG float data for the canvas shader, or an RGB image (background, thumbnails).
#pragma once
#include <cstdint>

#include "gl.h"
#include "glyph_texture.h"
#include "ink/render/image.h"

namespace ink::app {

class GlTexture {
 public:
  GlTexture() = default;
  ~GlTexture();
  GlTexture(GlTexture&& other) noexcept;
  GlTexture& operator=(GlTexture&& other) noexcept;
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;

  void upload(const GlyphTextureData& data);  // RG16F, bilinear
  void upload(const Image& image);            // RGB8, bilinear
  GLuint id() const { return id_; }
  // Different after every upload, and between textures: what a cache of drawings keys on.
  uint64_t generation() const { return generation_; }
  int width() const { return width_; }
  int height() const { return height_; }
  explicit operator bool() const { return id_ != 0; }

 private:
  void prepare(int width, int height);
  GLuint id_ = 0;
  int width_ = 0, height_ = 0;
  uint64_t generation_ = 0;
};

}  // namespace ink::app
