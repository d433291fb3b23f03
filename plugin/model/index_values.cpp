#include "model/index_values.hpp"

#include <cstdint>
#include <limits>

namespace h5sparse {

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
