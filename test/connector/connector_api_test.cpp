// The object model as C programs see it through the connector (chosen by HDF5_VOL_CONNECTOR,
// as ctest sets it, or by the public header). Expected values come from the fixtures' own
// definition (test/fixtures/generate.py), never from the connector's code.
#define BOOST_TEST_MODULE connector_api
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <hdf5.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

std::string fixture(const char* name) { return std::string(std::getenv("H5SPARSE_FIXTURES")) + "/" + name; }

// Every description on the current error stack, joined.
std::string error_text() {
    std::string text;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_DOWNWARD,
        [](unsigned, const H5E_error2_t* e, void* data) -> herr_t {
            *static_cast<std::string*>(data) += std::string(e->desc ? e->desc : "") + "\n";
            return 0;
        },
        &text);
    return text;
}

// Every object H5Ovisit3 reports from the root of `f`, by path, with the type it reports; the
// visit's own status in `status` (negative: it failed).
std::map<std::string, H5O_type_t> visited_types(hid_t f, herr_t* status = nullptr) {
    std::map<std::string, H5O_type_t> seen;
    const herr_t r = H5Ovisit3(f, H5_INDEX_NAME, H5_ITER_INC,
                               [](hid_t, const char* name, const H5O_info2_t* info, void* d) -> herr_t {
                                   (*static_cast<std::map<std::string, H5O_type_t>*>(d))[name] = info->type;
                                   return 0;
                               },
                               &seen, H5O_INFO_BASIC);
    if (status) *status = r;
    return seen;
}

// Runs an API call with automatic error printing off, leaving its error stack to inspect.
template <typename Call>
auto quietly(Call call) {
    H5E_auto2_t func = nullptr;
    void* data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &func, &data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    auto result = call();
    H5Eset_auto2(H5E_DEFAULT, func, data);
    return result;
}

hid_t open_through_connector(const std::string& path, unsigned flags = H5F_ACC_RDONLY) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    BOOST_REQUIRE(h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={}") >= 0);
    hid_t f = H5Fopen(path.c_str(), flags, fapl);
    H5Pclose(fapl);
    BOOST_REQUIRE(f >= 0);
    return f;
}

std::string read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

