// H5Tconvert with the background buffer that compound conversions need: HDF5's struct conversion
// (a {real, imag} pair of floats read as one of doubles, say) works through it, and 1.14 crashes
// when it is NULL. It starts from `caller_values` (n elements of the destination type) when
// given: the conversion keeps the members the source lacks from them, as a read keeps the
// caller's. Other conversions get none.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <vector>

namespace h5sparse {

inline herr_t convert_values(hid_t src, hid_t dst, size_t n, void* buf, hid_t dxpl_id,
                             const unsigned char* caller_values = nullptr) {
    if (!caller_values && H5Tget_class(src) != H5T_COMPOUND && H5Tget_class(dst) != H5T_COMPOUND)
        return H5Tconvert(src, dst, n, buf, nullptr, dxpl_id);
    const size_t dst_size = H5Tget_size(dst);
    std::vector<unsigned char> background(n * std::max(H5Tget_size(src), dst_size), 0);
    if (caller_values) std::memcpy(background.data(), caller_values, n * dst_size);
    return H5Tconvert(src, dst, n, buf, background.data(), dxpl_id);
}

}  // namespace h5sparse
