#include "formats/detect.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <utility>

#include "connector/info_string.hpp"
#include "formats/component_rules.hpp"
#include "util/cold_message.hpp"
#include "util/error.hpp"

namespace h5sparse {

namespace {

using Detector = Detection (*)(const UnderLocation&, unsigned);

// The conventions in the order they are asked, each with the member every matrix it shows needs
// (its pointers, or what its detector asks about first): a group without it is never one of
// that convention's matrices, whatever its markers say; and the attribute of the group itself
// that its detector asks for first, returning at once without it (NULL: its evidence lies in
// members, the parent or the root).
struct ConventionEntry {
    unsigned bits;
    Detector detect;
    const char* needed_member;
    const char* own_marker;
};
constexpr ConventionEntry kInOrder[] = {
    {kAnndata, [](const UnderLocation& l, unsigned) { return detect_anndata(l); }, "indptr", "encoding-type"},
    {kH5sparse, [](const UnderLocation& l, unsigned) { return detect_h5sparse(l); }, "indptr", "h5sparse_format"},
    {kMatlab, [](const UnderLocation& l, unsigned) { return detect_matlab(l); }, "jc", "MATLAB_sparse"},
    {kHdmf, [](const UnderLocation& l, unsigned) { return detect_hdmf(l); }, "indptr", "data_type"},
    {kBinsparse, [](const UnderLocation& l, unsigned) { return detect_binsparse(l); }, "values", "binsparse"},
    {kCooler, [](const UnderLocation& l, unsigned) { return detect_cooler(l); }, "bin2_id", nullptr},
    {kOctave, [](const UnderLocation& l, unsigned) { return detect_octave(l); }, "cidx", nullptr},
    {kEpetraext, [](const UnderLocation& l, unsigned) { return detect_epetraext(l); }, "__type__", nullptr},
    {kChihaya, [](const UnderLocation& l, unsigned) { return detect_chihaya(l); }, "indptr", "delayed_array"},
    {kH5seurat, [](const UnderLocation& l, unsigned) { return detect_h5seurat(l); }, "indptr", "dims"},
    {kHickle, [](const UnderLocation& l, unsigned) { return detect_hickle(l); }, "indptr", "type"},
    {kLoom, [](const UnderLocation& l, unsigned) { return detect_loom(l); }, "w", nullptr},
    {kTenx | kUnmarkedMask, &detect_tenx, "indptr", nullptr}};

Detection first_match(const UnderLocation& group, unsigned conventions) {
    // Most conventions ask whether one marker attribute exists, others whether a member does:
    // one listing of each answers them all.
    const UnderLocation loc = with_link_names(with_attribute_names(group));
    for (const auto& [bits, detect, needed, marker] : kInOrder) {
        if (!(conventions & bits)) continue;
        Detection found = detect(loc, conventions);
        if (found.kind != Detection::Kind::kUnmarked) return found;
    }
    return {};
}

}  // namespace

std::optional<SparseLayout> detect_sparse_group(const UnderLocation& loc, unsigned conventions,
                                                ComponentCheck check) {
    Detection found = first_match(loc, conventions);
    if (found.kind != Detection::Kind::kSparse) return std::nullopt;
    SparseLayout& layout = found.layout;
    if (check == ComponentCheck::kJudge) judge_components(loc, layout);
    // The root group cannot become a dataset (every path of the file runs through it): a matrix
    // stored there (binsparse files by Finch.jl and the Python reference, HDMF's standalone
    // CSRMatrix) is shown as /matrix beside the root's members, unless one of them has that name.
    if (layout.unsupported.empty() && layout.shape_error.empty() && object_name(loc) == "/") {
        if (link_exists(loc, kRootMatrixName)) {
            layout.unsupported = std::string("a matrix stored in the root group is not shown: the root already holds a "
                                             "member named '") + kRootMatrixName + "', where it would be";
        } else {
            layout.in_root_group = true;
            layout.unsupported = std::string("a matrix stored in the root group is shown as the dataset '/") +
                                 kRootMatrixName + "' (the root cannot become a dataset)";
        }
    }
    return std::move(layout);
}

namespace {

// Whether the group has the member a convention's matrices need, each name asked once (six
// conventions need `indptr`): a group of more links than are listed at once is asked member by
// member.
class NeededMembers {
public:
    explicit NeededMembers(const UnderLocation& loc) : loc_(loc) {}
    bool present(const char* name) {
        for (size_t i = 0; i < n_; ++i)
            if (std::strcmp(asked_[i].name, name) == 0) return asked_[i].present;
        asked_[n_] = {name, link_exists(loc_, name)};
        return asked_[n_++].present;
    }

private:
    struct Asked {
        const char* name;
        bool present;
    };
    const UnderLocation& loc_;
    Asked asked_[std::size(kInOrder)];
    size_t n_ = 0;
};

}  // namespace

bool may_hold_matrix(UnderLocation& loc, unsigned conventions) {
    NeededMembers members(loc);
    auto has_member = [&](const ConventionEntry& c) { return (conventions & c.bits) && members.present(c.needed_member); };
    if (std::none_of(std::begin(kInOrder), std::end(kInOrder), has_member)) return false;
    loc = with_attribute_names(loc);  // the links stay listed; detection reads the attributes anyway
    return std::any_of(std::begin(kInOrder), std::end(kInOrder), [&](const ConventionEntry& c) {
        return has_member(c) && (!c.own_marker || attribute_exists(loc, c.own_marker));
    });
}

Detection detect_by_marker_attribute(const UnderLocation& loc, const MarkerAttributeConvention& c) {
    if (!attribute_exists(loc, c.marker)) return {};
    std::optional<std::string> value;
    try {
        // Only values of about the accepted lengths are fetched (a few bytes of slack for
        // writers that store trailing NULs or spaces, which are trimmed).
        const size_t csr_length = std::strlen(c.csr_value), csc_length = std::strlen(c.csc_value ? c.csc_value : c.csr_value);
        value = read_string_attribute(loc, c.marker,
                                      {std::min(csr_length, csc_length), std::max(csr_length, csc_length) + 4});
    } catch (const Error&) {
        return {};  // an unreadable marker: not ours to present
    }
    if (!value) return {};  // not a string: not this convention's marker
    if (*value != c.csr_value && (!c.csc_value || *value != c.csc_value)) return {Detection::Kind::kOther, {}};
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = c.convention;
    layout.orientation = *value == c.csr_value ? Orientation::kCsr : Orientation::kCsc;
    const std::string source = std::string("attribute '") + c.shape + "'";
    if (!attribute_exists(loc, c.shape)) {
        layout.shape_error = source + " is missing";
        return found;
    }
    try {
        apply_shape(layout, read_integer_attribute(loc, c.shape, 16), source.c_str());
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return found;
}

void apply_shape(SparseLayout& layout, const std::vector<long double>& shape, const char* source) {
    // The sentences run only for broken shapes: built out of line (util/cold_message.hpp).
    if (shape.size() != 2) {
        layout.shape_error = cold_message([&] {
            return std::string(source) + " has " + std::to_string(shape.size()) + " elements, expected 2";
        });
        return;
    }
    layout.rows = shape[0];
    layout.cols = shape[1];
    if (shape[0] < 0 || shape[1] < 0) {
        layout.shape_error = cold_message([&] {
            return std::string(source) + " (" + std::to_string(static_cast<long long>(shape[0])) + ", " +
                   std::to_string(static_cast<long long>(shape[1])) + ") is negative";
        });
        return;
    }
    // Each extent and the element count must fit HDF5's hsize_t (and our linear offsets). The
    // extents are checked on their own too: beside a 0, any other extent makes a product of 0
    // (and 2^64 - 1 is H5S_UNLIMITED, no extent at all).
    const long double limit = std::ldexp(1.0L, 62);
    if (shape[0] >= limit || shape[1] >= limit || shape[0] * shape[1] >= limit)
        layout.shape_error = cold_message([&] {
            return std::string(source) + " is too large (" + std::to_string(static_cast<unsigned long long>(shape[0])) +
                   " x " + std::to_string(static_cast<unsigned long long>(shape[1])) + " elements)";
        });
}

}  // namespace h5sparse
