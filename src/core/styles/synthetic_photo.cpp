// render_photo: placement by an affine map of the outline's points (Bezier curves stay exact),
// a value-noise paper and ink field from a seeded generator, lighting as a linear ramp.
#include "ink/styles/synthetic_photo.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace ink {
namespace {

// Smooth value noise in 0..1 with features about `cell` pixels wide.
class ValueNoise {
 public:
  ValueNoise(uint64_t seed, int width, int height, float cell) : cell_(cell) {
    gw_ = static_cast<int>(width / cell) + 2, gh_ = static_cast<int>(height / cell) + 2;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> u(0, 1);
    grid_.resize(static_cast<size_t>(gw_) * gh_);
    for (float& v : grid_) v = u(rng);
  }
  float at(float x, float y) const {
    const float fx = x / cell_, fy = y / cell_;
    const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
    float tx = fx - x0, ty = fy - y0;
    tx = tx * tx * (3 - 2 * tx), ty = ty * ty * (3 - 2 * ty);
    auto g = [&](int gx, int gy) { return grid_[static_cast<size_t>(std::min(gy, gh_ - 1)) * gw_ + std::min(gx, gw_ - 1)]; };
    return (g(x0, y0) * (1 - tx) + g(x0 + 1, y0) * tx) * (1 - ty) + (g(x0, y0 + 1) * (1 - tx) + g(x0 + 1, y0 + 1) * tx) * ty;
  }

 private:
  float cell_;
  int gw_ = 0, gh_ = 0;
  std::vector<float> grid_;
};

Outline rectangle(float left, float bottom, float right, float top) {
  Outline r;
  r.verbs = {PathVerb::move, PathVerb::line, PathVerb::line, PathVerb::line, PathVerb::close};
  r.points = {{left, bottom}, {right, bottom}, {right, top}, {left, top}};
  return r;
}

constexpr float kBorderWidth = 0.012f * kBoxSize;  // the printed square's edge
constexpr float kGuideWidth = 0.005f * kBoxSize;   // the dashed middle lines
constexpr int kDashes = 16;
constexpr float kPrintedInk[3] = {0.88f, 0.28f, 0.22f};  // vermilion, as practice paper is printed

// The printed grid's lines as outlines in the 1024 box: each square's edges, and dashes along its
// middle lines; the box's square, and on a sheet the squares around it (sharing their edges).
std::vector<Outline> practice_grid_outlines(PrintedGrid grid) {
  std::vector<Outline> lines;
  const int reach = grid == PrintedGrid::sheet ? 2 : 0;
  const float half = kBorderWidth / 2, dash = kBoxSize / kDashes, guide = kGuideWidth / 2;
  for (int row = -reach; row <= reach; ++row)
    for (int column = -reach; column <= reach; ++column) {
      const float left = column * kBoxSize, right = left + kBoxSize, bottom = kBoxTop - kBoxSize - row * kBoxSize,
                  top = bottom + kBoxSize, middle_x = left + kBoxSize / 2, middle_y = bottom + kBoxSize / 2;
      lines.push_back(rectangle(left - half, bottom - half, right + half, bottom + half));
      lines.push_back(rectangle(left - half, top - half, right + half, top + half));
      lines.push_back(rectangle(left - half, bottom - half, left + half, top + half));
      lines.push_back(rectangle(right - half, bottom - half, right + half, top + half));
      for (int i = 0; i < kDashes; ++i) {
        const float from = i * dash + dash / 4, to = from + dash / 2;
        lines.push_back(rectangle(left + from, middle_y - guide, left + to, middle_y + guide));
        lines.push_back(rectangle(middle_x - guide, bottom + from, middle_x + guide, bottom + to));
      }
    }
  return lines;
}

}  // namespace

PhotoOptions random_photo_options(uint64_t seed) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + 7);
  std::uniform_real_distribution<float> u(-1, 1);
  PhotoOptions o;
  o.rotation_degrees = 4 * u(rng);
  o.scale = 0.975f + 0.125f * u(rng);
  o.offset_x = 0.06f * u(rng), o.offset_y = 0.06f * u(rng);
  o.lighting = 0.225f + 0.125f * u(rng);
  o.seed = seed;
  return o;
}

Outline place_outline(const Outline& outline, const PhotoOptions& o) {
  const float side = std::min(o.width, o.height) * 0.8f * o.scale;
  const float angle = o.rotation_degrees * 3.14159265f / 180.0f, c = std::cos(angle), s = std::sin(angle);
  const float cx = o.width * (0.5f + o.offset_x), cy = o.height * (0.5f + o.offset_y);
  Outline placed = outline;
  for (Point& p : placed.points) {
    // Box (y up, the character's centre near the box's) -> centred pixels (y down).
    const float u = (p.x - kBoxCentre.x) / kBoxSize * side, v = (kBoxCentre.y - p.y) / kBoxSize * side;
    const float px = cx + c * u - s * v, py = cy + s * u + c * v;
    p = {px, -py};  // BoxToPixels{1, 0, 0} maps (x, y) to (x, -y)
  }
  return placed;
}

Outline in_sheet_square(const Outline& outline, int column, int row) {
  Outline moved = outline;
  for (Point& p : moved.points) p.x += column * kBoxSize, p.y -= row * kBoxSize;  // the box's y runs up
  return moved;
}

Image render_photo(const std::vector<Outline>& outlines, const PhotoOptions& o) {
  Rasterizer rasterizer;
  Coverage ink(o.width, o.height);
  for (const Outline& outline : outlines) rasterizer.fill(place_outline(outline, o), BoxToPixels{1, 0, 0}, ink);
  Coverage printed(o.width, o.height);
  if (o.grid != PrintedGrid::none)
    for (const Outline& line : practice_grid_outlines(o.grid)) rasterizer.fill(place_outline(line, o), BoxToPixels{1, 0, 0}, printed);
  const ValueNoise mottle(o.seed * 3 + 1, o.width, o.height, 24), grain(o.seed * 3 + 2, o.width, o.height, 3),
      dryness(o.seed * 3 + 3, o.width, o.height, 10);
  std::mt19937_64 rng(o.seed);
  std::normal_distribution<float> sensor(0, o.noise);
  const float light_angle = static_cast<float>(o.seed % 360) * 3.14159265f / 180.0f;
  Image photo(o.width, o.height, Rgb{});
  const float extent = static_cast<float>(std::max(o.width, o.height));
  for (int y = 0; y < o.height; ++y)
    for (int x = 0; x < o.width; ++x) {
      const float along = ((x - o.width / 2.0f) * std::cos(light_angle) + (y - o.height / 2.0f) * std::sin(light_angle)) / extent;
      const float light = 1.0f - o.lighting * (0.5f + along);
      const float paper = 0.90f + 0.05f * mottle.at(x, y) + 0.03f * grain.at(x, y);
      const float ink_darkness = 0.80f + 0.15f * dryness.at(x, y);
      const float value = paper * (1 - ink.at(x, y) * ink_darkness) * light;
      const float print = std::min(1.0f, printed.at(x, y));
      uint8_t* p = &photo.pixels[(static_cast<size_t>(y) * o.width + x) * 3];
      const float tint[3] = {1.0f, 0.97f, 0.90f};  // warm paper
      for (int k = 0; k < 3; ++k) {
        const float under = 1 - print * (1 - kPrintedInk[k]);  // the grid is printed; the ink lies over it
        p[k] = static_cast<uint8_t>(std::clamp((value * tint[k] * under + sensor(rng)) * 255.0f, 0.0f, 255.0f));
      }
    }
  return photo;
}

}  // namespace ink
