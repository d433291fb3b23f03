// Strategy: indptr is read piece by piece; for each primary position p the entries
// [indptr[p], indptr[p+1]) of indices are visited in order through a second piece reader, so
// both components are read exactly once and memory stays at two pieces plus one slice copy.
// The scan stops at the first indptr problem, as the connector does: after one, the entries a
// slice covers are no longer meaningful.
#include "check/index_scan.hpp"

#include <algorithm>
#include <utility>

#include "check/native_io.hpp"
#include "check/rules.hpp"

namespace h5sparse::checker {
namespace {

// Duplicates in a slice whose indices are not sorted are found by sorting a copy of the slice;
// a longer slice is not copied (memory stays bounded) and counts as unchecked instead.
constexpr size_t kSliceCopyLimit = size_t{1} << 20;

// Sortedness, duplicates and range of the indices of one slice at a time.
template <typename I>
class SliceWalker {
public:
    SliceWalker(const ScanInput& in, IndexStats& stats) : in_(in), stats_(stats) {}

    void begin(hsize_t primary) {
        primary_ = primary;
        count_ = 0;
        unsorted_ = false;
        adjacent_duplicates_ = 0;
        copy_.clear();
        copy_complete_ = true;
    }

    void add(hsize_t position, I index) {
        // A symmetric matrix stores one triangle: indices from the diagonal on, or up to it.
        const bool from = in_.triangle == StoredTriangle::kFromDiagonal, up_to = in_.triangle == StoredTriangle::kUpToDiagonal;
        if (std::cmp_less(index, from ? primary_ : 0) || std::cmp_greater_equal(index, in_.secondary_extent) ||
            (up_to && std::cmp_greater(index, primary_))) {
            if (stats_.out_of_range++ == 0) {
                first_out_of_range_ = in_.names.indices + "[" + std::to_string(position) + "] = " + std::to_string(index) + " (" +
                                      in_.primary_name + " " + std::to_string(primary_) + ")";
            }
        }
        if (count_ > 0) {
            if (index < previous_) unsorted_ = true;
            else if (index == previous_ && !unsorted_ && adjacent_duplicates_++ == 0) first_adjacent_ = index;
        }
        if (copy_.size() < kSliceCopyLimit) copy_.push_back(index);
        else copy_complete_ = false;
        previous_ = index;
        ++count_;
    }

    void finish() {
        if (unsorted_ && stats_.unsorted_slices++ == 0) stats_.first_unsorted_slice = primary_;
        if (!unsorted_) {
            note_duplicates(adjacent_duplicates_, first_adjacent_);
        } else if (!copy_complete_) {
            ++stats_.unchecked_slices;
        } else {
            std::sort(copy_.begin(), copy_.end());
            hsize_t duplicates = 0;
            I first{};
            for (size_t i = 1; i < copy_.size(); ++i)
                if (copy_[i] == copy_[i - 1] && duplicates++ == 0) first = copy_[i];
            note_duplicates(duplicates, first);
        }
    }

    // The index-range problem, once every slice was seen.
    std::optional<Problem> range_problem() const {
        if (stats_.out_of_range == 0) return std::nullopt;
        return Problem{rule::kIndexRange, std::to_string(stats_.out_of_range) +
                                              (stats_.out_of_range == 1 ? " index is" : " indices are") +
                                              " out of range " + allowed_range() + ", the first: " + first_out_of_range_};
    }

private:
    std::string allowed_range() const {
        const std::string extent = std::to_string(in_.secondary_extent);
        switch (in_.triangle) {
            case StoredTriangle::kFromDiagonal: return "[diagonal, " + extent + ")";
            case StoredTriangle::kUpToDiagonal: return "[0, diagonal]";
            case StoredTriangle::kWhole: break;
        }
        return "[0, " + extent + ")";
    }

    void note_duplicates(hsize_t duplicates, I first) {
        if (duplicates == 0) return;
        if (stats_.duplicate_entries == 0) {
            stats_.first_duplicate_primary = primary_;
            stats_.first_duplicate_secondary = static_cast<long double>(first);
        }
        stats_.duplicate_entries += duplicates;
    }

    const ScanInput& in_;
    IndexStats& stats_;
    hsize_t primary_ = 0;
    hsize_t count_ = 0;
    I previous_{};
    bool unsorted_ = false;
    hsize_t adjacent_duplicates_ = 0;
    I first_adjacent_{};
    std::vector<I> copy_;
    bool copy_complete_ = true;
    std::string first_out_of_range_;
};

template <typename P, typename I>
void scan(const ScanInput& in, Progress& progress, ScanResult& out) {
    auto advance = [&progress](hsize_t n) { progress.advance(n); };
    PieceReader<P> indptr(in.indptr, in.indptr_length, advance);
    std::optional<PieceReader<I>> indices;
    if (in.walk_indices) indices.emplace(in.indices, *in.stored_values, advance);
    SliceWalker<I> walker(in, out.stats);
    bool walking = in.walk_indices;
    P previous{};
    for (hsize_t p = 0; p < in.indptr_length; ++p) {
        const P value = indptr.at(p);
        if (p == 0 && value != 0) {
            out.problems.push_back({rule::kIndptrFirst, in.names.indptr + "[0] is " + std::to_string(value) + ", expected 0"});
            return;
        }
        if (std::cmp_less(value, previous)) {
            out.problems.push_back({rule::kIndptrMonotone, in.names.indptr + " is decreasing at position " + std::to_string(p) +
                                                               " (" + std::to_string(previous) + " then " +
                                                               std::to_string(value) + ")"});
            return;
        }
        if (walking && p > 0) {
            // Past the end of indices: indptr-last below names the problem.
            if (std::cmp_greater(value, *in.stored_values)) {
                walking = false;
            } else {
                walker.begin(in.listed ? static_cast<hsize_t>((*in.listed)[p - 1]) : p - 1);
                for (auto k = static_cast<hsize_t>(previous); k < static_cast<hsize_t>(value); ++k)
                    walker.add(k, indices->at(k));
                walker.finish();
            }
        }
        previous = value;
    }
    if (in.indptr_length > 0 && in.stored_values && !std::cmp_equal(previous, *in.stored_values)) {
        out.problems.push_back({rule::kIndptrLast, in.names.indptr + "[-1] is " + std::to_string(previous) + " but '" + in.names.data + "' has " +
                                                       std::to_string(*in.stored_values) + " values"});
        return;
    }
    if (!walking) return;
    out.stats.scanned = true;
    out.stats.slices = in.indptr_length > 0 ? in.indptr_length - 1 : 0;
    if (auto problem = walker.range_problem()) out.problems.push_back(*problem);
}

}  // namespace

ScanResult scan_components(const ScanInput& in, Progress& progress) {
    ScanResult out;
    using S = long long;
    using U = unsigned long long;
    if (!in.indptr_unsigned && !in.indices_unsigned) scan<S, S>(in, progress, out);
    else if (!in.indptr_unsigned) scan<S, U>(in, progress, out);
    else if (!in.indices_unsigned) scan<U, S>(in, progress, out);
    else scan<U, U>(in, progress, out);
    return out;
}

}  // namespace h5sparse::checker
