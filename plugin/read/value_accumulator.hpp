// Adds stored values into the staging buffer, in the native form of the stored type.
// Duplicate (row, col) entries are summed, as scipy's toarray() does; integers wrap like the
// stored type would. Non-arithmetic values (booleans stored as enums) keep the last entry.
#pragma once

#include <hdf5.h>

#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "util/complex_type.hpp"

namespace h5sparse {

using AccumulateFn = void (*)(unsigned char* dst, const unsigned char* src, size_t size);

// Floating-point values land on a zero-filled buffer: the first entry at a place is taken as
// stored rather than added to +0, which would turn a stored -0 (Octave keeps -0 parts of complex
// values, as its full() does) into +0. Later entries at the same place are added.
template <typename T>
void accumulate_as(unsigned char* dst, const unsigned char* src, size_t) {
    T a, b;
    std::memcpy(&a, dst, sizeof(T));
    std::memcpy(&b, src, sizeof(T));
    if constexpr (std::is_integral_v<T>)
        a = static_cast<T>(a + b);
    else
        a = a == T(0) ? b : a + b;
    std::memcpy(dst, &a, sizeof(T));
}

inline void assign_bytes(unsigned char* dst, const unsigned char* src, size_t size) { std::memcpy(dst, src, size); }

// The same operations as types, for loops that should inline them (one instantiation per
// stored type instead of an indirect call per stored entry).
// `store` is what the operator does at a place still zero, without reading the place: a
// scatter's loads stall on its cache misses where its stores do not.
template <typename T>
struct AccumulateAs {
    static constexpr size_t size = sizeof(T);
    void operator()(unsigned char* dst, const unsigned char* src) const { accumulate_as<T>(dst, src, sizeof(T)); }
    void store(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, sizeof(T)); }
};
struct AssignBytes {
    size_t size;
    void operator()(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, size); }
    void store(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, size); }
};

// Calls fn(accumulator) with the accumulator object for a native type (signed integers add as
// unsigned: wrap, no UB).
template <typename Fn>
void with_accumulator(hid_t native_type, Fn&& fn) {
    const size_t size = H5Tget_size(native_type);
    switch (H5Tget_class(native_type)) {
        case H5T_INTEGER:
            switch (size) {
                case 1: return fn(AccumulateAs<std::uint8_t>{});
                case 2: return fn(AccumulateAs<std::uint16_t>{});
                case 4: return fn(AccumulateAs<std::uint32_t>{});
                case 8: return fn(AccumulateAs<std::uint64_t>{});
                default: return fn(AssignBytes{size});
            }
        case H5T_COMPOUND:  // only complex numbers pass the component rules
            if (complex_part_size(native_type) == sizeof(float)) return fn(AccumulateAs<std::complex<float>>{});
            if (complex_part_size(native_type) == sizeof(double)) return fn(AccumulateAs<std::complex<double>>{});
            return fn(AssignBytes{size});
        case H5T_FLOAT:
            if (size == sizeof(float)) return fn(AccumulateAs<float>{});
            if (size == sizeof(double)) return fn(AccumulateAs<double>{});
            if (size == sizeof(long double)) return fn(AccumulateAs<long double>{});
            return fn(AssignBytes{size});
        default:
            return fn(AssignBytes{size});
    }
}

template <typename T>
AccumulateFn function_of(AccumulateAs<T>) { return &accumulate_as<T>; }
inline AccumulateFn function_of(AssignBytes) { return &assign_bytes; }

// The accumulator for a native type as a function pointer (signed integers add as unsigned:
// wrap, no UB).
inline AccumulateFn accumulator_for(hid_t native_type) {
    AccumulateFn chosen = &assign_bytes;
    with_accumulator(native_type, [&](auto accumulate) { chosen = function_of(accumulate); });
    return chosen;
}

}  // namespace h5sparse
