// The committed fixtures (test/fixtures/data, written by real tools: h5sparse, anndata, 10x,
// HDF5Array) against their dense twins: every dataset of a twin, read natively, must exist at the
// same path of the sparse file read through the connector, with the same dims and type class and
// the same values, for H5S_ALL and for random hyperslabs.
//
// The directory comes from $H5SPARSE_FIXTURES (set by ctest). A pair whose files do not exist
// yet produces a warning, not a failure; once both files exist the pair is checked.
#include <boost/test/unit_test.hpp>

#include "read_harness.hpp"
#include "support/native_access.hpp"
#include "support/random.hpp"
#include "support/random_selection.hpp"
#include "support/type_text.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace h5sparse_test;
namespace fs = std::filesystem;

namespace {

struct FixturePair {
    std::string sparse;
    std::string dense;
};

// The pairs the fixture generator is known to write, plus any other "<stem>_dense.h5" whose
// partner "<stem>.h5" or "<stem>.h5ad" exists.
std::vector<FixturePair> fixture_pairs(const fs::path& dir) {
    std::vector<FixturePair> pairs = {
        {"seed_h5sparse.h5", "seed_h5sparse_dense.h5"},
        {"anndata.h5ad", "anndata_dense.h5"},
        {"tenx_v3.h5", "tenx_v3_dense.h5"},
        {"tenx_v2.h5", "tenx_v2_dense.h5"},
        {"hdf5array_tenx.h5", "hdf5array_tenx_dense.h5"},
        {"string_variants.h5", "string_variants_dense.h5"},
        {"types.h5", "types_dense.h5"},
    };
    std::set<std::string> known;
    for (const auto& p : pairs) known.insert(p.dense);
    std::error_code ec;
    std::set<std::string> extra;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string tail = "_dense.h5";
        if (name.size() <= tail.size() || name.compare(name.size() - tail.size(), tail.size(), tail) != 0 ||
            known.count(name) != 0)
            continue;
        const std::string stem = name.substr(0, name.size() - tail.size());
        for (const char* ext : {".h5", ".h5ad", ".mat", ".h5Seurat", ".cool", ".mcool", ".loom", ".hkl"})
            if (fs::exists(dir / (stem + ext))) extra.insert(stem + ext + "\n" + name);
    }
    for (const std::string& e : extra) pairs.push_back({e.substr(0, e.find('\n')), e.substr(e.find('\n') + 1)});
    return pairs;
}

herr_t collect_dataset(hid_t, const char* name, const H5O_info2_t* info, void* op_data) {
    if (info->type == H5O_TYPE_DATASET)
        static_cast<std::vector<std::string>*>(op_data)->push_back(std::string("/") + name);
    return 0;
}

std::vector<hsize_t> dims_of(hid_t space) {
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    return dims;
}

hsize_t product(const std::vector<hsize_t>& dims) {
    hsize_t n = 1;
    for (const hsize_t d : dims) n *= d;
    return n;
}

// Reads `count` elements of `dset` (mem H5S_BLOCK unless file is H5S_ALL) as raw bytes of `mem_type`.
herr_t read_raw(hid_t dset, hid_t mem_type, hid_t file_space, hsize_t count, std::vector<std::byte>& out) {
    out.assign(std::max<hsize_t>(count, 1) * H5Tget_size(mem_type), std::byte{0xAB});
    const QuietErrors quiet;
    return H5Dread(dset, mem_type, file_space == H5S_ALL ? H5S_ALL : H5S_BLOCK, file_space, H5P_DEFAULT, out.data());
}

// Compares one selection of two datasets in `mem_type`; variable-length strings compare by text.
void compare_selection(hid_t dense, hid_t sparse, hid_t mem_type, hid_t file_space, hsize_t count,
                       const std::string& what) {
    std::vector<std::byte> want, got;
    BOOST_REQUIRE_MESSAGE(read_raw(dense, mem_type, file_space, count, want) >= 0,
                          "native read of the dense twin failed: " << what << "\n"
                                                                   << hdf5_error_text());
    const herr_t status = read_raw(sparse, mem_type, file_space, count, got);
    BOOST_CHECK_MESSAGE(status >= 0, "read through the connector failed: " << what << "\n" << hdf5_error_text());
    if (status < 0) return;
    if (H5Tis_variable_str(mem_type) > 0) {
        auto** a = reinterpret_cast<char**>(want.data());
        auto** b = reinterpret_cast<char**>(got.data());
        for (hsize_t i = 0; i < count; ++i)
            BOOST_CHECK_MESSAGE(
                (a[i] == nullptr) == (b[i] == nullptr) && (a[i] == nullptr || std::strcmp(a[i], b[i]) == 0),
                "string " << i << " differs: " << what);
        const hsize_t n[1] = {count};
        const H5Handle s = owned(H5Screate_simple(1, n, nullptr), "H5Screate_simple");
        H5Treclaim(mem_type, s.get(), H5P_DEFAULT, want.data());
        H5Treclaim(mem_type, s.get(), H5P_DEFAULT, got.data());
        return;
    }
    if (want == got) return;
    const std::size_t elem = H5Tget_size(mem_type);
    std::size_t first = 0;
    while (first < count && std::memcmp(want.data() + first * elem, got.data() + first * elem, elem) == 0) ++first;
    BOOST_ERROR("values differ: " << what << "; first at element " << first << " of the selection: expected "
                                  << format_element(mem_type, want.data() + first * elem) << ", got "
                                  << format_element(mem_type, got.data() + first * elem));
}

