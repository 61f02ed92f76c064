// Choosing the inference timesteps, shared by the samplers (internal header).
#pragma once
#include <cstdint>
#include <vector>

#include "ink/sampling/sampler.h"

namespace ink {

// Throws InkError unless 1 <= n <= num_train.
void check_inference_steps(int n, int num_train);
// n timesteps from high to low noise, in diffusers' spacings.
std::vector<int64_t> spaced_timesteps(int num_train, int n, TimestepSpacing spacing, int steps_offset);
// DPM-Solver's "linspace": n + 1 points over [0, T - 1] with the last (t = 0) dropped, because
// its final step goes on to the final sigma rather than to a timestep.
std::vector<int64_t> linspace_timesteps_before_zero(int num_train, int n);

}  // namespace ink
