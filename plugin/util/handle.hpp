// Move-only ownership of an HDF5 identifier (dataspace, datatype, property list, ...).
// Release happens under an ErrorStackGuard so that destructors never erase an error report.
#pragma once

#include <hdf5.h>

#include <utility>

#include "util/error_stack_guard.hpp"

namespace h5sparse {

class Handle {
public:
    Handle() noexcept = default;
    explicit Handle(hid_t id) noexcept : id_(id) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    hid_t get() const noexcept { return id_; }
    explicit operator bool() const noexcept { return id_ >= 0; }
    hid_t release() noexcept { return std::exchange(id_, H5I_INVALID_HID); }
    void reset() noexcept {
        if (id_ >= 0) {
            ErrorStackGuard keep;
            H5Idec_ref(id_);
        }
        id_ = H5I_INVALID_HID;
    }

private:
    hid_t id_ = H5I_INVALID_HID;
};

}  // namespace h5sparse
