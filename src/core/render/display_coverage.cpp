// Drawing coverage at display size: a level-set edge over a Catmull-Rom field when enlarging,
// the area mean when shrinking.
#include "ink/render/display_coverage.h"

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"

namespace ink {
namespace {

constexpr float kNoInk = 1.0f / 512;  // below this a display pixel is bare paper

// The four source taps around a display pixel's centre along one axis, with their Catmull-Rom
// weights and the weights' derivatives (per source pixel).
struct Taps {
  int index[4];
  float weight[4], slope[4];
  int lower;   // floor of the sample position, for the bilinear local-ink lookup
  float frac;  // its fraction
};

Taps taps_at(int display, float scale, int source_size) {
  const float s = (display + 0.5f) / scale - 0.5f;
  const float floor_s = std::floor(s), t = s - floor_s;
  const int i = static_cast<int>(floor_s);
  Taps out;
  for (int k = 0; k < 4; ++k) out.index[k] = std::clamp(i - 1 + k, 0, source_size - 1);
  const float t2 = t * t, t3 = t2 * t;
  out.weight[0] = 0.5f * (-t3 + 2 * t2 - t);
  out.weight[1] = 0.5f * (3 * t3 - 5 * t2 + 2);
  out.weight[2] = 0.5f * (-3 * t3 + 4 * t2 + t);
  out.weight[3] = 0.5f * (t3 - t2);
  out.slope[0] = 0.5f * (-3 * t2 + 4 * t - 1);
  out.slope[1] = 0.5f * (9 * t2 - 10 * t);
  out.slope[2] = 0.5f * (-9 * t2 + 8 * t + 1);
  out.slope[3] = 0.5f * (3 * t2 - 2 * t);
  out.lower = i;
  out.frac = t;
  return out;
}

// The most ink within one source pixel of each source pixel: the darkness an edge there rises to.
Coverage local_ink(const Coverage& source) {
  Coverage out(source.width, source.height);
  for (int y = 0; y < source.height; ++y)
    for (int x = 0; x < source.width; ++x) {
      float most = 0;
      for (int v = std::max(0, y - 1); v <= std::min(source.height - 1, y + 1); ++v)
        for (int u = std::max(0, x - 1); u <= std::min(source.width - 1, x + 1); ++u) most = std::max(most, source.at(u, v));
      out.at(x, y) = most;
    }
  return out;
}

// How dark ink of a given coverage is drawn: the model's faint haze (below 0.3) is paper, 0.7
// and above full ink, a smooth step between.
float darkness(float coverage) {
  const float t = std::clamp((coverage - 0.3f) / 0.4f, 0.0f, 1.0f);
  return t * t * (3 - 2 * t);
}

float bilinear(const Coverage& c, const Taps& tx, const Taps& ty) {
  const int x0 = std::clamp(tx.lower, 0, c.width - 1), x1 = std::clamp(tx.lower + 1, 0, c.width - 1);
  const int y0 = std::clamp(ty.lower, 0, c.height - 1), y1 = std::clamp(ty.lower + 1, 0, c.height - 1);
  const float top = c.at(x0, y0) + tx.frac * (c.at(x1, y0) - c.at(x0, y0));
  const float bottom = c.at(x0, y1) + tx.frac * (c.at(x1, y1) - c.at(x0, y1));
  return top + ty.frac * (bottom - top);
}

// The source pixels' rows or columns that hold ink, widened by the kernel's reach; empty when
// first > last.
void inked_span(const Coverage& source, bool rows, int& first, int& last) {
  first = rows ? source.height : source.width;
  last = -1;
  for (int y = 0; y < source.height; ++y)
    for (int x = 0; x < source.width; ++x)
      if (source.at(x, y) >= kNoInk) {
        const int i = rows ? y : x;
        first = std::min(first, i), last = std::max(last, i);
      }
  first -= 2, last += 2;
}

Coverage enlarge(const Coverage& source, int size) {
  Coverage out(size, size);
  const float scale = static_cast<float>(size) / source.width;
  int first_row, last_row, first_column, last_column;
  inked_span(source, true, first_row, last_row);
  inked_span(source, false, first_column, last_column);
  if (first_row > last_row) return out;
  auto display_range = [&](int first, int last, int& lo, int& hi) {
    lo = std::max(0, static_cast<int>(std::floor((first + 0.5f) * scale)));
    hi = std::min(size - 1, static_cast<int>(std::ceil((last + 0.5f) * scale)));
  };
  int x_lo, x_hi, y_lo, y_hi;
  display_range(first_column, last_column, x_lo, x_hi);
  display_range(first_row, last_row, y_lo, y_hi);
  const Coverage most = local_ink(source);
  std::vector<Taps> columns;
  for (int x = x_lo; x <= x_hi; ++x) columns.push_back(taps_at(x, scale, source.width));
  for (int y = y_lo; y <= y_hi; ++y) {
    const Taps ty = taps_at(y, scale, source.height);
    for (int x = x_lo; x <= x_hi; ++x) {
      const Taps& tx = columns[static_cast<size_t>(x - x_lo)];
      const float local = bilinear(most, tx, ty), ink = darkness(local);
      if (ink < kNoInk) continue;
      float value = 0, along_x = 0, along_y = 0;
      for (int j = 0; j < 4; ++j) {
        const float* row = &source.values[static_cast<size_t>(ty.index[j]) * source.width];
        float row_value = 0, row_slope = 0;
        for (int i = 0; i < 4; ++i) {
          const float v = row[tx.index[i]];
          row_value += tx.weight[i] * v;
          row_slope += tx.slope[i] * v;
        }
        value += ty.weight[j] * row_value;
        along_x += ty.weight[j] * row_slope;
        along_y += ty.slope[j] * row_value;
      }
      // Signed distance, in display pixels, to where the field crosses half the local ink; a
      // one-pixel box filter across it.
      const float gradient = std::sqrt(along_x * along_x + along_y * along_y) / scale;
      const float distance = (value - 0.5f * local) / std::max(gradient, 1e-6f);
      const float c = ink * std::clamp(0.5f + distance, 0.0f, 1.0f);
      out.at(x, y) = c >= kNoInk ? c : 0.0f;
    }
  }
  return out;
}

// The area mean along one axis: each output cell averages the source cells it covers, in part
// where it covers part.
Coverage shrink(const Coverage& source, int size) {
  const double step = static_cast<double>(source.width) / size;
  std::vector<std::vector<std::pair<int, float>>> weights(size);
  for (int o = 0; o < size; ++o) {
    const double a = o * step, b = (o + 1) * step;
    for (int i = static_cast<int>(std::floor(a)); i < std::min<double>(std::ceil(b), source.width); ++i) {
      const double overlap = std::min<double>(b, i + 1) - std::max<double>(a, i);
      if (overlap > 0) weights[o].push_back({i, static_cast<float>(overlap / step)});
    }
  }
  Coverage rows(size, source.height), out(size, size);
  for (int y = 0; y < source.height; ++y)
    for (int x = 0; x < size; ++x)
      for (const auto& [i, w] : weights[x]) rows.at(x, y) += w * source.at(i, y);
  for (int y = 0; y < size; ++y)
    for (const auto& [i, w] : weights[y])
      for (int x = 0; x < size; ++x) out.at(x, y) += w * rows.at(x, i);
  return out;
}

}  // namespace

Coverage bilinear_enlargement(const Coverage& s, int size) {
  Coverage out(size, size);
  const float scale = static_cast<float>(s.width) / size;
  auto axis = [&](int i, int n, int& lo, int& hi, float& t) {
    const float v = std::clamp((i + 0.5f) * scale - 0.5f, 0.0f, n - 1.0f);
    lo = static_cast<int>(v), hi = std::min(lo + 1, n - 1), t = v - lo;
  };
  for (int y = 0; y < size; ++y) {
    int y0, y1;
    float fy;
    axis(y, s.height, y0, y1, fy);
    for (int x = 0; x < size; ++x) {
      int x0, x1;
      float fx;
      axis(x, s.width, x0, x1, fx);
      const float top = s.at(x0, y0) + fx * (s.at(x1, y0) - s.at(x0, y0));
      const float bottom = s.at(x0, y1) + fx * (s.at(x1, y1) - s.at(x0, y1));
      out.at(x, y) = top + fy * (bottom - top);
    }
  }
  return out;
}

Coverage upsample_coverage(const Coverage& source, int size) {
  if (source.width != source.height || source.width < 1)
    throw InkError("display coverage: the source must be square, not " + std::to_string(source.width) + " x " + std::to_string(source.height));
  if (size < 1) throw InkError("display coverage: size " + std::to_string(size) + " must be positive");
  if (size == source.width) return source;
  return size > source.width ? enlarge(source, size) : shrink(source, size);
}

}  // namespace ink
