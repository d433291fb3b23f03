// Strategy: gather -> convert -> scatter, batch by batch, like native does for dense data.
//
//  1. The file selection is walked in HDF5 order in batches (selection/element_runs.hpp).
//  2. Each batch's runs become "targets" per primary position (a CSR row, a CSC column): where
//     in the batch the values of that primary's secondary window go.
//  3. indptr gives each touched primary's range of stored entries; nearby ranges are merged and
//     read with one call per component (bounded pieces, so memory stays O(batch) even for a
//     narrow window over huge rows); each entry is bounds-checked and added at its targets in a
//     zero-filled staging buffer of the stored type.
//     A symmetric matrix (one triangle stored) gets a second pass per batch that walks the
//     stored arrays the other way round, leaving out the diagonal. A coordinate matrix too large
//     to index is scanned instead (read/coordinate_scan.hpp).
//  4. HDF5 converts the staging buffer to the memory type (H5Tconvert, the caller's dxpl), and it
//     is copied to the memory selection in HDF5 order. Without a conversion, and when the memory
//     selection is one contiguous range, step 3 decodes straight into the caller's buffer.
#include "read/sparse_read.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "model/virtual_dataset.hpp"
#include "read/coordinate_scan.hpp"
#include "read/cross_product_read.hpp"
#include "read/entry_window.hpp"
#include "read/symmetric_read.hpp"
#include "read/background_fill.hpp"
#include "read/dense_read.hpp"
#include "read/value_accumulator.hpp"
#include "selection/cross_product.hpp"
#include "selection/element_runs.hpp"
#include "selection/read_spaces.hpp"
#include "util/error.hpp"
#include "util/handle.hpp"
#include "util/type_conversion.hpp"

namespace h5sparse {
namespace {

constexpr size_t kBatchElements = size_t{1} << 18;  // file elements per batch

// Values of one primary position's window [secondary, secondary + length) go to batch
// positions position, position + stride, position + 2 * stride, ... (stride 1 for CSR rows; for
// a CSC column crossing a block of rows, the block's width).
struct Target {
    hsize_t primary;
    hsize_t secondary;
    hsize_t length;
    hsize_t position;
    hsize_t stride;
};

class BatchDecoder {
public:
    BatchDecoder(const VirtualDataset& vd, hid_t value_type, hid_t dxpl_id)
        : vd_(vd), value_size_(H5Tget_size(value_type)),
          accumulate_(accumulator_for(value_type)), dxpl_(dxpl_id), window_(vd, value_type, dxpl_id), background_(vd) {
        with_accumulator(value_type, [&](auto accumulate) {
            using Accumulate = decltype(accumulate);
            if constexpr (std::is_empty_v<Accumulate>)
                place_one_ = background_.active() ? &BatchDecoder::place_one<Accumulate, true>
                                                  : &BatchDecoder::place_one<Accumulate, false>;
        });
    }

    // Decodes one batch into `staging` (value_size * elements bytes, zero-filled here).
    void decode(const std::vector<ElementRun>& runs, size_t elements, unsigned char* staging) {
        std::memset(staging, 0, elements * value_size_);
        placed_ = background_.start(elements);
        const Orientation stored = vd_.orientation();
        decode_pass(runs, stored, false, staging);
        // A symmetric matrix's lower triangle is its upper one read the other way round.
        if (vd_.symmetric())
            decode_pass(runs, stored == Orientation::kCsr ? Orientation::kCsc : Orientation::kCsr, true, staging);
        background_.fill(staging, elements);
    }

private:
    // `walk`: how the stored primaries lie over the view (rows: CSR). `mirrored`: the second
    // pass over a symmetric matrix, which leaves the diagonal to the first.
    void decode_pass(const std::vector<ElementRun>& runs, Orientation walk, bool mirrored, unsigned char* staging) {
        make_targets(runs, walk);
        if (mirrored) leave_out_diagonal();
        if (targets_.empty()) return;
        primaries_.clear();
        for (const Target& t : targets_)
            if (primaries_.empty() || primaries_.back() != t.primary) primaries_.push_back(t.primary);
        vd_.entry_ranges(primaries_, begin_, end_, dxpl_);
        scan_entries(staging);
    }

    static bool by_position(const Target& a, const Target& b) {
        return a.primary != b.primary ? a.primary < b.primary : a.secondary < b.secondary;
    }