void compare_dataset(hid_t dense_file, hid_t sparse_file, const std::string& path, Rng& rng) {
    const H5Handle dense = owned(H5Dopen2(dense_file, path.c_str(), H5P_DEFAULT), "H5Dopen2(dense " + path + ")");
    std::string error;
    const H5Handle sparse = try_open_dataset(sparse_file, path, &error);
    BOOST_CHECK_MESSAGE(sparse.valid(), "H5Dopen2(" << path << ") through the connector failed\n" << error);
    if (!sparse.valid()) return;
    const H5Handle dense_space = owned(H5Dget_space(dense.get()), "H5Dget_space");
    const H5Handle sparse_space = owned(H5Dget_space(sparse.get()), "H5Dget_space");
    const std::vector<hsize_t> dims = dims_of(dense_space.get());
    const std::vector<hsize_t> sparse_dims = dims_of(sparse_space.get());
    BOOST_CHECK_MESSAGE(dims == sparse_dims, "dims differ at " << path);
    const H5Handle dense_type = owned(H5Dget_type(dense.get()), "H5Dget_type");
    const H5Handle sparse_type = owned(H5Dget_type(sparse.get()), "H5Dget_type");
    BOOST_CHECK_MESSAGE(H5Tget_class(dense_type.get()) == H5Tget_class(sparse_type.get()),
                        "type class differs at " << path << ": " << type_name(dense_type.get()) << " vs "
                                                 << type_name(sparse_type.get()));
    if (dims != sparse_dims || H5Tget_class(dense_type.get()) != H5Tget_class(sparse_type.get())) return;

    // Memory type: the dense dataset's native type; strings as they are stored (vlen as vlen).
    H5Handle mem_type;
    if (H5Tget_class(dense_type.get()) == H5T_STRING) {
        mem_type = owned(H5Tcopy(dense_type.get()), "H5Tcopy");
    } else {
        if (H5Tdetect_class(dense_type.get(), H5T_VLEN) > 0 || H5Tdetect_class(dense_type.get(), H5T_REFERENCE) > 0) {
            BOOST_TEST_MESSAGE("values not compared (vlen/reference type) at " << path);
            return;
        }
        mem_type = owned(H5Tget_native_type(dense_type.get(), H5T_DIR_ASCEND), "H5Tget_native_type");
    }
    const hsize_t total = H5Sget_simple_extent_type(dense_space.get()) == H5S_SCALAR ? 1 : product(dims);
    compare_selection(dense.get(), sparse.get(), mem_type.get(), H5S_ALL, total, path + " H5S_ALL");
    if (total == 0 || dims.empty()) return;
    for (int i = 0; i < 6; ++i) {
        const H5Handle space =
            owned(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "H5Screate_simple");
        const std::string slab = select_random_slab(rng, space.get(), H5S_SELECT_SET, static_cast<int>(dims.size()),
                                                    dims.data(), i % 2 == 1);
        const auto n = static_cast<hsize_t>(H5Sget_select_npoints(space.get()));
        compare_selection(dense.get(), sparse.get(), mem_type.get(), space.get(), n, path + " " + slab);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fixtures)

BOOST_AUTO_TEST_CASE(fixtures_equal_dense_twins) {
    fs::path dir;
    if (const char* env = std::getenv("H5SPARSE_FIXTURES"); env != nullptr && *env != '\0')
        dir = env;
    else if (const char* src = std::getenv("H5SPARSE_SOURCE_DIR"); src != nullptr && *src != '\0')
        dir = fs::path(src) / "test" / "fixtures" / "data";
    BOOST_WARN_MESSAGE(!dir.empty(), "H5SPARSE_FIXTURES is not set: fixtures not checked");
    if (dir.empty()) return;

    Rng rng(0xF1C7'0E5ULL);
    for (const FixturePair& pair : fixture_pairs(dir)) {
        const fs::path sparse_path = dir / pair.sparse;
        const fs::path dense_path = dir / pair.dense;
        const bool present = fs::exists(sparse_path) && fs::exists(dense_path);
        BOOST_WARN_MESSAGE(present, "fixture pair " << pair.sparse << " / " << pair.dense << " not found in " << dir
                                                    << ": not checked");
        if (!present) continue;
        BOOST_TEST_CONTEXT("fixture " << pair.sparse << " vs " << pair.dense) {
            const H5Handle dense_file = open_native_file(dense_path.string());
            const H5Handle sparse_file = open_through_connector(sparse_path.string());
            std::vector<std::string> datasets;
            check_status(
                H5Ovisit3(dense_file.get(), H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &datasets, H5O_INFO_BASIC),
                "H5Ovisit3");
            BOOST_CHECK_MESSAGE(!datasets.empty(), "the dense twin holds no dataset");
            for (const std::string& path : datasets) BOOST_TEST_CONTEXT("dataset " << path) {
                    compare_dataset(dense_file.get(), sparse_file.get(), path, rng);
                }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
