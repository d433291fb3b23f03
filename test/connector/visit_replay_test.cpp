// A link visit of a read-only file is walked below in full, then replayed to the operator while
// detection takes each group's members from the walk (plugin/connector/visit_snapshot.hpp). What
// the operator sees must be exactly what it saw before: every link the native visit reports, in
// its order, less the members of matrices, whatever the file holds (empty groups, a group reached
// by two hard links, a link back to the root, soft links, a group of more members than detection
// lists at once, more links than are held) and however the operator ends the visit.
//
// Files are written here through the native connector; the matrices are anndata CSR groups from
// test/support's sparse_writer. The expected visit is the native visit of the same file without
// the connector, less what lies below the objects written as matrices.
#define BOOST_TEST_MODULE connector_visit_replay
#include <boost/test/unit_test.hpp>
#include <h5sparse_vol.h>
#include <H5VLnative.h>
#include <hdf5.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "support/connector_access.hpp"
#include "support/h5_handle.hpp"
#include "support/native_access.hpp"
#include "support/small_objects.hpp"
#include "support/sparse_writer.hpp"
#include "support/temp_file.hpp"

namespace {

using namespace h5sparse_test;

struct Link {
    std::string name;
    H5L_type_t type;
    H5O_type_t object;  // as H5Oget_info_by_name reports it (H5O_TYPE_UNKNOWN for soft links)
    H5O_token_t token;  // of a hard link's object
    bool operator==(const Link& o) const { return name == o.name && type == o.type && object == o.object; }
};
[[maybe_unused]] std::ostream& operator<<(std::ostream& os, const Link& l) {
    return os << l.name << " (" << l.type << ", " << l.object << ")";
}

// An operator that asks about each link as h5ls does, and stops (or fails) at link `stop_at`.
struct Recorder {
    std::vector<Link> links;
    size_t stop_at = static_cast<size_t>(-1);
    herr_t stop_with = 1;
    bool ask = true;  // false: names only
    static herr_t op(hid_t g, const char* name, const H5L_info2_t* info, void* d) {
        auto* self = static_cast<Recorder*>(d);
        H5O_info2_t oi{};
        oi.type = H5O_TYPE_UNKNOWN;
        if (self->ask && info->type == H5L_TYPE_HARD && H5Oget_info_by_name3(g, name, &oi, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
            return -1;
        self->links.push_back({name, info->type, oi.type, oi.token});
        return self->links.size() == self->stop_at ? self->stop_with : 0;
    }
};

// Writes groups, links and anndata CSR matrices through the native connector.
class Writer {
public:
    explicit Writer(const std::string& path) : file_(create_native_file(path)) {}
    void group(const char* name) { owned(H5Gcreate2(f(), name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name); }
    void dataset(const char* name) { write_int_dataset(f(), name, {1, 2, 3}, H5T_STD_I32LE); }
    // A 2 x 3 CSR: [[1, 0, 2], [0, 3, 0]].
    void matrix(const std::string& name) {
        SparseGroupOptions options;
        options.path = name;
        options.rows = 2;
        options.cols = 3;
        const Triplet entries[] = {{0, 0, 1}, {0, 2, 2}, {1, 1, 3}};
        write_sparse_group(f(), options, entries);
        matrices.insert(name);
    }
    void hard(const char* target, const char* name) {
        check_status(H5Lcreate_hard(f(), target, f(), name, H5P_DEFAULT, H5P_DEFAULT), name);
    }
    void soft(const char* target, const std::string& name) {
        check_status(H5Lcreate_soft(target, f(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), name);
    }
    std::set<std::string> matrices;  // their names, relative to the root

private:
    hid_t f() const { return file_.get(); }
    H5Handle file_;
};

// The native visit of `path` from `start`, without the connector, less what lies below the
// matrices (found by their objects, whatever link leads there), which show as datasets.
std::vector<Link> expected_visit(const std::string& path, const char* start, const std::set<std::string>& matrices) {
    H5Handle file = open_native_file(path);
    const hid_t f = file.get();
    std::vector<H5O_token_t> matrix_tokens;
    for (const std::string& m : matrices) {
        H5O_info2_t info;
        BOOST_REQUIRE(H5Oget_info_by_name3(f, m.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        matrix_tokens.push_back(info.token);
    }
    Recorder native;
    BOOST_REQUIRE(H5Lvisit_by_name2(f, start, H5_INDEX_NAME, H5_ITER_INC, &Recorder::op, &native, H5P_DEFAULT) >= 0);
    std::vector<Link> shown;
    std::vector<std::string> pruned;
    for (Link l : native.links) {
        bool below = false;
        for (const std::string& p : pruned) below = below || l.name.rfind(p + "/", 0) == 0;
        if (below) continue;
        if (l.type == H5L_TYPE_HARD)
            for (const H5O_token_t& t : matrix_tokens)
                if (std::memcmp(&t, &l.token, sizeof t) == 0) {
                    l.object = H5O_TYPE_DATASET;
                    pruned.push_back(l.name);
                }
        shown.push_back(l);
    }
    return shown;
}

std::vector<Link> connector_visit(const std::string& path, unsigned flags, const char* start, herr_t* status = nullptr,
                                  size_t stop_at = static_cast<size_t>(-1), herr_t stop_with = 1) {
    H5Handle file = open_through_connector(path, "under_vol=0;under_info={}", flags);
    const hid_t f = file.get();
    Recorder r;
    r.stop_at = stop_at;
    r.stop_with = stop_with;
    herr_t ret;
    {
        QuietErrors quiet;
        ret = H5Lvisit_by_name2(f, start, H5_INDEX_NAME, H5_ITER_INC, &Recorder::op, &r, H5P_DEFAULT);
    }
    if (status) *status = ret;
    else BOOST_TEST(ret >= 0);
    return r.links;
}

// Groups of every kind a walk meets, matrices at several depths.
std::set<std::string> write_tangled(const std::string& path) {
    Writer w(path);
    w.group("empty");
    w.group("g");
    w.dataset("g/d1");
    w.group("g/sub");
    w.dataset("g/sub/d2");
    w.matrix("g/sub/m");
    w.matrix("m");
    w.hard("/g", "h_again");     // the same group by a second hard link: walked once
    w.hard("/g/sub", "a_sub");   // a group first reached by a second link, its matrix with it
    w.hard("/", "g/up");         // back to the root
    w.soft("/g/sub/m", "soft");  // soft links are reported, never followed
    w.soft("/nowhere", "dangling");
    w.group("wide");  // more members than detection lists at once, a matrix among them
    for (int i = 0; i < 40; ++i) w.dataset(("wide/d" + std::to_string(100 + i)).c_str());
    w.matrix("wide/m");
    w.group("wide/empty");
    w.hard("/", "wide/top");  // from /wide (one link to it), the walk comes back to it through the root
    // A matrix with a member group that links back to the matrix: a visit starting there walks
    // into the matrix, meets its start again (never walked twice) and then the components.
    w.matrix("p");
    w.group("p/0s");
    w.hard("/p", "p/0s/a_up");
    return w.matrices;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_held_visit_reports_what_the_native_one_does_less_the_matrices_members) {
    const TempFile file("h5sparse-visit-tangled");
    const std::string& path = file.path();
    const std::set<std::string> matrices = write_tangled(path);
    for (const char* start : {"/", "/g", "/wide", "/p/0s"}) {
        const std::vector<Link> expected = expected_visit(path, start, matrices);
        BOOST_TEST(!expected.empty());
        // Read-only: held and replayed. Read-write: reported as it comes, as before.
        BOOST_TEST(connector_visit(path, H5F_ACC_RDONLY, start) == expected, start);
        BOOST_TEST(connector_visit(path, H5F_ACC_RDWR, start) == expected, start);
    }
}

BOOST_AUTO_TEST_CASE(an_operator_that_stops_or_fails_ends_a_held_visit_where_it_did) {
    const TempFile file("h5sparse-visit-stops");
    const std::string& path = file.path();
    const std::set<std::string> matrices = write_tangled(path);
    const std::vector<Link> expected = expected_visit(path, "/", matrices);
    for (size_t at : {size_t{1}, size_t{4}, expected.size()}) {
        herr_t status = 0;
        std::vector<Link> seen = connector_visit(path, H5F_ACC_RDONLY, "/", &status, at, 7);
        BOOST_TEST(status == 7);
        BOOST_TEST(seen == std::vector<Link>(expected.begin(), expected.begin() + at));
        seen = connector_visit(path, H5F_ACC_RDONLY, "/", &status, at, -1);
        BOOST_TEST(status < 0);
        BOOST_TEST(seen.size() == at);
    }
}

// Past the links a visit holds, what is held goes to the operator at once and the rest as it
// comes. The groups still open at that point have members to come, so detection asks below:
// the matrix `q`, whose `indptr` sorts after a member group of more links than are held, shows
// as a dataset only if it does.
BOOST_AUTO_TEST_CASE(a_visit_of_more_links_than_are_held_reports_them_all) {
    const TempFile file("h5sparse-visit-big");
    const std::string& path = file.path();
    std::set<std::string> matrices;
    {
        Writer w(path);
        w.matrix("a_before");
        w.matrix("q");
        w.group("q/a_big");
        for (int i = 0; i < 17000; ++i) w.soft("/a_before", "q/a_big/s" + std::to_string(100000 + i));
        w.group("r_big");
        w.matrix("r_big/a_matrix");
        w.group("r_big/b_group");
        w.matrix("r_big/b_group/m");
        for (int i = 0; i < 17000; ++i) w.soft("/a_before", "r_big/s" + std::to_string(100000 + i));
        w.matrix("r_big/z_matrix");
        w.group("r_big/z_group");
        w.matrix("r_big/z_group/m");
        w.matrix("z_after");
        matrices = w.matrices;
    }
    const std::vector<Link> expected = expected_visit(path, "/", matrices);
    BOOST_TEST(expected.size() > 17000u);
    BOOST_TEST(connector_visit(path, H5F_ACC_RDONLY, "/") == expected);
}

// HDF5 names each link by its whole path: below a long group name, a visit stops holding at its
// bytes of names long before its count of links, here inside the member group of the matrix `q`
// (so `q` shows as a dataset only if detection then asks below). Many matrices under the one
// long name: each later link is judged against all of them.
BOOST_AUTO_TEST_CASE(a_visit_of_long_names_reports_them_all) {
    const TempFile file("h5sparse-visit-long-names");
    const std::string& path = file.path();
    const std::string top(3000, 'n');
    std::set<std::string> matrices;
    {
        Writer w(path);
        w.group(top.c_str());
        for (int i = 0; i < 50; ++i) w.matrix(top + "/a" + std::to_string(100 + i));
        w.matrix(top + "/q");
        w.group((top + "/q/a_big").c_str());
        const std::string target = "/" + top + "/a100";
        for (int i = 0; i < 500; ++i) w.soft(target.c_str(), top + "/q/a_big/s" + std::to_string(1000 + i));
        w.matrix(top + "/z_after");
        matrices = w.matrices;
    }
    const std::vector<Link> expected = expected_visit(path, "/", matrices);
    BOOST_TEST(expected.size() == 1u + 50u + 1u + 1u);  // the long group, its matrices, q and z_after
    BOOST_TEST(connector_visit(path, H5F_ACC_RDONLY, "/") == expected);
}

// A visit that fails below, part way (an object header overwritten with garbage: no writer
// makes one), fails as it does natively: the operator sees the links before the broken one, and
// HDF5's own reason is on the stack.
BOOST_AUTO_TEST_CASE(a_visit_that_fails_below_fails_as_natively_with_its_cause) {
    const TempFile file("h5sparse-visit-broken");
    const std::string& path = file.path();
    haddr_t broken_at = 0;
    {
        Writer w(path);
        w.group("a");
        w.dataset("a/d");
        w.group("b_broken");
        w.dataset("b_broken/d");
        w.group("c");
    }
    {
        H5Handle f = open_native_file(path);
        H5O_info2_t info;
        BOOST_REQUIRE(H5Oget_info_by_name3(f.get(), "b_broken", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        BOOST_REQUIRE(H5VLnative_token_to_addr(f.get(), info.token, &broken_at) >= 0);
        std::FILE* raw = std::fopen(path.c_str(), "r+b");
        BOOST_REQUIRE(raw);
        const unsigned char garbage[16] = {0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE,
                                           0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE};
        std::fseek(raw, static_cast<long>(broken_at), SEEK_SET);
        std::fwrite(garbage, 1, sizeof garbage, raw);
        std::fclose(raw);
    }
    struct Outcome {
        herr_t status;
        std::vector<std::string> names;
        std::string reasons;
    };
    auto visit = [](hid_t f) {
        Outcome out;
        Recorder r;
        r.ask = false;
        QuietErrors quiet;
        out.status = H5Lvisit2(f, H5_INDEX_NAME, H5_ITER_INC, &Recorder::op, &r);
        out.reasons = hdf5_error_text();
        for (const Link& l : r.links) out.names.push_back(l.name);
        return out;
    };
    const Outcome native = visit(open_native_file(path).get());
    BOOST_TEST(native.status < 0);
    BOOST_TEST(!native.names.empty());
    BOOST_TEST(native.names.back() == "b_broken");
    const Outcome ours = visit(open_through_connector(path).get());
    BOOST_TEST(ours.status < 0);
    BOOST_TEST(ours.names == native.names, "each link once, as natively");
    // HDF5's deepest reason (the last "#NNN: file line N in function(): reason" of its
    // report), below the connector's own line.
    const size_t last = native.reasons.rfind("  #");
    BOOST_REQUIRE(last != std::string::npos);
    const size_t from = native.reasons.find("(): ", last) + 4;
    const std::string cause = native.reasons.substr(from, native.reasons.find('\n', from) - from);
    BOOST_TEST_MESSAGE("HDF5's cause: " << cause);
    BOOST_TEST(!cause.empty());
    BOOST_TEST(ours.reasons.find(cause) != std::string::npos, ours.reasons);
}