    // Splits each target around its diagonal position (secondary == primary), keeping the order.
    void leave_out_diagonal() {
        split_.clear();
        for (const Target& t : targets_) {
            if (t.primary < t.secondary || t.primary >= t.secondary + t.length) {
                split_.push_back(t);
                continue;
            }
            const hsize_t before = t.primary - t.secondary, after = t.length - before - 1;
            if (before > 0) split_.push_back({t.primary, t.secondary, before, t.position, t.stride});
            if (after > 0) split_.push_back({t.primary, t.primary + 1, after, t.position + (before + 1) * t.stride, t.stride});
        }
        targets_.swap(split_);
        // Overlapping targets of one primary (repeated points) may now be out of order; place()
        // searches them by secondary.
        if (!std::is_sorted(targets_.begin(), targets_.end(), by_position))
            std::sort(targets_.begin(), targets_.end(), by_position);
    }

    void make_targets(const std::vector<ElementRun>& runs, Orientation walk) {
        targets_.clear();
        if (walk == Orientation::kCsr) {
            for (const ElementRun& r : runs)
                for (hsize_t i = 0; i < r.rows; ++i)
                    targets_.push_back({r.row + i, r.col, r.length, r.position + i * r.length, 1});
        } else {
            // A block of rows with the same columns (a run of several rows, or consecutive
            // one-row runs, as any hyperslab block arrives) crosses each of its columns once:
            // one strided target per column instead of one per element.
            for (size_t i = 0; i < runs.size();) {
                const ElementRun& r = runs[i];
                hsize_t rows = r.rows;
                size_t j = i + 1;
                while (j < runs.size() && runs[j].col == r.col && runs[j].length == r.length &&
                       runs[j].row == r.row + rows && runs[j].position == r.position + rows * r.length) {
                    rows += runs[j].rows;
                    ++j;
                }
                for (hsize_t c = 0; c < r.length; ++c) targets_.push_back({r.col + c, r.row, rows, r.position + c, r.length});
                i = j;
            }
        }
        // CSR hyperslabs arrive in order already; points and CSC need the sort.
        if (!std::is_sorted(targets_.begin(), targets_.end(), by_position))
            std::sort(targets_.begin(), targets_.end(), by_position);
    }

    // Targets of primary number `pi`: targets_[t0, t1), sorted by secondary. `ti` only moves
    // forward (primaries are visited in ascending order).
    std::pair<size_t, size_t> targets_of(size_t pi, size_t& ti) const {
        while (ti < targets_.size() && targets_[ti].primary < primaries_[pi]) ++ti;
        size_t t1 = ti;
        while (t1 < targets_.size() && targets_[t1].primary == primaries_[pi]) ++t1;
        return {ti, t1};
    }

    // The secondary window [lo, hi) that targets t0..t1 (one primary's) cover, and whether it is
    // every secondary position (then all the primary's stored entries are needed).
    std::pair<hsize_t, hsize_t> secondary_window(size_t t0, size_t t1) const {
        hsize_t hi = 0;
        for (size_t t = t0; t < t1; ++t) hi = std::max(hi, targets_[t].secondary + targets_[t].length);
        return {targets_[t0].secondary, hi};
    }
    bool whole(std::pair<hsize_t, hsize_t> window) const {
        return window.first == 0 && window.second >= vd_.secondary_extent();
    }

    // The stored entries of [first, last) (one primary's) that can land in the secondary window:
    // all of them, or, when the indices are sorted (checked, not assumed) and the window is
    // narrower than the matrix, only the window's found by binary search. Reads the indices as
    // stored: a narrow window of long rows looks at every index once, here. Sorted, the first
    // and last index bound them all, so an index out of range fails this read as it fails a
    // read of the whole row, though the window skips it.
    std::pair<hsize_t, hsize_t> needed_entries(std::pair<hsize_t, hsize_t> window, hsize_t primary, hsize_t first,
                                               hsize_t last) const {
        if (whole(window)) return {first, last};
        const size_t n = static_cast<size_t>(last - first);
        std::pair<size_t, size_t> found{0, n};
        window_.with_stored_indices([&](auto index_from) {
            const auto index = index_from(first);
            if (!never_decreasing(index, n)) return;
            const auto [lowest, end] = vd_.secondary_bounds(primary);
            if (index[0] < lowest) vd_.index_out_of_range(index[0], first, primary);
            if (index[n - 1] >= end) vd_.index_out_of_range(index[n - 1], last - 1, primary);
            const size_t a = index.lower_bound(0, n, static_cast<long long>(window.first));
            found = {a, index.lower_bound(a, n, static_cast<long long>(window.second))};
        });
        return {first + found.first, first + found.second};
    }

