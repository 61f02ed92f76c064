// build_dataset: characters are rendered in chunks on worker threads and written in order by
// the calling thread, so output is identical for any thread count.
#include "ink/dataset/dataset.h"

#include <chrono>
#include <cstdio>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "ink/alignment/placed_glyph.h"
#include "ink/alignment/stroke_alignment.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/dataset/shard.h"
#include "ink/dataset/stroke_step.h"
#include "ink/raster/font.h"
#include "ink/styles/ink_extraction.h"

namespace ink {
namespace {

// A font glyph whose split fits worse than this is another form of the character (a Japanese
// or traditional variant under the same code point) and is left out.
constexpr float kMinFontFit = 0.25f;
constexpr float kMinFontStrokeShare = 0.15f;

// One style's samples of a character: both empty when the style's font lacks the character;
// no stroke steps when its glyph does not split into the character's strokes.
struct StyleSamples {
  std::vector<uint8_t> stroke_steps;  // strokes x kStrokeStepChannels planes
  std::vector<uint8_t> whole;         // kWholeGlyphChannels planes
};

struct RenderedChar {
  char32_t codepoint = 0;
  int strokes = 0;
  std::vector<StyleSamples> styles;
};

// One style of a dataset: its name and the font it comes from ("" for the stroke data's own).
struct StyleSource {
  std::string name, family;
};

// "A,kai=B" -> {A: font A, kai: font B}; kDataStyle -> the stroke data; "" -> {kDataStyle}.
std::vector<StyleSource> style_sources(const std::string& list) {
  std::vector<StyleSource> out;
  for (const NamedFont& font : parse_named_fonts(list))
    out.push_back({font.name, font.family == kDataStyle ? std::string() : font.family});
  if (out.empty()) out.push_back({kDataStyle, ""});
  return out;
}

StyleSamples samples_from_planes(const GlyphPlanes& planes, int size) {
  const size_t plane = static_cast<size_t>(size) * size;
  const int strokes = static_cast<int>(planes.strokes.size());
  StyleSamples out;
  out.stroke_steps.resize(strokes * kStrokeStepChannels * plane);
  for (int k = 0; k < strokes; ++k) stroke_step_sample(planes, k, out.stroke_steps.data() + k * kStrokeStepChannels * plane);
  out.whole.resize(kWholeGlyphChannels * plane);
  whole_glyph_sample(planes, out.whole.data());
  return out;
}

// A font's samples of a character. Stroke steps need its glyph split into the character's
// strokes (at twice the size).
//   settled: the whole glyph is the font's own, as drawn, over the data's skeletons; each split
//     stroke is carried back through the split's alignment and settled onto its data stroke, so
//     the skeleton channels (the data's, which is all a writer has for characters the font never
//     showed it) run down the middle of the font's strokes. What a style learns is the brush.
//   in_place: the font's strokes and glyph stay where it draws them; the skeletons are the data's
//     placed where the split found each stroke (placed_glyph). A glyph that does not split gives
//     nothing.
StyleSamples font_samples(const GlyphPlanes& reference_planes, const Glyph& glyph, const FontFace& font,
                          Rasterizer& rasterizer, int size, StrokePlacement placement) {
  StyleSamples out;
  if (!font.has_char(glyph.codepoint)) return out;
  const int fine = 2 * size;
  const Coverage ink = rasterizer.fill(font.glyph_outline(glyph.codepoint), BoxToPixels::square(static_cast<float>(fine)), fine, fine);
  if (ink.sum() <= 0) return out;  // some fonts map characters to empty glyphs
  const Coverage target = downsample(ink, 2);
  const size_t plane = static_cast<size_t>(size) * size;
  if (placement == StrokePlacement::settled) {
    out.whole.resize(kWholeGlyphChannels * plane);
    whole_glyph_sample(reference_planes, out.whole.data(), &target);
  }

  const StrokeSplit split = split_by_alignment(ink, glyph);
  if (split.alignment.iou < kMinFontFit || split.weakest_stroke < kMinFontStrokeShare) return out;
  GlyphPlanes planes;
  if (placement == StrokePlacement::settled) {
    planes = reference_planes;
    planes.strokes = frame_strokes(split, split.alignment, size);
  } else {
    planes = render_glyph_planes(placed_glyph(glyph, split, rasterizer), rasterizer, size);
    planes.strokes.clear();
    for (const Coverage& stroke : split.strokes) planes.strokes.push_back(downsample(stroke, 2));
    out.whole.resize(kWholeGlyphChannels * plane);
    whole_glyph_sample(planes, out.whole.data(), &target);
  }
  planes.glyph = Coverage(size, size);
  for (const Coverage& stroke : planes.strokes) planes.glyph.max_with(stroke);
  out.stroke_steps = samples_from_planes(planes, size).stroke_steps;
  return out;
}

std::vector<RenderedChar> render_chunk(const StrokeLibrary& library, const DatasetOptions& options,
                                       const std::vector<char32_t>& chars, size_t begin, size_t end) {
  Rasterizer rasterizer;
  std::vector<std::optional<FontFace>> fonts;  // nullopt: the stroke data's own outlines
  for (const StyleSource& source : style_sources(options.font_family))
    fonts.push_back(source.family.empty() ? std::nullopt : std::optional<FontFace>(FontFace::open_family(source.family)));
  std::vector<RenderedChar> out;
  for (size_t i = begin; i < end; ++i) {
    const Glyph& glyph = library.glyph(chars[i]);
    RenderedChar r;
    r.codepoint = glyph.codepoint;
    r.strokes = static_cast<int>(glyph.strokes.size());
    const GlyphPlanes planes = render_glyph_planes(glyph, rasterizer, options.size);
    for (const auto& font : fonts) {
      if (!font) {
        r.styles.push_back(samples_from_planes(planes, options.size));
        continue;
      }
      r.styles.push_back(font_samples(planes, glyph, *font, rasterizer, options.size, options.placement));
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Rolls samples of one kind over into numbered shard files.
class ShardSeries {
 public:
  ShardSeries(const DatasetOptions& options, SampleKind kind, int channels)
      : options_(options), kind_(kind), channels_(channels) {}
  void add(const SampleMeta& meta, const uint8_t* planes) {
    if (!writer_) {
      char name[64];
      std::snprintf(name, sizeof name, "%s-%05zu.shard", to_string(kind_).c_str(), names_.size());
      names_.push_back(name);
      writer_.emplace(options_.out_dir / names_.back(), kind_, channels_, options_.size);
    }
    writer_->add(meta, planes);
    ++samples_;
    if (writer_->count() == options_.samples_per_shard) close();
  }
  void close() {
    if (writer_) writer_->finish();
    writer_.reset();
  }
  const std::vector<std::string>& names() const { return names_; }
  size_t samples() const { return samples_; }

 private:
  const DatasetOptions& options_;
  SampleKind kind_;
  int channels_;
  std::optional<ShardWriter> writer_;
  std::vector<std::string> names_;
  size_t samples_ = 0;
};

void remove_stale_shards(const std::filesystem::path& dir, const std::set<std::string>& keep) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".shard" && !keep.count(name)) std::filesystem::remove(entry.path());
  }
}

}  // namespace

std::string to_string(StrokePlacement placement) { return placement == StrokePlacement::in_place ? "in-place" : "settled"; }

StrokePlacement parse_stroke_placement(const std::string& text, const std::string& where) {
  if (text == "settled") return StrokePlacement::settled;
  if (text == "in-place") return StrokePlacement::in_place;
  throw InkError(where + ": placement '" + text + "' is neither 'settled' nor 'in-place'");
}

DatasetReport build_dataset(const StrokeLibrary& library, const DatasetOptions& options,
                            const std::function<void(size_t, size_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.size < 8 || options.size > 1024) throw InkError("--size " + std::to_string(options.size) + " out of range (8..1024)");
  if (options.chars.empty()) throw InkError("no characters selected");
  std::vector<std::string> style_names;
  for (const StyleSource& source : style_sources(options.font_family)) {
    if (!source.family.empty()) FontFace::open_family(source.family);  // fail before any work
    style_names.push_back(source.name);
  }
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) throw InkError("cannot write '" + options.out_dir.string() + "': " + error.message());
  // A previous manifest no longer describes what is being written: remove it first, so an
  // interrupted build never looks complete.
  std::filesystem::remove(options.out_dir / "manifest.json", error);

