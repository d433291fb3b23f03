// Strategy (vocabulary of tatami_hdf5: the primary axis is the compressed one):
//  1. The selected primaries, ascending, in steps of kPrimariesPerStep: indptr gives their
//     ranges of stored entries (validated where touched, model/virtual_dataset.hpp).
//  2. The ranges are grouped into bounded windows (read/entry_window.hpp), one read of
//     `indices` per window; each index is bounds-checked and looked up in the secondary set.
//  3. `data` is read only over the entries that landed in the selection (nearby ones merged),
//     and each value is added at rank_primary * primary_stride + rank_secondary * secondary_stride
//     of the output, so duplicates sum as scipy's toarray() does.
// The output is zeroed first, by the worker threads too when it is large (util/zero_fill.hpp);
// whole rows of a CSR are zeroed one by one as the walk reaches them.
// Memory: the output, one window (kPieceEntries indices, values and matches) and the step's
// indptr pairs; nothing grows with the matrix.
#include "read/cross_product_read.hpp"

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "model/virtual_dataset.hpp"
#include "read/entry_window.hpp"
#include "util/zero_fill.hpp"

namespace h5sparse {
namespace {

constexpr size_t kPrimariesPerStep = size_t{1} << 16;

class CrossProductReader {
public:
    CrossProductReader(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type, hid_t dxpl_id,
                       unsigned char* out)
        : vd_(vd), csr_(vd.orientation() == Orientation::kCsr),
          primaries_set_(csr_ ? selection.rows : selection.cols),
          secondaries_(csr_ ? selection.cols : selection.rows),
          primary_stride_(csr_ ? selection.cols.size() : 1), secondary_stride_(csr_ ? 1 : selection.cols.size()),
          all_secondaries_(secondaries_.everything(vd.secondary_extent()) &&
                           secondaries_.intervals().front().first == 0),
          value_type_(value_type), value_size_(H5Tget_size(value_type)), dxpl_(dxpl_id),
          out_(out), window_(vd, value_type, dxpl_id) {}

    void run() {
        const size_t total = static_cast<size_t>(primaries_set_.size() * secondaries_.size()) * value_size_;
        if (!zero_as_reached()) zero_fill(out_, total, vd_.worker_threads());
        with_accumulator(value_type_, [&](auto accumulate) { run_with(accumulate); });
        if (zero_as_reached()) zero_primaries_before(primaries_set_.size());
    }

private:
    template <typename Accumulate>
    void run_with(Accumulate accumulate) {
        hsize_t step_rank = 0;
        for (const AxisSet::Interval& interval : primaries_set_.intervals()) {
            for (hsize_t p = interval.first; p < interval.last; ++p) {
                primaries_.push_back(p);
                if (primaries_.size() == kPrimariesPerStep) {
                    read_step(step_rank, accumulate);
                    step_rank += primaries_.size();
                    primaries_.clear();
                }
            }
        }
        if (!primaries_.empty()) read_step(step_rank, accumulate);
    }

    template <typename Accumulate>
    void read_step(hsize_t first_rank, Accumulate accumulate) {
        vd_.entry_ranges(primaries_, begin_, end_, dxpl_);
        // entry_ranges keeps the ranges of one step apart; this keeps the steps apart, so that
        // no stored entry lands at two positions even where indptr is broken between them.
        if (begin_.front() < previous_end_)
            vd_.corrupt(std::string(vd_.indptr().name) + " is decreasing before position " + std::to_string(primaries_.front() + 1) + " (" +
                        std::to_string(previous_end_) + " then " + std::to_string(begin_.front()) + ")");
        previous_end_ = end_.back();
        rising_ = {};
        // The windows below read these ranges in this order: compressed chunks decode ahead.
        if (vd_.decodes_chunks()) {
            list_entry_windows(begin_, end_, ranges_);
            vd_.expect_entries(ranges_);
        }
        for_each_entry_window(begin_, end_, [&](size_t pi, size_t pj, hsize_t first, hsize_t last) {
            if (all_secondaries_) {
                window_.load_indices(first, last);
                place_all(first_rank, pi, pj, first, last, accumulate);
            } else {
                window_.load_stored_indices(first, last);
                find_matches(first_rank, pi, pj, first, last);
                window_.add_matched(matches_, ranges_, out_, accumulate);
            }
        });
    }

    // Whole rows of a CSR are contiguous in the output: each is zeroed just before its entries
    // land, while it is in cache, as a hand-written reader does, instead of in a pass over the
    // whole output first (a CSC's columns cross every output row, and take that pass).
    bool zero_as_reached() const { return csr_ && all_secondaries_; }
    void zero_primaries_before(hsize_t rank) {
        if (rank <= zeroed_) return;
        const size_t row_bytes = static_cast<size_t>(primary_stride_) * value_size_;
        std::memset(out_ + zeroed_ * row_bytes, 0, static_cast<size_t>(rank - zeroed_) * row_bytes);
        zeroed_ = rank;
    }

