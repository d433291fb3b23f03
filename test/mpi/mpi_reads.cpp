// Parallel HDF5 (MPI-IO) reads through the connector, run under mpiexec at several rank counts.
//
// Every rank opens the files with H5Pset_fapl_mpio (with and without collective metadata
// operations) and the connector from HDF5_VOL_CONNECTOR, reads its share of each matrix with
// independent and with collective transfer, and compares each value with the same block read
// from the dense twin natively (serial driver) and through the connector with the serial driver.
// Shares: equal blocks, uneven blocks, one rank selecting nothing, three reads per rank, and
// (independent transfer) a different number of reads on each rank. A hang is a failure: ctest's
// timeout ends the run.
//
// The skewed matrices are written here by rank 0 with the plain HDF5 C API (test/support's
// writer): the first half of the rows is empty, so the ranks on that side make no data reads at
// all while the others make several (hundreds of thousands of entries per rank), uncompressed
// and gzip-chunked. Their expected values come from the formula below, not from a reader.
//
//   mpi_reads <fixtures dir> <scratch dir>
#include <hdf5.h>
#include <mpi.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "support/sparse_writer.hpp"

namespace {

int rank = 0, ranks = 1;
long failures = 0;

void fail(const std::string& what) {
    ++failures;
    std::fprintf(stderr, "rank %d: FAIL: %s\n", rank, what.c_str());
}

// The skewed matrix: rows [0, kRows/2) empty; below, every fifth position (shifted per row).
constexpr std::uint64_t kRows = 4000, kCols = 2000;
double skewed_value(std::uint64_t r, std::uint64_t c) {
    if (r < kRows / 2 || (r * 7 + c * 3) % 5 != 0) return 0;
    return static_cast<double>(r * 1000 + c + 1);
}

void write_skewed(const std::string& path, int gzip_level) {
    std::vector<h5sparse_test::Triplet> entries;
    for (std::uint64_t r = 0; r < kRows; ++r)
        for (std::uint64_t c = 0; c < kCols; ++c)
            if (double v = skewed_value(r, c); v != 0) entries.push_back({r, c, v});
    hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    h5sparse_test::SparseGroupOptions options;
    options.rows = kRows;
    options.cols = kCols;
    options.chunked = gzip_level >= 0;
    options.chunk_elements = 65536;
    options.gzip_level = gzip_level;
    h5sparse_test::write_sparse_group(file, options, entries);
    H5Fclose(file);
}

// A matrix to read: its file, its path, its shape, and where the expected values come from.
struct Matrix {
    std::string file;
    std::string path;
    std::string twin;  // dense twin file (same path), or empty: skewed_value
    hsize_t rows = 0, cols = 0;
};

// One rank's reads: row (or column) ranges [first, last) of the split axis.
using Ranges = std::vector<std::pair<hsize_t, hsize_t>>;

std::vector<double> read_block(hid_t dset, int axis, hsize_t first, hsize_t last, hsize_t other, hid_t dxpl,
                               herr_t& status) {
    hid_t space = H5Dget_space(dset);
    hsize_t start[2] = {0, 0}, count[2] = {other, other};
    start[axis] = first;
    count[axis] = last - first;
    count[1 - axis] = other;
    std::vector<double> out(count[0] * count[1]);
    hid_t mem = H5Screate_simple(2, count, nullptr);
    if (count[0] * count[1] == 0) {
        H5Sselect_none(space);
        H5Sselect_none(mem);
    } else {
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
    }
    double dummy = 0;
    status = H5Dread(dset, H5T_NATIVE_DOUBLE, mem, space, dxpl, out.empty() ? &dummy : out.data());
    H5Sclose(mem);
    H5Sclose(space);
    return out;
}

hid_t open_dataset(const std::string& file, const std::string& path, hid_t fapl, hid_t& file_id) {
    file_id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl);
    return file_id < 0 ? -1 : H5Dopen2(file_id, path.c_str(), H5P_DEFAULT);
}

