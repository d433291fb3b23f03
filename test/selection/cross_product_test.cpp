// Which file selections are rows x columns, and the ranks they give: against sets computed here
// position by position (not with intervals), on both lookup paths (table and search).
#define BOOST_TEST_MODULE selection.cross_product
#include <boost/test/unit_test.hpp>

#include <hdf5.h>

#include <set>
#include <vector>

#include "selection/cross_product.hpp"

using h5sparse::AxisSet;
using h5sparse::as_cross_product;

namespace {

struct Space {
    hid_t id;
    Space(hsize_t rows, hsize_t cols) {
        const hsize_t dims[2] = {rows, cols};
        id = H5Screate_simple(2, dims, nullptr);
    }
    ~Space() { H5Sclose(id); }
    void slab(H5S_seloper_t op, hsize_t r, hsize_t c, hsize_t nr, hsize_t nc) const {
        const hsize_t start[2] = {r, c}, count[2] = {nr, nc};
        BOOST_REQUIRE(H5Sselect_hyperslab(id, op, start, nullptr, count, nullptr) >= 0);
    }
};

// Every position of [0, extent) ranked by counting members below it.
void expect_ranks(const AxisSet& set, const std::set<hsize_t>& members, hsize_t extent) {
    BOOST_TEST(set.size() == members.size());
    hsize_t rank = 0;
    for (hsize_t x = 0; x < extent; ++x) {
        if (members.count(x)) {
            BOOST_TEST(set.rank(x) == rank, "position " << x);
            ++rank;
        } else {
            BOOST_TEST(set.rank(x) == AxisSet::kNone, "position " << x);
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(axis_set_ranks_on_both_lookup_paths) {
    // Overlapping, unordered, touching intervals; a short axis (rank table) and a long one
    // (binary search) with the same members.
    const std::vector<std::pair<hsize_t, hsize_t>> added = {{50, 60}, {3, 4}, {10, 20}, {15, 25}, {25, 26},
                                                            {40, 41}, {42, 43}, {44, 45}, {70, 80}, {0, 1}, {90, 91}};
    std::set<hsize_t> members;
    for (auto [a, b] : added)
        for (hsize_t x = a; x < b; ++x) members.insert(x);
    for (hsize_t extent : {hsize_t{100}, hsize_t{1} << 23}) {
        AxisSet set;
        for (auto [a, b] : added) set.add(a, b);
        set.finish(extent);
        expect_ranks(set, members, 100);
        BOOST_TEST(set.rank(extent - 1) == AxisSet::kNone);
    }
}

BOOST_AUTO_TEST_CASE(index_lists_are_products) {
    Space s(30, 40);
    const std::vector<hsize_t> rows = {2, 3, 4, 9, 17, 29}, cols = {0, 5, 6, 39};
    bool first = true;
    for (hsize_t c : cols) {  // h5py: one slab per column, all selected rows each
        for (hsize_t r : rows) {
            s.slab(first ? H5S_SELECT_SET : H5S_SELECT_OR, r, c, 1, 1);
            first = false;
        }
    }
    auto p = as_cross_product(s.id, 30, 40);
    BOOST_REQUIRE(p.has_value());
    expect_ranks(p->rows, std::set<hsize_t>(rows.begin(), rows.end()), 30);
    expect_ranks(p->cols, std::set<hsize_t>(cols.begin(), cols.end()), 40);
}

BOOST_AUTO_TEST_CASE(regular_and_whole_selections) {
    Space s(30, 40);
    const hsize_t start[2] = {1, 2}, stride[2] = {7, 3}, count[2] = {4, 5}, block[2] = {2, 1};
    BOOST_REQUIRE(H5Sselect_hyperslab(s.id, H5S_SELECT_SET, start, stride, count, block) >= 0);
    auto p = as_cross_product(s.id, 30, 40);
    BOOST_REQUIRE(p.has_value());
    expect_ranks(p->rows, {1, 2, 8, 9, 15, 16, 22, 23}, 30);
    expect_ranks(p->cols, {2, 5, 8, 11, 14}, 40);

    BOOST_REQUIRE(H5Sselect_all(s.id) >= 0);
    p = as_cross_product(s.id, 30, 40);
    BOOST_REQUIRE(p.has_value());
    BOOST_TEST(p->rows.size() == 30u);
    BOOST_TEST(p->cols.size() == 40u);
}

BOOST_AUTO_TEST_CASE(other_shapes_are_not_products) {
    {  // an L: its projections' product holds elements it does not
        Space s(30, 40);
        s.slab(H5S_SELECT_SET, 0, 0, 10, 2);
        s.slab(H5S_SELECT_OR, 8, 0, 2, 10);
        BOOST_TEST(!as_cross_product(s.id, 30, 40).has_value());
    }
    {  // points come in the listed order, not row-major
        Space s(30, 40);
        const hsize_t coords[4] = {5, 5, 1, 1};
        BOOST_REQUIRE(H5Sselect_elements(s.id, H5S_SELECT_SET, 2, coords) >= 0);
        BOOST_TEST(!as_cross_product(s.id, 30, 40).has_value());
    }
    {  // a selection offset moves the elements away from the blocks HDF5 lists
        Space s(30, 40);
        s.slab(H5S_SELECT_SET, 0, 0, 3, 3);
        const hssize_t offset[2] = {2, 1};
        BOOST_REQUIRE(H5Soffset_simple(s.id, offset) >= 0);
        BOOST_TEST(!as_cross_product(s.id, 30, 40).has_value());
    }
    {
        Space s(30, 40);
        BOOST_REQUIRE(H5Sselect_none(s.id) >= 0);
        BOOST_TEST(!as_cross_product(s.id, 30, 40).has_value());
    }
}
