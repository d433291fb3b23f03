#include "read/chunk_stream.hpp"

#include <H5VLnative.h>

#include <algorithm>
#include <cstring>

#include "util/buffer_pool.hpp"
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
                       ScratchBytes& raw, std::uint32_t& mask, hid_t dxpl_id) {
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

// Queued decodings own their buffers (dropping their futures is safe); decoded ones go back to
// the pool.
ChunkStream::~ChunkStream() {
    for (auto& [index, slot] : slots_)
        if (slot.ready) keep_spare(std::move(slot.done));
}

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
    // Queued by a parent process before fork(): no worker here will ever decode it.
    if (it != slots_.end() && !it->second.ready && it->second.generation != WorkerPool::generation()) {
        slots_.erase(it);
        it = slots_.end();
    }
    if (it == slots_.end()) {
        // Needed now and not queued: its stored bytes are read, the chunks expected next are
        // handed to the workers, and this one is decoded here meanwhile. A read of one chunk
        // never waits on a worker.
        Decoded job = spare();
        std::uint32_t mask = 0;
        if (!read_stored(index, job.stored, mask, dxpl_id)) {
            keep_spare(std::move(job));
            return nullptr;
        }
        look_ahead(index, dxpl_id);
        decode_into(codec_, job, mask);
        it = slots_.emplace(index, Slot{}).first;
        it->second.done = std::move(job);
        it->second.ready = true;
    } else {
        look_ahead(index, dxpl_id);  // the workers decode the next ones while we wait for this one
    }
    Slot& slot = it->second;
    if (!slot.ready) {
        slot.done = slot.pending.get();
        slot.ready = true;
    }
    release_before(index);
    return slot.done.ok ? &slot.done : nullptr;
}

bool ChunkStream::read_stored(hsize_t index, ScratchBytes& stored, std::uint32_t& mask,
                              hid_t dxpl_id) const {
    // Deflate expands incompressible data by a few bytes per 16 KiB block: a stored chunk much
    // larger than its decoded size is not one we can decode, whatever the file says.
    const size_t max_stored = codec_.chunk_bytes + codec_.chunk_bytes / 16 + 4096;
    return read_stored_chunk(under_, under_vol_id_, codec_, index, max_stored, stored, mask, dxpl_id);
}

void ChunkStream::decode_into(const ChunkCodec& codec, Decoded& job, std::uint32_t mask) {
    try {
        job.ok = job.bytes.size() == codec.chunk_bytes &&
                 decode_chunk(codec, job.stored.data(), job.stored.size(), mask, job.bytes.data());
    } catch (...) {  // out of memory for the shuffle's scratch: HDF5 gets its turn
        job.ok = false;
    }
}

bool ChunkStream::fetch(hsize_t index, hid_t dxpl_id) {
    auto job = std::make_shared<Decoded>(spare());
    std::uint32_t mask = 0;
    if (!read_stored(index, job->stored, mask, dxpl_id)) {
        keep_spare(std::move(*job));
        return false;
    }
    Slot& slot = slots_[index];
    slot.generation = WorkerPool::generation();
    slot.pending = WorkerPool::shared(threads_).submit<Decoded>([job, mask, codec = codec_]() {
        decode_into(codec, *job, mask);
        return std::move(*job);
    });
    return true;
}

// Buffers come from the process's pool (util/buffer_pool.hpp) and go back to it: a decoded
// chunk's memory serves the next chunk, the next read and the next file.
ChunkStream::Decoded ChunkStream::spare() {
    Decoded d;
    d.bytes = BufferPool::take(codec_.chunk_bytes);
    d.stored = BufferPool::take(0);
    return d;
}

void ChunkStream::keep_spare(Decoded d) {
    BufferPool::give(std::move(d.bytes));
    BufferPool::give(std::move(d.stored));
}

void ChunkStream::look_ahead(hsize_t index, hid_t dxpl_id) {
    if (look_ahead_chunks_ == 0) return;
    size_t queued = static_cast<size_t>(std::distance(slots_.upper_bound(index), slots_.end()));
    hsize_t last = slots_.empty() ? index : std::max(index, slots_.rbegin()->first);
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
    for (auto it = slots_.begin(); it != keep_from; ++it)
        if (it->second.ready) keep_spare(std::move(it->second.done));
    slots_.erase(slots_.begin(), keep_from);
}

}  // namespace h5sparse
