// Where a forward's time goes: each ATen operator's self time (its time less that of the
// operators it called), from libtorch's own profiler over repeated forwards.
#include "forward_profile.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <map>

namespace ink::bench {

std::vector<OperatorTime> profile_operators(const std::function<void()>& forward, int repeats) {
  namespace prof = torch::autograd::profiler;
  prof::enableProfilerLegacy(torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU));
  for (int i = 0; i < repeats; ++i) forward();
  const prof::thread_event_lists lists = prof::disableProfilerLegacy();

  std::map<std::string, OperatorTime> by_name;
  for (const auto& events : lists) {
    struct Open {
      const prof::LegacyEvent* push;
      double children_us = 0;
    };
    std::vector<Open> stack;
    for (const prof::LegacyEvent& e : events) {
      if (e.kind() == prof::EventKind::PushRange) {
        stack.push_back({&e});
      } else if (e.kind() == prof::EventKind::PopRange && !stack.empty()) {
        const Open open = stack.back();
        stack.pop_back();
        const double total_us = open.push->cpuElapsedUs(e);
        OperatorTime& op = by_name[open.push->name()];
        op.name = open.push->name();
        op.self_ms += (total_us - open.children_us) / 1e3 / repeats;
        op.calls += 1.0 / repeats;
        if (!stack.empty()) stack.back().children_us += total_us;
      }
    }
  }
  std::vector<OperatorTime> out;
  for (auto& item : by_name) out.push_back(item.second);
  std::sort(out.begin(), out.end(), [](const OperatorTime& a, const OperatorTime& b) { return a.self_ms > b.self_ms; });
  return out;
}

}  // namespace ink::bench
