// The storage of a sparse group's components (data, indices, indptr): presence, type, extent,
// layout, chunking, filters and bytes on disk. Metadata only: no element is read here.
#pragma once

#include <hdf5.h>

#include <string>

#include "check/report.hpp"

namespace h5sparse::checker {

// Never throws for a missing or odd component: that is recorded in the result, and judging it
// is the caller's job (group_check.cpp).
ComponentInfo inspect_component(hid_t group, const char* name);

// A short name for an HDF5 datatype: "int32", "uint64", "float32 (big-endian)",
// "bool (enum of int8)", "enum of uint16", "string", "compound", ...
std::string describe_type(hid_t type);

}  // namespace h5sparse::checker
