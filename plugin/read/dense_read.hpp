// Reads of a dense matrix stored as one 1-D array (binsparse's DMATR, row-major, and DMATC,
// column-major; SparseLayout::dense): each batch's elements come straight from their places in
// `data`, in the fewest ranged reads its runs allow (a run of whole rows of a row-major matrix is
// one range; a block of a column-major one, one range per column).
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <vector>

#include "selection/element_runs.hpp"
#include "util/scratch_vector.hpp"

namespace h5sparse {

class VirtualDataset;

class DenseDecoder {
public:
    // `value_type`: the native form of the stored value type, the staging buffer's type.
    DenseDecoder(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id);

    // Writes the batch's values into `staging` (value size * elements bytes).
    void decode(const std::vector<ElementRun>& runs, size_t elements, unsigned char* staging);

private:
    const VirtualDataset& vd_;
    hid_t value_type_;
    size_t value_size_;
    hid_t dxpl_;
    ScratchVector<unsigned char> column_;  // one column segment of a column-major block
};

}  // namespace h5sparse
