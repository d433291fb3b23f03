// The MPI benchmark of issue 14 (h5tools-scripts/h5sparse-bench --mpi runs it in the Debian 13
// root with OpenMPI's HDF5): every rank reads its share of the rows of a CSR group, all columns,
// in blocks of B rows, with the file opened through MPI-IO (H5Pset_fapl_mpio), and the time of
// the slowest rank is reported.
//
// Contenders, each with independent and with collective transfer:
//  - native: the rank reads the components itself, as a hand-written MPI program would: per block
//    one indptr read (B + 1 positions), one indices and one data read of the block's entries, zero
//    fill and scatter. Every rank makes the same number of calls (a rank past its last block
//    reads empty selections), which collective transfer requires.
//  - connector: H5Dread of the same row block of the virtual dataset, same transfer list.
//
// One untimed warm-up pass checks that both contenders produce the same values (a weighted sum of
// every block, reduced over ranks; the values are small integers, so the sum is exact), then
// `reps` timed passes; each pass reopens the file. Output (rank 0), one line per contender:
//   <transfer> <contender> ranks=<n> best=<s> median=<s> checksum=<sum>
//
//   mpi_bench <file> <group> <block rows> <reps> [native|connector]   (one contender: for profiling)
#include <hdf5.h>
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

int rank = 0, ranks = 1;

void check(herr_t status, const char* what) {
    if (status < 0) throw std::runtime_error(what);
}

// An identifier closed at scope exit (H5Idec_ref closes any kind).
struct Id {
    hid_t id;
    Id(hid_t i, const char* what) : id(i) { check(i < 0 ? -1 : 0, what); }
    ~Id() { H5Idec_ref(id); }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
};

struct Setup {
    std::string file, group;
    hsize_t rows = 0, cols = 0, block = 0;
    int reps = 0;
    std::string only;  // one contender, or both
};

// This rank's rows [first, last), and the number of blocks every rank makes (the largest share's).
struct Share {
    hsize_t first, last, blocks;
};

Share share_of(const Setup& s) {
    const hsize_t first = s.rows * static_cast<hsize_t>(rank) / static_cast<hsize_t>(ranks);
    const hsize_t last = s.rows * static_cast<hsize_t>(rank + 1) / static_cast<hsize_t>(ranks);
    const hsize_t largest = (s.rows + static_cast<hsize_t>(ranks) - 1) / static_cast<hsize_t>(ranks);
    return {first, last, (largest + s.block - 1) / s.block};
}

Id open_file(const Setup& s, bool native) {
    Id fapl(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate");
    check(H5Pset_fapl_mpio(fapl.id, MPI_COMM_WORLD, MPI_INFO_NULL), "H5Pset_fapl_mpio");
    if (native) check(H5Pset_vol(fapl.id, H5VL_NATIVE, nullptr), "H5Pset_vol");  // else HDF5_VOL_CONNECTOR's
    return Id(H5Fopen(s.file.c_str(), H5F_ACC_RDONLY, fapl.id), s.file.c_str());
}

// Reads [first, first + count) of a 1-D dataset; count 0 reads an empty selection (still a call).
void read_range(hid_t dset, hid_t mem_type, hsize_t first, hsize_t count, void* buf, hid_t dxpl) {
    Id file_space(H5Dget_space(dset), "H5Dget_space");
    const hsize_t one = 1;
    Id mem_space(H5Screate_simple(1, count ? &count : &one, nullptr), "H5Screate_simple");
    if (count) {
        check(H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, &first, nullptr, &count, nullptr), "select");
    } else {
        check(H5Sselect_none(file_space.id), "select none");
        check(H5Sselect_none(mem_space.id), "select none");
    }
    check(H5Dread(dset, mem_type, mem_space.id, file_space.id, dxpl, buf), "H5Dread component");
}

