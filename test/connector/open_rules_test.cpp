// What the connector decides when a file or a sparse group is opened, on files written here with
// the plain C API through native (support/sparse_writer.hpp):
//  - opening reads no indptr value: a broken indptr fails exactly the reads that touch the broken
//    position (cached or not, for every stored index type), naming it, and the other rows read
//    exactly; an index out of range fails every read of its row, however narrow the window;
//  - detection answers remembered for a read-only file never outlive it, and a file open for
//    writing is asked again after every change;
//  - a group that anndata or h5sparse tags as something else is not taken for a 10x matrix, and
//    a marker string of a length no accepted value has is never fetched from the global heap;
//  - a marked group without the member its matrices need lists as a group (the listing answers
//    from its links), and opening it as a dataset afterwards still names the missing component.
// Expected values come from the matrices written here (indptr[i] = i: one entry per row).
#define BOOST_TEST_MODULE connector_open_rules
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/h5_handle.hpp"
#include "support/native_access.hpp"
#include "support/small_objects.hpp"
#include "support/sparse_writer.hpp"
#include "support/temp_file.hpp"

using namespace h5sparse_test;

namespace {

// Longer than 64 times the rows of a small first read, so that one reads indptr in ranges and
// the next keeps the whole of it: both paths meet the broken positions.
constexpr std::uint64_t kRows = 40'000;
constexpr std::uint64_t kCols = 7;

// Row r holds one value, r % 5 + 1, in column r % kCols: indptr[r] = r.
std::vector<Triplet> one_per_row() {
    std::vector<Triplet> t;
    for (std::uint64_t r = 0; r < kRows; ++r) t.push_back({r, r % kCols, double(r % 5 + 1)});
    return t;
}

void write_matrix(const std::string& path, hid_t indptr_type) {
    H5Handle f = create_native_file(path);
    SparseGroupOptions o;
    o.rows = kRows;
    o.cols = kCols;
    o.indptr_type = indptr_type;
    o.chunked = true;
    o.chunk_elements = 3'000;
    const auto entries = one_per_row();
    write_sparse_group(f.get(), o, entries);
}

// component[position] = value (component "/X/indptr" unless named), written natively in the
// stored type (through a conversion from `value_type`).
template <typename T>
void overwrite_element(const std::string& path, hsize_t position, T value, hid_t value_type,
                      const char* component = "/X/indptr") {
    H5Handle fapl = native_fapl();
    H5Handle f = owned(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), "open RDWR");
    H5Handle d = owned(H5Dopen2(f.get(), component, H5P_DEFAULT), "open component");
    H5Handle file_space = owned(H5Dget_space(d.get()), "space");
    hsize_t one = 1;
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &position, nullptr, &one, nullptr), "select");
    H5Handle mem_space = owned(H5Screate_simple(1, &one, nullptr), "mem space");
    check_status(H5Dwrite(d.get(), value_type, mem_space.get(), file_space.get(), H5P_DEFAULT, &value), "write");
}

hid_t open_through_connector(const std::string& path, unsigned flags = H5F_ACC_RDONLY) {
    H5Handle fapl = owned(H5Pcreate(H5P_FILE_ACCESS), "fapl");
    check_status(h5sparse_vol_set_fapl(fapl.get(), "under_vol=0;under_info={}"), "h5sparse_vol_set_fapl");
    return check_id(H5Fopen(path.c_str(), flags, fapl.get()), "open through the connector");
}

// Rows [first, first + count) of /X through an open dataset: the values, or the error text.
struct RowsRead {
    std::vector<double> values;
    std::string error;  // "" when the read succeeded
};
RowsRead read_rows(hid_t d, hsize_t first, hsize_t count) {
    H5Handle space = owned(H5Dget_space(d), "space");
    hsize_t start[2] = {first, 0}, counts[2] = {count, kCols};
    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, counts, nullptr), "select");
    H5Handle mem = owned(H5Screate_simple(2, counts, nullptr), "mem");
    RowsRead out;
    out.values.assign(count * kCols, -1.0);
    H5Eclear2(H5E_DEFAULT);
    herr_t r;
    {
        QuietErrors quiet;
        r = H5Dread(d, H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, out.values.data());
    }
    if (r < 0) out.error = hdf5_error_text() + " ";  // never empty on failure
    return out;
}

