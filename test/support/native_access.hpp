// Files opened with the native VOL connector explicitly.
//
// ctest sets HDF5_VOL_CONNECTOR for every test, which makes H5P_DEFAULT mean "through the
// connector". Writers and the reference side of differential tests must not depend on the code
// under test, so they use these helpers instead of H5P_DEFAULT.
#pragma once

#include "support/h5_handle.hpp"

#include <string>

namespace h5sparse_test {

// A new file access property list with the native VOL connector set.
H5Handle native_fapl();
// H5Fcreate(path, H5F_ACC_TRUNC) / H5Fopen(path, H5F_ACC_RDONLY) through native.
H5Handle create_native_file(const std::string& path);
H5Handle open_native_file(const std::string& path);

}  // namespace h5sparse_test
