// The conventions beyond anndata, h5sparse and 10x (issue 11), on files their own writers made
// (test/fixtures: libmatio for MATLAB v7.3, HDMF for CSRMatrix, Octave's save -hdf5, cooler,
// hickle) and on
// broken groups written here.
// Expected values come from each writer's own dense output (matio's full(A) variables in the same
// file) or from the numbers in the generators, never from the connector's code.
#define BOOST_TEST_MODULE connector_conventions
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <cmath>
#include <complex>
#include <cstring>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/connector_access.hpp"
#include "support/h5_handle.hpp"
#include "support/native_access.hpp"
#include "support/random.hpp"
#include "support/random_selection.hpp"
#include "support/small_objects.hpp"
#include "support/temp_file.hpp"

using namespace h5sparse_test;

namespace {

std::vector<hsize_t> dims_of(hid_t d) {
    H5Handle space = owned(H5Dget_space(d), "space");
    std::vector<hsize_t> dims(static_cast<size_t>(H5Sget_simple_extent_ndims(space.get())));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
}

std::vector<double> read_all(hid_t f, const char* path) {
    H5Handle d = owned(H5Dopen2(f, path, H5P_DEFAULT), path);
    H5Handle space = owned(H5Dget_space(d.get()), "space");
    std::vector<double> out(static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())), -1.0);
    check_status(H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), path);
    return out;
}

// The whole of a dataset of complex values, read as the {real, imag} compound of doubles.
std::vector<std::complex<double>> read_complex(hid_t f, const char* path) {
    H5Handle mem = owned(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<double>)), "compound");
    check_status(H5Tinsert(mem.get(), "real", 0, H5T_NATIVE_DOUBLE), "real");
    check_status(H5Tinsert(mem.get(), "imag", sizeof(double), H5T_NATIVE_DOUBLE), "imag");
    H5Handle d = owned(H5Dopen2(f, path, H5P_DEFAULT), path);
    H5Handle space = owned(H5Dget_space(d.get()), "space");
    std::vector<std::complex<double>> out(static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())), {-1, -1});
    check_status(H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), path);
    return out;
}

