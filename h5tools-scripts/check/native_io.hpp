// Reading a file natively (HDF5's own connector, never h5sparse) in bounded memory.
//
// h5sparse-check looks at the components as they are stored, so it uses the public H5D API on
// a file opened with the native connector. Failures become h5sparse::Error exceptions carrying
// HDF5's own innermost message, so a damaged file yields a sentence instead of a crash or a
// page of error stack.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace h5sparse::checker {

// Throws h5sparse::Error: "<what>: <HDF5's innermost message on the current error stack>".
[[noreturn]] void hdf5_failure(const std::string& what);

// A file access list that names the native connector explicitly (HDF5_VOL_CONNECTOR must not
// decide how h5sparse-check sees a file).
hid_t native_file_access();  // caller closes

// Opens a component dataset with a chunk cache large enough that streaming it in pieces
// inflates each compressed chunk once.
hid_t open_component(hid_t group, const char* name);  // caller closes

// Reads elements [first, first + count) of a 1-D dataset, converted to `mem_type`.
void read_range(hid_t dataset, hid_t mem_type, hsize_t first, hsize_t count, void* buf);

// The connector's code (detection, validation) calls H5VL* functions directly, which assume
// the API context that every public HDF5 call pushes: inside the connector the application's
// call has pushed it. A plain program calling that code on a natively opened object has none,
// and the native connector crashes (H5CX_get_tag on a NULL context). This scope pushes one for
// its lifetime, the way HDF5's async connector prepares its worker threads.
class ApiContextScope {
public:
    ApiContextScope();
    ~ApiContextScope();
    ApiContextScope(const ApiContextScope&) = delete;
    ApiContextScope& operator=(const ApiContextScope&) = delete;

private:
    bool pushed_;
    void* context_ = nullptr;  // HDF5 2.x's library context
};

// Entries per piece when streaming a component. 1M entries (8 MiB as 64-bit integers) by
// default; H5SPARSE_CHECK_PIECE_ENTRIES overrides it so that tests can force pieces of a few
// entries onto small fixtures and exercise every piece boundary.
hsize_t piece_entries();

// Sequential access to a 1-D integer dataset through one piece-sized buffer. Positions must be
// requested in non-decreasing order; each element is read from the file once.
template <typename T>
class PieceReader {
public:
    // `on_load(count)` is called after each piece is read (progress reporting).
    template <typename OnLoad>
    PieceReader(hid_t dataset, hsize_t length, OnLoad on_load)
        : dataset_(dataset), length_(length), piece_(piece_entries()), on_load_(std::move(on_load)) {}

    T at(hsize_t i) {
        if (i < first_ || i - first_ >= buffer_.size()) load(i);
        return buffer_[static_cast<size_t>(i - first_)];
    }

private:
    static hid_t mem_type();
    void load(hsize_t first) {
        hsize_t count = std::min(piece_, length_ - first);
        buffer_.resize(static_cast<size_t>(count));
        read_range(dataset_, mem_type(), first, count, buffer_.data());
        first_ = first;
        on_load_(count);
    }

    hid_t dataset_;
    hsize_t length_;
    hsize_t piece_;
    std::function<void(hsize_t)> on_load_;
    hsize_t first_ = 0;
    std::vector<T> buffer_;
};

// Indices and indptr are read with their own signedness so that neither a negative index nor
// an unsigned 64-bit value above 2^63 is clipped by a conversion.
template <>
inline hid_t PieceReader<long long>::mem_type() { return H5T_NATIVE_LLONG; }
template <>
inline hid_t PieceReader<unsigned long long>::mem_type() { return H5T_NATIVE_ULLONG; }

}  // namespace h5sparse::checker
