#include "support/dense_reference.hpp"

#include "support/h5_handle.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace h5sparse_test {

DenseMatrix dense_reference(std::uint64_t rows, std::uint64_t cols, std::span<const Triplet> entries) {
    DenseMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.values.assign(rows * cols, 0.0);
    for (const Triplet& t : entries) {
        if (t.row >= rows || t.col >= cols) throw std::invalid_argument("dense_reference: entry outside the shape");
        m.values[t.row * cols + t.col] += t.value;
    }
    return m;
}

std::vector<std::byte> reference_bytes(const DenseMatrix& matrix, hid_t stored_type, hid_t mem_type) {
    const std::size_t n = matrix.values.size();
    const std::size_t stored_size = H5Tget_size(stored_type);
    const std::size_t mem_size = H5Tget_size(mem_type);
    const std::size_t width = std::max({sizeof(double), stored_size, mem_size});
    std::vector<std::byte> buf(std::max<std::size_t>(1, n) * width);
    if (n == 0) return {};

    std::memcpy(buf.data(), matrix.values.data(), n * sizeof(double));
    check_status(H5Tconvert(H5T_NATIVE_DOUBLE, stored_type, n, buf.data(), nullptr, H5P_DEFAULT),
                 "H5Tconvert(double -> stored type)");
    // Check that the stored values are exactly the reference values.
    std::vector<std::byte> back(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n * stored_size));
    back.resize(n * width);
    check_status(H5Tconvert(stored_type, H5T_NATIVE_DOUBLE, n, back.data(), nullptr, H5P_DEFAULT),
                 "H5Tconvert(stored type -> double)");
    for (std::size_t i = 0; i < n; ++i) {
        double d = 0;
        std::memcpy(&d, back.data() + i * sizeof(double), sizeof(double));
        if (d != matrix.values[i])
            throw std::invalid_argument("reference value " + std::to_string(matrix.values[i]) +
                                        " is not exactly representable in the stored type");
    }

    check_status(H5Tconvert(stored_type, mem_type, n, buf.data(), nullptr, H5P_DEFAULT),
                 "H5Tconvert(stored type -> memory type)");
    buf.resize(n * mem_size);
    return buf;
}

}  // namespace h5sparse_test