    // Every secondary position is selected (whole columns of a CSC, whole rows of a CSR): all
    // values of the window, placed in the same pass that checks the indices. The loop keeps
    // its pointers in locals: stores through unsigned char* alias everything, and reloading
    // members per entry leaves fewer of the scatter's cache misses in flight. While a
    // primary's indices rise strictly (as scipy's canonical format has them), each lands where
    // nothing has yet: its value is stored; from the first repeat or step back on (duplicates
    // to sum, indices out of order), values are added.
    template <typename Accumulate>
    void place_all(hsize_t first_rank, size_t pi, size_t pj, hsize_t first, hsize_t last, Accumulate accumulate) {
        ranges_.assign(1, {first, last});
        window_.load_values(ranges_);
        const hsize_t extent = vd_.secondary_extent();
        const size_t value_size = value_size_;
        const hsize_t secondary_bytes = secondary_stride_ * value_size;
        for (size_t p = pi; p <= pj; ++p) {
            const hsize_t b = std::max(begin_[p], first), e = std::min(end_[p], last);
            if (b >= e) continue;
            if (zero_as_reached()) zero_primaries_before(first_rank + p + 1);
            unsigned char* const base = out_ + (first_rank + p) * primary_stride_ * value_size;
            const long long* const index = window_.indices_at(b);
            const unsigned char* const values = window_.value(b);
            const size_t n = static_cast<size_t>(e - b);
            long long above = rising_.primary == p ? rising_.above : -1;  // p may go on from the last window
            size_t t = 0;
            for (; t < n; ++t) {
                const long long s = index[t];
                if (s <= above) break;
                if (static_cast<hsize_t>(s) >= extent) vd_.index_out_of_range(s, b + t, primaries_[p]);
                accumulate.store(base + static_cast<hsize_t>(s) * secondary_bytes, values + t * value_size);
                above = s;
            }
            rising_ = {p, t == n ? above : std::numeric_limits<long long>::max()};
            for (; t < n; ++t) {
                const long long s = index[t];
                if (s < 0 || static_cast<hsize_t>(s) >= extent) vd_.index_out_of_range(s, b + t, primaries_[p]);
                accumulate(base + static_cast<hsize_t>(s) * secondary_bytes, values + t * value_size);
            }
        }
    }

    // Some secondary positions: the entries that land are found first, and only their values
    // are read (runs of consecutive entries merged, read/entry_window.hpp). The loop runs once
    // per stored entry of every selected primary and few of them land (100 rows of 50,000: one
    // in 500): it reads the indices as stored and keeps what it needs in locals, as place_all.
    void find_matches(hsize_t first_rank, size_t pi, size_t pj, hsize_t first, hsize_t last) {
        matches_.clear();
        const hsize_t extent = vd_.secondary_extent();
        const hsize_t secondary_stride = secondary_stride_;
        window_.with_stored_indices([&](auto index_from) {
            secondaries_.with_rank_of([&](auto rank_of) {
                for (size_t p = pi; p <= pj; ++p) {
                    const hsize_t b = std::max(begin_[p], first), e = std::min(end_[p], last);
                    if (b >= e) continue;
                    const hsize_t base = (first_rank + p) * primary_stride_;
                    const auto index = index_from(b);
                    const size_t n = static_cast<size_t>(e - b);
                    for (size_t t = 0; t < n; ++t) {
                        const long long s = index[t];
                        if (static_cast<unsigned long long>(s) >= extent) vd_.index_out_of_range(s, b + t, primaries_[p]);
                        const hsize_t rank = rank_of(static_cast<hsize_t>(s));
                        if (rank != AxisSet::kNone) matches_.emplace_back(b + t, base + rank * secondary_stride);
                    }
                }
            });
        });
    }

    const VirtualDataset& vd_;
    bool csr_;
    const AxisSet& primaries_set_;
    const AxisSet& secondaries_;
    hsize_t primary_stride_;
    hsize_t secondary_stride_;
    bool all_secondaries_;
    hid_t value_type_;
    size_t value_size_;
    hid_t dxpl_;
    unsigned char* out_;
    EntryWindow window_;
    std::vector<hsize_t> primaries_, begin_, end_;
    hsize_t previous_end_ = 0;
    hsize_t zeroed_ = 0;  // output primaries [0, zeroed_) are zeroed (zero_as_reached)
    struct Rising {  // the last primary placed, and the index its entries rose to (max: no longer rising)
        size_t primary = SIZE_MAX;
        long long above = -1;
    } rising_;
    std::vector<std::pair<hsize_t, hsize_t>> matches_;  // (stored entry, output position)
    std::vector<std::pair<hsize_t, hsize_t>> ranges_;   // stored entries whose values are needed
};

}  // namespace

void read_cross_product(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type, hid_t dxpl_id,
                        unsigned char* out) {
    CrossProductReader(vd, selection, value_type, dxpl_id, out).run();
}

}  // namespace h5sparse
