#include "read/chunk_codec.hpp"

#include <cstring>
#include <memory>
#include <vector>

#ifdef H5SPARSE_HAVE_LIBDEFLATE
#include <libdeflate.h>
#else
#include <zlib.h>
#endif

#include "util/scratch_vector.hpp"

namespace h5sparse {
namespace {

// Larger chunks are left to HDF5: decoded here, each would be a buffer of that size per thread.
constexpr size_t kMaxChunkBytes = size_t{64} << 20;

// HDF5's shuffle stores byte j of every element together; the bytes past the last whole element
// stay where they were (H5Zshuffle.c).
void unshuffle(const unsigned char* src, unsigned char* dst, size_t bytes, size_t element) {
    const size_t n = bytes / element;
    for (size_t j = 0; j < element; ++j) {
        const unsigned char* plane = src + j * n;
        unsigned char* d = dst + j;
        for (size_t i = 0; i < n; ++i) d[i * element] = plane[i];
    }
    std::memcpy(dst + n * element, src + n * element, bytes - n * element);
}

#ifdef H5SPARSE_HAVE_LIBDEFLATE
struct DecompressorDeleter {
    void operator()(libdeflate_decompressor* d) const noexcept { libdeflate_free_decompressor(d); }
};

// HDF5's deflate filter writes zlib streams (compress2).
bool inflate_exactly(const unsigned char* in, size_t in_size, unsigned char* out, size_t out_size) {
    thread_local std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> d(libdeflate_alloc_decompressor());
    if (!d) return false;
    size_t produced = 0;
    return libdeflate_zlib_decompress(d.get(), in, in_size, out, out_size, &produced) == LIBDEFLATE_SUCCESS &&
           produced == out_size;
}
#else
bool inflate_exactly(const unsigned char* in, size_t in_size, unsigned char* out, size_t out_size) {
    uLongf produced = static_cast<uLongf>(out_size);
    return uncompress(out, &produced, in, static_cast<uLong>(in_size)) == Z_OK && produced == out_size;
}
#endif

}  // namespace

std::optional<ChunkCodec> chunk_codec(hid_t dcpl, size_t element_size) {
    ChunkCodec codec;
    hsize_t dims[1] = {0};
    if (H5Pget_layout(dcpl) != H5D_CHUNKED || H5Pget_chunk(dcpl, 1, dims) != 1 || dims[0] == 0 || element_size == 0)
        return std::nullopt;
    if (dims[0] > kMaxChunkBytes / element_size) return std::nullopt;
    codec.chunk_elements = dims[0];
    codec.element_size = element_size;
    codec.chunk_bytes = static_cast<size_t>(dims[0]) * element_size;
    const int n = H5Pget_nfilters(dcpl);
    if (n <= 0) return std::nullopt;  // unfiltered chunks: HDF5 reads them straight into place
    for (int i = 0; i < n; ++i) {
        unsigned flags = 0, values[4] = {0, 0, 0, 0};
        size_t nvalues = 4;
        const H5Z_filter_t id =
            H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &nvalues, values, 0, nullptr, nullptr);
        if (id == H5Z_FILTER_SHUFFLE && codec.shuffle_filter < 0 && codec.deflate_filter < 0) {
            codec.shuffle_filter = i;
            codec.shuffle_element = nvalues >= 1 && values[0] > 0 ? values[0] : element_size;
        } else if (id == H5Z_FILTER_DEFLATE && codec.deflate_filter < 0) {
            codec.deflate_filter = i;
        } else {
            return std::nullopt;  // anything else (and any other order): HDF5's pipeline
        }
    }
    return codec;
}

bool decode_chunk(const ChunkCodec& codec, const unsigned char* raw, size_t raw_size, std::uint32_t filter_mask,
                  unsigned char* out) {
    const bool inflate = codec.deflate_filter >= 0 && !(filter_mask & (1u << codec.deflate_filter));
    const bool shuffled = codec.shuffle_filter >= 0 && !(filter_mask & (1u << codec.shuffle_filter));
    if (!shuffled) {
        if (inflate) return inflate_exactly(raw, raw_size, out, codec.chunk_bytes);
        if (raw_size != codec.chunk_bytes) return false;
        std::memcpy(out, raw, raw_size);
        return true;
    }
    thread_local ScratchBytes shuffled_bytes;
    const unsigned char* planes = raw;
    if (inflate) {
        shuffled_bytes.resize(codec.chunk_bytes);
        if (!inflate_exactly(raw, raw_size, shuffled_bytes.data(), codec.chunk_bytes)) return false;
        planes = shuffled_bytes.data();
    } else if (raw_size != codec.chunk_bytes) {
        return false;
    }
    if (codec.shuffle_element <= 1 || codec.chunk_bytes / codec.shuffle_element <= 1) {  // as HDF5: no shuffle
        std::memcpy(out, planes, codec.chunk_bytes);
    } else {
        unshuffle(planes, out, codec.chunk_bytes, codec.shuffle_element);
    }
    return true;
}

}  // namespace h5sparse
