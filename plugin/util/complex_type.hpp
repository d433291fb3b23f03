// Complex numbers as MATLAB, Octave, h5py and numpy store them: a compound of two floating-point
// members of the same size, the real part at offset 0 and the imaginary part right after it (the
// member names vary: real/imag, r/i). Such values add member-wise; other compounds have no sum.
#pragma once

#include <hdf5.h>

namespace h5sparse {

// The size of one part (4 or 8 bytes), or 0 when `type` is not such a compound.
inline size_t complex_part_size(hid_t type) noexcept {
    if (H5Tget_class(type) != H5T_COMPOUND || H5Tget_nmembers(type) != 2) return 0;
    size_t part = 0;
    for (unsigned m = 0; m < 2; ++m) {
        const hid_t member = H5Tget_member_type(type, m);
        if (member < 0) return 0;
        const bool floating = H5Tget_class(member) == H5T_FLOAT;
        const size_t size = H5Tget_size(member);
        H5Tclose(member);
        if (!floating || (m == 1 && size != part) || H5Tget_member_offset(type, m) != m * size) return 0;
        part = size;
    }
    return (part == 4 || part == 8) && H5Tget_size(type) == 2 * part ? part : 0;
}

}  // namespace h5sparse
