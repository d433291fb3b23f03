// Finding the sparse groups of a file: open it natively, visit every group once, and ask the
// connector's own detection (formats/detect.hpp) about each, so that h5sparse-check reports
// exactly the groups that the connector presents as datasets.
#pragma once

#include <string>

#include "check/progress.hpp"
#include "check/report.hpp"

namespace h5sparse::checker {

// Never throws: a file that cannot be read gets FileReport::error.
FileReport check_file(const std::string& file, Progress& progress);

}  // namespace h5sparse::checker
