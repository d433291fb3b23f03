// Rows x columns of a symmetric matrix that stores one triangle (cooler's symmetric-upper,
// binsparse's symmetric structures), in one walk of the stored primaries read as rows (the view
// is its own transpose): each stored entry (p, s) lands at (p, s) when p is a
// selected row and s a selected column, and at (s, p) when s is a selected row and p a selected
// column (not twice on the diagonal). The stored rows walked are the selected rows and columns
// that can place anything: a diagonal block reads each stored row once, where reading the
// selection and its mirror image apart would read it twice.
#pragma once

#include <hdf5.h>

#include "selection/cross_product.hpp"

namespace h5sparse {

class VirtualDataset;

// Writes the selection's values, in the native form `value_type` of the stored type, row-major
// and packed into `out` (zero-filled here: selection.rows.size() x selection.cols.size() values).
void read_symmetric_cross_product(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type,
                                  hid_t dxpl_id, unsigned char* out);

}  // namespace h5sparse
