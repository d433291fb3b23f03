// H5Tconvert with the background buffer that compound conversions need: HDF5's struct conversion
// (a {real, imag} pair of floats read as one of doubles, say) works through it, and 1.14 crashes
// when it is NULL. Other conversions get none.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace h5sparse {

inline herr_t convert_values(hid_t src, hid_t dst, size_t n, void* buf, hid_t dxpl_id) {
    if (H5Tget_class(src) != H5T_COMPOUND && H5Tget_class(dst) != H5T_COMPOUND)
        return H5Tconvert(src, dst, n, buf, nullptr, dxpl_id);
    std::vector<unsigned char> background(n * std::max(H5Tget_size(src), H5Tget_size(dst)), 0);
    return H5Tconvert(src, dst, n, buf, background.data(), dxpl_id);
}

}  // namespace h5sparse
