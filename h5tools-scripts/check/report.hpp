// What h5sparse-check learns about a file: one GroupReport per sparse group the connector
// recognises, with the components' storage, the index statistics of the deep scan and every
// rule the group breaks. The printers (text_report.cpp, json_report.cpp) only format this.
#pragma once

#include <hdf5.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace h5sparse::checker {

// A broken rule: a stable name (see rules.hpp) and a sentence that says where and how.
struct Problem {
    std::string rule;
    std::string message;
};

// One of data / indices / indptr, as stored in the file.
struct ComponentInfo {
    std::string name;
    bool present = false;     // a link of that name exists in the group
    bool is_dataset = false;  // ... and it opens as a dataset
    std::string type;         // "float32", "int64 (big-endian)", "bool (enum of int8)", ...
    H5T_class_t type_class = H5T_NO_CLASS;
    bool is_unsigned = false;
    bool is_complex = false;  // a {real, imag} compound of floats
    int rank = -1;
    std::vector<hsize_t> dims;
    hsize_t length = 0;  // number of elements (all dimensions)
    std::string layout;  // "contiguous", "chunked", "compact", "virtual"; "absent" (below)
    bool absent = false;  // left out as MATLAB does when there are no entries: none stored
    std::vector<hsize_t> chunk;
    std::vector<std::string> filters;  // "shuffle", "deflate(level 1)", ...
    hsize_t storage_bytes = 0;

    // 1-D, or an (n, 1) column (Octave; judge_presence refuses columns where a convention has none).
    bool usable() const { return is_dataset && (rank == 1 || (rank == 2 && dims.size() == 2 && dims[1] == 1)); }
    bool integer() const { return usable() && type_class == H5T_INTEGER; }
};

// What the deep scan of indices found (meaningful when `scanned`).
struct IndexStats {
    bool scanned = false;  // every index was visited
    hsize_t slices = 0;    // primary positions (rows of a CSR, columns of a CSC)
    hsize_t unsorted_slices = 0;
    hsize_t first_unsorted_slice = 0;
    hsize_t duplicate_entries = 0;  // entries repeating an earlier (primary, secondary) pair
    hsize_t first_duplicate_primary = 0;
    long double first_duplicate_secondary = 0;
    hsize_t unchecked_slices = 0;  // unsorted slices too long to check for duplicates
    hsize_t out_of_range = 0;
};

// Whether the connector itself opens the group as a dataset, and its message when it does not.
struct ConnectorVerdict {
    bool opens = false;
    std::string message;
};

struct GroupReport {
    std::string path;
    std::string convention;   // "anndata", "h5sparse", "10x"
    std::string orientation;  // "csr", "csc"
    std::string stored_triangle;  // symmetric: "upper" or "lower", the view's triangle stored; else ""
    bool coordinates = false;  // COO: a row and a column per entry (indptr names the rows)
    bool dense = false;        // every element stored in data, row-major ("csr") or column-major ("csc")
    std::optional<hsize_t> rows, cols;  // absent when the shape breaks a rule
    ComponentInfo data, indices, indptr;
    std::optional<ComponentInfo> listed;  // the listed primaries of a doubly compressed matrix
    bool single_value = false;  // one stored value for every entry (binsparse's iso): entries = len(indices)
    bool interleaved_complex = false;  // two parts per entry in data (binsparse's complex): entries = len(indices)
    std::string background;  // not 0: what positions without a stored entry read as ("'fill_value' = 5")
    IndexStats stats;
    ConnectorVerdict connector;
    std::vector<Problem> problems;
    // Non-empty: a well-formed group the connector cannot show (it stays a group), and why. Not
    // broken: nothing about it is checked further.
    std::string unsupported;

    bool broken() const { return !problems.empty(); }
    const char* primary_name() const { return orientation == "csr" ? "row" : "column"; }
    const char* secondary_name() const { return orientation == "csr" ? "column" : "row"; }
    std::optional<hsize_t> stored_values() const {
        if (single_value || interleaved_complex) return indices.usable() ? std::optional<hsize_t>(indices.length) : std::nullopt;
        return data.usable() ? std::optional<hsize_t>(data.length) : std::nullopt;
    }
    // stored values / (rows x cols); absent when unknown or the matrix has no elements.
    std::optional<long double> density() const {
        auto stored = stored_values();
        if (!stored || !rows || *rows == 0 || *cols == 0) return std::nullopt;
        return static_cast<long double>(*stored) / (static_cast<long double>(*rows) * static_cast<long double>(*cols));
    }
};

struct FileReport {
    std::string file;
    std::string error;  // non-empty: the file could not be read (no groups then)
    std::vector<GroupReport> groups;

    size_t broken_groups() const {
        size_t n = 0;
        for (const GroupReport& g : groups) n += g.broken() ? 1 : 0;
        return n;
    }
};

void print_text(std::ostream& out, const std::vector<FileReport>& files);
void print_json(std::ostream& out, const std::vector<FileReport>& files);

}  // namespace h5sparse::checker
