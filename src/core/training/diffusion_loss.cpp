// diffusion_loss and the shard-to-batch conversion it trains on.
#include "ink/training/diffusion_loss.h"

#include <torch/torch.h>

#include "ink/dataset/shard_tensor.h"

namespace ink {

DiffusionBatch batch_from_planes(const torch::Tensor& planes) {
  const torch::Tensor x = planes_to_model_range(planes);
  DiffusionBatch batch;
  batch.target = x.narrow(1, 0, 1);
  if (x.size(1) > 1) batch.spatial = x.narrow(1, 1, x.size(1) - 1);
  return batch;
}

torch::Tensor diffusion_loss(UNet& unet, const NoiseSchedule& schedule, const DiffusionBatch& batch,
                             torch::Generator* generator, std::optional<BatchShare> share) {
  const BatchShare rows = share.value_or(BatchShare::whole(batch.target.size(0)));
  // Drawn on the CPU generator whatever the device: its state is what a checkpoint keeps.
  const auto options = batch.target.options().device(torch::kCPU);
  const torch::Device device = batch.target.device();
  const auto long_options = options.dtype(torch::kInt64);
  const int64_t T = schedule.num_train_timesteps();
  std::vector<int64_t> noise_shape = batch.target.sizes().vec();
  noise_shape[0] = rows.total;
  const torch::Tensor timesteps = rows.rows(generator ? torch::randint(0, T, {rows.total}, *generator, long_options)
                                                      : torch::randint(0, T, {rows.total}, long_options)).to(device);
  const torch::Tensor noise =
      rows.rows(generator ? torch::randn(noise_shape, *generator, options) : torch::randn(noise_shape, options)).to(device);
  // A rank with no rows (an eval batch smaller than the world) has drawn all the same, to keep
  // its generator in step with the others'.
  if (rows.count == 0) return torch::zeros({}, batch.target.options());
  const torch::Tensor noisy = schedule.add_noise(batch.target, noise, timesteps);
  const torch::Tensor input = batch.spatial.defined() ? torch::cat({noisy, batch.spatial}, 1) : noisy;
  const torch::Tensor prediction = unet->forward(input, timesteps, batch.conditions);
  return torch::mse_loss(prediction, schedule.target(batch.target, noise, timesteps));
}

}  // namespace ink
