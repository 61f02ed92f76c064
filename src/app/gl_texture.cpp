// Texture uploads. Sizes are reallocated only when they change; otherwise the data is replaced
// in place (a 512 px glyph is 2 MB, re-sent after each written stroke).
#include "gl_texture.h"

#include <utility>

namespace ink::app {

GlTexture::~GlTexture() {
  if (id_) glDeleteTextures(1, &id_);
}

namespace {
uint64_t next_generation() {
  static uint64_t uploads = 0;  // textures live on the GL thread alone
  return ++uploads;
}
}  // namespace

GlTexture::GlTexture(GlTexture&& other) noexcept
    : id_(std::exchange(other.id_, 0)), width_(other.width_), height_(other.height_), generation_(other.generation_) {}

GlTexture& GlTexture::operator=(GlTexture&& other) noexcept {
  if (this != &other) {
    if (id_) glDeleteTextures(1, &id_);
    id_ = std::exchange(other.id_, 0);
    width_ = other.width_;
    height_ = other.height_;
    generation_ = other.generation_;
  }
  return *this;
}

void GlTexture::prepare(int width, int height) {
  if (!id_) glGenTextures(1, &id_);
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  width_ = width;
  height_ = height;
  generation_ = next_generation();
}

void GlTexture::upload(const GlyphTextureData& data) {
  const bool same = id_ && width_ == data.size && height_ == data.size;
  prepare(data.size, data.size);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (same)
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, data.size, data.size, GL_RG, GL_HALF_FLOAT, data.texels.data());
  else
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RG16F, data.size, data.size, 0, GL_RG, GL_HALF_FLOAT, data.texels.data());
}

void GlTexture::upload(const Image& image) {
  prepare(image.width, image.height);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, image.width, image.height, 0, GL_RGB, GL_UNSIGNED_BYTE, image.pixels.data());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

}  // namespace ink::app
