// A file selection that is a set of rows times a set of columns: what h5py, R, Julia and MATLAB
// clients send for slices, strides, index lists and boolean masks on either axis (h5py writes a
// list of columns as one hyperslab per column, OR-ed). Its k-th element in HDF5's order is
// (row rank, column rank) = (k / columns, k % columns), so a reader can put any stored entry
// straight at its output position without walking the selection.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace h5sparse {

// Positions along one axis: sorted, disjoint half-open intervals, each with the rank (index in
// the set) of its first position.
class AxisSet {
public:
    static constexpr hsize_t kNone = ~hsize_t{0};

    struct Interval {
        hsize_t first;
        hsize_t last;  // exclusive
        hsize_t rank;  // rank of `first`
    };

    // Builder: add intervals in any order, overlapping or not, then finish().
    void add(hsize_t first, hsize_t last) { intervals_.push_back({first, last, 0}); }
    // Sorts and merges what was added; `extent` (the axis length) sizes the lookup table.
    void finish(hsize_t extent);
    // Merges what was added so far (keeps memory proportional to distinct intervals).
    void compact();

    hsize_t size() const noexcept { return size_; }
    const std::vector<Interval>& intervals() const noexcept { return intervals_; }
    bool empty() const noexcept { return size_ == 0; }
    bool everything(hsize_t extent) const noexcept { return size_ == extent; }

    // Rank of position x in the set, or kNone.
    hsize_t rank(hsize_t x) const {
        if (intervals_.size() == 1) {
            const Interval& i = intervals_.front();
            return x >= i.first && x < i.last ? x - i.first : kNone;
        }
        if (!table_.empty()) return x < table_.size() && table_[x] != kTableNone ? table_[x] : kNone;
        return rank_by_search(x);
    }

    // use(rank_of): rank_of is rank() with the way to answer chosen once, its table or interval
    // held in locals, for loops over millions of stored entries (rank() itself reloads the set's
    // members at every call: the compiler cannot tell the caller's stores from them).
    template <typename Use>
    void with_rank_of(Use&& use) const {
        if (intervals_.size() == 1) {
            const hsize_t first = intervals_.front().first, last = intervals_.front().last;
            use([first, last](hsize_t x) { return x >= first && x < last ? x - first : kNone; });
        } else if (!table_.empty()) {
            const std::uint32_t* const table = table_.data();
            const hsize_t extent = table_.size();
            use([table, extent](hsize_t x) { return x < extent && table[x] != kTableNone ? hsize_t{table[x]} : kNone; });
        } else {
            use([this](hsize_t x) { return rank_by_search(x); });
        }
    }

private:
    static constexpr std::uint32_t kTableNone = ~std::uint32_t{0};
    hsize_t rank_by_search(hsize_t x) const;

    std::vector<Interval> intervals_;
    hsize_t size_ = 0;
    // rank of every position, for axes short enough (see finish): a lookup instead of a search
    // per stored entry when the set is many scattered intervals.
    std::vector<std::uint32_t> table_;
};

struct CrossProduct {
    AxisSet rows;
    AxisSet cols;
};

// The selection as rows x cols, or nothing when it is not one (points, irregular shapes, a
// selection offset, or more blocks than is worth enumerating): the caller then walks it.
std::optional<CrossProduct> as_cross_product(hid_t file_space, hsize_t rows, hsize_t cols);

}  // namespace h5sparse
