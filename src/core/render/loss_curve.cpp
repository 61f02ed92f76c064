// read_train_log and render_loss_curve: axes, ticks and labels, then the curves, all through the
// FreeType rasteriser like the sheets.
#include "ink/render/loss_curve.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "ink/base/error.h"
#include "ink/raster/font.h"
#include "ink/raster/raster.h"
#include "render/sheet_colors.h"

namespace ink {
namespace {

using namespace sheet_colors;
constexpr Rgb kRaw{200, 194, 182};    // each step's loss: noisy, so faint
constexpr Rgb kEval{204, 46, 32};     // held-out loss, vermilion as in the sheets
constexpr Rgb kRate{52, 92, 160};     // learning rate, indigo
constexpr Rgb kAxis{120, 114, 104};

// `path` with the points that lie within a quarter pixel of it dropped (Douglas-Peucker).
void keep_far_points(const Polyline& path, size_t first, size_t last, std::vector<bool>& keep) {
  if (last <= first + 1) return;
  const Point a = path[first], b = path[last];
  const float dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy);
  float farthest = 0;
  size_t at = first;
  for (size_t i = first + 1; i < last; ++i) {
    const Point p = path[i];
    const float off = length > 0 ? std::abs((p.x - a.x) * dy - (p.y - a.y) * dx) / length : std::hypot(p.x - a.x, p.y - a.y);
    if (off > farthest) farthest = off, at = i;
  }
  if (farthest <= 0.25f) return;
  keep[at] = true;
  keep_far_points(path, first, at, keep);
  keep_far_points(path, at, last, keep);
}

Polyline simplified(const Polyline& path) {
  if (path.size() < 3) return path;
  std::vector<bool> keep(path.size(), false);
  keep.front() = keep.back() = true;
  keep_far_points(path, 0, path.size() - 1, keep);
  Polyline kept;
  for (size_t i = 0; i < path.size(); ++i)
    if (keep[i]) kept.push_back(path[i]);
  return kept;
}

class Plot {
 public:
  Plot(int width, int height) : image_(width, height, kPaper), font_(FontFace::open_family("DejaVu Sans")) {}

  Image& image() { return image_; }

  // Simplified to what shows, and in pieces: FreeType's stroker makes several outline points per
  // input point, and an outline holds at most 32,767.
  void line(const Polyline& path, float width, Rgb color, float opacity = 1.0f) {
    const Polyline pixels = simplified(path);
    if (pixels.size() < 2) return;
    Coverage c(image_.width, image_.height);
    constexpr size_t kPiece = 400;
    for (size_t start = 0; start + 1 < pixels.size(); start += kPiece) {
      const size_t end = std::min(pixels.size(), start + kPiece + 1);
      rasterizer_.skeleton_px(Polyline(pixels.begin() + static_cast<std::ptrdiff_t>(start), pixels.begin() + static_cast<std::ptrdiff_t>(end)),
                              width, 1, 1, c);
    }
    image_.blend(c, 0, 0, color, opacity);
  }

  // A vertical run of ink in pixel column `x` from row `from` down to row `to`, painted directly:
  // thousands of steps' losses in one column make a band, not a path for the stroker.
  void band(int x, float from, float to, Rgb color) {
    if (x < 0 || x >= image_.width) return;
    Coverage c(1, image_.height);
    for (int y = std::max(0, static_cast<int>(from)); y < std::min(image_.height, static_cast<int>(to) + 1); ++y)
      c.at(0, y) = std::clamp(std::min(static_cast<float>(y) + 1 - from, to - static_cast<float>(y)) + 0.5f, 0.0f, 1.0f);
    image_.blend(c, x, 0, color);
  }

  void dot(Point at, float size, Rgb color) {
    Coverage c(image_.width, image_.height);
    rasterizer_.skeleton_px({at}, size, 1, 1, c);
    image_.blend(c, 0, 0, color);
  }

  // `text` with its anchor at (x, y): align 0 left, 0.5 centre, 1 right; y is the text's middle.
  void text(const std::string& text, float x, float y, float height, float align, Rgb color) {
    const float scale = height / 1024.0f / 0.73f;  // DejaVu capitals and digits are ~0.73 em
    float width = 0;
    for (unsigned char ch : text) width += font_.advance(ch) * scale;
    float pen = x - width * align;
    Coverage c(image_.width, image_.height);
    for (unsigned char ch : text) {
      if (ch != ' ') rasterizer_.fill(font_.glyph_outline(ch), BoxToPixels{scale, pen, y + height / 2}, c);
      pen += font_.advance(ch) * scale;
    }
    image_.blend(c, 0, 0, color);
  }

 private:
  Image image_;
  Rasterizer rasterizer_;
  FontFace font_;
};

std::string number(double value) {
  char text[32];
  if (value == std::round(value) && std::abs(value) < 1e9)
    std::snprintf(text, sizeof text, "%.0f", value);  // steps: 20000, not 2e+04
  else
    std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// A round step between about `count` ticks over [0, span]: 1, 2 or 5 times a power of ten.
double tick_step(double span, int count) {
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

// An exponential moving average over the steps, about 1/40 of the run wide.
std::vector<double> smoothed(const std::vector<LossPoint>& points) {
  std::vector<double> out;
  const double alpha = std::min(1.0, 40.0 / static_cast<double>(points.size()));
  double average = points.empty() ? 0 : points.front().loss;
  for (const LossPoint& p : points) out.push_back(average = average + alpha * (p.loss - average));
  return out;
}

}  // namespace

std::vector<LossPoint> read_train_log(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InkError(file.string() + ": cannot read the training log");
  std::map<int64_t, LossPoint> by_step;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!row.is_object() || !row.contains("step") || !row["step"].is_number() || !row.contains("loss") || !row["loss"].is_number())
      continue;
    LossPoint p;
    p.step = row["step"].get<int64_t>();
    p.loss = row["loss"].get<double>();
    if (row.contains("lr") && row["lr"].is_number()) p.learning_rate = row["lr"].get<double>();
    if (row.contains("eval_loss") && row["eval_loss"].is_number()) p.eval_loss = row["eval_loss"].get<double>();
    by_step[p.step] = p;
  }
  std::vector<LossPoint> points;
  for (const auto& [step, p] : by_step) points.push_back(p);
  return points;
}

