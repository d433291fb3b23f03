#include "support/random.hpp"

namespace h5sparse_test {

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t Rng::uniform(std::uint64_t lo, std::uint64_t hi) {
    const std::uint64_t span = hi - lo;
    if (span == ~std::uint64_t{0}) return next();
    const std::uint64_t n = span + 1;
    // Rejection sampling keeps the distribution exactly uniform.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n) - 1;
    std::uint64_t x = next();
    while (x > limit) x = next();
    return lo + x % n;
}

std::int64_t Rng::uniform_signed(std::int64_t lo, std::int64_t hi) {
    const auto ulo = static_cast<std::uint64_t>(lo);
    const auto span = static_cast<std::uint64_t>(hi) - ulo;
    return static_cast<std::int64_t>(ulo + uniform(0, span));
}

double Rng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::uint64_t derive_seed(std::uint64_t parent, std::uint64_t index) {
    Rng r(parent ^ (index * 0xd1b54a32d192ed03ULL));
    r.next();
    return r.next();
}

}  // namespace h5sparse_test
