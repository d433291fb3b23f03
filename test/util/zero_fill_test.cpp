// plugin/util/zero_fill: a large range is zeroed in parts by several threads. Every byte of the
// range must be 0 afterwards, whatever the size and thread count, and no byte beside it touched.
#define BOOST_TEST_MODULE util_zero_fill
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <vector>

#include "util/zero_fill.hpp"

using h5sparse::kParallelZeroBytes;
using h5sparse::zero_fill;

namespace {

constexpr unsigned char kMark = 0xA5;
constexpr std::size_t kGuard = 4096;

// Bytes of [begin, end) of `bytes` that are not `expected`.
std::size_t differing(const std::vector<unsigned char>& bytes, std::size_t begin, std::size_t end,
                      unsigned char expected) {
    std::size_t n = 0;
    for (std::size_t i = begin; i < end; ++i) n += bytes[i] != expected;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_byte_of_the_range_and_none_beside_it) {
    const std::size_t sizes[] = {0, 1, 4095, kParallelZeroBytes - 1, kParallelZeroBytes, kParallelZeroBytes + 1,
                                 3 * kParallelZeroBytes + 4097 + 3};
    for (const std::size_t size : sizes) {
        for (const unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
            // An odd start: the parts are cut at page multiples from it, not at page boundaries.
            std::vector<unsigned char> bytes(kGuard + size + kGuard + 1, kMark);
            unsigned char* range = bytes.data() + kGuard + 1;
            zero_fill(range, size, threads);
            const std::size_t begin = kGuard + 1, end = begin + size;
            BOOST_TEST(differing(bytes, begin, end, 0) == 0u, size << " bytes, " << threads << " threads");
            BOOST_TEST(differing(bytes, 0, begin, kMark) == 0u, "before the range: " << size << ", " << threads);
            BOOST_TEST(differing(bytes, end, bytes.size(), kMark) == 0u, "after the range: " << size << ", " << threads);
        }
    }
}
