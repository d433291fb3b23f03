#include "check/native_io.hpp"

#include <cstdlib>

#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse::checker {
namespace {

// 4 MiB holds several chunks of the usual component layouts (10x writes 65,536-entry chunks,
// 512 KiB as int64), like the connector's own cache for the same components.
constexpr size_t kChunkCacheBytes = size_t{4} << 20;
constexpr size_t kChunkCacheSlots = 1021;
constexpr hsize_t kDefaultPiece = hsize_t{1} << 20;

herr_t innermost(unsigned, const H5E_error2_t* err, void* data) {
    // Walking upward, the first entry is the function that first detected the problem: the most
    // specific. The plugin search's own lines ("can't open directory ...") are where it looked,
    // not what failed: the line above them says which filter was missing.
    auto& found = *static_cast<std::string*>(data);
    if (found.empty() && err->desc && err->maj_num != H5E_PLUGIN) found = err->desc;
    return 0;
}

}  // namespace

void hdf5_failure(const std::string& what) {
    std::string detail;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
    H5Eclear2(H5E_DEFAULT);
    fail(H5E_DATASET, H5E_READERROR, detail.empty() ? what : what + ": " + detail);
}

hid_t native_file_access() {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    Handle native(H5VLget_connector_id_by_value(H5_VOL_NATIVE));
    if (!fapl || !native || H5Pset_vol(fapl.get(), native.get(), nullptr) < 0)
        hdf5_failure("cannot select HDF5's native connector");
    return fapl.release();
}

hid_t open_component(hid_t group, const char* name) {
    Handle dapl(H5Pcreate(H5P_DATASET_ACCESS));
    if (!dapl || H5Pset_chunk_cache(dapl.get(), kChunkCacheSlots, kChunkCacheBytes, 1.0) < 0)
        hdf5_failure("cannot set a chunk cache");
    hid_t dataset = H5Dopen2(group, name, dapl.get());
    if (dataset < 0) hdf5_failure(std::string("cannot open '") + name + "'");
    return dataset;
}

void read_range(hid_t dataset, hid_t mem_type, hsize_t first, hsize_t count, void* buf) {
    if (count == 0) return;
    Handle file_space(H5Dget_space(dataset));
    Handle mem_space(H5Screate_simple(1, &count, nullptr));
    // A 1-D array, or an (n, 1) column as Octave stores them.
    const hsize_t start[2] = {first, 0}, counts[2] = {count, 1};
    if (!file_space || !mem_space ||
        H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, counts, nullptr) < 0 ||
        H5Dread(dataset, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, buf) < 0) {
        char name[256] = "";
        {
            ErrorStackGuard keep;  // H5Iget_name is an API call: it would clear the cause
            H5Iget_name(dataset, name, sizeof(name));
        }
        // No range in the message: the cause is the same whatever piece of it was asked for.
        hdf5_failure("cannot read " + std::string(name));
    }
}

// HDF5 2.0 replaced H5VLstart_lib_state/H5VLfinish_lib_state with a library context object.
#if H5_VERSION_GE(2, 0, 0)
ApiContextScope::ApiContextScope() : pushed_(H5VLopen_lib_context(&context_) >= 0) {
#else
ApiContextScope::ApiContextScope() : pushed_(H5VLstart_lib_state() >= 0) {
#endif
    if (!pushed_) hdf5_failure("cannot prepare an HDF5 API context");
}

ApiContextScope::~ApiContextScope() {
    ErrorStackGuard keep;  // the report of a failure inside the scope must survive its end
#if H5_VERSION_GE(2, 0, 0)
    if (pushed_) H5VLclose_lib_context(context_);
#else
    if (pushed_) H5VLfinish_lib_state();
#endif
}

hsize_t piece_entries() {
    static const hsize_t piece = [] {
        const char* text = std::getenv("H5SPARSE_CHECK_PIECE_ENTRIES");
        long long n = text ? std::atoll(text) : 0;
        return n > 0 ? static_cast<hsize_t>(n) : kDefaultPiece;
    }();
    return piece;
}

}  // namespace h5sparse::checker
