#include "read/entry_window.hpp"

#include <cstdint>

#include "model/index_values.hpp"
#include "model/virtual_dataset.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

constexpr hsize_t kValueMergeGap = 1024;  // read across value gaps smaller than this

}  // namespace

EntryWindow::EntryWindow(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id)
    : vd_(vd), value_type_(value_type), value_size_(H5Tget_size(value_type)), dxpl_(dxpl_id),
      index_type_(check(H5Tget_native_type(vd.indices().file_type.get(), H5T_DIR_DEFAULT), H5E_DATATYPE,
                        H5E_CANTGET, "cannot get the native index type")),
      index_size_(H5Tget_size(index_type_.get())), index_signed_(H5Tget_sign(index_type_.get()) == H5T_SGN_2) {
    // Unsigned 64-bit indices above INT64_MAX would wrap: let HDF5 clamp them (then rejected
    // as out of range) by reading those as int64.
    if (index_size_ == 8 && !index_signed_) {
        index_type_ = Handle(check(H5Tcopy(H5T_NATIVE_LLONG), H5E_DATATYPE, H5E_CANTCOPY, "index type"));
        index_signed_ = true;
    }
}

void EntryWindow::start(hsize_t first, hsize_t last) {
    loaded_ = widened_ = false;
    first_ = first;
    count_ = last - first;
    values_.resize(static_cast<size_t>(count_) * value_size_);
}

void EntryWindow::load_indices(hsize_t first, hsize_t last) {
    // Already loaded: the batches of a read that crosses columns of a CSC matrix in strips of
    // rows (or rows of a CSR in strips of columns) ask for the same window again and again.
    if (holds(first, last)) {
        if (!widened_) widen_stored();
        return;
    }
    start(first, last);
    // Narrower indices are read into the same buffer and widened in place: one buffer, the
    // smallest footprint for the loops that then place every value.
    const size_t n = static_cast<size_t>(count_);
    indices_.resize(n);
    long long* out = indices_.data();
    vd_.read_component(vd_.indices(), first, n, index_type_.get(), out, dxpl_);
    switch (index_size_ * 2 + (index_signed_ ? 1 : 0)) {
        case 17: break;  // 8 bytes, signed: as read
        case 2: widen_raw_in_place<std::uint8_t>(out, n); break;
        case 3: widen_raw_in_place<std::int8_t>(out, n); break;
        case 4: widen_raw_in_place<std::uint16_t>(out, n); break;
        case 5: widen_raw_in_place<std::int16_t>(out, n); break;
        case 8: widen_raw_in_place<std::uint32_t>(out, n); break;
        case 9: widen_raw_in_place<std::int32_t>(out, n); break;
        default: fail(H5E_DATATYPE, H5E_UNSUPPORTED, "unsupported index type size");
    }
    loaded_ = widened_ = true;
}

void EntryWindow::load_stored_indices(hsize_t first, hsize_t last) {
    if (holds(first, last)) return;
    if (index_size_ != 4) return load_indices(first, last);  // other widths: as load_indices
    start(first, last);
    stored_.resize(static_cast<size_t>(count_) * index_size_);
    indices_.resize(static_cast<size_t>(count_));  // room for widened(); nothing written
    vd_.read_component(vd_.indices(), first, static_cast<size_t>(count_), index_type_.get(), stored_.data(), dxpl_);
    loaded_ = true;
}

const long long* EntryWindow::widened(hsize_t first, hsize_t last) {
    long long* at = indices_.data() + (first - first_);
    if (widened_) return at;
    const unsigned char* from = stored_.data() + (first - first_) * index_size_;
    const size_t n = static_cast<size_t>(last - first);
    if (index_signed_) widen_raw<std::int32_t>(from, at, n);
    else widen_raw<std::uint32_t>(from, at, n);
    return at;
}

void EntryWindow::widen_stored() {
    const size_t n = static_cast<size_t>(count_);
    indices_.resize(n);
    if (index_signed_) widen_raw<std::int32_t>(stored_.data(), indices_.data(), n);
    else widen_raw<std::uint32_t>(stored_.data(), indices_.data(), n);
    widened_ = true;
}

void EntryWindow::load_values(const std::vector<std::pair<hsize_t, hsize_t>>& ranges) {
    size_t i = 0;
    while (i < ranges.size()) {
        hsize_t a = ranges[i].first, b = ranges[i].second;
        while (i + 1 < ranges.size() && ranges[i + 1].first <= b + kValueMergeGap) b = std::max(b, ranges[++i].second);
        ++i;
        if (a < b) vd_.read_component(vd_.data(), a, b - a, value_type_, values_.data() + (a - first_) * value_size_, dxpl_);
    }
}

}  // namespace h5sparse
