// Inference timestep spacings.
#include "sampling/timesteps.h"

#include <cmath>
#include <string>

#include "ink/base/error.h"

namespace ink {

void check_inference_steps(int n, int num_train) {
  if (n < 1 || n > num_train)
    throw InkError("sampler steps " + std::to_string(n) + " out of range (1.." + std::to_string(num_train) + ")");
}

// diffusers' timestep spacings (Lin et al. 2023, table 2): "leading" counts up from 0 by
// T / n, "trailing" counts down from T - 1, "linspace" spreads n points over [0, T - 1].
std::vector<int64_t> spaced_timesteps(int num_train, int n, TimestepSpacing spacing, int steps_offset) {
  std::vector<int64_t> out;
  switch (spacing) {
    case TimestepSpacing::leading: {
      const int ratio = num_train / n;
      for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<int64_t>(i) * ratio + steps_offset);
      break;
    }
    case TimestepSpacing::trailing: {
      const double ratio = static_cast<double>(num_train) / n;
      for (int i = 0; i < n; ++i) out.push_back(static_cast<int64_t>(std::round(num_train - i * ratio)) - 1);
      break;
    }
    case TimestepSpacing::linspace:
      for (int i = n - 1; i >= 0; --i)
        out.push_back(static_cast<int64_t>(std::nearbyint((num_train - 1.0) * i / (n - 1 > 0 ? n - 1 : 1))));
      break;
  }
  return out;
}

std::vector<int64_t> linspace_timesteps_before_zero(int num_train, int n) {
  std::vector<int64_t> out;
  for (int i = n; i >= 1; --i) out.push_back(static_cast<int64_t>(std::nearbyint((num_train - 1.0) * i / n)));
  return out;
}

std::vector<int64_t> refining_timesteps(int num_train, int n, int refine_from) {
  check_inference_steps(n, num_train);
  if (refine_from >= num_train - 1) return linspace_timesteps_before_zero(num_train, n);
  if (refine_from < n - 1)
    throw InkError("refine-from " + std::to_string(refine_from) + " leaves no room for " + std::to_string(n - 1) +
                   " refining steps below it (use at least " + std::to_string(n - 1) + ", or fewer steps)");
  std::vector<int64_t> out = {num_train - 1};
  for (int i = n - 1; i >= 1; --i) out.push_back(static_cast<int64_t>(std::nearbyint(static_cast<double>(refine_from) * i / (n - 1))));
  return out;
}

}  // namespace ink
