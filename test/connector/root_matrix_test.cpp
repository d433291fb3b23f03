// A matrix stored in the root group (binsparse files as Finch.jl writes them, HDMF's standalone
// CSRMatrix) is shown as the dataset /matrix beside the root's own members: the root stays the
// root. /matrix exists for clients only, so every way a program finds a member is tried here:
// names, existence, object and link info, tokens, references, the root's count, iteration in
// both orders and from an index, visits, names of open ids, and reading it.
// Expected values: the writers' dense twins (binsparse_root_dense.h5 from scipy, written by
// generate_binsparse.py; hdmf_csr_dense.h5's /csr_f64, the matrix HDMF wrote at the root), and
// the native listing of the same root.
#define BOOST_TEST_MODULE connector_root_matrix
#include <boost/test/unit_test.hpp>
#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
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

std::vector<double> read_all(hid_t f, const char* path) {
    H5Handle d = owned(H5Dopen2(f, path, H5P_DEFAULT), path);
    return h5sparse_test::read_all(d.get());
}

herr_t collect_link(hid_t, const char* name, const H5L_info2_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
}

herr_t collect_object(hid_t, const char* name, const H5O_info2_t* info, void* data) {
    static_cast<std::vector<std::pair<std::string, H5O_type_t>>*>(data)->emplace_back(name, info->type);
    return 0;
}

std::vector<std::string> link_names(hid_t group, H5_index_t index, H5_iter_order_t order) {
    std::vector<std::string> names;
    check_status(H5Literate2(group, index, order, nullptr, collect_link, &names), "H5Literate2");
    return names;
}

// The root's members as the native connector lists them, with "matrix" where it sorts.
std::vector<std::string> expected_root_listing(const std::string& file, H5_iter_order_t order) {
    H5Handle native = open_native_file(file);
    std::vector<std::string> names = link_names(native.get(), H5_INDEX_NAME, order);
    names.push_back("matrix");
    std::sort(names.begin(), names.end());
    if (order == H5_ITER_DEC) std::reverse(names.begin(), names.end());
    return names;
}

H5O_info2_t info_by_name(hid_t loc, const char* name) {
    H5O_info2_t info{};
    check_status(H5Oget_info_by_name3(loc, name, &info, H5O_INFO_ALL, H5P_DEFAULT), name);
    return info;
}

// Resumed from each index, H5Literate2 lists the rest of `expected` and ends at its end.
void check_every_start(hid_t group, H5_index_t index, H5_iter_order_t order, const std::vector<std::string>& expected) {
    for (hsize_t start = 0; start < expected.size(); ++start) {
        BOOST_TEST_CONTEXT("from " << start) {
            std::vector<std::string> rest;
            hsize_t idx = start;
            check_status(H5Literate2(group, index, order, &idx, collect_link, &rest), "H5Literate2");
            BOOST_TEST(rest == std::vector<std::string>(expected.begin() + static_cast<long>(start), expected.end()),
                       boost::test_tools::per_element());
            BOOST_TEST(idx == expected.size());
        }
    }
}

bool same_token(hid_t loc, const H5O_token_t& a, const H5O_token_t& b) {
    int cmp = 1;
    check_status(H5Otoken_cmp(loc, &a, &b, &cmp), "H5Otoken_cmp");
    return cmp == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_matrix_reads_as_its_writers_dense_twin_under_every_name) {
    H5Handle f = open_through_connector(fixture("binsparse_root.h5"));
    H5Handle twin = open_native_file(fixture("binsparse_root_dense.h5"));
    const std::vector<double> expected = read_all(twin.get(), "/matrix");
    H5Handle root = owned(H5Gopen2(f.get(), "/", H5P_DEFAULT), "root group");
    for (auto [loc, name] : {std::pair{f.get(), "/matrix"}, {f.get(), "matrix"}, {f.get(), "//matrix"},
                             {root.get(), "matrix"}, {root.get(), "./matrix"}}) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(H5Lexists(loc, name, H5P_DEFAULT) > 0);
            BOOST_TEST(H5Oexists_by_name(loc, name, H5P_DEFAULT) > 0);
            BOOST_TEST(type_of(loc, name) == H5O_TYPE_DATASET);
            H5Handle d = owned(H5Dopen2(loc, name, H5P_DEFAULT), name);
            BOOST_TEST(read_all(d.get()) == expected, boost::test_tools::per_element());
            H5Handle o = owned(H5Oopen(loc, name, H5P_DEFAULT), name);
            BOOST_TEST(H5Iget_type(o.get()) == H5I_DATASET);
            char path[64] = "";
            BOOST_TEST(H5Iget_name(o.get(), path, sizeof path) == 7);
            BOOST_TEST(std::string(path) == "/matrix");
        }
    }
    // The root is still the root, with its arrays and all its attributes.
    BOOST_TEST(type_of(f.get(), "/") == H5O_TYPE_GROUP);
    BOOST_TEST(read_all(f.get(), "/values") == read_all(open_native_file(fixture("binsparse_root.h5")).get(), "/values"),
               boost::test_tools::per_element());
    BOOST_TEST(H5Aexists(f.get(), "binsparse") > 0);
    const std::string why = dataset_open_error(f.get(), "/");
    BOOST_TEST(why.find("shown as the dataset '/matrix'") != std::string::npos, why);
    // Only the root has it.
    BOOST_TEST(H5Lexists(f.get(), "/values/matrix", H5P_DEFAULT) <= 0);
}

