// IEEE 754 binary16 ("half", numpy's float16) to and from float, in software: neither compiler
// the project builds with (GCC 12, clang 14) has half arithmetic on x86-64 for both. Adding two
// halves as numpy does (each widened to float, added there, the sum rounded to the nearest half,
// ties to even) is what summing duplicate float16 entries must give.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <cstring>

namespace h5sparse {

inline float half_to_float(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu, mantissa = h & 0x3ffu;
    float value;
    if (exponent == 0) {  // zero or subnormal: mantissa x 2^-24, exact in a float
        value = static_cast<float>(mantissa) * 0x1p-24f;
        std::uint32_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        bits |= sign;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    // Infinity and NaN keep their payload; normal numbers move to float's exponent bias (127 - 15).
    const std::uint32_t bits = sign | (exponent == 0x1fu ? 0x7f800000u : (exponent + 112u) << 23) | (mantissa << 13);
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

inline std::uint16_t float_to_half(float value) {
    std::uint32_t f;
    std::memcpy(&f, &value, sizeof f);
    const auto sign = static_cast<std::uint16_t>((f >> 16) & 0x8000u);
    f &= 0x7fffffffu;
    if (f > 0x7f800000u)  // NaN: quiet, with the top of its payload
        return static_cast<std::uint16_t>(sign | 0x7e00u | ((f >> 13) & 0x3ffu));
    if (f >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // from 65520 up: infinity
    auto round_shifted = [](std::uint32_t bits, unsigned shift) {  // bits >> shift, to nearest, ties to even
        const std::uint32_t kept = bits >> shift, rest = bits & ((1u << shift) - 1u), half = 1u << (shift - 1);
        return kept + (rest > half || (rest == half && (kept & 1u)) ? 1u : 0u);
    };
    if (f >= 0x38800000u)  // a normal half (from 2^-14): rebias, then round off 13 bits (a carry is right)
        return static_cast<std::uint16_t>(sign | round_shifted(f - 0x38000000u, 13));
    if (f <= 0x33000000u) return sign;  // up to 2^-25 (a tie with 2^-24): zero
    // A subnormal half: the 24-bit significand in units of 2^-24.
    const std::uint32_t exponent = f >> 23, significand = (f & 0x7fffffu) | 0x800000u;
    return static_cast<std::uint16_t>(sign | round_shifted(significand, 126u - exponent));
}

// Whether a floating-point type is binary16 in this machine's byte order (H5T_NATIVE_FLOAT16's
// layout): other 2-byte floats (bfloat16, say) have other fields.
inline bool is_native_half(hid_t type) {
    if (H5Tget_class(type) != H5T_FLOAT || H5Tget_size(type) != 2 || H5Tget_order(type) != H5Tget_order(H5T_NATIVE_UINT16))
        return false;
    size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0) return false;
    return spos == 15 && epos == 10 && esize == 5 && mpos == 0 && msize == 10 && H5Tget_ebias(type) == 15 &&
           H5Tget_norm(type) == H5T_NORM_IMPLIED && H5Tget_offset(type) == 0;
}

}  // namespace h5sparse
