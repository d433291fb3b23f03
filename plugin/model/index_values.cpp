#include "model/index_values.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

namespace h5sparse {
namespace {

// Raw value i of type T at `buf` (memcpy: see widen_raw_in_place).
template <typename T>
T raw_at(const long long* buf, size_t i) {
    T v;
    std::memcpy(&v, reinterpret_cast<const unsigned char*>(buf) + i * sizeof(T), sizeof(T));
    return v;
}

// Branch-free, so that the compiler vectorises it (this file is built with -O3).
template <typename T>
bool non_decreasing(const long long* buf, size_t count, T previous) {
    T decreasing = raw_at<T>(buf, 0) < previous;  // an integer flag: GCC does not vectorise a bool reduction
    for (size_t i = 1; i < count; ++i) decreasing |= static_cast<T>(raw_at<T>(buf, i) < raw_at<T>(buf, i - 1));
    return decreasing == 0;
}

}  // namespace

bool indptr_piece_ok(IndexStorage storage, const long long* buf, size_t count, long long previous, long long* last) {
    if (count == 0) {
        *last = previous;
        return true;
    }
    switch (storage) {
        case IndexStorage::kInt32:
            *last = raw_at<std::int32_t>(buf, count - 1);
            return previous <= std::numeric_limits<std::int32_t>::max() &&
                   non_decreasing<std::int32_t>(buf, count, static_cast<std::int32_t>(previous));
        case IndexStorage::kUint32:
            *last = raw_at<std::uint32_t>(buf, count - 1);
            return previous >= 0 && previous <= std::numeric_limits<std::uint32_t>::max() &&
                   non_decreasing<std::uint32_t>(buf, count, static_cast<std::uint32_t>(previous));
        case IndexStorage::kUint64: {
            const std::uint64_t final_value = raw_at<std::uint64_t>(buf, count - 1);
            *last = static_cast<long long>(final_value);
            // Non-decreasing and the last value small enough means every value is.
            return previous >= 0 && final_value <= static_cast<std::uint64_t>(std::numeric_limits<long long>::max()) &&
                   non_decreasing<std::uint64_t>(buf, count, static_cast<std::uint64_t>(previous));
        }
        case IndexStorage::kInt64:
        case IndexStorage::kConverted: break;
    }
    *last = buf[count - 1];
    return non_decreasing<long long>(buf, count, previous);
}

bool index_is_zero(IndexStorage storage, const long long* buf) {
    if (storage == IndexStorage::kInt32 || storage == IndexStorage::kUint32)
        return raw_at<std::uint32_t>(buf, 0) == 0;
    return *buf == 0;
}

IndexStorage index_storage(hid_t file_type) {
    if (H5Tequal(file_type, H5T_NATIVE_INT32) > 0) return IndexStorage::kInt32;
    if (H5Tequal(file_type, H5T_NATIVE_UINT32) > 0) return IndexStorage::kUint32;
    if (H5Tequal(file_type, H5T_NATIVE_INT64) > 0) return IndexStorage::kInt64;
    if (H5Tequal(file_type, H5T_NATIVE_UINT64) > 0) return IndexStorage::kUint64;
    return IndexStorage::kConverted;
}

hid_t index_read_type(IndexStorage storage) {
    switch (storage) {
        case IndexStorage::kInt32: return H5T_NATIVE_INT32;
        case IndexStorage::kUint32: return H5T_NATIVE_UINT32;
        case IndexStorage::kInt64: return H5T_NATIVE_INT64;
        case IndexStorage::kUint64: return H5T_NATIVE_UINT64;
        case IndexStorage::kConverted: break;
    }
    return H5T_NATIVE_LLONG;
}

std::optional<size_t> widen_in_place(IndexStorage storage, long long* buf, size_t count,
                                     unsigned long long* too_large) {
    switch (storage) {
        case IndexStorage::kInt32: widen_raw_in_place<std::int32_t>(buf, count); break;
        case IndexStorage::kUint32: widen_raw_in_place<std::uint32_t>(buf, count); break;
        case IndexStorage::kUint64: {
            const auto* raw = reinterpret_cast<const unsigned long long*>(buf);
            for (size_t i = 0; i < count; ++i)
                if (raw[i] > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
                    *too_large = raw[i];
                    return i;
                }
            break;
        }
        case IndexStorage::kInt64:
        case IndexStorage::kConverted: break;
    }
    return std::nullopt;
}

}  // namespace h5sparse
