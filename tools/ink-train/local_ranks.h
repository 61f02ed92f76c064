// ink-train --nproc N: this same command started N times on this machine as ranks 0..N-1 of one
// data-parallel run, with the variables torchrun sets (RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT), then watched until they end.
#pragma once

namespace ink::train_tool {

// `argv` without its --nproc option. Returns the run's exit code: 0 when every rank finished,
// 130 when they were interrupted, else the first failing rank's. A rank that fails makes the
// launcher stop the others if they have not stopped by themselves within `grace_seconds`.
int run_local_ranks(char** argv, int nproc, int grace_seconds = 30);

}  // namespace ink::train_tool