// Row r as one_per_row() wrote it.
std::vector<double> expected_row(hsize_t r) {
    std::vector<double> want(kCols, 0.0);
    want[r % kCols] = double(r % 5 + 1);
    return want;
}

// What H5Dopen2(f, name) reports: it must fail (its error text is never empty then).
std::string open_error(hid_t f, const char* name) {
    H5Eclear2(H5E_DEFAULT);
    hid_t d;
    {
        QuietErrors quiet;
        d = H5Dopen2(f, name, H5P_DEFAULT);
    }
    BOOST_TEST(d == H5I_INVALID_HID);
    if (d >= 0) H5Dclose(d);
    return hdf5_error_text();
}

// Opens /X (which must open: opening reads no indptr value).
H5Handle open_x(hid_t f) { return owned(H5Dopen2(f, "X", H5P_DEFAULT), "open X (opening reads no indptr)"); }

// /g: everything a 10x matrix has (a 2 x 3 CSC with 2 values), plus `marker` = `value` if set.
void write_tenx_like_group(const std::string& path, const char* marker, const char* value) {
    H5Handle f = create_native_file(path);
    H5Handle g = owned(H5Gcreate2(f.get(), "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
    write_int_dataset(g.get(), "shape", {2, 3}, H5T_STD_I32LE);
    write_int_dataset(g.get(), "data", {5, 7}, H5T_STD_I32LE);
    write_int_dataset(g.get(), "indices", {0, 1}, H5T_STD_I64LE);
    write_int_dataset(g.get(), "indptr", {0, 1, 1, 2}, H5T_STD_I64LE);
    if (marker) write_string_attribute(g.get(), marker, value);
}

// /g: anndata's csr_matrix marker and shape (2 x 3) over data and indices, without the indptr
// every such matrix needs.
void write_marked_group_without_indptr(const std::string& path) {
    H5Handle f = create_native_file(path);
    H5Handle g = owned(H5Gcreate2(f.get(), "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group");
    write_int_dataset(g.get(), "data", {5, 7}, H5T_STD_I32LE);
    write_int_dataset(g.get(), "indices", {0, 1}, H5T_STD_I64LE);
    write_string_attribute(g.get(), "encoding-type", "csr_matrix");
    const hsize_t two = 2;
    const long long shape[2] = {2, 3};
    H5Handle space = owned(H5Screate_simple(1, &two, nullptr), "shape space");
    H5Handle a = owned(H5Acreate2(g.get(), "shape", H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), "shape");
    check_status(H5Awrite(a.get(), H5T_NATIVE_LLONG, shape), "write shape");
}

// Overwrites the signature of the file's only global heap collection: any read of a
// variable-length string stored there then fails.
void destroy_the_global_heap(const std::string& path) {
    std::fstream io(path, std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(io)), {});
    const auto at = bytes.find("GCOL");
    BOOST_REQUIRE(at != std::string::npos);
    BOOST_REQUIRE(bytes.find("GCOL", at + 1) == std::string::npos);
    io.seekp(static_cast<std::streamoff>(at));
    io.write("XXXX", 4);
}

struct IndexType {
    const char* name;
    hid_t type;
};
const IndexType kIndexTypes[] = {{"int32", H5T_STD_I32LE},
                                 {"uint32", H5T_STD_U32LE},
                                 {"int64", H5T_STD_I64LE},
                                 {"uint64", H5T_STD_U64LE},
                                 {"int64 big-endian", H5T_STD_I64BE}};

}  // namespace

BOOST_AUTO_TEST_CASE(valid_indptr_of_every_type_opens_and_reads) {
    for (const IndexType& t : kIndexTypes) {
        BOOST_TEST_CONTEXT(t.name) {
            TempFile file;
            write_matrix(file.path(), t.type);
            H5Handle f(open_through_connector(file.path()));
            H5Handle d = owned(H5Dopen2(f.get(), "X", H5P_DEFAULT), "open X");
            // Rows across the validation pieces, read twice (the second read uses the kept indptr).
            for (hsize_t row : {hsize_t{0}, hsize_t{15'999}, hsize_t{16'000}, hsize_t{32'001}, kRows - 1}) {
                for (int pass = 0; pass < 2; ++pass) {
                    H5Handle space = owned(H5Dget_space(d.get()), "space");
                    hsize_t start[2] = {row, 0}, count[2] = {1, kCols};
                    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                                 "select");
                    H5Handle mem = owned(H5Screate_simple(2, count, nullptr), "mem");
                    std::vector<double> got(kCols, -1);
                    check_status(H5Dread(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, got.data()),
                                 "read");
                    std::vector<double> want(kCols, 0.0);
                    want[row % kCols] = double(row % 5 + 1);
                    BOOST_TEST(got == want, boost::test_tools::per_element());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(decreasing_indptr_fails_only_the_reads_that_touch_it) {
    // indptr[p] = p - 2 after p - 1: decreasing exactly at p, so row p - 1 is broken.
    for (const IndexType& t : kIndexTypes) {
        for (hsize_t p : {hsize_t{5}, hsize_t{16'000}, hsize_t{39'000}}) {
            BOOST_TEST_CONTEXT(t.name << ", position " << p) {
                TempFile file;
                write_matrix(file.path(), t.type);
                overwrite_element<long long>(file.path(), p, static_cast<long long>(p) - 2, H5T_NATIVE_LLONG);
                H5Handle f(open_through_connector(file.path()));
                H5Handle d = open_x(f.get());
                const std::string expected = "indptr is decreasing at position " + std::to_string(p) + " (" +
                                             std::to_string(p - 1) + " then " + std::to_string(p - 2) + ")";
                // A small first read: indptr read in ranges.
                RowsRead broken = read_rows(d.get(), p - 1, 1);
                BOOST_TEST(broken.error.find(expected) != std::string::npos, broken.error);
                BOOST_TEST(broken.error.find("'/X'") != std::string::npos, broken.error);
                // The whole matrix: indptr kept in memory from here on.
                RowsRead all = read_rows(d.get(), 0, kRows);
                BOOST_TEST(all.error.find(expected) != std::string::npos, all.error);
                // Rows that are consistent read exactly, before and after the broken one.
                for (hsize_t r : {p - 2, p + 1, kRows - 1}) {
                    RowsRead ok = read_rows(d.get(), r, 1);
                    BOOST_TEST(ok.error.empty(), ok.error);
                    BOOST_TEST(ok.values == expected_row(r), boost::test_tools::per_element());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(touched_ranges_never_overlap_in_one_read) {
    // indptr[p] = p + 2: row p - 1 claims entries [p - 1, p + 2), row p decreases (p + 2 then
    // p + 1), row p + 1 claims [p + 1, p + 2) again. Reading rows p - 1 and p + 1 together, with
    // the broken row between them untouched, must not serve entry p + 1 twice.
    const hsize_t p = 20'000;
    TempFile file;
    write_matrix(file.path(), H5T_STD_I64LE);
    overwrite_element<long long>(file.path(), p, static_cast<long long>(p) + 2, H5T_NATIVE_LLONG);
    H5Handle f(open_through_connector(file.path()));
    H5Handle d = open_x(f.get());
    for (int pass = 0; pass < 2; ++pass) {  // indptr read in ranges, then kept whole
        H5Handle space = owned(H5Dget_space(d.get()), "space");
        hsize_t start[2] = {p - 1, 0}, stride[2] = {2, 1}, count[2] = {2, 1}, block[2] = {1, kCols};
        check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, stride, count, block), "select");
        hsize_t n = 2 * kCols;
        H5Handle mem = owned(H5Screate_simple(1, &n, nullptr), "mem");
        std::vector<double> got(n, -1.0);
        H5Eclear2(H5E_DEFAULT);
        herr_t r;
        {
            QuietErrors quiet;
            r = H5Dread(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, got.data());
        }
        const std::string errors = hdf5_error_text();
        BOOST_TEST(r < 0);
        const std::string expected = "indptr is decreasing between positions " + std::to_string(p) + " and " +
                                     std::to_string(p + 1) + " (" + std::to_string(p + 2) + " then " +
                                     std::to_string(p + 1) + ")";
        BOOST_TEST(errors.find(expected) != std::string::npos, errors);
        if (pass == 0) read_rows(d.get(), 0, kRows);  // loads the whole indptr (and fails)
    }
}

BOOST_AUTO_TEST_CASE(first_and_last_indptr_values_are_checked_where_read) {
    for (const IndexType& t : kIndexTypes) {
        BOOST_TEST_CONTEXT(t.name) {
            TempFile first;
            write_matrix(first.path(), t.type);
            // indptr[0] = 1 with indptr[1] = 1: not decreasing, but not starting at 0.
            overwrite_element<long long>(first.path(), 0, 1, H5T_NATIVE_LLONG);
            {
                H5Handle f(open_through_connector(first.path()));
                H5Handle d = open_x(f.get());
                RowsRead row0 = read_rows(d.get(), 0, 1);
                BOOST_TEST(row0.error.find("indptr[0] is 1, expected 0") != std::string::npos, row0.error);
                RowsRead row1 = read_rows(d.get(), 1, 1);
                BOOST_TEST(row1.values == expected_row(1), boost::test_tools::per_element());
            }
            TempFile last;
            write_matrix(last.path(), t.type);
            overwrite_element<long long>(last.path(), kRows, static_cast<long long>(kRows) + 3, H5T_NATIVE_LLONG);
            H5Handle f(open_through_connector(last.path()));
            H5Handle d = open_x(f.get());
            RowsRead tail = read_rows(d.get(), kRows - 2, 2);
            BOOST_TEST(tail.error.find("indptr[-1] is " + std::to_string(kRows + 3) + " but 'data' has " +
                                       std::to_string(kRows) + " values") != std::string::npos,
                       tail.error);
            RowsRead before = read_rows(d.get(), kRows - 2, 1);
            BOOST_TEST(before.values == expected_row(kRows - 2), boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_index_out_of_range_fails_a_narrow_read_of_its_row) {
    // Row 1 holds columns 0, 2 and 5 (entries 1-3), row 2 columns 3 and 6 (entries 4-5). Then
    // entry 3 becomes 9 and entry 4 becomes -1: both rows stay sorted, each with one index out of
    // [0, 7) that a window of columns [0, 3) would skip.
    const std::vector<Triplet> entries = {{0, 1, 1.0}, {1, 0, 2.0}, {1, 2, 3.0}, {1, 5, 4.0},
                                          {2, 3, 5.0}, {2, 6, 6.0}, {3, 4, 7.0}};
    for (const IndexType& t : {kIndexTypes[0], kIndexTypes[2], kIndexTypes[4]}) {  // signed: -1 fits
        BOOST_TEST_CONTEXT(t.name) {
            TempFile file;
            {
                H5Handle f = create_native_file(file.path());
                SparseGroupOptions o;
                o.rows = 4;
                o.cols = kCols;
                o.index_type = t.type;
                write_sparse_group(f.get(), o, entries);
            }
            overwrite_element<long long>(file.path(), 3, 9, H5T_NATIVE_LLONG, "/X/indices");
            overwrite_element<long long>(file.path(), 4, -1, H5T_NATIVE_LLONG, "/X/indices");
            H5Handle f(open_through_connector(file.path()));
            H5Handle d = open_x(f.get());
            auto read_window = [&](hsize_t row, hsize_t first_col, hsize_t cols) {
                H5Handle space = owned(H5Dget_space(d.get()), "space");
                hsize_t start[2] = {row, first_col}, count[2] = {1, cols};
                check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
                H5Handle mem = owned(H5Screate_simple(2, count, nullptr), "mem");
                RowsRead out;
                out.values.assign(cols, -1.0);
                H5Eclear2(H5E_DEFAULT);
                herr_t r;
                {
                    QuietErrors quiet;
                    r = H5Dread(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, out.values.data());
                }
                if (r < 0) out.error = hdf5_error_text() + " ";
                return out;
            };
            for (hsize_t cols : {hsize_t{3}, kCols}) {  // a narrow window, then the whole row
                RowsRead high = read_window(1, 0, cols);
                BOOST_TEST(high.error.find("index 9 at position 3 of 'indices' is out of range [0, 7)") !=
                               std::string::npos,
                           high.error);
                RowsRead low = read_window(2, 0, cols);
                BOOST_TEST(low.error.find("index -1 at position 4 of 'indices' is out of range [0, 7)") !=
                               std::string::npos,
                           low.error);
            }
            // The rows around them read exactly, narrow or whole.
            RowsRead row0 = read_window(0, 0, 3);
            BOOST_TEST(row0.error.empty(), row0.error);
            BOOST_TEST(row0.values == (std::vector<double>{0, 1, 0}), boost::test_tools::per_element());
            RowsRead row3 = read_window(3, 3, 3);
            BOOST_TEST(row3.error.empty(), row3.error);
            BOOST_TEST(row3.values == (std::vector<double>{0, 7, 0}), boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(unsigned_indptr_beyond_int64_is_named_exactly) {
    TempFile file;
    write_matrix(file.path(), H5T_STD_U64LE);
    const unsigned long long huge = 0xFFFF'FFFF'FFFF'FFF0ULL;
    overwrite_element<unsigned long long>(file.path(), 20'000, huge, H5T_NATIVE_ULLONG);
    H5Handle f(open_through_connector(file.path()));
    H5Handle d = open_x(f.get());
    for (hsize_t rows : {hsize_t{1}, kRows - 19'999}) {  // ranged, then the whole indptr
        RowsRead r = read_rows(d.get(), 19'999, rows);
        BOOST_TEST(r.error.find("indptr[20000] is 18446744073709551600, larger than any position") !=
                       std::string::npos,
                   r.error);
    }
}

BOOST_AUTO_TEST_CASE(answers_for_a_read_only_file_end_with_it) {
    TempFile file;
    write_matrix(file.path(), H5T_STD_I64LE);
    {
        H5Handle f(open_through_connector(file.path()));
        BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_DATASET);
        BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_DATASET);  // asked again: the same answer
    }
    {  // natively, the group stops being a sparse matrix
        H5Handle fapl = native_fapl();
        H5Handle f = owned(H5Fopen(file.c_str(), H5F_ACC_RDWR, fapl.get()), "open RDWR");
        check_status(H5Adelete_by_name(f.get(), "/X", "encoding-type", H5P_DEFAULT), "delete encoding-type");
    }
    H5Handle f(open_through_connector(file.path()));
    BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(a_file_open_for_writing_is_asked_again) {
    TempFile file;
    write_matrix(file.path(), H5T_STD_I64LE);
    H5Handle f(open_through_connector(file.path(), H5F_ACC_RDWR));
    BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_DATASET);
    {  // through the raw view of the same file id
        H5Handle g = owned(H5Gopen2(f.get(), "/X", H5P_DEFAULT), "raw view");
        check_status(H5Adelete(g.get(), "encoding-type"), "delete encoding-type");
    }
    BOOST_TEST(type_of(f.get(), "/X") == H5O_TYPE_GROUP);
    H5O_info2_t info{};
    BOOST_TEST(H5Oget_info_by_name3(f.get(), "/X/indptr", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
    BOOST_TEST(info.type == H5O_TYPE_DATASET);  // the components are visible again
}

BOOST_AUTO_TEST_CASE(elements_tagged_as_something_else_stay_groups) {
    struct Case {
        const char* marker;
        const char* value;
        H5O_type_t expected;
    };
    const Case cases[] = {{nullptr, nullptr, H5O_TYPE_DATASET},  // untagged: a 10x matrix
                          {"encoding-type", "dict", H5O_TYPE_GROUP},
                          {"encoding-type", "dataframe", H5O_TYPE_GROUP},
                          {"h5sparse_format", "coo", H5O_TYPE_GROUP},
                          {"encoding-type", "csc_matrix", H5O_TYPE_GROUP}};  // anndata's, broken: no shape attribute
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT((c.marker ? c.marker : "no marker") << " = " << (c.value ? c.value : "")) {
            TempFile file;
            write_tenx_like_group(file.path(), c.marker, c.value);
            H5Handle f(open_through_connector(file.path()));
            BOOST_TEST(type_of(f.get(), "/g") == c.expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(padded_markers_are_still_recognised) {
    TempFile file;
    write_tenx_like_group(file.path(), "encoding-type", "csc_matrix  ");
    H5Handle f(open_through_connector(file.path()));
    // anndata's, with no shape attribute: a group, and opening it as a dataset says why.
    BOOST_TEST(type_of(f.get(), "/g") == H5O_TYPE_GROUP);
    const std::string errors = open_error(f.get(), "g");
    BOOST_TEST(errors.find("sparse matrix '/g' (anndata): attribute 'shape' is missing") != std::string::npos, errors);
}

BOOST_AUTO_TEST_CASE(implausible_markers_are_never_fetched) {
    // The file's only global heap collection holds the "dict" marker; its signature is then
    // destroyed, so any read of the string fails.
    TempFile file;
    write_tenx_like_group(file.path(), "encoding-type", "dict");
    destroy_the_global_heap(file.path());
    {  // natively, the string cannot be read any more
        H5Handle fapl = native_fapl();
        H5Handle f = owned(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()), "open natively");
        H5Handle a = owned(H5Aopen_by_name(f.get(), "/g", "encoding-type", H5P_DEFAULT, H5P_DEFAULT), "open attr");
        H5Handle type = owned(H5Aget_type(a.get()), "type");
        char* text = nullptr;
        QuietErrors quiet;
        BOOST_TEST(H5Aread(a.get(), type.get(), &text) < 0);
    }
    H5Handle f(open_through_connector(file.path()));
    BOOST_TEST(type_of(f.get(), "/g") == H5O_TYPE_GROUP);  // known without the string
}

BOOST_AUTO_TEST_CASE(a_marked_group_without_indptr_lists_as_a_group_and_opening_it_says_why) {
    {  // a group, quietly, even with its marker unreadable: its links answer
        TempFile file;
        write_marked_group_without_indptr(file.path());
        destroy_the_global_heap(file.path());
        H5Handle f(open_through_connector(file.path()));
        H5Eclear2(H5E_DEFAULT);
        BOOST_TEST(type_of(f.get(), "/g") == H5O_TYPE_GROUP);
        BOOST_TEST(H5Eget_num(H5E_DEFAULT) == 0);
    }
    // Asked first by a listing (the answer remembered for the read-only file), opening it as a
    // dataset still says why it is none.
    TempFile file;
    write_marked_group_without_indptr(file.path());
    H5Handle f(open_through_connector(file.path()));
    BOOST_TEST(type_of(f.get(), "/g") == H5O_TYPE_GROUP);
    H5O_info2_t info{};
    BOOST_TEST(H5Oget_info_by_name3(f.get(), "/g/indices", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
    const std::string errors = open_error(f.get(), "g");
    BOOST_TEST(errors.find("'/g' (anndata)") != std::string::npos, errors);
    BOOST_TEST(errors.find("component 'indptr' is missing") != std::string::npos, errors);
}
