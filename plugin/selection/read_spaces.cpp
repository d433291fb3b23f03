#include "selection/read_spaces.hpp"

#include <string>

#include "util/error.hpp"

namespace h5sparse {

ReadSpaces resolve_read_spaces(hsize_t rows, hsize_t cols, hid_t mem_space_id, hid_t file_space_id,
                               const char* path) {
    auto refuse = [&](const std::string& why) {
        fail(H5E_DATASPACE, H5E_BADSELECT, "cannot read sparse matrix '" + std::string(path) + "': " + why);
    };
    ReadSpaces s;
    const hsize_t dims[2] = {rows, cols};
    if (file_space_id == H5S_ALL) {
        s.owned_file = Handle(check(H5Screate_simple(2, dims, nullptr), H5E_DATASPACE, H5E_CANTCREATE,
                                    "cannot create dataspace"));
        s.file = s.owned_file.get();
    } else if (file_space_id == H5S_BLOCK || file_space_id == H5S_PLIST) {
        refuse("H5S_BLOCK and H5S_PLIST are not allowed as the file dataspace");
    } else {
        s.file = file_space_id;
        if (H5Sget_simple_extent_ndims(s.file) != 2) refuse("the file dataspace is not 2-D");
        hsize_t fdims[2] = {0, 0};
        H5Sget_simple_extent_dims(s.file, fdims, nullptr);
        if (fdims[0] != rows || fdims[1] != cols)
            refuse("the file dataspace's extent (" + std::to_string(fdims[0]) + " x " + std::to_string(fdims[1]) +
                   ") differs from the dataset's (" + std::to_string(rows) + " x " + std::to_string(cols) + ")");
        if (H5Sselect_valid(s.file) <= 0) refuse("the file selection is outside the dataset's extent");
        // HDF5 1.14.5's point check lets a point sit exactly one past the extent; we index by
        // linear offsets, so check the bounds ourselves.
        hsize_t start[2], end[2];
        if (H5Sget_select_npoints(s.file) > 0 && H5Sget_select_bounds(s.file, start, end) >= 0 &&
            (end[0] >= rows || end[1] >= cols))
            refuse("the file selection is outside the dataset's extent");
    }
    hssize_t n = H5Sget_select_npoints(s.file);
    if (n < 0) refuse("cannot count the selected elements");
    s.elements = static_cast<hsize_t>(n);

    if (mem_space_id == H5S_ALL) {
        s.mem = s.file;
    } else if (mem_space_id == H5S_BLOCK) {
        hsize_t count = s.elements;
        s.owned_mem = Handle(check(count ? H5Screate_simple(1, &count, nullptr) : H5Screate(H5S_NULL),
                                   H5E_DATASPACE, H5E_CANTCREATE, "cannot create dataspace"));
        s.mem = s.owned_mem.get();
    } else if (mem_space_id == H5S_PLIST) {
        refuse("H5S_PLIST is not supported as the memory dataspace");
    } else {
        s.mem = mem_space_id;
        if (H5Sselect_valid(s.mem) <= 0) refuse("the memory selection is outside the memory dataspace's extent");
        hssize_t m = H5Sget_select_npoints(s.mem);
        if (m < 0 || static_cast<hsize_t>(m) != s.elements)
            refuse("different number of elements selected in memory (" + std::to_string(m) + ") and file (" +
                   std::to_string(s.elements) + ")");
    }
    return s;
}

}  // namespace h5sparse
