// hickle (Python objects dumped to HDF5; Debian's python3-hickle): a scipy csr_matrix or
// csc_matrix becomes a group holding data, indices, indptr and a `shape` *dataset*, the members
// of a 10x matrix, whatever its orientation. What it is says hickle's `type` attribute: an object
// reference to an entry of /hickle_types_table, whose `base_type` attribute refers to
// /hickle_types_table/csr_matrix or /hickle_types_table/csc_matrix. The orientation is read from
// there, never guessed; any other base type (bsr_matrix, whose `data` holds blocks, or a type
// this rule does not know) is another object and stays a group.
#include <string>

#include "formats/detect.hpp"
#include "util/error.hpp"

namespace h5sparse {

Detection detect_hickle(const UnderLocation& loc) {
    std::optional<H5O_token_t> base_type;
    try {
        const std::optional<H5O_token_t> type = read_object_reference_attribute(loc, "type");
        if (!type) return {};  // no reference: not hickle's `type` (Octave's is a dataset)
        base_type = read_object_reference_attribute(loc, *type, "base_type");
    } catch (const Error&) {
        return {Detection::Kind::kOther, {}};  // hickle's marker, unreadable: never another rule's
    }
    if (!base_type) return {Detection::Kind::kOther, {}};
    auto names = [&](const char* path) {
        const std::optional<H5O_info2_t> info = object_info({loc.object, loc.obj_type, loc.vol_id, path, loc.dxpl_id});
        return info && same_object(loc, info->token, *base_type);
    };
    Detection found{Detection::Kind::kSparse, {}};
    SparseLayout& layout = found.layout;
    layout.convention = "hickle";
    if (names("/hickle_types_table/csr_matrix")) layout.orientation = Orientation::kCsr;
    else if (names("/hickle_types_table/csc_matrix")) layout.orientation = Orientation::kCsc;
    else return {Detection::Kind::kOther, {}};
    try {
        apply_shape(layout, read_integer_dataset(loc, "shape", 16), "dataset 'shape'");
    } catch (const Error& e) {
        layout.shape_error = e.what();
    }
    return found;
}

}  // namespace h5sparse
