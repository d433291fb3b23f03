// Shared plumbing of the read tests: opening files through the connector, performing one read
// into a sentinel-filled buffer, and writing a random matrix case (sparse group + dense twin).
#pragma once

#include "support/dense_reference.hpp"
#include "support/h5_handle.hpp"
#include "support/random_matrix.hpp"
#include "support/random_selection.hpp"
#include "support/sparse_writer.hpp"
#include "support/temp_file.hpp"

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace h5sparse_test {

// The connector info string the read tests use (native underneath).
inline constexpr const char* connector_info = "under_vol=0;under_info={}";

// A FAPL with the connector set by h5sparse_vol_set_fapl, and a file opened read-only with it.
H5Handle connector_fapl(const std::string& options = "");
// `options`: more of the info string (say "threads=1"), after the under connector.
H5Handle open_through_connector(const std::string& path, const std::string& options = "");

// Opens `path` in `file`; on failure returns an invalid handle and the HDF5 error text.
// `reports` (optional) receives how many error stacks HDF5 would have printed during the call.
H5Handle try_open_dataset(hid_t file, const std::string& path, std::string* error, int* reports = nullptr);

struct ReadResult {
    herr_t status = -1;
    std::vector<std::byte> buffer;  // the user buffer after the call
    std::string error;              // HDF5 error stack text when status < 0
    int reports = 0;                // error stacks HDF5 would have printed (must be 0 on success)
};

// H5Dread(dset, mem_type, mem, file, H5P_DEFAULT, buf) with buf = copy of `sentinel`.
ReadResult read_selection(hid_t dset, hid_t mem_type, const MemorySpace& mem, const FileSelection& file,
                          std::span<const std::byte> sentinel);

// The same content written by `write` (through a native file id) into two temporary files: one
// for native reads, one for reads through the connector. Never one file both ways at once:
// HDF5 1.14.5 crashes (H5T__vlen_set_loc -> H5F__get_cont_info) when a file that is already
// open natively is opened again through a pass-through connector and a variable-length string
// attribute is opened through it; HDF5's own pass_through connector crashes the same way.
class TwinFiles {
public:
    TwinFiles(std::string_view stem, const std::function<void(hid_t)>& write);
    const std::string& native_path() const { return native_.path(); }
    const std::string& connector_path() const { return connector_.path(); }

private:
    TempFile native_;
    TempFile connector_;
};

// One random matrix: its generation parameters and where it was written.
struct MatrixCase {
    std::uint64_t seed = 0;
    MatrixSpec spec;
    SparseGroupOptions options;  // options.path is the sparse group
    std::string dense_path;      // the dense twin
    unsigned threads = 0;        // the info string's threads= (0: not stated, the machine's cores)
    std::vector<Triplet> entries;
    DenseMatrix reference;
    std::vector<H5Handle> owned_types;  // non-native types referenced by spec/options
    std::string description;            // everything needed to tell cases apart in a message
};

// A seeded case; `index` steers value type, orientation, convention and density so that a run
// of consecutive indices covers every combination (see the definition).
MatrixCase make_matrix_case(std::uint64_t base_seed, int index);

// Writes the sparse group and the dense twin of `c` into an open (native) file.
void write_matrix_case(hid_t file, const MatrixCase& c);

// Memory types to read with: the stored type half of the time, otherwise a conversion.
hid_t random_memory_type(Rng& rng, hid_t stored_type);

}  // namespace h5sparse_test
