// ink-bench sections. Each returns its figures as JSON and prints a table as it goes.
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"

namespace ink::bench {

// Median and 90th percentile of a set of timings.
struct Timing {
  double median = 0, p90 = 0;
};
Timing summarize(std::vector<double> samples);

template <typename F>
double seconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

nlohmann::json data_section(const std::string& pack_path);
nlohmann::json model_section();
nlohmann::json display_section(const StrokeLibrary& library);
nlohmann::json writer_section(const StrokeLibrary& library);
nlohmann::json training_section();
nlohmann::json startup_section();

}  // namespace ink::bench
