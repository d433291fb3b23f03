#include "util/error.hpp"

#include "util/error_stack_guard.hpp"

#include <atomic>
#include <exception>
#include <new>

namespace h5sparse {
namespace {

// Trivially destructible on purpose: plugin statics are destroyed before HDF5's atexit shutdown
// calls terminate.
std::atomic<hid_t> g_error_class{H5I_INVALID_HID};
std::atomic<int> g_registrations{0};

// The class is registered by the first error pushed, not by initialize: HDF5 initialises every
// VOL plugin it loads, also in programs that never fail through it, and registering there cost
// each of them about 30 µs (the first calls into HDF5's error API).
hid_t error_class() noexcept {
    hid_t cls = g_error_class.load();
    if (cls >= 0) return cls;
    hid_t mine;
    {
        ErrorStackGuard keep;  // H5Eregister_class clears the stack: the cause being reported
        mine = H5Eregister_class("h5sparse-vol", "h5sparse-vol VOL connector", "0.1.0");
    }
    if (mine < 0) return H5E_ERR_CLS;
    // No lock: a thread holding HDF5's lock may be pushing too. The first to install wins.
    if (g_error_class.compare_exchange_strong(cls, mine)) return mine;
    ErrorStackGuard keep;
    H5Eunregister_class(mine);
    return cls;
}

}  // namespace

void fail(hid_t major, hid_t minor, const std::string& message) { throw Error(major, minor, message); }

void hold_error_class() noexcept { ++g_registrations; }

void release_error_class() noexcept {
    if (--g_registrations > 0) return;
    const hid_t cls = g_error_class.exchange(H5I_INVALID_HID);
    if (cls >= 0) H5Eunregister_class(cls);
}

void push_error(const char* function, hid_t major, hid_t minor, const std::string& message) noexcept {
    // H5Epush2 does not clear the stack, so the under connector's own lines stay below ours.
    H5Epush2(H5E_DEFAULT, "h5sparse-vol", function, 0, error_class(), major, minor, "%s", message.c_str());
}

void push_current_exception(const char* function) noexcept {
    try {
        throw;
    } catch (const Error& e) {
        push_error(function, e.major(), e.minor(), e.what());
    } catch (const std::bad_alloc&) {
        push_error(function, H5E_RESOURCE, H5E_NOSPACE, "out of memory");
    } catch (const std::exception& e) {
        push_error(function, H5E_VOL, H5E_CANTOPERATE, std::string("internal error: ") + e.what());
    } catch (...) {
        push_error(function, H5E_VOL, H5E_CANTOPERATE, "internal error: unknown exception");
    }
}

}  // namespace h5sparse
