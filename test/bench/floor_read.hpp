// The floor: the least work a reader of a CSR/CSC group can do to produce a dense selection,
// written as tight C++ on the native HDF5 API, independently of the connector's code.
//
// Strategy (per request, nothing cached between requests):
//  - indptr: one read per cluster of nearby selected primaries (one read in all of our cases);
//  - indices and data: one read each per range of stored entries of the selected primaries,
//    ranges closer than kMergeGap entries merged, bounded pieces of kPieceEntries;
//  - zero-fill the result (memset), then scatter (+=, so duplicates sum like scipy); a window
//    narrower than the secondary extent is found by binary search: the floor may assume sorted
//    indices because the benchmark's files are written sorted (the connector must check).
// Index and value arrays are read in their stored types (no HDF5 conversion). No chunk cache on
// unfiltered components (partial chunks go straight into our buffers); a small one on filtered
// components so a chunk split between two pieces is inflated once.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <memory>
#include <string>

#include "bench_case.hpp"

namespace h5sparse_bench {

class FloorReader {
public:
    // Opens the components of the sparse group `group_path` of `file`, a rows x cols matrix
    // (anndata's encoding-type attribute or the 10x `shape` dataset tell the orientation).
    FloorReader(hid_t file, const std::string& group_path, ValueKind value, std::int64_t rows, std::int64_t cols);
    ~FloorReader();
    FloorReader(const FloorReader&) = delete;
    FloorReader& operator=(const FloorReader&) = delete;

    // Writes the selection's dense result (row-major, as H5Dread would) into `out`.
    void read(const MatrixSelection& sel, void* out);

    class Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace h5sparse_bench
