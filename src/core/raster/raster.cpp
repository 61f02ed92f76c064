// Rasterising stroke outlines and skeletons with FreeType (FT_Outline_Render in direct mode,
// FT_Stroker for skeleton lines). Our own code only builds outlines and combines spans.
#include "ink/raster/raster.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include FT_STROKER_H

#include <algorithm>
#include <cmath>
#include <functional>

#include "ink/base/error.h"
#include "raster/freetype_library.h"

namespace ink {

Rasterizer::Library::Library() {
  if (FT_Init_FreeType(&handle) != 0) throw InkError("FreeType: cannot initialise the library");
}
Rasterizer::Library::~Library() { FT_Done_FreeType(handle); }

const char* freetype_error_text(FT_Error error) {
  const char* text = FT_Error_String(error);
  return text ? text : "FreeType error";
}

void Coverage::max_with(const Coverage& other) {
  if (other.width != width || other.height != height) throw InkError("coverage sizes differ");
  for (size_t i = 0; i < values.size(); ++i) values[i] = std::max(values[i], other.values[i]);
}

float Coverage::sum() const {
  float total = 0;
  for (float v : values) total += v;
  return total;
}

InkMoments ink_moments(const Coverage& c) {
  InkMoments m;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, w = 0;
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) {
      const double v = c.at(x, y), px = x + 0.5, py = y + 0.5;
      w += v, sx += v * px, sy += v * py, sxx += v * px * px, syy += v * py * py, sxy += v * px * py;
    }
  if (w <= 0) return m;
  m.mass = static_cast<float>(w);
  m.centre = {static_cast<float>(sx / w), static_cast<float>(sy / w)};
  m.sigma_x = static_cast<float>(std::sqrt(std::max(sxx / w - (sx / w) * (sx / w), 1e-6)));
  m.sigma_y = static_cast<float>(std::sqrt(std::max(syy / w - (sy / w) * (sy / w), 1e-6)));
  m.covariance_xy = static_cast<float>(sxy / w - (sx / w) * (sy / w));
  return m;
}

float coverage_iou(const Coverage& a, const Coverage& b) {
  if (a.width != b.width || a.height != b.height) throw InkError("coverage sizes differ");
  size_t both = 0, either = 0;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const bool in_a = a.values[i] >= 0.5f, in_b = b.values[i] >= 0.5f;
    both += in_a && in_b;
    either += in_a || in_b;
  }
  return either ? static_cast<float>(both) / static_cast<float>(either) : 1.0f;
}

namespace {

// An FT_Outline built from our verbs, in 26.6 pixels with FreeType's y-up convention.
class FtOutline {
 public:
  FtOutline(const Outline& outline, const BoxToPixels& m, int height) {
    size_t p = 0;
    auto add = [&](Point box, char tag) {
      const Point px = m.apply(box);
      points_.push_back({std::lround(px.x * 64.0f), std::lround((height - px.y) * 64.0f)});
      tags_.push_back(tag);
    };
    size_t contour_start = 0;
    auto end_contour = [&]() {
      // FreeType closes contours itself; a final on-point equal to the first is redundant.
      if (points_.size() - contour_start >= 2 && tags_.back() == FT_CURVE_TAG_ON &&
          points_.back().x == points_[contour_start].x && points_.back().y == points_[contour_start].y) {
        points_.pop_back();
        tags_.pop_back();
      }
      if (points_.size() > contour_start) contours_.push_back(static_cast<short>(points_.size() - 1));
      contour_start = points_.size();
    };
    for (PathVerb verb : outline.verbs) {
      switch (verb) {
        case PathVerb::move:
          if (points_.size() > contour_start) end_contour();
          add(outline.points[p++], FT_CURVE_TAG_ON);
          break;
        case PathVerb::line:
          add(outline.points[p++], FT_CURVE_TAG_ON);
          break;
        case PathVerb::quad:
          add(outline.points[p++], FT_CURVE_TAG_CONIC);
          add(outline.points[p++], FT_CURVE_TAG_ON);
          break;
        case PathVerb::cubic:
          add(outline.points[p++], FT_CURVE_TAG_CUBIC);
          add(outline.points[p++], FT_CURVE_TAG_CUBIC);
          add(outline.points[p++], FT_CURVE_TAG_ON);
          break;
        case PathVerb::close:
          end_contour();
          break;
      }
    }
    if (points_.size() > contour_start) end_contour();
    if (points_.size() > 32767) throw InkError("outline too large for FreeType");
    outline_.n_points = static_cast<short>(points_.size());
    outline_.n_contours = static_cast<short>(contours_.size());
    outline_.points = points_.data();
    outline_.tags = tags_.data();
    outline_.contours = contours_.data();
    outline_.flags = FT_OUTLINE_NONE;  // non-zero winding, as in SVG and TrueType
  }
  FT_Outline* get() { return &outline_; }

