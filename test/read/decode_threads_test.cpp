// The worker threads (plugin/util/worker_pool.hpp) seen from a program: a child of fork() that
// inherits a virtual dataset whose chunks were being decoded ahead by its parent's workers
// (which the child does not have) reads exactly, and does not wait forever on them; a wide
// result zeroed in parts by several threads reads exactly.
#define BOOST_TEST_MODULE read.decode_threads
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "read/read_harness.hpp"
#include "support/dense_reference.hpp"
#include "support/random.hpp"
#include "support/random_matrix.hpp"
#include "support/sparse_writer.hpp"
#include "support/temp_file.hpp"

using namespace h5sparse_test;

namespace {

// Rows [row, row + rows) x columns [col, col + cols) of the 2-D dataset `d` as doubles; the
// buffer starts as -1, so a place the read left alone shows.
std::vector<double> block_of(hid_t d, hsize_t row, hsize_t rows, hsize_t col, hsize_t cols) {
    const H5Handle space = owned(H5Dget_space(d), "space");
    const hsize_t start[2] = {row, col}, counts[2] = {rows, cols};
    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, counts, nullptr), "select");
    const H5Handle mem = owned(H5Screate_simple(2, counts, nullptr), "mem");
    std::vector<double> out(rows * cols, -1.0);
    check_status(H5Dread(d, H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, out.data()), "read");
    return out;
}

// Random entries of `spec` (seeded by `seed`) written as the group `o`, its shape and orientation
// those of `spec`, to a new file at `path`; returns the dense matrix they make.
DenseMatrix write_random_matrix(const std::string& path, const MatrixSpec& spec, std::uint64_t seed,
                                SparseGroupOptions o) {
    Rng rng(seed);
    const std::vector<Triplet> entries = random_entries(rng, spec);
    o.rows = spec.rows;
    o.cols = spec.cols;
    o.orientation = spec.orientation;
    const H5Handle f = owned(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create");
    write_sparse_group(f.get(), o, entries);
    return dense_reference(spec.rows, spec.cols, entries);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_fork_child_reads_what_its_parent_queued) {
    // A CSR in many small shuffle + gzip chunks: a read of its first rows queues the chunks of
    // the rows after it to the workers (the reader announces whole windows).
    MatrixSpec spec;
    spec.rows = 3000;
    spec.cols = 200;
    spec.density = 0.05;
    spec.value_type = H5T_NATIVE_INT32;
    SparseGroupOptions o;
    o.value_type = H5T_STD_I32LE;
    o.chunked = true;
    o.chunk_elements = 256;
    o.gzip_level = 1;
    o.shuffle = true;
    TempFile file("h5sparse-fork");
    const DenseMatrix expected = write_random_matrix(file.path(), spec, 0x5eed, o);
    const H5Handle f = open_through_connector(file.path(), "threads=2");
    const H5Handle d = owned(H5Dopen2(f.get(), "/X", H5P_DEFAULT), "open /X");
    // A narrow column window of sorted rows reads few values: the `data` chunks of the rows'
    // windows are queued to the workers but never waited for by that read.
    for (int round = 0; round < 20; ++round) {
        const hsize_t first = static_cast<hsize_t>(round) * 150;
        const std::vector<double> narrow = block_of(d.get(), first, 150, 0, 2);
        const pid_t child = fork();
        BOOST_REQUIRE(child >= 0);
        if (child == 0) {
            alarm(20);  // a hang fails the test instead of the run
            const std::vector<double> all = block_of(d.get(), first, 150, 0, spec.cols);
            bool same = true;
            for (hsize_t i = 0; i < all.size(); ++i) same = same && all[i] == expected.values[first * spec.cols + i];
            _exit(same ? 0 : 1);
        }
        int status = 0;
        BOOST_REQUIRE(waitpid(child, &status, 0) == child);
        BOOST_TEST(WIFEXITED(status), "round " << round << ": the child did not finish (signal "
                                              << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << ")");
        BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0), "round " << round << ": the child read wrong values");
        for (hsize_t r = 0; r < 150; ++r)
            for (hsize_t c = 0; c < 2; ++c)
                BOOST_TEST(narrow[r * 2 + c] == expected.values[(first + r) * spec.cols + c]);
    }
}

BOOST_AUTO_TEST_CASE(a_wide_csc_read_zeroed_by_several_threads_is_exact) {
    // Whole columns of a CSC are put straight into the caller's buffer, which is zeroed first;
    // above 8 MiB the worker threads zero parts of it (util/zero_fill.hpp). The buffer starts
    // as -1 everywhere: a part left unzeroed, or zeroed after values were placed, shows.
    MatrixSpec spec;
    spec.rows = 2500;
    spec.cols = 1300;
    spec.orientation = Orientation::csc;
    spec.density = 0.01;
    TempFile file("h5sparse-wide-csc");
    const DenseMatrix expected = write_random_matrix(file.path(), spec, 0x2e40, SparseGroupOptions{});
    for (const char* threads : {"threads=1", "threads=2", "threads=3", ""}) {
        const H5Handle f = open_through_connector(file.path(), threads);
        const H5Handle d = owned(H5Dopen2(f.get(), "/X", H5P_DEFAULT), "open /X");
        // Columns [first, cols) of all rows: 2500 x 1200 doubles, 24 MB.
        const hsize_t first = 100, width = spec.cols - first;
        const std::vector<double> out = block_of(d.get(), 0, spec.rows, first, width);
        std::size_t wrong = 0;
        for (hsize_t r = 0; r < spec.rows; ++r)
            for (hsize_t c = 0; c < width; ++c)
                wrong += out[r * width + c] != expected.values[r * spec.cols + first + c];
        BOOST_TEST(wrong == 0u, "'" << threads << "': " << wrong << " wrong values");
    }
}