class NativeBlocks {
public:
    NativeBlocks(hid_t file, const Setup& s)
        : indptr_(H5Dopen2(file, (s.group + "/indptr").c_str(), H5P_DEFAULT), "indptr"),
          indices_(H5Dopen2(file, (s.group + "/indices").c_str(), H5P_DEFAULT), "indices"),
          data_(H5Dopen2(file, (s.group + "/data").c_str(), H5P_DEFAULT), "data"),
          ptr_(s.block + 1) {
        Id type(H5Dget_type(indices_.id), "H5Dget_type");
        if (H5Tget_size(type.id) != 4) throw std::runtime_error("mpi_bench expects 32-bit indices (anndata's)");
    }

    // Rows [r0, r1) x all columns into out (row-major); r0 == r1: empty reads.
    void read(hsize_t r0, hsize_t r1, hsize_t cols, float* out, hid_t dxpl) {
        const hsize_t n = r1 - r0;
        read_range(indptr_.id, H5T_NATIVE_INT64, r0, n ? n + 1 : 0, ptr_.data(), dxpl);
        const hsize_t p0 = n ? static_cast<hsize_t>(ptr_[0]) : 0, p1 = n ? static_cast<hsize_t>(ptr_[n]) : 0;
        idx_.resize(std::max<hsize_t>(p1 - p0, 1));
        val_.resize(idx_.size());
        read_range(indices_.id, H5T_NATIVE_INT32, p0, p1 - p0, idx_.data(), dxpl);
        read_range(data_.id, H5T_NATIVE_FLOAT, p0, p1 - p0, val_.data(), dxpl);
        std::memset(out, 0, n * cols * sizeof(float));
        for (hsize_t r = 0; r < n; ++r) {
            float* row = out + r * cols;
            for (auto t = ptr_[r] - ptr_[0]; t < ptr_[r + 1] - ptr_[0]; ++t)
                row[idx_[static_cast<std::size_t>(t)]] += val_[static_cast<std::size_t>(t)];
        }
    }

private:
    Id indptr_, indices_, data_;
    std::vector<std::int64_t> ptr_;
    std::vector<std::int32_t> idx_;
    std::vector<float> val_;
};