BOOST_AUTO_TEST_CASE(environment_selects_the_connector) {
    hid_t f = H5Fopen(fixture("seed_h5sparse.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    BOOST_REQUIRE(f >= 0);
    hid_t fapl = H5Fget_access_plist(f);
    hid_t id = -1;
    BOOST_TEST(H5Pget_vol_id(fapl, &id) >= 0);
    char name[64] = "";
    H5VLget_connector_name(f, name, sizeof(name));
    BOOST_TEST(std::string(name) == "h5sparse");
    H5VLclose(id);
    H5Pclose(fapl);
    H5Fclose(f);
}

BOOST_AUTO_TEST_CASE(info_round_trips_through_hdf5) {
    hid_t id = h5sparse_vol_register();
    BOOST_REQUIRE(id >= 0);
    for (const char* text : {"under_vol=0;under_info={}", "under_vol=0;under_info={};conventions=anndata,h5sparse",
                             "conventions=none"}) {
        void* info = nullptr;
        BOOST_REQUIRE(H5VLconnector_str_to_info(text, id, &info) >= 0);
        char* back = nullptr;
        BOOST_REQUIRE(H5VLconnector_info_to_str(info, id, &back) >= 0);
        void* again = nullptr;
        BOOST_REQUIRE(H5VLconnector_str_to_info(back, id, &again) >= 0);
        int cmp = 1;
        BOOST_TEST(H5VLcmp_connector_info(&cmp, id, info, again) >= 0);
        BOOST_TEST(cmp == 0, text << " -> " << back);
        H5free_memory(back);
        H5VLfree_connector_info(id, info);
        H5VLfree_connector_info(id, again);
    }
    void* info = nullptr;
    H5E_BEGIN_TRY { BOOST_TEST(H5VLconnector_str_to_info("under_vol=0;bogus=1", id, &info) < 0); }
    H5E_END_TRY
    H5VLclose(id);
}

BOOST_AUTO_TEST_CASE(bare_name_means_native_underneath) {
    hid_t id = h5sparse_vol_register();
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    BOOST_REQUIRE(H5Pset_vol(fapl, id, nullptr) >= 0);
    uint64_t flags = 0;
    BOOST_TEST(H5Pget_vol_cap_flags(fapl, &flags) >= 0);
    BOOST_TEST((flags & H5VL_CAP_FLAG_DATASET_BASIC) != 0);
    hid_t f = H5Fopen(fixture("seed_h5sparse.h5").c_str(), H5F_ACC_RDONLY, fapl);
    BOOST_REQUIRE(f >= 0);
    hid_t d = H5Dopen2(f, "X", H5P_DEFAULT);
    BOOST_TEST(d >= 0);
    H5Dclose(d);
    H5Fclose(f);
    H5Pclose(fapl);
    H5VLclose(id);
}

BOOST_AUTO_TEST_CASE(seed_matrix_is_a_dense_dataset) {
    hid_t f = open_through_connector(fixture("seed_h5sparse.h5"));
    hid_t d = H5Dopen2(f, "X", H5P_DEFAULT);
    BOOST_REQUIRE(d >= 0);
    BOOST_TEST(H5Iget_type(d) == H5I_DATASET);
    hid_t space = H5Dget_space(d);
    hsize_t dims[2] = {0, 0}, maxdims[2] = {0, 0};
    BOOST_TEST(H5Sget_simple_extent_ndims(space) == 2);
    H5Sget_simple_extent_dims(space, dims, maxdims);
    BOOST_TEST(dims[0] == 4u);
    BOOST_TEST(dims[1] == 3u);
    BOOST_TEST(maxdims[0] == 4u);
    hid_t type = H5Dget_type(d);
    BOOST_TEST(H5Tequal(type, H5T_IEEE_F64LE) > 0);
    double values[4][3];
    BOOST_TEST(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
    const double expected[4][3] = {{0, 1, 0}, {0, 0, 2}, {0, 0, 0}, {3, 4, 0}};  // the seed matrix
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c) BOOST_TEST(values[r][c] == expected[r][c]);
    hid_t dcpl = H5Dget_create_plist(d);
    BOOST_TEST(H5Pget_layout(dcpl) == H5D_CONTIGUOUS);
    BOOST_TEST(H5Pget_nfilters(dcpl) == 0);
    H5D_fill_value_t fill;
    BOOST_TEST(H5Pfill_value_defined(dcpl, &fill) >= 0);
    hid_t dapl = H5Dget_access_plist(d);
    BOOST_TEST(dapl >= 0);
    BOOST_TEST(H5Dget_storage_size(d) > 0u);
    char name[64] = "";
    H5Iget_name(d, name, sizeof(name));
    BOOST_TEST(std::string(name) == "/X");
    BOOST_TEST(H5Fget_obj_count(f, H5F_OBJ_DATASET) == 1);
    hid_t ids[4];
    BOOST_TEST(H5Fget_obj_ids(f, H5F_OBJ_DATASET, 4, ids) == 1);
    char fname[4096] = "";
    BOOST_TEST(H5Fget_name(d, fname, sizeof(fname)) > 0);
    H5Pclose(dapl);
    H5Pclose(dcpl);
    H5Tclose(type);
    H5Sclose(space);
    H5Dclose(d);
    BOOST_TEST(H5Fget_obj_count(f, H5F_OBJ_DATASET) == 0);
    H5Fclose(f);
}

BOOST_AUTO_TEST_CASE(access_properties_are_the_ones_given_at_open) {
    // H5Dget_access_plist answers with the list the matrix was opened with, as it was then; a
    // matrix opened with the default list does not share changes with the caller's copy of it.
    hid_t f = open_through_connector(fixture("seed_h5sparse.h5"));
    hid_t mine = H5Pcreate(H5P_DATASET_ACCESS);
    BOOST_REQUIRE(H5Pset_chunk_cache(mine, 7, 12345, 0.25) >= 0);
    hid_t d = H5Dopen2(f, "X", mine);
    BOOST_REQUIRE(d >= 0);
    BOOST_REQUIRE(H5Pset_chunk_cache(mine, 11, 999, 0.5) >= 0);  // after the open: not the dataset's
    hid_t got = H5Dget_access_plist(d);
    size_t slots = 0, bytes = 0;
    double w0 = 0;
    BOOST_TEST(H5Pget_chunk_cache(got, &slots, &bytes, &w0) >= 0);
    BOOST_TEST(slots == 7u);
    BOOST_TEST(bytes == 12345u);
    BOOST_TEST(w0 == 0.25);
    H5Pclose(got);
    H5Dclose(d);
    H5Pclose(mine);

    hid_t plain = H5Dopen2(f, "X", H5P_DEFAULT);
    BOOST_REQUIRE(plain >= 0);
    hid_t copy = H5Dget_access_plist(plain);
    BOOST_REQUIRE(H5Pset_chunk_cache(copy, 3, 300, 0.75) >= 0);
    H5Pclose(copy);
    copy = H5Dget_access_plist(plain);
    BOOST_TEST(H5Pget_chunk_cache(copy, &slots, &bytes, &w0) >= 0);
    BOOST_TEST(slots != 3u);  // the change went to the copy only
    H5Pclose(copy);
    double values[4][3];
    BOOST_TEST(H5Dread(plain, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
    BOOST_TEST(values[3][1] == 4.0);  // the seed matrix
    H5Dclose(plain);
    BOOST_TEST(H5Pget_chunk_cache(H5P_DATASET_ACCESS_DEFAULT, &slots, &bytes, &w0) >= 0);  // still there
    H5Fclose(f);
}

BOOST_AUTO_TEST_CASE(type_answers_agree) {
    hid_t f = open_through_connector(fixture("anndata.h5ad"));
    H5O_info2_t info;
    BOOST_TEST(H5Oget_info_by_name3(f, "X", &info, H5O_INFO_ALL, H5P_DEFAULT) >= 0);
    BOOST_TEST(info.type == H5O_TYPE_DATASET);
    BOOST_TEST(info.num_attrs == 0u);  // encoding-type, encoding-version, shape are hidden
    hid_t o = H5Oopen(f, "layers/counts", H5P_DEFAULT);
    BOOST_REQUIRE(o >= 0);
    BOOST_TEST(H5Iget_type(o) == H5I_DATASET);
    BOOST_TEST(H5Oget_info3(o, &info, H5O_INFO_ALL) >= 0);
    BOOST_TEST(info.type == H5O_TYPE_DATASET);
    BOOST_TEST(info.num_attrs == 2u);  // description, n_cells (added by generate.py)
    // By index ("layers" holds counts, dense_layer: index 0 by name is counts).
    BOOST_TEST(H5Oget_info_by_idx3(f, "layers", H5_INDEX_NAME, H5_ITER_INC, 0, &info, H5O_INFO_ALL, H5P_DEFAULT) >= 0);
    BOOST_TEST(info.type == H5O_TYPE_DATASET);
    BOOST_TEST(info.num_attrs == 2u);
    H5O_type_t by_token;
    BOOST_TEST(H5Oget_info_by_name3(f, "obsp/connectivities", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
    hid_t by_tok = H5Oopen_by_token(f, info.token);
    BOOST_TEST(H5Iget_type(by_tok) == H5I_DATASET);
    H5Oclose(by_tok);
    // References to the virtual dataset resolve to a dataset again.
    H5R_ref_t ref;
    BOOST_TEST(H5Rcreate_object(f, "X", H5P_DEFAULT, &ref) >= 0);
    BOOST_TEST(H5Rget_obj_type3(&ref, H5P_DEFAULT, &by_token) >= 0);
    BOOST_TEST(by_token == H5O_TYPE_DATASET);
    hid_t via_ref = H5Ropen_object(&ref, H5P_DEFAULT, H5P_DEFAULT);
    BOOST_TEST(H5Iget_type(via_ref) == H5I_DATASET);
    H5Oclose(via_ref);
    H5Rdestroy(&ref);
    // The group view stays reachable for programs that read the components.
    hid_t g = H5Gopen2(f, "X", H5P_DEFAULT);
    BOOST_TEST(H5Iget_type(g) == H5I_GROUP);
    H5Gclose(g);
    hid_t data = H5Dopen2(f, "X/data", H5P_DEFAULT);
    BOOST_TEST(data >= 0);
    H5Dclose(data);
    // Marker attributes are hidden everywhere, consistently.
    BOOST_TEST(H5Aexists(o, "encoding-type") == 0);
    BOOST_TEST(H5Aexists(o, "description") > 0);
    hid_t a;
    H5E_BEGIN_TRY { a = H5Aopen(o, "shape", H5P_DEFAULT); }
    H5E_END_TRY
    BOOST_TEST(a == H5I_INVALID_HID);
    std::set<std::string> by_index;
    for (hsize_t i = 0; i < 2; ++i) {
        char n[64] = "";
        BOOST_TEST(H5Aget_name_by_idx(o, ".", H5_INDEX_NAME, H5_ITER_INC, i, n, sizeof(n), H5P_DEFAULT) > 0);
        by_index.insert(n);
        hid_t ai = H5Aopen_by_idx(o, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
        BOOST_TEST(ai >= 0);
        H5Aclose(ai);
    }
    BOOST_TEST((by_index == std::set<std::string>{"description", "n_cells"}));
    std::vector<std::string> iterated;
    hsize_t idx = 0;
    H5Aiterate2(o, H5_INDEX_NAME, H5_ITER_INC, &idx,
                [](hid_t, const char* n, const H5A_info_t*, void* d) -> herr_t {
                    static_cast<std::vector<std::string>*>(d)->push_back(n);
                    return 0;
                },
                &iterated);
    BOOST_TEST(iterated.size() == 2u);
    BOOST_TEST(idx == 2u);
    H5Oclose(o);
    H5Fclose(f);
}

BOOST_AUTO_TEST_CASE(a_matrix_behind_an_external_link_answers_as_one) {
    // An external link (and a soft link to it) to anndata.h5ad's /X: H5Oget_info_by_name must
    // agree with H5Oopen, read-only or not. (Asked by a name that crosses the link, HDF5 1.14
    // reads anndata's string markers from the wrong file's heap, natively too.)
    char name[] = "/tmp/h5sparse-external-XXXXXX";
    const int fd = mkstemp(name);
    BOOST_REQUIRE(fd >= 0);
    close(fd);
    {
        hid_t f = H5Fcreate(name, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        BOOST_REQUIRE(f >= 0);
        BOOST_REQUIRE(H5Lcreate_external(fixture("anndata.h5ad").c_str(), "/X", f, "ext", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        BOOST_REQUIRE(H5Lcreate_soft("/ext", f, "soft", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        H5Fclose(f);
    }
    for (unsigned flags : {H5F_ACC_RDONLY, H5F_ACC_RDWR}) {
        hid_t f = open_through_connector(name, flags);
        for (const char* path : {"/ext", "/soft"}) {
            BOOST_TEST_CONTEXT(path << (flags == H5F_ACC_RDONLY ? ", read-only" : ", writable")) {
                H5O_info2_t info;
                BOOST_TEST(H5Oget_info_by_name3(f, path, &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
                BOOST_TEST(info.type == H5O_TYPE_DATASET);
                hid_t o = H5Oopen(f, path, H5P_DEFAULT);
                BOOST_TEST(H5Iget_type(o) == H5I_DATASET);
                H5Oclose(o);
            }
        }
        H5Fclose(f);
    }
    std::remove(name);
}

BOOST_AUTO_TEST_CASE(visits_report_datasets_not_components) {
    hid_t f = open_through_connector(fixture("anndata.h5ad"));
    std::map<std::string, H5O_type_t> seen = visited_types(f);
    BOOST_TEST(seen.count("X") == 1u);
    BOOST_TEST(seen["X"] == H5O_TYPE_DATASET);
    BOOST_TEST(seen["layers/counts"] == H5O_TYPE_DATASET);
    BOOST_TEST(seen.count("X/data") == 0u);
    BOOST_TEST(seen.count("raw/X/indptr") == 0u);
    std::set<std::string> links;
    H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC,
              [](hid_t, const char* name, const H5L_info2_t*, void* d) -> herr_t {
                  static_cast<std::set<std::string>*>(d)->insert(name);
                  return 0;
              },
              &links);
    BOOST_TEST(links.count("uns/graphs/g1") == 1u);
    BOOST_TEST(links.count("uns/graphs/g1/indices") == 0u);
    BOOST_TEST(links.count("obs/n_genes") == 1u);  // ordinary objects are all there
    H5Fclose(f);
}

// A link visit prunes by what the operator last asked H5Oget_info about, but only when that was
// the link's own object: an operator asking about its own link (h5ls) and one asking about
// another object each time (here always the matrix /X) see the same links.
BOOST_AUTO_TEST_CASE(visit_pruning_uses_only_the_operators_answer_about_the_link) {
    struct Visit {
        const char* ask_about;  // nullptr: the link's own name
        std::set<std::string> links;
        static herr_t op(hid_t g, const char* name, const H5L_info2_t*, void* d) {
            auto* self = static_cast<Visit*>(d);
            H5O_info2_t info;
            const char* asked = self->ask_about ? self->ask_about : name;
            if (H5Oget_info_by_name3(g, asked, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
            self->links.insert(name);
            return 0;
        }
    };
    hid_t f = open_through_connector(fixture("anndata.h5ad"));
    Visit own{nullptr, {}}, other{"/X", {}};
    BOOST_TEST(H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC, &Visit::op, &own) >= 0);
    BOOST_TEST(H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC, &Visit::op, &other) >= 0);
    H5Fclose(f);
    for (const auto* visit : {&own, &other}) {
        BOOST_TEST(visit->links.count("uns/graphs/g1") == 1u);
        BOOST_TEST(visit->links.count("uns/graphs/g1/indices") == 0u);
        BOOST_TEST(visit->links.count("X/data") == 0u);
        BOOST_TEST(visit->links.count("obs/n_genes") == 1u);
        BOOST_TEST(visit->links.count("layers/counts") == 1u);
    }
    BOOST_TEST(own.links == other.links);
}

// GDAL classifies objects with the deprecated H5Gget_objinfo.
BOOST_AUTO_TEST_CASE(deprecated_objinfo_says_dataset) {
    hid_t f = open_through_connector(fixture("anndata.h5ad"));
    H5G_stat_t st;
    BOOST_TEST(H5Gget_objinfo(f, "/X", 0, &st) >= 0);
    BOOST_TEST(st.type == H5G_DATASET);
    BOOST_TEST(H5Gget_objinfo(f, "/layers", 0, &st) >= 0);
    BOOST_TEST(st.type == H5G_GROUP);
    hid_t d = H5Dopen2(f, "layers/counts", H5P_DEFAULT);
    BOOST_TEST(H5Gget_objinfo(d, ".", 0, &st) >= 0);
    BOOST_TEST(st.type == H5G_DATASET);
    H5Dclose(d);
    H5Fclose(f);
}

// Opening sparse datasets from inside a visit callback (h5dump, hdf5r's ls do) must not hand the
// application's error handler the connector's own speculative probes.
BOOST_AUTO_TEST_CASE(no_spurious_errors_inside_visit_callbacks) {
    struct Counter {
        static herr_t on_error(hid_t, void* data) {
            ++*static_cast<int*>(data);
            return 0;
        }
    };
    int reported = 0;
    H5E_auto2_t func = nullptr;
    void* data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &func, &data);
    H5Eset_auto2(H5E_DEFAULT, &Counter::on_error, &reported);
    hid_t f = open_through_connector(fixture("anndata.h5ad"));
    int opened = 0;
    H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC,
              [](hid_t g, const char* name, const H5L_info2_t*, void* d) -> herr_t {
                  H5O_info2_t info;
                  if (H5Oget_info_by_name3(g, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
                  if (info.type != H5O_TYPE_DATASET) return 0;
                  hid_t ds = H5Dopen2(g, name, H5P_DEFAULT);
                  if (ds < 0) return -1;
                  ++*static_cast<int*>(d);
                  return H5Dclose(ds);
              },
              &opened);
    H5Fclose(f);
    H5Eset_auto2(H5E_DEFAULT, func, data);
    BOOST_TEST(opened > 6);
    BOOST_TEST(reported == 0);
}

// Detection stays cheap: listing a file with thousands of groups never reads an indptr. The
// sparse group's indptr lives in an external raw file that is deleted before listing, so any
// read of it fails; the listing must still succeed and report the group as a dataset.
BOOST_AUTO_TEST_CASE(groups_that_no_convention_marks_stay_groups_and_broken_ones_still_say_why) {
    // A listing rules out a group holding a convention's member (here `values`, binsparse's)
    // when no such convention finds its own marker there, without reading anndata's marker
    // value. Hand-made with the C API in the shapes anndata 0.8 writes (a dict in uns; a CSR);
    // the CSR without `indptr` has no writer: it breaks a rule on purpose.
    const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    const std::string path = dir + "/h5sparse-marked-" + std::to_string(::getpid()) + ".h5";
    {
        hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        hid_t scalar = H5Screate(H5S_SCALAR), vlen = H5Tcopy(H5T_C_S1);
        H5Tset_size(vlen, H5T_VARIABLE);
        H5Tset_cset(vlen, H5T_CSET_UTF8);
        auto string_attr = [&](hid_t g, const char* name, const char* value) {
            hid_t a = H5Acreate2(g, name, vlen, scalar, H5P_DEFAULT, H5P_DEFAULT);
            H5Awrite(a, vlen, &value);
            H5Aclose(a);
        };
        auto dataset = [&](hid_t g, const char* name, hid_t file_type, hid_t mem_type, hsize_t n, const void* values) {
            hid_t s = H5Screate_simple(1, &n, nullptr);
            hid_t d = H5Dcreate2(g, name, file_type, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
            H5Dclose(d);
            H5Sclose(s);
        };
        auto matrix_group = [&](const char* name, const char* encoding, bool with_indptr) {
            hid_t g = H5Gcreate2(f, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            string_attr(g, "encoding-type", encoding);
            string_attr(g, "encoding-version", "0.1.0");
            const long long shape[2] = {2, 2}, indptr[3] = {0, 1, 2};
            const double data[2] = {1.0, 2.0};
            const int indices[2] = {0, 1};
            hsize_t two = 2;
            hid_t s2 = H5Screate_simple(1, &two, nullptr);
            hid_t a = H5Acreate2(g, "shape", H5T_STD_I64LE, s2, H5P_DEFAULT, H5P_DEFAULT);
            H5Awrite(a, H5T_NATIVE_LLONG, shape);
            H5Aclose(a);
            H5Sclose(s2);
            dataset(g, "data", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 2, data);
            dataset(g, "indices", H5T_STD_I32LE, H5T_NATIVE_INT, 2, indices);
            if (with_indptr) dataset(g, "indptr", H5T_STD_I64LE, H5T_NATIVE_LLONG, 3, indptr);
            dataset(g, "values", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 2, data);  // binsparse's member name
            H5Gclose(g);
        };
        hid_t dict = H5Gcreate2(f, "dict_with_values", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        string_attr(dict, "encoding-type", "dict");
        string_attr(dict, "encoding-version", "0.1.0");
        const long long values[4] = {1, 2, 3, 4};
        dataset(dict, "values", H5T_STD_I64LE, H5T_NATIVE_LLONG, 4, values);
        H5Gclose(dict);
        matrix_group("csr_with_values", "csr_matrix", true);
        matrix_group("csr_without_indptr", "csr_matrix", false);
        H5Tclose(vlen);
        H5Sclose(scalar);
        H5Fclose(f);
    }
    hid_t f = open_through_connector(path);
    const std::map<std::string, H5O_type_t> expected = {
        {".", H5O_TYPE_GROUP},
        {"dict_with_values", H5O_TYPE_GROUP},
        {"dict_with_values/values", H5O_TYPE_DATASET},
        {"csr_with_values", H5O_TYPE_DATASET},
        {"csr_without_indptr", H5O_TYPE_GROUP},
        {"csr_without_indptr/data", H5O_TYPE_DATASET},
        {"csr_without_indptr/indices", H5O_TYPE_DATASET},
        {"csr_without_indptr/values", H5O_TYPE_DATASET}};
    herr_t visited = -1;
    std::map<std::string, H5O_type_t> seen = visited_types(f, &visited);
    BOOST_TEST(visited >= 0);
    BOOST_TEST((seen == expected));
    for (const auto& [name, type] : expected) {
        H5O_info2_t info;
        BOOST_TEST(H5Oget_info_by_name3(f, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        BOOST_TEST(info.type == type, name);
    }
    hid_t d = H5Dopen2(f, "csr_with_values", H5P_DEFAULT);
    BOOST_REQUIRE(d >= 0);
    double dense[2][2] = {{-1, -1}, {-1, -1}};
    BOOST_TEST(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, dense) >= 0);
    BOOST_TEST(dense[0][0] == 1.0);
    BOOST_TEST(dense[0][1] == 0.0);
    BOOST_TEST(dense[1][0] == 0.0);
    BOOST_TEST(dense[1][1] == 2.0);
    H5Dclose(d);
    // Ruled out by the listing, the broken one still names its rule when opened as a dataset.
    H5Eclear2(H5E_DEFAULT);
    BOOST_TEST(quietly([&] { return H5Dopen2(f, "csr_without_indptr", H5P_DEFAULT); }) == H5I_INVALID_HID);
    const std::string errors = error_text();
    BOOST_TEST(errors.find("sparse matrix '/csr_without_indptr'") != std::string::npos, errors);
    BOOST_TEST(errors.find("(anndata): component 'indptr' is missing") != std::string::npos, errors);
    H5Fclose(f);
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(listing_never_reads_indptr) {
    const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    const std::string path = dir + "/h5sparse-many-" + std::to_string(::getpid()) + ".h5";
    const std::string raw = path + ".indptr.raw";
    {
        hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        for (int i = 0; i < 2000; ++i) H5Gclose(H5Gcreate2(f, ("g" + std::to_string(i)).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        hid_t g = H5Gcreate2(f, "m", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t scalar = H5Screate(H5S_SCALAR), str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 3);
        hid_t a = H5Acreate2(g, "h5sparse_format", str, scalar, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, str, "csr");
        H5Aclose(a);
        hsize_t two = 2, three = 3;
        const long long shape[2] = {2, 2}, indptr[3] = {0, 1, 2};
        const int indices[2] = {0, 1};
        const double data[2] = {1.0, 2.0};
        hid_t s2 = H5Screate_simple(1, &two, nullptr), s3 = H5Screate_simple(1, &three, nullptr);
        a = H5Acreate2(g, "h5sparse_shape", H5T_STD_I64LE, s2, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_LLONG, shape);
        H5Aclose(a);
        hid_t d = H5Dcreate2(g, "data", H5T_IEEE_F64LE, s2, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
        H5Dclose(d);
        d = H5Dcreate2(g, "indices", H5T_STD_I32LE, s2, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, indices);
        H5Dclose(d);
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_external(dcpl, raw.c_str(), 0, 3 * sizeof(long long));
        d = H5Dcreate2(g, "indptr", H5T_NATIVE_LLONG, s3, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, indptr);
        H5Dclose(d);
        H5Pclose(dcpl);
        H5Sclose(s2);
        H5Sclose(s3);
        H5Tclose(str);
        H5Sclose(scalar);
        H5Gclose(g);
        H5Fclose(f);
    }
    std::remove(raw.c_str());  // from now on, reading indptr fails
    hid_t f = open_through_connector(path);
    herr_t visited = -1;
    std::map<std::string, H5O_type_t> seen = visited_types(f, &visited);
    BOOST_TEST(visited >= 0);
    BOOST_TEST(seen.size() == 2002u);  // ".", 2000 groups, m
    BOOST_TEST(seen["m"] == H5O_TYPE_DATASET);
    BOOST_TEST(seen["g1999"] == H5O_TYPE_GROUP);
    int links = 0;
    BOOST_TEST(H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC,
                         [](hid_t, const char*, const H5L_info2_t*, void* d) -> herr_t {
                             ++*static_cast<int*>(d);
                             return 0;
                         },
                         &links) >= 0);
    BOOST_TEST(links == 2001);
    // Opening reads no indptr either; a read does, and fails, with HDF5's own cause beneath the
    // connector's line (proof that indptr really is unreadable).
    hid_t d = H5Dopen2(f, "m", H5P_DEFAULT);
    BOOST_REQUIRE(d >= 0);
    double value = -1;
    hid_t one = H5Screate_simple(1, std::array<hsize_t, 1>{1}.data(), nullptr);
    hid_t space = H5Dget_space(d);
    H5Sselect_elements(space, H5S_SELECT_SET, 1, std::array<hsize_t, 2>{0, 0}.data());
    H5Eclear2(H5E_DEFAULT);
    BOOST_TEST(quietly([&] { return H5Dread(d, H5T_NATIVE_DOUBLE, one, space, H5P_DEFAULT, &value); }) < 0);
    const std::string errors = error_text();
    BOOST_TEST(errors.find("cannot read 'indptr'") != std::string::npos, errors);
    BOOST_TEST(errors.find("unable to open external raw data file") != std::string::npos, errors);  // native's own
    H5Sclose(space);
    H5Sclose(one);
    H5Dclose(d);
    H5Fclose(f);
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(modifications_are_refused_and_change_nothing) {
    std::string copy = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/h5sparse-write-" +
                       std::to_string(::getpid()) + ".h5";
    {
        std::ofstream(copy, std::ios::binary) << read_file_bytes(fixture("seed_h5sparse.h5"));
    }
    const std::string before = read_file_bytes(copy);
    hid_t f = open_through_connector(copy, H5F_ACC_RDWR);
    hid_t d = H5Dopen2(f, "X", H5P_DEFAULT);
    double ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    herr_t w;
    H5E_BEGIN_TRY { w = H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ones); }
    H5E_END_TRY
    BOOST_TEST(w < 0);
    hsize_t bigger[2] = {5, 3};
    H5E_BEGIN_TRY { w = H5Dset_extent(d, bigger); }
    H5E_END_TRY
    BOOST_TEST(w < 0);
    w = quietly([&] { return H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ones); });
    BOOST_TEST(error_text().find("read-only") != std::string::npos, error_text());
    H5Eclear2(H5E_DEFAULT);
    H5Dclose(d);
    H5Fclose(f);
    BOOST_TEST((read_file_bytes(copy) == before), "the file changed");
    std::remove(copy.c_str());
}

BOOST_AUTO_TEST_CASE(strong_close_with_open_virtual_dataset) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={}");
    H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG);
    hid_t f = H5Fopen(fixture("anndata.h5ad").c_str(), H5F_ACC_RDONLY, fapl);
    BOOST_REQUIRE(f >= 0);
    hid_t d = H5Dopen2(f, "X", H5P_DEFAULT);
    BOOST_TEST(d >= 0);
    BOOST_TEST(H5Fclose(f) >= 0);
    BOOST_TEST(H5Iis_valid(d) == 0);
    H5Pclose(fapl);
}

BOOST_AUTO_TEST_CASE(conventions_can_be_turned_off) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    BOOST_REQUIRE(h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={};conventions=none") >= 0);
    hid_t f = H5Fopen(fixture("anndata.h5ad").c_str(), H5F_ACC_RDONLY, fapl);
    H5O_info2_t info;
    H5Oget_info_by_name3(f, "X", &info, H5O_INFO_BASIC, H5P_DEFAULT);
    BOOST_TEST(info.type == H5O_TYPE_GROUP);
    H5Fclose(f);
    BOOST_REQUIRE(h5sparse_vol_set_fapl(fapl, "under_vol=0;under_info={};conventions=h5sparse") >= 0);
    f = H5Fopen(fixture("tenx_v3.h5").c_str(), H5F_ACC_RDONLY, fapl);
    H5Oget_info_by_name3(f, "matrix", &info, H5O_INFO_BASIC, H5P_DEFAULT);
    BOOST_TEST(info.type == H5O_TYPE_GROUP);
    H5Fclose(f);
    H5Pclose(fapl);
}

// One broken group per rule. Metadata that cannot describe a matrix: listed as a group, refused
// by H5Dopen2 with a message naming the group and the rule. Values that break a rule: the group
// opens (opening reads no indptr), the read that touches them fails naming the rule, and the
// rows that are consistent read exactly. Everything else in the file stays readable.
BOOST_AUTO_TEST_CASE(broken_groups_name_their_rule) {
    const std::map<std::string, std::string> metadata_rules = {
        {"missing_data", "(anndata): component 'data' is missing"},
        {"missing_indices", "(anndata): component 'indices' is missing"},
        {"missing_indptr", "(anndata): component 'indptr' is missing"},
        {"data_rank2", "component 'data' has rank 2, expected 1"},
        {"indices_float", "'indices' is not an integer array"},
        {"indptr_wrong_length", "indptr length is 4, expected 5 (rows + 1)"},
        {"data_indices_length_mismatch", "'data' and 'indices' have different lengths (4 and 3)"},
        {"shape_wrong_size", "3 elements, expected 2"},
        {"shape_negative", "negative"},
        {"shape_absurd", "too large"}};
    hid_t f = open_through_connector(fixture("broken.h5"));
    for (const auto& [group, rule] : metadata_rules) {
        H5O_info2_t info;
        BOOST_TEST(H5Oget_info_by_name3(f, group.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        BOOST_TEST(info.type == H5O_TYPE_GROUP, group);
        H5Eclear2(H5E_DEFAULT);
        hid_t d = quietly([&] { return H5Dopen2(f, group.c_str(), H5P_DEFAULT); });
        std::string errors = error_text();
        BOOST_TEST(d == H5I_INVALID_HID, group);
        BOOST_TEST(errors.find("sparse matrix '/" + group + "'") != std::string::npos, group << ": " << errors);
        BOOST_TEST(errors.find(rule) != std::string::npos, group << ": " << errors);
        if (d >= 0) H5Dclose(d);
        hid_t g = H5Gopen2(f, group.c_str(), H5P_DEFAULT);  // the raw view
        BOOST_TEST(g >= 0, group);
        if (g >= 0) H5Gclose(g);
    }
    // Values: base matrix [[0,1,0],[0,0,2],[0,0,0],[3,4,0]] (generate.py, gen_broken), with
    // one rule broken; each case names a row that breaks it and one that reads exactly.
    struct ValueCase {
        const char* group;
        const char* rule;
        hsize_t broken_row, good_row;
        std::vector<double> good_values;
    };
    const ValueCase value_rules[] = {
        {"indptr_first_nonzero", "indptr[0] is 1, expected 0", 0, 2, {0, 0, 0}},
        {"indptr_last_mismatch", "indptr[-1] is 3 but 'data' has 4 values", 3, 1, {0, 0, 2}},
        {"indptr_decreasing", "indptr is decreasing at position 2 (2 then 1)", 1, 3, {3, 4, 0}},
        {"index_out_of_range", "index 3 at position 3 of 'indices' is out of range [0, 3)", 3, 0, {0, 1, 0}}};
    for (const ValueCase& c : value_rules) {
        H5O_info2_t info;
        BOOST_TEST(H5Oget_info_by_name3(f, c.group, &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        BOOST_TEST(info.type == H5O_TYPE_DATASET, c.group);
        hid_t d = H5Dopen2(f, c.group, H5P_DEFAULT);
        BOOST_REQUIRE_MESSAGE(d >= 0, c.group);
        auto read_row = [&](hsize_t row, std::vector<double>& out) {
            hid_t space = H5Dget_space(d);
            hsize_t start[2] = {row, 0}, count[2] = {1, 3};
            H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
            hid_t mem = H5Screate_simple(2, count, nullptr);
            out.assign(3, -1.0);
            H5Eclear2(H5E_DEFAULT);
            herr_t r = quietly([&] { return H5Dread(d, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, out.data()); });
            const std::string errors = error_text();  // before H5Sclose clears the stack
            H5Sclose(mem);
            H5Sclose(space);
            return std::pair{r, errors};
        };
        std::vector<double> row;
        auto [status, errors] = read_row(c.broken_row, row);
        BOOST_TEST(status < 0, c.group);
        BOOST_TEST(errors.find(std::string("sparse matrix '/") + c.group + "'") != std::string::npos, errors);
        BOOST_TEST(errors.find(c.rule) != std::string::npos, c.group << ": " << errors);
        BOOST_TEST(read_row(c.good_row, row).first >= 0, c.group);
        BOOST_TEST(row == c.good_values, c.group);
        H5Dclose(d);
    }
    std::vector<double> buf(1000, 0.0);
    // The rest of the file is unaffected.
    hid_t ok = H5Dopen2(f, "ok", H5P_DEFAULT);
    BOOST_TEST(ok >= 0);
    BOOST_TEST(H5Dread(ok, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()) >= 0);
    H5Dclose(ok);
    hid_t plain = H5Dopen2(f, "plain", H5P_DEFAULT);
    BOOST_TEST(plain >= 0);
    H5Dclose(plain);
    H5O_info2_t info;
    H5Oget_info_by_name3(f, "unknown_format", &info, H5O_INFO_BASIC, H5P_DEFAULT);
    BOOST_TEST(info.type == H5O_TYPE_GROUP);
    H5Fclose(f);
}
