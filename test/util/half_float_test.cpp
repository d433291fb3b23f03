// plugin/util/half_float: binary16 to float and back, as the sums of duplicate float16 entries use
// them. The oracle is HDF5's own conversion between H5T_NATIVE_FLOAT16 and H5T_NATIVE_FLOAT (the
// compiler's _Float16 casts): every half one way; the other way every float at and around each
// point where rounding changes (each half, each midpoint between neighbours, a step either side),
// plus a sweep of all float bit patterns. Above the largest half HDF5 reports an overflow rather
// than rounding, so that range is checked against IEEE's rule directly: below 65520 (the midpoint
// of 65504 and the next power of two), 65504; from it, infinity.
#define BOOST_TEST_MODULE util_half_float
#include <boost/test/unit_test.hpp>
#include <hdf5.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "util/half_float.hpp"

using h5sparse::float_to_half;
using h5sparse::half_to_float;

namespace {

std::uint32_t bits_of(float f) {
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}
float float_of(std::uint32_t b) {
    float f;
    std::memcpy(&f, &b, sizeof f);
    return f;
}

#ifdef H5_HAVE__FLOAT16
// HDF5's conversion of `halves` to floats.
std::vector<float> hdf5_to_float(const std::vector<std::uint16_t>& halves) {
    std::vector<float> out(halves.size());
    std::memcpy(out.data(), halves.data(), halves.size() * sizeof(std::uint16_t));
    BOOST_REQUIRE(H5Tconvert(H5T_NATIVE_FLOAT16, H5T_NATIVE_FLOAT, halves.size(), out.data(), nullptr, H5P_DEFAULT) >= 0);
    return out;
}
// HDF5's conversion of `floats` (all at most the largest half in magnitude) to halves.
std::vector<std::uint16_t> hdf5_to_half(const std::vector<float>& floats) {
    std::vector<float> buf = floats;
    BOOST_REQUIRE(H5Tconvert(H5T_NATIVE_FLOAT, H5T_NATIVE_FLOAT16, buf.size(), buf.data(), nullptr, H5P_DEFAULT) >= 0);
    std::vector<std::uint16_t> out(floats.size());
    std::memcpy(out.data(), buf.data(), out.size() * sizeof(std::uint16_t));
    return out;
}
#endif

}  // namespace

BOOST_AUTO_TEST_CASE(the_native_half_layout_is_recognised) {
#ifdef H5_HAVE__FLOAT16
    BOOST_TEST(h5sparse::is_native_half(H5T_NATIVE_FLOAT16));
#endif
    BOOST_TEST(!h5sparse::is_native_half(H5T_NATIVE_FLOAT));
    BOOST_TEST(!h5sparse::is_native_half(H5T_NATIVE_UINT16));
    // bfloat16's fields: 8 exponent bits, 7 mantissa bits.
    hid_t bfloat16 = H5Tcopy(H5T_NATIVE_FLOAT);
    BOOST_REQUIRE(H5Tset_fields(bfloat16, 15, 7, 8, 0, 7) >= 0);
    BOOST_REQUIRE(H5Tset_offset(bfloat16, 0) >= 0);
    BOOST_REQUIRE(H5Tset_size(bfloat16, 2) >= 0);
    BOOST_REQUIRE(H5Tset_ebias(bfloat16, 127) >= 0);
    BOOST_TEST(!h5sparse::is_native_half(bfloat16));
    H5Tclose(bfloat16);
}

#ifdef H5_HAVE__FLOAT16

BOOST_AUTO_TEST_CASE(every_half_widens_as_hdf5_widens_it) {
    std::vector<std::uint16_t> halves(65536);
    for (std::uint32_t h = 0; h < 65536; ++h) halves[h] = static_cast<std::uint16_t>(h);
    const std::vector<float> expected = hdf5_to_float(halves);
    std::size_t differing = 0;
    for (std::uint32_t h = 0; h < 65536; ++h) {
        const float got = half_to_float(static_cast<std::uint16_t>(h));
        const bool same = std::isnan(expected[h]) ? std::isnan(got) && std::signbit(got) == std::signbit(expected[h])
                                                  : bits_of(got) == bits_of(expected[h]);
        if (!same && differing++ < 10) BOOST_ERROR("half 0x" << std::hex << h << ": got " << got << ", HDF5 " << expected[h]);
    }
    BOOST_TEST(differing == 0u);
}

BOOST_AUTO_TEST_CASE(floats_round_to_the_nearest_half_ties_to_even) {
    std::vector<float> floats;
    auto add_around = [&](float f) {
        const std::uint32_t b = bits_of(f);
        for (std::uint32_t d : {b - 1, b, b + 1}) floats.push_back(float_of(d));
    };
    for (std::uint32_t h = 0; h < 0x7c00; ++h) {  // every finite positive half and the midpoint above it
        const float here = half_to_float(static_cast<std::uint16_t>(h));
        add_around(here);
        if (h + 1 < 0x7c00) add_around((here + half_to_float(static_cast<std::uint16_t>(h + 1))) / 2);
    }
    for (std::uint64_t b = 0; b < 0x477fe000u; b += 997) floats.push_back(float_of(static_cast<std::uint32_t>(b)));
    const std::size_t positive = floats.size();
    for (std::size_t i = 0; i < positive; ++i) floats.push_back(-floats[i]);
    std::vector<float> in_range;
    for (float f : floats)
        if (std::fabs(f) <= 65504.0f) in_range.push_back(f);
    const std::vector<std::uint16_t> expected = hdf5_to_half(in_range);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < in_range.size(); ++i)
        if (float_to_half(in_range[i]) != expected[i] && differing++ < 10)
            BOOST_ERROR("float " << in_range[i] << " (0x" << std::hex << bits_of(in_range[i]) << "): got 0x"
                                 << float_to_half(in_range[i]) << ", HDF5 0x" << expected[i]);
    BOOST_TEST(differing == 0u);
    BOOST_TEST(in_range.size() > 200000u);
}

#endif  // H5_HAVE__FLOAT16

BOOST_AUTO_TEST_CASE(above_the_largest_half_ieee_rounds_to_it_or_to_infinity) {
    BOOST_TEST(float_to_half(65504.0f) == 0x7bffu);
    BOOST_TEST(float_to_half(65519.996f) == 0x7bffu);  // the float just below the midpoint 65520
    BOOST_TEST(float_to_half(65520.0f) == 0x7c00u);    // a tie: to even, which is infinity
    BOOST_TEST(float_to_half(-65520.0f) == 0xfc00u);
    BOOST_TEST(float_to_half(1e30f) == 0x7c00u);
    BOOST_TEST(float_to_half(INFINITY) == 0x7c00u);
    BOOST_TEST(float_to_half(-INFINITY) == 0xfc00u);
    const std::uint16_t nan = float_to_half(NAN);
    BOOST_TEST((nan & 0x7c00u) == 0x7c00u);
    BOOST_TEST((nan & 0x03ffu) != 0u);
    // numpy: float16(2048) + float16(1) is 2048 (2049 is a tie between 2048 and 2050: even).
    BOOST_TEST(float_to_half(2049.0f) == float_to_half(2048.0f));
    BOOST_TEST(float_to_half(2051.0f) == float_to_half(2052.0f));
}
