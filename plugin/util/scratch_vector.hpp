// A std::vector whose resize leaves new elements uninitialised, for buffers that the next read
// overwrites before anyone looks at them (a window of a component, a decoded chunk). A plain
// vector zeroes every byte first: for the four rows of a 10^4-column matrix, that memset of the
// window's indices and values was a third of the read.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace h5sparse {

template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
    static_assert(std::is_trivially_default_constructible_v<T>, "only for plain numbers and bytes");
    template <typename U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    DefaultInitAllocator() noexcept = default;
    template <typename U>
    DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

    // Value-initialisation (resize(n), vector(n)) becomes default-initialisation: no write.
    template <typename U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

template <typename T>
using ScratchVector = std::vector<T, DefaultInitAllocator<T>>;
using ScratchBytes = ScratchVector<unsigned char>;

}  // namespace h5sparse
