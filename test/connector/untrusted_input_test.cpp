// What the connector promises on files it cannot trust (issue 10): it is exact or says why.
//  - Other tools' groups shaped like a 10x matrix (hickle, HiCExplorer) are never taken for one
//    (hickle's are read by its own rule, its `type` reference);
//    the 10x rule needs evidence, and a user may state the orientation of unmarked groups.
//  - Sizes a file merely claims (a 10^9-element indptr of unwritten chunks, 10^12 stored values,
//    2^60 elements) cost nothing at open and only what a read touches.
//  - A failed component read keeps HDF5's own cause on the stack beneath the connector's line
//    (a filter no plugin provides).
// Expected values come from the files' own writers (test/fixtures) or from the triplets written
// here, never from the connector's code.
#define BOOST_TEST_MODULE connector_untrusted_input
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "support/connector_access.hpp"
#include "support/h5_handle.hpp"
#include "support/native_access.hpp"
#include "support/small_objects.hpp"
#include "support/temp_file.hpp"

using namespace h5sparse_test;

namespace {

// Rows [first, first + count) of a 2-D dataset with `cols` columns.
std::vector<double> read_rows(hid_t d, hsize_t first, hsize_t count, hsize_t cols) {
    H5Handle space = owned(H5Dget_space(d), "space");
    hsize_t start[2] = {first, 0}, counts[2] = {count, cols};
    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, counts, nullptr), "select");
    H5Handle mem = owned(H5Screate_simple(2, counts, nullptr), "mem");
    std::vector<double> out(count * cols, -1.0);
    check_status(H5Dread(d, H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, out.data()), "read rows");
    return out;
}

// Reading all of `d` fails, with our line (containing `ours`) above HDF5's cause (`cause`).
void expect_read_fails_with_cause(hid_t d, size_t elements, const char* ours_text, const char* cause_text) {
    std::vector<double> all(elements, -1.0);
    H5Eclear2(H5E_DEFAULT);
    herr_t r;
    {
        QuietErrors quiet;
        r = H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data());
    }
    const std::string errors = hdf5_error_text();
    BOOST_TEST(r < 0);
    const auto ours = errors.find(ours_text);
    const auto cause = errors.find(cause_text);
    BOOST_TEST(ours != std::string::npos, errors);
    BOOST_TEST(cause != std::string::npos, errors);
    BOOST_TEST((ours != std::string::npos && cause != std::string::npos && ours < cause), errors);
}

// A 1-D chunked dataset of `length` elements of which nothing is written: a few hundred bytes
// on disk whatever the length claims.
void write_unwritten(hid_t group, const char* name, hsize_t length, hid_t type) {
    H5Handle space = owned(H5Screate_simple(1, &length, nullptr), "space");
    H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "dcpl");
    hsize_t chunk = 1 << 16;
    check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "chunk");
    H5Handle d = owned(H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), name);
}

void anndata_markers(hid_t group, const char* encoding, long long rows, long long cols) {
    write_string_attribute(group, "encoding-type", encoding);
    write_string_attribute(group, "encoding-version", "0.1.0");
    hsize_t two = 2;
    H5Handle space = owned(H5Screate_simple(1, &two, nullptr), "space");
    H5Handle a = owned(H5Acreate2(group, "shape", H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), "shape");
    const long long shape[2] = {rows, cols};
    check_status(H5Awrite(a.get(), H5T_NATIVE_LLONG, shape), "shape");
}

// A square 3 x 3 matrix stored as a CSC in a group with a `shape` dataset and nothing else:
// column 0 holds 5 at row 2, column 2 holds 7 at row 0. Read as a CSR, it would be the transpose.
const std::vector<double> kSquareCsc = {0, 0, 7, 0, 0, 0, 5, 0, 0};

