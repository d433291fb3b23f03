#include "read/symmetric_read.hpp"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "model/virtual_dataset.hpp"
#include "read/entry_window.hpp"
#include "read/value_accumulator.hpp"
#include "util/zero_fill.hpp"

namespace h5sparse {
namespace {

constexpr size_t kRowsPerStep = size_t{1} << 16;

class SymmetricReader {
public:
    SymmetricReader(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type, hid_t dxpl_id,
                    unsigned char* out)
        : vd_(vd), rows_(selection.rows), cols_(selection.cols), width_(selection.cols.size()),
          value_type_(value_type), value_size_(H5Tget_size(value_type)), dxpl_(dxpl_id), out_(out),
          window_(vd, value_type, dxpl_id) {}

    void run() {
        zero_fill(out_, static_cast<size_t>(rows_.size() * width_) * value_size_, vd_.worker_threads());
        if (rows_.empty() || cols_.empty()) return;
        // The stored arrays are read as rows (the view is its own transpose). A stored row p
        // holding s >= p places (p, s) if p is a selected row at or before the last selected
        // column, and (s > p, p) if p is a selected column before the last selected row; holding
        // s <= p, (p, s) from the first selected column on, and (s < p, p) after the first
        // selected row.
        const bool from_diagonal = vd_.triangle() == StoredTriangle::kFromDiagonal;
        const hsize_t first_col = cols_.intervals().front().first, first_row = rows_.intervals().front().first;
        const hsize_t last_col = cols_.intervals().back().last - 1, last_row = rows_.intervals().back().last - 1;
        auto places_as_row = [&](hsize_t p) { return from_diagonal ? p <= last_col : p >= first_col; };
        auto places_as_col = [&](hsize_t p) { return from_diagonal ? p < last_row : p > first_row; };
        with_accumulator(value_type_, [&](auto accumulate) {
            size_t r = 0, c = 0;
            const auto& ri = rows_.intervals();
            const auto& ci = cols_.intervals();
            // The union of both sets, ascending, each position once.
            hsize_t next = 0;
            while (r < ri.size() || c < ci.size()) {
                const bool take_row = c == ci.size() || (r < ri.size() && ri[r].first <= ci[c].first);
                const AxisSet::Interval& i = take_row ? ri[r++] : ci[c++];
                for (hsize_t p = std::max(i.first, next); p < i.last; ++p) {
                    if ((places_as_row(p) && rows_.rank(p) != AxisSet::kNone) ||
                        (places_as_col(p) && cols_.rank(p) != AxisSet::kNone)) {
                        primaries_.push_back(p);
                        if (primaries_.size() == kRowsPerStep) read_step(accumulate);
                    }
                }
                next = std::max(next, i.last);
            }
            if (!primaries_.empty()) read_step(accumulate);
        });
    }

private:
    template <typename Accumulate>
    void read_step(Accumulate accumulate) {
        vd_.entry_ranges(primaries_, begin_, end_, dxpl_);
        if (begin_.front() < previous_end_)
            vd_.corrupt(std::string(vd_.indptr().name) + " is decreasing before position " + std::to_string(primaries_.front() + 1) + " (" +
                        std::to_string(previous_end_) + " then " + std::to_string(begin_.front()) + ")");
        previous_end_ = end_.back();
        if (vd_.decodes_chunks()) {
            list_entry_windows(begin_, end_, ranges_);
            vd_.expect_entries(ranges_);
        }
        for_each_entry_window(begin_, end_, [&](size_t pi, size_t pj, hsize_t first, hsize_t last) {
            window_.load_indices(first, last);
            place(pi, pj, first, last, accumulate);
        });
        primaries_.clear();
    }

    // Finds where each entry of the window lands (direct and mirrored), then reads only the
    // values of those entries and adds them there.
    template <typename Accumulate>
    void place(size_t pi, size_t pj, hsize_t first, hsize_t last, Accumulate accumulate) {
        matches_.clear();
        for (size_t i = pi; i <= pj; ++i) {
            const hsize_t p = primaries_[i];
            const hsize_t b = std::max(begin_[i], first), e = std::min(end_[i], last);
            const hsize_t as_row = rows_.rank(p), as_col = cols_.rank(p);
            const auto [lowest, end] = vd_.secondary_bounds(p);
            for (hsize_t k = b; k < e; ++k) {
                const long long s = window_.index(k);
                if (s < lowest || s >= end) vd_.index_out_of_range(s, k, p);
                const hsize_t sec = static_cast<hsize_t>(s);
                if (as_row != AxisSet::kNone) {
                    const hsize_t col = cols_.rank(sec);
                    if (col != AxisSet::kNone) matches_.emplace_back(k, as_row * width_ + col);
                }
                if (as_col != AxisSet::kNone && sec != p) {
                    const hsize_t row = rows_.rank(sec);
                    if (row != AxisSet::kNone) matches_.emplace_back(k, row * width_ + as_col);
                }
            }
        }
        window_.add_matched(matches_, ranges_, out_, accumulate);
    }

    const VirtualDataset& vd_;
    const AxisSet& rows_;
    const AxisSet& cols_;
    hsize_t width_;
    hid_t value_type_;
    size_t value_size_;
    hid_t dxpl_;
    unsigned char* out_;
    EntryWindow window_;
    std::vector<hsize_t> primaries_, begin_, end_;
    hsize_t previous_end_ = 0;
    std::vector<std::pair<hsize_t, hsize_t>> matches_;  // (stored entry, output position)
    std::vector<std::pair<hsize_t, hsize_t>> ranges_;   // stored entries whose values are needed
};

}  // namespace

void read_symmetric_cross_product(const VirtualDataset& vd, const CrossProduct& selection, hid_t value_type,
                                  hid_t dxpl_id, unsigned char* out) {
    SymmetricReader(vd, selection, value_type, dxpl_id, out).run();
}

}  // namespace h5sparse
