// A window of stored entries [first, last) of a sparse matrix: all their `indices` (widened to
// int64 in place by our own loop, model/index_values.hpp: HDF5's conversion would cost a copy
// through its conversion buffer), and
// the `data` values of only the sub-ranges the caller asks for (a narrow secondary window on a
// sorted row needs a few values out of many).
#pragma once

#include <hdf5.h>

#include <utility>
#include <vector>

#include "util/handle.hpp"

namespace h5sparse {

class VirtualDataset;

class EntryWindow {
public:
    EntryWindow(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id);

    // Loads the indices of [first, last), unless the window already holds them; values loaded
    // before stay where they are, only the ranges passed to load_values are fresh.
    void load_indices(hsize_t first, hsize_t last);
    // Index of stored entry k (first <= k < last).
    long long index(hsize_t k) const { return indices_[k - first_]; }
    const long long* indices_at(hsize_t k) const { return indices_.data() + (k - first_); }

    // Reads the values of the given sub-ranges (ascending, inside the window), merging ranges
    // separated by small gaps into one read.
    void load_values(const std::vector<std::pair<hsize_t, hsize_t>>& ranges);
    const unsigned char* value(hsize_t k) const { return values_.data() + (k - first_) * value_size_; }

private:
    const VirtualDataset& vd_;
    hid_t value_type_;
    size_t value_size_;
    hid_t dxpl_;
    Handle index_type_;  // native form of the stored index type
    size_t index_size_;
    bool index_signed_;
    hsize_t first_ = 0;
    bool loaded_ = false;  // indices_ holds [first_, first_ + size) (false after a failed read)
    std::vector<long long> indices_;
    std::vector<unsigned char> values_;
};

}  // namespace h5sparse
