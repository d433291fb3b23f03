#include "support/h5_handle.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace h5sparse_test {

H5Handle& H5Handle::operator=(H5Handle&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
}

hid_t H5Handle::release() {
    const hid_t id = id_;
    id_ = H5I_INVALID_HID;
    return id;
}

void H5Handle::reset(hid_t id) {
    const hid_t old = id_;
    id_ = id;
    if (old < 0) return;
    // A close must not erase an error that is about to be reported.
    const hid_t saved = H5Eget_current_stack();
    H5E_BEGIN_TRY {
        switch (H5Iget_type(old)) {
            case H5I_FILE:
                H5Fclose(old);
                break;
            case H5I_GROUP:
                H5Gclose(old);
                break;
            case H5I_DATASET:
                H5Dclose(old);
                break;
            case H5I_DATASPACE:
                H5Sclose(old);
                break;
            case H5I_DATATYPE:
                H5Tclose(old);
                break;
            case H5I_ATTR:
                H5Aclose(old);
                break;
            case H5I_GENPROP_LST:
                H5Pclose(old);
                break;
            default:
                H5Idec_ref(old);
                break;
        }
    }
    H5E_END_TRY
    if (saved >= 0) H5Eset_current_stack(saved);
}

std::string hdf5_error_text() {
    char* text = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&text, &size);
    if (stream == nullptr) return "(no error text: open_memstream failed)";
    H5Eprint2(H5E_DEFAULT, stream);
    std::fclose(stream);
    std::string result(text, size);
    std::free(text);
    return result;
}

hid_t check_id(hid_t id, std::string_view what) {
    if (id < 0) throw std::runtime_error(std::string(what) + " failed\n" + hdf5_error_text());
    return id;
}

herr_t check_status(herr_t status, std::string_view what) {
    if (status < 0) throw std::runtime_error(std::string(what) + " failed\n" + hdf5_error_text());
    return status;
}

H5Handle owned(hid_t id, std::string_view what) { return H5Handle(check_id(id, what)); }

QuietErrors::QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

ErrorReportCounter::ErrorReportCounter() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, &ErrorReportCounter::on_report, this);
}

ErrorReportCounter::~ErrorReportCounter() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

herr_t ErrorReportCounter::on_report(hid_t, void* self) {
    ++static_cast<ErrorReportCounter*>(self)->count_;
    return 0;
}

}  // namespace h5sparse_test