BOOST_AUTO_TEST_CASE(a_standalone_hdmf_csr_matrix_is_shown_too) {
    H5Handle f = open_through_connector(fixture("hdmf_csr_root.h5"));
    H5Handle twin = open_native_file(fixture("hdmf_csr_dense.h5"));
    BOOST_TEST(read_all(f.get(), "/matrix") == read_all(twin.get(), "/csr_f64"), boost::test_tools::per_element());
    H5Handle d = owned(H5Dopen2(f.get(), "/matrix", H5P_DEFAULT), "/matrix");
    BOOST_TEST(H5Aexists(d.get(), "object_id") > 0);  // the root's own attributes, markers hidden
    BOOST_TEST(H5Aexists(d.get(), "data_type") == 0);
    BOOST_TEST(type_of(f.get(), "/specifications") == H5O_TYPE_GROUP);
}

BOOST_AUTO_TEST_CASE(its_identity_is_its_own) {
    H5Handle f = open_through_connector(fixture("binsparse_root.h5"));
    const H5O_info2_t root = info_by_name(f.get(), "/");
    const H5O_info2_t matrix = info_by_name(f.get(), "/matrix");
    BOOST_TEST(matrix.type == H5O_TYPE_DATASET);
    BOOST_TEST(!same_token(f.get(), root.token, matrix.token));  // h5dump would print it as a hard link to /
    BOOST_TEST(matrix.num_attrs == root.num_attrs - 1);          // the binsparse descriptor is a marker
    H5L_info2_t link{};
    check_status(H5Lget_info2(f.get(), "matrix", &link, H5P_DEFAULT), "H5Lget_info2");
    BOOST_TEST(link.type == H5L_TYPE_HARD);
    BOOST_TEST(same_token(f.get(), link.u.token, matrix.token));
    // The open dataset says the same of itself.
    H5Handle d = owned(H5Dopen2(f.get(), "/matrix", H5P_DEFAULT), "/matrix");
    H5O_info2_t self{};
    check_status(H5Oget_info3(d.get(), &self, H5O_INFO_BASIC), "H5Oget_info3");
    BOOST_TEST(self.type == H5O_TYPE_DATASET);
    BOOST_TEST(same_token(f.get(), self.token, matrix.token));
    H5O_info2_t dot{};  // and of "." relative to itself
    check_status(H5Oget_info_by_name3(d.get(), ".", &dot, H5O_INFO_BASIC, H5P_DEFAULT), "H5Oget_info_by_name3 .");
    BOOST_TEST(dot.type == H5O_TYPE_DATASET);
    BOOST_TEST(same_token(f.get(), dot.token, matrix.token));
    // Its token opens it, and survives a round trip through its string.
    H5Handle by_token = owned(H5Oopen_by_token(f.get(), matrix.token), "H5Oopen_by_token");
    BOOST_TEST(H5Iget_type(by_token.get()) == H5I_DATASET);
    char* text = nullptr;
    check_status(H5Otoken_to_str(f.get(), &matrix.token, &text), "H5Otoken_to_str");
    H5O_token_t parsed{};
    check_status(H5Otoken_from_str(f.get(), text, &parsed), "H5Otoken_from_str");
    H5free_memory(text);
    BOOST_TEST(same_token(f.get(), parsed, matrix.token));
    // The root's token still opens the root.
    H5Handle root_again = owned(H5Oopen_by_token(f.get(), root.token), "root by token");
    BOOST_TEST(H5Iget_type(root_again.get()) == H5I_GROUP);
    // An object reference to it dereferences to it.
    H5R_ref_t ref;
    check_status(H5Rcreate_object(f.get(), "/matrix", H5P_DEFAULT, &ref), "H5Rcreate_object");
    H5Handle deref = owned(H5Ropen_object(&ref, H5P_DEFAULT, H5P_DEFAULT), "H5Ropen_object");
    H5Rdestroy(&ref);
    BOOST_TEST(H5Iget_type(deref.get()) == H5I_DATASET);
    BOOST_TEST(read_all(deref.get()) == read_all(f.get(), "/matrix"), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_roots_listings_hold_it_where_it_sorts) {
    const std::string file = fixture("binsparse_root.h5");
    H5Handle f = open_through_connector(file);
    for (H5_iter_order_t order : {H5_ITER_INC, H5_ITER_DEC}) {
        BOOST_TEST_CONTEXT("order " << order) {
            const std::vector<std::string> expected = expected_root_listing(file, order);
            BOOST_TEST(link_names(f.get(), H5_INDEX_NAME, order) == expected, boost::test_tools::per_element());
            H5G_info_t info{};
            check_status(H5Gget_info(f.get(), &info), "H5Gget_info");
            BOOST_TEST(info.nlinks == expected.size());  // h5py sizes its listing by it
            // Resumed from each index, the iteration goes on where it left off (an index past
            // the last link is an error, as natively).
            check_every_start(f.get(), H5_INDEX_NAME, order, expected);
            hsize_t past = expected.size();
            BOOST_TEST(H5Literate2(f.get(), H5_INDEX_NAME, order, &past, collect_link, nullptr) < 0);
        }
    }
    // H5Lvisit and H5Ovisit from the root: /matrix once, as a dataset.
    std::vector<std::string> visited;
    check_status(H5Lvisit2(f.get(), H5_INDEX_NAME, H5_ITER_INC, collect_link, &visited), "H5Lvisit2");
    BOOST_TEST(visited == expected_root_listing(file, H5_ITER_INC), boost::test_tools::per_element());
    std::vector<std::pair<std::string, H5O_type_t>> objects;
    check_status(H5Ovisit3(f.get(), H5_INDEX_NAME, H5_ITER_INC, collect_object, &objects, H5O_INFO_BASIC), "H5Ovisit3");
    BOOST_TEST_REQUIRE(objects.size() == expected_root_listing(file, H5_ITER_INC).size() + 1);  // and "."
    BOOST_TEST(objects.front().first == ".");
    BOOST_TEST((objects.front().second == H5O_TYPE_GROUP));
    const auto matrix = std::find_if(objects.begin(), objects.end(), [](const auto& o) { return o.first == "matrix"; });
    BOOST_TEST_REQUIRE((matrix != objects.end()));
    BOOST_TEST((matrix->second == H5O_TYPE_DATASET));
}

// The root's n-th link counts /matrix too: its name, link info, object info and the object.
BOOST_AUTO_TEST_CASE(index_queries_count_it) {
    const std::string file = fixture("binsparse_root.h5");
    H5Handle f = open_through_connector(file);
    for (H5_iter_order_t order : {H5_ITER_INC, H5_ITER_DEC}) {
        const std::vector<std::string> expected = expected_root_listing(file, order);
        for (hsize_t n = 0; n < expected.size(); ++n) {
            BOOST_TEST_CONTEXT("order " << order << ", link " << n) {
                char name[64] = "";
                BOOST_TEST(H5Lget_name_by_idx(f.get(), ".", H5_INDEX_NAME, order, n, name, sizeof name, H5P_DEFAULT) ==
                           static_cast<ssize_t>(expected[n].size()));
                BOOST_TEST(std::string(name) == expected[n]);
                H5L_info2_t link{};
                check_status(H5Lget_info_by_idx2(f.get(), "/", H5_INDEX_NAME, order, n, &link, H5P_DEFAULT), "link");
                H5O_info2_t object{};
                check_status(H5Oget_info_by_idx3(f.get(), ".", H5_INDEX_NAME, order, n, &object, H5O_INFO_BASIC,
                                                 H5P_DEFAULT),
                             "object");
                const H5O_info2_t by_name = info_by_name(f.get(), expected[n].c_str());
                BOOST_TEST(same_token(f.get(), link.u.token, by_name.token));
                BOOST_TEST(same_token(f.get(), object.token, by_name.token));
                BOOST_TEST((object.type == by_name.type));
                H5Handle o = owned(H5Oopen_by_idx(f.get(), ".", H5_INDEX_NAME, order, n, H5P_DEFAULT), "H5Oopen_by_idx");
                BOOST_TEST(H5Iget_type(o.get()) == H5I_DATASET);  // the root holds datasets only
            }
        }
    }
#ifndef H5_NO_DEPRECATED_SYMBOLS
    const std::vector<std::string> increasing = expected_root_listing(file, H5_ITER_INC);
    for (hsize_t n = 0; n < increasing.size(); ++n) {
        char name[64] = "";
        H5Gget_objname_by_idx(f.get(), n, name, sizeof name);
        BOOST_TEST(std::string(name) == increasing[n]);
        BOOST_TEST(H5Gget_objtype_by_idx(f.get(), n) == H5G_DATASET);
    }
#endif
}

// Stopping at /matrix, or just after it, leaves the index where the next call must start.
BOOST_AUTO_TEST_CASE(an_iteration_stopped_at_it_resumes_after_it) {
    const std::string file = fixture("binsparse_root.h5");
    H5Handle f = open_through_connector(file);
    const std::vector<std::string> expected = expected_root_listing(file, H5_ITER_INC);
    for (size_t stop = 0; stop < expected.size(); ++stop) {
        BOOST_TEST_CONTEXT("stop at " << expected[stop]) {
            struct Stop {
                std::string at;
                static herr_t op(hid_t, const char* name, const H5L_info2_t*, void* data) {
                    return static_cast<Stop*>(data)->at == name ? 1 : 0;
                }
            } s{expected[stop]};
            hsize_t idx = 0;
            BOOST_TEST(H5Literate2(f.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, Stop::op, &s) == 1);
            BOOST_TEST(idx == stop + 1);
        }
    }
}

// binsparse_root.h5's descriptor and the named members, copied into a new file's root (whose
// links are tracked in creation order when `creation_order`).
void copy_root_matrix(const std::string& to, std::initializer_list<std::pair<const char*, const char*>> members,
                      bool creation_order = false) {
    H5Handle fcpl = owned(H5Pcreate(H5P_FILE_CREATE), "fcpl");
    if (creation_order)
        check_status(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "order");
    H5Handle native = owned(H5Fcreate(to.c_str(), H5F_ACC_TRUNC, fcpl.get(), native_fapl().get()), to);
    H5Handle src = open_native_file(fixture("binsparse_root.h5"));
    for (auto [from, name] : members)
        check_status(H5Ocopy(src.get(), from, native.get(), name, H5P_DEFAULT, H5P_DEFAULT), name);
    H5Handle a = owned(H5Aopen(src.get(), "binsparse", H5P_DEFAULT), "binsparse");
    H5Handle type = owned(H5Aget_type(a.get()), "type");
    H5Handle space = owned(H5Aget_space(a.get()), "space");
    std::vector<char> value(H5Tget_size(type.get()));
    check_status(H5Aread(a.get(), type.get(), value.data()), "read binsparse");
    H5Handle b = owned(H5Acreate2(native.get(), "binsparse", type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), "b");
    check_status(H5Awrite(b.get(), type.get(), value.data()), "write binsparse");
}

// A root that already holds a member named "matrix" keeps it; the matrix is not shown, and
// opening the root as a dataset says why.
BOOST_AUTO_TEST_CASE(a_real_member_named_matrix_wins) {
    TempFile tmp("root_matrix_taken");
    copy_root_matrix(tmp.path(), {{"values", "values"}, {"indices_1", "indices_1"}, {"pointers_to_1", "pointers_to_1"},
                                  {"values", "matrix"}});
    H5Handle f = open_through_connector(tmp.path());
    H5Handle d = owned(H5Dopen2(f.get(), "/matrix", H5P_DEFAULT), "/matrix");
    H5Handle space = owned(H5Dget_space(d.get()), "space");
    BOOST_TEST(H5Sget_simple_extent_ndims(space.get()) == 1);  // the file's own 1-D dataset
    const std::string why = dataset_open_error(f.get(), "/");
    BOOST_TEST(why.find("already holds a member named 'matrix'") != std::string::npos, why);
    H5G_info_t info{};
    check_status(H5Gget_info(f.get(), &info), "H5Gget_info");
    BOOST_TEST(info.nlinks == 4u);
}

// A root matrix whose metadata cannot describe a matrix (no pointers_to_1 here) is not listed;
// opening /matrix names it and the broken rule.
BOOST_AUTO_TEST_CASE(a_broken_one_is_not_listed_and_opening_it_says_why) {
    TempFile tmp("root_matrix_broken");
    copy_root_matrix(tmp.path(), {{"values", "values"}, {"indices_1", "indices_1"}});
    H5Handle f = open_through_connector(tmp.path());
    BOOST_TEST(H5Lexists(f.get(), "matrix", H5P_DEFAULT) == 0);
    BOOST_TEST(link_names(f.get(), H5_INDEX_NAME, H5_ITER_INC) == (std::vector<std::string>{"indices_1", "values"}),
               boost::test_tools::per_element());
    H5G_info_t info{};
    check_status(H5Gget_info(f.get(), &info), "H5Gget_info");
    BOOST_TEST(info.nlinks == 2u);
    const std::string why = dataset_open_error(f.get(), "/matrix");
    BOOST_TEST(why.find("'/matrix'") != std::string::npos, why);
    BOOST_TEST(why.find("pointers_to_1") != std::string::npos, why);
}

// In creation order /matrix counts as the first link (it is there as long as the root is): the
// first of an increasing listing, the last of a decreasing one, from every starting index.
BOOST_AUTO_TEST_CASE(in_creation_order_it_comes_first) {
    TempFile tmp("root_matrix_creation_order");
    copy_root_matrix(tmp.path(), {{"values", "values"}, {"indices_1", "indices_1"}, {"pointers_to_1", "pointers_to_1"}},
                     true);
    H5Handle f = open_through_connector(tmp.path());
    const std::vector<std::string> increasing{"matrix", "values", "indices_1", "pointers_to_1"};
    for (H5_iter_order_t order : {H5_ITER_INC, H5_ITER_DEC}) {
        BOOST_TEST_CONTEXT("order " << order) {
            std::vector<std::string> expected = increasing;
            if (order == H5_ITER_DEC) std::reverse(expected.begin(), expected.end());
            check_every_start(f.get(), H5_INDEX_CRT_ORDER, order, expected);
        }
    }
}

#ifndef H5_NO_DEPRECATED_SYMBOLS
// GDAL lists groups with the deprecated calls: H5Gget_num_objs sizes its table, H5Giterate fills
// it, H5Gget_objinfo tells datasets from groups.
BOOST_AUTO_TEST_CASE(the_deprecated_group_calls_see_it_too) {
    const std::string file = fixture("binsparse_root.h5");
    H5Handle f = open_through_connector(file);
    const std::vector<std::string> expected = expected_root_listing(file, H5_ITER_INC);
    hsize_t count = 0;
    check_status(H5Gget_num_objs(f.get(), &count), "H5Gget_num_objs");
    BOOST_TEST(count == expected.size());
    struct Collect {
        static herr_t op(hid_t, const char* name, void* data) {
            static_cast<std::vector<std::string>*>(data)->emplace_back(name);
            return 0;
        }
    };
    for (int start = 0; start < static_cast<int>(expected.size()); ++start) {
        BOOST_TEST_CONTEXT("from " << start) {
            std::vector<std::string> names;
            int idx = start;
            BOOST_TEST(H5Giterate(f.get(), "/", &idx, Collect::op, &names) == 0);
            BOOST_TEST(names == std::vector<std::string>(expected.begin() + start, expected.end()),
                       boost::test_tools::per_element());
            BOOST_TEST(idx == static_cast<int>(expected.size()));
        }
    }
    struct StopAtMatrix {
        static herr_t op(hid_t, const char* name, void*) { return std::strcmp(name, "matrix") == 0 ? 7 : 0; }
    };
    BOOST_TEST(H5Giterate(f.get(), "/", nullptr, StopAtMatrix::op, nullptr) == 7);  // the operator's value
    H5G_stat_t matrix{}, root{};
    check_status(H5Gget_objinfo(f.get(), "matrix", true, &matrix), "H5Gget_objinfo(matrix)");
    check_status(H5Gget_objinfo(f.get(), "/", true, &root), "H5Gget_objinfo(/)");
    BOOST_TEST(matrix.type == H5G_DATASET);
    BOOST_TEST(root.type == H5G_GROUP);
    BOOST_TEST(!(matrix.objno[0] == root.objno[0] && matrix.objno[1] == root.objno[1]));
}
#endif

namespace {

herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
}

// A scalar variable-length string attribute's value.
std::string string_attribute(hid_t attribute) {
    H5Handle type = owned(H5Tcopy(H5T_C_S1), "string type");
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), "variable size");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "UTF-8");
    char* text = nullptr;
    check_status(H5Aread(attribute, type.get(), &text), "H5Aread");
    std::string value = text ? text : "";
    H5free_memory(text);
    return value;
}

}  // namespace

