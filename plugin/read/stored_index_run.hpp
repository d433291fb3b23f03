// Indices of consecutive stored entries in the type they are stored in (32-bit ones kept as
// read, read/entry_window.hpp), and the two questions a read asks of a long row before it
// narrows it to a secondary window: do they never decrease, and where does a value start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace h5sparse {

template <typename T>
struct StoredIndexRun {
    const unsigned char* bytes;
    long long operator[](size_t t) const { return static_cast<long long>(raw(t)); }
    T raw(size_t t) const {
        T v;
        std::memcpy(&v, bytes + t * sizeof(T), sizeof(T));  // bytes may alias anything; a T* may not
        return v;
    }

    // The first position in [from, n) whose index is not below `value` ([from, n) never decreases).
    size_t lower_bound(size_t from, size_t n, long long value) const {
        while (from < n) {
            const size_t mid = from + (n - from) / 2;
            if ((*this)[mid] < value) from = mid + 1;
            else n = mid;
        }
        return from;
    }
};

// Whether indices [0, n) of the run never decrease. Every index of a row a narrow read
// narrows passes through here once (read/stored_index_run.cpp: vector compares).
bool never_decreasing(StoredIndexRun<std::int32_t> run, size_t n);
bool never_decreasing(StoredIndexRun<std::uint32_t> run, size_t n);
bool never_decreasing(StoredIndexRun<long long> run, size_t n);

}  // namespace h5sparse
