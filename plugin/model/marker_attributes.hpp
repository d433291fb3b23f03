// The attributes that tag a group as a sparse matrix. On the virtual dataset they are storage
// details, not data: hidden, so a sparse matrix and its dense twin carry the same attributes.
#pragma once

#include <cstring>

namespace h5sparse {

// MATLAB's MATLAB_class (and MATLAB_int_decode) stay: a dense MATLAB variable carries them too.
inline constexpr const char* kMarkerAttributes[] = {"encoding-type", "encoding-version", "shape", "h5sparse_format",
                                                    "h5sparse_shape", "MATLAB_sparse", "data_type", "namespace", "dims",
                                                    "delayed_type", "delayed_array", "delayed_version", "binsparse"};

inline bool is_marker_attribute(const char* name) noexcept {
    if (!name) return false;
    for (const char* m : kMarkerAttributes)
        if (std::strcmp(name, m) == 0) return true;
    return false;
}

}  // namespace h5sparse
