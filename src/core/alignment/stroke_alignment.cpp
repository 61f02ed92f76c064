// split_by_alignment: a moment-initialised pattern search for the transform (soft IoU on a
// <= 128 px copy), then claims, largest-component pruning and geodesic propagation at full size,
// then each stroke settled onto its reference stroke (stroke_settling.h).
#include "ink/alignment/stroke_alignment.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "alignment/stroke_settling.h"
#include "ink/base/error.h"
#include "ink/styles/ink_extraction.h"
#include "raster/connected_pieces.h"

namespace ink {
namespace {

constexpr int kWorkingSize = 128;  // the fit runs on the ink downsampled to at most this
constexpr float kClaim = 0.5f;     // an aligned stroke claims pixels it covers at least this much
constexpr float kInkFloor = 0.05f; // pixels with less ink are bare paper

// Bilinear sample at a continuous position (pixel centres at +0.5); 0 outside.
float sample(const Coverage& c, Point p) {
  const float fx = p.x - 0.5f, fy = p.y - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  const float tx = fx - x0, ty = fy - y0;
  auto at = [&](int x, int y) { return x < 0 || y < 0 || x >= c.width || y >= c.height ? 0.0f : c.at(x, y); };
  return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
}

struct Box {
  int left = 0, top = 0, right = -1, bottom = -1;  // inclusive; empty when right < left
};

Box ink_box(const Coverage& c) {
  Box b{c.width, c.height, -1, -1};
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x)
      if (c.at(x, y) > 0) b.left = std::min(b.left, x), b.right = std::max(b.right, x), b.top = std::min(b.top, y), b.bottom = std::max(b.bottom, y);
  return b;
}

// Soft IoU of the ink and the reference glyph laid over it; reference mass that falls outside
// the image counts against the fit.
float overlap_score(const Coverage& ink, const Coverage& reference, float reference_mass, const Alignment& a) {
  double inter = 0, uni = 0, inside = 0;
  for (int y = 0; y < ink.height; ++y)
    for (int x = 0; x < ink.width; ++x) {
      const float r = sample(reference, a.to_reference({x + 0.5f, y + 0.5f}));
      const float i = ink.at(x, y);
      inter += std::min(i, r), uni += std::max(i, r), inside += r;
    }
  uni += std::max(0.0, static_cast<double>(reference_mass) * a.scale_x * a.scale_y - inside);
  return uni > 0 ? static_cast<float>(inter / uni) : 0.0f;
}

Coverage box_blur(const Coverage& c) {
  Coverage out(c.width, c.height);
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) {
      float sum = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = std::clamp(x + dx, 0, c.width - 1), ny = std::clamp(y + dy, 0, c.height - 1);
          sum += c.at(nx, ny);
        }
      out.at(x, y) = sum / 9;
    }
  return out;
}

// Pattern search over log-scales, rotation and shift from the moment match.
Alignment fit_alignment(const Coverage& ink, const Coverage& reference) {
  const InkMoments ref = ink_moments(reference), img = ink_moments(ink);
  Alignment a;
  a.ref_centre = ref.centre, a.image_centre = img.centre;
  a.scale_x = img.sigma_x / ref.sigma_x, a.scale_y = img.sigma_y / ref.sigma_y;
  const Coverage soft = box_blur(ink);
  const float extent = static_cast<float>(std::max(ink.width, ink.height));
  float params[5] = {std::log(a.scale_x), std::log(a.scale_y), 0, 0, 0};
  float steps[5] = {0.12f, 0.12f, 0.06f, 0.04f * extent, 0.04f * extent};
  auto apply = [&](const float* p) {
    Alignment t = a;
    t.scale_x = std::exp(p[0]), t.scale_y = std::exp(p[1]), t.rotation = p[2], t.shift = {p[3], p[4]};
    return t;
  };
  float best = overlap_score(soft, reference, ref.mass, apply(params));
  for (int level = 0; level < 7; ++level) {
    for (int sweep = 0; sweep < 8; ++sweep) {
      bool improved = false;
      for (int i = 0; i < 5; ++i)
        for (float sign : {1.0f, -1.0f}) {
          float trial[5];
          std::copy(params, params + 5, trial);
          trial[i] += sign * steps[i];
          const float score = overlap_score(soft, reference, ref.mass, apply(trial));
          if (score > best) best = score, std::copy(trial, trial + 5, params), improved = true;
        }
      if (!improved) break;
    }
    for (float& s : steps) s *= 0.5f;
  }
  return apply(params);
}

