// Automatic error printing off while the connector works.
//
// The H5VL* calls we make to the connector below are public API functions: when one fails, HDF5
// prints the error stack right there, even when the failure is an answer ("is this a dataset?
// no") or will be reported once more by the application's own call. So every callback runs with
// printing off (QuietErrors, in the entry wrapper), and user code called back from inside a
// callback (iteration operators) runs with the application's setting restored (UserCode).
#pragma once

#include <hdf5.h>

namespace h5sparse {

class QuietErrors {
public:
    QuietErrors() noexcept {
        if (depth()++ > 0) return;  // already quiet further up this thread's stack
        unsigned is_v2 = 0;
        if (H5Eauto_is_v2(H5E_DEFAULT, &is_v2) < 0 || !is_v2) return;  // v1 handlers: left alone
        if (H5Eget_auto2(H5E_DEFAULT, &saved().func, &saved().data) < 0 || !saved().func) return;
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        saved().active = true;
    }
    ~QuietErrors() {
        if (--depth() > 0) return;
        if (saved().active) H5Eset_auto2(H5E_DEFAULT, saved().func, saved().data);
        saved() = {};
    }
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

    struct Saved {
        H5E_auto2_t func = nullptr;
        void* data = nullptr;
        bool active = false;
    };

    // The application's own error printing, for the duration of a call into its code.
    class UserCode {
    public:
        UserCode() noexcept : restore_(saved().active), outer_(saved()), depth_(depth()) {
            if (restore_) H5Eset_auto2(H5E_DEFAULT, saved().func, saved().data);
            depth() = 0;  // callbacks re-entered from user code start a quiet scope of their own
            saved() = {};
        }
        ~UserCode() {
            depth() = depth_;
            saved() = outer_;
            if (restore_) H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        }
        UserCode(const UserCode&) = delete;
        UserCode& operator=(const UserCode&) = delete;

    private:
        bool restore_;
        struct Saved outer_;
        int depth_;
    };

private:
    static Saved& saved() noexcept {
        thread_local Saved s;
        return s;
    }
    static int& depth() noexcept {
        thread_local int d = 0;
        return d;
    }
};

}  // namespace h5sparse
