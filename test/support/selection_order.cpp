#include "support/selection_order.hpp"

#include "support/h5_handle.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace h5sparse_test {
namespace {

std::vector<hsize_t> extent_dims(hid_t space) {
    const int rank = check_status(H5Sget_simple_extent_ndims(space), "H5Sget_simple_extent_ndims");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0) check_status(H5Sget_simple_extent_dims(space, dims.data(), nullptr), "H5Sget_simple_extent_dims");
    return dims;
}

hsize_t linear_index(const hsize_t* coord, const std::vector<hsize_t>& dims) {
    hsize_t index = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) index = index * dims[d] + coord[d];
    return index;
}

// Appends every element of the block [lo, hi] (inclusive corners) in row-major order.
void append_block(const hsize_t* lo, const hsize_t* hi, const std::vector<hsize_t>& dims, std::vector<hsize_t>& out) {
    const std::size_t rank = dims.size();
    std::vector<hsize_t> coord(lo, lo + rank);
    for (;;) {
        out.push_back(linear_index(coord.data(), dims));
        std::size_t d = rank;
        while (d > 0) {
            --d;
            if (coord[d] < hi[d]) {
                ++coord[d];
                break;
            }
            coord[d] = lo[d];
            if (d == 0) return;
        }
        if (rank == 0) return;
    }
}

}  // namespace

hsize_t extent_elements(hid_t space) {
    const H5S_class_t cls = H5Sget_simple_extent_type(space);
    if (cls == H5S_NULL) return 0;
    if (cls == H5S_SCALAR) return 1;
    const std::vector<hsize_t> dims = extent_dims(space);
    return std::accumulate(dims.begin(), dims.end(), hsize_t{1}, std::multiplies<>());
}

std::vector<hsize_t> selection_order(hid_t space) {
    std::vector<hsize_t> order;
    if (H5Sget_simple_extent_type(space) == H5S_NULL) return order;
    const std::vector<hsize_t> dims = extent_dims(space);
    const std::size_t rank = dims.size();
    switch (H5Sget_select_type(space)) {
        case H5S_SEL_NONE:
            return order;
        case H5S_SEL_ALL:
            order.resize(extent_elements(space));
            std::iota(order.begin(), order.end(), hsize_t{0});
            return order;
        case H5S_SEL_POINTS: {
            const hssize_t n = H5Sget_select_elem_npoints(space);
            if (n < 0) throw std::runtime_error("H5Sget_select_elem_npoints failed");
            std::vector<hsize_t> coords(static_cast<std::size_t>(n) * rank);
            if (n > 0)
                check_status(H5Sget_select_elem_pointlist(space, 0, static_cast<hsize_t>(n), coords.data()),
                             "H5Sget_select_elem_pointlist");
            order.reserve(static_cast<std::size_t>(n));
            for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i)
                order.push_back(rank == 0 ? 0 : linear_index(&coords[i * rank], dims));
            return order;
        }
        case H5S_SEL_HYPERSLABS: {
            const hssize_t nblocks = H5Sget_select_hyper_nblocks(space);
            if (nblocks < 0) throw std::runtime_error("H5Sget_select_hyper_nblocks failed");
            std::vector<hsize_t> corners(static_cast<std::size_t>(nblocks) * 2 * rank);
            if (nblocks > 0)
                check_status(H5Sget_select_hyper_blocklist(space, 0, static_cast<hsize_t>(nblocks), corners.data()),
                             "H5Sget_select_hyper_blocklist");
            for (std::size_t b = 0; b < static_cast<std::size_t>(nblocks); ++b)
                append_block(&corners[b * 2 * rank], &corners[b * 2 * rank + rank], dims, order);
            // Row-major over the union, each element once.
            std::sort(order.begin(), order.end());
            order.erase(std::unique(order.begin(), order.end()), order.end());
            return order;
        }
        default:
            throw std::runtime_error("selection_order: unknown selection type");
    }
}

}  // namespace h5sparse_test
