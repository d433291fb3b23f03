// h5sparse_region_bench: times H5Dread of one rectangular region of a dataset through the
// connector, for comparisons with other programs' readers of the same file (cooler_bench.py:
// cooler's own matrix()). Prints one JSON line: wall seconds per repetition and a checksum of the
// result that the peer computes the same way.
//
//   h5sparse_region_bench FILE DATASET ROW0 COL0 ROWS COLS REPS [INFO]
//
// INFO: the connector's info string (default "under_vol=0;under_info={}"), e.g. with
// index_memory=0 to time coordinate matrices read by scanning.
// Each repetition opens the file and the dataset again (no cache carries over), as the peer's
// repetitions open a new Cooler; the buffer is allocated and touched before the clock starts.
#include <hdf5.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "h5sparse_vol.h"

namespace {

struct Closer {
    hid_t id;
    herr_t (*close)(hid_t);
    ~Closer() {
        if (id >= 0) close(id);
    }
};

hid_t must(hid_t id, const char* what) {
    if (id < 0) throw std::runtime_error(what);
    return id;
}

// sum of value * ((row * 7 + col) % 1009 + 1) over the region, wrapping; cooler_bench.py agrees.
std::uint64_t checksum(const std::vector<long long>& values, hsize_t cols) {
    std::uint64_t sum = 0;
    for (size_t k = 0; k < values.size(); ++k) {
        const hsize_t r = k / cols, c = k % cols;
        sum += static_cast<std::uint64_t>(values[k]) * ((r * 7 + c) % 1009 + 1);
    }
    return sum;
}

int run(int argc, char** argv) {
    if (argc != 8 && argc != 9)
        throw std::runtime_error("usage: h5sparse_region_bench FILE DATASET ROW0 COL0 ROWS COLS REPS [INFO]");
    const std::string info = argc == 9 ? argv[8] : "under_vol=0;under_info={}";
    const std::string file = argv[1], dataset = argv[2];
    const hsize_t start[2] = {std::stoull(argv[3]), std::stoull(argv[4])};
    const hsize_t count[2] = {std::stoull(argv[5]), std::stoull(argv[6])};
    const int reps = std::stoi(argv[7]);
    // The result in the stored type, as the peer returns it (cooler: int32 counts); widened for
    // the checksum after the clock stops.
    std::vector<long long> out(static_cast<size_t>(count[0] * count[1]));
    hid_t value_type = H5I_INVALID_HID;
    Closer fapl{must(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"), H5Pclose};
    if (h5sparse_vol_set_fapl(fapl.id, info.c_str()) < 0) throw std::runtime_error("set the connector");
    Closer mem{must(H5Screate_simple(2, count, nullptr), "memory space"), H5Sclose};
    std::vector<double> wall;
    for (int rep = 0; rep < reps; ++rep) {
        std::fill(out.begin(), out.end(), -1);  // touched before the clock starts
        const auto t0 = std::chrono::steady_clock::now();
        Closer f{must(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.id), "open the file"), H5Fclose};
        Closer d{must(H5Dopen2(f.id, dataset.c_str(), H5P_DEFAULT), "open the dataset"), H5Dclose};
        Closer space{must(H5Dget_space(d.id), "file space"), H5Sclose};
        Closer stored{must(H5Dget_type(d.id), "type"), H5Tclose};
        if (value_type < 0) value_type = must(H5Tget_native_type(stored.id, H5T_DIR_DEFAULT), "native type");
        if (H5Sselect_hyperslab(space.id, H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
            H5Dread(d.id, value_type, mem.id, space.id, H5P_DEFAULT, out.data()) < 0)
            throw std::runtime_error("read the region");
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    if (reps > 0 && H5Tconvert(value_type, H5T_NATIVE_LLONG, out.size(), out.data(), nullptr, H5P_DEFAULT) < 0)
        throw std::runtime_error("widen the values");
    if (value_type >= 0) H5Tclose(value_type);
    long long nonzero = 0;
    for (long long v : out) nonzero += v != 0;
    std::printf("{\"wall\": [");
    for (size_t i = 0; i < wall.size(); ++i) std::printf("%s%.6g", i ? ", " : "", wall[i]);
    std::printf("], \"checksum\": %llu, \"nonzero\": %lld}\n", static_cast<unsigned long long>(checksum(out, count[1])),
                nonzero);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "h5sparse_region_bench: %s\n", e.what());
        H5Eprint2(H5E_DEFAULT, stderr);
        return 1;
    }
}
