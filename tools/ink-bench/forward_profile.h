// A per-operator profile of one model call (ink-bench's model section).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace ink::bench {

struct OperatorTime {
  std::string name;
  double self_ms = 0;  // per call of `forward`
  double calls = 0;    // per call of `forward`
};

// Runs `forward` `repeats` times under libtorch's profiler; operators by self time, largest first.
std::vector<OperatorTime> profile_operators(const std::function<void()>& forward, int repeats);

}  // namespace ink::bench
