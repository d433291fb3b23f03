// Errors: how the connector reports failures on the HDF5 error stack.
//
// Inside the connector, failures are C++ exceptions (h5sparse::Error); the entry wrapper
// (connector/entry.hpp) turns them into one line on the default error stack under the
// connector's own registered error class, and into the callback's failure value. Nothing
// is thrown across the C boundary.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>

namespace h5sparse {

// A failure with the HDF5 major/minor codes that classify it (library codes such as
// H5E_DATASET/H5E_CANTOPENOBJ; the error class is the connector's own).
class Error : public std::runtime_error {
public:
    Error(hid_t major, hid_t minor, const std::string& message)
        : std::runtime_error(message), major_(major), minor_(minor) {}
    hid_t major() const noexcept { return major_; }
    hid_t minor() const noexcept { return minor_; }

private:
    hid_t major_;
    hid_t minor_;
};

[[noreturn]] void fail(hid_t major, hid_t minor, const std::string& message);

// Throws when an HDF5 call reported failure (negative herr_t / hid_t / htri_t).
template <typename T>
T check(T result, hid_t major, hid_t minor, const char* what) {
    if (result < 0) fail(major, minor, what);
    return result;
}
// Same for calls returning pointers (NULL = failure).
template <typename T>
T* check_ptr(T* result, hid_t major, hid_t minor, const char* what) {
    if (!result) fail(major, minor, what);
    return result;
}

// Called from initialize/terminate: the last terminate unregisters the connector's error class,
// which the first error pushed registers.
void hold_error_class() noexcept;
void release_error_class() noexcept;

// Pushes one line onto the default error stack under the connector's class.
void push_error(const char* function, hid_t major, hid_t minor, const std::string& message) noexcept;

// Pushes the exception currently being handled (call only inside a catch block).
void push_current_exception(const char* function) noexcept;

}  // namespace h5sparse
