// A sparse group presented as a read-only 2-D dataset: its opened components, logical shape and
// the cached indptr. Opening reads nothing: detection has judged the rules on metadata
// (formats/component_rules.hpp), the constructor throws an Error naming the group and the rule
// when it found one broken, and the components are opened (and judged again) on first use. No
// array is read until a read needs it: tools open
// every dataset they list and most never read one, and a file may claim an indptr of 10^9
// unwritten values. The rules on indptr's values are judged by the reads that use them
// (entry_ranges). indptr is kept in memory from the first read on. Destroyed when the dataset
// id is closed.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "formats/sparse_layout.hpp"
#include "formats/under_io.hpp"
#include "model/coo_index.hpp"
#include "model/index_values.hpp"
#include "read/chunk_stream.hpp"
#include "util/handle.hpp"

namespace h5sparse {

// One 1-D dataset of the group (data, indices or indptr), open below.
struct Component {
    const char* name = "";
    void* under = nullptr;  // NULL for an absent component (MATLAB's empty form: no entries)
    Handle file_type;
    hsize_t length = 0;
    int rank = 1;  // 2: an (n, 1) column (Octave)
    std::unique_ptr<ChunkStream> chunks;  // compressed chunks decoded by us, when we can (else NULL)
};

class VirtualDataset {
public:
    // `group` is the sparse group, open below (owned by the caller's Object, not by us).
    // `decode_threads`: threads that decode compressed components (1: the calling thread only;
    // 0: the machine's cores, asked only when a compressed component is opened; kHdf5Decodes:
    // HDF5's pipeline decodes them, as for files opened through MPI-IO).
    // `index_bytes`: the most a coordinate matrix's in-memory row index may take; a larger one's
    // reads scan the stored entries instead (read/coordinate_scan.hpp).
    VirtualDataset(void* group, hid_t under_vol_id, const SparseLayout& layout, std::string path, hid_t dapl_id,
                   unsigned decode_threads, size_t index_bytes = kCooIndexBytes);
    static constexpr unsigned kHdf5Decodes = ~0u;
    ~VirtualDataset();
    VirtualDataset(const VirtualDataset&) = delete;
    VirtualDataset& operator=(const VirtualDataset&) = delete;

    const std::string& path() const noexcept { return path_; }
    const char* convention() const noexcept { return convention_; }
    Orientation orientation() const noexcept { return orientation_; }
    // Only one triangle is stored and the view mirrors it (formats/sparse_layout.hpp).
    bool symmetric() const noexcept { return layout_.symmetric(); }
    // Every element stored in `data`, row-major (kCsr) or column-major (read/dense_read.hpp).
    bool dense() const noexcept { return layout_.dense; }
    // Coordinates (COO) whose row index would take more than the index memory: every read scans
    // the stored entries in bounded pieces (read/coordinate_scan.hpp) instead of building it.
    bool scans_coordinates() const;
    StoredTriangle triangle() const noexcept { return layout_.triangle; }
    hsize_t rows() const noexcept { return rows_; }
    hsize_t cols() const noexcept { return cols_; }
    hsize_t primary_extent() const noexcept { return orientation_ == Orientation::kCsr ? rows_ : cols_; }
    hsize_t secondary_extent() const noexcept { return orientation_ == Orientation::kCsr ? cols_ : rows_; }
    // The secondary indices a stored primary may hold, [lowest, end): [0, secondary extent), cut
    // at the diagonal for a symmetric matrix.
    struct SecondaryBounds {
        long long lowest;
        long long end;
    };
    SecondaryBounds secondary_bounds(hsize_t primary) const noexcept {
        const auto p = static_cast<long long>(primary), extent = static_cast<long long>(secondary_extent());
        switch (layout_.triangle) {
            case StoredTriangle::kFromDiagonal: return {p, extent};
            case StoredTriangle::kUpToDiagonal: return {0, std::min(p + 1, extent)};
            case StoredTriangle::kWhole: break;
        }
        return {0, extent};
    }
    hid_t under_vol_id() const noexcept { return under_vol_id_; }
    hid_t access_plist() const noexcept { return dapl_.get(); }

    // The components are opened on first use, not by the constructor: listing tools open every
    // dataset to learn its shape, which needs none of them. Each accessor may throw (the file
    // changed under a writer and the components no longer fit).
    hsize_t stored_values() const { return opened().data_.length; }
    // A real dataset below that stands for the matrix where the library needs one: `data`, or
    // `indptr` when the entries are absent.
    void* native_stand_in() const { return opened().data_.under ? data_.under : indptr_.under; }
    const Component& data() const { return opened().data_; }
    const Component& indices() const { return opened().indices_; }
    const Component& indptr() const { return opened().indptr_; }
    // The listed primaries of a doubly compressed matrix (binsparse's DCSR/DCSC), or NULL.
    const Component* listed() const { return layout_.listed_primaries.empty() ? nullptr : &opened().listed_; }
    hid_t value_type() const { return opened().data_.file_type.get(); }  // stored (file) type of `data`
    // The value type is made here, not `data`'s own (absent `data`, interleaved complex parts).
    bool value_type_is_made() const { return !opened().data_.under || layout_.interleaved_complex; }

    // The view's background in the native form of the value type (what reads decode into), read
    // when the components open; empty when it is 0 (SparseLayout::background_member).
    const std::vector<unsigned char>& background() const { return opened().background_; }

    // indptr[p] and indptr[p + 1] for each primary position in `sorted_primaries` (ascending,
    // possibly repeated): from the cache (loaded by the first call, unless that one is small), or
    // read in ranges when indptr is too large to keep. Validated: 0 <= begin <= end <= nnz,
    // indptr[0] == 0 and indptr[-1] == nnz where touched.
    void entry_ranges(const std::vector<hsize_t>& sorted_primaries, std::vector<hsize_t>& begin,
                      std::vector<hsize_t>& end, hid_t dxpl_id) const;

