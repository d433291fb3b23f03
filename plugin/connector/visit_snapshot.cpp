#include "connector/visit_snapshot.hpp"

#include <atomic>
#include <cstdint>
#include <cstring>

#include "util/error_stack_guard.hpp"

namespace h5sparse {
namespace {

std::atomic<bool> mounted{false};

// Members of a group the walk saw none of: listed, complete, empty.
const std::shared_ptr<UnderLocation::LinkListing>& no_members() {
    static const auto* empty = new std::shared_ptr<UnderLocation::LinkListing>(
        std::make_shared<UnderLocation::LinkListing>(UnderLocation::LinkListing{true, true, {}}));
    return *empty;
}

}  // namespace

thread_local const VisitSnapshot* VisitSnapshot::current_ = nullptr;

size_t VisitSnapshot::TokenHash::operator()(const H5O_token_t& t) const noexcept {
    static_assert(sizeof t == 16, "a token is 16 bytes (H5O_MAX_TOKEN_SIZE)");
    uint64_t half[2];
    std::memcpy(half, &t, sizeof half);
    return static_cast<size_t>(half[0] * 0x9E3779B97F4A7C15ull ^ half[1]);
}

bool VisitSnapshot::TokenEqual::operator()(const H5O_token_t& a, const H5O_token_t& b) const noexcept {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

VisitSnapshot::VisitSnapshot(const H5O_info2_t& start) : fileno_(start.fileno) {
    held_.reserve(32);
    // The start counts as walked: HDF5 never walks it again when a link leads back to it.
    auto& members = groups_.emplace(start.token, nullptr).first->second;
    open_.push_back({0, 0, &members});
}

VisitSnapshot::~VisitSnapshot() {
    if (kept_group_ < 0) return;
    ErrorStackGuard keep;  // an operator's failure in the replay stays on the stack
    H5Idec_ref(kept_group_);
}

bool VisitSnapshot::hold(hid_t group, const char* name, const H5L_info2_t& info) {
    const size_t length = std::strlen(name);
    if (held_.size() == kHeldLinks || names_.size() + length + 1 > kHeldNameBytes) return false;
    if (kept_group_ < 0) {
        // The connector below closes its id when its visit ends; the replay comes after.
        ErrorStackGuard keep;
        if (H5Iinc_ref(group) < 0) return false;
        kept_group_ = group;
    }
    const size_t at = names_.size();
    names_.append(name, length + 1);
    held_.push_back({at, info});
    // Its parent: the deepest open group whose name (plus '/') begins this one.
    const char* slash = std::strrchr(name, '/');
    const size_t parent_length = slash ? static_cast<size_t>(slash - name) : 0;
    auto is_parent = [&](const Open& g) {
        return g.length == parent_length && std::memcmp(names_.data() + g.name, name, parent_length) == 0;
    };
    while (open_.size() > 1 && !is_parent(open_.back())) open_.pop_back();
    if (!is_parent(open_.back())) {
        // Not the walk we know (HDF5 reports a group's members right after it): the member lists
        // may miss names, so none of them answers detection.
        lost_track_ = true;
    } else {
        std::shared_ptr<Listing>& members = *open_.back().members;
        if (!members) {
            members = std::make_shared<Listing>();
            members->listed = members->complete = true;
        }
        // As list_links: a group of more than kListedLinks is asked member by member.
        if (members->names.size() < kListedLinks) members->names.emplace_back(slash ? slash + 1 : name);
        else members->complete = false;
    }
    // A group is walked into at its first hard link only; a link to one seen before is not.
    if (info.type == H5L_TYPE_HARD)
        if (auto [it, first] = groups_.emplace(info.u.token, nullptr); first)
            open_.push_back({at, length, &it->second});
    return true;
}

void VisitSnapshot::mark_open_groups_incomplete() {
    for (const Open& group : open_) {
        std::shared_ptr<Listing>& members = *group.members;
        if (!members) members = std::make_shared<Listing>();
        members->listed = true;
        members->complete = false;
    }
}

std::shared_ptr<UnderLocation::LinkListing> VisitSnapshot::members_of(const H5O_info2_t& identity) {
    if (!current_ || current_->lost_track_ || identity.fileno != current_->fileno_) return nullptr;
    auto found = current_->groups_.find(identity.token);
    if (found == current_->groups_.end()) return nullptr;
    return found->second ? found->second : no_members();
}

void VisitSnapshot::note_mount() noexcept { mounted = true; }
bool VisitSnapshot::mounts_seen() noexcept { return mounted; }

}  // namespace h5sparse
