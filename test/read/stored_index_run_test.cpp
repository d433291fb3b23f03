// plugin/read/stored_index_run: the order check a narrow read makes of each long row before a
// binary search narrows it (a wrong "sorted" would drop entries silently). Checked against
// std::is_sorted and std::lower_bound on the same values, for steps down at every position
// around the check's 64-step blocks and for values at the edges of each stored type.
#define BOOST_TEST_MODULE read.stored_index_run
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include "read/stored_index_run.hpp"

using h5sparse::never_decreasing;
using h5sparse::StoredIndexRun;

namespace {

template <typename T>
std::vector<unsigned char> as_bytes(const std::vector<T>& values) {
    std::vector<unsigned char> bytes(values.size() * sizeof(T) + 1);  // +1: runs may start unaligned
    if (!values.empty()) std::memcpy(bytes.data() + 1, values.data(), values.size() * sizeof(T));
    return bytes;
}

template <typename T>
void expect_same_answers(const std::vector<T>& values, const char* what) {
    const std::vector<unsigned char> bytes = as_bytes(values);
    const StoredIndexRun<T> run{bytes.data() + 1};
    const bool sorted = std::is_sorted(values.begin(), values.end());
    BOOST_TEST(never_decreasing(run, values.size()) == sorted, what << ", " << values.size() << " values");
    if (!sorted) return;
    for (const long long probe : {0LL, 1LL, 1000LL, -1LL, static_cast<long long>(values.empty() ? 0 : values.back())}) {
        const size_t expected = static_cast<size_t>(
            std::lower_bound(values.begin(), values.end(), probe,
                             [](T v, long long p) { return static_cast<long long>(v) < p; }) - values.begin());
        BOOST_TEST(run.lower_bound(0, values.size(), probe) == expected, what << ", probe " << probe);
    }
}

template <typename T>
void check_type(const char* name) {
    std::mt19937_64 rng(0x51d3);
    const long long top = std::is_signed_v<T> ? std::numeric_limits<T>::max() : std::numeric_limits<T>::max() / 2;
    for (size_t n : {0u, 1u, 2u, 63u, 64u, 65u, 66u, 127u, 128u, 129u, 200u, 1000u}) {
        // Ascending values with repeats, from 0 up to the edge of the type's positive range.
        std::vector<T> values(n);
        long long v = 0;
        for (size_t i = 0; i < n; ++i) {
            v = std::min(top, v + static_cast<long long>(rng() % 3));
            values[i] = static_cast<T>(v);
        }
        expect_same_answers(values, name);
        // One step down at each position (both sides of every block boundary).
        for (size_t at = 1; at < n; ++at) {
            std::vector<T> down = values;
            down[at] = static_cast<T>(down[at - 1] - 1);
            if (down[at - 1] == 0 && std::is_unsigned_v<T>) down[at - 1] = 1, down[at] = 0;
            expect_same_answers(down, name);
        }
        if (n < 2) continue;
        // The largest values of the type, and (signed) negative ones, anywhere in the run.
        for (size_t at = 0; at < n; ++at) {
            std::vector<T> edge = values;
            edge[at] = std::numeric_limits<T>::max();
            expect_same_answers(edge, name);
            edge[at] = std::numeric_limits<T>::min();
            expect_same_answers(edge, name);
            std::vector<T> tail = values;  // sorted, ending at the type's maximum
            for (size_t i = at; i < n; ++i) tail[i] = std::numeric_limits<T>::max();
            expect_same_answers(tail, name);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(int32_runs) { check_type<std::int32_t>("int32"); }
BOOST_AUTO_TEST_CASE(uint32_runs) { check_type<std::uint32_t>("uint32"); }
BOOST_AUTO_TEST_CASE(int64_runs) { check_type<long long>("int64"); }
