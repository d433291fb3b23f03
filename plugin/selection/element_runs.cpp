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
      cols_(cols), batch_(batch_elements), offsets_(kSequencesPerCall), lengths_(kSequencesPerCall) {}

size_t ElementRuns::next(std::vector<ElementRun>& runs) {
    runs.clear();
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
                runs.push_back({row, col, len, filled});
                filled += static_cast<size_t>(len);
                offset += len;
                left -= len;
            }
        }
    }
    return filled;
}

}  // namespace h5sparse
