// Adds stored values into the staging buffer, in the native form of the stored type.
// Duplicate (row, col) entries are summed, as scipy's toarray() does; integers wrap like the
// stored type would; float16 adds as numpy's does (in float, rounded back to half); booleans
// (enums of the values 0 and 1, as h5py stores numpy's bool) are or-ed, as scipy's are. Other
// enums and floats of other layouts keep the last entry.
#pragma once

#include <hdf5.h>

#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "util/complex_type.hpp"
#include "util/half_float.hpp"

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

// numpy's float16 sum; a place still +-0 takes the entry as stored, as accumulate_as does.
inline void accumulate_half(unsigned char* dst, const unsigned char* src, size_t) {
    std::uint16_t a, b;
    std::memcpy(&a, dst, sizeof a);
    std::memcpy(&b, src, sizeof b);
    a = (a & 0x7fffu) == 0 ? b : float_to_half(half_to_float(a) + half_to_float(b));
    std::memcpy(dst, &a, sizeof a);
}

// Booleans: true when any entry is (scipy's sum of bools); the bytes of 0 and 1 or-ed are 0 or 1.
template <typename T>
void accumulate_or(unsigned char* dst, const unsigned char* src, size_t) {
    T a, b;
    std::memcpy(&a, dst, sizeof(T));
    std::memcpy(&b, src, sizeof(T));
    a = static_cast<T>(a | b);
    std::memcpy(dst, &a, sizeof(T));
}

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
struct AccumulateHalf {
    static constexpr size_t size = 2;
    void operator()(unsigned char* dst, const unsigned char* src) const { accumulate_half(dst, src, size); }
    void store(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, size); }
};
template <typename T>
struct AccumulateOr {
    static constexpr size_t size = sizeof(T);
    void operator()(unsigned char* dst, const unsigned char* src) const { accumulate_or<T>(dst, src, sizeof(T)); }
    void store(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, sizeof(T)); }
};
struct AssignBytes {
    size_t size;
    void operator()(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, size); }
    void store(unsigned char* dst, const unsigned char* src) const { std::memcpy(dst, src, size); }
};

template <typename T>
T load(const unsigned char* bytes) {
    T v;
    std::memcpy(&v, bytes, sizeof v);
    return v;
}

// An enum of exactly the values 0 and 1 (h5py's FALSE/TRUE for numpy's bool), in an unsigned or
// signed integer base of this machine's byte order.
inline bool is_boolean_enum(hid_t type) {
    if (H5Tget_nmembers(type) != 2) return false;
    hid_t base = H5Tget_super(type);
    if (base < 0) return false;
    const bool native_order = H5Tget_order(base) == H5Tget_order(H5T_NATIVE_UINT16);
    H5Tclose(base);
    if (!native_order) return false;
    const size_t size = H5Tget_size(type);
    int seen = 0;  // bit v set: a member has the value v
    for (unsigned i = 0; i < 2; ++i) {
        unsigned char raw[8] = {};
        if (size > sizeof raw || H5Tget_member_value(type, i, raw) < 0) return false;
        std::uint64_t v = 2;  // neither 0 nor 1
        if (size == 1) v = raw[0];
        if (size == 2) v = load<std::uint16_t>(raw);
        if (size == 4) v = load<std::uint32_t>(raw);
        if (size == 8) v = load<std::uint64_t>(raw);
        if (v > 1) return false;
        seen |= 1 << v;
    }
    return seen == 3;
}

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
        case H5T_ENUM:
            if (is_boolean_enum(native_type)) switch (size) {
                    case 1: return fn(AccumulateOr<std::uint8_t>{});
                    case 2: return fn(AccumulateOr<std::uint16_t>{});
                    case 4: return fn(AccumulateOr<std::uint32_t>{});
                    case 8: return fn(AccumulateOr<std::uint64_t>{});
                    default: break;
                }
            return fn(AssignBytes{size});
        case H5T_FLOAT:
            if (is_native_half(native_type)) return fn(AccumulateHalf{});
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
inline AccumulateFn function_of(AccumulateHalf) { return &accumulate_half; }
template <typename T>
AccumulateFn function_of(AccumulateOr<T>) { return &accumulate_or<T>; }
inline AccumulateFn function_of(AssignBytes) { return &assign_bytes; }

// The accumulator for a native type as a function pointer (signed integers add as unsigned:
// wrap, no UB).
inline AccumulateFn accumulator_for(hid_t native_type) {
    AccumulateFn chosen = &assign_bytes;
    with_accumulator(native_type, [&](auto accumulate) { chosen = function_of(accumulate); });
    return chosen;
}

}  // namespace h5sparse
