#include "model/virtual_dataset.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

#include "formats/component_rules.hpp"
#include "formats/under_io.hpp"
#include "util/complex_type.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/type_conversion.hpp"
#include "util/worker_pool.hpp"

namespace h5sparse {
namespace {

// indptr up to this many entries (64 MiB as int64) is kept from the first read on; larger ones
// are read in ranges at read time.
constexpr hsize_t kIndptrCacheEntries = hsize_t{8} << 20;
constexpr size_t kListedBytes = size_t{64} << 20;  // a doubly compressed list, at least

// Chunk caching per component. Unfiltered chunks are read straight from the file by native when
// the cache is off, and a cache only adds a copy of every touched chunk (and, with w0 = 1,
// keeps partially read chunks past its limit). Filtered chunks (10x: gzip + shuffle) must be
// inflated once per request: room for several of the usual 65,536-element chunks, or for two
// larger ones (capped: a writer that put everything in one giant chunk cannot be helped), with
// fully read chunks preferred for eviction.
constexpr size_t kFilteredCacheBytes = size_t{4} << 20;
constexpr size_t kFilteredCacheMaxBytes = size_t{256} << 20;
constexpr size_t kChunkCacheSlots = 1021;
constexpr double kChunkCachePreemption = 0.75;

struct ChunkLayout {
    size_t chunk_bytes = 0;  // 0: not chunked
    bool filtered = false;
};

Handle creation_plist(void* dset, hid_t vol, hid_t dxpl_id) {
    H5VL_dataset_get_args_t args{};
    args.op_type = H5VL_DATASET_GET_DCPL;
    args.args.get_dcpl.dcpl_id = H5I_INVALID_HID;
    if (H5VLdataset_get(dset, vol, &args, dxpl_id, nullptr) < 0) return Handle();
    return Handle(args.args.get_dcpl.dcpl_id);
}

ChunkLayout chunk_layout(hid_t dcpl, hid_t type) {
    hsize_t dims[1] = {0};
    if (dcpl < 0 || H5Pget_layout(dcpl) != H5D_CHUNKED || H5Pget_chunk(dcpl, 1, dims) != 1) return {};
    return {static_cast<size_t>(dims[0]) * H5Tget_size(type), H5Pget_nfilters(dcpl) > 0};
}

// The access properties the dataset was opened with, kept for H5Dget_access_plist and as the
// base of the components' own. HDF5's default list is shared, as HDF5 shares it with its own
// datasets: a copy costs about 20 K instructions, and listings open every matrix they show.
Handle kept_access_plist(hid_t dapl_id) {
    if (dapl_id == H5P_DEFAULT || dapl_id == H5P_DATASET_ACCESS_DEFAULT) {
        check(H5Iinc_ref(H5P_DATASET_ACCESS_DEFAULT), H5E_PLIST, H5E_CANTINC,
              "cannot reference the default dataset access property list");
        return Handle(H5P_DATASET_ACCESS_DEFAULT);
    }
    return Handle(check(H5Pcopy(dapl_id), H5E_PLIST, H5E_CANTCOPY, "cannot copy the dataset access property list"));
}

Handle one_d_space(hsize_t n) {
    return Handle(check(H5Screate_simple(1, &n, nullptr), H5E_DATASPACE, H5E_CANTCREATE, "cannot create dataspace"));
}

}  // namespace

VirtualDataset::VirtualDataset(void* group, hid_t under_vol_id, const SparseLayout& layout, std::string path,
                               hid_t dapl_id, unsigned decode_threads, size_t index_bytes)
    : group_(group), under_vol_id_(under_vol_id), path_(std::move(path)), convention_(layout.convention),
      orientation_(layout.orientation), layout_(layout), decode_threads_(decode_threads), index_bytes_(index_bytes) {
    check(H5Iinc_ref(under_vol_id_), H5E_VOL, H5E_CANTINC, "cannot reference the under connector");
    under_vol_ref_ = Handle(under_vol_id_);
    if (!layout.unsupported.empty())
        fail(H5E_DATASET, H5E_UNSUPPORTED, "sparse matrix '" + path_ + "' (" + convention_ + "): " + layout.unsupported);
    if (!layout.describes_matrix()) corrupt(layout.problem());
    rows_ = static_cast<hsize_t>(layout.rows);
    cols_ = static_cast<hsize_t>(layout.cols);
    dapl_ = kept_access_plist(dapl_id);
}

hid_t VirtualDataset::uncached_access_plist() const {
    // Made when a component is first opened: a listing opens the dataset and never reads.
    if (!uncached_dapl_) {
        Handle dapl(check(H5Pcopy(dapl_.get()), H5E_PLIST, H5E_CANTCOPY, "cannot copy dapl"));
        check(H5Pset_chunk_cache(dapl.get(), 0, 0, kChunkCachePreemption), H5E_PLIST, H5E_CANTSET,
              "cannot set the chunk cache");
        uncached_dapl_ = std::move(dapl);
    }
    return uncached_dapl_.get();
}

std::string VirtualDataset::open_components() const {
    if (components_open_) return "";
    try {
        const ComponentNames& n = layout_.names;
        ComponentMetas metas{open_component(data_, n.data.c_str()), {}, {}, {}};
        if (!layout_.dense) {
            metas.indices = open_component(indices_, n.indices.c_str());
            metas.indptr = open_component(indptr_, n.indptr.c_str());
        }
        if (!layout_.listed_primaries.empty()) metas.listed = open_component(listed_, layout_.listed_primaries.c_str());
        if (std::string problem = component_problem(layout_, metas); !problem.empty()) {
            close_components();
            return problem;
        }
        if (layout_.single_value) {  // one stored value stands for every entry (read_component)
            data_.length = indices_.length;
            data_.chunks.reset();
        }
        if (layout_.interleaved_complex) {  // two parts per entry, shown as {real, imag}
            data_.length = indices_.length;
            data_.chunks.reset();
            const size_t part = H5Tget_size(data_.file_type.get());
            Handle pair(check(H5Tcreate(H5T_COMPOUND, 2 * part), H5E_DATATYPE, H5E_CANTCREATE, "cannot create a type"));
            check(H5Tinsert(pair.get(), "real", 0, data_.file_type.get()), H5E_DATATYPE, H5E_CANTINSERT, "cannot build a type");
            check(H5Tinsert(pair.get(), "imag", part, data_.file_type.get()), H5E_DATATYPE, H5E_CANTINSERT, "cannot build a type");
            interleaved_part_type_ = std::move(data_.file_type);
            data_.file_type = std::move(pair);
        }
        if (entries_absent(layout_, metas)) {  // no entries: the types are all that is asked of them
            data_.file_type = Handle(check(H5Tcopy(layout_.absent_entries_type), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy a type"));
            indices_.file_type = Handle(check(H5Tcopy(H5T_STD_I64LE), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy a type"));
        }
        if (layout_.dense)  // no indices or pointers at all: only their types are ever asked
            for (Component* c : {&indices_, &indptr_})
                c->file_type = Handle(check(H5Tcopy(H5T_STD_I64LE), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy a type"));
        if (!layout_.background_member.empty()) read_background();
        indptr_storage_ = index_storage(indptr_.file_type.get());
        indptr_cacheable_ = indptr_.length <= kIndptrCacheEntries;
    } catch (...) {
        close_components();  // tried again by the next use
        throw;
    }
    components_open_ = true;
    return "";
}

void VirtualDataset::read_background() const {
    long double value;
    try {
        value = read_single_number({group_, H5I_GROUP, under_vol_id_, "", H5P_DATASET_XFER_DEFAULT},
                                   layout_.background_member.c_str());
    } catch (const Error& e) {
        corrupt("its background '" + layout_.background_member + "' is unreadable: " + e.what());
    }
    Handle native(check(H5Tget_native_type(data_.file_type.get(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                        "cannot get the native form of the value type"));
    std::vector<unsigned char> bytes(std::max(H5Tget_size(native.get()), sizeof value));
    std::memcpy(bytes.data(), &value, sizeof value);
    if (convert_values(H5T_NATIVE_LDOUBLE, native.get(), 1, bytes.data(), H5P_DATASET_XFER_DEFAULT) < 0)
        fail(H5E_DATATYPE, H5E_CANTCONVERT, "cannot convert the background of sparse matrix '" + path_ + "'");
    bytes.resize(H5Tget_size(native.get()));
    background_ = std::move(bytes);
}

const VirtualDataset& VirtualDataset::opened() const {
    if (std::string problem = open_components(); !problem.empty()) corrupt(problem);
    return *this;
}

VirtualDataset::~VirtualDataset() { close_components(); }

void VirtualDataset::close_components() const noexcept {
    ErrorStackGuard keep;
    for (Component* c : {&data_, &indices_, &indptr_, &listed_}) {
        c->chunks.reset();
        if (c->under) H5VLdataset_close(c->under, under_vol_id_, H5P_DATASET_XFER_DEFAULT, nullptr);
        c->under = nullptr;
        c->file_type.reset();
    }
}

void VirtualDataset::corrupt(const std::string& rule) const {
    fail(H5E_DATASET, H5E_BADVALUE, "sparse matrix '" + path_ + "' (" + convention_ + "): " + rule);
}

void VirtualDataset::index_out_of_range(long long s, hsize_t k, hsize_t primary) const {
    const std::string where = "index " + std::to_string(s) + " at position " + std::to_string(k) + " of '" + indices().name + "'";
    const SecondaryBounds allowed = secondary_bounds(primary);
    if (s >= 0 && symmetric() && static_cast<hsize_t>(s) < secondary_extent() && (s < allowed.lowest || s >= allowed.end))
        // Below the view's diagonal: row > column.
        corrupt(where + " lies " + ((orientation_ == Orientation::kCsr) == (s < allowed.lowest) ? "below" : "above") +
                " the diagonal (position " + std::to_string(primary) +
                ") of a symmetric matrix that stores its " + layout_.stored_view_triangle() + " triangle");
    corrupt(where + " is out of range [0, " + std::to_string(secondary_extent()) + ")");
}

DatasetMeta VirtualDataset::open_component(Component& c, const char* name) const {
    // Metadata only: the default transfer properties serve (the caller's may not be at hand).
    const hid_t dxpl_id = H5P_DATASET_XFER_DEFAULT;
    c.name = name;
    UnderLocation here{group_, H5I_GROUP, under_vol_id_, "", dxpl_id};
    auto open_with = [&](hid_t dapl) {
        H5VL_loc_params_t self = here.self();
        ErrorStackGuard keep;  // the rule broken is reported instead of the native failure
        c.under = H5VLdataset_open(group_, &self, under_vol_id_, name, dapl, dxpl_id, nullptr);
    };
    DatasetMeta meta;
    open_with(uncached_access_plist());
    if (!c.under) {
        meta.status = link_exists(here, name) ? DatasetMeta::Status::kNotDataset : DatasetMeta::Status::kMissing;
        return meta;
    }
    H5VL_dataset_get_args_t args{};
    args.op_type = H5VL_DATASET_GET_TYPE;
    args.args.get_type.type_id = H5I_INVALID_HID;
    check(H5VLdataset_get(c.under, under_vol_id_, &args, dxpl_id, nullptr), H5E_DATASET, H5E_CANTGET,
          "cannot get a component's type");
    c.file_type = Handle(args.args.get_type.type_id);
    Handle dcpl = creation_plist(c.under, under_vol_id_, dxpl_id);
    const ChunkLayout layout = chunk_layout(dcpl.get(), c.file_type.get());
    if (layout.filtered) {  // re-open with a cache that holds at least two chunks
        H5VLdataset_close(c.under, under_vol_id_, dxpl_id, nullptr);
        c.under = nullptr;
        Handle dapl(check(H5Pcopy(dapl_.get()), H5E_PLIST, H5E_CANTCOPY, "cannot copy dapl"));
        check(H5Pset_chunk_cache(dapl.get(), kChunkCacheSlots,
                                 std::min(std::max(kFilteredCacheBytes, 2 * layout.chunk_bytes), kFilteredCacheMaxBytes),
                                 kChunkCachePreemption),
              H5E_PLIST, H5E_CANTSET, "cannot set the chunk cache");
        open_with(dapl.get());
        if (!c.under) fail(H5E_DATASET, H5E_CANTOPENOBJ, std::string("cannot reopen component '") + name + "'");
        // HDF5's cache stays the fallback: the stream decodes what it can, HDF5 the rest.
        if (decode_threads_ != kHdf5Decodes)
            c.chunks = ChunkStream::open(c.under, under_vol_id_, dcpl.get(), H5Tget_size(c.file_type.get()),
                                         decode_threads_ != 0 ? decode_threads_ : default_thread_count());
    }
    args = {};
    args.op_type = H5VL_DATASET_GET_SPACE;
    args.args.get_space.space_id = H5I_INVALID_HID;
    check(H5VLdataset_get(c.under, under_vol_id_, &args, dxpl_id, nullptr), H5E_DATASET, H5E_CANTGET,
          "cannot get a component's dataspace");
    Handle space(args.args.get_space.space_id);
    meta = describe_dataset(c.file_type.get(), space.get());
    c.length = meta.length;
    c.rank = meta.column ? 2 : 1;
    return meta;
}

void VirtualDataset::read_indptr(hsize_t first, hsize_t count, long long* out, hid_t dxpl_id) const {
    read_component(indptr_, first, count, index_read_type(indptr_storage_), out, dxpl_id);
    widen_indptr(first, count, out);
}

void VirtualDataset::widen_indptr(hsize_t first, hsize_t count, long long* values) const {
    unsigned long long too_large = 0;
    if (auto at = widen_in_place(indptr_storage_, values, static_cast<size_t>(count), &too_large))
        corrupt(std::string(indptr_.name) + "[" + std::to_string(first + *at) + "] is " + std::to_string(too_large) +
                ", larger than any position");
}

void VirtualDataset::read_component(const Component& c, hsize_t first, hsize_t count, hid_t mem_type, void* buf,
                                    hid_t dxpl_id) const {
    if (count == 0) return;
    if (coo_ && (&c == &indices_ || &c == &data_)) {  // a coordinate matrix, sorted in memory
        const bool columns = &c == &indices_;
        const hid_t type = columns ? coo_->secondary_type.get() : coo_->value_type.get();
        const std::vector<unsigned char>& from = columns ? coo_->secondaries : coo_->values;
        const size_t size = H5Tget_size(type), mem_size = H5Tget_size(mem_type);
        const unsigned char* src = from.data() + first * size;
        if (H5Tequal(type, mem_type) > 0) {
            std::memcpy(buf, src, static_cast<size_t>(count) * size);
            return;
        }
        std::vector<unsigned char> converted(static_cast<size_t>(count) * std::max(size, mem_size));
        std::memcpy(converted.data(), src, static_cast<size_t>(count) * size);
        if (convert_values(type, mem_type, count, converted.data(), dxpl_id) < 0)
            fail(H5E_DATATYPE, H5E_CANTCONVERT, "cannot convert '" + std::string(c.name) + "' of sparse matrix '" + path_ + "'");
        std::memcpy(buf, converted.data(), static_cast<size_t>(count) * mem_size);
        return;
    }
    if (layout_.interleaved_complex && &c == &data_) return read_interleaved(first, count, mem_type, buf, dxpl_id);
    if (layout_.single_value && &c == &data_) {  // the one stored value, once per entry asked for
        const size_t size = H5Tget_size(mem_type);
        if (single_value_.empty() || H5Tequal(single_value_type_.get(), mem_type) <= 0) {  // read once per type
            std::vector<unsigned char> value(size);
            read_stored(c, 1, 0, 1, mem_type, value.data(), dxpl_id);
            single_value_type_ = Handle(check(H5Tcopy(mem_type), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy a type"));
            single_value_ = std::move(value);
        }
        auto* out = static_cast<unsigned char*>(buf);
        for (hsize_t k = 0; k < count; ++k) std::memcpy(out + k * size, single_value_.data(), size);
        return;
    }
    // Our own decoding needs the stored type in memory (indices and values are read so; indptr
    // as int64 usually is); anything else goes through HDF5's conversion.
    if (c.chunks && H5Tequal(mem_type, c.file_type.get()) > 0 &&
        c.chunks->read(first, count, static_cast<unsigned char*>(buf), dxpl_id))
        return;
    read_stored(c, c.length, first, count, mem_type, buf, dxpl_id);
}

void VirtualDataset::read_stored(const Component& c, hsize_t stored_length, hsize_t first, hsize_t count,
                                 hid_t mem_type, void* buf, hid_t dxpl_id) const {
    // A 1-D component, or an (n, 1) column (the chunk stream takes only 1-D chunks).
    const hsize_t dims[2] = {stored_length, 1}, start[2] = {first, 0}, counts[2] = {count, 1};
    Handle file_space(check(H5Screate_simple(c.rank, dims, nullptr), H5E_DATASPACE, H5E_CANTCREATE,
                            "cannot create dataspace"));
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, counts, nullptr), H5E_DATASPACE,
          H5E_CANTSELECT, "cannot select a component range");
    Handle mem_space = one_d_space(count);
    hid_t fs = file_space.get(), ms = mem_space.get();
    void* under = c.under;
    if (H5VLdataset_read(1, &under, under_vol_id_, &mem_type, &ms, &fs, dxpl_id, &buf, nullptr) < 0)
        fail(H5E_DATASET, H5E_READERROR,
             "cannot read '" + std::string(c.name) + "' [" + std::to_string(first) + ", " +
                 std::to_string(first + count) + ") of sparse matrix '" + path_ + "'");
}

void VirtualDataset::read_interleaved(hsize_t first, hsize_t count, hid_t mem_type, void* buf, hid_t dxpl_id) const {
    // Parts [2 first, 2 (first + count)) in the native form of the stored float: laid out as the
    // native {real, imag} compound, which HDF5 then converts to the memory type if it differs.
    Handle part(check(H5Tget_native_type(interleaved_part_type_.get(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                      "cannot get the native form of a stored type"));
    Handle pair(check(H5Tget_native_type(data_.file_type.get(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                      "cannot get the native form of the value type"));
    const size_t part_size = H5Tget_size(part.get()), pair_size = H5Tget_size(pair.get()), mem_size = H5Tget_size(mem_type);
    if (complex_part_size(pair.get()) != part_size || pair_size != 2 * part_size)
        fail(H5E_DATATYPE, H5E_UNSUPPORTED, "sparse matrix '" + path_ + "': no native complex layout for its values");
    std::vector<unsigned char> parts(static_cast<size_t>(count) * std::max(pair_size, mem_size));
    read_stored(data_, 2 * data_.length, 2 * first, 2 * count, part.get(), parts.data(), dxpl_id);
    if (H5Tequal(pair.get(), mem_type) <= 0 &&
        convert_values(pair.get(), mem_type, count, parts.data(), dxpl_id) < 0)
        fail(H5E_DATATYPE, H5E_CANTCONVERT, "cannot convert '" + std::string(data_.name) + "' of sparse matrix '" + path_ + "'");
    std::memcpy(buf, parts.data(), static_cast<size_t>(count) * mem_size);
}

void VirtualDataset::entry_ranges(const std::vector<hsize_t>& primaries, std::vector<hsize_t>& begin,
                                  std::vector<hsize_t>& end, hid_t dxpl_id) const {
    opened();
    // The read engine asks only for positions inside the view (a primary past it would read
    // past indptr): a guard against a bug, not a rule of the file.
    if (!primaries.empty() && primaries.back() >= primary_extent())
        fail(H5E_DATASET, H5E_BADRANGE, "sparse matrix '" + path_ + "': entry ranges of primary " +
                                            std::to_string(primaries.back()) + " past the extent " +
                                            std::to_string(primary_extent()) + " asked for");
    if (!layout_.listed_primaries.empty()) return listed_entry_ranges(primaries, begin, end, dxpl_id);
    if (layout_.coordinates && !coo_) build_coo_index(dxpl_id);
    pointer_ranges(primaries, primary_extent() - 1, begin, end, dxpl_id);
}

const std::vector<long long>& VirtualDataset::listed_values(hid_t dxpl_id) const {
    if (listed_loaded_) return listed_values_;
    const hsize_t n = listed_.length;  // at most the primary extent (a metadata rule)
    // Held as int64: at most the index memory, and never less than kListedBytes (index_memory=0
    // asks for coordinate scans, not for unreadable DCSR matrices).
    const size_t bound = std::max(index_bytes_, kListedBytes);
    if (static_cast<long double>(n) * sizeof(long long) > static_cast<long double>(bound))
        fail(H5E_RESOURCE, H5E_NOSPACE,
             "sparse matrix '" + path_ + "' (" + convention_ + "): '" + listed_.name + "' lists " + std::to_string(n) +
                 " primaries, more than " + std::to_string(bound >> 20) + " MiB can map");
    // A list not all written would be fill values where rows should be: not read.
    if (n > 0 && !all_written(listed_)) corrupt("'" + std::string(listed_.name) + "' is not all written");
    std::vector<long long> values(static_cast<size_t>(n));
    read_component(listed_, 0, n, H5T_NATIVE_LLONG, values.data(), dxpl_id);
    for (size_t k = 0; k < values.size(); ++k) {
        if (values[k] < 0 || static_cast<hsize_t>(values[k]) >= primary_extent())
            corrupt(std::string(listed_.name) + "[" + std::to_string(k) + "] is " + std::to_string(values[k]) +
                    ", out of range [0, " + std::to_string(primary_extent()) + ")");
        if (k > 0 && values[k] <= values[k - 1])
            corrupt(std::string(listed_.name) + " is not strictly increasing at position " + std::to_string(k) + " (" +
                    std::to_string(values[k - 1]) + " then " + std::to_string(values[k]) + ")");
    }
    listed_values_ = std::move(values);
    listed_loaded_ = true;
    return listed_values_;
}

void VirtualDataset::listed_entry_ranges(const std::vector<hsize_t>& primaries, std::vector<hsize_t>& begin,
                                         std::vector<hsize_t>& end, hid_t dxpl_id) const {
    const std::vector<long long>& listed = listed_values(dxpl_id);
    begin.resize(primaries.size());
    end.resize(primaries.size());
    // Each primary's place among the listed ones (primaries ascend, so the places do).
    std::vector<hsize_t> slot(primaries.size()), positions, pb, pe;
    for (size_t k = 0; k < primaries.size(); ++k) {
        slot[k] = static_cast<hsize_t>(std::lower_bound(listed.begin(), listed.end(), static_cast<long long>(primaries[k])) -
                                       listed.begin());
        if (slot[k] < listed.size() && (positions.empty() || positions.back() != slot[k])) positions.push_back(slot[k]);
    }
    // Primaries past the last listed one read nothing, at nnz: the last pair is checked for it
    // (indptr[-1] == nnz), as a CSR's last row would be.
    if (!listed.empty() && slot.back() == listed.size() && (positions.empty() || positions.back() != listed.size() - 1))
        positions.push_back(listed.size() - 1);
    pointer_ranges(positions, listed.empty() ? 0 : listed.size() - 1, pb, pe, dxpl_id);
    const hsize_t nnz = data_.length;
    for (size_t k = 0, i = 0; k < primaries.size(); ++k) {
        if (slot[k] == listed.size()) {  // past the last listed primary: nothing, at the end
            begin[k] = end[k] = nnz;
            continue;
        }
        while (positions[i] != slot[k]) ++i;
        const bool found = static_cast<hsize_t>(listed[slot[k]]) == primaries[k];
        begin[k] = pb[i];
        end[k] = found ? pe[i] : pb[i];  // unlisted: empty, just before the next listed one
    }
}

// `primaries` are indptr positions here: the view's primaries, or a doubly compressed matrix's
// places among its listed primaries.
void VirtualDataset::pointer_ranges(const std::vector<hsize_t>& primaries, hsize_t last_primary,
                                    std::vector<hsize_t>& begin, std::vector<hsize_t>& end, hid_t dxpl_id) const {
    begin.resize(primaries.size());
    end.resize(primaries.size());
    const long long nnz = static_cast<long long>(data_.length);
    // The rules on indptr's values, judged where a read uses them (opening reads none): a read
    // fails only when it touches a position that breaks one, and consistent rows read exactly.
    auto check_pair = [&](hsize_t p, long long b, long long e) {
        if (p == 0 && b != 0) corrupt(std::string(indptr_.name) + "[0] is " + std::to_string(b) + ", expected 0");
        if (b > e)
            corrupt(std::string(indptr_.name) + " is decreasing at position " + std::to_string(p + 1) + " (" + std::to_string(b) +
                    " then " + std::to_string(e) + ")");
        if (b < 0) corrupt(std::string(indptr_.name) + "[" + std::to_string(p) + "] is " + std::to_string(b) + ", negative");
        if (e > nnz || (p == last_primary && e != nnz))
            corrupt(std::string(indptr_.name) + (p == last_primary ? std::string("[-1]") : "[" + std::to_string(p + 1) + "]") +
                    " is " + std::to_string(e) + " but " +
                    (data_.under || nnz != 0 ? "'" + std::string(data_.name) + "' has " + std::to_string(nnz) + " values"
                                             : "'" + std::string(data_.name) + "' is absent (no entries)"));
    };
    // The first request, when it touches few primaries (a few rows of a big matrix), reads only
    // their ranges, as a one-off program would; any later or larger one keeps the whole indptr.
    const bool small_first = entry_requests_++ == 0 && primaries.size() * 64 < indptr_.length;
    if (indptr_cacheable_ && !indptr_cached_ && !small_first) {
        indptr_cache_.resize(indptr_.length);
        read_indptr(0, indptr_.length, indptr_cache_.data(), dxpl_id);
        indptr_cached_ = true;
    }
    auto record = [&](size_t k, long long b, long long e) {
        check_pair(primaries[k], b, e);
        begin[k] = static_cast<hsize_t>(b);
        end[k] = static_cast<hsize_t>(e);
    };
    if (indptr_cached_) {
        for (size_t k = 0; k < primaries.size(); ++k)
            record(k, indptr_cache_[primaries[k]], indptr_cache_[primaries[k] + 1]);
    } else {
        read_entry_ranges(primaries, record, dxpl_id);
    }
    // The touched ranges in ascending order never overlap, even where indptr is broken between
    // them (untouched, so unchecked): no stored entry lands at two positions of this request.
    for (size_t k = 1; k < primaries.size(); ++k)
        if (primaries[k] != primaries[k - 1] && end[k - 1] > begin[k])
            corrupt(std::string(indptr_.name) + " is decreasing between positions " + std::to_string(primaries[k - 1] + 1) + " and " +
                    std::to_string(primaries[k]) + " (" + std::to_string(end[k - 1]) + " then " +
                    std::to_string(begin[k]) + ")");
}

bool VirtualDataset::all_written(const Component& c) const {
    H5D_space_status_t status = H5D_SPACE_STATUS_ERROR;
    H5VL_dataset_get_args_t args{};
    args.op_type = H5VL_DATASET_GET_SPACE_STATUS;
    args.args.get_space_status.status = &status;
    check(H5VLdataset_get(c.under, under_vol_id_, &args, H5P_DATASET_XFER_DEFAULT, nullptr), H5E_DATASET, H5E_CANTGET,
          "cannot get a component's storage status");
    return status == H5D_SPACE_STATUS_ALLOCATED;
}

bool VirtualDataset::scans_coordinates() const {
    if (!layout_.coordinates || coo_) return false;
    opened();
    // Sized as build_coo_index sizes it: the native forms of the stored types.
    auto native_size = [](hid_t file_type) {
        Handle native(check(H5Tget_native_type(file_type, H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                            "cannot get the native form of a stored type"));
        return H5Tget_size(native.get());
    };
    const long double needed = coo_index_bytes(data_.length, primary_extent(), native_size(indices_.file_type.get()),
                                               native_size(data_.file_type.get()));
    if (needed <= static_cast<long double>(index_bytes_)) return false;
    // A scan reads every entry the arrays claim. Arrays with storage not (all) allocated hold
    // fill values where entries should be (a small file claiming a huge count): refused, not
    // scanned for minutes. (Without entries there is nothing to scan, nor anything allocated.)
    if (data_.length == 0) return true;
    for (const Component* c : {&indptr_, &indices_, &data_}) {
        if (!all_written(*c))
            fail(H5E_RESOURCE, H5E_NOSPACE,
                 "sparse matrix '" + path_ + "' (" + convention_ + "): a coordinate matrix of " +
                     std::to_string(data_.length) + " entries over " + std::to_string(primary_extent()) + " rows needs a " +
                     std::to_string(static_cast<unsigned long long>(needed / (1 << 20))) +
                     " MiB row index, more than the " + std::to_string(index_bytes_ >> 20) + " MiB allowed, and '" +
                     c->name + "' is not all written (its entries would be fill values): not scanned");
    }
    return true;
}

void VirtualDataset::build_coo_index(hid_t dxpl_id) const {
    const Component* arrays[] = {&indptr_, &indices_, &data_};  // rows, columns, values
    try {
        CooIndex index = h5sparse::build_coo_index(
            data_.length, primary_extent(), secondary_extent(), layout_.triangle, indices_.file_type.get(), data_.file_type.get(), index_bytes_, layout_.names,
            [&](int array, hsize_t first, hsize_t count, hid_t mem_type, void* buf) {
                read_component(*arrays[array], first, count, mem_type, buf, dxpl_id);
            });
        auto built = std::make_unique<CooIndex>(std::move(index));  // may throw: nothing set yet
        indptr_cache_.swap(built->pointers);
        coo_ = std::move(built);
        indptr_cached_ = true;
    } catch (const Error& e) {
        // Classified as it was: a value the file breaks (H5E_BADVALUE), a component read that
        // failed (named already, its HDF5 cause beneath), or the memory bound; named with the matrix.
        if (std::string(e.what()).find("sparse matrix '") != std::string::npos) throw;
        fail(e.major(), e.minor(), "sparse matrix '" + path_ + "' (" + convention_ + "): " + e.what());
    }
}

unsigned VirtualDataset::worker_threads() const noexcept {
    if (decode_threads_ == kHdf5Decodes) return 1;
    return decode_threads_ != 0 ? decode_threads_ : default_thread_count();
}

void VirtualDataset::expect_entries(const std::vector<std::pair<hsize_t, hsize_t>>& ranges) const {
    for (const Component* c : {&opened().indices_, &data_})
        if (c->chunks) c->chunks->expect(ranges);
}

template <typename Record>
void VirtualDataset::read_entry_ranges(const std::vector<hsize_t>& primaries, Record& record, hid_t dxpl_id) const {
    // Uncached: one read per run of nearby primary positions.
    std::vector<long long> buf;
    size_t i = 0;
    while (i < primaries.size()) {
        size_t j = i;
        while (j + 1 < primaries.size() && primaries[j + 1] - primaries[j] <= 64) ++j;
        hsize_t first = primaries[i], last = primaries[j] + 1;
        buf.resize(last - first + 1);
        read_indptr(first, last - first + 1, buf.data(), dxpl_id);
        for (size_t k = i; k <= j; ++k) record(k, buf[primaries[k] - first], buf[primaries[k] - first + 1]);
        i = j + 1;
    }
}

}  // namespace h5sparse
