// Decoding a component's stored chunks without HDF5's filter pipeline: the filters this code
// knows (deflate, and shuffle before it), decoded with libdeflate (zlib when the build has no
// libdeflate), in any thread. What a pipeline holds is read from the dataset creation
// properties by the caller's thread; decode_chunk itself calls no HDF5 function.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace h5sparse {

struct ChunkCodec {
    hsize_t chunk_elements = 0;
    size_t element_size = 0;
    size_t chunk_bytes = 0;        // decoded size of every stored chunk (edge chunks are full)
    int shuffle_filter = -1;       // position in the pipeline (bit of the chunk's filter mask), or -1
    size_t shuffle_element = 0;    // the shuffle's element size (its first client value)
    int deflate_filter = -1;
};

// The codec for a 1-D chunked dataset's creation properties, when every filter in its pipeline
// is one decode_chunk knows, in an order it undoes, and its chunks are of a sane size (the
// caller then reads through HDF5 instead).
std::optional<ChunkCodec> chunk_codec(hid_t dcpl, size_t element_size);

// Decodes one stored chunk (`raw`, as the file holds it; `filter_mask` says which filters were
// skipped for it) into `out` (codec.chunk_bytes). False when the bytes do not decode to exactly
// one chunk: the caller reads through HDF5, which reports the damage in its own words.
bool decode_chunk(const ChunkCodec& codec, const unsigned char* raw, size_t raw_size, std::uint32_t filter_mask,
                  unsigned char* out);

}  // namespace h5sparse
