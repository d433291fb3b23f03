// Decode once, scatter anywhere: a read whose file selection is rows x columns
// (selection/cross_product.hpp) walks the stored matrix in storage order, each touched primary
// position (a CSC column, a CSR row) once per request, and puts each stored entry straight at
// its position in the output. The batched walk in HDF5's row-major order (sparse_read.cpp)
// crosses a CSC once per batch of rows instead, reading and inflating its columns again for
// every batch.
#pragma once

#include <hdf5.h>

#include "read/value_accumulator.hpp"
#include "selection/cross_product.hpp"

namespace h5sparse {

class VirtualDataset;

// Writes the selection's values, in the native form `value_type` of the stored type, row-major
// and packed into `out` (zero-filled here: selection.rows.size() x selection.cols.size() values).
void read_cross_product(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type, hid_t dxpl_id,
                        unsigned char* out);

}  // namespace h5sparse
