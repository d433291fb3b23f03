// Random dataspace arguments for H5Dread on a 2-D dataset: file selections of every kind HDF5
// offers (H5S_ALL, select-all, blocks, strided blocks, unions and other set operations of
// hyperslabs, point lists with repeats, none) and memory spaces with the same number of
// elements (H5S_ALL, H5S_BLOCK, 1-D, 2-D with offset, strided, 3-D, point lists, irregular
// unions, scalar, null). Each carries a printable description for failure messages.
#pragma once

#include "support/h5_handle.hpp"
#include "support/random.hpp"

#include <hdf5.h>

#include <string>

namespace h5sparse_test {

// What to pass as a space argument of H5Dread: a special id or an owned dataspace.
class SpaceArg {
public:
    static SpaceArg all_id();    // H5S_ALL
    static SpaceArg block_id();  // H5S_BLOCK
    static SpaceArg owned_space(H5Handle space, std::string description);

    hid_t id() const { return space_.valid() ? space_.get() : special_; }
    bool is_all_id() const { return !space_.valid() && special_ == H5S_ALL; }
    bool is_block_id() const { return !space_.valid() && special_ == H5S_BLOCK; }
    const std::string& description() const { return description_; }

private:
    hid_t special_ = H5S_ALL;
    H5Handle space_;
    std::string description_;
};

enum class FileSelectionKind {
    all_id,           // H5S_ALL
    select_all,       // a dataspace with H5Sselect_all
    single_block,     // one block (written either as block or as count)
    single_element,   // one element, as a 1x1 hyperslab or as one point
    row_band,         // consecutive full rows
    column_band,      // consecutive full columns
    strided_blocked,  // one regular hyperslab with stride and block
    union_of_slabs,   // OR of 2-5 (possibly overlapping, possibly strided) hyperslabs
    combination,      // a hyperslab followed by OR/AND/XOR/NOTB/NOTA with others
    index_lists,      // a row list x a column list (masks, fancy indexing), one OR-ed slab per index run
    points,           // point list, random order, with repeats
    none,             // H5Sselect_none
    count_,           // number of kinds (not a kind)
};

const char* to_string(FileSelectionKind kind);

struct FileSelection {
    SpaceArg arg;         // H5S_ALL or a dataspace with extent rows x cols
    hsize_t npoints = 0;  // number of selected elements (repeats in a point list counted)
    const std::string& description() const { return arg.description(); }
};

FileSelection make_file_selection(Rng& rng, FileSelectionKind kind, hsize_t rows, hsize_t cols);
// A random kind (weighted towards the interesting ones); rows and cols must be > 0.
FileSelection random_file_selection(Rng& rng, hsize_t rows, hsize_t cols);

struct MemorySpace {
    SpaceArg arg;
    hsize_t buffer_elements = 0;  // elements the user buffer must hold
    const std::string& description() const { return arg.description(); }
};

// A memory space selecting file.npoints elements. H5S_ALL stands for the file space itself
// (extent rows x cols, the file selection), as HDF5 defines it.
MemorySpace random_memory_space(Rng& rng, const FileSelection& file, hsize_t rows, hsize_t cols);

// A random regular hyperslab inside an extent of the given rank and dims (all dims > 0), added
// to `space` with `op`; returns its description. Used for rank-generic tests.
std::string select_random_slab(Rng& rng, hid_t space, H5S_seloper_t op, int rank, const hsize_t* dims,
                               bool allow_stride);

}  // namespace h5sparse_test
