// The order in which HDF5 visits the selected elements of a dataspace, computed here from the
// selection's description (extent, point list, block list) rather than with HDF5's iterator:
//   - all:        every element, row-major;
//   - hyperslabs: every selected element once, row-major over the whole selection (a union of
//                 slabs is NOT visited slab by slab);
//   - points:     as listed, repeats included;
//   - none:       nothing.
// Each element is given as its row-major linear index in the space's extent. The suite proves
// this model right by reading dense datasets natively with the same spaces (see read_oracle).
#pragma once

#include <hdf5.h>

#include <vector>

namespace h5sparse_test {

// Number of elements in the space's extent (1 for scalar, 0 for null).
hsize_t extent_elements(hid_t space);

std::vector<hsize_t> selection_order(hid_t space);

}  // namespace h5sparse_test
