// Deterministic random numbers for the test suite.
//
// std::uniform_int_distribution and friends are implementation-defined, so a seed logged on one
// standard library would not reproduce a failure on another. This generator (SplitMix64) and its
// helpers are fully specified here, so a seed means the same matrix and the same selections
// everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace h5sparse_test {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next();
    // Uniform in [lo, hi] (inclusive); lo <= hi.
    std::uint64_t uniform(std::uint64_t lo, std::uint64_t hi);
    std::int64_t uniform_signed(std::int64_t lo, std::int64_t hi);
    // Uniform in [0, 1).
    double unit();
    bool chance(double p) { return unit() < p; }

    template <typename T>
    const T& pick(std::span<const T> items) {
        return items[static_cast<std::size_t>(uniform(0, items.size() - 1))];
    }
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(uniform(0, N - 1))];
    }
    template <typename It>
    void shuffle(It first, It last) {
        for (auto n = static_cast<std::uint64_t>(last - first); n > 1; --n) {
            auto j = uniform(0, n - 1);
            using std::swap;
            swap(first[static_cast<std::ptrdiff_t>(n - 1)], first[static_cast<std::ptrdiff_t>(j)]);
        }
    }

private:
    std::uint64_t state_;
};

// A seed derived from a parent seed and an index, so that sub-streams stay independent.
std::uint64_t derive_seed(std::uint64_t parent, std::uint64_t index);

}  // namespace h5sparse_test
