// Move-only ownership of an HDF5 identifier, and checked HDF5 calls that throw.
//
// Test code only: a failed HDF5 call throws std::runtime_error carrying the call's description
// and the text of the HDF5 error stack, so a Boost.Test failure says what went wrong.
#pragma once

#include <hdf5.h>

#include <string>
#include <string_view>

namespace h5sparse_test {

class H5Handle {
public:
    H5Handle() = default;
    explicit H5Handle(hid_t id) : id_(id) {}
    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    H5Handle(H5Handle&& other) noexcept : id_(other.release()) {}
    H5Handle& operator=(H5Handle&& other) noexcept;
    ~H5Handle() { reset(); }

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    hid_t release();
    // Closes the identifier with the close call for its type; errors are swallowed and the
    // caller's error stack is preserved.
    void reset(hid_t id = H5I_INVALID_HID);

private:
    hid_t id_ = H5I_INVALID_HID;
};

// The current HDF5 error stack as text (empty when the stack is empty).
std::string hdf5_error_text();

// Throw std::runtime_error("<what>: <stack>") when id < 0 / status < 0; otherwise return it.
hid_t check_id(hid_t id, std::string_view what);
herr_t check_status(herr_t status, std::string_view what);
// Owns a checked identifier.
H5Handle owned(hid_t id, std::string_view what);

// Silences HDF5's automatic error printing for its lifetime (for calls expected to fail).
class QuietErrors {
public:
    QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
    ~QuietErrors();

private:
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
};

// Replaces HDF5's automatic error printing with a counter for its lifetime. A call that succeeds
// must not have reported anything: a report means an internal failure leaked to stderr
// ("HDF5-DIAG" noise in the user's terminal).
class ErrorReportCounter {
public:
    ErrorReportCounter();
    ErrorReportCounter(const ErrorReportCounter&) = delete;
    ErrorReportCounter& operator=(const ErrorReportCounter&) = delete;
    ~ErrorReportCounter();

    int count() const { return count_; }

private:
    static herr_t on_report(hid_t stack, void* self);
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
    int count_ = 0;
};

}  // namespace h5sparse_test
