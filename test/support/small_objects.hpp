// The small objects tests write by hand (a 1-D integer dataset, a string attribute), the type
// question they ask of a path and the whole-dataset read they compare, with the plain C API on whatever location they are given.
#pragma once

#include <hdf5.h>

#include <vector>

namespace h5sparse_test {

// A contiguous 1-D dataset of `file_type` holding `values` (converted by HDF5).
void write_int_dataset(hid_t group, const char* name, const std::vector<long long>& values, hid_t file_type);

// A scalar variable-length UTF-8 string attribute, as h5py writes them.
void write_string_attribute(hid_t object, const char* name, const char* value);

// H5Oget_info_by_name3's type of `path` (throws when the call fails).
H5O_type_t type_of(hid_t location, const char* path);

// The whole of a dataset as doubles (converted by HDF5; throws when the read fails).
std::vector<double> read_all(hid_t dataset);

}  // namespace h5sparse_test