H5Handle write_square_group(hid_t file, const char* path, hid_t shape_type) {
    H5Handle g = owned(H5Gcreate2(file, path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path);
    write_int_dataset(g.get(), "shape", {3, 3}, shape_type);
    write_int_dataset(g.get(), "data", {5, 7}, H5T_STD_I32LE);
    write_int_dataset(g.get(), "indices", {2, 0}, H5T_STD_I64LE);
    write_int_dataset(g.get(), "indptr", {0, 1, 1, 2}, H5T_STD_I64LE);
    return g;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hickle_groups_are_never_taken_for_10x) {
    // hickle 5.0.2 (Debian) wrote these from scipy matrices: a CSR read as a 10x CSC would be
    // its transpose. hickle's own `type` decides (connector.conventions/hickle reads them), and
    // without the hickle rule, whatever the user states for unmarked groups, they stay groups;
    // so does its BSR, whose `data` holds blocks, with every rule.
    for (const char* info : {"under_vol=0;under_info={};conventions=10x", "under_vol=0;under_info={};unmarked=csr",
                             "under_vol=0;under_info={};conventions=10x;unmarked=csr",
                             "under_vol=0;under_info={};conventions=10x;unmarked=csc"}) {
        BOOST_TEST_CONTEXT(info) {
            const bool hickle_rule = std::string(info).find("conventions=") == std::string::npos;
            H5Handle f = open_through_connector(fixture("hickle_sparse.hkl"), info);
            for (const char* name : {"csr", "csc", "csr_square", "csc_square", "bsr"}) {
                const std::string path = std::string("/data/\"") + name + "\"";
                if (hickle_rule && std::string(name) != "bsr") {
                    BOOST_TEST(type_of(f.get(), path.c_str()) == H5O_TYPE_DATASET, path);
                    continue;
                }
                BOOST_TEST(type_of(f.get(), path.c_str()) == H5O_TYPE_GROUP, path);
                BOOST_TEST(type_of(f.get(), (path + "/indptr").c_str()) == H5O_TYPE_DATASET, path);
                BOOST_TEST(!dataset_open_error(f.get(), path).empty(), path);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_hicexplorer_group_is_read_only_as_the_user_states) {
    {  // square, int64 shape, no 10x context: a group
        H5Handle f = open_through_connector(fixture("hicexplorer_like.h5"));
        BOOST_TEST(type_of(f.get(), "/matrix") == H5O_TYPE_GROUP);
    }
    H5Handle f = open_through_connector(fixture("hicexplorer_like.h5"), "under_vol=0;under_info={};unmarked=csr");
    BOOST_REQUIRE(type_of(f.get(), "/matrix") == H5O_TYPE_DATASET);
    H5Handle d = owned(H5Dopen2(f.get(), "/matrix", H5P_DEFAULT), "open /matrix");
    // The dense array scipy made of the same CSR, read natively.
    H5Handle fapl = native_fapl();
    H5Handle view = owned(H5Fopen(fixture("hicexplorer_like_csr_view.h5").c_str(), H5F_ACC_RDONLY, fapl.get()),
                          "open the view natively");
    H5Handle want = owned(H5Dopen2(view.get(), "/matrix", H5P_DEFAULT), "view /matrix");
    BOOST_TEST(read_all(d.get()) == read_all(want.get()), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_10x_rule_needs_evidence) {
    struct Case {
        const char* what;
        hid_t shape_type;
        bool barcodes, genes, features, filetype;
        const char* path;
        H5O_type_t expected;
    };
    const Case cases[] = {
        {"square, no evidence", H5T_STD_I32LE, false, false, false, false, "/g", H5O_TYPE_GROUP},
        {"barcodes alone", H5T_STD_I32LE, true, false, false, false, "/g", H5O_TYPE_GROUP},
        {"barcodes and genes (v2)", H5T_STD_I32LE, true, true, false, false, "/g", H5O_TYPE_DATASET},
        {"barcodes and features (v3)", H5T_STD_I32LE, true, false, true, false, "/g", H5O_TYPE_DATASET},
        {"filetype=matrix, at /matrix", H5T_STD_I32LE, false, false, false, true, "/matrix", H5O_TYPE_DATASET},
        {"filetype=matrix, elsewhere", H5T_STD_I32LE, false, false, false, true, "/g", H5O_TYPE_GROUP},
        {"HDF5Array's uint32 shape", H5T_STD_U32LE, false, false, false, false, "/g", H5O_TYPE_DATASET},
        {"int64 shape", H5T_STD_I64LE, false, false, false, false, "/g", H5O_TYPE_GROUP},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            TempFile file;
            {
                H5Handle f = create_native_file(file.path());
                H5Handle g = write_square_group(f.get(), c.path, c.shape_type);
                if (c.barcodes) write_int_dataset(g.get(), "barcodes", {1, 2, 3}, H5T_STD_I32LE);
                if (c.genes) write_int_dataset(g.get(), "genes", {1, 2, 3}, H5T_STD_I32LE);
                if (c.features)
                    H5Handle features = owned(H5Gcreate2(g.get(), "features", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                              "features");
                if (c.filetype) write_string_attribute(f.get(), "filetype", "matrix");
            }
            H5Handle f = open_through_connector(file.path());
            BOOST_TEST(type_of(f.get(), c.path) == c.expected);
            if (c.expected != H5O_TYPE_DATASET) continue;
            H5Handle d = owned(H5Dopen2(f.get(), c.path, H5P_DEFAULT), "open");
            BOOST_TEST(read_all(d.get()) == kSquareCsc, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(lengths_that_name_the_orientation_are_evidence) {
    // 2 x 3, indptr of 4 = columns + 1: only a CSC fits. The same members with indptr of 3 =
    // rows + 1 would be a CSR: no 10x matrix, so a group (not a dataset that fails to open).
    TempFile file;
    {
        H5Handle f = create_native_file(file.path());
        H5Handle csc = owned(H5Gcreate2(f.get(), "csc", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "csc");
        write_int_dataset(csc.get(), "shape", {2, 3}, H5T_STD_I64LE);
        write_int_dataset(csc.get(), "data", {5, 7}, H5T_STD_I32LE);
        write_int_dataset(csc.get(), "indices", {0, 1}, H5T_STD_I64LE);
        write_int_dataset(csc.get(), "indptr", {0, 1, 1, 2}, H5T_STD_I64LE);
        H5Handle csr = owned(H5Gcreate2(f.get(), "csr", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "csr");
        write_int_dataset(csr.get(), "shape", {2, 3}, H5T_STD_I64LE);
        write_int_dataset(csr.get(), "data", {5, 7}, H5T_STD_I32LE);
        write_int_dataset(csr.get(), "indices", {0, 2}, H5T_STD_I64LE);
        write_int_dataset(csr.get(), "indptr", {0, 1, 2}, H5T_STD_I64LE);
    }
    H5Handle f = open_through_connector(file.path());
    BOOST_TEST(type_of(f.get(), "/csr") == H5O_TYPE_GROUP);
    BOOST_REQUIRE(type_of(f.get(), "/csc") == H5O_TYPE_DATASET);
    H5Handle d = owned(H5Dopen2(f.get(), "/csc", H5P_DEFAULT), "open /csc");
    BOOST_TEST(read_all(d.get()) == (std::vector<double>{5, 0, 0, 0, 0, 7}), boost::test_tools::per_element());
    // Stated by the user, the CSR reads as one.
    H5Handle stated = open_through_connector(file.path(), "under_vol=0;under_info={};unmarked=csr");
    H5Handle csr = owned(H5Dopen2(stated.get(), "/csr", H5P_DEFAULT), "open /csr");
    BOOST_TEST(read_all(csr.get()) == (std::vector<double>{5, 0, 0, 0, 0, 7}), boost::test_tools::per_element());
    // conventions=none is pure pass-through, whatever else the info string says.
    H5Handle none = open_through_connector(file.path(), "under_vol=0;under_info={};conventions=none;unmarked=csr");
    BOOST_TEST(type_of(none.get(), "/csr") == H5O_TYPE_GROUP);
    BOOST_TEST(type_of(none.get(), "/csc") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(claimed_sizes_cost_only_what_is_read) {
    // Each group's file is a few kilobytes; what the metadata claims would take gigabytes to read
    // or to hold. Opening, listing and reading a few rows must touch only those rows (a test that
    // read or allocated by the claims would run out of time or memory here).
    constexpr long long kRows = 1'000'000'000, kCols = 5;
    TempFile file;
    {
        H5Handle f = create_native_file(file.path());
        // A 10^9-row CSR whose indptr is all unwritten chunks (fill value 0: every row empty).
        H5Handle empty = owned(H5Gcreate2(f.get(), "empty_rows", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
        anndata_markers(empty.get(), "csr_matrix", kRows, kCols);
        write_unwritten(empty.get(), "indptr", kRows + 1, H5T_STD_I64LE);
        write_unwritten(empty.get(), "indices", 0, H5T_STD_I32LE);
        write_unwritten(empty.get(), "data", 0, H5T_IEEE_F64LE);
        // 10^12 stored values claimed, all of them in the last row.
        H5Handle many = owned(H5Gcreate2(f.get(), "many_values", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
        anndata_markers(many.get(), "csr_matrix", 4, kCols);
        constexpr long long kNnz = 1'000'000'000'000;
        write_int_dataset(many.get(), "indptr", {0, 0, 0, 0, kNnz}, H5T_STD_I64LE);
        write_unwritten(many.get(), "indices", kNnz, H5T_STD_I32LE);
        write_unwritten(many.get(), "data", kNnz, H5T_IEEE_F64LE);
        // 2^40 x 2^20: 2^60 elements, representable, with an unwritten indptr of 2^40 + 1.
        H5Handle wide = owned(H5Gcreate2(f.get(), "huge_shape", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
        anndata_markers(wide.get(), "csr_matrix", 1LL << 40, 1LL << 20);
        write_unwritten(wide.get(), "indptr", (1ULL << 40) + 1, H5T_STD_I64LE);
        write_unwritten(wide.get(), "indices", 0, H5T_STD_I32LE);
        write_unwritten(wide.get(), "data", 0, H5T_IEEE_F64LE);
    }
    H5Handle f = open_through_connector(file.path());
    for (const char* name : {"/empty_rows", "/many_values", "/huge_shape"}) BOOST_TEST(type_of(f.get(), name) == H5O_TYPE_DATASET, name);
    {
        H5Handle d = owned(H5Dopen2(f.get(), "/empty_rows", H5P_DEFAULT), "open /empty_rows");
        for (int pass = 0; pass < 3; ++pass)  // the first read is small; later ones may keep indptr
            for (hsize_t first : {hsize_t{5}, hsize_t{kRows - 4}})
                BOOST_TEST(read_rows(d.get(), first, 4, kCols) == std::vector<double>(4 * kCols, 0.0),
                           boost::test_tools::per_element());
    }
    {
        H5Handle d = owned(H5Dopen2(f.get(), "/many_values", H5P_DEFAULT), "open /many_values");
        BOOST_TEST(read_rows(d.get(), 0, 3, kCols) == std::vector<double>(3 * kCols, 0.0),
                   boost::test_tools::per_element());
    }
    {
        H5Handle d = owned(H5Dopen2(f.get(), "/huge_shape", H5P_DEFAULT), "open /huge_shape");
        H5Handle space = owned(H5Dget_space(d.get()), "space");
        hsize_t dims[2] = {};
        H5Sget_simple_extent_dims(space.get(), dims, nullptr);
        BOOST_TEST(dims[0] == (hsize_t{1} << 40));
        BOOST_TEST(dims[1] == (hsize_t{1} << 20));
        hsize_t start[2] = {(hsize_t{1} << 39) + 7, (hsize_t{1} << 19)}, count[2] = {2, 3};
        check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
        H5Handle mem = owned(H5Screate_simple(2, count, nullptr), "mem");
        std::vector<double> got(6, -1.0);
        check_status(H5Dread(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, got.data()), "read");
        BOOST_TEST(got == std::vector<double>(6, 0.0), boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(each_extent_is_checked_even_beside_a_zero) {
    // An empty matrix has 0 elements whatever its other extent claims: the extents are judged on
    // their own (2^64 - 1 is H5S_UNLIMITED, from which no dataspace can be made).
    struct Case {
        const char* name;
        unsigned long long rows, cols;
        bool opens;
    };
    const std::vector<Case> cases = {{"zero_by_unlimited", 0, ~0ULL, false},
                                     {"two_pow_63_by_zero", 1ULL << 63, 0, false},
                                     {"zero_by_two_pow_62", 0, 1ULL << 62, false},
                                     {"zero_by_largest", 0, (1ULL << 62) - 1, true}};
    TempFile file;
    {
        H5Handle f = create_native_file(file.path());
        for (const Case& c : cases) {
            H5Handle g = owned(H5Gcreate2(f.get(), c.name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), c.name);
            write_string_attribute(g.get(), "encoding-type", "csr_matrix");
            write_string_attribute(g.get(), "encoding-version", "0.1.0");
            hsize_t two = 2;
            H5Handle space = owned(H5Screate_simple(1, &two, nullptr), "space");
            H5Handle a = owned(H5Acreate2(g.get(), "shape", H5T_STD_U64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                               "shape");
            const unsigned long long shape[2] = {c.rows, c.cols};
            check_status(H5Awrite(a.get(), H5T_NATIVE_ULLONG, shape), "shape");
            // Rows of a CSR whose row count is 0 or absurd: indptr holds what a 0-row matrix has.
            write_int_dataset(g.get(), "indptr", {0}, H5T_STD_I64LE);
            write_unwritten(g.get(), "indices", 0, H5T_STD_I32LE);
            write_unwritten(g.get(), "data", 0, H5T_IEEE_F64LE);
        }
    }
    H5Handle f = open_through_connector(file.path());
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            const std::string path = std::string("/") + c.name;
            if (!c.opens) {
                BOOST_TEST(type_of(f.get(), path.c_str()) == H5O_TYPE_GROUP);
                const std::string errors = dataset_open_error(f.get(), path.c_str());
                BOOST_TEST(errors.find("attribute 'shape' is too large") != std::string::npos, errors);
                continue;
            }
            BOOST_REQUIRE(type_of(f.get(), path.c_str()) == H5O_TYPE_DATASET);
            H5Handle d = owned(H5Dopen2(f.get(), path.c_str(), H5P_DEFAULT), path.c_str());
            H5Handle space = owned(H5Dget_space(d.get()), "space");
            hsize_t dims[2] = {9, 9};
            BOOST_TEST(H5Sget_simple_extent_dims(space.get(), dims, nullptr) == 2);
            BOOST_TEST(dims[0] == c.rows);
            BOOST_TEST(dims[1] == c.cols);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_group_that_cannot_describe_a_matrix_opens_as_a_group) {
    // anndata's markers and shape, but no indptr: whatever path the question takes (answers kept
    // for a read-only file, asked afresh for a writable one), H5Oopen gives a group and H5Dopen2
    // names the rule.
    TempFile file;
    {
        H5Handle f = create_native_file(file.path());
        H5Handle g = owned(H5Gcreate2(f.get(), "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
        anndata_markers(g.get(), "csr_matrix", 2, 3);
        write_int_dataset(g.get(), "data", {5, 7}, H5T_STD_I64LE);
        write_int_dataset(g.get(), "indices", {0, 2}, H5T_STD_I64LE);
    }
    for (unsigned flags : {H5F_ACC_RDONLY, H5F_ACC_RDWR}) {
        BOOST_TEST_CONTEXT((flags == H5F_ACC_RDONLY ? "read-only" : "writable")) {
            H5Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), "fapl");
            check_status(h5sparse_vol_set_fapl(fapl.get(), "under_vol=0;under_info={}"), "h5sparse_vol_set_fapl");
            H5Handle f = owned(H5Fopen(file.c_str(), flags, fapl.get()), "open");
            for (int first_question = 0; first_question < 2; ++first_question) {  // open first, then info first
                if (first_question == 1) BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_GROUP);
                H5Handle o = owned(H5Oopen(f.get(), "/X", H5P_DEFAULT), "H5Oopen");
                BOOST_TEST(H5Iget_type(o.get()) == H5I_GROUP);
                const std::string errors = dataset_open_error(f.get(), "/X");
                BOOST_TEST(errors.find("sparse matrix '/X' (anndata): component 'indptr' is missing") !=
                               std::string::npos,
                           errors);
            }
        }
    }
}

// A filter of this test's own, registered only while the file is written: afterwards no
// plugin anywhere provides it, as for a file from a tool with a filter nobody shipped.
constexpr H5Z_filter_t kUnknownFilter = 40123;
size_t pass_bytes(unsigned, size_t, const unsigned[], size_t nbytes, size_t*, void**) { return nbytes; }
const H5Z_class2_t kUnknownFilterClass = {H5Z_CLASS_T_VERS, kUnknownFilter, 1, 1, "h5sparse test filter",
                                          nullptr, nullptr, pass_bytes};

namespace {

// /X: a 2 x 3 CSR whose components need a filter no plugin provides.
void write_csr_needing_a_missing_filter(const std::string& path) {
    check_status(H5Zregister(&kUnknownFilterClass), "register the test filter");
    {
        H5Handle f = create_native_file(path);
        H5Handle g = owned(H5Gcreate2(f.get(), "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
        anndata_markers(g.get(), "csr_matrix", 2, 3);
        H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "dcpl");
        hsize_t chunk = 2;
        check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "chunk");
        check_status(H5Pset_filter(dcpl.get(), kUnknownFilter, H5Z_FLAG_MANDATORY, 0, nullptr), "filter");
        const std::vector<std::pair<const char*, std::vector<long long>>> parts = {
            {"data", {5, 7}}, {"indices", {0, 2}}, {"indptr", {0, 1, 2}}};
        for (const auto& [name, values] : parts) {
            hsize_t n = values.size();
            H5Handle space = owned(H5Screate_simple(1, &n, nullptr), "space");
            H5Handle d = owned(H5Dcreate2(g.get(), name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                               name);
            check_status(H5Dwrite(d.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
        }
    }
    check_status(H5Zunregister(kUnknownFilter), "unregister the test filter");
}

void expect_missing_filter_named_beneath(const std::string& path) {
    H5Handle f = open_through_connector(path);
    H5Handle d = owned(H5Dopen2(f.get(), "/X", H5P_DEFAULT), "open /X (opening reads no component)");
    expect_read_fails_with_cause(d.get(), 6, "of sparse matrix '/X'",
                                 "required filter 'h5sparse test filter' is not registered");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_filter_is_named_beneath_the_connector) {
    TempFile file;
    write_csr_needing_a_missing_filter(file.path());
    expect_missing_filter_named_beneath(file.path());
}

// The connector registers its error class with the first error it reports, not when HDF5
// initialises it; registering is an HDF5 call that clears the stack, so the cause must survive it.
BOOST_AUTO_TEST_CASE(the_first_error_after_hdf5_restarts_keeps_its_cause) {
    TempFile file;
    write_csr_needing_a_missing_filter(file.path());
    check_status(H5close(), "H5close: terminates the connector, which releases its error class");
    expect_missing_filter_named_beneath(file.path());
}

namespace {

// A 4 x 3 CSR in /X whose components are gzip-compressed in chunks of 2 (the connector decodes
// those itself); `data` is written only where `written` says, the rest left to its fill value 9.
void write_gzip_csr(const std::string& path, const std::vector<bool>& written) {
    H5Handle f = create_native_file(path);
    H5Handle g = owned(H5Gcreate2(f.get(), "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
    anndata_markers(g.get(), "csr_matrix", 4, 3);
    const std::vector<std::pair<const char*, std::vector<long long>>> parts = {
        {"data", {5, 7, 8, 6}}, {"indices", {0, 2, 1, 0}}, {"indptr", {0, 1, 2, 3, 4}}};
    for (const auto& [name, values] : parts) {
        H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "dcpl");
        hsize_t chunk = 2;
        check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "chunk");
        check_status(H5Pset_shuffle(dcpl.get()), "shuffle");
        check_status(H5Pset_deflate(dcpl.get(), 6), "deflate");
        const long long fill = 9;
        check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_LLONG, &fill), "fill");
        hsize_t n = values.size();
        H5Handle space = owned(H5Screate_simple(1, &n, nullptr), "space");
        H5Handle d = owned(H5Dcreate2(g.get(), name, H5T_STD_I64LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                           name);
        for (hsize_t i = 0; i < n; ++i) {
            if (std::string(name) == "data" && !written[i]) continue;
            H5Handle fs = owned(H5Dget_space(d.get()), "space");
            hsize_t one = 1;
            check_status(H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, &i, nullptr, &one, nullptr), "select");
            H5Handle ms = owned(H5Screate_simple(1, &one, nullptr), "mem");
            check_status(H5Dwrite(d.get(), H5T_NATIVE_LLONG, ms.get(), fs.get(), H5P_DEFAULT, &values[i]), name);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(unwritten_compressed_chunks_read_as_hdf5_fills_them) {
    // The second chunk of `data` (entries 2 and 3) is never written: HDF5 gives its fill value,
    // and so must the connector, which cannot decode what is not there and leaves it to HDF5.
    TempFile file;
    write_gzip_csr(file.path(), {true, true, false, false});
    for (const char* info : {"under_vol=0;under_info={};threads=1", "under_vol=0;under_info={};threads=3"}) {
        H5Handle f = open_through_connector(file.path(), info);
        H5Handle d = owned(H5Dopen2(f.get(), "/X", H5P_DEFAULT), "open /X");
        const std::vector<double> expected = {5, 0, 0, 0, 0, 7, 0, 9, 0, 9, 0, 0};
        BOOST_TEST(read_all(d.get()) == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(a_damaged_compressed_chunk_fails_with_hdf5s_own_cause) {
    TempFile file;
    write_gzip_csr(file.path(), {true, true, true, true});
    {  // overwrite the stored bytes of the first chunk of `data` (a deflate stream) with zeros
        H5Handle f = owned(H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open natively");
        H5Handle d = owned(H5Dopen2(f.get(), "/X/data", H5P_DEFAULT), "data");
        hsize_t offset = 0, size = 0;
        haddr_t address = HADDR_UNDEF;
        unsigned mask = 0;
        check_status(H5Dget_chunk_info_by_coord(d.get(), &offset, &mask, &address, &size), "chunk info");
        f = H5Handle();
        std::FILE* raw = std::fopen(file.path().c_str(), "r+b");
        BOOST_REQUIRE(raw != nullptr);
        std::fseek(raw, static_cast<long>(address), SEEK_SET);
        const std::vector<unsigned char> zeros(static_cast<size_t>(size), 0);
        std::fwrite(zeros.data(), 1, zeros.size(), raw);
        std::fclose(raw);
    }
    for (const char* info : {"under_vol=0;under_info={};threads=1", "under_vol=0;under_info={};threads=2"}) {
        H5Handle f = open_through_connector(file.path(), info);
        H5Handle d = owned(H5Dopen2(f.get(), "/X", H5P_DEFAULT), "open /X");
        // Rows 2 and 3 live in the undamaged second chunk: they read.
        BOOST_TEST(read_rows(d.get(), 2, 2, 3) == (std::vector<double>{0, 8, 0, 6, 0, 0}),
                   boost::test_tools::per_element());
        expect_read_fails_with_cause(d.get(), 12, "cannot read 'data' [0, ", "filter returned failure during read");
    }
}
