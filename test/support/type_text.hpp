// Human-readable names for numeric HDF5 types and values, for test descriptions and failure
// messages ("int16", "float64be", "-17").
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <string>

namespace h5sparse_test {

// "int8".."uint64", "float32", "float64", with a "be"/"le" suffix when the byte order is not the
// machine's; other classes get a generic description.
std::string type_name(hid_t type);

// One element of a numeric (integer or IEEE float) type, printed exactly.
std::string format_element(hid_t type, const std::byte* element);

}  // namespace h5sparse_test
