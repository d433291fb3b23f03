#include "selection/cross_product.hpp"

#include <algorithm>

namespace h5sparse {
namespace {

// Hyperslab blocks asked of HDF5 per call, and the most a selection may have before we leave it
// to the element walk (an irregular mask on both axes can have rows x columns blocks).
constexpr hsize_t kBlocksPerCall = 4096;
constexpr hsize_t kMaxBlocks = hsize_t{1} << 22;
// Intervals of a regular hyperslab enumerated per axis at most (a stride-1 block-1 slab over a
// huge claimed extent would otherwise build one interval per position).
constexpr hsize_t kMaxRegularIntervals = hsize_t{1} << 22;
// Axes up to this length get a rank table (4 bytes per position: 16 MiB at most).
constexpr hsize_t kMaxTableExtent = hsize_t{1} << 22;

bool add_regular(AxisSet& set, hsize_t start, hsize_t stride, hsize_t count, hsize_t block) {
    if (block == 0 || count == 0) return true;
    if (count == 1 || stride == block) {  // touching blocks: one interval
        set.add(start, start + block * count);
        return true;
    }
    if (count > kMaxRegularIntervals) return false;
    for (hsize_t i = 0; i < count; ++i) set.add(start + i * stride, start + i * stride + block);
    return true;
}

bool matches_bounds(hid_t space, const CrossProduct& p) {
    // A selection offset (H5Soffset_simple) moves the elements but not the blocks HDF5 lists:
    // the bounds include it, so they differ from the blocks' when there is one.
    hsize_t lo[2], hi[2];
    if (H5Sget_select_bounds(space, lo, hi) < 0) return false;
    const auto& r = p.rows.intervals();
    const auto& c = p.cols.intervals();
    return lo[0] == r.front().first && hi[0] + 1 == r.back().last && lo[1] == c.front().first &&
           hi[1] + 1 == c.back().last;
}

}  // namespace

void AxisSet::compact() {
    std::sort(intervals_.begin(), intervals_.end(),
              [](const Interval& a, const Interval& b) { return a.first < b.first; });
    size_t out = 0;
    for (size_t i = 0; i < intervals_.size(); ++i) {
        if (intervals_[i].first >= intervals_[i].last) continue;
        if (out > 0 && intervals_[i].first <= intervals_[out - 1].last)
            intervals_[out - 1].last = std::max(intervals_[out - 1].last, intervals_[i].last);
        else
            intervals_[out++] = intervals_[i];
    }
    intervals_.resize(out);
}

void AxisSet::finish(hsize_t extent) {
    compact();
    size_ = 0;
    for (Interval& i : intervals_) {
        i.rank = size_;
        size_ += i.last - i.first;
    }
    table_.clear();
    if (intervals_.size() > 8 && extent <= kMaxTableExtent) {
        table_.assign(static_cast<size_t>(extent), kTableNone);
        for (const Interval& i : intervals_)
            for (hsize_t x = i.first; x < i.last && x < extent; ++x)
                table_[static_cast<size_t>(x)] = static_cast<std::uint32_t>(i.rank + (x - i.first));
    }
}

hsize_t AxisSet::rank_by_search(hsize_t x) const {
    auto it = std::upper_bound(intervals_.begin(), intervals_.end(), x,
                               [](hsize_t v, const Interval& i) { return v < i.first; });
    if (it == intervals_.begin()) return kNone;
    --it;
    return x < it->last ? it->rank + (x - it->first) : kNone;
}

std::optional<CrossProduct> as_cross_product(hid_t space, hsize_t rows, hsize_t cols) {
    CrossProduct p;
    const H5S_sel_type type = H5Sget_select_type(space);
    if (type == H5S_SEL_ALL) {
        p.rows.add(0, rows);
        p.cols.add(0, cols);
        p.rows.finish(rows);
        p.cols.finish(cols);
        return p;
    }
    if (type != H5S_SEL_HYPERSLABS) return std::nullopt;
    const hssize_t npoints = H5Sget_select_npoints(space);
    if (npoints <= 0) return std::nullopt;

    hsize_t start[2], stride[2], count[2], block[2];
    if (H5Sis_regular_hyperslab(space) > 0) {
        if (H5Sget_regular_hyperslab(space, start, stride, count, block) < 0) return std::nullopt;
        if (!add_regular(p.rows, start[0], stride[0], count[0], block[0]) ||
            !add_regular(p.cols, start[1], stride[1], count[1], block[1]))
            return std::nullopt;
    } else {
        const hssize_t nblocks = H5Sget_select_hyper_nblocks(space);
        if (nblocks <= 0 || static_cast<hsize_t>(nblocks) > kMaxBlocks) return std::nullopt;
        std::vector<hsize_t> corners(kBlocksPerCall * 4);  // per block: start row, col; end row, col
        const hsize_t total = static_cast<hsize_t>(nblocks);
        size_t compacted = 64;
        for (hsize_t first = 0; first < total; first += kBlocksPerCall) {
            const hsize_t n = std::min(kBlocksPerCall, total - first);
            if (H5Sget_select_hyper_blocklist(space, first, n, corners.data()) < 0) return std::nullopt;
            for (hsize_t b = 0; b < n; ++b) {
                const hsize_t* c = &corners[b * 4];
                p.rows.add(c[0], c[2] + 1);
                p.cols.add(c[1], c[3] + 1);
            }
            // Every block repeats its row and column intervals: merge as we go.
            if (p.rows.intervals().size() > 2 * compacted || p.cols.intervals().size() > 2 * compacted) {
                p.rows.compact();
                p.cols.compact();
                compacted = std::max({compacted, p.rows.intervals().size(), p.cols.intervals().size()});
            }
        }
    }
    p.rows.finish(rows);
    p.cols.finish(cols);
    if (p.rows.empty() || p.cols.empty()) return std::nullopt;
    // The selection lies inside rows x cols; as many elements means it is all of it.
    if (p.rows.size() > static_cast<hsize_t>(npoints) / p.cols.size() ||
        p.rows.size() * p.cols.size() != static_cast<hsize_t>(npoints))
        return std::nullopt;
    if (!matches_bounds(space, p)) return std::nullopt;
    return p;
}

}  // namespace h5sparse
