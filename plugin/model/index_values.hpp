// How stored index arrays (indptr, indices) are read: in their own type when that is a native
// integer, so HDF5 copies bytes without a conversion path, then widened to int64 by us: a third
// of the cost of a read converted by HDF5.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstring>
#include <optional>

namespace h5sparse {

enum class IndexStorage { kInt32, kUint32, kInt64, kUint64, kConverted };

// kConverted: not a native integer type (big-endian, 8/16-bit, ...): HDF5 converts to int64.
IndexStorage index_storage(hid_t file_type);

// The memory type to read `storage` values with.
hid_t index_read_type(IndexStorage storage);

// The first `count` values at `buf`, stored there raw as T by an HDF5 read, become int64 in
// place: backwards, so that no value is overwritten before it is read, each loaded with memcpy
// (bytes may alias anything; a T* into long long storage may not).
template <typename T>
void widen_raw_in_place(long long* buf, size_t count) {
    static_assert(sizeof(T) <= sizeof(long long));
    const auto* bytes = reinterpret_cast<const unsigned char*>(buf);
    for (size_t i = count; i-- > 0;) {
        T v;
        std::memcpy(&v, bytes + i * sizeof(T), sizeof(T));
        buf[i] = static_cast<long long>(v);
    }
}

// The `count` values at `in`, stored there raw as T by an HDF5 read, as int64 at `out` (another
// buffer).
template <typename T>
void widen_raw(const unsigned char* in, long long* out, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        T v;
        std::memcpy(&v, in + i * sizeof(T), sizeof(T));
        out[i] = static_cast<long long>(v);
    }
}

// The first `count` values at the start of `buf`, stored as `storage`, become int64 in place.
// Returns the position of the first unsigned value above INT64_MAX (no valid position is that
// large), if any; its value is `*too_large`.
std::optional<size_t> widen_in_place(IndexStorage storage, long long* buf, size_t count,
                                     unsigned long long* too_large);

}  // namespace h5sparse
