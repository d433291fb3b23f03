// A compressed component read by decoding its chunks ourselves: the stored chunk bytes come
// from the native connector below (its chunk-read optional operation, on the calling thread),
// and are decoded (read/chunk_codec.hpp) by worker threads, ahead of need when the reader has
// said which ranges come next. Every chunk a request touches is decoded once: a few decoded
// chunks are kept, and reads ask in ascending order.
//
// Anything this cannot do (a chunk never written, a chunk that does not decode, a connector
// below that is not native) makes read() return false, and the caller reads through HDF5,
// which is exact and reports any damage in its own words.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "read/chunk_codec.hpp"
#include "util/scratch_vector.hpp"

namespace h5sparse {

class ChunkStream {
public:
    // For a component open below as `under` (not owned): a stream when the connector below is
    // native and the pipeline is one chunk_codec knows, else nullptr. `threads` <= 1: decode on
    // the calling thread, nothing ahead.
    static std::unique_ptr<ChunkStream> open(void* under, hid_t under_vol_id, hid_t dcpl, size_t element_size,
                                             unsigned threads);
    ~ChunkStream();

    // Elements [first, first + count) as stored (the caller has checked the memory type is the
    // stored type) into `out`; false: read them through HDF5 instead.
    bool read(hsize_t first, hsize_t count, unsigned char* out, hid_t dxpl_id);

    // The element ranges (ascending) the next reads will ask for: their chunks are fetched and
    // decoded ahead, at most a bounded number at a time.
    void expect(std::vector<std::pair<hsize_t, hsize_t>> ranges);

private:
    ChunkStream(void* under, hid_t under_vol_id, ChunkCodec codec, unsigned threads);

    struct Decoded {
        bool ok = false;
        ScratchBytes bytes;   // the decoded chunk
        ScratchBytes stored;  // its bytes as stored
    };
    struct Slot {
        std::future<Decoded> pending;
        unsigned generation = 0;  // WorkerPool::generation() when queued
        Decoded done;
        bool ready = false;
    };

    // The decoded chunk, fetched (and its successors queued) when not at hand; nullptr on failure.
    const Decoded* chunk(hsize_t index, hid_t dxpl_id);
    // Chunk `index` as stored; false when it cannot be read so.
    bool read_stored(hsize_t index, ScratchBytes& stored, std::uint32_t& mask, hid_t dxpl_id) const;
    // Decodes job.stored into job.bytes (sized already); any thread: no HDF5 call, no allocation.
    static void decode_into(const ChunkCodec& codec, Decoded& job, std::uint32_t mask);
    // Buffers for a chunk (bytes sized for one), and back to the pool when done.
    Decoded spare();
    static void keep_spare(Decoded d);
    // Reads chunk `index` as stored and queues its decoding for the workers; false when it
    // cannot be read so.
    bool fetch(hsize_t index, hid_t dxpl_id);
    // Queues the expected chunks after `index`, up to the look-ahead budget.
    void look_ahead(hsize_t index, hid_t dxpl_id);
    // The next expected chunk after `after`, or false when none is left.
    bool next_expected(hsize_t after, hsize_t& index);
    // Drops decoded chunks before `index` beyond the few kept.
    void release_before(hsize_t index);

    void* under_;
    hid_t under_vol_id_;
    ChunkCodec codec_;
    unsigned threads_;
    size_t look_ahead_chunks_;
    std::map<hsize_t, Slot> slots_;
    std::vector<std::pair<hsize_t, hsize_t>> expected_;  // element ranges still to come
    size_t expected_at_ = 0;
};

}  // namespace h5sparse
