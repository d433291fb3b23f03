// The deep scan: one streamed pass over indptr and, when the group's structure allows it, over
// indices, in pieces of piece_entries() entries (bounded memory whatever the matrix size).
//
// indptr: indptr[0] == 0, never decreasing, indptr[-1] == len(data).
// indices (walked slice by slice, a slice being the entries of one primary position): every
// index in [0, secondary extent); sorted (non-decreasing) within each slice; duplicate-free.
#pragma once

#include <hdf5.h>

#include <optional>
#include <vector>

#include "check/progress.hpp"
#include "check/report.hpp"
#include "formats/sparse_layout.hpp"

namespace h5sparse::checker {

struct ScanInput {
    // A doubly compressed matrix: slice k holds primary listed[k] (else primary k).
    const std::vector<long long>* listed = nullptr;
    hid_t indptr = H5I_INVALID_HID;  // 1-D integer dataset
    bool indptr_unsigned = false;
    hsize_t indptr_length = 0;
    std::optional<hsize_t> stored_values;  // len(data); absent when data is unusable
    // The indices walk runs only when every structural rule holds (then len(indices) == len(data)
    // and the secondary extent is known).
    bool walk_indices = false;
    hid_t indices = H5I_INVALID_HID;
    bool indices_unsigned = false;
    hsize_t secondary_extent = 0;
    StoredTriangle triangle = StoredTriangle::kWhole;  // symmetric: indices on one side of the primary
    ComponentNames names;  // how the convention names data, indices and indptr
    const char* primary_name = "row";
    const char* secondary_name = "column";
};

struct ScanResult {
    std::vector<Problem> problems;
    IndexStats stats;
};

// Throws h5sparse::Error when HDF5 cannot read a piece.
ScanResult scan_components(const ScanInput& in, Progress& progress);

}  // namespace h5sparse::checker