// Rows [r0, r1) of the virtual dataset; r0 == r1: an empty selection.
void connector_read(hid_t dset, hsize_t r0, hsize_t r1, hsize_t cols, float* out, hid_t dxpl) {
    Id file_space(H5Dget_space(dset), "H5Dget_space");
    const hsize_t start[2] = {r0, 0}, count[2] = {std::max<hsize_t>(r1 - r0, 1), cols};
    Id mem_space(H5Screate_simple(2, count, nullptr), "H5Screate_simple");
    if (r1 > r0) {
        check(H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
    } else {
        check(H5Sselect_none(file_space.id), "select none");
        check(H5Sselect_none(mem_space.id), "select none");
    }
    check(H5Dread(dset, H5T_NATIVE_FLOAT, mem_space.id, file_space.id, dxpl, out), "H5Dread virtual dataset");
}

// Exact for the benchmark's values (integers 1..50): well below 2^53 in all.
double weighted_sum(const float* block, hsize_t r0, hsize_t n, hsize_t cols) {
    double sum = 0;
    for (hsize_t r = 0; r < n; ++r)
        for (hsize_t c = 0; c < cols; ++c)
            if (const float v = block[r * cols + c]; v != 0) sum += v * static_cast<double>((r0 + r) % 7 + 1) * static_cast<double>(c % 11 + 1);
    return sum;
}

// One pass over this rank's share; returns the slowest rank's seconds (on every rank) and, when
// `sum` is given, the weighted sum of everything all ranks read.
double pass(const Setup& s, bool native, bool collective, std::vector<float>& out, double* sum) {
    Id file = open_file(s, native);
    Id dxpl(H5Pcreate(H5P_DATASET_XFER), "H5Pcreate");
    check(H5Pset_dxpl_mpio(dxpl.id, collective ? H5FD_MPIO_COLLECTIVE : H5FD_MPIO_INDEPENDENT), "H5Pset_dxpl_mpio");
    const Share mine = share_of(s);
    double local_sum = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    const double t0 = MPI_Wtime();
    {
        std::unique_ptr<NativeBlocks> blocks;
        std::unique_ptr<Id> vds;
        if (native)
            blocks = std::make_unique<NativeBlocks>(file.id, s);
        else
            vds = std::make_unique<Id>(H5Dopen2(file.id, s.group.c_str(), H5P_DEFAULT), s.group.c_str());
        for (hsize_t b = 0; b < mine.blocks; ++b) {
            const hsize_t r0 = std::min(mine.first + b * s.block, mine.last);
            const hsize_t r1 = std::min(r0 + s.block, mine.last);
            if (native)
                blocks->read(r0, r1, s.cols, out.data(), dxpl.id);
            else
                connector_read(vds->id, r0, r1, s.cols, out.data(), dxpl.id);
            if (sum) local_sum += weighted_sum(out.data(), r0, r1 - r0, s.cols);
        }
    }
    const double mine_s = MPI_Wtime() - t0;
    double slowest = 0;
    MPI_Allreduce(&mine_s, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    if (sum) MPI_Allreduce(&local_sum, sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return slowest;
}

void dims_of(Setup& s) {  // through the connector: the virtual dataset's shape
    Id file = open_file(s, false);
    Id dset(H5Dopen2(file.id, s.group.c_str(), H5P_DEFAULT), "the virtual dataset (is HDF5_VOL_CONNECTOR set?)");
    Id space(H5Dget_space(dset.id), "H5Dget_space");
    hsize_t dims[2] = {0, 0};
    if (H5Sget_simple_extent_ndims(space.id) != 2) throw std::runtime_error(s.group + " is not 2-D through the connector");
    H5Sget_simple_extent_dims(space.id, dims, nullptr);
    s.rows = dims[0];
    s.cols = dims[1];
}

int run(Setup& s) {
    dims_of(s);
    std::vector<float> out(static_cast<std::size_t>(s.block * s.cols));
    int status = 0;
    for (const bool collective : {false, true}) {
        double sums[2] = {0, 0};
        for (const bool native : {true, false}) {
            if (!s.only.empty() && s.only != (native ? "native" : "connector")) continue;
            pass(s, native, collective, out, &sums[native]);  // warm-up, checked
            std::vector<double> times;
            for (int i = 0; i < s.reps; ++i) times.push_back(pass(s, native, collective, out, nullptr));
            std::sort(times.begin(), times.end());
            if (rank == 0)
                std::printf("%s %s ranks=%d best=%.4f median=%.4f checksum=%.0f\n",
                            collective ? "collective" : "independent", native ? "native" : "connector", ranks,
                            times.front(), times[times.size() / 2], sums[native]);
        }
        if (s.only.empty() && (sums[0] != sums[1] || sums[0] == 0)) {
            if (rank == 0)
                std::fprintf(stderr, "mpi_bench: FAIL: %s: connector and native disagree (%.0f vs %.0f)\n",
                             collective ? "collective" : "independent", sums[0], sums[1]);
            status = 1;
        }
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    int status = 2;
    if (argc != 5 && argc != 6) {
        if (rank == 0) std::fprintf(stderr, "usage: mpi_bench <file> <group> <block rows> <reps> [native|connector]\n");
    } else {
        Setup s;
        s.file = argv[1];
        s.group = argv[2];
        s.block = std::strtoull(argv[3], nullptr, 10);
        s.reps = std::max(1, std::atoi(argv[4]));
        if (argc == 6) s.only = argv[5];
        try {
            status = s.block ? run(s) : 2;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "mpi_bench: rank %d: %s\n", rank, e.what());
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
    }
    MPI_Finalize();
    return status;
}
