// Can a group's metadata describe a matrix? The rules on data/indices/indptr that need no
// values: each present, a 1-D dataset, of a usable type, with lengths that agree with the
// shape. A group that breaks one stays a group (it is listed and dumped raw); H5Dopen2 on it
// fails with the rule. Values (indptr order, index ranges) are judged by the reads that use them.
#pragma once

#include <string>

#include "formats/sparse_layout.hpp"
#include "formats/under_io.hpp"

namespace h5sparse {

struct ComponentMetas {
    DatasetMeta data, indices, indptr;
    DatasetMeta listed;  // the listed primaries of a doubly compressed layout (else unused)
};

// Whether the components are MATLAB's empty form: `data` and `indices` both missing where the
// layout allows it (SparseLayout::absent_entries_type).
bool entries_absent(const SparseLayout& layout, const ComponentMetas& components);

// The first rule the components break under `layout` (shape already judged), or "".
std::string component_problem(const SparseLayout& layout, const ComponentMetas& components);

// Reads the components' metadata below the group at `loc` and records the first broken rule
// in layout.metadata_error. Opens three object headers; reads no array.
void judge_components(const UnderLocation& loc, SparseLayout& layout);

}  // namespace h5sparse