float thresholded_iou(const Coverage& ink, const Coverage& reference, const Alignment& a) {
  int inter = 0, uni = 0;
  for (int y = 0; y < ink.height; ++y)
    for (int x = 0; x < ink.width; ++x) {
      const bool i = ink.at(x, y) >= 0.5f, r = sample(reference, a.to_reference({x + 0.5f, y + 0.5f})) >= 0.5f;
      inter += i && r, uni += i || r;
    }
  return uni ? static_cast<float>(inter) / uni : 0.0f;
}

// Keeps only the largest 8-connected piece of a claim mask (values > 0); returns pixels kept.
size_t keep_largest_piece(std::vector<uint8_t>& claim, int width, int height) {
  std::vector<int> areas;
  const std::vector<int> piece = label_pieces(claim, width, height, areas);
  if (areas.empty()) return 0;
  const int keep = static_cast<int>(std::max_element(areas.begin(), areas.end()) - areas.begin());
  for (size_t i = 0; i < claim.size(); ++i)
    if (piece[i] != keep) claim[i] = 0;
  return static_cast<size_t>(areas[keep]);
}

// Every unowned ink pixel takes the owner of the nearest owned pixel, distance measured
// through the ink (8-neighbour steps), so a stroke's tail follows the stroke it leaves.
void propagate_owners(std::vector<int>& owner, const Coverage& ink) {
  using Item = std::pair<float, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  std::vector<float> distance(owner.size(), INFINITY);
  for (size_t i = 0; i < owner.size(); ++i)
    if (owner[i] >= 0) distance[i] = 0, queue.push({0.0f, static_cast<int>(i)});
  while (!queue.empty()) {
    const auto [d, i] = queue.top();
    queue.pop();
    if (d > distance[i]) continue;
    const int x = i % ink.width, y = i / ink.width;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int nx = x + dx, ny = y + dy;
        if ((!dx && !dy) || nx < 0 || ny < 0 || nx >= ink.width || ny >= ink.height) continue;
        const int j = ny * ink.width + nx;
        if (ink.values[j] < kInkFloor) continue;
        const float nd = d + (dx && dy ? 1.41421356f : 1.0f);
        if (nd < distance[j]) distance[j] = nd, owner[j] = owner[i], queue.push({nd, j});
      }
  }
}

}  // namespace

Point Alignment::to_image(Point p) const {
  const float u = (p.x - ref_centre.x) * scale_x, v = (p.y - ref_centre.y) * scale_y;
  const float c = std::cos(rotation), s = std::sin(rotation);
  return {image_centre.x + shift.x + c * u - s * v, image_centre.y + shift.y + s * u + c * v};
}

Point Alignment::to_reference(Point p) const {
  const float u = p.x - image_centre.x - shift.x, v = p.y - image_centre.y - shift.y;
  const float c = std::cos(rotation), s = std::sin(rotation);
  return {ref_centre.x + (c * u + s * v) / scale_x, ref_centre.y + (-s * u + c * v) / scale_y};
}

