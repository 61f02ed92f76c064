// extract_ink: local paper level from block percentiles, relative darkness, Otsu, speck removal.
#include "ink/styles/ink_extraction.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "ink/base/error.h"
#include "raster/connected_pieces.h"

namespace ink {
namespace {

constexpr float kPaperPercentile = 0.9f;  // within a block, paper is the bright majority
constexpr float kMinContrast = 0.15f;     // ink at least this much darker than its paper

Coverage luminance(const Image& photo) {
  Coverage gray(photo.width, photo.height);
  for (size_t i = 0; i < gray.values.size(); ++i) {
    const uint8_t* p = &photo.pixels[i * 3];
    gray.values[i] = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f;
  }
  return gray;
}

// The paper's brightness at each pixel: a bright percentile per block, widened by a 3x3 max
// (a block lying wholly inside a thick stroke takes its neighbours' paper), smoothed by a 3x3
// mean and interpolated bilinearly between block centres.
Coverage paper_level(const Coverage& gray) {
  const int block = std::max(8, std::max(gray.width, gray.height) / 8);
  const int gw = (gray.width + block - 1) / block, gh = (gray.height + block - 1) / block;
  Coverage blocks(gw, gh);
  for (int by = 0; by < gh; ++by)
    for (int bx = 0; bx < gw; ++bx) {
      std::array<int, 256> histogram{};
      int count = 0;
      for (int y = by * block; y < std::min(gray.height, (by + 1) * block); ++y)
        for (int x = bx * block; x < std::min(gray.width, (bx + 1) * block); ++x, ++count)
          ++histogram[std::clamp(static_cast<int>(gray.at(x, y) * 255.0f + 0.5f), 0, 255)];
      int seen = 0, level = 255;
      for (int v = 0; v < 256; ++v)
        if ((seen += histogram[v]) >= kPaperPercentile * count) { level = v; break; }
      blocks.at(bx, by) = level / 255.0f;
    }
  auto filter3 = [&](const Coverage& in, bool take_max) {
    Coverage out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
      for (int x = 0; x < in.width; ++x) {
        float best = 0, sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= in.width || ny >= in.height) continue;
            best = std::max(best, in.at(nx, ny)), sum += in.at(nx, ny), ++n;
          }
        out.at(x, y) = take_max ? best : sum / n;
      }
    return out;
  };
  blocks = filter3(filter3(blocks, true), false);
  Coverage level(gray.width, gray.height);
  for (int y = 0; y < gray.height; ++y) {
    const float fy = std::clamp((y + 0.5f) / block - 0.5f, 0.0f, gh - 1.0f);
    const int y0 = static_cast<int>(fy), y1 = std::min(y0 + 1, gh - 1);
    for (int x = 0; x < gray.width; ++x) {
      const float fx = std::clamp((x + 0.5f) / block - 0.5f, 0.0f, gw - 1.0f);
      const int x0 = static_cast<int>(fx), x1 = std::min(x0 + 1, gw - 1);
      const float tx = fx - x0, ty = fy - y0;
      const float top = blocks.at(x0, y0) * (1 - tx) + blocks.at(x1, y0) * tx;
      const float bottom = blocks.at(x0, y1) * (1 - tx) + blocks.at(x1, y1) * tx;
      level.at(x, y) = std::max(1e-3f, top * (1 - ty) + bottom * ty);
    }
  }
  return level;
}

// Otsu's threshold on values in [0, 1]: the cut maximising the between-class variance.
float otsu_threshold(const std::vector<float>& values) {
  std::array<double, 256> histogram{};
  for (float v : values) histogram[std::clamp(static_cast<int>(v * 255.0f + 0.5f), 0, 255)] += 1;
  double total = 0, weighted = 0;
  for (int i = 0; i < 256; ++i) total += histogram[i], weighted += i * histogram[i];
  double below = 0, below_weighted = 0, best = -1;
  int cut = 128;
  for (int i = 0; i < 255; ++i) {
    below += histogram[i], below_weighted += i * histogram[i];
    const double above = total - below;
    if (below == 0 || above == 0) continue;
    const double mean_below = below_weighted / below, mean_above = (weighted - below_weighted) / above;
    const double between = below * above * (mean_below - mean_above) * (mean_below - mean_above);
    if (between > best) best = between, cut = i;
  }
  return (cut + 0.5f) / 255.0f;
}

}  // namespace

