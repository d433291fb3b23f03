#include "util/error.hpp"

#include <exception>
#include <new>

namespace h5sparse {
namespace {

// POD on purpose: plugin statics are destroyed before HDF5's atexit shutdown calls terminate.
hid_t g_error_class = H5I_INVALID_HID;
int g_registrations = 0;

hid_t error_class() noexcept {
    if (g_error_class < 0)  // e.g. h5sparse_vol_set_fapl() before the connector was initialised
        g_error_class = H5Eregister_class("h5sparse-vol", "h5sparse-vol VOL connector", "0.1.0");
    return g_error_class >= 0 ? g_error_class : H5E_ERR_CLS;
}

}  // namespace

void fail(hid_t major, hid_t minor, const std::string& message) { throw Error(major, minor, message); }

void register_error_class() noexcept {
    ++g_registrations;
    (void)error_class();
}

void unregister_error_class() noexcept {
    if (--g_registrations > 0 || g_error_class < 0) return;
    H5Eunregister_class(g_error_class);
    g_error_class = H5I_INVALID_HID;
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
