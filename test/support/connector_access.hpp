// Files opened through the connector, the committed fixtures, and what H5Dopen2 says when it
// refuses. Programs using these link h5sparse_vol (h5sparse_vol_set_fapl).
#pragma once

#include "support/h5_handle.hpp"

#include <string>

namespace h5sparse_test {

// $H5SPARSE_FIXTURES/name (ctest sets it to test/fixtures/data).
std::string fixture(const char* name);
// H5Fopen(path, flags: read-only unless told) with h5sparse_vol_set_fapl(info).
H5Handle open_through_connector(const std::string& path, const char* info = "under_vol=0;under_info={}",
                                unsigned flags = H5F_ACC_RDONLY);
// The error text of H5Dopen2(f, path) followed by a space, or "" when it opens.
std::string dataset_open_error(hid_t f, const std::string& path);
// The error text of H5Dread(d, mem_type, mem_space, file_space, buf), or "" when it reads.
std::string read_error(hid_t d, hid_t mem_type, hid_t mem_space, hid_t file_space, void* buf);

}  // namespace h5sparse_test
