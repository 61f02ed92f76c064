// Golden numbers from diffusers' own scheduler tests (tests/schedulers/test_scheduler_ddim.py,
// test_scheduler_dpm_multi.py), with the same deterministic sample and dummy model.
#include "torch_catch.h"

#include "ink/base/error.h"
#include "ink/sampling/sampler.h"

#include <cmath>

using namespace ink;

namespace {

// diffusers' SchedulerCommonTest.dummy_sample_deter: arange, laid out [C, H, W, B], then [B, C, H, W].
torch::Tensor dummy_sample_deter() {
  const int64_t b = 4, c = 3, h = 8, w = 8, n = b * c * h * w;
  return (torch::arange(n).to(torch::kFloat32) / static_cast<double>(n)).reshape({c, h, w, b}).permute({3, 0, 1, 2});
}

// diffusers' dummy_model: sample * t / (t + 1).
torch::Tensor dummy_model(const torch::Tensor& sample, int64_t t) { return sample * static_cast<double>(t) / (t + 1.0); }

std::shared_ptr<NoiseSchedule> linear_schedule(double beta_start = 0.0001, PredictionType type = PredictionType::epsilon) {
  NoiseScheduleConfig config;
  config.beta_start = beta_start;
  config.beta_end = 0.02;
  config.beta_schedule = BetaSchedule::linear;
  config.prediction_type = type;
  return std::make_shared<NoiseSchedule>(config);
}

torch::Tensor ddim_full_loop(std::shared_ptr<NoiseSchedule> schedule, DdimOptions options = {}) {
  DdimSampler sampler(std::move(schedule), options);
  sampler.set_timesteps(10);
  return run_sampler(sampler, dummy_model, dummy_sample_deter());
}

// A model that predicts the true noise of x_t for a known clean sample.
Denoiser exact_noise(std::shared_ptr<NoiseSchedule> schedule, torch::Tensor clean) {
  return [schedule, clean](const torch::Tensor& xt, int64_t t) {
    const double a = schedule->alpha_cumprod(t);
    return (xt - std::sqrt(a) * clean) / std::sqrt(1 - a);
  };
}

}  // namespace

TEST_CASE("DDIM timesteps match diffusers: leading spacing with steps_offset", "[sched]") {
  DdimOptions options;
  options.steps_offset = 1;
  DdimSampler sampler(linear_schedule(), options);
  sampler.set_timesteps(5);
  CHECK(sampler.timesteps() == std::vector<int64_t>{801, 601, 401, 201, 1});
  DdimOptions trailing;
  trailing.spacing = TimestepSpacing::trailing;
  DdimSampler trailing_sampler(linear_schedule(), trailing);
  trailing_sampler.set_timesteps(4);
  CHECK(trailing_sampler.timesteps() == std::vector<int64_t>{999, 749, 499, 249});
  CHECK_THROWS_AS(sampler.set_timesteps(0), InkError);
}

TEST_CASE("DDIM variances match diffusers", "[sched]") {
  DdimSampler sampler(linear_schedule());
  CHECK(sampler.variance(0, 0) == Approx(0.0).margin(1e-5));
  CHECK(sampler.variance(420, 400) == Approx(0.14771).margin(1e-5));
  CHECK(sampler.variance(980, 960) == Approx(0.32460).margin(1e-5));
  CHECK(sampler.variance(487, 486) == Approx(0.00979).margin(1e-5));
  CHECK(sampler.variance(999, 998) == Approx(0.02).margin(1e-5));
}

TEST_CASE("a full DDIM loop matches diffusers' result", "[sched]") {
  const torch::Tensor x = ddim_full_loop(linear_schedule());
  CHECK(x.abs().sum().item<double>() == Approx(172.0067).margin(1e-2));
  CHECK(x.abs().mean().item<double>() == Approx(0.223967).margin(1e-3));

  const torch::Tensor v = ddim_full_loop(linear_schedule(0.0001, PredictionType::v_prediction));
  CHECK(v.abs().sum().item<double>() == Approx(52.5302).margin(1e-2));

  DdimOptions no_alpha_one;
  no_alpha_one.set_alpha_to_one = false;
  CHECK(ddim_full_loop(linear_schedule(0.01)).abs().sum().item<double>() == Approx(149.8295).margin(1e-2));
  CHECK(ddim_full_loop(linear_schedule(0.01), no_alpha_one).abs().sum().item<double>() == Approx(149.0784).margin(1e-2));
}

