// Byte buffers kept for reuse by later reads, process-wide and bounded (kRetainedBytes).
// Decoded chunks are hundreds of kilobytes each; fresh memory for every one, in every read of
// every open, cost more in page faults than the decoding itself on the (virtual) machines we
// measure on. Any thread may take and give.
#pragma once

#include <cstddef>
#include <vector>

#include "util/scratch_vector.hpp"

namespace h5sparse {

class BufferPool {
public:
    static constexpr size_t kRetainedBytes = size_t{32} << 20;

    // A buffer of `bytes` bytes (contents unspecified).
    static ScratchBytes take(size_t bytes);
    // Returns a buffer for reuse (dropped when the pool already holds kRetainedBytes).
    static void give(ScratchBytes&& buffer) noexcept;
};

}  // namespace h5sparse
