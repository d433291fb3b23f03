// H5Dread on a virtual dataset: any file selection, memory selection and memory type, with the
// semantics of a dense dataset, reading only the parts of indptr/indices/data it needs.
#pragma once

#include <hdf5.h>

namespace h5sparse {

class VirtualDataset;

void read_virtual_dataset(const VirtualDataset& vd, hid_t mem_type_id, hid_t mem_space_id, hid_t file_space_id,
                          hid_t dxpl_id, void* buf);

}  // namespace h5sparse
