// A window of stored entries [first, last) of a sparse matrix: all their `indices` (read in
// their stored type and widened to int64 by our own loop, model/index_values.hpp: HDF5's
// conversion would cost a copy through its conversion buffer; 32-bit ones can also be kept as
// read, for a loop that looks at each once, and widened range by range), and the `data` values
// of only the sub-ranges the caller asks for (a narrow secondary window on a sorted row needs a
// few values out of many).
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "read/stored_index_run.hpp"
#include "util/handle.hpp"
#include "util/scratch_vector.hpp"

namespace h5sparse {

class VirtualDataset;

// Stored entries per component read: a window the read just copied stays in the core's cache
// (256 KB of 32-bit indices) for the loops that look at it next. Windows of 256 Ki entries made
// 100 columns of a CSR and 100 rows of a CSC 10-15 % slower (BENCHMARKS.md).
constexpr hsize_t kPieceEntries = hsize_t{1} << 16;
constexpr hsize_t kMergeGap = 4096;                  // read across gaps smaller than this

// Groups the entry ranges [begin[i], end[i]) of ascending primaries into windows of at most
// kPieceEntries stored entries, one read per component each: following ranges share a window
// when they are near, and one long range is cut in pieces. Calls visit(pi, pj, first, last) for
// primaries pi..pj whose entries (clipped for a long primary) lie in [first, last).
template <typename Visit>
void for_each_entry_window(const std::vector<hsize_t>& begin, const std::vector<hsize_t>& end, Visit&& visit) {
    size_t pi = 0;
    while (pi < begin.size()) {
        if (begin[pi] == end[pi]) {
            ++pi;
            continue;
        }
        if (end[pi] - begin[pi] > kPieceEntries) {
            for (hsize_t first = begin[pi]; first < end[pi]; first += kPieceEntries)
                visit(pi, pi, first, std::min(end[pi], first + kPieceEntries));
            ++pi;
            continue;
        }
        size_t pj = pi;
        hsize_t window_first = begin[pi], window_last = end[pi];
        while (pj + 1 < begin.size() && begin[pj + 1] >= window_last && begin[pj + 1] - window_last <= kMergeGap &&
               end[pj + 1] - window_first <= kPieceEntries) {
            ++pj;
            window_last = std::max(window_last, end[pj]);
        }
        visit(pi, pj, window_first, window_last);
        pi = pj + 1;
    }
}

// The windows for_each_entry_window visits, as [first, last) in order (what a reader announces
// to VirtualDataset::expect_entries before reading them).
inline void list_entry_windows(const std::vector<hsize_t>& begin, const std::vector<hsize_t>& end,
                               std::vector<std::pair<hsize_t, hsize_t>>& windows) {
    windows.clear();
    for_each_entry_window(begin, end, [&](size_t, size_t, hsize_t first, hsize_t last) { windows.emplace_back(first, last); });
}

class EntryWindow {
public:
    EntryWindow(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id);

    // Loads the indices of [first, last), unless the window already holds them; values loaded
    // before stay where they are, only the ranges passed to load_values are fresh.
    void load_indices(hsize_t first, hsize_t last);
    // Index of stored entry k (first <= k < last).
    long long index(hsize_t k) const { return indices_[k - first_]; }
    const long long* indices_at(hsize_t k) const { return indices_.data() + (k - first_); }

    // The same without widening 32-bit indices (other widths are widened), for loops that look
    // at each index once (a lookup per stored entry, most of which land nowhere): widened,
    // every index would be written and read once more. use(at) gets `at(k)`, the
    // StoredIndexRun from entry k on.
    void load_stored_indices(hsize_t first, hsize_t last);
    template <typename Use>
    void with_stored_indices(Use&& use) const {
        auto from = [this](auto type_tag) {
            using T = decltype(type_tag);
            return [this](hsize_t k) { return StoredIndexRun<T>{stored_bytes() + (k - first_) * sizeof(T)}; };
        };
        if (widened_) use(from(static_cast<long long>(0)));
        else if (index_signed_) use(from(std::int32_t{0}));
        else use(from(std::uint32_t{0}));
    }

    // Indices [first, last) of the window as int64. A window loaded as stored (32-bit) widens
    // just that range, into its own place in the widened buffer: a read that narrowed each long
    // row to a few entries widens those few.
    const long long* widened(hsize_t first, hsize_t last);

    // Reads the values of the given sub-ranges (ascending, inside the window), merging ranges
    // separated by small gaps into one read.
    void load_values(const std::vector<std::pair<hsize_t, hsize_t>>& ranges);
    const unsigned char* value(hsize_t k) const { return values_.data() + (k - first_) * value_size_; }

    // Reads the values of the matched entries only ((stored entry, output position) pairs in
    // entry order; runs of consecutive entries read at once, an entry matched twice read once)
    // and adds each at out + position * value size. `ranges` is scratch space.
    template <typename Accumulate>
    void add_matched(const std::vector<std::pair<hsize_t, hsize_t>>& matches,
                     std::vector<std::pair<hsize_t, hsize_t>>& ranges, unsigned char* out, Accumulate accumulate) {
        if (matches.empty()) return;
        ranges.clear();
        for (const auto& [k, position] : matches) {
            if (!ranges.empty() && k < ranges.back().second) continue;
            if (!ranges.empty() && ranges.back().second == k)
                ranges.back().second = k + 1;
            else
                ranges.emplace_back(k, k + 1);
        }
        load_values(ranges);
        const size_t value_size = value_size_;
        for (const auto& [k, position] : matches) accumulate(out + position * value_size, value(k));
    }

private:
    void start(hsize_t first, hsize_t last);  // a new window, nothing loaded yet
    void widen_stored();                      // 32-bit stored_ -> indices_

    const VirtualDataset& vd_;
    hid_t value_type_;
    size_t value_size_;
    hid_t dxpl_;
    Handle index_type_;  // native form of the stored index type
    size_t index_size_;
    bool index_signed_;
    hsize_t first_ = 0;
    hsize_t count_ = 0;
    bool loaded_ = false;   // the window [first_, first_ + count_) is read (false after a failed read)
    bool widened_ = false;  // ... into indices_, as int64 (else stored_ holds it: 32-bit indices,
                            // and indices_ those ranges widened() was asked for)
    bool holds(hsize_t first, hsize_t last) const { return loaded_ && first >= first_ && last <= first_ + count_; }
    const unsigned char* stored_bytes() const {
        return widened_ ? reinterpret_cast<const unsigned char*>(indices_.data()) : stored_.data();
    }
    ScratchVector<long long> indices_;     // overwritten by each load
    ScratchVector<unsigned char> stored_;  // 32-bit indices as read, by load_stored_indices
    ScratchVector<unsigned char> values_;  // only the ranges load_values read are meaningful
};

}  // namespace h5sparse
