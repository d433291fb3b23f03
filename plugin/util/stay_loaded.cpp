#include "util/stay_loaded.hpp"

#include <dlfcn.h>

namespace h5sparse {
namespace {

bool mark_no_delete() noexcept {
    Dl_info self{};
    if (dladdr(reinterpret_cast<void*>(&stay_loaded), &self) && self.dli_fname)
        dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    return true;
}

}  // namespace

void stay_loaded() noexcept {
    static const bool marked = mark_no_delete();  // once, thread-safe (a function-local static)
    (void)marked;
}

}  // namespace h5sparse
