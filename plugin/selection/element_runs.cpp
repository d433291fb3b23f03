#include "selection/element_runs.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace h5sparse {

namespace {
constexpr size_t kSequencesPerCall = 4096;
}

ElementRuns::ElementRuns(hid_t file_space, hsize_t cols, size_t batch_elements)
    // Element size 1: sequence offsets are linear element indices (row * cols + col). Never the
    // SORTED flag: it would break the pairing with memory order for point selections.
    : iter_(check(H5Ssel_iter_create(file_space, 1, 0), H5E_DATASPACE, H5E_CANTCREATE,
                  "cannot iterate the file selection")),
      cols_(cols), batch_(batch_elements), offsets_(kSequencesPerCall), lengths_(kSequencesPerCall) {
    // A regular hyperslab whose blocks touch (stride == block, or a single block, per dimension)
    // is one rectangle, however HDF5 counts its blocks (h5py writes a column as N 1x1 blocks).
    // The bounds include a selection offset (H5Soffset_simple), the hyperslab does not: when
    // they differ, leave the selection to the iterator.
    hsize_t start[2], stride[2], count[2], block[2];
    if (H5Sget_select_type(file_space) == H5S_SEL_HYPERSLABS && H5Sis_regular_hyperslab(file_space) > 0 &&
        H5Sget_regular_hyperslab(file_space, start, stride, count, block) >= 0 &&
        (count[0] == 1 || stride[0] == block[0]) && (count[1] == 1 || stride[1] == block[1]) &&
        H5Sget_select_bounds(file_space, block_start_, block_end_) >= 0 && block_start_[0] == start[0] &&
        block_start_[1] == start[1]) {
        single_block_ = true;
        next_row_ = block_start_[0];
    }
}

size_t ElementRuns::next_from_block(std::vector<ElementRun>& runs) {
    const hsize_t width = block_end_[1] - block_start_[1] + 1;
    if (width > batch_) {  // rows wider than a batch (known at the first call): the iterator splits them
        single_block_ = false;
        return next(runs);
    }
    if (next_row_ > block_end_[0]) return 0;
    const hsize_t rows = std::min<hsize_t>(block_end_[0] - next_row_ + 1, batch_ / width);
    runs.push_back({next_row_, block_start_[1], width, 0, rows});
    next_row_ += rows;
    return static_cast<size_t>(rows * width);
}

size_t ElementRuns::next(std::vector<ElementRun>& runs) {
    runs.clear();
    if (single_block_) return next_from_block(runs);
    size_t filled = 0;
    while (filled < batch_) {
        size_t nseq = 0, nelem = 0;
        check(H5Ssel_iter_get_seq_list(iter_.get(), kSequencesPerCall, batch_ - filled, &nseq, &nelem,
                                       offsets_.data(), lengths_.data()),
              H5E_DATASPACE, H5E_CANTNEXT, "cannot walk the file selection");
        if (nseq == 0) break;
        for (size_t i = 0; i < nseq; ++i) {
            hsize_t offset = offsets_[i];
            hsize_t left = lengths_[i];
            while (left > 0) {  // a sequence may cross row ends (whole-row selections)
                hsize_t row = offset / cols_, col = offset % cols_;
                hsize_t len = std::min<hsize_t>(left, cols_ - col);
                runs.push_back({row, col, len, filled, 1});
                filled += static_cast<size_t>(len);
                offset += len;
                left -= len;
            }
        }
    }
    return filled;
}

}  // namespace h5sparse
