// Seeded random sparse matrices as entry lists in storage order, for the writer in
// sparse_writer.hpp. The generator controls what matters to a reader: density, empty major and
// minor slices, unsorted indices within a slice, duplicate entries (which sum), explicit zeros,
// and values that test type conversions (type extremes, fractions) while staying exact in the
// value type and in double, so the dense reference is exact.
#pragma once

#include "support/random.hpp"
#include "support/sparse_writer.hpp"

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace h5sparse_test {

struct MatrixSpec {
    std::uint64_t rows = 0;
    std::uint64_t cols = 0;
    Orientation orientation = Orientation::csr;
    hid_t value_type = H5T_NATIVE_DOUBLE;  // integer or float
    double density = 0.1;                  // probability that a cell is stored
    bool sorted = true;                    // indices ascending within each major slice
    bool duplicates = false;               // store some cells 2-3 times
    bool explicit_zeros = false;           // store some zero values
    double empty_rows = 0;                 // fraction of rows forced empty
    double empty_cols = 0;                 // fraction of columns forced empty
};

std::string describe(const MatrixSpec& spec);

// Entries grouped by major index (row for CSR, column for CSC) in non-decreasing order.
std::vector<Triplet> random_entries(Rng& rng, const MatrixSpec& spec);

}  // namespace h5sparse_test
