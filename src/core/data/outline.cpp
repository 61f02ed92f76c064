// Small geometry helpers shared by the parser, the rasteriser and the sheet.
#include "ink/data/outline.h"

#include <algorithm>
#include <cmath>

namespace ink {

int points_per_verb(PathVerb verb) {
  switch (verb) {
    case PathVerb::move:
    case PathVerb::line:
      return 1;
    case PathVerb::quad:
      return 2;
    case PathVerb::cubic:
      return 3;
    case PathVerb::close:
      return 0;
  }
  return 0;
}

// The data's box onto pixels: screen_y = kBoxTop - y.
BoxToPixels BoxToPixels::square(float size) {
  const float s = size / kBoxSize;
  return {s, 0.0f, kBoxTop * s};
}

BoxToPixels BoxToPixels::cell(float left, float top, float size, float margin) {
  const float inner = size * (1.0f - 2.0f * margin);
  BoxToPixels m = square(inner);
  m.dx += left + size * margin;
  m.dy += top + size * margin;
  return m;
}

double polyline_length(const Polyline& line) {
  double length = 0;
  for (size_t i = 1; i < line.size(); ++i) length += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
  return length;
}

namespace {

Point lerp(Point a, Point b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }
float distance(Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y); }
// At most kMostPieces, so a stray far point or a `longest` near zero cannot ask for millions.
constexpr float kMostPieces = 256;
int pieces(float length, float longest) {
  const float n = longest > 0 ? std::ceil(length / longest) : 1.0f;
  return n >= 1 ? static_cast<int>(std::min(n, kMostPieces)) : 1;  // NaN compares false: one piece
}

}  // namespace

Polyline subdivided(const Polyline& line, float longest) {
  Polyline out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (i > 0) {
      const int n = pieces(distance(line[i - 1], line[i]), longest);
      for (int j = 1; j < n; ++j) out.push_back(lerp(line[i - 1], line[i], static_cast<float>(j) / static_cast<float>(n)));
    }
    out.push_back(line[i]);
  }
  return out;
}

Outline subdivided(const Outline& outline, float longest) {
  Outline out;
  const std::vector<Point>& in = outline.points;
  size_t next = 0;
  Point current, start;
  const auto line_to = [&](Point to) {
    const int n = pieces(distance(current, to), longest);
    for (int j = 1; j <= n; ++j) out.verbs.push_back(PathVerb::line), out.points.push_back(lerp(current, to, static_cast<float>(j) / static_cast<float>(n)));
    current = to;
  };
  for (PathVerb verb : outline.verbs) {
    if (next + static_cast<size_t>(points_per_verb(verb)) > in.size()) break;  // a malformed path ends here
    switch (verb) {
      case PathVerb::move:
        current = start = in[next++];
        out.verbs.push_back(verb), out.points.push_back(current);
        break;
      case PathVerb::line:
        line_to(in[next++]);
        break;
      case PathVerb::quad: {
        const Point p0 = current, c = in[next], e = in[next + 1];
        next += 2;
        const int n = pieces(distance(p0, c) + distance(c, e), longest);
        for (int j = 1; j <= n; ++j) {
          // The piece from t0 to t1 (de Casteljau): its control is the curve's blossom at (t0, t1).
          const float t0 = static_cast<float>(j - 1) / static_cast<float>(n), t1 = static_cast<float>(j) / static_cast<float>(n);
          out.verbs.push_back(PathVerb::quad);
          out.points.push_back(lerp(lerp(p0, c, t0), lerp(c, e, t0), t1));
          out.points.push_back(lerp(lerp(p0, c, t1), lerp(c, e, t1), t1));
        }
        current = e;
        break;
      }
      case PathVerb::cubic: {
        const Point p0 = current, c1 = in[next], c2 = in[next + 1], e = in[next + 2];
        next += 3;
        const int n = pieces(distance(p0, c1) + distance(c1, c2) + distance(c2, e), longest);
        const auto point_at = [&](float t) {
          const Point a = lerp(p0, c1, t), b = lerp(c1, c2, t), d = lerp(c2, e, t);
          return lerp(lerp(a, b, t), lerp(b, d, t), t);
        };
        const auto third_of_tangent = [&](float t) {
          const Point a = lerp(p0, c1, t), b = lerp(c1, c2, t), d = lerp(c2, e, t);
          const Point u = lerp(a, b, t), v = lerp(b, d, t);
          return Point{v.x - u.x, v.y - u.y};
        };
        for (int j = 1; j <= n; ++j) {
          const float t0 = static_cast<float>(j - 1) / static_cast<float>(n), t1 = static_cast<float>(j) / static_cast<float>(n);
          const float h = t1 - t0;
          const Point s0 = point_at(t0), s1 = point_at(t1), d0 = third_of_tangent(t0), d1 = third_of_tangent(t1);
          out.verbs.push_back(PathVerb::cubic);
          out.points.push_back({s0.x + d0.x * h, s0.y + d0.y * h});
          out.points.push_back({s1.x - d1.x * h, s1.y - d1.y * h});
          out.points.push_back(s1);
        }
        current = e;
        break;
      }
      case PathVerb::close:
        line_to(start);
        out.verbs.push_back(verb);
        break;
    }
  }
  return out;
}

}  // namespace ink