BOOST_AUTO_TEST_CASE(attribute_calls_that_name_it_see_its_attributes) {
    // HDMF's standalone CSRMatrix: the root holds object_id and .specloc beside its markers
    // data_type, namespace and shape.
    const std::string file = fixture("hdmf_csr_root.h5");
    std::string written;  // as HDMF wrote it, read natively (before the connector opens the file)
    {
        H5Handle fapl = native_fapl();
        H5Handle native = owned(H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()), "natively");
        H5Handle root_attr = owned(H5Aopen_by_name(native.get(), "/", "object_id", H5P_DEFAULT, H5P_DEFAULT), "root's");
        written = string_attribute(root_attr.get());
    }
    BOOST_TEST(!written.empty());
    H5Handle f = open_through_connector(file);
    H5Handle d = owned(H5Dopen2(f.get(), "/matrix", H5P_DEFAULT), "/matrix");
    std::vector<std::string> by_self, by_name;
    check_status(H5Aiterate2(d.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &by_self), "H5Aiterate2");
    check_status(H5Aiterate_by_name(f.get(), "matrix", H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &by_name,
                                    H5P_DEFAULT),
                 "H5Aiterate_by_name");
    BOOST_TEST(by_name == by_self, boost::test_tools::per_element());
    BOOST_TEST(std::count(by_name.begin(), by_name.end(), "object_id") == 1);
    BOOST_TEST(std::count(by_name.begin(), by_name.end(), "data_type") == 0);
    BOOST_TEST(H5Aexists_by_name(f.get(), "matrix", "object_id", H5P_DEFAULT) > 0);
    BOOST_TEST(H5Aexists_by_name(f.get(), "/matrix", "data_type", H5P_DEFAULT) == 0);  // a marker
    H5A_info_t info{};
    BOOST_TEST(H5Aget_info_by_name(f.get(), "matrix", "object_id", &info, H5P_DEFAULT) >= 0);
    char name[64] = "";
    BOOST_TEST(H5Aget_name_by_idx(f.get(), "matrix", H5_INDEX_NAME, H5_ITER_INC, 0, name, sizeof name, H5P_DEFAULT) > 0);
    BOOST_TEST(std::string(name) == by_self.front());
    H5Handle by_name_attr = owned(H5Aopen_by_name(f.get(), "matrix", "object_id", H5P_DEFAULT, H5P_DEFAULT), "by name");
    BOOST_TEST(string_attribute(by_name_attr.get()) == written);
    H5Handle by_index = owned(H5Aopen_by_idx(f.get(), "matrix", H5_INDEX_NAME, H5_ITER_INC, 0, H5P_DEFAULT, H5P_DEFAULT),
                              "by index");
    H5Handle by_self_attr = owned(H5Aopen(d.get(), by_self.front().c_str(), H5P_DEFAULT), "by self");
    BOOST_TEST(H5Aget_storage_size(by_index.get()) == H5Aget_storage_size(by_self_attr.get()));
}