    // Adds entries [first, last) at the targets t0..t1 they fall in.
    void place(size_t t0, size_t t1, hsize_t first, hsize_t last, unsigned char* staging) {
        const long long* const index = window_.widened(first, last);
        if (t1 - t0 == 1 && place_one_) return (this->*place_one_)(targets_[t0], index, first, last, staging);
        hsize_t longest = 0;
        for (size_t t = t0; t < t1; ++t) longest = std::max(longest, targets_[t].length);
        const auto tb = targets_.begin() + static_cast<std::ptrdiff_t>(t0);
        const auto te = targets_.begin() + static_cast<std::ptrdiff_t>(t1);
        const hsize_t primary = targets_[t0].primary;
        const auto [lowest, end] = vd_.secondary_bounds(primary);
        for (hsize_t k = first; k < last; ++k) {
            const long long s = index[k - first];
            if (s < lowest || s >= end) vd_.index_out_of_range(s, k, primary);
            const hsize_t sec = static_cast<hsize_t>(s);
            // Last target starting at or before sec; earlier ones may still cover it (points
            // may repeat), none further back than the longest target.
            auto it = std::upper_bound(tb, te, sec, [](hsize_t v, const Target& t) { return v < t.secondary; });
            while (it != tb) {
                --it;
                if (it->secondary + longest <= sec) break;
                if (sec < it->secondary + it->length) {
                    const hsize_t position = it->position + (sec - it->secondary) * it->stride;
                    accumulate_(staging + position * value_size_, window_.value(k), value_size_);
                    if (placed_) placed_[position] = 1;
                }
            }
        }
    }

    // One target (a row's window of a CSR, the usual case): no search per entry, and the addition
    // inlined for the stored type instead of a call per entry.
    // `kMarks`: the background is not 0, so placed positions are marked (a separate loop: the
    // usual one stays as it was).
    template <class Accumulate, bool kMarks>
    void place_one(const Target& target, const long long* index, hsize_t first, hsize_t last, unsigned char* staging) {
        // Everything in locals: a store through unsigned char may alias any member, which the
        // compiler would then reload for every entry.
        constexpr size_t size = Accumulate::size;
        const hsize_t secondary = target.secondary, length = target.length;
        const auto [lowest, end] = vd_.secondary_bounds(target.primary);
        const hsize_t step = target.stride * size;
        unsigned char* const base = staging + target.position * size;
        unsigned char* const placed = kMarks ? placed_ + target.position : nullptr;
        [[maybe_unused]] const hsize_t stride = target.stride;
        const unsigned char* const value = window_.value(first);
        const size_t n = static_cast<size_t>(last - first);
        for (size_t t = 0; t < n; ++t) {
            const long long s = index[t];
            if (s < lowest || s >= end) vd_.index_out_of_range(s, first + t, target.primary);
            const hsize_t offset = static_cast<hsize_t>(s) - secondary;  // wraps below the window
            if (offset < length) {
                Accumulate{}(base + offset * step, value + t * size);
                if constexpr (kMarks) placed[offset * stride] = 1;
            }
        }
    }

    // Primaries pi..pj, whose entries lie in [first, last) (clipped for a long single primary).
    // A window whose primaries all take every stored entry widens its indices as it loads them;
    // one with a narrower secondary window keeps 32-bit ones as stored until the needed entries
    // are known, and widens only those.
    void decode_window(size_t pi, size_t pj, hsize_t first, hsize_t last, size_t& ti, unsigned char* staging) {
        pieces_.clear();
        bool narrow = false;
        size_t cursor = ti;
        for (size_t p = pi; p <= pj; ++p) {
            auto [t0, t1] = targets_of(p, cursor);
            const hsize_t b = std::max(begin_[p], first), e = std::min(end_[p], last);
            if (b >= e || t0 == t1) continue;
            pieces_.push_back({t0, t1, b, e, secondary_window(t0, t1)});
            narrow = narrow || !whole(pieces_.back().window);
        }
        if (narrow) window_.load_stored_indices(first, last);
        else window_.load_indices(first, last);
        needed_.clear();
        spans_.clear();
        for (const Piece& piece : pieces_) {
            auto range = needed_entries(piece.window, targets_[piece.t0].primary, piece.first, piece.last);
            if (range.first < range.second) {
                needed_.push_back(range);
                spans_.push_back({piece.t0, piece.t1});
            }
        }
        window_.load_values(needed_);
        for (size_t i = 0; i < needed_.size(); ++i)
            place(spans_[i].first, spans_[i].second, needed_[i].first, needed_[i].second, staging);
        if (pi == pj && end_[pi] > last) return;  // more pieces of this primary follow
        ti = cursor;
    }

