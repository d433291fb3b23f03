// The rules a sparse group must satisfy (issue 3, "Bad input"), under stable names that the
// text and JSON reports use and that scripts may match. Listed in the order they are checked,
// which is the order in which the connector checks them when it opens a group.
#pragma once

namespace h5sparse::checker::rule {

// The shape (found by the connector's detection, which also judges it).
inline constexpr const char* kShapeMissing = "shape-missing";    // no shape attribute
inline constexpr const char* kShapeType = "shape-type";          // not a 1-D integer array
inline constexpr const char* kShapeSize = "shape-size";          // not exactly 2 elements
inline constexpr const char* kShapeNegative = "shape-negative";  // a negative extent
inline constexpr const char* kShapeOverflow = "shape-overflow";  // rows, cols or rows x cols does not fit 62 bits
// The components.
inline constexpr const char* kComponentMissing = "component-missing";  // no data/indices/indptr dataset
inline constexpr const char* kComponentRank = "component-rank";        // a component is not 1-D
inline constexpr const char* kDataType = "data-type";                  // data not integer/float/boolean
inline constexpr const char* kIndexType = "index-type";                // indices/indptr not integer
inline constexpr const char* kIndptrLength = "indptr-length";          // != primary extent + 1
inline constexpr const char* kDataIndicesLength = "data-indices-length";
// The values (streamed).
inline constexpr const char* kIndptrFirst = "indptr-first";        // indptr[0] != 0
inline constexpr const char* kIndptrMonotone = "indptr-monotone";  // indptr decreases somewhere
inline constexpr const char* kIndptrLast = "indptr-last";          // indptr[-1] != len(data)
inline constexpr const char* kIndexRange = "index-range";          // an index outside [0, secondary)
inline constexpr const char* kListedPrimaries = "listed-primaries";  // DCSR/DCSC's listed rows out of order or range
// Safety nets.
inline constexpr const char* kReadError = "read-error";  // HDF5 could not read a component
// Every rule above holds, yet the connector refuses the group: a disagreement between this
// tool and the connector, to be reported as a bug.
inline constexpr const char* kConnectorOpen = "connector-open";

struct Description {
    const char* name;
    const char* text;
};

inline constexpr Description kAll[] = {
    {kShapeMissing, "the convention's shape attribute is missing"},
    {kShapeType, "the shape is not a 1-D integer array"},
    {kShapeSize, "the shape does not have exactly 2 elements"},
    {kShapeNegative, "the shape has a negative extent"},
    {kShapeOverflow, "rows, cols or rows x cols does not fit in 62 bits"},
    {kComponentMissing, "data, indices or indptr is missing or not a dataset"},
    {kComponentRank, "a component is not one-dimensional"},
    {kDataType, "data is not an integer, float or boolean (enum) type"},
    {kIndexType, "indices or indptr is not an integer type"},
    {kIndptrLength, "len(indptr) != primary extent + 1 (rows + 1 for CSR, columns + 1 for CSC)"},
    {kDataIndicesLength, "data and indices have different lengths"},
    {kIndptrFirst, "indptr[0] != 0"},
    {kIndptrMonotone, "indptr decreases somewhere"},
    {kIndptrLast, "indptr[-1] != len(data)"},
    {kIndexRange, "an index lies outside [0, secondary extent)"},
    {kListedPrimaries, "a doubly compressed matrix's listed rows (columns) are not strictly increasing inside the extent"},
    {kReadError, "HDF5 could not read a component"},
    {kConnectorOpen, "every rule holds but the connector refuses the group (a bug: please report it)"},
};

}  // namespace h5sparse::checker::rule
