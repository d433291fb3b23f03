#include "support/native_access.hpp"

namespace h5sparse_test {

H5Handle native_fapl() {
    H5Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate(FILE_ACCESS)");
    check_status(H5Pset_vol(fapl.get(), H5VL_NATIVE, nullptr), "H5Pset_vol(native)");
    return fapl;
}

H5Handle create_native_file(const std::string& path) {
    const H5Handle fapl = native_fapl();
    return owned(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), "H5Fcreate(" + path + ")");
}

H5Handle open_native_file(const std::string& path) {
    const H5Handle fapl = native_fapl();
    return owned(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), "H5Fopen(" + path + ")");
}

}  // namespace h5sparse_test
