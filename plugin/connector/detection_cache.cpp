#include "connector/detection_cache.hpp"

#include <array>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "util/error_stack_guard.hpp"

namespace h5sparse::detection_cache {
namespace {

using TokenBytes = std::array<unsigned char, H5O_MAX_TOKEN_SIZE>;
using Key = std::pair<TokenBytes, unsigned>;  // (token, conventions)

struct CachedFile {
    int opens = 0;  // file ids open on this file number
    std::map<Key, std::optional<SparseLayout>> answers;
    std::set<Key> without_matrix;
};

struct State {
    std::mutex mutex;
    std::map<unsigned long, CachedFile> files;  // by file number
};

State& state() {
    static State* s = new State;  // never destroyed: callbacks may run during process exit
    return *s;
}

Key key_of(const H5O_info2_t& identity, unsigned conventions) {
    TokenBytes bytes{};
    std::memcpy(bytes.data(), &identity.token, sizeof(identity.token));
    return {bytes, conventions};
}

// The file number and whether it may be cached (read-only, not a SWMR reader).
std::optional<unsigned long> cacheable_fileno(void* under_file, hid_t under_vol_id, hid_t dxpl_id) {
    ErrorStackGuard keep;  // a connector below without these answers simply is not cached
    unsigned intent = 0;
    H5VL_file_get_args_t args{};
    args.op_type = H5VL_FILE_GET_INTENT;
    args.args.get_intent.flags = &intent;
    if (H5VLfile_get(under_file, under_vol_id, &args, dxpl_id, nullptr) < 0) return std::nullopt;
    if (intent & (H5F_ACC_RDWR | H5F_ACC_SWMR_READ)) return std::nullopt;
    unsigned long fileno = 0;
    args = {};
    args.op_type = H5VL_FILE_GET_FILENO;
    args.args.get_fileno.fileno = &fileno;
    if (H5VLfile_get(under_file, under_vol_id, &args, dxpl_id, nullptr) < 0) return std::nullopt;
    return fileno;
}

}  // namespace

bool file_opened(void* under_file, hid_t under_vol_id, hid_t dxpl_id) noexcept {
    try {
        auto fileno = cacheable_fileno(under_file, under_vol_id, dxpl_id);
        if (!fileno) return false;
        std::lock_guard<std::mutex> lock(state().mutex);
        ++state().files[*fileno].opens;
        return true;
    } catch (...) {
        return false;  // out of memory: the file is just not cached
    }
}

void file_closing(void* under_file, hid_t under_vol_id, hid_t dxpl_id) noexcept {
    try {
        auto fileno = cacheable_fileno(under_file, under_vol_id, dxpl_id);
        if (!fileno) return;
        std::lock_guard<std::mutex> lock(state().mutex);
        auto it = state().files.find(*fileno);
        if (it != state().files.end() && --it->second.opens <= 0) state().files.erase(it);
    } catch (...) {
    }
}

bool active() noexcept {
    std::lock_guard<std::mutex> lock(state().mutex);
    return !state().files.empty();
}

bool caches(unsigned long fileno) noexcept {
    std::lock_guard<std::mutex> lock(state().mutex);
    return state().files.count(fileno) > 0;
}

std::optional<std::optional<SparseLayout>> find(const H5O_info2_t& identity, unsigned conventions) {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto file = state().files.find(identity.fileno);
    if (file == state().files.end()) return std::nullopt;
    auto hit = file->second.answers.find(key_of(identity, conventions));
    if (hit == file->second.answers.end()) return std::nullopt;
    return hit->second;
}

void remember(const H5O_info2_t& identity, unsigned conventions, const std::optional<SparseLayout>& answer) {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto file = state().files.find(identity.fileno);
    if (file != state().files.end()) file->second.answers.insert_or_assign(key_of(identity, conventions), answer);
}

bool knows(const H5O_info2_t& identity, unsigned conventions) {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto file = state().files.find(identity.fileno);
    return file != state().files.end() && file->second.answers.count(key_of(identity, conventions)) > 0;
}

bool known_without_matrix(const H5O_info2_t& identity, unsigned conventions) {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto file = state().files.find(identity.fileno);
    return file != state().files.end() && file->second.without_matrix.count(key_of(identity, conventions)) > 0;
}

void remember_without_matrix(const H5O_info2_t& identity, unsigned conventions) {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto file = state().files.find(identity.fileno);
    if (file != state().files.end()) file->second.without_matrix.insert(key_of(identity, conventions));
}

}  // namespace h5sparse::detection_cache
