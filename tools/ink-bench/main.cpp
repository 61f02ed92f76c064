// ink-bench: speed and memory figures (never asserted in tests; compared by people over time).
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

#include "bench.h"
#include "cli/cli.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"
#include "ink/base/paths.h"
#include "ink/model/torch_runtime.h"

namespace ink::bench {

Timing summarize(std::vector<double> samples) {
  if (samples.empty()) return {};
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 9 / 10)]};
}

}  // namespace ink::bench

namespace {

constexpr const char* kUsage = R"(usage: ink-bench [--json FILE] [--data PATH] [--only data|display|model|writer|training|startup]
Speed and memory on this machine: loading the stroke data, rasterising, building datasets,
drawing 64 px strokes at 512 px, the UNet's forward pass (ms and GFLOP/s at batch 1, 2 and 8,
before and after against the machine's fp32 peak, and where batch 1 spends its time by
operator), training samples/s, ms per generated stroke (as before and as now) and whole glyph
with the default model, and peak memory; then real ink-train runs in one process and
data-parallel over 1 and 2 local ranks (samples/s, all-reduce ms per step); and ink-write's
start-up (--help, --list-styles, one character). Takes a few minutes; --only runs one section.
)";

}  // namespace

int main(int argc, char** argv) {
  if (ink::cli::asked_for_help(argc, argv, kUsage)) return 0;
  ink::prefer_passive_openmp(argv);
  ink::keep_freed_memory();
  return ink::cli::run_tool("ink-bench", [&]() {
    ink::cli::Args args(argc, argv, 1);
    const auto json_file = args.value("json");
    const std::string data = args.value_or("data", ink::default_stroke_pack().string());
    const std::string only = args.value_or("only", "");
    args.finish();
    if (!only.empty() && only != "data" && only != "display" && only != "model" && only != "writer" && only != "training" && only != "startup")
      throw ink::InkError("--only " + only + ": expected data, display, model, writer, training or startup");
    const auto runs = [&](const char* section) { return only.empty() || only == section; };

    nlohmann::json report;
    if (runs("data")) report["data"] = ink::bench::data_section(data);
    if (runs("display")) report["display"] = ink::bench::display_section(ink::StrokeLibrary::open(data));
    if (runs("model")) report["model"] = ink::bench::model_section();
    if (runs("writer")) report["writer"] = ink::bench::writer_section(ink::StrokeLibrary::open(data));
    if (runs("training")) report["training"] = ink::bench::training_section();
    if (runs("startup")) report["startup"] = ink::bench::startup_section();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    report["peak_rss_mb"] = usage.ru_maxrss / 1024.0;
    std::printf("peak RSS                          %8.1f MB\n", usage.ru_maxrss / 1024.0);
    if (json_file) ink::write_file_atomic(*json_file, report.dump(2) + "\n");
    return 0;
  });
}
