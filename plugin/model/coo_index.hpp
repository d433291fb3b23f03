// The in-memory row index of a coordinate (COO) matrix: entries stored as (row, column, value)
// triples in any order, duplicates allowed (loom graphs). Built on the first read by a counting
// sort of the rows, it turns the triples into a CSR held in memory: row pointers, and the columns
// and values in row order (the stored order kept within a row, so duplicates sum as scipy's
// toarray() does). Bounded: an index needing more than kCooIndexBytes is refused, with the
// numbers, instead of built.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "formats/sparse_layout.hpp"
#include "util/handle.hpp"

namespace h5sparse {

inline constexpr std::size_t kCooIndexBytes = std::size_t{512} << 20;

struct CooIndex {
    std::vector<long long> pointers;           // primary_extent + 1 row pointers
    std::vector<unsigned char> secondaries;    // the columns, in `secondary_type`
    std::vector<unsigned char> values;         // the values, in `value_type`
    Handle secondary_type;                     // native form of the stored column type
    Handle value_type;                         // native form of the stored value type
};

// Reads `count` entries from `first` of one stored array ("rows", "columns" or "values") in
// `mem_type` into `buf`.
using CooRead = std::function<void(int array, hsize_t first, hsize_t count, hid_t mem_type, void* buf)>;
enum CooArray { kCooRows = 0, kCooColumns = 1, kCooValues = 2 };

// The memory the index of `entries` triples over primary_extent rows takes, in bytes (as long
// double: the counts may be anything a file claims).
long double coo_index_bytes(hsize_t entries, hsize_t primary_extent, size_t column_size, size_t value_size);

// Builds the index of `entries` triples over primary_extent rows. The stored column and value
// types are given (file types). Throws Error naming the rule on a row or column out of range (or
// on the wrong side of the diagonal when only one triangle is stored), or when the index would
// exceed `budget` bytes.
// `names` name the rows (`indptr`) and columns (`indices`) arrays in messages.
CooIndex build_coo_index(hsize_t entries, hsize_t primary_extent, hsize_t secondary_extent, StoredTriangle triangle,
                         hid_t column_file_type, hid_t value_file_type, size_t budget, const ComponentNames& names,
                         const CooRead& read);

}  // namespace h5sparse
