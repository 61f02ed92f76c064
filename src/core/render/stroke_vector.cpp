// potrace does the tracing; we only feed it a bitmap and map its curves back into the box.
#include "ink/render/stroke_vector.h"

#include "ink/base/utf8.h"

#include <potracelib.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ink/base/error.h"
#include "ink/render/brush_timeline.h"

namespace ink {
namespace {

constexpr int kWordBits = 8 * sizeof(potrace_word);

std::string number(double v) { return std::to_string(static_cast<long>(std::lround(v))); }

}  // namespace

std::string trace_stroke_svg(const Coverage& coverage, int trace_size) {
  const Coverage smooth = upsample_coverage(coverage, trace_size);
  const int words = (trace_size + kWordBits - 1) / kWordBits;
  std::vector<potrace_word> map(static_cast<size_t>(words) * trace_size, 0);
  for (int y = 0; y < trace_size; ++y)
    for (int x = 0; x < trace_size; ++x)
      if (smooth.at(x, y) >= 0.5f) map[static_cast<size_t>(y) * words + x / kWordBits] |= potrace_word{1} << (kWordBits - 1 - x % kWordBits);
  potrace_bitmap_t bitmap{trace_size, trace_size, words, map.data()};
  std::unique_ptr<potrace_param_t, void (*)(potrace_param_t*)> param(potrace_param_default(), potrace_param_free);
  if (!param) throw InkError("potrace: out of memory");
  param->turdsize = 2;  // specks of a few pixels are noise, not ink
  std::unique_ptr<potrace_state_t, void (*)(potrace_state_t*)> state(potrace_trace(param.get(), &bitmap), potrace_state_free);
  if (!state || state->status != POTRACE_STATUS_OK) throw InkError("potrace could not trace a stroke");

  // Bitmap row y is image row y (top first): undo BoxToPixels::square to reach the 1024 box.
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(trace_size));
  auto box = [&](const potrace_dpoint_t& p) {
    return number((p.x - to_pixels.dx) / to_pixels.scale) + " " + number(-(p.y - to_pixels.dy) / to_pixels.scale);
  };
  std::ostringstream svg;
  for (const potrace_path_t* path = state->plist; path; path = path->next) {
    const potrace_curve_t& curve = path->curve;
    if (curve.n == 0) continue;
    svg << (svg.tellp() > 0 ? " " : "") << "M " << box(curve.c[curve.n - 1][2]);
    for (int i = 0; i < curve.n; ++i) {
      if (curve.tag[i] == POTRACE_CURVETO)
        svg << " C " << box(curve.c[i][0]) << " " << box(curve.c[i][1]) << " " << box(curve.c[i][2]);
      else
        svg << " L " << box(curve.c[i][1]) << " L " << box(curve.c[i][2]);
    }
    svg << " Z";
  }
  return svg.str();
}

std::string hanzi_writer_json(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians) {
  if (strokes.size() != medians.size()) throw InkError("hanzi_writer_json: strokes and medians differ in number");
  nlohmann::json doc = {{"strokes", nlohmann::json::array()}, {"medians", nlohmann::json::array()}};
  for (size_t k = 0; k < strokes.size(); ++k) {
    doc["strokes"].push_back(trace_stroke_svg(strokes[k]));
    nlohmann::json median = nlohmann::json::array();
    for (const Point& p : medians[k]) median.push_back({std::lround(p.x), std::lround(p.y)});
    doc["medians"].push_back(median);
  }
  return doc.dump() + "\n";
}

std::filesystem::path per_character_file(const std::filesystem::path& file, char32_t c, size_t count) {
  if (count == 1) return file;
  return file.parent_path() / (file.stem().string() + "-" + encode_utf8(c) + file.extension().string());
}

}  // namespace ink
