// The dense matrix a sparse group stands for, built from the entries alone (no connector code):
// every cell starts at zero and each entry *adds* its value, so duplicates sum, as scipy's
// toarray() does.
//
// Values are kept as double. The suite only generates values for which that is exact (integers
// below 2^53, binary fractions with few significant bits), and reference_bytes() verifies it.
#pragma once

#include "support/sparse_writer.hpp"

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace h5sparse_test {

struct DenseMatrix {
    std::uint64_t rows = 0;
    std::uint64_t cols = 0;
    std::vector<double> values;  // row-major, rows*cols

    double at(std::uint64_t r, std::uint64_t c) const { return values[r * cols + c]; }
};

DenseMatrix dense_reference(std::uint64_t rows, std::uint64_t cols, std::span<const Triplet> entries);

// The matrix as HDF5 would hand it to a reader of a dense dataset of `stored_type` asking for
// `mem_type`: the values are converted double -> stored_type (which must be exact; throws
// otherwise) and then stored_type -> mem_type with H5Tconvert, i.e. with HDF5's own conversion
// rules (rounding, saturation), not the connector's.
std::vector<std::byte> reference_bytes(const DenseMatrix& matrix, hid_t stored_type, hid_t mem_type);

}  // namespace h5sparse_test
