// Several threads read different blocks of the same virtual datasets at once, through one file
// and one dataset id each, with Debian 13's thread-safe HDF5 (its global lock serialises the
// library, and the connector keeps caches per dataset that every thread shares). Each block must
// equal the same block of the dense twin, read before the threads start. Built by
// compiled_client.sh with `h5c++ -shlib`; skipped (77) where the library is not thread-safe.
#include <hdf5.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Block {
    hsize_t start[2], count[2];
};

std::vector<double> read_block(hid_t d, const Block& b) {
    hid_t file_space = H5Dget_space(d);
    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, b.start, nullptr, b.count, nullptr);
    hid_t mem_space = H5Screate_simple(2, b.count, nullptr);
    std::vector<double> out(b.count[0] * b.count[1], -1.0);
    herr_t r = H5Dread(d, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, out.data());
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (r < 0) out.clear();
    return out;
}

}  // namespace

int main() {
    hbool_t threadsafe = false;
    H5is_library_threadsafe(&threadsafe);
    if (!threadsafe) {
        std::cout << "SKIP: this HDF5 is not thread-safe\n";
        return 77;
    }
    const std::string dir = std::getenv("H5SPARSE_FIXTURES");
    hid_t sparse = H5Fopen((dir + "/anndata.h5ad").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t dense = H5Fopen((dir + "/anndata_dense.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (sparse < 0 || dense < 0) return 1;
    char name[64] = "";
    H5VLget_connector_name(sparse, name, sizeof name);
    if (std::string(name) != "h5sparse") {
        std::cout << "FAIL: the file is open through '" << name << "', not h5sparse\n";
        return 1;
    }
    int failures = 0;
    // /X is a CSR, /layers/counts a CSC (test/fixtures/README.md); both 60 x 40.
    for (const char* path : {"/X", "/layers/counts"}) {
        hid_t d = H5Dopen2(sparse, path, H5P_DEFAULT);
        hid_t twin = H5Dopen2(dense, path, H5P_DEFAULT);
        if (d < 0 || twin < 0) return 1;
        // Eight threads, each with its own blocks: row strips and column strips, crossing.
        std::vector<Block> blocks;
        for (hsize_t i = 0; i < 4; ++i) blocks.push_back({{i * 15, 0}, {15, 40}});
        for (hsize_t j = 0; j < 4; ++j) blocks.push_back({{0, j * 10}, {60, 10}});
        std::vector<std::vector<double>> want;
        for (const Block& b : blocks) want.push_back(read_block(twin, b));
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (size_t t = 0; t < blocks.size(); ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 200; ++round)
                    if (read_block(d, blocks[t]) != want[t]) ++wrong;
            });
        for (std::thread& t : threads) t.join();
        std::cout << (wrong == 0 ? "ok: " : "FAIL: ") << path << ": 8 threads x 200 reads of their own block, "
                  << wrong << " wrong\n";
        failures += wrong != 0;
        H5Dclose(twin);
        H5Dclose(d);
    }
    H5Fclose(dense);
    H5Fclose(sparse);
    return failures == 0 ? 0 : 1;
}
