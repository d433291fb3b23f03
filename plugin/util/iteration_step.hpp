// HDF5 calls iteration callbacks (H5Aiterate, H5Literate, their VOL forms) from C frames: an
// exception must not unwind through them. A callback's body runs in iteration_step, which turns
// any exception (a failed allocation while collecting names) into H5_ITER_ERROR, so the
// iteration fails the ordinary way.
#pragma once

#include <hdf5.h>

namespace h5sparse {

template <typename Fn>
herr_t iteration_step(Fn&& fn) noexcept {
    try {
        return fn();
    } catch (...) {
        return H5_ITER_ERROR;
    }
}

}  // namespace h5sparse
