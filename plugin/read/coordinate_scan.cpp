#include "read/coordinate_scan.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "model/virtual_dataset.hpp"

namespace h5sparse {
namespace {

constexpr hsize_t kPieceEntries = hsize_t{1} << 18;  // entries read per call

// Calls fn(first, n, rows, cols) for each piece of the stored entries, after checking that every
// entry of the piece has a place in the view: rows and columns in range, and on the stored side
// of the diagonal of a symmetric matrix (its rows are the primaries: coordinates are read over rows).
template <typename Fn>
void for_each_checked_piece(const VirtualDataset& vd, hid_t dxpl_id, ScratchVector<long long>& rows,
                            ScratchVector<long long>& cols, Fn&& fn) {
    const hsize_t entries = vd.stored_values();
    const long long row_extent = static_cast<long long>(vd.rows()), col_extent = static_cast<long long>(vd.cols());
    for (hsize_t first = 0; first < entries; first += kPieceEntries) {
        const hsize_t n = std::min(kPieceEntries, entries - first);
        rows.resize(static_cast<size_t>(n));
        cols.resize(static_cast<size_t>(n));
        vd.read_component(vd.indptr(), first, n, H5T_NATIVE_LLONG, rows.data(), dxpl_id);
        vd.read_component(vd.indices(), first, n, H5T_NATIVE_LLONG, cols.data(), dxpl_id);
        for (size_t k = 0; k < rows.size(); ++k) {
            const long long r = rows[k];
            if (r < 0 || r >= row_extent)
                vd.corrupt("row " + std::to_string(r) + " of entry " + std::to_string(first + k) + " (in '" +
                           vd.indptr().name + "') is out of range [0, " + std::to_string(row_extent) + ")");
            const auto [lowest, end] = vd.secondary_bounds(static_cast<hsize_t>(r));
            if (cols[k] < lowest || cols[k] >= end) {
                if (cols[k] >= 0 && cols[k] < col_extent)
                    vd.index_out_of_range(cols[k], first + k, static_cast<hsize_t>(r));
                vd.corrupt("column " + std::to_string(cols[k]) + " of entry " + std::to_string(first + k) + " (in '" +
                           vd.indices().name + "') is out of range [0, " + std::to_string(col_extent) + ")");
            }
        }
        fn(first, n);
    }
}

}  // namespace

CoordinateScan::CoordinateScan(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id)
    : vd_(vd), value_type_(value_type), value_size_(H5Tget_size(value_type)),
      accumulate_(accumulator_for(value_type)), dxpl_(dxpl_id), background_(vd) {}

void CoordinateScan::decode(const std::vector<ElementRun>& runs, size_t elements, unsigned char* staging) {
    std::memset(staging, 0, elements * value_size_);
    unsigned char* const placed = background_.start(elements);
    segments_.clear();
    longest_ = 0;
    for (const ElementRun& r : runs)
        for (hsize_t i = 0; i < r.rows; ++i) {
            segments_.push_back({r.row + i, r.col, r.length, r.position + i * r.length});
            longest_ = std::max(longest_, r.length);
        }
    auto by_place = [](const Segment& a, const Segment& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
    if (!std::is_sorted(segments_.begin(), segments_.end(), by_place))
        std::stable_sort(segments_.begin(), segments_.end(), by_place);
    const bool mirrored = vd_.symmetric();
    for_each_checked_piece(vd_, dxpl_, rows_, cols_, [&](hsize_t first, hsize_t n) {
        matches_.clear();
        bool loaded = false;
        // In stored order: duplicates at one place add up as the row index would add them. The
        // values of a piece are read only once something in it matched; the matches are added
        // whenever they reach a piece's worth (a point repeated in the selection, at a place
        // many entries share, matches once per repeat and entry).
        auto add_matches = [&] {
            if (matches_.empty()) return;
            if (!loaded) {
                values_.resize(static_cast<size_t>(n) * value_size_);
                vd_.read_component(vd_.data(), first, n, value_type_, values_.data(), dxpl_);
                loaded = true;
            }
            for (const auto& [k, position] : matches_) {
                accumulate_(staging + position * value_size_, values_.data() + k * value_size_, value_size_);
                if (placed) placed[position] = 1;
            }
            matches_.clear();
        };
        for (size_t k = 0; k < static_cast<size_t>(n); ++k) {
            const auto r = static_cast<hsize_t>(rows_[k]), c = static_cast<hsize_t>(cols_[k]);
            place(r, c, k);
            if (mirrored && r != c) place(c, r, k);
            if (matches_.size() >= kPieceEntries) add_matches();
        }
        add_matches();
    });
    background_.fill(staging, elements);
}

void CoordinateScan::place(hsize_t r, hsize_t c, size_t k) {
    // Last segment starting at or before (r, c); earlier ones of the row may still cover it
    // (points may repeat), none further back than the longest segment.
    auto it = std::upper_bound(segments_.begin(), segments_.end(), std::pair{r, c}, [](const auto& v, const Segment& s) {
        return v.first != s.row ? v.first < s.row : v.second < s.col;
    });
    while (it != segments_.begin()) {
        --it;
        if (it->row != r || it->col + longest_ <= c) break;
        if (c < it->col + it->length) matches_.emplace_back(k, it->position + (c - it->col));
    }
}

void check_every_coordinate(const VirtualDataset& vd, hid_t dxpl_id) {
    ScratchVector<long long> rows, cols;
    for_each_checked_piece(vd, dxpl_id, rows, cols, [](hsize_t, hsize_t) {});
}

}  // namespace h5sparse
