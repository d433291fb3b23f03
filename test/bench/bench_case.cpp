#include "bench_case.hpp"

#include <stdexcept>

namespace h5sparse_bench {

Hid::Hid(hid_t id, const char* what) : id_(id) {
    if (id < 0) throw std::runtime_error(std::string("HDF5 call failed: ") + what);
}

Hid& Hid::operator=(Hid&& other) noexcept {
    if (this != &other) {
        if (id_ >= 0) H5Idec_ref(id_);
        id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
}

Hid::~Hid() {
    if (id_ >= 0) H5Idec_ref(id_);
}

void check(herr_t status, const char* what) {
    if (status < 0) throw std::runtime_error(std::string("HDF5 call failed: ") + what);
}

std::int64_t MatrixSelection::row_total() const {
    std::int64_t n = 0;
    for (const Run& r : rows) n += r.count;
    return n;
}

std::int64_t MatrixSelection::elements() const {
    return points ? static_cast<std::int64_t>(point_rows.size()) : row_total() * col_count;
}

hid_t mem_type_of(ValueKind kind) {
    switch (kind) {
        case ValueKind::kFloat32: return H5T_NATIVE_FLOAT;
        case ValueKind::kInt32: return H5T_NATIVE_INT32;
        case ValueKind::kFloat64: return H5T_NATIVE_DOUBLE;
    }
    return H5I_INVALID_HID;
}

std::size_t value_size(ValueKind kind) { return kind == ValueKind::kFloat64 ? 8 : 4; }

std::vector<std::string> BenchCase::contenders() const {
    if (passthrough) return {"connector", "dense"};
    std::vector<std::string> list{"connector", "floor"};
    if (compressed) list.push_back("connector_threads1");
    if (!dense_file.empty()) list.push_back("dense");
    return list;
}

Hid native_fapl() {
    Hid fapl(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate");
    check(H5Pset_vol(fapl.get(), H5VL_NATIVE, nullptr), "H5Pset_vol(native)");
    return fapl;
}

namespace {

struct SelectionFile {
    Hid file;

    std::vector<std::int64_t> read(const char* name) const {
        Hid dset(H5Dopen2(file.get(), name, H5P_DEFAULT), name);
        Hid space(H5Dget_space(dset.get()), "H5Dget_space");
        hssize_t n = H5Sget_simple_extent_npoints(space.get());
        std::vector<std::int64_t> values(static_cast<std::size_t>(n));
        check(H5Dread(dset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
        return values;
    }

    std::int64_t attribute(const char* name) const {
        Hid attr(H5Aopen(file.get(), name, H5P_DEFAULT), name);
        std::int64_t v = 0;
        check(H5Aread(attr.get(), H5T_NATIVE_INT64, &v), name);
        return v;
    }
};

// Row runs x a column window over a rows x cols matrix.
MatrixSelection block(std::vector<Run> rows, std::int64_t col_start, std::int64_t col_count) {
    MatrixSelection s;
    s.rows = std::move(rows);
    s.col_start = col_start;
    s.col_count = col_count;
    return s;
}

// Row runs x the listed columns.
MatrixSelection columns(std::vector<Run> rows, std::vector<std::int64_t> cols) {
    MatrixSelection s = block(std::move(rows), 0, static_cast<std::int64_t>(cols.size()));
    s.col_list = std::move(cols);
    return s;
}

std::vector<Run> single_rows(const std::vector<std::int64_t>& rows) {
    std::vector<Run> runs;
    for (std::int64_t r : rows) runs.push_back({r, 1});
    return runs;
}

}  // namespace

std::vector<BenchCase> load_cases(const std::string& dir) {
    Hid fapl = native_fapl();
    SelectionFile f{Hid(H5Fopen((dir + "/selections.h5").c_str(), H5F_ACC_RDONLY, fapl.get()), "open selections.h5")};
    const std::int64_t rows = f.attribute("rows"), cols = f.attribute("cols"), seed_n = f.attribute("seed_n");
    const auto contig = f.read("rows_contig");
    const auto random = f.read("rows_random");
    const auto runs_flat = f.read("row_runs");
    const auto window = f.read("cols_window");
    const auto col_one = f.read("col_one");
    const auto points = f.read("points");
    const auto seed_rows = f.read("seed_rows");
    const auto barcodes = f.read("tenx_barcodes");
    const auto sweep = f.read("sweep_counts");

    std::vector<Run> row_runs;
    for (std::size_t i = 0; i + 1 < runs_flat.size(); i += 2) row_runs.push_back({runs_flat[i], runs_flat[i + 1]});

    std::vector<BenchCase> cases;
    auto add = [&](std::string name, std::string title, std::string file, MatrixSelection sel) -> BenchCase& {
        BenchCase c;
        c.name = std::move(name);
        c.title = std::move(title);
        c.group = "main";
        c.sparse_file = dir + "/" + file;
        c.sparse_path = "/X";
        c.dense_file = dir + "/dense.h5";
        c.matrix_rows = rows;
        c.matrix_cols = cols;
        c.sel = std::move(sel);
        c.rows_selected = c.sel.points ? 0 : c.sel.row_total();
        cases.push_back(std::move(c));
        return cases.back();
    };
    const std::string n = std::to_string(contig[1]);
    const std::string w = std::to_string(window[1]);
    add("rows_contig", n + " contiguous rows (CSR)", "csr.h5ad", block({{contig[0], contig[1]}}, 0, cols)).series = "contig";
    add("rows_random", n + " random sorted rows (CSR)", "csr.h5ad", block(single_rows(random), 0, cols)).series = "random";
    add("row_runs", std::to_string(row_runs.size()) + " row runs, " + std::to_string(block(row_runs, 0, 0).row_total()) +
                        " rows (CSR)",
        "csr.h5ad", block(row_runs, 0, cols));
    add("csr_cols", w + " contiguous columns of the CSR (secondary)", "csr.h5ad",
        block({{0, rows}}, window[0], window[1]));
    add("csc_cols", w + " contiguous columns of the CSC (primary)", "csc.h5ad",
        block({{0, rows}}, window[0], window[1]));
    add("csr_col", "one full column of the CSR (secondary)", "csr.h5ad", block({{0, rows}}, col_one[0], 1));
    add("csc_col", "one full column of the CSC (primary)", "csc.h5ad", block({{0, rows}}, col_one[0], 1));
    {
        MatrixSelection p;
        p.points = true;
        for (std::size_t i = 0; i + 1 < points.size(); i += 2) {
            p.point_rows.push_back(points[i]);
            p.point_cols.push_back(points[i + 1]);
        }
        std::string title = std::to_string(p.point_rows.size()) + " random points (CSR)";
        add("points", std::move(title), "csr.h5ad", std::move(p));
    }
    add("whole", "the whole matrix (CSR)", "csr.h5ad", block({{0, rows}}, 0, cols)).series = "contig";
    {
        BenchCase& c = add("seed_rows", "seed X[" + std::to_string(seed_rows[0]) + ":" +
                                            std::to_string(seed_rows[0] + seed_rows[1]) + "] of " +
                                            std::to_string(seed_n) + "^2 float64 ones",
                           "seed.h5ad", block({{seed_rows[0], seed_rows[1]}}, 0, seed_n));
        c.dense_file.clear();
        c.value = ValueKind::kFloat64;
        c.matrix_rows = c.matrix_cols = seed_n;
    }
    // Issue 15: a CSC crossed by columns (its primaries) and by rows (its secondaries), in
    // anndata's uncompressed layout and in both gzip 10x layouts (barcodes are X's rows).
    const auto cols_contig = f.read("cols_contig");
    const auto cols_random = f.read("cols_random");
    const auto rows_100 = f.read("rows_random_100");
    const auto genes_100 = f.read("cols_random_100");
    const std::string m = std::to_string(cols_contig[1]);
    add("csc_cols_contig", m + " contiguous columns of the CSC, all rows", "csc.h5ad",
        block({{0, rows}}, cols_contig[0], cols_contig[1]));
    add("csc_cols_random", std::to_string(cols_random.size()) + " random columns of the CSC, all rows", "csc.h5ad",
        columns({{0, rows}}, cols_random));
    add("csc_rows", std::to_string(rows_100.size()) + " random rows of the CSC, all columns", "csc.h5ad",
        block(single_rows(rows_100), 0, cols));
    // The 10x matrix is features x barcodes, X transposed: barcodes are its columns.
    auto as_tenx = [&](BenchCase& c) {
        c.compressed = true;
        c.sparse_path = "/matrix";
        c.dense_file.clear();
        c.value = ValueKind::kInt32;
        c.matrix_rows = cols;
        c.matrix_cols = rows;
    };
    for (const char* file : {"tenx.h5", "tenx_h5py.h5"}) {
        const std::string layout = std::string(file) == "tenx.h5" ? "10x Cell Ranger chunks" : "10x h5py gzip chunks";
        const std::string key = std::string(file) == "tenx.h5" ? "tenx" : "tenx_h5py";
        auto add_tenx = [&](const std::string& name, const std::string& title, MatrixSelection sel) {
            as_tenx(add(key + "_" + name, title + " (" + layout + ")", file, std::move(sel)));
        };
        add_tenx("barcodes_contig", std::to_string(barcodes[1]) + " contiguous barcodes",
                 block({{0, cols}}, barcodes[0], barcodes[1]));
        add_tenx("barcodes_random", std::to_string(random.size()) + " random barcodes", columns({{0, cols}}, random));
        add_tenx("genes", std::to_string(genes_100.size()) + " genes across all barcodes",
                 block(single_rows(genes_100), 0, rows));
    }
    add("gzip_rows_random", n + " random sorted rows (gzip h5ad)", "csr_gzip.h5ad", block(single_rows(random), 0, cols))
        .compressed = true;
    add("gzip_cols", w + " contiguous columns (gzip h5ad)", "csr_gzip.h5ad", block({{0, rows}}, window[0], window[1]))
        .compressed = true;
    {
        BenchCase& c = add("passthrough", "pass-through: " + n + " rows of the dense twin", "dense.h5",
                           block({{contig[0], contig[1]}}, 0, cols));
        c.passthrough = true;
    }
    // The columns plot: k random columns of the CSC and k random barcodes of the Cell Ranger
    // file, all rows of each.
    for (std::int64_t k : f.read("sweep_col_counts")) {
        const std::string ks = std::to_string(k);
        BenchCase& c = add("sweep_csc_cols_" + ks, ks + " random columns of the CSC", "csc.h5ad",
                           columns({{0, rows}}, f.read(("sweep_cols_" + ks).c_str())));
        c.group = "sweep_cols";
        c.series = "csc";
        c.columns_selected = k;
        BenchCase& t = add("sweep_tenx_barcodes_" + ks, ks + " random barcodes (10x Cell Ranger chunks)", "tenx.h5",
                           columns({{0, cols}}, f.read(("sweep_barcodes_" + ks).c_str())));
        t.group = "sweep_cols";
        t.series = "tenx";
        t.columns_selected = k;
        as_tenx(t);
    }
    // The plot's sweep: contiguous and random rows, 1 .. 10,000 rows (the main cases give the
    // points at rows_contig's count and, for contiguous rows, at the whole matrix).
    for (std::int64_t k : sweep) {
        if (k == contig[1]) continue;
        const std::string ks = std::to_string(k);
        BenchCase& c = add("sweep_contig_" + ks, ks + " contiguous rows (CSR)", "csr.h5ad", block({{contig[0], k}}, 0, cols));
        c.group = "sweep";
        c.series = "contig";
        if (k == 1) continue;
        BenchCase& r = add("sweep_random_" + ks, ks + " random sorted rows (CSR)", "csr.h5ad",
                           block(single_rows(f.read(("sweep_random_" + ks).c_str())), 0, cols));
        r.group = "sweep";
        r.series = "random";
    }
    return cases;
}

Hid make_file_space(const BenchCase& c) {
    const hsize_t dims[2] = {static_cast<hsize_t>(c.matrix_rows), static_cast<hsize_t>(c.matrix_cols)};
    Hid space(H5Screate_simple(2, dims, nullptr), "H5Screate_simple");
    const MatrixSelection& s = c.sel;
    if (s.points) {
        std::vector<hsize_t> coords;
        coords.reserve(2 * s.point_rows.size());
        for (std::size_t i = 0; i < s.point_rows.size(); ++i) {
            coords.push_back(static_cast<hsize_t>(s.point_rows[i]));
            coords.push_back(static_cast<hsize_t>(s.point_cols[i]));
        }
        check(H5Sselect_elements(space.get(), H5S_SELECT_SET, s.point_rows.size(), coords.data()), "H5Sselect_elements");
        return space;
    }
    std::vector<Run> col_runs;
    if (s.col_list.empty()) col_runs.push_back({s.col_start, s.col_count});
    for (std::int64_t col : s.col_list) {
        if (!col_runs.empty() && col_runs.back().start + col_runs.back().count == col)
            ++col_runs.back().count;
        else
            col_runs.push_back({col, 1});
    }
    H5S_seloper_t op = H5S_SELECT_SET;
    for (const Run& r : s.rows)
        for (const Run& cr : col_runs) {
            const hsize_t start[2] = {static_cast<hsize_t>(r.start), static_cast<hsize_t>(cr.start)};
            const hsize_t count[2] = {static_cast<hsize_t>(r.count), static_cast<hsize_t>(cr.count)};
            check(H5Sselect_hyperslab(space.get(), op, start, nullptr, count, nullptr), "H5Sselect_hyperslab");
            op = H5S_SELECT_OR;
        }
    return space;
}

Hid make_mem_space(const BenchCase& c) {
    if (c.sel.points) {
        const hsize_t n = c.sel.point_rows.size();
        return Hid(H5Screate_simple(1, &n, nullptr), "H5Screate_simple");
    }
    const hsize_t dims[2] = {static_cast<hsize_t>(c.sel.row_total()), static_cast<hsize_t>(c.sel.col_count)};
    return Hid(H5Screate_simple(2, dims, nullptr), "H5Screate_simple");
}

}  // namespace h5sparse_bench