// A MATLAB-shaped group written by hand: MATLAB_sparse (rows) and jc/ir/data as given.
void write_matlab_group(hid_t file, const char* name, unsigned long long rows, const std::vector<long long>& jc,
                        const std::vector<long long>& ir, const std::vector<long long>& data) {
    H5Handle g = owned(H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
    H5Handle scalar = owned(H5Screate(H5S_SCALAR), "scalar");
    H5Handle attr = owned(H5Acreate2(g.get(), "MATLAB_sparse", H5T_STD_U64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                          "MATLAB_sparse");
    check_status(H5Awrite(attr.get(), H5T_NATIVE_ULLONG, &rows), "write MATLAB_sparse");
    write_string_attribute(g.get(), "MATLAB_class", "double");
    if (!jc.empty()) write_int_dataset(g.get(), "jc", jc, H5T_STD_U64LE);
    write_int_dataset(g.get(), "ir", ir, H5T_STD_U64LE);
    write_int_dataset(g.get(), "data", data, H5T_IEEE_F64LE);
}

// Every selection kind and memory space of `path` through the connector against the twin's
// dataset at the same path, read natively with the same arguments (the stored type, a wider one
// and a float: each a path of its own in the reader).
void compare_every_selection(const std::string& sparse_name, const std::string& twin_name, const char* path,
                             const char* info = "under_vol=0;under_info={}") {
    H5Handle sparse_file = open_through_connector(fixture(sparse_name.c_str()), info);
    H5Handle dense_file = open_native_file(fixture(twin_name.c_str()));
    H5Handle sparse = owned(H5Dopen2(sparse_file.get(), path, H5P_DEFAULT), "sparse");
    H5Handle dense = owned(H5Dopen2(dense_file.get(), path, H5P_DEFAULT), "twin");
    const std::vector<hsize_t> dims = dims_of(dense.get());
    BOOST_TEST(dims_of(sparse.get()) == dims, boost::test_tools::per_element());
    Rng rng(0xC001E5);
    for (int i = 0; i < 400; ++i) {
        const auto kind = static_cast<FileSelectionKind>(i % static_cast<int>(FileSelectionKind::count_));
        FileSelection file = make_file_selection(rng, kind, dims[0], dims[1]);
        MemorySpace mem = random_memory_space(rng, file, dims[0], dims[1]);
        const hid_t mem_type = i % 3 == 0 ? H5T_NATIVE_DOUBLE : i % 3 == 1 ? H5T_NATIVE_LLONG : H5T_NATIVE_INT;
        const size_t size = H5Tget_size(mem_type);
        std::vector<unsigned char> got(mem.buffer_elements * size + 1, 0xA5), want(got);
        BOOST_TEST_CONTEXT(file.description() << " into " << mem.description() << " as " << size << " bytes") {
            check_status(H5Dread(sparse.get(), mem_type, mem.arg.id(), file.arg.id(), H5P_DEFAULT, got.data()),
                         "read through the connector");
            check_status(H5Dread(dense.get(), mem_type, mem.arg.id(), file.arg.id(), H5P_DEFAULT, want.data()),
                         "read of the twin");
            BOOST_TEST((got == want));
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matlab)

BOOST_AUTO_TEST_CASE(sparse_variables_read_as_what_matio_writes_for_full) {
    H5Handle f = open_through_connector(fixture("matlab_v73.mat"));
    for (auto [sparse, dense] : {std::pair{"/A", "/Adense"}, {"/B", "/Bdense"}, {"/L", "/Ldense"}, {"/E", "/Edense"},
                                 {"/S/M", "/Adense"}, {"/#refs#/0", "/Adense"}, {"/#refs#/1", "/Bdense"}}) {
        BOOST_TEST_CONTEXT(sparse) {
            BOOST_TEST(type_of(f.get(), sparse) == H5O_TYPE_DATASET);
            H5Handle s = owned(H5Dopen2(f.get(), sparse, H5P_DEFAULT), sparse);
            H5Handle d = owned(H5Dopen2(f.get(), dense, H5P_DEFAULT), dense);
            BOOST_TEST(dims_of(s.get()) == dims_of(d.get()), boost::test_tools::per_element());
            BOOST_TEST(read_all(f.get(), sparse) == read_all(f.get(), dense), boost::test_tools::per_element());
        }
    }
    // The view is (columns, rows), MATLAB's storage of full(A): row 0 is A's column 0 as
    // generate_matlab.c writes it (0, 1.5, 0, 0, -2); row 3 holds A(3, 3) = 1e300 at index 3.
    const std::vector<double> a = read_all(f.get(), "/A");
    BOOST_TEST(a[1] == 1.5);
    BOOST_TEST(a[4] == -2.0);
    BOOST_TEST(a[3 * 5 + 3] == 1e300);
}

BOOST_AUTO_TEST_CASE(attributes_are_those_of_a_dense_matlab_variable) {
    H5Handle f = open_through_connector(fixture("matlab_v73.mat"));
    H5Handle a = owned(H5Dopen2(f.get(), "/A", H5P_DEFAULT), "/A");
    BOOST_TEST(H5Aexists(a.get(), "MATLAB_class") > 0);
    BOOST_TEST(H5Aexists(a.get(), "MATLAB_sparse") == 0);
    H5O_info2_t info{};
    check_status(H5Oget_info3(a.get(), &info, H5O_INFO_NUM_ATTRS), "info");
    BOOST_TEST(info.num_attrs == 1u);
    H5Handle l = owned(H5Dopen2(f.get(), "/L", H5P_DEFAULT), "/L");
    BOOST_TEST(H5Aexists(l.get(), "MATLAB_int_decode") > 0);
    H5Handle type = owned(H5Dget_type(l.get()), "type");
    BOOST_TEST(H5Tequal(type.get(), H5T_STD_U8LE) > 0);
}

BOOST_AUTO_TEST_CASE(cell_elements_are_reached_by_their_references) {
    H5Handle f = open_through_connector(fixture("matlab_v73.mat"));
    H5Handle k = owned(H5Dopen2(f.get(), "/K", H5P_DEFAULT), "/K");
    hobj_ref_t refs[2] = {};
    check_status(H5Dread(k.get(), H5T_STD_REF_OBJ, H5S_ALL, H5S_ALL, H5P_DEFAULT, refs), "read K");
    const std::vector<hsize_t> expected[2] = {{4, 5}, {80, 120}};
    for (int i = 0; i < 2; ++i) {
        H5Handle element = owned(H5Rdereference2(k.get(), H5P_DEFAULT, H5R_OBJECT, &refs[i]), "dereference");
        BOOST_TEST(H5Iget_type(element.get()) == H5I_DATASET);
        BOOST_TEST(dims_of(element.get()) == expected[i], boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(complex_values_read_as_the_real_imag_compound) {
    H5Handle f = open_through_connector(fixture("matlab_v73.mat"));
    const std::vector<std::complex<double>> z = read_complex(f.get(), "/Z"), zdense = read_complex(f.get(), "/Zdense");
    BOOST_TEST(z == zdense, boost::test_tools::per_element());
    BOOST_TEST(z[0] == std::complex<double>(1, 2));   // Z(0, 0) = 1+2i
    BOOST_TEST(z[5] == std::complex<double>(0, -3));  // Z(2, 1) = -3i: view row 1, column 2
    // Into pairs of floats: HDF5's compound conversion, which needs a background buffer (a NULL
    // one crashed the read).
    H5Handle narrow = owned(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<float>)), "compound");
    check_status(H5Tinsert(narrow.get(), "real", 0, H5T_NATIVE_FLOAT), "real");
    check_status(H5Tinsert(narrow.get(), "imag", sizeof(float), H5T_NATIVE_FLOAT), "imag");
    std::vector<std::complex<float>> got(z.size(), {-1, -1}), want(z.size(), {-2, -2});
    for (auto [path, out] : {std::pair{"/Z", got.data()}, {"/Zdense", want.data()}}) {
        H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
        check_status(H5Dread(d.get(), narrow.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out), path);
    }
    BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(left_out_of_the_conventions_a_variable_stays_a_group) {
    H5Handle f = open_through_connector(fixture("matlab_v73.mat"), "under_vol=0;under_info={};conventions=anndata,10x");
    BOOST_TEST(type_of(f.get(), "/A") == H5O_TYPE_GROUP);
    H5Handle g = open_through_connector(fixture("matlab_v73.mat"), "under_vol=0;under_info={};conventions=matlab");
    BOOST_TEST(type_of(g.get(), "/A") == H5O_TYPE_DATASET);
}

BOOST_AUTO_TEST_CASE(broken_groups_stay_groups_and_name_matlabs_members) {
    TempFile tmp;
    {
        H5Handle file = create_native_file(tmp.path());
        write_matlab_group(file.get(), "no_jc", 3, {}, {0}, {1});
        write_matlab_group(file.get(), "lengths", 3, {0, 1, 2}, {0}, {1, 2});
        write_matlab_group(file.get(), "jc_length", 3, {0, 1, 2, 2}, {0, 1}, {1, 2});
        write_matlab_group(file.get(), "ir_range", 3, {0, 1, 2}, {0, 7}, {1, 2});
    }
    H5Handle f = open_through_connector(tmp.path());
    BOOST_TEST(type_of(f.get(), "/no_jc") == H5O_TYPE_GROUP);
    BOOST_TEST(dataset_open_error(f.get(), "/no_jc").find("(matlab): component 'jc' is missing") != std::string::npos);
    BOOST_TEST(type_of(f.get(), "/lengths") == H5O_TYPE_GROUP);
    BOOST_TEST(dataset_open_error(f.get(), "/lengths").find("'data' and 'ir' have different lengths (2 and 1)") !=
               std::string::npos);
    // Three columns (jc has 4 values) of 3 rows: a 3 x 3 view whose ir and data hold 2 values.
    BOOST_TEST(type_of(f.get(), "/jc_length") == H5O_TYPE_DATASET);
    H5Handle bad = owned(H5Dopen2(f.get(), "/ir_range", H5P_DEFAULT), "/ir_range");
    std::vector<double> out(6);
    herr_t status;
    {
        QuietErrors quiet;
        status = H5Dread(bad.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    }
    BOOST_TEST(status < 0);
    BOOST_TEST(hdf5_error_text().find("index 7 at position 1 of 'ir' is out of range [0, 3)") != std::string::npos);
}

// Written here (no MATLAB on Debian): MATLAB leaves out `data` and `ir` when a sparse matrix has
// no entries (skjerns/mat7.3 #56; matio writes them with length 0 instead). The view is the
// (columns, rows) zero matrix of the type MATLAB_class names; a class that sparse matrices never
// have keeps the group a group, and pointers that promise entries fail the reads.
BOOST_AUTO_TEST_CASE(an_empty_matrix_without_data_or_ir_reads_as_zeros_of_its_class) {
    TempFile tmp("matlab_empty");
    auto write_empty = [](hid_t file, const char* name, const char* matlab_class, const std::vector<long long>& jc) {
        H5Handle g = owned(H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
        H5Handle scalar = owned(H5Screate(H5S_SCALAR), "scalar");
        H5Handle attr = owned(H5Acreate2(g.get(), "MATLAB_sparse", H5T_STD_U64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                              "MATLAB_sparse");
        const unsigned long long rows = 3;
        check_status(H5Awrite(attr.get(), H5T_NATIVE_ULLONG, &rows), "write MATLAB_sparse");
        write_string_attribute(g.get(), "MATLAB_class", matlab_class);
        write_int_dataset(g.get(), "jc", jc, H5T_STD_U64LE);
    };
    {
        H5Handle file = create_native_file(tmp.path());
        write_empty(file.get(), "E", "double", {0, 0, 0, 0, 0});
        write_empty(file.get(), "L", "logical", {0, 0, 0, 0, 0});
        write_empty(file.get(), "I", "int8", {0, 0, 0, 0, 0});
        write_empty(file.get(), "promises", "double", {0, 1, 1, 1, 1});
    }
    H5Handle f = open_through_connector(tmp.path());
    for (auto [path, type] : {std::pair{"/E", H5T_IEEE_F64LE}, {"/L", H5T_STD_U8LE}})
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(type_of(f.get(), path) == H5O_TYPE_DATASET);
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            BOOST_TEST(dims_of(d.get()) == (std::vector<hsize_t>{4, 3}), boost::test_tools::per_element());
            H5Handle t = owned(H5Dget_type(d.get()), "type");
            BOOST_TEST(H5Tequal(t.get(), type) > 0);
            BOOST_TEST(read_all(f.get(), path) == std::vector<double>(12, 0.0), boost::test_tools::per_element());
            BOOST_TEST(H5Dget_storage_size(d.get()) > 0u);  // h5diff reads 0 as "nothing to compare"
        }
    BOOST_TEST(type_of(f.get(), "/I") == H5O_TYPE_GROUP);
    BOOST_TEST(dataset_open_error(f.get(), "/I").find("component 'data' is missing") != std::string::npos);
    H5Handle promises = owned(H5Dopen2(f.get(), "/promises", H5P_DEFAULT), "/promises");
    std::vector<double> out(12);
    herr_t status;
    {
        QuietErrors quiet;
        status = H5Dread(promises.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    }
    BOOST_TEST(status < 0);
    const std::string why = hdf5_error_text();
    BOOST_TEST(why.find("'/promises'") != std::string::npos, why);
    BOOST_TEST(why.find("jc") != std::string::npos, why);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hdmf)

BOOST_AUTO_TEST_CASE(a_csr_matrix_shows_its_own_attributes_only) {
    H5Handle f = open_through_connector(fixture("hdmf_csr.h5"));
    for (const char* path : {"/csr_f64", "/csr_i32", "/csr_empty"}) BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(type_of(f.get(), path) == H5O_TYPE_DATASET);
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            BOOST_TEST(H5Aexists(d.get(), "object_id") > 0);
            for (const char* marker : {"data_type", "namespace", "shape"}) BOOST_TEST(H5Aexists(d.get(), marker) == 0);
        }
    // HDMF's other types stay what they are.
    BOOST_TEST(type_of(f.get(), "/specifications") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(a_csr_matrix_written_as_the_root_leaves_the_file_readable) {
    H5Handle f = open_through_connector(fixture("hdmf_csr_root.h5"));
    BOOST_TEST(type_of(f.get(), "/") == H5O_TYPE_GROUP);
    BOOST_TEST(type_of(f.get(), "/indptr") == H5O_TYPE_DATASET);
    BOOST_TEST(type_of(f.get(), "/specifications") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(octave)

BOOST_AUTO_TEST_CASE(a_sparse_variables_value_reads_as_octaves_full) {
    H5Handle f = open_through_connector(fixture("octave_sparse.h5"));
    for (auto [sparse, dense] : {std::pair{"/A/value", "/Adense/value"}, {"/B/value", "/Bdense/value"},
                                 {"/E/value", "/Edense/value"}, {"/S/value/M/value", "/Adense/value"}}) {
        BOOST_TEST_CONTEXT(sparse) {
            BOOST_TEST(type_of(f.get(), sparse) == H5O_TYPE_DATASET);
            H5Handle s = owned(H5Dopen2(f.get(), sparse, H5P_DEFAULT), sparse);
            H5Handle d = owned(H5Dopen2(f.get(), dense, H5P_DEFAULT), dense);
            BOOST_TEST(dims_of(s.get()) == dims_of(d.get()), boost::test_tools::per_element());
            BOOST_TEST(read_all(f.get(), sparse) == read_all(f.get(), dense), boost::test_tools::per_element());
        }
    }
    // The variable itself stays Octave's group: its `type` says what `value` is.
    BOOST_TEST(type_of(f.get(), "/A") == H5O_TYPE_GROUP);
    BOOST_TEST(type_of(f.get(), "/A/type") == H5O_TYPE_DATASET);
    // generate_octave.m: A(2, 1) = 1.5 is row 0 (column 1 of A), column 1 of the view.
    BOOST_TEST(read_all(f.get(), "/A/value")[1] == 1.5);
}

BOOST_AUTO_TEST_CASE(complex_values_keep_their_signed_zeros) {
    // Z(3, 2) = -3i is stored as (-0, -3), and Octave's full(Z) keeps the -0.
    H5Handle f = open_through_connector(fixture("octave_sparse.h5"));
    const std::vector<std::complex<double>> z = read_complex(f.get(), "/Z/value"),
                                            zdense = read_complex(f.get(), "/Zdense/value");
    for (size_t k = 0; k < 9; ++k) BOOST_TEST_CONTEXT("element " << k) {
            BOOST_TEST(z[k] == zdense[k]);
            BOOST_TEST(std::signbit(z[k].real()) == std::signbit(zdense[k].real()));
            BOOST_TEST(std::signbit(z[k].imag()) == std::signbit(zdense[k].imag()));
        }
    BOOST_TEST(std::signbit(z[1 * 3 + 2].real()));
}

BOOST_AUTO_TEST_CASE(a_compound_memory_type_keeps_the_callers_other_members) {
    // Read into a compound with members the stored {real, imag} lacks, HDF5 converts into the
    // caller's elements: those members keep what the buffer held. Compared bytewise with the
    // same read of Octave's own full(Z) (a plain dataset in the same file, read by HDF5), for the
    // in-place path (all of it), the batched one (points, a strided memory space) and with
    // H5Pset_preserve.
    struct Wide {
        double extra, real, imag;
        int tag;
    };
    H5Handle mem = owned(H5Tcreate(H5T_COMPOUND, sizeof(Wide)), "compound");
    check_status(H5Tinsert(mem.get(), "extra", HOFFSET(Wide, extra), H5T_NATIVE_DOUBLE), "extra");
    check_status(H5Tinsert(mem.get(), "real", HOFFSET(Wide, real), H5T_NATIVE_DOUBLE), "real");
    check_status(H5Tinsert(mem.get(), "imag", HOFFSET(Wide, imag), H5T_NATIVE_DOUBLE), "imag");
    check_status(H5Tinsert(mem.get(), "tag", HOFFSET(Wide, tag), H5T_NATIVE_INT), "tag");
    H5Handle f = open_through_connector(fixture("octave_sparse.h5"));
    H5Handle sparse = owned(H5Dopen2(f.get(), "/Z/value", H5P_DEFAULT), "/Z/value");
    H5Handle dense = owned(H5Dopen2(f.get(), "/Zdense/value", H5P_DEFAULT), "/Zdense/value");
    const std::vector<hsize_t> dims = dims_of(dense.get());
    BOOST_REQUIRE(dims == dims_of(sparse.get()));
    const hsize_t elements = dims[0] * dims[1];
    auto read_bytes = [&](hid_t d, hid_t mem_space, hid_t file_space, hid_t dxpl, size_t buffer_elements) {
        std::vector<Wide> buf(buffer_elements);
        for (size_t k = 0; k < buf.size(); ++k) buf[k] = {-7.0 - double(k), 99.0, 98.0, 42 + int(k)};
        check_status(H5Dread(d, mem.get(), mem_space, file_space, dxpl, buf.data()), "read");
        std::vector<unsigned char> bytes(buf.size() * sizeof(Wide));
        std::memcpy(bytes.data(), buf.data(), bytes.size());
        return bytes;
    };
    H5Handle preserve = owned(H5Pcreate(H5P_DATASET_XFER), "dxpl");
#ifndef H5_NO_DEPRECATED_SYMBOLS
    check_status(H5Pset_preserve(preserve.get(), 1), "H5Pset_preserve");
#endif
    for (hid_t dxpl : {hid_t{H5P_DEFAULT}, preserve.get()}) {
        BOOST_TEST_CONTEXT((dxpl == H5P_DEFAULT ? "default transfer" : "preserve")) {
            BOOST_TEST(read_bytes(sparse.get(), H5S_ALL, H5S_ALL, dxpl, elements) ==
                           read_bytes(dense.get(), H5S_ALL, H5S_ALL, dxpl, elements),
                       boost::test_tools::per_element());
            // Every element but the first, as points in reverse order, into every other place of
            // a memory space twice as long.
            std::vector<hsize_t> points;
            for (hsize_t k = elements; k-- > 1;) {
                points.push_back(k / dims[1]);
                points.push_back(k % dims[1]);
            }
            H5Handle file_space = owned(H5Screate_simple(2, dims.data(), nullptr), "file space");
            check_status(H5Sselect_elements(file_space.get(), H5S_SELECT_SET, elements - 1, points.data()), "points");
            const hsize_t mem_length = 2 * elements, start = 1, stride = 2, count = elements - 1;
            H5Handle mem_space = owned(H5Screate_simple(1, &mem_length, nullptr), "memory space");
            check_status(H5Sselect_hyperslab(mem_space.get(), H5S_SELECT_SET, &start, &stride, &count, nullptr),
                         "strided");
            BOOST_TEST(read_bytes(sparse.get(), mem_space.get(), file_space.get(), dxpl, mem_length) ==
                           read_bytes(dense.get(), mem_space.get(), file_space.get(), dxpl, mem_length),
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_empty_read_without_a_conversion_fails_as_hdf5s_does) {
    // No conversion from complex values to a double: HDF5 refuses the read even when it selects
    // nothing, and so must the connector.
    H5Handle f = open_through_connector(fixture("octave_sparse.h5"));
    for (const char* path : {"/Zdense/value", "/Z/value"}) {
        BOOST_TEST_CONTEXT(path) {
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            H5Handle space = owned(H5Dget_space(d.get()), "space");
            check_status(H5Sselect_none(space.get()), "none");
            double unused = 0;
            herr_t status;
            {
                QuietErrors quiet;
                status = H5Dread(d.get(), H5T_NATIVE_DOUBLE, space.get(), space.get(), H5P_DEFAULT, &unused);
            }
            BOOST_TEST(status < 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_value_group_outside_an_octave_variable_stays_a_group) {
    TempFile tmp;
    {
        H5Handle file = create_native_file(tmp.path());
        H5Handle var = owned(H5Gcreate2(file.get(), "v", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "v");
        H5Handle value = owned(H5Gcreate2(var.get(), "value", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "value");
        for (const char* scalar : {"nr", "nc", "nz"}) write_int_dataset(value.get(), scalar, {1}, H5T_STD_I64LE);
        write_int_dataset(value.get(), "cidx", {0, 1}, H5T_STD_I64LE);
        write_int_dataset(value.get(), "ridx", {0}, H5T_STD_I64LE);
        write_int_dataset(value.get(), "data", {5}, H5T_IEEE_F64LE);
    }
    // No OCTAVE_NEW_FORMAT and no `type` beside it: not Octave's.
    H5Handle f = open_through_connector(tmp.path());
    BOOST_TEST(type_of(f.get(), "/v/value") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(a_variable_below_a_long_group_name_reads_as_at_the_root) {
    // The rule looks at the group's whole name (`.../A/value`): a name longer than a first guess
    // of its length must be asked for in full, and the answer must not depend on the way the
    // group is reached first (absolute path, or relative to the long-named group).
    const std::string parent(1100, 'q');
    TempFile tmp;
    {
        H5Handle source = open_native_file(fixture("octave_sparse.h5"));
        H5Handle file = create_native_file(tmp.path());
        H5Handle g = owned(H5Gcreate2(file.get(), parent.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "long");
        for (const char* var : {"A", "Adense"})
            check_status(H5Ocopy(source.get(), var, g.get(), var, H5P_DEFAULT, H5P_DEFAULT), var);
    }
    const std::string sparse = "/" + parent + "/A/value", dense = "/" + parent + "/Adense/value";
    for (bool absolute_first : {true, false}) {
        BOOST_TEST_CONTEXT((absolute_first ? "absolute path first" : "relative path first")) {
            H5Handle f = open_through_connector(tmp.path());
            H5Handle g = owned(H5Gopen2(f.get(), parent.c_str(), H5P_DEFAULT), "long-named group");
            if (absolute_first) BOOST_TEST(type_of(f.get(), sparse.c_str()) == H5O_TYPE_DATASET);
            BOOST_TEST(type_of(g.get(), "A/value") == H5O_TYPE_DATASET);
            BOOST_TEST(type_of(f.get(), sparse.c_str()) == H5O_TYPE_DATASET);
            BOOST_TEST(read_all(f.get(), sparse.c_str()) == read_all(f.get(), dense.c_str()),
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(left_out_of_the_conventions_value_stays_a_group) {
    H5Handle f = open_through_connector(fixture("octave_sparse.h5"), "under_vol=0;under_info={};conventions=matlab");
    BOOST_TEST(type_of(f.get(), "/A/value") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(h5seurat)

BOOST_AUTO_TEST_CASE(assays_and_graphs_read_as_their_dims_say) {
    // The file is hand-written from SeuratDisk's documented layout (no writer on Debian).
    H5Handle f = open_through_connector(fixture("h5seurat.h5Seurat"));
    const std::pair<const char*, std::vector<hsize_t>> expected[] = {
        {"/assays/RNA/counts", {12, 9}}, {"/assays/RNA/data", {12, 9}}, {"/graphs/RNA_snn", {9, 9}}};
    for (const auto& [path, dims] : expected) BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(type_of(f.get(), path) == H5O_TYPE_DATASET);
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            BOOST_TEST(dims_of(d.get()) == dims, boost::test_tools::per_element());
            BOOST_TEST(H5Aexists(d.get(), "dims") == 0);
        }
    H5Handle g = owned(H5Dopen2(f.get(), "/graphs/RNA_snn", H5P_DEFAULT), "graph");
    BOOST_TEST(H5Aexists(g.get(), "assay.used") > 0);
    BOOST_TEST(type_of(f.get(), "/assays/RNA/features") == H5O_TYPE_DATASET);
}

BOOST_AUTO_TEST_CASE(outside_an_h5seurat_file_a_dims_group_stays_a_group) {
    H5Handle f = open_through_connector(fixture("h5seurat_no_context.h5"));
    BOOST_TEST(type_of(f.get(), "/counts") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chihaya)

BOOST_AUTO_TEST_CASE(by_column_names_the_orientation_and_other_operations_stay_groups) {
    // Hand-written from the chihaya specification (no writer on Debian); values: the twin test.
    H5Handle f = open_through_connector(fixture("chihaya.h5"));
    const std::pair<const char*, std::vector<hsize_t>> expected[] = {
        {"/csc", {6, 5}}, {"/csr", {4, 7}}, {"/v099", {3, 3}}};
    for (const auto& [path, dims] : expected) BOOST_TEST_CONTEXT(path) {
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            BOOST_TEST(dims_of(d.get()) == dims, boost::test_tools::per_element());
            for (const char* marker : {"delayed_type", "delayed_array", "delayed_version"})
                BOOST_TEST(H5Aexists(d.get(), marker) == 0);
        }
    // v0.99 had no by_column and was CSC: [[0, 2.5, 0], [1, 0, 0], [0, 0, -4]].
    const std::vector<double> v099 = read_all(f.get(), "/v099");
    BOOST_TEST(v099 == (std::vector<double>{0, 2.5, 0, 1, 0, 0, 0, 0, -4}), boost::test_tools::per_element());
    BOOST_TEST(type_of(f.get(), "/dense") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cooler)

void write_nbins(hid_t cooler, long long nbins) {
    H5Handle scalar = owned(H5Screate(H5S_SCALAR), "scalar");
    H5Handle attr = owned(H5Acreate2(cooler, "nbins", H5T_STD_I64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT), "nbins");
    check_status(H5Awrite(attr.get(), H5T_NATIVE_LLONG, &nbins), "write nbins");
}

// Every selection kind and memory space of a symmetric-upper cooler (the view mirrors the stored
// upper triangle) and of a square one, against cooler's own matrix(balance=False) in the twin.
BOOST_AUTO_TEST_CASE(any_selection_reads_as_coolers_own_matrix) {
    for (const char* stem : {"cooler_symm", "cooler_square"}) BOOST_TEST_CONTEXT(stem) {
            compare_every_selection(std::string(stem) + ".cool", std::string(stem) + "_dense.h5", "/pixels");
        }
}

// Repeated points make overlapping targets in one column; split at the diagonal, they must stay
// in order for the mirrored pass to find every one of them (review of the batched path).
BOOST_AUTO_TEST_CASE(repeated_points_across_the_diagonal) {
    H5Handle sparse_file = open_through_connector(fixture("cooler_symm.cool"));
    H5Handle dense_file = open_native_file(fixture("cooler_symm_dense.h5"));
    H5Handle sparse = owned(H5Dopen2(sparse_file.get(), "/pixels", H5P_DEFAULT), "sparse");
    H5Handle dense = owned(H5Dopen2(dense_file.get(), "/pixels", H5P_DEFAULT), "twin");
    for (hsize_t column : {4, 9, 20}) BOOST_TEST_CONTEXT("column " << column) {
            std::vector<hsize_t> coords;
            for (hsize_t r = 0; r < 12; ++r) coords.insert(coords.end(), {r, column});
            for (hsize_t r : {hsize_t{3}, hsize_t{4}, column}) coords.insert(coords.end(), {r, column});
            const size_t n = coords.size() / 2;
            std::vector<int> got(n, -1), want(n, -2);
            for (auto [d, out] : {std::pair{&sparse, &got}, {&dense, &want}}) {
                H5Handle space = owned(H5Dget_space(d->get()), "space");
                check_status(H5Sselect_elements(space.get(), H5S_SELECT_SET, n, coords.data()), "points");
                const hsize_t count = n;
                H5Handle mem = owned(H5Screate_simple(1, &count, nullptr), "mem");
                check_status(H5Dread(d->get(), H5T_NATIVE_INT, mem.get(), space.get(), H5P_DEFAULT, out->data()), "read");
            }
            BOOST_TEST(got == want, boost::test_tools::per_element());
        }
}

BOOST_AUTO_TEST_CASE(every_resolution_of_an_mcool_and_its_markers) {
    H5Handle f = open_through_connector(fixture("cooler_zoom.mcool"));
    const std::pair<const char*, hsize_t> expected[] = {
        {"/resolutions/1000/pixels", 41}, {"/resolutions/2000/pixels", 21}, {"/resolutions/4000/pixels", 11}};
    for (const auto& [path, bins] : expected) BOOST_TEST_CONTEXT(path) {
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            BOOST_TEST(dims_of(d.get()) == (std::vector<hsize_t>{bins, bins}), boost::test_tools::per_element());
            // Mirrored: the same contacts on both sides of the diagonal.
            const std::vector<double> m = read_all(f.get(), path);
            for (hsize_t r = 0; r < bins; ++r)
                for (hsize_t c = 0; c < r; ++c) BOOST_TEST(m[r * bins + c] == m[c * bins + r]);
        }
    // The rest of the cooler stays what it is.
    BOOST_TEST(type_of(f.get(), "/resolutions/1000/indexes") == H5O_TYPE_GROUP);
    BOOST_TEST(type_of(f.get(), "/resolutions/1000/bins/weight") == H5O_TYPE_DATASET);
    H5Handle only_anndata = open_through_connector(fixture("cooler_zoom.mcool"), "under_vol=0;under_info={};conventions=anndata");
    BOOST_TEST(type_of(only_anndata.get(), "/resolutions/1000/pixels") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(a_pixel_table_outside_a_cooler_or_with_an_unknown_mode_stays_a_group) {
    TempFile tmp("cooler_look_alike");
    {
        H5Handle file = create_native_file(tmp.path());
        // Not a cooler: no format attribute on the parent.
        H5Handle plain = owned(H5Gcreate2(file.get(), "/plain", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "plain");
        H5Handle pixels = owned(H5Gcreate2(plain.get(), "pixels", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "pixels");
        for (const char* name : {"bin1_id", "bin2_id", "count"}) write_int_dataset(pixels.get(), name, {0}, H5T_STD_I64LE);
        H5Handle indexes = owned(H5Gcreate2(plain.get(), "indexes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "indexes");
        write_int_dataset(indexes.get(), "bin1_offset", {0, 1}, H5T_STD_I64LE);
        // A cooler with a storage mode it does not know.
        check_status(H5Ocopy(file.get(), "/plain", file.get(), "/odd", H5P_DEFAULT, H5P_DEFAULT), "copy");
        H5Handle odd_group = owned(H5Gopen2(file.get(), "/odd", H5P_DEFAULT), "odd");
        write_string_attribute(odd_group.get(), "format", "HDF5::Cooler");
        write_string_attribute(odd_group.get(), "storage-mode", "lower-triangle");
        write_nbins(odd_group.get(), 1);
    }
    H5Handle f = open_through_connector(tmp.path());
    BOOST_TEST(type_of(f.get(), "/plain/pixels") == H5O_TYPE_GROUP);
    BOOST_TEST(type_of(f.get(), "/odd/pixels") == H5O_TYPE_GROUP);
    const std::string why = dataset_open_error(f.get(), "/odd/pixels");
    BOOST_TEST(why.find("/odd/pixels") != std::string::npos, why);
    BOOST_TEST(why.find("storage-mode") != std::string::npos, why);
}

// Written here (cooler refuses to write it): a symmetric-upper cooler with a pixel below the
// diagonal, (1, 0). A read that touches row 1 of the stored table fails and says why; a read
// that does not (row 0: its lower half would come from rows above it, there are none) succeeds.
BOOST_AUTO_TEST_CASE(a_pixel_below_the_diagonal_of_a_symmetric_matrix_fails_the_reads_that_touch_it) {
    TempFile tmp("cooler_lower_pixel");
    {
        H5Handle file = create_native_file(tmp.path());
        write_string_attribute(file.get(), "format", "HDF5::Cooler");
        write_string_attribute(file.get(), "storage-mode", "symmetric-upper");
        write_nbins(file.get(), 3);
        H5Handle pixels = owned(H5Gcreate2(file.get(), "pixels", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "pixels");
        write_int_dataset(pixels.get(), "bin1_id", {0, 0, 1, 2}, H5T_STD_I64LE);
        write_int_dataset(pixels.get(), "bin2_id", {0, 2, 0, 2}, H5T_STD_I64LE);
        write_int_dataset(pixels.get(), "count", {1, 2, 5, 3}, H5T_STD_I32LE);
        H5Handle indexes = owned(H5Gcreate2(file.get(), "indexes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "indexes");
        write_int_dataset(indexes.get(), "bin1_offset", {0, 2, 3, 4}, H5T_STD_I64LE);
    }
    H5Handle f = open_through_connector(tmp.path());
    H5Handle d = owned(H5Dopen2(f.get(), "/pixels", H5P_DEFAULT), "/pixels");
    auto read = [&](hid_t file_space, hssize_t n) -> std::pair<herr_t, std::vector<int>> {
        std::vector<int> out(static_cast<size_t>(n), -1);
        H5Handle mem = owned(H5Screate_simple(1, std::vector<hsize_t>{static_cast<hsize_t>(n)}.data(), nullptr), "mem");
        H5Eclear2(H5E_DEFAULT);
        QuietErrors quiet;
        return {H5Dread(d.get(), H5T_NATIVE_INT, mem.get(), file_space, H5P_DEFAULT, out.data()), out};
    };
    H5Handle space = owned(H5Dget_space(d.get()), "space");
    const hsize_t row0[2] = {0, 0}, one_row[2] = {1, 3};
    check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, row0, nullptr, one_row, nullptr), "row 0");
    auto [status, values] = read(space.get(), 3);
    BOOST_TEST(status >= 0);
    BOOST_TEST(values == (std::vector<int>{1, 0, 2}), boost::test_tools::per_element());
    for (bool points : {false, true}) BOOST_TEST_CONTEXT((points ? "the point (1, 0)" : "the whole matrix")) {
            H5Handle s = owned(H5Dget_space(d.get()), "space");
            const hsize_t point[2] = {1, 0};
            if (points) check_status(H5Sselect_elements(s.get(), H5S_SELECT_SET, 1, point), "point");
            auto [failed, ignored] = read(s.get(), points ? 1 : 9);
            BOOST_TEST(failed < 0);
            const std::string why = hdf5_error_text();
            BOOST_TEST(why.find("'/pixels'") != std::string::npos, why);
            BOOST_TEST(why.find("lies below the diagonal") != std::string::npos, why);
        }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(loom)

// loompy's graphs (coordinates in any order, duplicates) against loompy's own reading of them
// made dense (scipy's toarray(), which sums duplicates), on every selection kind.
BOOST_AUTO_TEST_CASE(graphs_read_as_loompys_own_reading) {
    for (const char* path : {"/col_graphs/KNN", "/col_graphs/MKNN", "/col_graphs/none", "/row_graphs/coexpr"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("loom_graphs.loom", "loom_graphs_dense.h5", path); }
    // Shapes from /matrix (20 genes x 12 cells): column graphs are 12 x 12, row graphs 20 x 20.
    H5Handle f = open_through_connector(fixture("loom_graphs.loom"));
    H5Handle knn = owned(H5Dopen2(f.get(), "/col_graphs/KNN", H5P_DEFAULT), "KNN");
    BOOST_TEST(dims_of(knn.get()) == (std::vector<hsize_t>{12, 12}), boost::test_tools::per_element());
    H5Handle only_anndata = open_through_connector(fixture("loom_graphs.loom"), "under_vol=0;under_info={};conventions=anndata");
    BOOST_TEST(type_of(only_anndata.get(), "/col_graphs/KNN") == H5O_TYPE_GROUP);
}

// Written here: a row out of range fails the read naming the entry; graphs outside a loom file
// (no 2-D /matrix) stay groups; a graph claiming 2^27 entries (unwritten chunks, a small file,
// over the index memory) is neither indexed nor scanned: refused, saying why
// is refused with the size of the index it would need, before anything is allocated for it.
BOOST_AUTO_TEST_CASE(bad_graphs_fail_with_their_reason) {
    TempFile tmp("loom_bad");
    {
        H5Handle file = create_native_file(tmp.path());
        const hsize_t dims[2] = {3, 4};
        H5Handle space = owned(H5Screate_simple(2, dims, nullptr), "space");
        H5Handle matrix = owned(H5Dcreate2(file.get(), "/matrix", H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT,
                                           H5P_DEFAULT), "matrix");
        H5Handle graphs = owned(H5Gcreate2(file.get(), "/col_graphs", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "graphs");
        H5Handle bad = owned(H5Gcreate2(graphs.get(), "bad", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "bad");
        write_int_dataset(bad.get(), "a", {0, 4}, H5T_STD_I32LE);
        write_int_dataset(bad.get(), "b", {1, 1}, H5T_STD_I32LE);
        write_int_dataset(bad.get(), "w", {1, 2}, H5T_IEEE_F32LE);
        H5Handle huge = owned(H5Gcreate2(graphs.get(), "huge", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "huge");
        const hsize_t entries = hsize_t{1} << 27, chunk = 1 << 16;
        H5Handle long_space = owned(H5Screate_simple(1, &entries, nullptr), "long space");
        H5Handle dcpl = owned(H5Pcreate(H5P_DATASET_CREATE), "dcpl");
        check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "chunk");
        for (const char* name : {"a", "b", "w"})
            H5Handle(owned(H5Dcreate2(huge.get(), name, H5T_STD_I32LE, long_space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                           name));
        H5Handle elsewhere = owned(H5Gcreate2(file.get(), "/elsewhere", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "elsewhere");
        write_int_dataset(elsewhere.get(), "a", {0}, H5T_STD_I32LE);
        write_int_dataset(elsewhere.get(), "b", {0}, H5T_STD_I32LE);
        write_int_dataset(elsewhere.get(), "w", {1}, H5T_IEEE_F32LE);
    }
    H5Handle f = open_through_connector(tmp.path());
    BOOST_TEST(type_of(f.get(), "/elsewhere") == H5O_TYPE_GROUP);
    H5Handle scanned = open_through_connector(tmp.path(), "under_vol=0;under_info={};index_memory=0");
    for (auto [path, reason, file] : {std::tuple{"/col_graphs/bad", "row 4 of entry 1 (in 'a') is out of range [0, 4)", f.get()},
                                      {"/col_graphs/bad", "row 4 of entry 1 (in 'a') is out of range [0, 4)", scanned.get()},
                                      {"/col_graphs/huge", "'a' is not all written", f.get()}})
        BOOST_TEST_CONTEXT(path << (file == scanned.get() ? ", scanned" : "")) {
            H5Handle d = owned(H5Dopen2(file, path, H5P_DEFAULT), path);
            std::vector<float> out(16, -1);
            const std::string why = read_error(d.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, out.data());
            BOOST_TEST(!why.empty());
            BOOST_TEST(why.find(path) != std::string::npos, why);
            BOOST_TEST(why.find(reason) != std::string::npos, why);
        }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hickle)

// Matrices hickle 5.0.2 wrote from scipy (test/fixtures/generate_other_writers.py), against
// scipy's toarray() of the same objects, written by h5py: CSR and CSC, square (where a wrong
// orientation would still fit) and not.
BOOST_AUTO_TEST_CASE(scipy_matrices_read_as_scipys_own_dense_arrays) {
    for (const char* path : {"/data/\"csr\"", "/data/\"csc\"", "/data/\"csr_square\"", "/data/\"csc_square\""})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("hickle_sparse.hkl", "hickle_sparse_dense.h5", path); }
    H5Handle f = open_through_connector(fixture("hickle_sparse.hkl"));
    H5Handle csc = owned(H5Dopen2(f.get(), "/data/\"csc\"", H5P_DEFAULT), "csc");
    BOOST_TEST(dims_of(csc.get()) == (std::vector<hsize_t>{5, 8}), boost::test_tools::per_element());
}

// hickle's marker names the kind: a BSR (blocks in a 3-D `data`) is no CSR and stays a group.
BOOST_AUTO_TEST_CASE(a_bsr_matrix_stays_a_group) {
    H5Handle f = open_through_connector(fixture("hickle_sparse.hkl"));
    BOOST_TEST(type_of(f.get(), "/data/\"bsr\"") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(epetraext)

// Matrices written by EpetraExt::HDF5::Write (Trilinos 13.2), against Epetra's own rows of them.
BOOST_AUTO_TEST_CASE(row_matrices_read_as_epetras_own_rows) {
    for (const char* path : {"/A", "/Asquare"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("epetraext_crs.h5", "epetraext_crs_dense.h5", path); }
    H5Handle f = open_through_connector(fixture("epetraext_crs.h5"));
    H5Handle a = owned(H5Dopen2(f.get(), "/A", H5P_DEFAULT), "/A");
    BOOST_TEST(dims_of(a.get()) == (std::vector<hsize_t>{7, 5}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(binsparse)

// Groups written from the binsparse specification (no writer in Debian: generate_binsparse.py),
// against scipy's dense reading of the same arrays (symmetric structures mirrored by numpy), on
// every selection kind.
BOOST_AUTO_TEST_CASE(groups_read_as_scipys_reading_of_the_same_arrays) {
    for (const char* path : {"/csr", "/csc", "/coo", "/cooc", "/spec_symmetric_lower", "/csr_upper", "/csc_lower",
                             "/csc_upper", "/coo_lower", "/cooc_upper", "/fill_zero", "/empty", "/dcsr", "/dcsc",
                             "/dcsr_lower", "/dcsc_upper", "/iso_csr", "/iso_coo", "/fill_nonzero", "/fill_coo",
                             "/fill_symmetric", "/dmatr", "/dmatc"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("binsparse.h5", "binsparse_dense.h5", path); }
    // The shape is (rows, cols) whatever the format: the specification's "shape".
    H5Handle f = open_through_connector(fixture("binsparse.h5"));
    H5Handle csc = owned(H5Dopen2(f.get(), "/csc", H5P_DEFAULT), "/csc");
    BOOST_TEST(dims_of(csc.get()) == (std::vector<hsize_t>{9, 6}), boost::test_tools::per_element());
    // The descriptor describes the storage, not the data: hidden, as the twin has none.
    BOOST_TEST(H5Aexists(csc.get(), "binsparse") == 0);
    H5O_info2_t info{};
    check_status(H5Oget_info3(csc.get(), &info, H5O_INFO_NUM_ATTRS), "info");
    BOOST_TEST(info.num_attrs == 0u);
    H5Handle others = open_through_connector(fixture("binsparse.h5"), "under_vol=0;under_info={};conventions=anndata,cooler");
    BOOST_TEST(type_of(others.get(), "/csr") == H5O_TYPE_GROUP);
}

// With index_memory=0 no coordinate matrix is indexed: every read scans the stored entries
// (read/coordinate_scan). The same twins, every selection kind: loom's graphs (unsorted,
// duplicates), EpetraExt's matrices, binsparse's COO, COOC and symmetric COO.
BOOST_AUTO_TEST_CASE(coordinate_matrices_read_the_same_when_scanned) {
    const char* scan = "under_vol=0;under_info={};index_memory=0";
    for (const char* path : {"/col_graphs/KNN", "/col_graphs/MKNN", "/col_graphs/none", "/row_graphs/coexpr"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("loom_graphs.loom", "loom_graphs_dense.h5", path, scan); }
    for (const char* path : {"/A", "/Asquare"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("epetraext_crs.h5", "epetraext_crs_dense.h5", path, scan); }
    for (const char* path : {"/coo", "/cooc", "/coo_lower", "/cooc_upper", "/iso_coo", "/fill_coo", "/fill_symmetric"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("binsparse.h5", "binsparse_dense.h5", path, scan); }
    // index_memory bounds coordinate indices, not the rows a DCSR lists: those still read.
    for (const char* path : {"/dcsr", "/dcsc", "/dcsc_upper"})
        BOOST_TEST_CONTEXT(path) { compare_every_selection("binsparse.h5", "binsparse_dense.h5", path, scan); }
}

// complex[T] values (real and imaginary parts interleaved) read as the {real, imag} compound,
// against numpy's complex matrices stored as that compound; whole, and by rows and points.
BOOST_AUTO_TEST_CASE(interleaved_complex_values_read_as_the_real_imag_compound) {
    H5Handle f = open_through_connector(fixture("binsparse.h5"));
    H5Handle twin = open_native_file(fixture("binsparse_dense.h5"));
    for (const char* path : {"/complex", "/complex_coo"})
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(read_complex(f.get(), path) == read_complex(twin.get(), path), boost::test_tools::per_element());
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            H5Handle type = owned(H5Dget_type(d.get()), "type");
            BOOST_TEST(H5Tget_class(type.get()) == H5T_COMPOUND);
            BOOST_TEST(H5Tget_member_index(type.get(), "imag") == 1);
        }
    // Rows 2..3 and three points of /complex, against the twin read the same way.
    H5Handle mem = owned(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<double>)), "compound");
    check_status(H5Tinsert(mem.get(), "real", 0, H5T_NATIVE_DOUBLE), "real");
    check_status(H5Tinsert(mem.get(), "imag", sizeof(double), H5T_NATIVE_DOUBLE), "imag");
    H5Handle sparse = owned(H5Dopen2(f.get(), "/complex", H5P_DEFAULT), "sparse");
    H5Handle dense = owned(H5Dopen2(twin.get(), "/complex", H5P_DEFAULT), "dense");
    const hsize_t start[2] = {2, 0}, count[2] = {2, 7}, points[6] = {5, 6, 0, 0, 2, 3};
    for (bool use_points : {false, true}) {
        std::vector<std::complex<double>> got(14, {-1, -1}), want(14, {-2, -2});
        for (auto [d, out] : {std::pair{sparse.get(), got.data()}, {dense.get(), want.data()}}) {
            H5Handle space = owned(H5Dget_space(d), "space");
            if (use_points) check_status(H5Sselect_elements(space.get(), H5S_SELECT_SET, 3, points), "points");
            else check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "rows");
            const hsize_t n = use_points ? 3 : 14;
            H5Handle m = owned(H5Screate_simple(1, &n, nullptr), "memory space");
            check_status(H5Dread(d, mem.get(), m.get(), space.get(), H5P_DEFAULT, out), "read");
        }
        if (use_points) {
            got.resize(3);
            want.resize(3);
        }
        BOOST_TEST(got == want, boost::test_tools::per_element());
    }
}

// fill true with a fill_value other than 0: the background, and the dataset's fill value (h5dump
// prints it, h5py's fillvalue), in the value type (-1.5 as written; 7 written as int64).
BOOST_AUTO_TEST_CASE(a_fill_value_other_than_0_is_the_background_and_the_fill_value) {
    H5Handle f = open_through_connector(fixture("binsparse.h5"));
    for (auto [path, expected] : {std::pair{"/fill_nonzero", 5.0}, {"/fill_coo", -1.5}, {"/fill_symmetric", 7.0}})
        BOOST_TEST_CONTEXT(path) {
            H5Handle d = owned(H5Dopen2(f.get(), path, H5P_DEFAULT), path);
            H5Handle dcpl = owned(H5Dget_create_plist(d.get()), "dcpl");
            H5D_fill_value_t status{};
            check_status(H5Pfill_value_defined(dcpl.get(), &status), "fill defined");
            BOOST_TEST((status == H5D_FILL_VALUE_USER_DEFINED));
            double fill = 0;
            check_status(H5Pget_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), "fill value");
            BOOST_TEST(fill == expected);
        }
    // The stored 0 of fill_coo (its first entry, at (0, 0)) is 0, not the background.
    BOOST_TEST(read_all(f.get(), "/fill_coo")[0] == 0.0);
}

// What the view cannot be stays a group, and opening it as a dataset says why.
BOOST_AUTO_TEST_CASE(groups_the_view_cannot_show_stay_groups_and_say_why) {
    H5Handle f = open_through_connector(fixture("binsparse.h5"));
    const std::pair<const char*, const char*> cases[] = {
        {"/dvec", "format 'DVEC' is not a matrix format"},
        {"/iso_complex", "value type 'iso[complex[float64]]' is not supported"},
        {"/hermitian", "structure 'hermitian_lower' is not supported"},
        {"/custom", "custom formats are not supported"},
    };
    for (const auto& [path, reason] : cases)
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(type_of(f.get(), path) == H5O_TYPE_GROUP);
            const std::string why = dataset_open_error(f.get(), path);
            BOOST_TEST(why.find(std::string("'") + path + "' (binsparse)") != std::string::npos, why);
            BOOST_TEST(why.find(reason) != std::string::npos, why);
        }
}

// Written here: descriptors that break the specification. Each group stays a group, and
// opening it as a dataset names the group and the problem.
BOOST_AUTO_TEST_CASE(broken_descriptors_keep_the_group_a_group) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"binsparse": {"format": "CSR", "shape": [6, 5])", "attribute 'binsparse' is not JSON: ',' or '}' expected at byte"},
        {R"({"binsparse": {"shape": [6, 5]}})", "no 'format' string"},
        {R"({"binsparse": {"format": "CSR", "shape": [5, 6], "structure": "symmetric_lower"}})",
         "a symmetric structure needs a square shape, not 5 x 6"},
        {R"({"binsparse": {"format": "COO", "shape": [5, 6], "structure": "symmetric_upper"}})",
         "a symmetric structure needs a square shape"},
        {R"({"binsparse": {"format": "CSR", "shape": [6.5, 5]}})", "'shape' holds something other than integers"},
        {R"({"binsparse": {"format": "CSR", "shape": [6, 5, 1]}})", "has 3 elements, expected 2"},
        {R"({"binsparse": {"format": "CSR", "shape": [6, -5]}})", "is negative"},
        {R"({"binsparse": {"format": "CSR", "shape": [6, 5], "fill": true}})", "'fill_value' is unreadable"},
        {R"({"binsparse": {"format": "CSR", "shape": [7, 5]}})", "pointers_to_1"},  // 7 rows, 6 pointers
        {R"({"binsparse": {"format": "CSR", "shape": [5, 5], "data_types": {"values": "iso[float64]"}}})",
         "'values' has 3 values, expected the one every entry has"},
        {R"({"binsparse": {"format": "DMATR", "shape": [6, 5]}})", "'values' has 3 values, expected 30 (every element)"},
        {R"({"binsparse": {"format": "DMATC", "shape": [3, 1], "structure": "symmetric_lower"}})",
         "a dense format with structure 'symmetric_lower' is not supported"},
    };
    TempFile tmp("binsparse_broken");
    {
        H5Handle file = create_native_file(tmp.path());
        for (size_t i = 0; i < std::size(cases); ++i) {
            const std::string name = "g" + std::to_string(i);
            H5Handle g = owned(H5Gcreate2(file.get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
            write_string_attribute(g.get(), "binsparse", cases[i].first);
            write_int_dataset(g.get(), "pointers_to_1", {0, 1, 1, 2, 2, 3}, H5T_STD_I64LE);
            write_int_dataset(g.get(), "indices_1", {0, 4, 2}, H5T_STD_I64LE);
            write_int_dataset(g.get(), "values", {1, 2, 3}, H5T_IEEE_F64LE);
        }
    }
    H5Handle f = open_through_connector(tmp.path());
    for (size_t i = 0; i < std::size(cases); ++i)
        BOOST_TEST_CONTEXT(cases[i].first) {
            const std::string path = "/g" + std::to_string(i);
            BOOST_TEST(type_of(f.get(), path.c_str()) == H5O_TYPE_GROUP);
            const std::string why = dataset_open_error(f.get(), path);
            BOOST_TEST(why.find("'" + path + "' (binsparse)") != std::string::npos, why);
            BOOST_TEST(why.find(cases[i].second) != std::string::npos, why);
        }
}

// Written here: doubly compressed groups whose listed rows break a rule. Pointers that do not
// match the list keep the group a group; a list out of order or out of range fails the reads.
BOOST_AUTO_TEST_CASE(doubly_compressed_groups_check_their_listed_rows) {
    TempFile tmp("binsparse_dcsr");
    const char* descriptor = R"({"binsparse": {"version": "0.1", "format": "DCSR", "shape": [6, 4]}})";
    struct Case {
        const char* name;
        std::vector<long long> rows, pointers;
        const char* reason;
    };
    const Case cases[] = {
        {"pointers", {1, 4}, {0, 1, 2, 3}, "pointers_to_1 length is 4, expected 3 (the 2 listed in 'indices_0' + 1)"},
        {"none", {}, {0}, "'indices_0' lists no rows but 'values' has 3 entries"},
        {"order", {4, 1}, {0, 1, 3}, "indices_0 is not strictly increasing at position 1 (4 then 1)"},
        {"range", {1, 6}, {0, 1, 3}, "indices_0[1] is 6, out of range [0, 6)"},
        // Ends short of the 3 entries: even a read of row 4 alone, past the last listed row, fails.
        {"short", {1, 2}, {0, 2, 2}, "pointers_to_1[-1] is 2 but 'values' has 3 values"},
    };
    {
        H5Handle file = create_native_file(tmp.path());
        for (const Case& c : cases) {
            H5Handle g = owned(H5Gcreate2(file.get(), c.name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), c.name);
            write_string_attribute(g.get(), "binsparse", descriptor);
            write_int_dataset(g.get(), "indices_0", c.rows, H5T_STD_I64LE);
            write_int_dataset(g.get(), "pointers_to_1", c.pointers, H5T_STD_I64LE);
            write_int_dataset(g.get(), "indices_1", {0, 2, 3}, H5T_STD_I64LE);
            write_int_dataset(g.get(), "values", {1, 2, 3}, H5T_IEEE_F64LE);
        }
    }
    H5Handle f = open_through_connector(tmp.path());
    for (const Case& c : {cases[0], cases[1]})
        BOOST_TEST_CONTEXT(c.name) {
            const std::string path = std::string("/") + c.name;
            BOOST_TEST(type_of(f.get(), path.c_str()) == H5O_TYPE_GROUP);
            const std::string why = dataset_open_error(f.get(), path);
            BOOST_TEST(why.find(c.reason) != std::string::npos, why);
        }
    for (const Case& c : {cases[2], cases[3], cases[4]})
        BOOST_TEST_CONTEXT(c.name) {
            const std::string path = std::string("/") + c.name;
            H5Handle d = owned(H5Dopen2(f.get(), path.c_str(), H5P_DEFAULT), path);
            H5Handle space = owned(H5Dget_space(d.get()), "space");
            const hsize_t row4[2] = {4, 0}, one_row[2] = {1, 4}, four = 4;
            check_status(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, row4, nullptr, one_row, nullptr), "row 4");
            H5Handle mem = owned(H5Screate_simple(1, &four, nullptr), "memory");
            const bool whole = c.name != std::string("short");
            std::vector<double> out(24);
            const std::string text = whole ? read_error(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, out.data())
                                           : read_error(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), out.data());
            BOOST_TEST(!text.empty());
            BOOST_TEST(text.find("'" + path + "'") != std::string::npos, text);
            BOOST_TEST(text.find(c.reason) != std::string::npos, text);
        }
}

// A matrix in the root group (Finch.jl's files): test/connector/root_matrix_test.cpp.

// Written here: a symmetric_lower CSR with an entry above the diagonal, (0, 2). Reads that walk
// stored row 0 fail and say why; the point (1, 1) needs only stored row 1 and reads.
// A symmetric_lower COO with the same entry fails its first read (the row index checks every
// entry), and so does every read of it scanned (each scan checks every entry).
BOOST_AUTO_TEST_CASE(an_entry_outside_the_stored_triangle_fails_the_reads_that_touch_it) {
    TempFile tmp("binsparse_wrong_triangle");
    {
        H5Handle file = create_native_file(tmp.path());
        H5Handle csr = owned(H5Gcreate2(file.get(), "csr", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "csr");
        write_string_attribute(csr.get(), "binsparse",
                               R"({"binsparse": {"version": "0.1", "format": "CSR", "shape": [3, 3], )"
                               R"("number_of_stored_values": 4, "structure": "symmetric_lower"}})");
        write_int_dataset(csr.get(), "pointers_to_1", {0, 2, 3, 4}, H5T_STD_I64LE);
        write_int_dataset(csr.get(), "indices_1", {0, 2, 1, 2}, H5T_STD_I64LE);
        write_int_dataset(csr.get(), "values", {1, 5, 2, 3}, H5T_STD_I32LE);
        H5Handle coo = owned(H5Gcreate2(file.get(), "coo", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "coo");
        write_string_attribute(coo.get(), "binsparse",
                               R"({"binsparse": {"version": "0.1", "format": "COO", "shape": [3, 3], )"
                               R"("number_of_stored_values": 3, "structure": "symmetric_lower"}})");
        write_int_dataset(coo.get(), "indices_0", {1, 0, 2}, H5T_STD_I64LE);
        write_int_dataset(coo.get(), "indices_1", {1, 2, 2}, H5T_STD_I64LE);
        write_int_dataset(coo.get(), "values", {2, 5, 3}, H5T_STD_I32LE);
    }
    H5Handle f = open_through_connector(tmp.path());
    H5Handle scanned = open_through_connector(tmp.path(), "under_vol=0;under_info={};index_memory=0");
    for (auto [path, file] : {std::pair{"/csr", f.get()}, {"/coo", f.get()}, {"/coo", scanned.get()}})
        BOOST_TEST_CONTEXT(path << (file == scanned.get() ? ", scanned" : "")) {
            H5Handle d = owned(H5Dopen2(file, path, H5P_DEFAULT), path);
            std::vector<int> out(9, -1);
            const std::string why = read_error(d.get(), H5T_NATIVE_INT, H5S_ALL, H5S_ALL, out.data());
            BOOST_TEST(!why.empty());
            BOOST_TEST(why.find(std::string("'") + path + "'") != std::string::npos, why);
            BOOST_TEST(why.find("above the diagonal") != std::string::npos, why);
            BOOST_TEST(why.find("stores its lower triangle") != std::string::npos, why);
        }
    H5Handle d = owned(H5Dopen2(f.get(), "/csr", H5P_DEFAULT), "/csr");
    H5Handle space = owned(H5Dget_space(d.get()), "space");
    const hsize_t point[2] = {1, 1}, one = 1;
    check_status(H5Sselect_elements(space.get(), H5S_SELECT_SET, 1, point), "point");
    H5Handle mem = owned(H5Screate_simple(1, &one, nullptr), "mem");
    int value = -1;
    check_status(H5Dread(d.get(), H5T_NATIVE_INT, mem.get(), space.get(), H5P_DEFAULT, &value), "(1, 1)");
    BOOST_TEST(value == 2);
}

BOOST_AUTO_TEST_SUITE_END()