StrokeSplit split_by_alignment(const Coverage& ink, const Glyph& reference) {
  if (reference.strokes.empty()) throw InkError("the reference character has no strokes");
  Rasterizer rasterizer;
  const BoxToPixels to_raster = BoxToPixels::square(static_cast<float>(kReferenceRaster));
  std::vector<Coverage> ref_strokes;
  Coverage ref_glyph(kReferenceRaster, kReferenceRaster);
  for (const Stroke& stroke : reference.strokes) {
    ref_strokes.push_back(rasterizer.fill(stroke.outline, to_raster, kReferenceRaster, kReferenceRaster));
    ref_glyph.max_with(ref_strokes.back());
  }
  if (ink_box(ink).right < 0) throw InkError("the image has no ink");

  // Fit on a small copy, then carry the transform to full size.
  const int factor = std::max(1, (std::max(ink.width, ink.height) + kWorkingSize - 1) / kWorkingSize);
  const Coverage working = downsample(ink, factor);
  StrokeSplit split;
  Alignment& a = split.alignment;
  a = fit_alignment(working, ref_glyph);
  a.iou = thresholded_iou(working, ref_glyph, a);
  const float f = static_cast<float>(factor);
  a.image_centre = {a.image_centre.x * f, a.image_centre.y * f};
  a.shift = {a.shift.x * f, a.shift.y * f};
  a.scale_x *= f, a.scale_y *= f;

  // Claims: each aligned stroke on the ink it covers, kept to its largest piece.
  const size_t pixels = ink.values.size();
  const int strokes = static_cast<int>(ref_strokes.size());
  std::vector<std::vector<uint8_t>> claims(strokes, std::vector<uint8_t>(pixels, 0));
  for (int y = 0; y < ink.height; ++y)
    for (int x = 0; x < ink.width; ++x) {
      const size_t i = static_cast<size_t>(y) * ink.width + x;
      if (ink.values[i] < kInkFloor) continue;
      const Point r = a.to_reference({x + 0.5f, y + 0.5f});
      for (int k = 0; k < strokes; ++k) {
        const float cover = sample(ref_strokes[k], r);
        if (cover >= kClaim) claims[k][i] = static_cast<uint8_t>(std::lround(cover * 255));
      }
    }
  split.weakest_stroke = 1.0f;
  for (int k = 0; k < strokes; ++k) {
    const size_t kept = keep_largest_piece(claims[k], ink.width, ink.height);
    const float expected = ref_strokes[k].sum() * a.scale_x * a.scale_y;
    split.weakest_stroke = std::min(split.weakest_stroke, expected > 0 ? std::min(1.0f, kept / expected) : 0.0f);
  }

  // Owner: the claim covering the pixel most; unclaimed ink goes to the nearest owner.
  split.owner.assign(pixels, -1);
  for (size_t i = 0; i < pixels; ++i) {
    int best = 0;
    for (int k = 0; k < strokes; ++k)
      if (claims[k][i] > best) best = claims[k][i], split.owner[i] = k;
  }
  propagate_owners(split.owner, ink);

  split.strokes.assign(strokes, Coverage(ink.width, ink.height));
  for (int k = 0; k < strokes; ++k)
    for (size_t i = 0; i < pixels; ++i)
      if (claims[k][i] || split.owner[i] == k) split.strokes[k].values[i] = ink.values[i];
  split.stroke_offsets = settle_strokes(frame_strokes(split, a, kReferenceRaster), ref_strokes);
  return split;
}

std::vector<Coverage> frame_strokes(const StrokeSplit& split, const Alignment& frame, int size) {
  // Image pixels per output pixel decides the supersampling, so a large photo is averaged.
  const float step = frame.scale_x * kReferenceRaster / size;
  const int ss = std::clamp(static_cast<int>(std::lround(step)), 1, 4);
  const float to_reference = static_cast<float>(kReferenceRaster) / size;
  std::vector<Coverage> out;
  for (size_t k = 0; k < split.strokes.size(); ++k) {
    const Coverage& stroke = split.strokes[k];
    const Point offset = k < split.stroke_offsets.size() ? split.stroke_offsets[k] : Point{};
    Coverage c(size, size);
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        float sum = 0;
        for (int sy = 0; sy < ss; ++sy)
          for (int sx = 0; sx < ss; ++sx) {
            const Point ref{(x + (sx + 0.5f) / ss) * to_reference - offset.x, (y + (sy + 0.5f) / ss) * to_reference - offset.y};
            sum += sample(stroke, frame.to_image(ref));
          }
        c.at(x, y) = std::min(1.0f, sum / (ss * ss));
      }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Coverage> aligned_reference_strokes(const Glyph& reference, const Alignment& alignment, int width, int height) {
  Rasterizer rasterizer;
  const BoxToPixels to_raster = BoxToPixels::square(static_cast<float>(kReferenceRaster));
  std::vector<Coverage> out;
  for (const Stroke& stroke : reference.strokes) {
    const Coverage raster = rasterizer.fill(stroke.outline, to_raster, kReferenceRaster, kReferenceRaster);
    Coverage c(width, height);
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) c.at(x, y) = sample(raster, alignment.to_reference({x + 0.5f, y + 0.5f}));
    out.push_back(std::move(c));
  }
  return out;
}

float split_agreement(const StrokeSplit& split, const std::vector<Coverage>& truth) {
  size_t counted = 0, agreed = 0;
  for (size_t i = 0; i < split.owner.size(); ++i) {
    const int k = split.owner[i];
    if (k < 0 || split.strokes[k].values[i] < 0.5f) continue;
    bool any = false;
    for (const Coverage& t : truth) any = any || t.values[i] >= 0.5f;
    if (!any) continue;
    ++counted;
    agreed += k < static_cast<int>(truth.size()) && truth[k].values[i] >= 0.5f;
  }
  return counted ? static_cast<float>(agreed) / counted : 0.0f;
}

}  // namespace ink
