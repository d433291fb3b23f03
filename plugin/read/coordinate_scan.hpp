// Reads of a coordinate (COO) matrix whose in-memory row index would exceed the index memory
// (VirtualDataset::scans_coordinates): memory stays bounded by scanning, for each batch of the
// selection, every stored entry in pieces and adding those the batch selects, in stored order (so
// duplicates sum as with the index). The price is time: a read costs one pass over the entries
// per batch of 256 Ki selected elements. Entries out of range, or on the wrong side of the
// diagonal of a symmetric matrix, fail the read, as they do with the index.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <vector>

#include "read/background_fill.hpp"
#include "read/value_accumulator.hpp"
#include "selection/element_runs.hpp"
#include "util/scratch_vector.hpp"

namespace h5sparse {

class VirtualDataset;

class CoordinateScan {
public:
    // `value_type`: the native form of the stored value type, the staging buffer's type.
    CoordinateScan(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id);

    // Writes the batch's values into `staging` (value size * elements bytes, zero-filled here).
    void decode(const std::vector<ElementRun>& runs, size_t elements, unsigned char* staging);

private:
    struct Segment {  // one row's run of consecutive selected columns
        hsize_t row, col, length, position;
    };
    // Adds entry k of the piece (at view row r, column c) wherever the batch selects (r, c).
    void place(hsize_t r, hsize_t c, size_t k);

    const VirtualDataset& vd_;
    hid_t value_type_;
    size_t value_size_;
    AccumulateFn accumulate_;
    hid_t dxpl_;
    BackgroundFill background_;
    std::vector<Segment> segments_;
    hsize_t longest_ = 0;
    ScratchVector<long long> rows_, cols_;  // one piece of the coordinates, as read
    ScratchVector<unsigned char> values_;
    std::vector<std::pair<size_t, hsize_t>> matches_;  // (entry of the piece, staging position)
};

// Checks every stored entry of a coordinate matrix the way the reads do (h5sparse-check, for
// matrices too large to index); throws Error naming the first broken one.
void check_every_coordinate(const VirtualDataset& vd, hid_t dxpl_id);

}  // namespace h5sparse
