// Variable-length marker strings whose length rules them out are not fetched.
//
// Checking a marker (is encoding-type "csr_matrix"?) means reading a variable-length string,
// which HDF5 fetches from a global heap collection; in h5py-written files that collection is
// shared with thousands of other strings (obs/_index, var/_index), and it is read and parsed
// whole: most of what listing an .h5ad through the connector cost. The string's length is
// stored in the attribute itself, and HDF5 passes it to the file's blob_get (this connector's)
// before touching the heap. While a BlobSizeFilter is alive on a thread, blob_get fills blobs of
// a size outside [min, max] with zeros instead of reading them: a value that cannot be accepted
// need not be known.
#pragma once

#include <cstddef>

namespace h5sparse {

class BlobSizeFilter {
public:
    BlobSizeFilter(std::size_t min_size, std::size_t max_size) noexcept
        : min_(min_size), max_(max_size), outer_(current()) {
        current() = this;
    }
    ~BlobSizeFilter() { current() = outer_; }
    BlobSizeFilter(const BlobSizeFilter&) = delete;
    BlobSizeFilter& operator=(const BlobSizeFilter&) = delete;

    // For blob_get: may a blob of `size` bytes be left unread (zero-filled)?
    static bool skips(std::size_t size) noexcept {
        const BlobSizeFilter* f = current();
        return f && (size < f->min_ || size > f->max_);
    }

private:
    static const BlobSizeFilter*& current() noexcept {
        thread_local const BlobSizeFilter* filter = nullptr;
        return filter;
    }
    std::size_t min_, max_;
    const BlobSizeFilter* outer_;
};

}  // namespace h5sparse
