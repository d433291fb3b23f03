#include "floor_read.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace h5sparse_bench {
namespace {

constexpr std::int64_t kMergeGap = 8192;           // entries: cheaper to read across than to call again
constexpr std::int64_t kPieceEntries = 1 << 20;    // entries per read of indices/data
constexpr std::int64_t kIndptrClusterGap = 4096;   // primaries: one indptr read across such gaps

// A 1-D component dataset and its file dataspace (reused for every range read).
struct Component {
    Hid dset;
    Hid space;

    Component(hid_t group, const char* name)
        : dset(H5Dopen2(group, name, chunk_cache_for(group, name).get()), name),
          space(H5Dget_space(dset.get()), "H5Dget_space") {}

    // Unfiltered chunks: no chunk cache; HDF5 then reads only the selected bytes of a chunk
    // (through the file's sieve buffer) instead of whole chunks into the cache: measured the
    // fastest first read for scattered rows, and the least memory.
    // Filtered chunks (10x): a cache holding a few 65,536 x 8-byte chunks, so a chunk split
    // between two pieces is inflated once.
    static Hid chunk_cache_for(hid_t group, const char* name) {
        Hid probe(H5Dopen2(group, name, H5P_DEFAULT), name);
        Hid dcpl(H5Dget_create_plist(probe.get()), "H5Dget_create_plist");
        const bool filtered = H5Pget_nfilters(dcpl.get()) > 0;
        Hid dapl(H5Pcreate(H5P_DATASET_ACCESS), "H5Pcreate");
        // w0 < 1: with w0 = 1.0 HDF5 never preempts partially read chunks, and the cache grows
        // past its size limit.
        check(H5Pset_chunk_cache(dapl.get(), filtered ? 1021 : 0, filtered ? std::size_t{8} << 20 : 0, 0.75),
              "H5Pset_chunk_cache");
        return dapl;
    }

    void read(hid_t mem_type, std::int64_t first, std::int64_t count, void* buf) const {
        const hsize_t f = static_cast<hsize_t>(first), n = static_cast<hsize_t>(count);
        check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &f, nullptr, &n, nullptr), "select component range");
        Hid mem(H5Screate_simple(1, &n, nullptr), "H5Screate_simple");
        check(H5Dread(dset.get(), mem_type, mem.get(), space.get(), H5P_DEFAULT, buf), "read component range");
    }
};

std::string string_attribute(hid_t obj, const char* name) {
    Hid attr(H5Aopen(obj, name, H5P_DEFAULT), name);
    Hid file_type(H5Aget_type(attr.get()), "H5Aget_type");
    Hid mem_type(H5Tcopy(H5T_C_S1), "H5Tcopy");
    check(H5Tset_cset(mem_type.get(), H5Tget_cset(file_type.get())), "H5Tset_cset");  // anndata: UTF-8
    if (H5Tis_variable_str(file_type.get()) > 0) {
        check(H5Tset_size(mem_type.get(), H5T_VARIABLE), "H5Tset_size");
        char* s = nullptr;
        check(H5Aread(attr.get(), mem_type.get(), &s), name);
        std::string value(s ? s : "");
        H5free_memory(s);
        return value;
    }
    const std::size_t size = H5Tget_size(file_type.get());
    check(H5Tset_size(mem_type.get(), size), "H5Tset_size");
    std::string value(size, '\0');
    check(H5Aread(attr.get(), mem_type.get(), value.data()), name);
    return value.substr(0, value.find('\0'));
}

}  // namespace

class FloorReader::Impl {
public:
    virtual ~Impl() = default;
    virtual void read(const MatrixSelection& sel, void* out) = 0;
};

namespace {

template <typename V, typename I>
class Floor final : public FloorReader::Impl {
public:
    Floor(hid_t group, bool csr, hid_t value_type, std::int64_t secondary_extent)
        : data_(group, "data"), indices_(group, "indices"), indptr_(group, "indptr"), csr_(csr),
          secondary_extent_(secondary_extent), value_type_(value_type),
          index_type_(sizeof(I) == 4 ? H5T_NATIVE_INT32 : H5T_NATIVE_INT64) {}

