// Freed memory kept for reuse. glibc hands blocks of 128 KB and more back to the kernel as soon as
// they are freed (each is its own mapping) and trims the heap's top past 128 KB, so a model call,
// whose tensors are such blocks, faulted every page of them in again. Where a page fault traps to
// the hypervisor, as on this project's virtual machines, that tripled a generated stroke's time
// (35.5 -> 11.8 ms) and cost a training step 40% (832 -> 478 ms, ink-bench; docs/model.md, Speed).
#pragma once

namespace ink {

// Blocks up to 32 MB (glibc's ceiling) come from the heap, and up to 256 MB freed at its top stay
// mapped. Call first thing in main of a tool that runs models or renders much. Under
// AddressSanitizer or ThreadSanitizer, whose allocators replace glibc's, it changes nothing.
void keep_freed_memory();

}  // namespace ink