    // Whether `indices` or `data` is decoded by us (read/chunk_stream.hpp), and the stored-entry
    // ranges (ascending) that the next reads of them will ask for, decoded ahead by workers.
    bool decodes_chunks() const { return opened().indices_.chunks || data_.chunks; }
    void expect_entries(const std::vector<std::pair<hsize_t, hsize_t>>& ranges) const;
    // Threads a read may spread plain work over, the calling one included: the decode threads
    // (the machine's cores by default); 1 for a file opened through MPI-IO, whose ranks
    // usually have a core each already.
    unsigned worker_threads() const noexcept;

    // Reads `count` elements from `first` of a component, converted to `mem_type`.
    void read_component(const Component& c, hsize_t first, hsize_t count, hid_t mem_type, void* buf,
                        hid_t dxpl_id) const;

    [[noreturn]] void corrupt(const std::string& rule) const;
    // Index `s` at position k of `indices` (in primary position `primary`) fits no place: outside
    // [0, secondary extent), or the other side of the diagonal of a symmetric matrix.
    [[noreturn]] void index_out_of_range(long long s, hsize_t k, hsize_t primary) const;

    // Opens the components now and judges their metadata: the first rule broken (they are then
    // closed), or "" (they stay open). Detection that left the components to the open calls it.
    std::string open_components() const;

private:
    // indptr pairs of `primaries` read in ranges (one read per run of nearby positions), each
    // passed to record(k, indptr[p_k], indptr[p_k + 1]).
    template <typename Record>
    void read_entry_ranges(const std::vector<hsize_t>& primaries, Record& record, hid_t dxpl_id) const;
    // indptr[k] and indptr[k + 1] for each position k in `positions` (ascending), checked; the
    // last position is `last` (indptr's last pair).
    void pointer_ranges(const std::vector<hsize_t>& positions, hsize_t last, std::vector<hsize_t>& begin,
                        std::vector<hsize_t>& end, hid_t dxpl_id) const;
    // entry_ranges of a doubly compressed matrix: each primary found among the listed ones (an
    // unlisted one has an empty range where its entries would be).
    void listed_entry_ranges(const std::vector<hsize_t>& primaries, std::vector<hsize_t>& begin,
                             std::vector<hsize_t>& end, hid_t dxpl_id) const;
    // Elements [first, first + count) of a component as stored below (`stored_length` long),
    // converted by HDF5 to `mem_type`.
    void read_stored(const Component& c, hsize_t stored_length, hsize_t first, hsize_t count, hid_t mem_type,
                     void* buf, hid_t dxpl_id) const;
    // Whether a component's storage is all allocated (else parts of it are fill values).
    bool all_written(const Component& c) const;
    // `count` values from `first` of interleaved complex parts, as `mem_type`.
    void read_interleaved(hsize_t first, hsize_t count, hid_t mem_type, void* buf, hid_t dxpl_id) const;
    // The listed primaries, read once (bounded by the index memory) and checked to be strictly
    // increasing and inside the view.
    const std::vector<long long>& listed_values(hid_t dxpl_id) const;
    // This object with its components open (judged again by the metadata rules: a file open for
    // writing may have changed since detection), or an Error naming the broken rule.
    const VirtualDataset& opened() const;
    // Opens a component below (c.under stays NULL when it cannot) and describes it.
    DatasetMeta open_component(Component& c, const char* name) const;
    // indptr[first, first + count) as int64 into `out`.
    void read_indptr(hsize_t first, hsize_t count, long long* out, hid_t dxpl_id) const;
    // A coordinate matrix's row index, built by the first read that needs entry ranges: from
    // then on indptr_cache_ holds its row pointers and `indices`/`data` are served from it.
    void build_coo_index(hid_t dxpl_id) const;
    // background_ from the layout's background member, in the native form of the value type.
    void read_background() const;
    // The raw stored values indptr[first, first + count) at `values` become int64 in place.
    void widen_indptr(hsize_t first, hsize_t count, long long* values) const;
    void close_components() const noexcept;
    // dapl_ with the chunk cache off, for unfiltered components (made on first use).
    hid_t uncached_access_plist() const;

    void* group_;
    Handle under_vol_ref_;
    hid_t under_vol_id_;
    std::string path_;
    const char* convention_;
    Orientation orientation_;
    hsize_t rows_ = 0;
    hsize_t cols_ = 0;
    SparseLayout layout_;
    mutable bool components_open_ = false;
    mutable Component data_, indices_, indptr_;
    mutable Component listed_;                       // doubly compressed layouts only
    mutable Handle interleaved_part_type_;           // complex[T] values: the stored float type
    mutable std::vector<unsigned char> single_value_;  // iso[T]: the value, as last read,
    mutable Handle single_value_type_;                  // in this memory type
    mutable std::vector<unsigned char> background_;  // not 0: the value (background())
    mutable std::vector<long long> listed_values_;   // its values, once read
    mutable bool listed_loaded_ = false;
    Handle dapl_;
    mutable Handle uncached_dapl_;  // see uncached_access_plist
    unsigned decode_threads_;
    size_t index_bytes_;
    mutable IndexStorage indptr_storage_ = IndexStorage::kConverted;
    mutable bool indptr_cacheable_ = false;        // small enough to keep in memory
    mutable std::vector<long long> indptr_cache_;  // the whole indptr once loaded, else empty
    mutable bool indptr_cached_ = false;
    mutable unsigned long entry_requests_ = 0;     // entry_ranges calls so far
    mutable std::unique_ptr<CooIndex> coo_;        // coordinate matrices, once a read needed it
};

}  // namespace h5sparse