  ShardSeries steps(options, SampleKind::stroke_step, kStrokeStepChannels);
  ShardSeries wholes(options, SampleKind::whole_glyph, kWholeGlyphChannels);
  DatasetReport report;
  report.stroke_steps_per_style.assign(style_names.size(), 0);
  const size_t plane = static_cast<size_t>(options.size) * options.size;
  const size_t chunk = 32, total = options.chars.size();
  const int threads = std::max(1, options.threads);

  std::vector<std::future<std::vector<RenderedChar>>> in_flight;
  size_t next = 0, done = 0;
  auto launch = [&]() {
    const size_t begin = next, end = std::min(total, next + chunk);
    next = end;
    in_flight.push_back(std::async(std::launch::async, render_chunk, std::cref(library), std::cref(options),
                                   std::cref(options.chars), begin, end));
  };
  while (next < total && in_flight.size() < static_cast<size_t>(threads)) launch();
  while (!in_flight.empty()) {
    std::vector<RenderedChar> rendered = in_flight.front().get();
    in_flight.erase(in_flight.begin());
    if (next < total) launch();
    for (const RenderedChar& r : rendered) {
      bool missing = false;
      for (size_t style = 0; style < r.styles.size(); ++style) {
        const StyleSamples& samples = r.styles[style];
        SampleMeta meta{r.codepoint, 0, static_cast<uint16_t>(r.strokes), static_cast<uint16_t>(style), 0};
        for (int k = 0; k < static_cast<int>(samples.stroke_steps.size() / (kStrokeStepChannels * plane)); ++k) {
          meta.step = static_cast<uint16_t>(k);
          steps.add(meta, samples.stroke_steps.data() + k * kStrokeStepChannels * plane);
          ++report.stroke_steps_per_style[style];
        }
        meta.step = 0;
        if (!samples.whole.empty()) wholes.add(meta, samples.whole.data());
        missing = missing || samples.whole.empty();
      }
      if (missing) report.skipped.push_back(r.codepoint);
    }
    done += rendered.size();
    if (progress) progress(done, total);
  }
  steps.close();
  wholes.close();

