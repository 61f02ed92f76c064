// Generated strokes as Hanzi Writer character data: each stroke's coverage vectorised with
// potrace into an SVG path, and its median, both in the 1024 box with y up, so the output plays
// in Hanzi Writer itself.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"

namespace ink {

// The outline of `coverage` (thresholded at 0.5 after smooth upsampling to `trace_size`) as an
// SVG path in Hanzi Writer's coordinates. Empty coverage gives an empty string.
std::string trace_stroke_svg(const Coverage& coverage, int trace_size = 256);

// {"strokes": [...], "medians": [[[x, y], ...], ...]} for one character.
std::string hanzi_writer_json(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians);

// Where character `c` of `count` goes when JSON is asked for as `file`: the file itself for one
// character, "NAME-字.json" beside it for several (Hanzi Writer loads one character per file).
std::filesystem::path per_character_file(const std::filesystem::path& file, char32_t c, size_t count);

}  // namespace ink
