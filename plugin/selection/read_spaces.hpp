// The file and memory dataspaces of an H5Dread on a virtual dataset, resolved the way native
// resolves them (H5VLnative_dataset.c): H5S_ALL means the whole extent (and, for memory, the file
// selection's shape), H5S_BLOCK a contiguous 1-D buffer, and the counts must agree.
#pragma once

#include <hdf5.h>

#include "util/handle.hpp"

namespace h5sparse {

struct ReadSpaces {
    Handle owned_file;
    Handle owned_mem;
    hid_t file = H5I_INVALID_HID;
    hid_t mem = H5I_INVALID_HID;
    hsize_t elements = 0;
};

// Throws an Error (as native would refuse the read) for a file selection of the wrong rank or
// extent, outside the extent, H5S_BLOCK/H5S_PLIST as file space, or differing element counts.
ReadSpaces resolve_read_spaces(hsize_t rows, hsize_t cols, hid_t mem_space_id, hid_t file_space_id,
                               const char* dataset_path);

}  // namespace h5sparse