  report.characters = total;
  report.stroke_steps = steps.samples();
  report.whole_glyphs = wholes.samples();
  report.shards = steps.names().size() + wholes.names().size();
  std::set<std::string> keep(steps.names().begin(), steps.names().end());
  keep.insert(wholes.names().begin(), wholes.names().end());
  remove_stale_shards(options.out_dir, keep);

  nlohmann::json manifest = {
      {"format", "hanzi-ink dataset"},
      {"version", kDatasetVersion},
      {"data_version", library.data_version()},
      {"size", options.size},
      {"selection", options.selection},
      {"characters", report.characters},
      {"styles", style_names},
      {"placement", to_string(options.placement)},
      {"stroke_step",
       {{"channels", {"target_stroke", "canvas", "stroke_skeleton", "future_skeletons"}},
        {"samples", report.stroke_steps},
        {"samples_per_style", report.stroke_steps_per_style},
        {"shards", steps.names()}}},
      {"whole_glyph",
       {{"channels", {"target_glyph", "ordered_skeletons"}}, {"samples", report.whole_glyphs}, {"shards", wholes.names()}}},
      {"skipped", encode_utf8(std::u32string(report.skipped.begin(), report.skipped.end()))},
  };
  write_file_atomic(options.out_dir / "manifest.json", manifest.dump(2) + "\n");
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ink
