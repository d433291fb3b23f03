#include "read/chunk_stream.hpp"

#include <H5VLnative.h>

#include <algorithm>
#include <cstring>

#include "util/error_stack_guard.hpp"
#include "util/worker_pool.hpp"

namespace h5sparse {
namespace {

// Decoded chunks queued ahead of the one being read: this many bytes' worth per stream, at most
// four per thread (enough to keep the workers busy while this thread reads stored bytes).
constexpr size_t kLookAheadBytes = size_t{16} << 20;

// HDF5 2.x added the buffer's size to the chunk-read arguments; 1.14 has no such field.
template <typename Args>
void set_buffer_size(Args& args, size_t* size) {
    if constexpr (requires { args.buf_size = size; }) args.buf_size = size;
}

// The stored bytes of chunk `index` (never larger than `max_bytes`) and its filter mask, through
// the native connector's optional operations; false when the chunk was never written or the
// connector refuses (its error lines are not kept: the caller reads through HDF5 instead).
bool read_stored_chunk(void* under, hid_t vol, const ChunkCodec& codec, hsize_t index, size_t max_bytes,
                       std::vector<unsigned char>& raw, std::uint32_t& mask, hid_t dxpl_id) {
    ErrorStackGuard keep;
    hsize_t offset = index * codec.chunk_elements;
    unsigned filter_mask = 0;
    haddr_t address = HADDR_UNDEF;
    hsize_t stored = 0;
    H5VL_native_dataset_optional_args_t native{};
    native.get_chunk_info_by_coord.offset = &offset;
    native.get_chunk_info_by_coord.filter_mask = &filter_mask;
    native.get_chunk_info_by_coord.addr = &address;
    native.get_chunk_info_by_coord.size = &stored;
    H5VL_optional_args_t args{H5VL_NATIVE_DATASET_GET_CHUNK_INFO_BY_COORD, &native};
    if (H5VLdataset_optional(under, vol, &args, dxpl_id, nullptr) < 0) return false;
    if (address == HADDR_UNDEF || stored == 0 || stored > max_bytes) return false;
    raw.resize(static_cast<size_t>(stored));
    size_t buffer_size = raw.size();
    native = {};
    native.chunk_read.offset = &offset;
    native.chunk_read.filters = 0;
    native.chunk_read.buf = raw.data();
    set_buffer_size(native.chunk_read, &buffer_size);
    args = {H5VL_NATIVE_DATASET_CHUNK_READ, &native};
    if (H5VLdataset_optional(under, vol, &args, dxpl_id, nullptr) < 0) return false;
    mask = native.chunk_read.filters;
    return true;
}

}  // namespace

std::unique_ptr<ChunkStream> ChunkStream::open(void* under, hid_t under_vol_id, hid_t dcpl, size_t element_size,
                                               unsigned threads) {
    H5VL_class_value_t value = -1;
    if (H5VLget_value(under_vol_id, &value) < 0 || value != H5_VOL_NATIVE) return nullptr;
    std::optional<ChunkCodec> codec = chunk_codec(dcpl, element_size);
    if (!codec) return nullptr;
    return std::unique_ptr<ChunkStream>(new ChunkStream(under, under_vol_id, *codec, threads));
}

ChunkStream::ChunkStream(void* under, hid_t under_vol_id, ChunkCodec codec, unsigned threads)
    : under_(under), under_vol_id_(under_vol_id), codec_(codec), threads_(threads),
      look_ahead_chunks_(threads <= 1 ? 0
                                      : std::clamp<size_t>(kLookAheadBytes / codec.chunk_bytes, 1,
                                                           size_t{4} * threads)) {}

// Queued decodings hold their own copies of what they need: dropping their futures is safe.
ChunkStream::~ChunkStream() = default;

bool ChunkStream::read(hsize_t first, hsize_t count, unsigned char* out, hid_t dxpl_id) {
    if (count == 0) return true;
    const hsize_t per_chunk = codec_.chunk_elements;
    const size_t size = codec_.element_size;
    for (hsize_t c = first / per_chunk; c <= (first + count - 1) / per_chunk; ++c) {
        const Decoded* decoded = chunk(c, dxpl_id);
        if (!decoded) return false;
        const hsize_t lo = std::max(first, c * per_chunk), hi = std::min(first + count, (c + 1) * per_chunk);
        std::memcpy(out + (lo - first) * size, decoded->bytes.data() + (lo - c * per_chunk) * size,
                    static_cast<size_t>(hi - lo) * size);
    }
    return true;
}

void ChunkStream::expect(std::vector<std::pair<hsize_t, hsize_t>> ranges) {
    expected_ = std::move(ranges);
    expected_at_ = 0;
}

const ChunkStream::Decoded* ChunkStream::chunk(hsize_t index, hid_t dxpl_id) {
    auto it = slots_.find(index);
    if (it == slots_.end()) {
        if (!fetch(index, dxpl_id)) return nullptr;
        it = slots_.find(index);
    }
    look_ahead(index, dxpl_id);  // the workers decode the next ones while we wait for this one
    Slot& slot = it->second;
    if (!slot.ready) {
        slot.done = slot.pending.get();
        slot.ready = true;
    }
    release_before(index);
    return slot.done.ok ? &slot.done : nullptr;
}

bool ChunkStream::fetch(hsize_t index, hid_t dxpl_id) {
    // Deflate expands incompressible data by a few bytes per 16 KiB block: a stored chunk much
    // larger than its decoded size is not one we can decode, whatever the file says.
    const size_t max_stored = codec_.chunk_bytes + codec_.chunk_bytes / 16 + 4096;
    auto raw = std::make_shared<std::vector<unsigned char>>();
    std::uint32_t mask = 0;
    if (!read_stored_chunk(under_, under_vol_id_, codec_, index, max_stored, *raw, mask, dxpl_id)) return false;
    auto decode = [raw, mask, codec = codec_]() {
        Decoded d;
        try {
            d.bytes.resize(codec.chunk_bytes);
            d.ok = decode_chunk(codec, raw->data(), raw->size(), mask, d.bytes.data());
        } catch (...) {  // out of memory: HDF5 gets its turn
            d.ok = false;
        }
        if (!d.ok) d.bytes = {};
        return d;
    };
    Slot& slot = slots_[index];
    if (threads_ <= 1) {
        slot.done = decode();
        slot.ready = true;
    } else {
        slot.pending = WorkerPool::shared(threads_).submit<Decoded>(std::move(decode));
    }
    return true;
}

void ChunkStream::look_ahead(hsize_t index, hid_t dxpl_id) {
    if (look_ahead_chunks_ == 0) return;
    size_t queued = static_cast<size_t>(std::distance(slots_.upper_bound(index), slots_.end()));
    hsize_t last = slots_.rbegin()->first;
    hsize_t next = 0;
    while (queued < look_ahead_chunks_ && next_expected(std::max(last, index), next)) {
        if (!fetch(next, dxpl_id)) return;  // read on demand later (and fall back then)
        last = next;
        ++queued;
    }
}

bool ChunkStream::next_expected(hsize_t after, hsize_t& index) {
    const hsize_t per_chunk = codec_.chunk_elements;
    while (expected_at_ < expected_.size()) {
        const auto [first, last] = expected_[expected_at_];
        if (last <= first || (last - 1) / per_chunk <= after) {
            ++expected_at_;
            continue;
        }
        index = std::max(first / per_chunk, after + 1);
        return true;
    }
    return false;
}

void ChunkStream::release_before(hsize_t index) {
    // Keep the chunk just before: the next read may start where the last one ended.
    auto keep_from = slots_.lower_bound(index);
    if (keep_from != slots_.begin()) --keep_from;
    slots_.erase(slots_.begin(), keep_from);
}

}  // namespace h5sparse
