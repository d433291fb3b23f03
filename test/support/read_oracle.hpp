// The expected contents of a user buffer after
//   H5Dread(dset, mem_type, mem_space, file_space, H5P_DEFAULT, buf)
// on a dense dataset: the k-th element of the file selection (selection_order) is copied to the
// k-th element of the memory selection, every other buffer element keeps its previous content
// (the sentinel). Computed from the reference matrix alone, then validated by the tests against
// native reads of the dense twin, which proves the model matches HDF5.
#pragma once

#include "support/random_selection.hpp"

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace h5sparse_test {

// A buffer of pseudo-random bytes: a per-read pattern, so an element the reader forgot to write
// is very unlikely to hold the right value by accident.
std::vector<std::byte> sentinel_fill(std::size_t bytes, std::uint64_t seed);

struct ExpectedRead {
    std::vector<std::byte> buffer;  // expected bytes of the whole user buffer
    // For each buffer element: the dataset element (row-major linear index) that must be there,
    // or -1 when the element must be untouched.
    std::vector<std::int64_t> source;
};

// `reference` holds the whole rows x cols matrix converted to the memory type (elem_size bytes
// per element), `sentinel` the buffer content before the read (mem.buffer_elements elements).
ExpectedRead expected_read(std::span<const std::byte> reference, std::size_t elem_size, const FileSelection& file,
                           const MemorySpace& mem, hsize_t rows, hsize_t cols, std::span<const std::byte> sentinel);

// Empty when `actual` equals the expectation; otherwise up to `max_reported` differing buffer
// elements, each with the dataset element it should hold (or "untouched") and both values.
std::string describe_differences(const ExpectedRead& expected, std::span<const std::byte> actual, hid_t mem_type,
                                 hsize_t cols, std::size_t max_reported = 8);

}  // namespace h5sparse_test
