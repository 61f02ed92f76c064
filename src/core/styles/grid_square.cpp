// find_grid_square: the solid lines (grid_lines.h) nearest the photo's middle on each side are the
// square's edges. find_page_squares: every square between neighbouring solid lines. cut_grid_square:
// resampled upright.
#include "ink/styles/grid_square.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "styles/grid_lines.h"

namespace ink {
namespace {

constexpr float kMaxLineWidth = 0.06f;     // of the square's side
constexpr float kMinSideShare = 1.0f / 3;  // of the photo's shorter side
constexpr float kMaxOblong = 0.1f;
constexpr float kMinPageSquare = 24;       // px: smaller squares on a page are too coarse to split
constexpr float kWrittenShare = 0.01f;     // of a square's inside inked: something is written in it

using detail::GridLine;

bool square_shaped(const GridLine& left, const GridLine& right, const GridLine& top, const GridLine& bottom) {
  const float width = right.middle - left.middle, height = bottom.middle - top.middle, side = std::max(width, height);
  if (std::fabs(width - height) > kMaxOblong * side) return false;
  for (const GridLine& line : {left, right, top, bottom})
    if (line.width > kMaxLineWidth * side) return false;  // a band of colour, not a printed line
  return true;
}

// The nearest line before `middle` and the nearest after it.
std::optional<std::pair<GridLine, GridLine>> lines_around(const std::vector<GridLine>& lines, float middle) {
  const auto after = std::find_if(lines.begin(), lines.end(), [&](const GridLine& line) { return line.middle >= middle; });
  if (after == lines.begin() || after == lines.end()) return std::nullopt;
  return std::pair{*(after - 1), *after};
}

std::vector<float> gaps_between(const std::vector<GridLine>& lines) {
  std::vector<float> gaps;
  for (size_t i = 1; i < lines.size(); ++i) gaps.push_back(lines[i].middle - lines[i - 1].middle);
  return gaps;
}

size_t gaps_near(const std::vector<float>& gaps, float side) {
  return static_cast<size_t>(std::count_if(gaps.begin(), gaps.end(), [&](float g) { return std::fabs(g - side) <= kMaxOblong * side; }));
}

// A page's square side: the gap between neighbouring lines that both axes have most often (the
// fewer of its two counts), the wider of two as common. A sheet with gutters between its squares
// has as many narrow gaps, the staff lines of pinyin paper run one way only, and a page's margin
// or title leaves a single wide gap.
float page_square_side(const std::vector<float>& across, const std::vector<float>& down) {
  float side = 0;
  size_t most = 0;
  for (const std::vector<float>* gaps : {&across, &down})
    for (float gap : *gaps) {
      const size_t both = std::min(gaps_near(across, gap), gaps_near(down, gap));
      if (both > most || (both == most && both > 0 && gap > side)) most = both, side = gap;
    }
  return side;
}

// Neighbouring lines `side` apart (within 10%).
std::vector<std::pair<GridLine, GridLine>> square_spans(const std::vector<GridLine>& lines, float side) {
  std::vector<std::pair<GridLine, GridLine>> spans;
  for (size_t i = 1; i < lines.size(); ++i)
    if (std::fabs(lines[i].middle - lines[i - 1].middle - side) <= kMaxOblong * side) spans.push_back({lines[i - 1], lines[i]});
  return spans;
}

}  // namespace

std::optional<GridSquare> find_grid_square(const Image& photo) {
  const std::optional<detail::GridLines> lines = detail::find_grid_lines(photo);
  if (!lines) return std::nullopt;
  const float middle_x = 0.5f * photo.width, middle_y = 0.5f * photo.height;
  const auto columns = lines_around(lines->columns, lines->u_of(middle_x, middle_y));
  const auto rows = lines_around(lines->rows, lines->v_of(middle_x, middle_y));
  if (!columns || !rows) return std::nullopt;
  const auto& [left, right] = *columns;
  const auto& [top, bottom] = *rows;
  const float shorter = static_cast<float>(std::min(photo.width, photo.height));
  if (std::min(right.middle - left.middle, bottom.middle - top.middle) < kMinSideShare * shorter) return std::nullopt;
  if (!square_shaped(left, right, top, bottom)) return std::nullopt;
  return lines->square(left, right, top, bottom);
}

std::vector<GridSquare> find_page_squares(const Image& photo) {
  std::vector<GridSquare> squares;
  const std::optional<detail::GridLines> lines = detail::find_grid_lines(photo);
  if (!lines) return squares;
  const float side = page_square_side(gaps_between(lines->columns), gaps_between(lines->rows));
  if (side <= 0) return squares;
  const auto columns = square_spans(lines->columns, side), rows = square_spans(lines->rows, side);
  for (const auto& [top, bottom] : rows)
    for (const auto& [left, right] : columns)
      if (square_shaped(left, right, top, bottom) && right.middle - left.middle >= kMinPageSquare)
        squares.push_back(lines->square(left, right, top, bottom));
  return squares;
}

bool written_in(const Image& photo, const GridSquare& square) {
  const Image cut = cut_grid_square(photo, square, 64);
  // Inside the printed edges (their blur and the pen's margin), darker than most of the square's
  // paper by a third.
  const int margin = cut.width / 12;
  std::vector<uint8_t> values;
  for (int y = margin; y < cut.height - margin; ++y)
    for (int x = margin; x < cut.width - margin; ++x) values.push_back(cut.pixels[(static_cast<size_t>(y) * cut.width + x) * 3]);
  if (values.empty()) return false;
  std::vector<uint8_t> sorted = values;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() * 3 / 4, sorted.end());
  const float paper = sorted[sorted.size() * 3 / 4], dark = paper * 2 / 3;
  const auto inked = std::count_if(values.begin(), values.end(), [&](uint8_t v) { return v < dark; });
  return static_cast<float>(inked) >= kWrittenShare * static_cast<float>(values.size());
}

Image cut_grid_square(const Image& photo, const GridSquare& square, int max_side) {
  const int out_side = std::clamp(static_cast<int>(std::lround(square.side)), 8, std::max(8, max_side));
  Image out(out_side, out_side, Rgb{255, 255, 255});
  const float c = std::cos(square.rotation), s = std::sin(square.rotation), pixel = square.side / out_side;
  auto bright = [&](int x, int y) {
    x = std::clamp(x, 0, photo.width - 1), y = std::clamp(y, 0, photo.height - 1);
    const uint8_t* p = &photo.pixels[(static_cast<size_t>(y) * photo.width + x) * 3];
    return static_cast<float>(std::max({p[0], p[1], p[2]}));
  };
  for (int j = 0; j < out_side; ++j)
    for (int i = 0; i < out_side; ++i) {
      const float u = (i + 0.5f - 0.5f * out_side) * pixel, v = (j + 0.5f - 0.5f * out_side) * pixel;
      const float x = square.centre_x + u * c - v * s - 0.5f, y = square.centre_y + u * s + v * c - 0.5f;
      const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
      const float tx = x - x0, ty = y - y0;
      const float value = (bright(x0, y0) * (1 - tx) + bright(x0 + 1, y0) * tx) * (1 - ty) +
                          (bright(x0, y0 + 1) * (1 - tx) + bright(x0 + 1, y0 + 1) * tx) * ty;
      const uint8_t grey = static_cast<uint8_t>(std::clamp(value + 0.5f, 0.0f, 255.0f));
      uint8_t* q = &out.pixels[(static_cast<size_t>(j) * out_side + i) * 3];
      q[0] = q[1] = q[2] = grey;
    }
  return out;
}

}  // namespace ink
