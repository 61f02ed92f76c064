// The packed stroke file (.inkpack), version 1, little-endian:
//   "HZINKPK\0" u32 version | u32 glyphs, strokes, verbs, points, median_points, radicals
//   | u32 len + data version string | glyphs x {u32 codepoint, u16 strokes, u16 radicals}
//   | strokes x {u16 verbs, u16 median_points} | u8 radical indices | u8 verbs
//   | i16 x,y points | i16 x,y median points | u32 FNV-1a of everything before.
// Coordinates are int16 in 1/16 units, half the size of float32. Outline coordinates must be
// exact on that grid (the data uses quarter units at finest) or packing is refused. Medians are
// approximate centre lines, and 4 values in the data (in 斃 and 瀉) are off any grid: those
// round to the nearest 1/16, an error of at most 1/32 of a unit in a 1024 box.
#include <cmath>
#include <limits>

#include "base/bytes.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/mapped_file.h"
#include "ink/base/utf8.h"
#include "ink/data/stroke_library.h"

namespace ink {
namespace {

constexpr char kMagic[8] = {'H', 'Z', 'I', 'N', 'K', 'P', 'K', '\0'};
constexpr uint32_t kVersion = 1;
constexpr float kUnitsPerCoordinate = 16.0f;
constexpr uint64_t kMaxPackBytes = uint64_t{1} << 30;  // the whole of hanzi-writer-data packs to 15 MB

enum class Rounding { exact, nearest };

int16_t pack_coordinate(float v, Rounding rounding, char32_t codepoint) {
  const float scaled = v * kUnitsPerCoordinate;
  const float on_grid = std::round(scaled);
  if ((rounding == Rounding::exact && scaled != on_grid) || std::fabs(on_grid) > std::numeric_limits<int16_t>::max())
    throw InkError("cannot pack " + describe_char(codepoint) + ": outline coordinate " + std::to_string(v) +
                   " is not a multiple of 1/16 within +-2047");
  return static_cast<int16_t>(on_grid);
}

template <typename T>
T checked_count(size_t n, const char* what, char32_t codepoint) {
  if (n > std::numeric_limits<T>::max())
    throw InkError("cannot pack " + describe_char(codepoint) + ": too many " + what);
  return static_cast<T>(n);
}

}  // namespace

void StrokeLibrary::save_pack(const std::filesystem::path& file) const {
  detail::ByteSink head, glyph_table, stroke_table, radicals, verbs, points, medians;
  uint32_t n_strokes = 0, n_verbs = 0, n_points = 0, n_medians = 0, n_radicals = 0;
  for (const Glyph& g : glyphs_) {
    glyph_table.put<uint32_t>(g.codepoint);
    glyph_table.put(checked_count<uint16_t>(g.strokes.size(), "strokes", g.codepoint));
    glyph_table.put(checked_count<uint16_t>(g.radical_strokes.size(), "radical strokes", g.codepoint));
    for (int r : g.radical_strokes) radicals.put(checked_count<uint8_t>(r, "strokes", g.codepoint));
    n_radicals += g.radical_strokes.size();
    for (const Stroke& s : g.strokes) {
      stroke_table.put(checked_count<uint16_t>(s.outline.verbs.size(), "path commands", g.codepoint));
      stroke_table.put(checked_count<uint16_t>(s.median.size(), "median points", g.codepoint));
      for (PathVerb v : s.outline.verbs) verbs.put(static_cast<uint8_t>(v));
      for (Point p : s.outline.points) {
        points.put(pack_coordinate(p.x, Rounding::exact, g.codepoint));
        points.put(pack_coordinate(p.y, Rounding::exact, g.codepoint));
      }
      for (Point p : s.median) {
        medians.put(pack_coordinate(p.x, Rounding::nearest, g.codepoint));
        medians.put(pack_coordinate(p.y, Rounding::nearest, g.codepoint));
      }
      ++n_strokes;
      n_verbs += s.outline.verbs.size();
      n_points += s.outline.points.size();
      n_medians += s.median.size();
    }
  }
  head.put_bytes(kMagic, sizeof kMagic);
  head.put(kVersion);
  for (uint32_t n : {static_cast<uint32_t>(glyphs_.size()), n_strokes, n_verbs, n_points, n_medians, n_radicals})
    head.put(n);
  head.put(static_cast<uint32_t>(data_version_.size()));
  head.put_bytes(data_version_.data(), data_version_.size());

  std::vector<uint8_t> all;
  for (auto* part : {&head, &glyph_table, &stroke_table, &radicals, &verbs, &points, &medians})
    all.insert(all.end(), part->bytes.begin(), part->bytes.end());
  const uint32_t checksum = detail::fnv1a(all.data(), all.size());
  AtomicFile out(file);
  out.write(all.data(), all.size());
  out.write(&checksum, sizeof checksum);
  out.commit();
}

StrokeLibrary StrokeLibrary::load_pack(const std::filesystem::path& file, const std::u32string* only) {
  // Mapped, not read: a writer opening the pack for one character should not first zero and copy
  // all 15 MB of it (a third of ink-write's front, measured).
  const std::shared_ptr<const MappedFile> bytes = MappedFile::open(file, kMaxPackBytes, "a stroke pack");
  StrokeLibrary library = parse_pack(bytes->data(), bytes->size(), file.string(), only);
  library.origin_ = file;
  return library;
}

StrokeLibrary StrokeLibrary::parse_pack(const uint8_t* data, size_t size, const std::string& where, const std::u32string* only) {
  if (size < sizeof kMagic + 4 || std::memcmp(data, kMagic, sizeof kMagic) != 0)
    throw InkError(where + ": not a hanzi-ink stroke pack (bad magic)");
  const size_t body = size - 4;
  uint32_t stored_checksum;
  std::memcpy(&stored_checksum, data + body, 4);
  if (detail::fnv1a(data, body) != stored_checksum)
    throw InkError(where + ": checksum mismatch (file truncated or corrupted; delete it and run tools/run to repack)");

  detail::ByteSource in(data, body, where);
  in.take(sizeof kMagic);
  const auto version = in.get<uint32_t>();
  if (version != kVersion)
    in.fail("pack version " + std::to_string(version) + ", this build reads version " + std::to_string(kVersion));
  const auto n_glyphs = in.get<uint32_t>(), n_strokes = in.get<uint32_t>(), n_verbs = in.get<uint32_t>();
  const auto n_points = in.get<uint32_t>(), n_medians = in.get<uint32_t>(), n_radicals = in.get<uint32_t>();
  const auto version_length = in.get<uint32_t>();
  const auto* version_text = in.take(version_length);

  StrokeLibrary library;
  library.data_version_.assign(reinterpret_cast<const char*>(version_text), version_length);

  // Each section is a contiguous array; walk them side by side with one cursor per section.
  const uint8_t* glyph_table = in.take(size_t{n_glyphs} * 8);
  const uint8_t* stroke_table = in.take(size_t{n_strokes} * 4);
  const uint8_t* radicals = in.take(n_radicals);
  const uint8_t* verbs = in.take(n_verbs);
  const uint8_t* points = in.take(size_t{n_points} * 4);
  const uint8_t* medians = in.take(size_t{n_medians} * 4);
  if (in.remaining() != 0) in.fail("unexpected trailing bytes");
  const uint8_t* ends[] = {stroke_table + size_t{n_strokes} * 4, radicals + n_radicals, verbs + n_verbs,
                           points + size_t{n_points} * 4, medians + size_t{n_medians} * 4};

  // Every read checks its own section's end first, so a crafted file cannot read out of bounds.
  auto need = [&](const uint8_t* p, size_t n, int section) {
    if (n > static_cast<size_t>(ends[section] - p)) in.fail("inconsistent section sizes");
  };
  auto read_u16 = [](const uint8_t*& p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    p += 2;
    return v;
  };
  auto read_point = [&](const uint8_t*& p, int section) {
    need(p, 4, section);
    int16_t xy[2];
    std::memcpy(xy, p, 4);
    p += 4;
    return Point{xy[0] / kUnitsPerCoordinate, xy[1] / kUnitsPerCoordinate};
  };

  library.glyphs_.reserve(only ? only->size() : n_glyphs);
  for (uint32_t i = 0; i < n_glyphs; ++i) {
    char32_t codepoint;
    std::memcpy(&codepoint, glyph_table, 4);
    glyph_table += 4;
    // A glyph left out is walked all the same: its counts move every section's cursor.
    const bool keep = !only || only->find(codepoint) != std::u32string::npos;
    Glyph unused;
    Glyph& g = keep ? library.glyphs_.emplace_back() : unused;
    g.codepoint = codepoint;
    const uint16_t n_glyph_strokes = read_u16(glyph_table);
    const uint16_t n_glyph_radicals = read_u16(glyph_table);
    need(radicals, n_glyph_radicals, 1);
    if (keep) g.radical_strokes.assign(radicals, radicals + n_glyph_radicals);
    radicals += n_glyph_radicals;
    if (keep) g.strokes.resize(n_glyph_strokes);
    for (uint16_t k = 0; k < n_glyph_strokes; ++k) {
      need(stroke_table, 4, 0);
      const uint16_t n_stroke_verbs = read_u16(stroke_table);
      const uint16_t n_median_points = read_u16(stroke_table);
      need(verbs, n_stroke_verbs, 2);
      Stroke* s = keep ? &g.strokes[k] : nullptr;
      if (s) s->outline.verbs.reserve(n_stroke_verbs);
      for (uint16_t v = 0; v < n_stroke_verbs; ++v) {
        const uint8_t raw = *verbs++;
        if (raw > static_cast<uint8_t>(PathVerb::close)) in.fail("bad path verb " + std::to_string(raw));
        const auto verb = static_cast<PathVerb>(raw);
        if (s) s->outline.verbs.push_back(verb);
        for (int p = 0; p < points_per_verb(verb); ++p) {
          const Point point = read_point(points, 3);
          if (s) s->outline.points.push_back(point);
        }
      }
      for (uint16_t m = 0; m < n_median_points; ++m) {
        const Point point = read_point(medians, 4);
        if (s) s->median.push_back(point);
      }
    }
  }
  return library;
}

}  // namespace ink
