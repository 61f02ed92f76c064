// The median of a few numbers (the upper one of an even count), for summaries that must not be
// pulled by a few odd values: a hand's typical layout, its stroke tilts. Internal to src/core.
#pragma once
#include <algorithm>
#include <vector>

namespace ink {

inline float median_of(std::vector<float> values) {  // `values` must not be empty
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace ink
