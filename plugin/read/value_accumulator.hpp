// Adds stored values into the staging buffer, in the native form of the stored type.
// Duplicate (row, col) entries are summed, as scipy's toarray() does; integers wrap like the
// stored type would. Non-arithmetic values (booleans stored as enums) keep the last entry.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace h5sparse {

using AccumulateFn = void (*)(unsigned char* dst, const unsigned char* src, size_t size);

template <typename T>
void accumulate_as(unsigned char* dst, const unsigned char* src, size_t) {
    T a, b;
    std::memcpy(&a, dst, sizeof(T));
    std::memcpy(&b, src, sizeof(T));
    a = static_cast<T>(a + b);
    std::memcpy(dst, &a, sizeof(T));
}

inline void assign_bytes(unsigned char* dst, const unsigned char* src, size_t size) { std::memcpy(dst, src, size); }

// Chooses the accumulator for a native type (signed integers add as unsigned: wrap, no UB).
inline AccumulateFn accumulator_for(hid_t native_type) {
    const size_t size = H5Tget_size(native_type);
    switch (H5Tget_class(native_type)) {
        case H5T_INTEGER:
            switch (size) {
                case 1: return &accumulate_as<std::uint8_t>;
                case 2: return &accumulate_as<std::uint16_t>;
                case 4: return &accumulate_as<std::uint32_t>;
                case 8: return &accumulate_as<std::uint64_t>;
                default: return &assign_bytes;
            }
        case H5T_FLOAT:
            if (size == sizeof(float)) return &accumulate_as<float>;
            if (size == sizeof(double)) return &accumulate_as<double>;
            if (size == sizeof(long double)) return &accumulate_as<long double>;
            return &assign_bytes;
        default:
            return &assign_bytes;
    }
}

}  // namespace h5sparse
