#include "read_harness.hpp"

#include "support/native_access.hpp"
#include "support/type_text.hpp"

#include <h5sparse_vol.h>

#include <algorithm>
#include <sstream>

namespace h5sparse_test {
namespace {

std::uint64_t integer_max(hid_t type) {
    const std::size_t bits = H5Tget_size(type) * 8 - (H5Tget_sign(type) == H5T_SGN_NONE ? 0 : 1);
    return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
}

// The candidate list rotated to `start`, first entry whose maximum is at least `needed`.
hid_t pick_integer_type(std::span<const hid_t> candidates, std::size_t start, std::uint64_t needed) {
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const hid_t t = candidates[(start + k) % candidates.size()];
        if (integer_max(t) >= needed) return t;
    }
    return H5T_NATIVE_UINT64;
}

hid_t big_endian_copy(MatrixCase& c, hid_t type) {
    H5Handle copy = owned(H5Tcopy(type), "H5Tcopy");
    check_status(H5Tset_order(copy.get(), H5T_ORDER_BE), "H5Tset_order(BE)");
    const hid_t id = copy.get();
    c.owned_types.push_back(std::move(copy));
    return id;
}

}  // namespace

H5Handle connector_fapl(const std::string& options) {
    H5Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate(FILE_ACCESS)");
    const std::string info = options.empty() ? std::string(connector_info) : std::string(connector_info) + ";" + options;
    check_status(h5sparse_vol_set_fapl(fapl.get(), info.c_str()), "h5sparse_vol_set_fapl");
    return fapl;
}

H5Handle open_through_connector(const std::string& path, const std::string& options) {
    const H5Handle fapl = connector_fapl(options);
    return owned(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), "H5Fopen(" + path + ") through the connector");
}

TwinFiles::TwinFiles(std::string_view stem, const std::function<void(hid_t)>& write)
    : native_(std::string(stem) + "-native"), connector_(std::string(stem) + "-connector") {
    for (const TempFile* f : {&native_, &connector_}) {
        const H5Handle out = create_native_file(f->path());
        write(out.get());
    }
}

H5Handle try_open_dataset(hid_t file, const std::string& path, std::string* error, int* reports) {
    H5Handle dset;
    {
        const ErrorReportCounter counter;
        dset.reset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
        if (!dset.valid() && error != nullptr) *error = hdf5_error_text();
        if (reports != nullptr) *reports = counter.count();
    }
    return dset;
}

ReadResult read_selection(hid_t dset, hid_t mem_type, const MemorySpace& mem, const FileSelection& file,
                          std::span<const std::byte> sentinel) {
    ReadResult r;
    r.buffer.assign(sentinel.begin(), sentinel.end());
    // A zero-sized buffer still needs a valid pointer unless the test passes NULL on purpose.
    std::byte dummy{};
    void* buf = r.buffer.empty() ? static_cast<void*>(&dummy) : static_cast<void*>(r.buffer.data());
    const ErrorReportCounter counter;
    r.status = H5Dread(dset, mem_type, mem.arg.id(), file.arg.id(), H5P_DEFAULT, buf);
    if (r.status < 0) r.error = hdf5_error_text();
    r.reports = counter.count();
    return r;
}