    void scan_entries(unsigned char* staging) {
        // The windows below read these ranges in this order: compressed chunks decode ahead.
        if (vd_.decodes_chunks()) {
            list_entry_windows(begin_, end_, windows_);
            vd_.expect_entries(windows_);
        }
        size_t ti = 0;
        for_each_entry_window(begin_, end_, [&](size_t pi, size_t pj, hsize_t first, hsize_t last) {
            decode_window(pi, pj, first, last, ti, staging);
        });
    }

    const VirtualDataset& vd_;
    size_t value_size_;
    AccumulateFn accumulate_;
    // place_one for the stored type; null for types added byte-wise (the general loop serves).
    void (BatchDecoder::*place_one_)(const Target&, const long long*, hsize_t, hsize_t, unsigned char*) = nullptr;
    hid_t dxpl_;
    std::vector<Target> targets_, split_;
    std::vector<hsize_t> primaries_, begin_, end_;
    EntryWindow window_;
    std::vector<std::pair<hsize_t, hsize_t>> needed_;
    struct Piece {  // a primary's targets t0..t1 and its stored entries [first, last) in this window
        size_t t0, t1;
        hsize_t first, last;
        std::pair<hsize_t, hsize_t> window;  // the secondary positions the targets cover
    };
    std::vector<Piece> pieces_;
    std::vector<std::pair<size_t, size_t>> spans_;  // targets of each needed range
    std::vector<std::pair<hsize_t, hsize_t>> windows_;  // this batch's entry windows, in order
    BackgroundFill background_;
    unsigned char* placed_ = nullptr;  // this batch's marks, when the background is not 0
};

// Walks the memory selection in HDF5 order, continuing where it left off: `scatter` copies
// consecutive staging bytes into it; `gather` copies the caller's elements out of it (the
// background a compound conversion fills in, taken as HDF5 takes it).
class MemoryWalk {
public:
    MemoryWalk(hid_t mem_space, size_t element_size)
        : iter_(check(H5Ssel_iter_create(mem_space, element_size, 0), H5E_DATASPACE, H5E_CANTCREATE,
                      "cannot iterate the memory selection")),
          offsets_(1024), lengths_(1024) {}

    void scatter(const unsigned char* src, size_t elements, unsigned char* buf) {
        walk(elements, [&](size_t offset, size_t length) {
            std::memcpy(buf + offset, src, length);
            src += length;
        });
    }
    void gather(const unsigned char* buf, size_t elements, unsigned char* dst) {
        walk(elements, [&](size_t offset, size_t length) {
            std::memcpy(dst, buf + offset, length);
            dst += length;
        });
    }

private:
    // Offsets and lengths come back in bytes; the limits and counts are in elements.
    template <typename Copy>
    void walk(size_t elements, Copy&& copy) {
        while (elements > 0) {
            size_t nseq = 0, nelem = 0;
            check(H5Ssel_iter_get_seq_list(iter_.get(), offsets_.size(), elements, &nseq, &nelem, offsets_.data(),
                                           lengths_.data()),
                  H5E_DATASPACE, H5E_CANTNEXT, "cannot walk the memory selection");
            if (nseq == 0) fail(H5E_DATASPACE, H5E_BADSELECT, "the memory selection ended early");
            for (size_t i = 0; i < nseq; ++i) copy(static_cast<size_t>(offsets_[i]), lengths_[i]);
            elements -= nelem;
        }
    }

