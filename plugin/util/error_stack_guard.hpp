// Keeps the thread's error stack across cleanup calls and probes.
//
// Every public HDF5 API call (H5Idec_ref, H5Sclose, H5VL*, ...) clears the error stack on entry.
// Releasing objects on an error path would erase the reason for the error, so cleanup runs
// inside one of these guards (the same trick as free_obj in HDF5's H5VLpassthru.c); probes whose
// failure is an answer ("no such attribute") run inside one so that they leave no lines behind.
//
// Usually the stack is empty (nothing has failed yet): then there is nothing to copy, and
// restoring it means clearing it. Copying the stack (H5Eget_current_stack) costs a few thousand
// instructions, and detection makes dozens of probes per group a tool lists.
#pragma once

#include <hdf5.h>

namespace h5sparse {

class ErrorStackGuard {
public:
    ErrorStackGuard() noexcept {
        if (H5Eget_num(H5E_DEFAULT) != 0) saved_ = H5Eget_current_stack();
    }
    ~ErrorStackGuard() {
        if (saved_ >= 0) H5Eset_current_stack(saved_);  // also releases saved_
        else H5Eclear2(H5E_DEFAULT);
    }
    ErrorStackGuard(const ErrorStackGuard&) = delete;
    ErrorStackGuard& operator=(const ErrorStackGuard&) = delete;

private:
    hid_t saved_ = H5I_INVALID_HID;
};

}  // namespace h5sparse