MatrixCase make_matrix_case(std::uint64_t base_seed, int index) {
    static const hid_t value_types[] = {H5T_NATIVE_INT8,  H5T_NATIVE_INT16,  H5T_NATIVE_INT32, H5T_NATIVE_INT64,
                                        H5T_NATIVE_UINT8, H5T_NATIVE_UINT32, H5T_NATIVE_FLOAT, H5T_NATIVE_DOUBLE};
    static const double densities[] = {0.0, 0.01, 0.2, 1.0};
    static const std::uint64_t shapes[][2] = {{1, 1},     {1, 40},    {40, 1},    {1, 300},  {300, 1},  {5, 7},
                                              {16, 16},   {30, 50},   {64, 33},   {100, 80}, {257, 20}, {20, 257},
                                              {150, 180}, {600, 400}, {700, 520}, {5000, 3}, {3, 5000}};
    static const hid_t index_types[] = {H5T_NATIVE_UINT8, H5T_NATIVE_INT16,  H5T_NATIVE_INT32, H5T_NATIVE_UINT32,
                                        H5T_NATIVE_INT64, H5T_NATIVE_UINT64, H5T_NATIVE_INT8};
    static const hid_t indptr_types[] = {H5T_NATIVE_UINT8,  H5T_NATIVE_INT16, H5T_NATIVE_INT32,
                                         H5T_NATIVE_UINT32, H5T_NATIVE_INT64, H5T_NATIVE_UINT64};
    static const char* paths[] = {"/X", "/layers/counts", "/a/b/c/matrix"};

    const auto i = static_cast<std::uint64_t>(index);
    MatrixCase c;
    c.seed = derive_seed(base_seed, i);
    Rng rng(c.seed);

    // Consecutive blocks of 32 indices cover value type x orientation x convention; the density
    // rotates by one per block, so 128 indices give every value type every density.
    MatrixSpec& s = c.spec;
    s.value_type = value_types[i % 8];
    s.orientation = (i / 8) % 2 == 0 ? Orientation::csr : Orientation::csc;
    s.density = densities[(i + i / 32) % 4];
    const auto& shape = rng.pick(shapes);
    s.rows = shape[0];
    s.cols = shape[1];
    s.sorted = rng.chance(0.5);
    s.duplicates = rng.chance(0.3);
    s.explicit_zeros = rng.chance(0.2);
    if (rng.chance(0.3)) {
        s.empty_rows = 0.3;
        s.empty_cols = 0.3;
    }
    if (rng.chance(0.1)) s.value_type = big_endian_copy(c, s.value_type);

    SparseGroupOptions& o = c.options;
    // CSR cases also rotate through the conventions that present a CSR only, CSC cases through
    // h5Seurat's.
    static const Convention csr_conventions[] = {Convention::anndata, Convention::h5sparse, Convention::matlab,
                                                 Convention::octave, Convention::hdmf};
    static const Convention csc_conventions[] = {Convention::anndata, Convention::h5sparse, Convention::h5seurat};
    o.convention = s.orientation == Orientation::csr ? csr_conventions[(i / 16) % std::size(csr_conventions)]
                                                     : csc_conventions[(i / 16) % std::size(csc_conventions)];
    o.orientation = s.orientation;
    o.rows = s.rows;
    o.cols = s.cols;
    o.value_type = s.value_type;
    o.path = rng.pick(paths);
    o.chunked = rng.chance(0.6);
    o.unlimited = rng.chance(0.7);
    o.chunk_elements = rng.chance(0.5) ? 0 : rng.uniform(1, 64);
    o.gzip_level = o.chunked && rng.chance(0.5) ? static_cast<int>(rng.uniform(1, 9)) : -1;
    // Compressed components are decoded by the connector's own threads: shuffle (Cell Ranger),
    // a chunk larger than the component, and 1 or 4 threads as well as the default.
    o.shuffle = o.gzip_level >= 0 && rng.chance(0.5);
    if (o.chunked && o.unlimited && rng.chance(0.1)) o.chunk_elements = 0x10000;
    static const unsigned thread_counts[] = {0, 1, 4};
    c.threads = rng.pick(thread_counts);
    c.dense_path = "/dense_twin";

    c.entries = random_entries(rng, s);
    c.reference = dense_reference(s.rows, s.cols, c.entries);
    // At most ~500 chunks per component: tiny compressed chunks over 10^5 entries make every
    // read that needs a whole CSC row decompress everything (about a second per read), which
    // tests nothing more than a few hundred chunks do.
    if (o.chunk_elements != 0 && c.entries.size() / o.chunk_elements > 500)
        o.chunk_elements = c.entries.size() / 500 + 1;

    const std::uint64_t minor_dim = s.orientation == Orientation::csr ? s.cols : s.rows;
    o.index_type = pick_integer_type(index_types, (i * 3 + i / 8) % std::size(index_types), minor_dim - 1);
    o.indptr_type = pick_integer_type(indptr_types, (i * 5 + i / 16) % std::size(indptr_types), c.entries.size());
    if (rng.chance(0.1)) o.index_type = big_endian_copy(c, o.index_type);
    if (rng.chance(0.1)) o.indptr_type = big_endian_copy(c, o.indptr_type);

    std::ostringstream d;
    d << "case " << index << " seed=0x" << std::hex << c.seed << std::dec << " [" << describe(s)
      << " nnz=" << c.entries.size() << " " << to_string(o.convention) << " path=" << o.path
      << " index=" << type_name(o.index_type) << " indptr=" << type_name(o.indptr_type)
      << (o.chunked ? " chunked" : " contiguous");
    if (o.chunked)
        d << " chunk=" << o.chunk_elements << (o.unlimited ? " unlimited" : "") << " gzip=" << o.gzip_level
          << (o.shuffle ? " shuffle" : "");
    if (c.threads != 0) d << " threads=" << c.threads;
    d << "]";
    c.description = d.str();
    return c;
}

void write_matrix_case(hid_t file, const MatrixCase& c) {
    write_sparse_group(file, c.options, c.entries);
    write_dense_twin(file, c.dense_path, c.spec.value_type, c.spec.rows, c.spec.cols, c.reference.values);
}

hid_t random_memory_type(Rng& rng, hid_t stored_type) {
    static const hid_t conversions[] = {H5T_NATIVE_DOUBLE, H5T_NATIVE_FLOAT, H5T_NATIVE_INT8,  H5T_NATIVE_INT16,
                                        H5T_NATIVE_INT32,  H5T_NATIVE_INT64, H5T_NATIVE_UINT8, H5T_NATIVE_UINT16,
                                        H5T_NATIVE_UINT64, H5T_IEEE_F64BE,   H5T_STD_I32BE};
    // Stored types in the other byte order get every conversion too: HDF5 converts those with
    // its "soft" routines, which disagree with the hard ones on overflow and small negative
    // fractions (see non_native_byte_order_conversions in read_edge_cases_test.cpp), and a
    // dense read shows the soft results.
    return rng.chance(0.5) ? stored_type : rng.pick(conversions);
}

}  // namespace h5sparse_test