    void read(const MatrixSelection& sel, void* out) override {
        V* o = static_cast<V*>(out);
        if (!sel.points && csr_) {
            if (!sel.col_list.empty()) throw std::runtime_error("floor: CSR reads take a column window");
            return read_csr_block(sel, o);  // zero-fills row by row
        }
        std::memset(o, 0, static_cast<std::size_t>(sel.elements()) * sizeof(V));
        if (sel.points)
            read_points(sel, o);
        else
            read_csc_block(sel, o);
    }

private:
    // Rows x window of a CSR: row k of the result is selected row k. Each result row is zeroed
    // just before its entries are added (one pass over the result while it is in cache).
    void read_csr_block(const MatrixSelection& sel, V* out) {
        primaries_.clear();
        for (const Run& r : sel.rows)
            for (std::int64_t i = 0; i < r.count; ++i) primaries_.push_back(r.start + i);
        const std::int64_t c0 = sel.col_start, w = sel.col_count, c1 = c0 + w;
        const std::size_t row_bytes = static_cast<std::size_t>(w) * sizeof(V);
        std::size_t zeroed = 0;  // result rows [0, zeroed) are zero-filled
        auto zero_through = [&](std::size_t k) {
            if (k < zeroed) return;  // a later piece of a row already started
            std::memset(out + static_cast<std::int64_t>(zeroed) * w, 0, (k + 1 - zeroed) * row_bytes);
            zeroed = k + 1;
        };
        entry_ranges();
        if (c0 == 0 && w == secondary_extent_) {
            for_each_primary([&](std::size_t k, const I* idx, const V* val, std::int64_t n) {
                zero_through(k);
                V* row = out + static_cast<std::int64_t>(k) * w;
                for (std::int64_t t = 0; t < n; ++t) row[idx[t]] += val[t];
            });
        } else {
            for_each_primary([&](std::size_t k, const I* idx, const V* val, std::int64_t n) {
                zero_through(k);
                V* row = out + static_cast<std::int64_t>(k) * w - c0;
                for (const I* p = std::lower_bound(idx, idx + n, static_cast<I>(c0)); p < idx + n && *p < c1; ++p)
                    row[*p] += val[p - idx];
            });
        }
        if (!primaries_.empty()) zero_through(primaries_.size() - 1);
    }

    // Row runs x a column window or list of a CSC: the columns are the primaries. One row run
    // is found by binary search in each column; several go through a rank table.
    void read_csc_block(const MatrixSelection& sel, V* out) {
        const std::int64_t w = sel.col_count;
        if (sel.col_list.empty()) {
            primaries_.resize(static_cast<std::size_t>(w));
            std::iota(primaries_.begin(), primaries_.end(), sel.col_start);
        } else {
            primaries_ = sel.col_list;
        }
        if (sel.rows.size() != 1) {
            rank_.assign(static_cast<std::size_t>(secondary_extent_), -1);
            std::int64_t rank = 0;
            for (const Run& r : sel.rows)
                for (std::int64_t i = 0; i < r.count; ++i) rank_[static_cast<std::size_t>(r.start + i)] = rank++;
        }
        entry_ranges();
        if (sel.rows.size() != 1) {
            for_each_primary([&](std::size_t k, const I* idx, const V* val, std::int64_t n) {
                V* col = out + k;
                for (std::int64_t t = 0; t < n; ++t)
                    if (const std::int64_t r = rank_[static_cast<std::size_t>(idx[t])]; r >= 0) col[r * w] += val[t];
            });
            return;
        }
        const std::int64_t r0 = sel.rows[0].start, r1 = r0 + sel.rows[0].count;
        for_each_primary([&](std::size_t k, const I* idx, const V* val, std::int64_t n) {
            V* col = out + k - r0 * w;
            const I* p = r0 == 0 ? idx : std::lower_bound(idx, idx + n, static_cast<I>(r0));
            for (; p < idx + n && *p < r1; ++p) col[*p * w] += val[p - idx];
        });
    }