TEST_CASE("each prediction type's target turns back into the true x0 and noise", "[sched]") {
  torch::manual_seed(3);
  const torch::Tensor x0 = torch::rand({3, 2, 8, 8}) * 2 - 1, noise = torch::randn({3, 2, 8, 8});
  const torch::Tensor t = torch::tensor({10, 500, 990}, torch::kInt64);
  for (auto type : {PredictionType::epsilon, PredictionType::v_prediction, PredictionType::sample}) {
    auto schedule = linear_schedule(0.0001, type);
    const torch::Tensor xt = schedule->add_noise(x0, noise, t);
    const torch::Tensor target = schedule->target(x0, noise, t);
    for (int64_t i = 0; i < 3; ++i) {
      const auto [x0_hat, noise_hat] = schedule->predict_x0_and_noise(target[i], xt[i], schedule->alpha_cumprod(t[i].item<int64_t>()));
      INFO(to_string(type) << " t=" << t[i].item<int64_t>());
      CHECK(torch::allclose(x0_hat, x0[i], 1e-3, 1e-3));
      CHECK(torch::allclose(noise_hat, noise[i], 1e-2, 1e-2));
    }
  }
  // add_noise is sqrt(a) x0 + sqrt(1 - a) noise per sample.
  auto schedule = linear_schedule();
  const double a = schedule->alpha_cumprod(500);
  CHECK(torch::allclose(schedule->add_noise(x0, noise, t)[1], std::sqrt(a) * x0[1] + std::sqrt(1 - a) * noise[1], 1e-5, 1e-5));
}

TEST_CASE("mixed passes are batched in one call and summed by weight", "[sched]") {
  int calls = 0;
  int64_t batch = 0;
  // A batch denoiser whose p-th block of the batch returns p + 1.
  auto blocks = [&](int64_t passes) {
    return [&, passes](const torch::Tensor& x, int64_t) {
      ++calls;
      batch = x.size(0);
      const int64_t b = x.size(0) / passes;
      auto out = torch::empty_like(x);
      for (int64_t p = 0; p < passes; ++p) out.narrow(0, p * b, b).fill_(static_cast<double>(p + 1));
      return out;
    };
  };
  const torch::Tensor x = torch::zeros({2, 1, 4, 4});
  // Classifier-free guidance: (conditional = 1, unconditional = 2) at scale g is {g, 1 - g}.
  CHECK(mixed(blocks(2), {1.0, 0.0})(x, 10).mean().item<double>() == Approx(1.0));
  CHECK(mixed(blocks(2), {0.0, 1.0})(x, 10).mean().item<double>() == Approx(2.0));
  CHECK(mixed(blocks(2), {2.5, -1.5})(x, 10).mean().item<double>() == Approx(2.0 + 2.5 * (1.0 - 2.0)));
  CHECK(calls == 3);  // one batched call per evaluation...
  CHECK(batch == 4);  // ...of the batch times the passes
  CHECK(mixed(blocks(3), {0.5, 0.25, 0.25})(x, 10).mean().item<double>() == Approx(0.5 + 0.5 + 0.75));
  CHECK(batch == 6);
  CHECK_THROWS(mixed(blocks(1), {}));
}

TEST_CASE("a full DPM-Solver++(2M) loop matches diffusers' result", "[sched]") {
  // diffusers' test configuration: second order to the end, stopping at sigma(t = 0).
  DpmSolverOptions golden;
  golden.final_sigma = DpmSolverOptions::FinalSigma::sigma_min;
  golden.lower_order_final = false;
  DpmSolverSampler sampler(linear_schedule(), golden);
  sampler.set_timesteps(10);
  CHECK(sampler.timesteps() == std::vector<int64_t>{999, 899, 799, 699, 599, 500, 400, 300, 200, 100});
  const torch::Tensor x = run_sampler(sampler, dummy_model, dummy_sample_deter());
  CHECK(x.abs().mean().item<double>() == Approx(0.3301).margin(1e-3));

  DpmSolverSampler v_sampler(linear_schedule(0.0001, PredictionType::v_prediction), golden);
  v_sampler.set_timesteps(10);
  CHECK(run_sampler(v_sampler, dummy_model, dummy_sample_deter()).abs().mean().item<double>() == Approx(0.2251).margin(1e-3));
}

