// The benchmark cases: which file, which selection, which contenders. Every selection comes
// from selections.h5 (written by make_bench_files.py), so the C++ contenders and the anndata
// script read exactly the same elements.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace h5sparse_bench {

// Move-only owner of an HDF5 identifier (closed with H5Idec_ref, which closes any kind).
class Hid {
public:
    Hid() = default;
    explicit Hid(hid_t id, const char* what);
    Hid(const Hid&) = delete;
    Hid& operator=(const Hid&) = delete;
    Hid(Hid&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Hid& operator=(Hid&& other) noexcept;
    ~Hid();
    hid_t get() const { return id_; }

private:
    hid_t id_ = H5I_INVALID_HID;
};

void check(herr_t status, const char* what);

struct Run {
    std::int64_t start;
    std::int64_t count;
};

// A selection of the logical matrix: row runs x one column window or a column list (result:
// rows x columns, row-major; sent as one slab per row run and column run, as h5py sends index
// lists), or points in listed order (result: one value per point).
struct MatrixSelection {
    bool points = false;
    std::vector<Run> rows;  // ascending, disjoint
    std::int64_t col_start = 0;
    std::int64_t col_count = 0;              // columns selected (the result's width)
    std::vector<std::int64_t> col_list;      // ascending; when not empty, the columns (else the window)
    std::vector<std::int64_t> point_rows, point_cols;

    std::int64_t row_total() const;
    std::int64_t elements() const;
};

enum class ValueKind { kFloat32, kInt32, kFloat64 };
hid_t mem_type_of(ValueKind kind);
std::size_t value_size(ValueKind kind);

struct BenchCase {
    std::string name;
    std::string title;
    std::string group;  // "main" (the table) or "sweep" (the plot only)
    std::string sparse_file;  // the file holding the sparse group (connector and floor)
    std::string sparse_path;  // the sparse group, i.e. the virtual dataset through the connector
    std::string dense_file;   // the dense twin ("" when there is none for this case)
    bool passthrough = false;  // the connector contender reads dense_file's /X through the connector
    bool compressed = false;   // deflate components: also read with threads=1 ("connector_threads1")
    ValueKind value = ValueKind::kFloat32;
    std::int64_t matrix_rows = 0;
    std::int64_t matrix_cols = 0;
    MatrixSelection sel;
    std::int64_t rows_selected = 0;     // x axis of the rows plot
    std::int64_t columns_selected = 0;  // x axis of the columns plot (group "sweep_cols")
    std::string series;  // the plot's line: "contig", "random" (rows), "csc", "tenx" (columns), or "" (none)

    std::vector<std::string> contenders() const;
    std::size_t result_bytes() const { return static_cast<std::size_t>(sel.elements()) * value_size(value); }
};

std::vector<BenchCase> load_cases(const std::string& files_dir);

// The file dataspace (matrix_rows x matrix_cols) holding the case's selection, and the memory
// dataspace of the result (rows x window, or one dimension for points).
Hid make_file_space(const BenchCase& c);
Hid make_mem_space(const BenchCase& c);

// A file access property list for the native connector, whatever HDF5_VOL_CONNECTOR says.
Hid native_fapl();

}  // namespace h5sparse_bench
