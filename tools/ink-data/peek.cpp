// ink-data peek: one dataset sample's channels side by side as a PNG, enlarged with whole
// pixels on purpose: this shows exactly what the model is given, not a smoothed picture of it.
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/dataset/shard.h"
#include "ink/render/image.h"

namespace ink::data_tool {

int peek(cli::Args& args) {
  const auto png = args.value("png");
  const int index = args.int_value("index", 0, 0, 1 << 30);
  const int zoom = args.int_value("zoom", 4, 1, 32);
  const std::string file = args.positional("SHARD (a .shard file from ink-data build)");
  args.finish();
  if (!png) throw InkError("peek needs --png FILE");

  const Shard shard = Shard::read(file);
  if (static_cast<uint32_t>(index) >= shard.count())
    throw InkError(file + ": --index " + std::to_string(index) + " out of range (" + std::to_string(shard.count()) + " samples)");
  const int s = shard.size(), gap = 4;
  Image image(shard.channels() * (s * zoom + gap) - gap, s * zoom, {255, 255, 255});
  const uint8_t* planes = shard.planes(index);
  for (int c = 0; c < shard.channels(); ++c)
    for (int y = 0; y < s * zoom; ++y)
      for (int x = 0; x < s * zoom; ++x) {
        const uint8_t v = planes[(static_cast<size_t>(c) * s + y / zoom) * s + x / zoom];
        const auto tone = static_cast<uint8_t>(250 - v * 230 / 255);  // ink on paper
        image.fill_rect(c * (s * zoom + gap) + x, y, 1, 1, {tone, tone, static_cast<uint8_t>(tone * 0.96)});
      }
  write_png(image, *png);
  const SampleMeta& meta = shard.meta(index);
  const std::string what = shard.kind() == SampleKind::stroke_step
                               ? "stroke " + std::to_string(meta.step + 1) + " of " + std::to_string(meta.stroke_count)
                               : "whole glyph, " + std::to_string(meta.stroke_count) + " strokes";
  std::printf("%s sample %d: %s %s, %d channels of %dx%d -> %s\n", file.c_str(), index, describe_char(meta.codepoint).c_str(),
              what.c_str(), shard.channels(), s, s, png->c_str());
  return 0;
}

}  // namespace ink::data_tool
