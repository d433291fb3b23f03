// The one door between libhdf5 and the connector's C++ code.
//
// Every slot of the class table is `entry<impl, "name">`: a noexcept C function that runs the
// implementation, catches everything (h5sparse::Error first, bad_alloc, std::exception, then
// anything), pushes one line naming the callback onto the default error stack, and returns the
// slot's failure value (-1 or NULL). No C++ exception ever reaches libhdf5. Automatic error
// printing is off meanwhile (util/quiet_errors.hpp): the application's API call prints once.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstddef>

#include "util/error.hpp"
#include "util/quiet_errors.hpp"

namespace h5sparse {

template <std::size_t N>
struct CallbackName {
    constexpr CallbackName(const char (&text)[N]) { std::copy_n(text, N, value); }
    char value[N];
};

template <typename R>
constexpr R failure_value() noexcept {
    if constexpr (std::is_pointer_v<R>) return nullptr;
    else return static_cast<R>(-1);
}

template <auto Impl, CallbackName Name>
struct Entry;

template <typename R, typename... Args, R (*Impl)(Args...), CallbackName Name>
struct Entry<Impl, Name> {
    static R call(Args... args) noexcept {
        QuietErrors quiet;
        try {
            return Impl(args...);
        } catch (...) {
            push_current_exception(Name.value);
        }
        return failure_value<R>();
    }
};

template <auto Impl, CallbackName Name>
inline constexpr auto entry = &Entry<Impl, Name>::call;

}  // namespace h5sparse
