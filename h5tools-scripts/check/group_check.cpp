// Strategy: the structural rules are checked from metadata first, collecting every problem
// (a group may lack two components at once); the streamed scan runs on whatever of indptr is
// usable, and walks indices only when the structure is sound. The connector is then asked to
// open the group itself (model/virtual_dataset.cpp, on the natively opened group), so that the
// report also says exactly what an HDF5 program will see, message included, and any
// disagreement between the connector and this tool shows up as a problem of its own.
#include "check/group_check.hpp"

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <vector>

#include "check/components.hpp"
#include "check/index_scan.hpp"
#include "check/native_io.hpp"
#include "check/rules.hpp"
#include "formats/under_io.hpp"
#include "model/coo_index.hpp"
#include "model/virtual_dataset.hpp"
#include "read/coordinate_scan.hpp"
#include "util/error.hpp"
#include "util/handle.hpp"

namespace h5sparse::checker {
namespace {

// Detection judges the shape and hands back a sentence (SparseLayout::shape_error), not a rule
// code; the rule is recovered from the sentence's wording (formats/detect.cpp, apply_shape, and
// formats/under_io.cpp, read_integers). A `shape_rule` field in SparseLayout would be sturdier;
// until then the script tests on broken.h5 catch any change of wording.
const char* shape_rule(const std::string& message) {
    if (message.find("is missing") != std::string::npos) return rule::kShapeMissing;
    if (message.find("negative") != std::string::npos) return rule::kShapeNegative;
    if (message.find("too large") != std::string::npos) return rule::kShapeOverflow;
    if (message.find("elements") != std::string::npos) return rule::kShapeSize;
    return rule::kShapeType;
}

void judge_presence(const ComponentInfo& c, bool column_vectors, std::vector<Problem>& problems) {
    if (!c.present) {
        problems.push_back({rule::kComponentMissing, "component '" + c.name + "' is missing"});
    } else if (!c.is_dataset) {
        problems.push_back({rule::kComponentMissing, "component '" + c.name + "' is not a dataset"});
    } else if (c.rank != 1 && !(column_vectors && c.rank == 2 && c.dims[1] == 1)) {
        problems.push_back(
            {rule::kComponentRank, "component '" + c.name + "' has rank " + std::to_string(c.rank) + ", expected 1"});
    }
}

void judge_metadata(GroupReport& r, bool column_vectors) {
    for (const ComponentInfo* c : {&r.data, &r.indices, &r.indptr}) judge_presence(*c, column_vectors, r.problems);
    if (r.data.usable() && r.data.type_class != H5T_INTEGER && r.data.type_class != H5T_FLOAT &&
        r.data.type_class != H5T_ENUM && !r.data.is_complex)
        r.problems.push_back({rule::kDataType, "'" + r.data.name + "' has an unsupported value type " + r.data.type +
                                                   " (expected integer, float, complex or boolean)"});
    for (const ComponentInfo* c : {&r.indices, &r.indptr})
        if (c->usable() && c->type_class != H5T_INTEGER)
            r.problems.push_back({rule::kIndexType, "'" + c->name + "' is not an integer array (" + c->type + ")"});
    if (r.coordinates) {
        const ComponentInfo& per_entry = r.single_value || r.interleaved_complex ? r.indices : r.data;  // one item per entry
        if (r.indptr.usable() && per_entry.usable() && r.indptr.length != per_entry.length)
            r.problems.push_back({rule::kDataIndicesLength, "'" + r.indptr.name + "' and '" + per_entry.name +
                                                                "' have different lengths (" + std::to_string(r.indptr.length) +
                                                                " and " + std::to_string(per_entry.length) + ")"});
    } else if (r.listed) {  // doubly compressed: a pointer per listed primary
        judge_presence(*r.listed, false, r.problems);
        if (r.listed->usable() && r.listed->type_class != H5T_INTEGER)
            r.problems.push_back({rule::kIndexType, "'" + r.listed->name + "' is not an integer array (" + r.listed->type + ")"});
        if (r.listed->usable() && r.indptr.usable() && r.indptr.length != r.listed->length + 1)
            r.problems.push_back({rule::kIndptrLength, r.indptr.name + " length is " + std::to_string(r.indptr.length) +
                                                           ", expected " + std::to_string(r.listed->length + 1) + " (the " +
                                                           std::to_string(r.listed->length) + " listed in '" +
                                                           r.listed->name + "' + 1)"});
        const hsize_t primary = r.rows ? (r.orientation == "csr" ? *r.rows : *r.cols) : 0;
        if (r.rows && r.listed->usable() && r.listed->length > primary)
            r.problems.push_back({rule::kIndptrLength, "'" + r.listed->name + "' lists " + std::to_string(r.listed->length) + " " +
                                                           r.primary_name() + "s, more than the matrix has"});
    } else if (r.rows && r.indptr.usable()) {
        const hsize_t primary = r.orientation == "csr" ? *r.rows : *r.cols;
        if (r.indptr.length != primary + 1)
            r.problems.push_back({rule::kIndptrLength, r.indptr.name + " length is " + std::to_string(r.indptr.length) +
                                                           ", expected " + std::to_string(primary + 1) + " (" +
                                                           r.primary_name() + "s + 1)"});
    }
    if (r.single_value && r.data.usable() && r.data.length != 1)
        r.problems.push_back({rule::kDataIndicesLength, "'" + r.data.name + "' has " + std::to_string(r.data.length) +
                                                            " values, expected the one every entry has"});
    if (r.interleaved_complex && r.data.usable() && r.indices.usable() && r.data.length != 2 * r.indices.length)
        r.problems.push_back({rule::kDataIndicesLength, "'" + r.data.name + "' has " + std::to_string(r.data.length) +
                                                            " parts, expected 2 per entry (" +
                                                            std::to_string(2 * r.indices.length) + ")"});
    if (!r.single_value && !r.interleaved_complex && r.data.usable() && r.indices.usable() &&
        r.data.length != r.indices.length)
        r.problems.push_back({rule::kDataIndicesLength, "'" + r.data.name + "' and '" + r.indices.name + "' have different lengths (" +
                                                            std::to_string(r.data.length) + " and " +
                                                            std::to_string(r.indices.length) + ")"});
}

// The listed primaries of a doubly compressed matrix, read whole (their count is at most the
// primary extent, a metadata rule, and bounded here) and checked to be strictly increasing
// inside the extent; false, with the problem recorded, when they are not.
bool read_listed(hid_t group, GroupReport& r, std::vector<long long>& listed) {
    constexpr hsize_t kMaxListed = kCooIndexBytes / sizeof(long long);  // what the connector maps by default
    if (r.listed->length > kMaxListed) {
        r.problems.push_back({rule::kReadError, "'" + r.listed->name + "' lists " + std::to_string(r.listed->length) +
                                                    " primaries, more than the connector maps by default (" +
                                                    std::to_string(kMaxListed) + ")"});
        return false;
    }
    Handle dataset(open_component(group, r.listed->name.c_str()));
    H5D_space_status_t status = H5D_SPACE_STATUS_ERROR;
    if (r.listed->length > 0) {
        if (H5Dget_space_status(dataset.get(), &status) < 0) hdf5_failure("cannot ask about '" + r.listed->name + "'");
        if (status != H5D_SPACE_STATUS_ALLOCATED) {  // fill values where rows should be: not read
            r.problems.push_back({rule::kListedPrimaries, "'" + r.listed->name + "' is not all written"});
            return false;
        }
    }
    listed.resize(static_cast<size_t>(r.listed->length));
    if (!listed.empty() && H5Dread(dataset.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, listed.data()) < 0)
        hdf5_failure("cannot read '" + r.listed->name + "'");
    const long long extent = static_cast<long long>(r.orientation == "csr" ? *r.rows : *r.cols);
    for (size_t k = 0; k < listed.size(); ++k) {
        if (listed[k] < 0 || listed[k] >= extent) {
            r.problems.push_back({rule::kListedPrimaries, r.listed->name + "[" + std::to_string(k) + "] is " +
                                                              std::to_string(listed[k]) + ", out of range [0, " +
                                                              std::to_string(extent) + ")"});
            return false;
        }
        if (k > 0 && listed[k] <= listed[k - 1]) {
            r.problems.push_back({rule::kListedPrimaries, r.listed->name + " is not strictly increasing at position " +
                                                              std::to_string(k) + " (" + std::to_string(listed[k - 1]) +
                                                              " then " + std::to_string(listed[k]) + ")"});
            return false;
        }
    }
    return true;
}

void scan(hid_t group, GroupReport& r, StoredTriangle triangle, const std::string& file, Progress& progress) {
    if (!r.indptr.integer()) return;
    // Then every component is usable and the shape known (and absent indices hold nothing).
    const bool walk = r.problems.empty() && !r.indices.absent;
    Handle indptr(open_component(group, r.indptr.name.c_str()));
    Handle indices(walk ? open_component(group, r.indices.name.c_str()) : H5I_INVALID_HID);
    ScanInput in;
    in.indptr = indptr.get();
    in.indptr_unsigned = r.indptr.is_unsigned;
    in.indptr_length = r.indptr.length;
    in.stored_values = r.stored_values();
    in.walk_indices = walk;
    in.indices = indices.get();
    in.indices_unsigned = r.indices.is_unsigned;
    in.secondary_extent = walk ? (r.orientation == "csr" ? *r.cols : *r.rows) : 0;
    // Entries counted by `indices` (one value for all, or two parts each) are named by it.
    in.names = {r.single_value || r.interleaved_complex ? r.indices.name : r.data.name, r.indices.name, r.indptr.name};
    in.triangle = triangle;
    std::vector<long long> listed;
    if (walk && r.listed) {
        if (!read_listed(group, r, listed)) return;
        in.listed = &listed;
    }
    in.primary_name = r.primary_name();
    in.secondary_name = r.secondary_name();
    progress.begin(file + " " + r.path, in.indptr_length + (walk ? *in.stored_values : 0));
    ScanResult result = scan_components(in, progress);
    progress.end();
    r.stats = result.stats;
    r.problems.insert(r.problems.end(), result.problems.begin(), result.problems.end());
    if (r.indices.absent && r.problems.empty()) r.stats.scanned = true;  // no entries: nothing unsorted
}

// A coordinate matrix has no pointers to scan: every row and column is checked by building the
// connector's own row index (model/coo_index.hpp), which names the first entry out of range.
void validate_coordinates(hid_t group, const std::string& path, const SparseLayout& layout, GroupReport& r) {
    if (!r.problems.empty() || r.stored_values().value_or(0) == 0) return;
    Handle native(H5VLget_connector_id_by_value(H5_VOL_NATIVE));
    try {
        if (*r.rows == 0) throw std::runtime_error("entries in a matrix without rows are out of range [0, 0)");
        ApiContextScope context;
        VirtualDataset opened(H5VLobject(group), native.get(), layout, path, H5P_DEFAULT, 1);
        if (opened.scans_coordinates()) {  // too large to index: checked the way reads scan it
            check_every_coordinate(opened, H5P_DATASET_XFER_DEFAULT);
            return;
        }
        std::vector<hsize_t> begin, end;
        opened.entry_ranges({0}, begin, end, H5P_DATASET_XFER_DEFAULT);
    } catch (const std::exception& e) {
        H5Eclear2(H5E_DEFAULT);
        const std::string message = e.what();
        const bool range = message.find("out of range") != std::string::npos || message.find("the diagonal") != std::string::npos;
        r.problems.push_back({range ? rule::kIndexRange : rule::kReadError, message});
    }
}

ConnectorVerdict ask_connector(hid_t group, const std::string& path, const SparseLayout& layout) {
    Handle native(H5VLget_connector_id_by_value(H5_VOL_NATIVE));
    void* object = H5VLobject(group);
    if (!native || !object) return {false, "cannot reach the native group object"};
    try {
        ApiContextScope context;
        VirtualDataset opened(object, native.get(), layout, path, H5P_DEFAULT, 0);  // 0: the machine's cores
        (void)opened.data();  // opens and judges the components, as a first read would
        return {true, ""};
    } catch (const std::exception& e) {
        H5Eclear2(H5E_DEFAULT);
        return {false, e.what()};
    }
}

}  // namespace

GroupReport check_group(hid_t group, const std::string& path, const SparseLayout& layout, const std::string& file,
                        Progress& progress) {
    GroupReport r;
    r.path = path;
    r.convention = layout.convention;
    r.orientation = layout.orientation == Orientation::kCsr ? "csr" : "csc";
    if (layout.symmetric()) r.stored_triangle = layout.stored_view_triangle();
    r.coordinates = layout.coordinates;
    r.single_value = layout.single_value;
    r.interleaved_complex = layout.interleaved_complex;
    if (!layout.background_member.empty()) {
        char text[64] = "";
        try {
            Handle native(H5VLget_connector_id_by_value(H5_VOL_NATIVE));
            ApiContextScope context;  // calls to the connector below need an API call's context
            const long double value = read_single_number({H5VLobject(group), H5I_GROUP, native.get(), "", H5P_DATASET_XFER_DEFAULT},
                                                         layout.background_member.c_str());
            std::snprintf(text, sizeof text, "%.17Lg", value);
        } catch (const Error& e) {
            std::snprintf(text, sizeof text, "unreadable");
        }
        r.background = "'" + layout.background_member + "' = " + text;
    }
    if (!layout.unsupported.empty() && layout.shape_error.empty()) {
        r.unsupported = layout.unsupported;
        r.connector = ask_connector(group, path, layout);
        return r;
    }
    if (layout.shape_error.empty()) {
        r.rows = static_cast<hsize_t>(layout.rows);
        r.cols = static_cast<hsize_t>(layout.cols);
    } else {
        r.problems.push_back({shape_rule(layout.shape_error), layout.shape_error});
    }
    r.data = inspect_component(group, layout.names.data.c_str());
    if (layout.dense) {  // every element in data: nothing to scan, only its metadata to judge
        r.dense = true;
        judge_presence(r.data, false, r.problems);
        if (r.problems.empty() && !layout.metadata_error.empty())
            r.problems.push_back({rule::kDataIndicesLength, layout.metadata_error});
        r.connector = ask_connector(group, path, layout);
        return r;
    }
    r.indices = inspect_component(group, layout.names.indices.c_str());
    r.indptr = inspect_component(group, layout.names.indptr.c_str());
    if (!layout.listed_primaries.empty()) r.listed = inspect_component(group, layout.listed_primaries.c_str());
    if (layout.absent_entries_type >= 0 && !r.data.present && !r.indices.present) {
        // MATLAB's empty matrix: no entries, the value type from MATLAB_class.
        for (ComponentInfo* c : {&r.data, &r.indices}) {
            c->present = c->is_dataset = c->absent = true;
            c->layout = "absent";
            c->rank = 1;
            c->dims = {0};
        }
        r.data.type = describe_type(layout.absent_entries_type);
        r.data.type_class = H5Tget_class(layout.absent_entries_type);
        r.indices.type = "-";
        r.indices.type_class = H5T_INTEGER;
    }
    judge_metadata(r, layout.column_vectors);
    try {
        if (layout.coordinates)
            validate_coordinates(group, path, layout, r);
        else
            scan(group, r, layout.triangle, file, progress);
    } catch (const std::exception& e) {
        progress.end();
        r.problems.push_back({rule::kReadError, e.what()});
    }
    r.connector = ask_connector(group, path, layout);
    // The connector finds out-of-range indices only when it reads them, so it may open a group
    // that is broken; the reverse would be a disagreement worth its own problem.
    if (!r.connector.opens && r.problems.empty())
        r.problems.push_back({rule::kConnectorOpen, r.connector.message});
    return r;
}

}  // namespace h5sparse::checker
