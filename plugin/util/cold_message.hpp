// Messages for broken input, built away from the code that judges good input.
//
// The rules that every listing runs (component_rules.cpp, detect.cpp's shape) name each broken
// rule in a sentence of strings and numbers; inlined, those sentences make up most of their
// code. Built here instead, in a function the compiler knows to be cold, they are placed apart
// (.text.unlikely), and the code a listing runs fits in fewer of the 64 KiB windows the kernel
// maps per page fault (plugin/CMakeLists.txt).
#pragma once

#include <string>
#include <utility>

namespace h5sparse {

// `build()`, a lambda returning the message, run out of line and marked rarely taken.
template <typename Build>
[[gnu::cold, gnu::noinline]] std::string cold_message(Build&& build) {
    return std::forward<Build>(build)();
}

}  // namespace h5sparse
