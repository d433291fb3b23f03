// Walks a 2-D file selection in HDF5's element order (row-major for hyperslabs, listed order for
// points) in bounded batches, as runs of consecutive columns within one row. The k-th element of
// the batch is the k-th element the memory selection receives.
#pragma once

#include <hdf5.h>

#include <vector>

#include "util/handle.hpp"

namespace h5sparse {

// `rows` consecutive rows (usually 1) each selecting columns [col, col + length); row i of the
// run starts at batch position `position + i * length`.
struct ElementRun {
    hsize_t row;
    hsize_t col;       // first column
    hsize_t length;    // consecutive columns
    hsize_t position;  // index of the run's first element within the batch
    hsize_t rows = 1;
};

class ElementRuns {
public:
    ElementRuns(hid_t file_space, hsize_t cols, size_t batch_elements);
    // Fills `runs` with the next batch; returns the number of elements in it (0 = done).
    size_t next(std::vector<ElementRun>& runs);

private:
    size_t next_from_block(std::vector<ElementRun>& runs);

    // A rectangular selection (h5py slices, h5dump strips, one column): runs follow from its
    // corners, without asking HDF5 for one sequence per row.
    bool single_block_ = false;
    hsize_t block_start_[2] = {0, 0};
    hsize_t block_end_[2] = {0, 0};
    hsize_t next_row_ = 0;

    Handle iter_;
    hsize_t cols_;
    size_t batch_;
    std::vector<hsize_t> offsets_;
    std::vector<size_t> lengths_;
};

}  // namespace h5sparse
