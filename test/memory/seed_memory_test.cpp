// The seed's promise: a 10000 x 10000 CSR matrix with 10^8 stored float64 ones (about 1.2 GB on
// disk). Reading rows 1..4 through the connector raises the process's peak resident memory by
// only a few MB beyond the 320 KB result; reading the whole matrix returns all ones.
#define BOOST_TEST_MODULE seed_memory
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr hsize_t kN = 10000;            // rows = columns
constexpr hsize_t kNnz = kN * kN;        // every element stored (a dense matrix of ones in CSR form)

std::string temp_path() {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/h5sparse-seed-" + std::to_string(::getpid()) + ".h5";
}

long status_kib(const char* key) {  // VmRSS / VmHWM from /proc/self/status
    std::ifstream in("/proc/self/status");
    std::string k;
    long v = -1;
    while (in >> k) {
        if (k == key) {
            in >> v;
            return v;
        }
        in.ignore(1 << 12, '\n');
    }
    return v;
}

void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Written natively in pieces of one row block, so the writer itself stays small.
void write_seed_file(const std::string& path) {
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    BOOST_REQUIRE(f >= 0);
    hid_t g = H5Gcreate2(f, "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hid_t scalar = H5Screate(H5S_SCALAR);
    hid_t str = H5Tcopy(H5T_C_S1);
    H5Tset_size(str, 3);
    hid_t a = H5Acreate2(g, "h5sparse_format", str, scalar, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, str, "csr");
    H5Aclose(a);
    hsize_t two = 2;
    hid_t pair = H5Screate_simple(1, &two, nullptr);
    const int64_t shape[2] = {static_cast<int64_t>(kN), static_cast<int64_t>(kN)};
    a = H5Acreate2(g, "h5sparse_shape", H5T_STD_I64LE, pair, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, shape);
    H5Aclose(a);

    std::vector<int64_t> indptr(kN + 1);
    for (hsize_t r = 0; r <= kN; ++r) indptr[r] = static_cast<int64_t>(r * kN);
    hsize_t n = kN + 1;
    hid_t s = H5Screate_simple(1, &n, nullptr);
    hid_t d = H5Dcreate2(g, "indptr", H5T_STD_I64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, indptr.data());
    H5Dclose(d);
    H5Sclose(s);

    hsize_t nnz = kNnz;
    s = H5Screate_simple(1, &nnz, nullptr);
    hid_t indices = H5Dcreate2(g, "indices", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hid_t data = H5Dcreate2(g, "data", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t block = 100 * kN;  // 100 rows at a time
    std::vector<int32_t> cols(block);
    for (hsize_t i = 0; i < block; ++i) cols[i] = static_cast<int32_t>(i % kN);
    std::vector<double> ones(block, 1.0);
    hid_t mem = H5Screate_simple(1, &block, nullptr);
    for (hsize_t start = 0; start < kNnz; start += block) {
        H5Sselect_hyperslab(s, H5S_SELECT_SET, &start, nullptr, &block, nullptr);
        BOOST_REQUIRE(H5Dwrite(indices, H5T_NATIVE_INT32, mem, s, H5P_DEFAULT, cols.data()) >= 0);
        BOOST_REQUIRE(H5Dwrite(data, H5T_NATIVE_DOUBLE, mem, s, H5P_DEFAULT, ones.data()) >= 0);
    }
    H5Sclose(mem);
    H5Dclose(indices);
    H5Dclose(data);
    H5Sclose(s);
    H5Sclose(pair);
    H5Tclose(str);
    H5Sclose(scalar);
    H5Gclose(g);
    H5Fclose(f);
}

struct SeedFile {
    std::string path = temp_path();
    SeedFile() { write_seed_file(path); }
    ~SeedFile() { std::remove(path.c_str()); }
};

hid_t open_x(const std::string& path, hid_t& file) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    BOOST_REQUIRE(h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={}") >= 0);
    file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl);
    H5Pclose(fapl);
    BOOST_REQUIRE(file >= 0);
    hid_t x = H5Dopen2(file, "X", H5P_DEFAULT);
    BOOST_REQUIRE(x >= 0);
    return x;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(seed, SeedFile)

BOOST_AUTO_TEST_CASE(four_rows_cost_kilobytes) {
    hid_t file;
    hid_t x = open_x(path, file);
    std::vector<double> rows(4 * kN, -1.0);  // X[1:5]: 320 KB, touched before measuring
    hsize_t start[2] = {1, 0}, count[2] = {4, kN};
    hid_t fs = H5Dget_space(x);
    H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, count, nullptr);
    hid_t ms = H5Screate_simple(2, count, nullptr);
    reset_peak();
    const long rss_before = status_kib("VmRSS:");
    BOOST_REQUIRE(H5Dread(x, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, rows.data()) >= 0);
    const long peak = status_kib("VmHWM:");
    const long grown_kib = peak - rss_before;
    BOOST_TEST_MESSAGE("X[1:5]: peak RSS grew by " << grown_kib << " KiB (result 312.5 KiB)");
    BOOST_TEST(grown_kib < 4 * 1024, "X[1:5] raised peak RSS by " << grown_kib << " KiB");
    for (double v : rows) BOOST_TEST_REQUIRE(v == 1.0);
    H5Sclose(ms);
    H5Sclose(fs);
    H5Dclose(x);
    H5Fclose(file);
}

BOOST_AUTO_TEST_CASE(whole_matrix_is_all_ones) {
    hid_t file;
    hid_t x = open_x(path, file);
    std::vector<double> all(kNnz, 0.0);
    reset_peak();
    const long rss_before = status_kib("VmRSS:");
    BOOST_REQUIRE(H5Dread(x, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) >= 0);
    const long grown_kib = status_kib("VmHWM:") - rss_before;
    BOOST_TEST_MESSAGE("whole matrix: peak RSS grew by " << grown_kib << " KiB beyond the touched 763 MiB result");
    BOOST_TEST(grown_kib < 64 * 1024);
    hsize_t not_one = 0;
    for (double v : all) not_one += v != 1.0;
    BOOST_TEST(not_one == 0u);
    H5Dclose(x);
    H5Fclose(file);
}

BOOST_AUTO_TEST_SUITE_END()