void run_case(const Matrix& m, int axis, bool collective_transfer, bool collective_metadata, const Ranges& mine,
              const std::string& share) {
    const std::string name = m.file.substr(m.file.rfind('/') + 1) + ":" + m.path + " " +
                             (axis == 0 ? "rows" : "columns") + " " + share + ", " +
                             (collective_transfer ? "collective" : "independent") +
                             (collective_metadata ? ", collective metadata" : "");
    const hsize_t other = axis == 0 ? m.cols : m.rows;
    const long failures_before = failures;
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_mpio(fapl, MPI_COMM_WORLD, MPI_INFO_NULL);
    if (collective_metadata) {
        H5Pset_all_coll_metadata_ops(fapl, true);
        H5Pset_coll_metadata_write(fapl, true);
    }
    hid_t dxpl = H5Pcreate(H5P_DATASET_XFER);
    H5Pset_dxpl_mpio(dxpl, collective_transfer ? H5FD_MPIO_COLLECTIVE : H5FD_MPIO_INDEPENDENT);
    hid_t file = -1, serial_file = -1, twin_file = -1;
    hid_t dset = open_dataset(m.file, m.path, fapl, file);
    hid_t serial = open_dataset(m.file, m.path, H5P_DEFAULT, serial_file);
    hid_t twin = -1;
    if (!m.twin.empty()) {
        hid_t native = H5Pcreate(H5P_FILE_ACCESS);
        H5Pset_vol(native, H5VL_NATIVE, nullptr);
        twin = open_dataset(m.twin, m.path, native, twin_file);
        H5Pclose(native);
    }
    if (dset < 0 || serial < 0 || (!m.twin.empty() && twin < 0)) {
        fail(name + ": cannot open the matrix through the connector, serially, or its twin");
    } else if (H5Iget_type(dset) != H5I_DATASET) {
        fail(name + ": not a dataset");
    } else {
        for (const auto& [first, last] : mine) {
            herr_t status = 0, serial_status = 0, twin_status = 0;
            const std::vector<double> got = read_block(dset, axis, first, last, other, dxpl, status);
            const std::vector<double> serial_got =
                read_block(serial, axis, first, last, other, H5P_DEFAULT, serial_status);
            std::vector<double> expected(got.size());
            if (twin >= 0) {
                expected = read_block(twin, axis, first, last, other, H5P_DEFAULT, twin_status);
            } else if (axis == 0) {  // (last - first) rows x all columns, row-major
                for (hsize_t r = first; r < last; ++r)
                    for (hsize_t c = 0; c < other; ++c) expected[(r - first) * other + c] = skewed_value(r, c);
            } else {  // all rows x (last - first) columns, row-major
                for (hsize_t r = 0; r < other; ++r)
                    for (hsize_t c = first; c < last; ++c) expected[r * (last - first) + (c - first)] = skewed_value(r, c);
            }
            if (status < 0 || serial_status < 0 || twin_status < 0) {
                fail(name + ": read of [" + std::to_string(first) + ", " + std::to_string(last) + ") failed");
                continue;
            }
            size_t wrong = 0, wrong_serial = 0;
            for (size_t k = 0; k < got.size(); ++k) {
                wrong += got[k] != expected[k];
                wrong_serial += serial_got[k] != expected[k];
            }
            if (wrong || wrong_serial)
                fail(name + ": [" + std::to_string(first) + ", " + std::to_string(last) + "): " +
                     std::to_string(wrong) + " values differ from the expected ones (" + std::to_string(wrong_serial) +
                     " in the serial read)");
        }
    }
    for (hid_t d : {dset, serial, twin}) if (d >= 0) H5Dclose(d);
    for (hid_t f : {file, serial_file, twin_file}) if (f >= 0) H5Fclose(f);
    H5Pclose(dxpl);
    H5Pclose(fapl);
    long here = failures - failures_before, all = 0;
    MPI_Allreduce(&here, &all, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    if (rank == 0) std::printf("%s: %s\n", all ? "FAIL" : "ok", name.c_str());
    std::fflush(stdout);
}

// Splits [0, n) by weights, one range per rank.
Ranges weighted_share(hsize_t n, const std::function<double(int)>& weight) {
    double total = 0;
    for (int r = 0; r < ranks; ++r) total += weight(r);
    double before = 0;
    for (int r = 0; r < rank; ++r) before += weight(r);
    const auto at = [&](double w) { return static_cast<hsize_t>(static_cast<double>(n) * w / total + 0.5); };
    return {{at(before), at(before + weight(rank))}};
}

Ranges split_in(Ranges one, int pieces) {
    auto [first, last] = one[0];
    Ranges out;
    for (int p = 0; p < pieces; ++p)
        out.push_back({first + (last - first) * p / pieces, first + (last - first) * (p + 1) / pieces});
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (argc != 3) {
        if (rank == 0) std::fprintf(stderr, "usage: mpi_reads <fixtures dir> <scratch dir>\n");
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    const std::string fixtures = argv[1], scratch = argv[2];
    const std::string skewed = scratch + "/skewed.h5ad", skewed_gzip = scratch + "/skewed_gzip.h5ad";
    if (rank == 0) {
        write_skewed(skewed, -1);
        write_skewed(skewed_gzip, 4);
    }
    MPI_Barrier(MPI_COMM_WORLD);

    const std::vector<Matrix> matrices = {
        {fixtures + "/anndata.h5ad", "/X", fixtures + "/anndata_dense.h5", 60, 40},
        {fixtures + "/anndata.h5ad", "/layers/counts", fixtures + "/anndata_dense.h5", 60, 40},
        {fixtures + "/tenx_v3.h5", "/matrix", fixtures + "/tenx_v3_dense.h5", 50, 30},
        {skewed, "/X", "", kRows, kCols},
        {skewed_gzip, "/X", "", kRows, kCols},
    };
    for (const Matrix& m : matrices) {
        for (int axis : {0, 1}) {
            const hsize_t n = axis == 0 ? m.rows : m.cols;
            const Ranges equal = weighted_share(n, [](int) { return 1.0; });
            const Ranges uneven = weighted_share(n, [](int r) { return (r + 1.0) * (r + 1.0); });
            const Ranges empty_last =
                rank == ranks - 1 ? Ranges{{0, 0}} : weighted_share(n, [](int r) { return r == ranks - 1 ? 0.0 : 1.0; });
            for (bool collective_metadata : {false, true}) {
                for (bool collective : {false, true}) {
                    run_case(m, axis, collective, collective_metadata, equal, "equal shares");
                    run_case(m, axis, collective, collective_metadata, uneven, "uneven shares");
                    run_case(m, axis, collective, collective_metadata, empty_last, "last rank empty");
                    run_case(m, axis, collective, collective_metadata, split_in(equal, 3), "three reads per rank");
                }
                // A different number of reads on each rank: legal with independent transfer only.
                run_case(m, axis, false, collective_metadata, split_in(equal, rank + 1), "rank+1 reads per rank");
            }
        }
    }
    long all = 0;
    MPI_Allreduce(&failures, &all, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
    if (rank == 0) std::printf("%d ranks: %ld failure(s)\n", ranks, all);
    MPI_Finalize();
    return all == 0 ? 0 : 1;
}
