// Geometry of one stroke: a closed outline of line and Bezier segments, and its median
// (skeleton) polyline. Coordinates are the data's 1024 box, y up (screen_y = 900 - y).
#pragma once
#include <cstdint>
#include <vector>

namespace ink {

struct Point {
  float x = 0, y = 0;
  friend bool operator==(Point a, Point b) { return a.x == b.x && a.y == b.y; }
};

// Points consumed per verb: move 1, line 1, quad 2 (control, end), cubic 3, close 0.
enum class PathVerb : uint8_t { move, line, quad, cubic, close };

int points_per_verb(PathVerb verb);

struct Outline {
  std::vector<PathVerb> verbs;
  std::vector<Point> points;
  bool empty() const { return verbs.empty(); }
  friend bool operator==(const Outline& a, const Outline& b) {
    return a.verbs == b.verbs && a.points == b.points;
  }
};

using Polyline = std::vector<Point>;

// Arc length of a polyline, in its own units.
double polyline_length(const Polyline& line);

// The same shapes in shorter pieces, for a map that bends straight lines: lines (a contour's
// closing edge too) cut evenly into pieces no longer than `longest`, curves split evenly in their
// parameter into as many curves as their control polygon is long in `longest`s (each at most 256
// pieces).
Polyline subdivided(const Polyline& line, float longest);
Outline subdivided(const Outline& outline, float longest);

// The stroke data's box (Make Me a Hanzi, as hanzi-writer-data ships it): x in [0, 1024],
// y in [-124, 900], y up. Fonts are brought into it too (font.h), so all outlines compare.
inline constexpr float kBoxSize = 1024.0f;
inline constexpr float kBoxTop = 900.0f;                         // screen_y = kBoxTop - y
inline constexpr Point kBoxCentre{kBoxSize / 2, kBoxTop - kBoxSize / 2};  // (512, 388)

// A box point on screen (box units, y down), and back: the flip is its own inverse.
inline Point to_screen(Point box) { return {box.x, kBoxTop - box.y}; }
inline Point to_box(Point screen) { return {screen.x, kBoxTop - screen.y}; }

// An affine map from the 1024 box to pixels: px = x * scale + dx, py = y * -scale + dy.
struct BoxToPixels {
  float scale = 1, dx = 0, dy = 0;
  // The whole 1024 box onto a square of `size` pixels, as Hanzi Writer lays it out.
  static BoxToPixels square(float size);
  // The same, inside a cell at (left, top) of `size` pixels with a margin fraction on each side.
  static BoxToPixels cell(float left, float top, float size, float margin);
  Point apply(Point p) const { return {p.x * scale + dx, -p.y * scale + dy}; }
};

}  // namespace ink
