// Display section: drawing a 64 px stroke at the size it is shown (display_coverage.h), per
// stroke at 512 px, beside the bilinear upsampling with a smoothstep edge that it replaced; the
// default model's detail stage per stroke, when it has one; and a character's brush timeline at
// 512 px, which GIF, PNG and the viewer build per character.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bench.h"
#include "ink/dataset/stroke_step.h"
#include "ink/evaluation/display_detail.h"
#include "ink/base/paths.h"
#include "ink/model/torch_runtime.h"
#include "ink/render/brush_timeline.h"
#include "ink/writing/detail_stage.h"

namespace ink::bench {

namespace {

const std::u32string kChars = U"永春满干坤山水龍書";
constexpr int kDisplaySize = 512;

// The display stage before crisp edges: bilinear, then a smoothstep over coverage 0.3-0.7. Kept
// here only as the baseline of the comparison.
Coverage smoothstep_upsample(const Coverage& source, int size) {
  Coverage out = bilinear_enlargement(source, size);
  for (float& v : out.values) {
    const float t = std::clamp((v - 0.3f) / 0.4f, 0.0f, 1.0f);
    v = t * t * (3 - 2 * t);
  }
  return out;
}

}  // namespace

nlohmann::json display_section(const StrokeLibrary& library) {
  nlohmann::json out;
  std::printf("== display (the data's strokes at 64 px, drawn at %d px) ==\n", kDisplaySize);
  Rasterizer rasterizer;
  const std::shared_ptr<DetailStage> detail = DetailStage::of_model(default_model_dir());
  if (detail) configure_torch_threads();  // as the writing tools run it
  std::vector<double> crisp_ms, smooth_ms, detail_ms, timeline_ms;
  EdgeBand crisp_edge, smooth_edge;
  for (char32_t c : kChars) {
    const Glyph& glyph = library.glyph(c);
    const GlyphPlanes planes = render_glyph_planes(glyph, rasterizer, 64);
    Coverage crisp_glyph(kDisplaySize, kDisplaySize), smooth_glyph(kDisplaySize, kDisplaySize);
    for (const Coverage& stroke : planes.strokes) {
      Coverage crisp, smooth;
      crisp_ms.push_back(seconds_of([&] { crisp = upsample_coverage(stroke, kDisplaySize); }) * 1e3);
      smooth_ms.push_back(seconds_of([&] { smooth = smoothstep_upsample(stroke, kDisplaySize); }) * 1e3);
      crisp_glyph.max_with(crisp);
      smooth_glyph.max_with(smooth);
    }
    for (size_t k = 0; detail && k < planes.strokes.size(); ++k)
      detail_ms.push_back(seconds_of([&] { detail->draw(planes.strokes[k], glyph.strokes[k].median); }) * 1e3);
    crisp_edge.add(crisp_glyph);
    smooth_edge.add(smooth_glyph);
    std::vector<Polyline> medians;
    for (const Stroke& s : glyph.strokes) medians.push_back(s.median);
    timeline_ms.push_back(seconds_of([&] { BrushTimeline(planes.strokes, medians, kDisplaySize); }) * 1e3);
  }
  const Timing crisp = summarize(crisp_ms), smooth = summarize(smooth_ms), timeline = summarize(timeline_ms);
  out["ms_per_stroke_crisp"] = {{"median", crisp.median}, {"p90", crisp.p90}, {"edge_band", crisp_edge.width()}};
  out["ms_per_stroke_smoothstep"] = {{"median", smooth.median}, {"p90", smooth.p90}, {"edge_band", smooth_edge.width()}};
  out["ms_per_character_timeline"] = {{"median", timeline.median}, {"p90", timeline.p90}};
  std::printf("crisp edge, per stroke            %8.2f ms median, %.2f ms p90 (edge band %.2f px)\n", crisp.median, crisp.p90,
              crisp_edge.width());
  std::printf("bilinear + smoothstep (before)    %8.2f ms median, %.2f ms p90 (edge band %.2f px)\n", smooth.median, smooth.p90,
              smooth_edge.width());
  if (detail) {
    const Timing d = summarize(detail_ms);
    out["ms_per_stroke_detail"] = {{"median", d.median}, {"p90", d.p90}, {"size", detail->config().size}};
    std::printf("detail stage, per stroke at %d px %7.2f ms median, %.2f ms p90\n", detail->config().size, d.median, d.p90);
  } else {
    std::printf("detail stage: none with the default model\n");
  }
  std::printf("brush timeline, per character     %8.1f ms median, %.1f ms p90\n", timeline.median, timeline.p90);
  return out;
}

}  // namespace ink::bench