TEST_CASE("DPM-Solver++ with our defaults lands exactly on the predicted x0", "[sched]") {
  DpmSolverSampler sampler(linear_schedule());  // final sigma 0
  sampler.set_timesteps(6);
  torch::Tensor last_x0;
  const torch::Tensor x = run_sampler(sampler, dummy_model, dummy_sample_deter(),
                                      [&](size_t, const torch::Tensor& x0) { last_x0 = x0; });
  CHECK(sampler.sigmas().back() == 0.0);
  CHECK(torch::equal(x, last_x0));
  // A model that predicts the true noise recovers the clean sample from pure noise in few steps.
  torch::manual_seed(5);
  auto schedule = linear_schedule();
  const torch::Tensor clean = torch::rand({2, 1, 8, 8}) * 2 - 1, noise = torch::randn({2, 1, 8, 8});
  const Denoiser oracle = exact_noise(schedule, clean);
  for (int steps : {4, 8}) {
    DpmSolverSampler dpm(schedule);
    dpm.set_timesteps(steps);
    const torch::Tensor start = schedule->add_noise(clean, noise, torch::full({2}, dpm.timesteps()[0], torch::kInt64));
    CHECK(torch::allclose(run_sampler(dpm, oracle, start), clean, 1e-3, 1e-3));
  }
}

TEST_CASE("DPM-Solver refuses steps out of order", "[sched]") {
  DpmSolverSampler sampler(linear_schedule());
  sampler.set_timesteps(4);
  const torch::Tensor x = dummy_sample_deter();
  CHECK_THROWS_WITH(sampler.step(x, 500, x), Catch::Contains("out of order"));
}

TEST_CASE("the writers' steps: the first at T - 1, the rest spread below refine_from", "[sched]") {
  CHECK(refining_timesteps(1000, 1, 300) == std::vector<int64_t>{999});
  CHECK(refining_timesteps(1000, 3, 300) == std::vector<int64_t>{999, 300, 150});
  CHECK(refining_timesteps(1000, 4, 300) == std::vector<int64_t>{999, 300, 200, 100});
  // From the top there is nothing to refine from: diffusers' linspace, as set_timesteps(n) gives.
  DpmSolverSampler spread(linear_schedule());
  spread.set_timesteps(4);
  CHECK(refining_timesteps(1000, 4, 999) == spread.timesteps());
  CHECK_THROWS_WITH(refining_timesteps(1000, 5, 3), Catch::Contains("leaves no room for 4 refining steps"));
  CHECK_THROWS_WITH(refining_timesteps(1000, 0, 300), Catch::Contains("out of range"));
}

TEST_CASE("DPM-Solver++ follows given timesteps and checks them", "[sched]") {
  auto schedule = linear_schedule();
  DpmSolverSampler sampler(schedule);
  CHECK_THROWS_WITH(sampler.set_timesteps(std::vector<int64_t>{999, 300, 300}), Catch::Contains("decrease strictly"));
  CHECK_THROWS_WITH(sampler.set_timesteps(std::vector<int64_t>{1000, 300}), Catch::Contains("decrease strictly"));
  sampler.set_timesteps(refining_timesteps(1000, 3, 300));
  CHECK(sampler.timesteps() == std::vector<int64_t>{999, 300, 150});
  // The exact noise at every step recovers the clean sample through the jump from 999 to 300.
  torch::manual_seed(6);
  const torch::Tensor clean = torch::rand({2, 1, 8, 8}) * 2 - 1, noise = torch::randn({2, 1, 8, 8});
  const Denoiser oracle = exact_noise(schedule, clean);
  const torch::Tensor start = schedule->add_noise(clean, noise, torch::full({2}, 999, torch::kInt64));
  std::vector<size_t> observed;
  const torch::Tensor x = run_sampler(sampler, oracle, start, [&](size_t i, const torch::Tensor&) { observed.push_back(i); });
  CHECK(observed.size() == 3);
  CHECK(torch::allclose(x, clean, 1e-3, 1e-3));
}