    Handle iter_;
    std::vector<hsize_t> offsets_;
    std::vector<size_t> lengths_;
};

// Byte offset of the memory selection when, walked in order, it is one contiguous range.
std::optional<hsize_t> contiguous_memory_offset(hid_t mem_space, size_t element_size, hsize_t elements) {
    Handle iter(check(H5Ssel_iter_create(mem_space, element_size, 0), H5E_DATASPACE, H5E_CANTCREATE,
                      "cannot iterate the memory selection"));
    hsize_t offset = 0;
    size_t length = 0, nseq = 0, nelem = 0;
    check(H5Ssel_iter_get_seq_list(iter.get(), 1, static_cast<size_t>(elements), &nseq, &nelem, &offset, &length),
          H5E_DATASPACE, H5E_CANTNEXT, "cannot walk the memory selection");
    if (nseq == 1 && nelem == elements) return offset;
    return std::nullopt;
}

void refuse_data_transform(hid_t dxpl_id, const std::string& path) {
    if (dxpl_id == H5P_DEFAULT || dxpl_id == H5P_DATASET_XFER_DEFAULT) return;
    ssize_t len = -1;
    H5E_BEGIN_TRY { len = H5Pget_data_transform(dxpl_id, nullptr, 0); }
    H5E_END_TRY
    if (len > 0)
        fail(H5E_DATASET, H5E_UNSUPPORTED,
             "cannot read sparse matrix '" + path + "': data transforms are not supported on sparse matrices");
}

// How decoded values (the native form of the stored type) reach the memory type.
struct Conversion {
    hid_t value_type;    // the decoded form
    hid_t file_type;     // the stored type, gone through first when to_file_first
    hid_t convert_from;  // value_type or file_type
    hid_t mem_type;
    bool to_file_first;
    bool convert;
    // The conversion fills in the caller's elements (a compound conversion: memory members the
    // stored type lacks keep what the buffer held), so it starts from them, as HDF5's does.
    bool caller_background;
    size_t staging_size;  // bytes per element of the staging buffer
};

// Decodes the selection batch by batch (BatchDecoder, or CoordinateScan) and delivers it to the
// memory selection, converted to the memory type.
template <typename Decoder>
void decode_batches(ElementRuns& walk, Decoder& decoder, const ReadSpaces& spaces, const Conversion& c, hid_t dxpl_id,
                    unsigned char* out) {
    std::vector<ElementRun> runs;
    const size_t mem_size = H5Tget_size(c.mem_type);
    // The common case (h5py slices, h5dump strips, H5S_ALL): no conversion and a memory selection
    // that is one contiguous range in file order. Decode straight into the caller's buffer.
    if (!c.to_file_first && !c.convert) {
        if (auto offset = contiguous_memory_offset(spaces.mem, mem_size, spaces.elements)) {
            unsigned char* dst = out + *offset;
            for (size_t n; (n = walk.next(runs)) > 0; dst += n * mem_size) decoder.decode(runs, n, dst);
            return;
        }
    }

    const size_t batch = static_cast<size_t>(std::min<hsize_t>(spaces.elements, kBatchElements));
    std::vector<unsigned char> staging(batch * c.staging_size);
    MemoryWalk scatter(spaces.mem, mem_size);
    std::optional<MemoryWalk> gather;
    std::vector<unsigned char> background;
    if (c.convert && c.caller_background) {
        gather.emplace(spaces.mem, mem_size);
        background.resize(batch * mem_size);
    }
    for (size_t n; (n = walk.next(runs)) > 0;) {
        decoder.decode(runs, n, staging.data());
        if (c.to_file_first)
            check(convert_values(c.value_type, c.file_type, n, staging.data(), dxpl_id), H5E_DATATYPE,
                  H5E_CANTCONVERT, "cannot convert values to the stored type");
        if (gather) gather->gather(out, n, background.data());
        if (c.convert)
            check(convert_values(c.convert_from, c.mem_type, n, staging.data(), dxpl_id,
                                 gather ? background.data() : nullptr),
                  H5E_DATATYPE, H5E_CANTCONVERT, "cannot convert values to the memory type");
        scatter.scatter(staging.data(), n, out);
    }
}

}  // namespace

void read_virtual_dataset(const VirtualDataset& vd, hid_t mem_type_id, hid_t mem_space_id, hid_t file_space_id,
                          hid_t dxpl_id, void* buf) {
    ReadSpaces spaces = resolve_read_spaces(vd.rows(), vd.cols(), mem_space_id, file_space_id, vd.path().c_str());

    Handle value_type(check(H5Tget_native_type(vd.value_type(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                            "cannot get the native form of the stored type"));
    // Values are decoded in the native form of the stored type (duplicates are summed there).
    // HDF5 may convert a non-native stored type (say big-endian float) to the memory type by
    // rules that differ from native->memory for NaN and out-of-range values; going back to the
    // stored type first (exact: a byte swap) makes the result exactly that of a dense read.
    const hid_t file_type = vd.value_type();
    const bool to_file_first = H5Tequal(value_type.get(), file_type) <= 0 && H5Tequal(value_type.get(), mem_type_id) <= 0;
    const hid_t convert_from = to_file_first ? file_type : value_type.get();
    const bool convert = H5Tequal(convert_from, mem_type_id) <= 0;
    bool caller_background = false;
    if (convert) {
        // Checked before an empty selection returns: HDF5 refuses such a read whatever it selects.
        H5T_cdata_t* cdata = nullptr;
        if (!H5Tfind(convert_from, mem_type_id, &cdata) || !cdata)
            fail(H5E_DATATYPE, H5E_UNSUPPORTED,
                 "cannot read sparse matrix '" + vd.path() + "': no conversion from the stored type to the memory type");
        // As HDF5 decides it. (H5Pset_preserve can only raise a scratch background, which no
        // result depends on, to this: HDF5 deprecates it as "no longer useful".)
        caller_background = cdata->need_bkg == H5T_BKG_YES;
    }
    if (spaces.elements == 0) return;
    if (!buf) fail(H5E_ARGS, H5E_BADVALUE, "no output buffer");
    refuse_data_transform(dxpl_id, vd.path());
    const size_t value_size = H5Tget_size(value_type.get());
    const size_t mem_size = H5Tget_size(mem_type_id);
    if (mem_size == 0) fail(H5E_DATATYPE, H5E_BADTYPE, "invalid memory type");
    const size_t staging_size = std::max({value_size, mem_size, H5Tget_size(file_type)});

    const size_t batch = static_cast<size_t>(std::min<hsize_t>(spaces.elements, kBatchElements));
    ElementRuns walk(spaces.file, vd.cols(), batch);
    auto* out = static_cast<unsigned char*>(buf);

    // A CSC crossed by rows x columns (any slice, index list or mask on either axis) into one
    // contiguous memory range: each column decoded once, entries put straight in place, then
    // converted in place when the memory type is at least as wide (HDF5 converts overlapping
    // buffers back to front). The batched walk below would cross the columns once per batch.
    // A symmetric matrix takes this path too: one walk of its stored rows places both halves.
    // A CSR walked in row-major batches is in storage order already, and keeps that walk, except
    // for whole rows read without conversion: the batches (256 Ki elements, a few rows of a wide
    // matrix) would read each component in as many small pieces, where this path reads windows
    // of up to 64 Ki stored entries.
    const bool scan = vd.scans_coordinates();
    // (A background other than 0 needs the batched walk, which marks the positions it places.)
    const bool plain = !scan && !vd.dense() && vd.background().empty();
    const bool crossing = (vd.orientation() == Orientation::kCsc || vd.symmetric()) && plain;
    const bool csr_rows = vd.orientation() == Orientation::kCsr && !vd.symmetric() && plain && !convert;
    if ((crossing || csr_rows) && !to_file_first && (!convert || mem_size >= value_size)) {
        auto product = as_cross_product(spaces.file, vd.rows(), vd.cols());
        if (product && csr_rows && !product->cols.everything(vd.cols())) product.reset();
        if (product) {
            if (auto offset = contiguous_memory_offset(spaces.mem, mem_size, spaces.elements)) {
                unsigned char* dst = out + *offset;
                // Read in place: what the conversion starts from is kept before the read.
                std::vector<unsigned char> background;
                if (convert && caller_background) background.assign(dst, dst + spaces.elements * mem_size);
                if (vd.symmetric())
                    read_symmetric_cross_product(vd, *product, value_type.get(), dxpl_id, dst);
                else
                    read_cross_product(vd, *product, value_type.get(), dxpl_id, dst);
                if (convert)
                    check(convert_values(value_type.get(), mem_type_id, spaces.elements, dst, dxpl_id,
                                         background.empty() ? nullptr : background.data()),
                          H5E_DATATYPE, H5E_CANTCONVERT, "cannot convert values to the memory type");
                return;
            }
        }
    }

    const Conversion conversion{value_type.get(), file_type, convert_from,      mem_type_id,
                                to_file_first,    convert,   caller_background, staging_size};
    // A dense matrix reads its elements where they are; a coordinate matrix too large to index
    // scans its entries for each batch instead.
    if (vd.dense()) {
        DenseDecoder dense(vd, value_type.get(), dxpl_id);
        decode_batches(walk, dense, spaces, conversion, dxpl_id, out);
    } else if (scan) {
        CoordinateScan scanner(vd, value_type.get(), dxpl_id);
        decode_batches(walk, scanner, spaces, conversion, dxpl_id, out);
    } else {
        BatchDecoder decoder(vd, value_type.get(), dxpl_id);
        decode_batches(walk, decoder, spaces, conversion, dxpl_id, out);
    }
}

}  // namespace h5sparse