Image render_loss_curve(const std::vector<LossPoint>& points, int width, int height) {
  Plot plot(width, height);
  const float left = 78, right = static_cast<float>(width) - 84, top = 44, bottom = static_cast<float>(height) - 56;
  const float label = std::max(10.0f, static_cast<float>(height) / 48.0f);
  plot.text("training loss", 14, top - 24, label, 0, kInk);
  plot.text("held-out loss", left + 110, top - 24, label, 0, kEval);
  plot.text("learning rate", right, top - 24, label, 1, kRate);
  plot.text("step", (left + right) / 2, static_cast<float>(height) - 16, label, 0.5f, kAxis);
  plot.line({{left, top}, {left, bottom}, {right, bottom}, {right, top}}, 1.2f, kAxis);
  if (points.empty()) return std::move(plot.image());

  // Steps along x; losses on a log scale (they fall over decades); the rate linear from 0.
  const double first = 0, last = static_cast<double>(std::max<int64_t>(points.back().step, 1));
  double low = 1e300, high = 0, top_rate = 0;
  for (const LossPoint& p : points) {
    for (double v : {p.loss, p.eval_loss.value_or(p.loss)})
      if (std::isfinite(v) && v > 0) low = std::min(low, v), high = std::max(high, v);
    if (std::isfinite(p.learning_rate)) top_rate = std::max(top_rate, p.learning_rate);
  }
  if (high <= 0) low = 0.1, high = 1;
  const double log_low = std::floor(std::log10(low) * 4) / 4, log_high = std::max(log_low + 0.25, std::ceil(std::log10(high) * 4) / 4);
  if (top_rate <= 0) top_rate = 1;
  auto x_of = [&](double step) { return left + static_cast<float>((step - first) / (last - first)) * (right - left); };
  auto y_of = [&](double loss) {
    const double at = (std::log10(std::max(loss, 1e-300)) - log_low) / (log_high - log_low);
    return bottom - static_cast<float>(std::clamp(at, 0.0, 1.0)) * (bottom - top);
  };
  auto rate_y = [&](double rate) { return bottom - static_cast<float>(rate / top_rate) * (bottom - top); };

  const double x_step = tick_step(last - first, 8);
  for (double s = 0; s <= last + 1e-9; s += x_step) {
    plot.line({{x_of(s), bottom}, {x_of(s), bottom + 5}}, 1, kAxis);
    plot.line({{x_of(s), top}, {x_of(s), bottom}}, 1, kFaint, 0.6f);
    plot.text(number(s), x_of(s), bottom + 16, label * 0.85f, 0.5f, kAxis);
  }
  for (int decade = static_cast<int>(std::floor(log_low)); decade <= static_cast<int>(std::ceil(log_high)); ++decade)
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, decade), at = std::log10(v);
      if (at < log_low - 1e-9 || at > log_high + 1e-9) continue;
      plot.line({{left - 5, y_of(v)}, {left, y_of(v)}}, 1, kAxis);
      plot.line({{left, y_of(v)}, {right, y_of(v)}}, 1, kFaint, m == 1.0 ? 0.9f : 0.5f);
      plot.text(number(v), left - 9, y_of(v), label * 0.85f, 1, kAxis);
    }
  for (int i = 0; i <= 4; ++i) {
    const double rate = top_rate * i / 4;
    plot.line({{right, rate_y(rate)}, {right + 5, rate_y(rate)}}, 1, kRate);
    plot.text(number(rate), right + 9, rate_y(rate), label * 0.85f, 0, kRate);
  }

  // Per pixel column: the raw losses' range as a band (or, when the steps are fewer than the
  // columns, a thin line through them), and one point of each smooth curve.
  const bool sparse = static_cast<float>(points.size()) < right - left;
  Polyline raw, smooth, rate, eval;
  const std::vector<double> average = smoothed(points);
  for (size_t i = 0; i < points.size();) {
    const float x = x_of(static_cast<double>(points[i].step));
    const int column = static_cast<int>(x);
    float low_y = y_of(points[i].loss), high_y = low_y;
    size_t j = i;
    for (; j < points.size() && static_cast<int>(x_of(static_cast<double>(points[j].step))) == column; ++j) {
      low_y = std::max(low_y, y_of(points[j].loss));
      high_y = std::min(high_y, y_of(points[j].loss));
      if (points[j].eval_loss) eval.push_back({x_of(static_cast<double>(points[j].step)), y_of(*points[j].eval_loss)});
    }
    if (sparse) raw.push_back({x, low_y});
    else plot.band(column, high_y - 0.5f, low_y + 0.5f, kRaw);
    smooth.push_back({x, y_of(average[j - 1])});
    rate.push_back({x, rate_y(points[j - 1].learning_rate)});
    i = j;
  }
  plot.line(raw, 1, kRaw);
  plot.line(rate, 1.6f, kRate, 0.8f);
  plot.line(smooth, 2.2f, kInk);
  plot.line(eval, 2.2f, kEval);
  for (const Point& p : eval) plot.dot(p, 6, kEval);
  return std::move(plot.image());
}

}  // namespace ink
