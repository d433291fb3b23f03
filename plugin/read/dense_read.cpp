#include "read/dense_read.hpp"

#include <cstring>

#include "model/virtual_dataset.hpp"

namespace h5sparse {

DenseDecoder::DenseDecoder(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id)
    : vd_(vd), value_type_(value_type), value_size_(H5Tget_size(value_type)), dxpl_(dxpl_id) {}

void DenseDecoder::decode(const std::vector<ElementRun>& runs, size_t, unsigned char* staging) {
    const hsize_t rows = vd_.rows(), cols = vd_.cols();
    const Component& values = vd_.data();
    for (const ElementRun& r : runs) {
        unsigned char* const out = staging + r.position * value_size_;
        if (vd_.orientation() == Orientation::kCsr) {  // row-major: row i of the run is one range
            if (r.col == 0 && r.length == cols) {       // whole rows: one range for all of them
                vd_.read_component(values, r.row * cols, r.rows * cols, value_type_, out, dxpl_);
                continue;
            }
            for (hsize_t i = 0; i < r.rows; ++i)
                vd_.read_component(values, (r.row + i) * cols + r.col, r.length, value_type_,
                                   out + i * r.length * value_size_, dxpl_);
            continue;
        }
        // Column-major: each column of the run's block is one range of r.rows values.
        column_.resize(static_cast<size_t>(r.rows) * value_size_);
        for (hsize_t c = 0; c < r.length; ++c) {
            vd_.read_component(values, (r.col + c) * rows + r.row, r.rows, value_type_, column_.data(), dxpl_);
            for (hsize_t i = 0; i < r.rows; ++i)
                std::memcpy(out + (i * r.length + c) * value_size_, column_.data() + i * value_size_, value_size_);
        }
    }
}

}  // namespace h5sparse
