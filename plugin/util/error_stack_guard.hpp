// Keeps the thread's error stack across cleanup calls.
//
// Every public HDF5 API call (H5Idec_ref, H5Sclose, H5Pclose, ...) clears the error stack on
// entry. Releasing objects on an error path would erase the reason for the error, so cleanup
// runs inside one of these guards (the same trick as free_obj in HDF5's H5VLpassthru.c).
#pragma once

#include <hdf5.h>

namespace h5sparse {

class ErrorStackGuard {
public:
    ErrorStackGuard() noexcept : saved_(H5Eget_current_stack()) {}
    ~ErrorStackGuard() {
        if (saved_ >= 0) H5Eset_current_stack(saved_);  // also releases saved_
    }
    ErrorStackGuard(const ErrorStackGuard&) = delete;
    ErrorStackGuard& operator=(const ErrorStackGuard&) = delete;

private:
    hid_t saved_;
};

}  // namespace h5sparse
