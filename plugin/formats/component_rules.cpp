#include "formats/component_rules.hpp"

#include "util/cold_message.hpp"

namespace h5sparse {
namespace {

// The sentences below run only for broken groups: each is built out of line (util/cold_message.hpp).
std::string presence_problem(const std::string& name, const DatasetMeta& m, bool column_vectors) {
    using Status = DatasetMeta::Status;
    if (m.status == Status::kMissing)
        return cold_message([&] { return std::string("component '") + name + "' is missing"; });
    if (m.status == Status::kNotDataset)
        return cold_message([&] { return std::string("component '") + name + "' is not a dataset"; });
    if (m.rank != 1 && !(column_vectors && m.column))
        return cold_message([&] {
            return std::string("component '") + name + "' has rank " + std::to_string(m.rank) + ", expected 1";
        });
    return "";
}

std::string quoted(const std::string& name) { return std::string("'") + name + "'"; }

std::string not_integers(const std::string& name) {
    return cold_message([&] { return quoted(name) + " is not an integer array"; });
}

std::string unsupported_values(const std::string& name) {
    return cold_message(
        [&] { return quoted(name) + " has an unsupported value type (expected integer, float, complex or boolean)"; });
}

bool usable_values(const DatasetMeta& data) {
    return data.type_class == H5T_INTEGER || data.type_class == H5T_FLOAT || data.type_class == H5T_ENUM ||
           data.is_complex;
}

}  // namespace

bool entries_absent(const SparseLayout& layout, const ComponentMetas& c) {
    return layout.absent_entries_type >= 0 && c.data.status == DatasetMeta::Status::kMissing &&
           c.indices.status == DatasetMeta::Status::kMissing;
}

std::string component_problem(const SparseLayout& layout, const ComponentMetas& c) {
    const ComponentNames& n = layout.names;
    if (layout.dense) {  // every element, and nothing else
        if (std::string p = presence_problem(n.data, c.data, false); !p.empty()) return p;
        if (!usable_values(c.data)) return unsupported_values(n.data);
        if (static_cast<long double>(c.data.length) != layout.rows * layout.cols)
            return cold_message([&] {
                return quoted(n.data) + " has " + std::to_string(c.data.length) + " values, expected " +
                       std::to_string(static_cast<unsigned long long>(layout.rows * layout.cols)) + " (every element)";
            });
        return "";
    }
    if (entries_absent(layout, c)) {  // only the pointers to judge: all of them 0, judged by the reads
        if (std::string p = presence_problem(n.indptr, c.indptr, layout.column_vectors); !p.empty()) return p;
        if (c.indptr.type_class != H5T_INTEGER) return not_integers(n.indptr);
        return "";
    }
    for (auto [name, meta] : {std::pair{n.data, &c.data}, {n.indices, &c.indices}, {n.indptr, &c.indptr}})
        if (std::string p = presence_problem(name, *meta, layout.column_vectors); !p.empty()) return p;
    if (!usable_values(c.data)) return unsupported_values(n.data);
    if (c.indices.type_class != H5T_INTEGER) return not_integers(n.indices);
    if (c.indptr.type_class != H5T_INTEGER) return not_integers(n.indptr);
    if (layout.single_value && c.data.length != 1)
        return cold_message([&] {
            return quoted(n.data) + " has " + std::to_string(c.data.length) + " values, expected the one every entry has";
        });
    if (layout.interleaved_complex) {
        if (c.data.type_class != H5T_FLOAT)
            return cold_message([&] { return quoted(n.data) + " holds no floats, expected interleaved complex parts"; });
        if (c.data.length != 2 * c.indices.length)
            return cold_message([&] {
                return quoted(n.data) + " has " + std::to_string(c.data.length) + " parts, expected 2 per entry (" +
                       std::to_string(2 * c.indices.length) + ")";
            });
    }
    // The entry count: len(data), or len(indices) when data holds one value for all or two parts each.
    const hsize_t entries = layout.entries_from_indices() ? c.indices.length : c.data.length;
    if (layout.coordinates) {
        if (c.indptr.length != entries || c.indices.length != entries)
            return cold_message([&] {
                return quoted(n.indptr) + ", " + quoted(n.indices) + " and " + quoted(n.data) +
                       " have different lengths (" + std::to_string(c.indptr.length) + ", " +
                       std::to_string(c.indices.length) + " and " + std::to_string(c.data.length) + ")";
            });
        return "";
    }
    const bool csr = layout.orientation == Orientation::kCsr;
    const long double primary = csr ? layout.rows : layout.cols;
    if (!layout.listed_primaries.empty()) {  // doubly compressed: a pointer per listed primary
        const std::string& listed = layout.listed_primaries;
        if (std::string p = presence_problem(listed, c.listed, false); !p.empty()) return p;
        if (c.listed.type_class != H5T_INTEGER) return not_integers(listed);
        if (c.indptr.length != c.listed.length + 1)
            return cold_message([&] {
                return std::string(n.indptr) + " length is " + std::to_string(c.indptr.length) + ", expected " +
                       std::to_string(c.listed.length + 1) + " (the " + std::to_string(c.listed.length) +
                       " listed in " + quoted(listed) + " + 1)";
            });
        if (c.listed.length == 0 && entries != 0)
            return cold_message([&] {
                return quoted(listed) + " lists no " + (csr ? "rows" : "columns") + " but " + quoted(n.data) + " has " +
                       std::to_string(entries) + " entries";
            });
        if (static_cast<long double>(c.listed.length) > primary)
            return cold_message([&] {
                return quoted(listed) + " lists " + std::to_string(c.listed.length) + " " +
                       (csr ? "rows" : "columns") + ", more than the matrix has";
            });
    } else if (static_cast<long double>(c.indptr.length) != primary + 1) {
        return cold_message([&] {
            return std::string(n.indptr) + " length is " + std::to_string(c.indptr.length) + ", expected " +
                   std::to_string(static_cast<unsigned long long>(primary) + 1) + " (" + (csr ? "rows" : "columns") +
                   " + 1)";
        });
    }
    if (!layout.entries_from_indices() && c.data.length != c.indices.length)
        return cold_message([&] {
            return quoted(n.data) + " and " + quoted(n.indices) + " have different lengths (" +
                   std::to_string(c.data.length) + " and " + std::to_string(c.indices.length) + ")";
        });
    return "";
}

void judge_components(const UnderLocation& loc, SparseLayout& layout) {
    layout.components_judged = true;
    if (!layout.shape_error.empty() || !layout.unsupported.empty()) return;
    const ComponentNames& n = layout.names;
    ComponentMetas c{dataset_meta(loc, n.data.c_str()), {}, {}, {}};
    if (!layout.dense) {
        c.indices = dataset_meta(loc, n.indices.c_str());
        c.indptr = dataset_meta(loc, n.indptr.c_str());
    }
    if (!layout.listed_primaries.empty()) c.listed = dataset_meta(loc, layout.listed_primaries.c_str());
    layout.metadata_error = component_problem(layout, c);
}

}  // namespace h5sparse
