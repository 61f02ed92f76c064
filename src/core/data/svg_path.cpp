// Parser for absolute M/L/Q/C/Z paths. Strict on purpose: an unexpected command in stroke
// data means the data is not what we think it is, and silently guessing would corrupt strokes.
#include "ink/data/svg_path.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "ink/base/error.h"

namespace ink {
namespace {

class PathReader {
 public:
  PathReader(std::string_view d, std::string_view where) : d_(d), where_(where) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw InkError(std::string(where_) + ": bad SVG path at offset " + std::to_string(pos_) + ": " + what);
  }

  void skip_separators() {
    while (pos_ < d_.size() && (std::isspace(static_cast<unsigned char>(d_[pos_])) || d_[pos_] == ',')) ++pos_;
  }
  bool at_end() {
    skip_separators();
    return pos_ >= d_.size();
  }
  bool at_number() {
    skip_separators();
    if (pos_ >= d_.size()) return false;
    const char c = d_[pos_];
    return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.';
  }
  char command() {
    skip_separators();
    const char c = d_[pos_];
    if (!std::isalpha(static_cast<unsigned char>(c))) fail(std::string("expected a command, found '") + c + "'");
    if (c != 'M' && c != 'L' && c != 'Q' && c != 'C' && c != 'Z')
      fail(std::string("unsupported command '") + c + "' (expected absolute M, L, Q, C or Z)");
    ++pos_;
    return c;
  }
  float number() {
    if (!at_number()) fail("expected a number");
    // strtof needs a terminated buffer; coordinates are short, so copy the token.
    size_t end = pos_ + 1;
    while (end < d_.size() && (std::isdigit(static_cast<unsigned char>(d_[end])) || d_[end] == '.' ||
                               d_[end] == 'e' || d_[end] == 'E' ||
                               ((d_[end] == '-' || d_[end] == '+') && (d_[end - 1] == 'e' || d_[end - 1] == 'E'))))
      ++end;
    const std::string token(d_.substr(pos_, end - pos_));
    char* stop = nullptr;
    const float value = std::strtof(token.c_str(), &stop);
    if (stop != token.c_str() + token.size() || !std::isfinite(value)) fail("bad number '" + token + "'");
    pos_ = end;
    return value;
  }
  Point point() {
    const float x = number();
    const float y = number();
    return {x, y};
  }

 private:
  std::string_view d_;
  std::string_view where_;
  size_t pos_ = 0;
};

}  // namespace

Outline parse_svg_path(std::string_view d, std::string_view where) {
  PathReader reader(d, where);
  Outline outline;
  bool open_contour = false;
  if (reader.at_end()) reader.fail("empty path");
  while (!reader.at_end()) {
    const char c = reader.command();
    if (c != 'M' && !open_contour) reader.fail(std::string("'") + c + "' before any 'M'");
    switch (c) {
      case 'M':
        outline.verbs.push_back(PathVerb::move);
        outline.points.push_back(reader.point());
        open_contour = true;
        // Extra pairs after M are implicit L commands (SVG rule).
        while (reader.at_number()) {
          outline.verbs.push_back(PathVerb::line);
          outline.points.push_back(reader.point());
        }
        break;
      case 'L':
      case 'Q':
      case 'C': {
        const PathVerb verb = c == 'L' ? PathVerb::line : c == 'Q' ? PathVerb::quad : PathVerb::cubic;
        do {
          outline.verbs.push_back(verb);
          for (int i = 0; i < points_per_verb(verb); ++i) outline.points.push_back(reader.point());
        } while (reader.at_number());
        break;
      }
      case 'Z':
        outline.verbs.push_back(PathVerb::close);
        open_contour = false;
        break;
    }
  }
  return outline;
}

std::string format_svg_path(const Outline& outline) {
  std::ostringstream out;
  size_t p = 0;
  auto put = [&](Point pt) { out << ' ' << pt.x << ' ' << pt.y; };
  for (size_t i = 0; i < outline.verbs.size(); ++i) {
    if (i) out << ' ';
    switch (outline.verbs[i]) {
      case PathVerb::move: out << 'M'; break;
      case PathVerb::line: out << 'L'; break;
      case PathVerb::quad: out << 'Q'; break;
      case PathVerb::cubic: out << 'C'; break;
      case PathVerb::close: out << 'Z'; break;
    }
    for (int k = 0; k < points_per_verb(outline.verbs[i]); ++k) put(outline.points[p++]);
  }
  return out.str();
}

}  // namespace ink
