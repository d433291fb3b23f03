#include "model/coo_index.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "util/error.hpp"

namespace h5sparse {
namespace {

constexpr hsize_t kPieceEntries = hsize_t{1} << 20;  // entries read per call while building

Handle native_of(hid_t file_type) {
    return Handle(check(H5Tget_native_type(file_type, H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                        "cannot get the native form of a stored type"));
}

}  // namespace

long double coo_index_bytes(hsize_t entries, hsize_t primary_extent, size_t column_size, size_t value_size) {
    // Row pointers and the fill cursors, the sorted columns and values.
    return 16.0L * (static_cast<long double>(primary_extent) + 1) +
           static_cast<long double>(entries) * static_cast<long double>(column_size + value_size);
}

CooIndex build_coo_index(hsize_t entries, hsize_t primary_extent, hsize_t secondary_extent, StoredTriangle triangle,
                         hid_t column_file_type, hid_t value_file_type, size_t budget, const ComponentNames& names,
                         const CooRead& read) {
    CooIndex index;
    index.secondary_type = native_of(column_file_type);
    index.value_type = native_of(value_file_type);
    const size_t column_size = H5Tget_size(index.secondary_type.get()), value_size = H5Tget_size(index.value_type.get());
    // Sized by the arrays' lengths and by a row count the file may merely claim, so bounded
    // before anything is made.
    const long double needed = coo_index_bytes(entries, primary_extent, column_size, value_size);
    if (needed > static_cast<long double>(budget))
        fail(H5E_RESOURCE, H5E_NOSPACE,
             "a coordinate matrix of " + std::to_string(entries) + " entries over " + std::to_string(primary_extent) +
                 " rows needs a " + std::to_string(static_cast<unsigned long long>(needed / (1 << 20))) +
                 " MiB row index to be read, more than the " + std::to_string(budget >> 20) + " MiB allowed");

    std::vector<long long> rows(static_cast<size_t>(std::min(entries, kPieceEntries)));
    auto for_each_piece = [&](auto&& piece) {
        for (hsize_t first = 0; first < entries; first += kPieceEntries) {
            const hsize_t n = std::min(kPieceEntries, entries - first);
            read(kCooRows, first, n, H5T_NATIVE_LLONG, rows.data());
            piece(first, n);
        }
    };
    // Pass 1: how many entries each row holds.
    index.pointers.assign(static_cast<size_t>(primary_extent) + 1, 0);
    for_each_piece([&](hsize_t first, hsize_t n) {
        for (hsize_t k = 0; k < n; ++k) {
            const long long r = rows[k];
            if (r < 0 || static_cast<hsize_t>(r) >= primary_extent)
                fail(H5E_DATASET, H5E_BADVALUE,
                     "row " + std::to_string(r) + " of entry " + std::to_string(first + k) + " (in '" + names.indptr +
                         "') is out of range [0, " +
                         std::to_string(primary_extent) + ")");
            ++index.pointers[static_cast<size_t>(r) + 1];
        }
    });
    for (size_t p = 0; p < primary_extent; ++p) index.pointers[p + 1] += index.pointers[p];
    // Pass 2: each entry's column and value to its row's next place.
    std::vector<long long> cursor(index.pointers.begin(), index.pointers.end() - 1);
    index.secondaries.resize(static_cast<size_t>(entries) * column_size);
    index.values.resize(static_cast<size_t>(entries) * value_size);
    std::vector<long long> columns(rows.size());
    std::vector<unsigned char> columns_raw(rows.size() * column_size), values_raw(rows.size() * value_size);
    for_each_piece([&](hsize_t first, hsize_t n) {
        // Read once, in the stored type (kept in the index), and widened here for the checks.
        read(kCooColumns, first, n, index.secondary_type.get(), columns_raw.data());
        std::memcpy(columns.data(), columns_raw.data(), static_cast<size_t>(n) * column_size);
        if (H5Tequal(index.secondary_type.get(), H5T_NATIVE_LLONG) <= 0 &&
            H5Tconvert(index.secondary_type.get(), H5T_NATIVE_LLONG, n, columns.data(), nullptr, H5P_DEFAULT) < 0)
            fail(H5E_DATATYPE, H5E_CANTCONVERT, std::string("cannot widen the columns ('") + names.indices + "')");
        read(kCooValues, first, n, index.value_type.get(), values_raw.data());
        for (hsize_t k = 0; k < n; ++k) {
            if (columns[k] < 0 || static_cast<hsize_t>(columns[k]) >= secondary_extent)
                fail(H5E_DATASET, H5E_BADVALUE,
                     "column " + std::to_string(columns[k]) + " of entry " + std::to_string(first + k) + " (in '" +
                         names.indices + "') is out of range [0, " + std::to_string(secondary_extent) + ")");
            // Read again: a file changed between the passes must not move a write out of place.
            const long long r = rows[k];
            if (r < 0 || static_cast<hsize_t>(r) >= primary_extent ||
                cursor[static_cast<size_t>(r)] >= index.pointers[static_cast<size_t>(r) + 1])
                fail(H5E_DATASET, H5E_BADVALUE, "the rows changed while the row index was built (entry " +
                                                     std::to_string(first + k) + ")");
            const bool below = columns[k] < r;
            if ((below && triangle == StoredTriangle::kFromDiagonal) || (columns[k] > r && triangle == StoredTriangle::kUpToDiagonal))
                fail(H5E_DATASET, H5E_BADVALUE,
                     "entry " + std::to_string(first + k) + " (row " + std::to_string(r) + ", column " +
                         std::to_string(columns[k]) + ") lies " + (below ? "below" : "above") +
                         " the diagonal of a symmetric matrix that stores its " + (below ? "upper" : "lower") + " triangle");
            const size_t to = static_cast<size_t>(cursor[static_cast<size_t>(r)]++);
            std::memcpy(&index.secondaries[to * column_size], &columns_raw[k * column_size], column_size);
            std::memcpy(&index.values[to * value_size], &values_raw[k * value_size], value_size);
        }
    });
    return index;
}

}  // namespace h5sparse
