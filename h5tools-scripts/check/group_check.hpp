// Judging one sparse group that the connector's detection recognised: every rule of issue 3,
// in the connector's order, plus the deep scan of indptr and indices, and finally the
// connector's own verdict (does h5sparse open this group as a dataset?).
#pragma once

#include <hdf5.h>

#include <string>

#include "check/progress.hpp"
#include "check/report.hpp"
#include "formats/sparse_layout.hpp"

namespace h5sparse::checker {

// `group` is the group opened natively; `layout` is what detect_sparse_group found for it;
// `file` only labels the progress line. Never throws: a read failure becomes a read-error problem.
GroupReport check_group(hid_t group, const std::string& path, const SparseLayout& layout, const std::string& file,
                        Progress& progress);

}  // namespace h5sparse::checker