    void read_points(const MatrixSelection& sel, V* out) {
        const auto& prim = csr_ ? sel.point_rows : sel.point_cols;
        const auto& sec = csr_ ? sel.point_cols : sel.point_rows;
        order_.resize(prim.size());
        std::iota(order_.begin(), order_.end(), std::size_t{0});
        std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
            return prim[a] != prim[b] ? prim[a] < prim[b] : sec[a] < sec[b];
        });
        primaries_.clear();
        first_point_.clear();
        for (std::size_t q = 0; q < order_.size(); ++q)
            if (primaries_.empty() || primaries_.back() != prim[order_[q]]) {
                primaries_.push_back(prim[order_[q]]);
                first_point_.push_back(q);
            }
        first_point_.push_back(order_.size());
        entry_ranges();
        for_each_primary([&](std::size_t k, const I* idx, const V* val, std::int64_t n) {
            for (std::size_t q = first_point_[k]; q < first_point_[k + 1]; ++q) {
                const std::size_t point = order_[q];
                const I s = static_cast<I>(sec[point]);
                for (const I* p = std::lower_bound(idx, idx + n, s); p < idx + n && *p == s; ++p)
                    out[point] += val[p - idx];
            }
        });
    }

    // begin_/end_[k]: stored entries of primaries_[k] (ascending, distinct).
    void entry_ranges() {
        const std::size_t n = primaries_.size();
        begin_.resize(n);
        end_.resize(n);
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j + 1 < n && primaries_[j + 1] - primaries_[j] <= kIndptrClusterGap) ++j;
            const std::int64_t first = primaries_[i];
            ptr_.resize(static_cast<std::size_t>(primaries_[j] - first + 2));
            indptr_.read(H5T_NATIVE_INT64, first, static_cast<std::int64_t>(ptr_.size()), ptr_.data());
            for (std::size_t k = i; k <= j; ++k) {
                begin_[k] = ptr_[static_cast<std::size_t>(primaries_[k] - first)];
                end_[k] = ptr_[static_cast<std::size_t>(primaries_[k] - first + 1)];
            }
            i = j + 1;
        }
    }

    void load(std::int64_t first, std::int64_t count) {
        if (!idx_) {
            idx_.reset(new I[kPieceEntries]);
            val_.reset(new V[kPieceEntries]);
        }
        indices_.read(index_type_, first, count, idx_.get());
        data_.read(value_type_, first, count, val_.get());
    }

    // visit(k, indices, values, n) for every selected primary with stored entries, in order;
    // a primary larger than one piece is visited piece by piece.
    template <class Visit>
    void for_each_primary(Visit&& visit) {
        const std::size_t n = primaries_.size();
        for (std::size_t i = 0; i < n;) {
            if (begin_[i] == end_[i]) {
                ++i;
                continue;
            }
            if (end_[i] - begin_[i] > kPieceEntries) {
                for (std::int64_t b = begin_[i]; b < end_[i]; b += kPieceEntries) {
                    const std::int64_t e = std::min(end_[i], b + kPieceEntries);
                    load(b, e - b);
                    visit(i, idx_.get(), val_.get(), e - b);
                }
                ++i;
                continue;
            }
            std::size_t j = i;
            std::int64_t wb = begin_[i], we = end_[i];
            while (j + 1 < n && begin_[j + 1] - we <= kMergeGap && end_[j + 1] - wb <= kPieceEntries)
                we = std::max(we, end_[++j]);
            load(wb, we - wb);
            for (std::size_t k = i; k <= j; ++k)
                if (begin_[k] < end_[k]) visit(k, idx_.get() + (begin_[k] - wb), val_.get() + (begin_[k] - wb), end_[k] - begin_[k]);
            i = j + 1;
        }
    }

    Component data_, indices_, indptr_;
    bool csr_;
    std::int64_t secondary_extent_;  // a window [0, extent) needs no search
    hid_t value_type_, index_type_;
    std::vector<std::int64_t> primaries_, begin_, end_, ptr_;
    std::vector<std::size_t> order_, first_point_;
    std::vector<std::int64_t> rank_;  // result row of each matrix row, -1 if not selected
    std::unique_ptr<I[]> idx_;
    std::unique_ptr<V[]> val_;
};

template <typename V>
std::unique_ptr<FloorReader::Impl> make_floor(hid_t group, bool csr, hid_t value_type, std::size_t index_size,
                                              std::int64_t secondary_extent) {
    if (index_size == 4) return std::make_unique<Floor<V, std::int32_t>>(group, csr, value_type, secondary_extent);
    return std::make_unique<Floor<V, std::int64_t>>(group, csr, value_type, secondary_extent);
}

}  // namespace

FloorReader::FloorReader(hid_t file, const std::string& group_path, ValueKind value, std::int64_t rows,
                         std::int64_t cols) {
    Hid group(H5Gopen2(file, group_path.c_str(), H5P_DEFAULT), group_path.c_str());
    bool csr;
    if (H5Aexists(group.get(), "encoding-type") > 0) {
        csr = string_attribute(group.get(), "encoding-type") == "csr_matrix";
    } else if (H5Lexists(group.get(), "shape", H5P_DEFAULT) > 0) {
        csr = false;  // 10x: CSC, features x barcodes
    } else {
        throw std::runtime_error("floor: " + group_path + " is neither anndata nor 10x");
    }
    std::size_t index_size = 0;
    {  // closed before the components open it: an open dataset keeps its first chunk cache settings
        Hid indices(H5Dopen2(group.get(), "indices", H5P_DEFAULT), "indices");
        Hid index_type(H5Dget_type(indices.get()), "H5Dget_type");
        index_size = H5Tget_size(index_type.get());
    }
    const std::int64_t secondary = csr ? cols : rows;
    switch (value) {
        case ValueKind::kFloat32:
            impl_ = make_floor<float>(group.get(), csr, H5T_NATIVE_FLOAT, index_size, secondary);
            break;
        case ValueKind::kInt32:
            impl_ = make_floor<std::int32_t>(group.get(), csr, H5T_NATIVE_INT32, index_size, secondary);
            break;
        case ValueKind::kFloat64:
            impl_ = make_floor<double>(group.get(), csr, H5T_NATIVE_DOUBLE, index_size, secondary);
            break;
    }
}

FloorReader::~FloorReader() = default;

void FloorReader::read(const MatrixSelection& sel, void* out) { impl_->read(sel, out); }

}  // namespace h5sparse_bench