InkExtraction extract_ink(const Image& photo, const std::string& where) {
  if (photo.width < 8 || photo.height < 8)
    throw InkError(where + ": image too small (" + std::to_string(photo.width) + "x" + std::to_string(photo.height) + ")");
  const Coverage gray = luminance(photo);
  const Coverage paper = paper_level(gray);
  std::vector<float> darkness(gray.values.size());
  for (size_t i = 0; i < darkness.size(); ++i)
    darkness[i] = std::clamp(1.0f - gray.values[i] / paper.values[i], 0.0f, 1.0f);

  InkExtraction out;
  out.threshold = std::max(otsu_threshold(darkness), 0.08f);
  std::vector<uint8_t> mask(darkness.size());
  std::vector<float> ink_darkness;
  for (size_t i = 0; i < darkness.size(); ++i)
    if ((mask[i] = darkness[i] >= out.threshold)) ink_darkness.push_back(darkness[i]);
  if (!ink_darkness.empty()) {
    std::nth_element(ink_darkness.begin(), ink_darkness.begin() + ink_darkness.size() / 2, ink_darkness.end());
    out.contrast = ink_darkness[ink_darkness.size() / 2];
  }
  out.ink_fraction = static_cast<float>(ink_darkness.size()) / darkness.size();
  if (out.contrast < kMinContrast || out.ink_fraction < 5e-4f || out.ink_fraction > 0.6f) {
    char detail[128];
    std::snprintf(detail, sizeof detail, "ink %.1f%% of pixels, %.2f darker than the paper", 100 * out.ink_fraction, out.contrast);
    throw InkError(where + ": no ink found (" + detail + "); expected dark writing on light paper");
  }

  // Specks: components much smaller than the writing's largest piece.
  std::vector<int> areas;
  const std::vector<int> label = label_pieces(mask, gray.width, gray.height, areas);
  const int largest = *std::max_element(areas.begin(), areas.end());
  const int min_area = std::max({4, largest / 200, static_cast<int>(2e-4f * darkness.size())});
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask[i] && areas[label[i]] < min_area) mask[i] = 0;

  // Coverage ramps from half the threshold to the typical ink darkness, only next to kept ink,
  // so edges stay soft and paper texture elsewhere stays bare.
  out.ink = Coverage(gray.width, gray.height);
  const float low = out.threshold * 0.5f, span = std::max(out.contrast - low, 1e-3f);
  for (int y = 0; y < gray.height; ++y)
    for (int x = 0; x < gray.width; ++x) {
      bool near = false;
      for (int dy = -1; dy <= 1 && !near; ++dy)
        for (int dx = -1; dx <= 1 && !near; ++dx) {
          const int nx = x + dx, ny = y + dy;
          near = nx >= 0 && ny >= 0 && nx < gray.width && ny < gray.height && mask[static_cast<size_t>(ny) * gray.width + nx];
        }
      if (near) out.ink.at(x, y) = std::clamp((darkness[static_cast<size_t>(y) * gray.width + x] - low) / span, 0.0f, 1.0f);
    }
  return out;
}

Coverage downsample(const Coverage& coverage, int factor) {
  if (factor <= 1) return coverage;
  Coverage out((coverage.width + factor - 1) / factor, (coverage.height + factor - 1) / factor);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      float sum = 0;
      int n = 0;
      for (int sy = y * factor; sy < std::min(coverage.height, (y + 1) * factor); ++sy)
        for (int sx = x * factor; sx < std::min(coverage.width, (x + 1) * factor); ++sx) sum += coverage.at(sx, sy), ++n;
      out.at(x, y) = sum / n;
    }
  return out;
}

}  // namespace ink
