// Zero-filling a large result with the worker threads beside the calling one. A read that puts
// stored entries straight into the caller's buffer (read/cross_product_read.hpp) first sets it
// all to 0, and for a wide result that memset is most of the read: one core's stores fall
// well short of the machine's memory bandwidth (200 MB: 19 ms on one thread, 10 ms on two, on
// the machine BENCHMARKS.md describes). The workers touch plain bytes only, never HDF5.
#pragma once

#include <cstddef>

namespace h5sparse {

// Results smaller than this are zeroed by the calling thread alone: handing a part to a worker
// costs tens of microseconds, a memset of this size about a millisecond.
constexpr std::size_t kParallelZeroBytes = std::size_t{8} << 20;

// Sets bytes [out, out + bytes) to 0, split over `threads` threads (the calling one included)
// when the range is large enough. Returns once every part is done; never throws (a worker that
// cannot be started leaves its part to the calling thread).
void zero_fill(unsigned char* out, std::size_t bytes, unsigned threads) noexcept;

}  // namespace h5sparse