 private:
  std::vector<FT_Vector> points_;
  std::vector<char> tags_;
  std::vector<short> contours_;
  FT_Outline outline_{};
};

// Renders an outline in direct mode: FreeType hands us spans of (row, x, length, coverage).
// `shade(x, y, coverage)` returns the value to max-combine at screen pixel (x, y).
void render_spans(FT_Library library, FT_Outline* outline, Coverage& into,
                  const std::function<float(int, int, float)>& shade) {
  struct Target {
    Coverage* into;
    const std::function<float(int, int, float)>* shade;
  } target{&into, &shade};
  FT_Raster_Params params{};
  params.source = outline;
  params.flags = FT_RASTER_FLAG_AA | FT_RASTER_FLAG_DIRECT | FT_RASTER_FLAG_CLIP;
  params.clip_box = {0, 0, into.width, into.height};
  params.user = &target;
  params.gray_spans = [](int y, int count, const FT_Span* spans, void* user) {
    auto* t = static_cast<Target*>(user);
    const int row = t->into->height - 1 - y;
    if (row < 0 || row >= t->into->height) return;
    for (int i = 0; i < count; ++i) {
      const float cover = spans[i].coverage / 255.0f;
      for (int x = spans[i].x; x < spans[i].x + spans[i].len && x < t->into->width; ++x) {
        if (x < 0) continue;
        float& v = t->into->at(x, row);
        v = std::max(v, (*t->shade)(x, row, cover));
      }
    }
  };
  const FT_Error error = FT_Outline_Render(library, outline, &params);
  if (error) throw InkError(std::string("FreeType: cannot render outline: ") + freetype_error_text(error));
}

}  // namespace

Rasterizer::Rasterizer() : library_(std::make_shared<Library>()) {}
Rasterizer::~Rasterizer() = default;

void Rasterizer::fill(const Outline& outline, const BoxToPixels& to_pixels, Coverage& into) {
  if (outline.empty()) return;
  FtOutline ft(outline, to_pixels, into.height);
  render_spans(library_->handle, ft.get(), into, [](int, int, float cover) { return cover; });
}

Coverage Rasterizer::fill(const Outline& outline, const BoxToPixels& to_pixels, int width, int height) {
  Coverage coverage(width, height);
  fill(outline, to_pixels, coverage);
  return coverage;
}

Coverage Rasterizer::fill_glyph(const Glyph& glyph, int size) {
  Coverage out(size, size);
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  for (const Stroke& stroke : glyph.strokes) fill(stroke.outline, to_pixels, out);
  return out;
}

float arc_fraction_nearest(const Polyline& line, Point p) {
  float total = 0, best_distance = INFINITY, best_arc = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const Point a = line[i], b = line[i + 1];
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    float u = length > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / (length * length) : 0.0f;
    u = std::clamp(u, 0.0f, 1.0f);
    const float ex = a.x + u * dx - p.x, ey = a.y + u * dy - p.y;
    const float distance = ex * ex + ey * ey;
    if (distance < best_distance) best_distance = distance, best_arc = total + u * length;
    total += length;
  }
  return total > 0 ? best_arc / total : 0.0f;
}

void Rasterizer::skeleton(const Polyline& median, const BoxToPixels& to_pixels, float width_px, float ramp_from,
                          float ramp_to, Coverage& into) {
  Polyline pixels;
  for (Point p : median) pixels.push_back(to_pixels.apply(p));
  skeleton_px(pixels, width_px, ramp_from, ramp_to, into);
}

void Rasterizer::skeleton_px(const Polyline& pixels, float width_px, float ramp_from, float ramp_to, Coverage& into) {
  if (pixels.empty()) return;
  FT_Stroker stroker = nullptr;
  FT_Error error = FT_Stroker_New(library_->handle, &stroker);
  if (error) throw InkError(std::string("FreeType: cannot create stroker: ") + freetype_error_text(error));
  std::unique_ptr<FT_StrokerRec_, decltype(&FT_Stroker_Done)> stroker_guard(stroker, FT_Stroker_Done);
  FT_Stroker_Set(stroker, std::lround(width_px * 32.0f), FT_STROKER_LINECAP_ROUND, FT_STROKER_LINEJOIN_ROUND, 0);
  auto to_ft = [&](Point p) { return FT_Vector{std::lround(p.x * 64.0f), std::lround((into.height - p.y) * 64.0f)}; };
  // FreeType 2.12's stroker reads uninitialised memory, and faults now and then, on a subpath
  // with a zero-length segment or none (a dot): repeated points are dropped, and a dot becomes
  // a segment 1/64 px long, which its round caps draw as the disc it is.
  std::vector<FT_Vector> path;
  for (const Point& p : pixels) {
    const FT_Vector v = to_ft(p);
    if (path.empty() || v.x != path.back().x || v.y != path.back().y) path.push_back(v);
  }
  if (path.size() == 1) path.push_back({path[0].x + 1, path[0].y});
  FT_Stroker_BeginSubPath(stroker, &path[0], /*open=*/1);
  for (size_t i = 1; i < path.size(); ++i) FT_Stroker_LineTo(stroker, &path[i]);
  FT_Stroker_EndSubPath(stroker);

  FT_UInt n_points = 0, n_contours = 0;
  FT_Stroker_GetCounts(stroker, &n_points, &n_contours);
  FT_Outline outline{};
  error = FT_Outline_New(library_->handle, n_points, static_cast<FT_Int>(n_contours), &outline);
  if (error) throw InkError(std::string("FreeType: cannot allocate outline: ") + freetype_error_text(error));
  std::unique_ptr<FT_Outline, std::function<void(FT_Outline*)>> outline_guard(
      &outline, [this](FT_Outline* o) { FT_Outline_Done(library_->handle, o); });
  outline.n_points = 0;
  outline.n_contours = 0;
  FT_Stroker_Export(stroker, &outline);

  render_spans(library_->handle, &outline, into, [&](int x, int y, float cover) {
    const float t = arc_fraction_nearest(pixels, {x + 0.5f, y + 0.5f});
    return cover * (ramp_from + (ramp_to - ramp_from) * t);
  });
}

}  // namespace ink
