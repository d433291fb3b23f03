// Compiled with GCC's "cheap" vectorizer cost model (plugin/CMakeLists.txt): its -O2 default
// ("very cheap") leaves the block loop below scalar, which made this check most of the time
// of a read of 100 columns of a CSR.
#include "read/stored_index_run.hpp"

#include <type_traits>

namespace h5sparse {
namespace {

// Blocks of 64 steps without an early exit and without a compare, which GCC vectorizes: while
// every index lies in [0, 2^(bits-1)), b - a has its top bit set exactly when b < a; an index
// outside that range (a negative one, or an unsigned one that large) sets it too, and the rest
// of the run is then checked one step at a time.
template <typename T>
bool never_decreasing_run(StoredIndexRun<T> run, size_t n) {
    using Bits = std::make_unsigned_t<T>;
    constexpr size_t kBlock = 64;
    constexpr unsigned kTop = sizeof(T) * 8 - 1;
    size_t i = 0;
    for (; i + kBlock < n; i += kBlock) {
        Bits flags = 0;
        for (size_t j = i; j < i + kBlock; ++j) {
            const auto a = static_cast<Bits>(run.raw(j)), b = static_cast<Bits>(run.raw(j + 1));
            flags |= static_cast<Bits>(b - a) | a | b;
        }
        if (flags >> kTop) break;
    }
    for (; i + 1 < n; ++i)
        if (run.raw(i + 1) < run.raw(i)) return false;
    return true;
}

}  // namespace

bool never_decreasing(StoredIndexRun<std::int32_t> run, size_t n) { return never_decreasing_run(run, n); }
bool never_decreasing(StoredIndexRun<std::uint32_t> run, size_t n) { return never_decreasing_run(run, n); }
bool never_decreasing(StoredIndexRun<long long> run, size_t n) { return never_decreasing_run(run, n); }

}  // namespace h5sparse
