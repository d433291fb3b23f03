#include "support/connector_access.hpp"

#include <h5sparse_vol.h>

#include <cstdlib>

namespace h5sparse_test {

std::string fixture(const char* name) {
    const char* dir = std::getenv("H5SPARSE_FIXTURES");
    return std::string(dir ? dir : "test/fixtures/data") + "/" + name;
}

H5Handle open_through_connector(const std::string& path, const char* info, unsigned flags) {
    H5Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), "fapl");
    check_status(h5sparse_vol_set_fapl(fapl.get(), info), "h5sparse_vol_set_fapl");
    return owned(H5Fopen(path.c_str(), flags, fapl.get()), "open " + path + " through the connector");
}

std::string dataset_open_error(hid_t f, const std::string& path) {
    H5Eclear2(H5E_DEFAULT);
    hid_t d;
    {
        QuietErrors quiet;
        d = H5Dopen2(f, path.c_str(), H5P_DEFAULT);
    }
    if (d >= 0) {
        H5Dclose(d);
        return "";
    }
    return hdf5_error_text() + " ";
}

std::string read_error(hid_t d, hid_t mem_type, hid_t mem_space, hid_t file_space, void* buf) {
    H5Eclear2(H5E_DEFAULT);
    herr_t status;
    {
        QuietErrors quiet;
        status = H5Dread(d, mem_type, mem_space, file_space, H5P_DEFAULT, buf);
    }
    return status < 0 ? hdf5_error_text() + " " : "";
}

}  // namespace h5sparse_test
