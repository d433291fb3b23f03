// A recursive link visit (H5Lvisit) of a read-only file, walked in full before its operator
// sees any of it, so that detection answers from the walk.
//
// Listing tools ask, for every group the visit reports, whether it is a matrix, and that needs
// the group's members: one listing of its links below (about 20 K instructions, more than the
// H5Oget_info the tool asked). The visit below lists those very members, but only after the
// operator has returned for the group. Held here first, the links are replayed to the operator
// in the order they came, and while they are, detection on this thread takes a group's member
// names from the walk instead of listing them again. Only files open read-only hold a visit
// (nothing can change between the walk and the replay), and at most kHeldLinks links and
// kHeldNameBytes of their names: past that,
// the held ones are replayed at once and the rest of the visit goes to the operator as it comes.
#pragma once

#include <hdf5.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/under_io.hpp"

namespace h5sparse {

class VisitSnapshot {
public:
    static constexpr size_t kHeldLinks = 16384;  // about 1 MB: a name and 48 bytes each
    // and at most this many bytes of names (HDF5 names each link by its whole path: under a long
    // group name, a few thousand links hold more than the file does)
    static constexpr size_t kHeldNameBytes = size_t{1} << 20;

    // The visit starts at the group with `start` (its file number and token).
    explicit VisitSnapshot(const H5O_info2_t& start);
    ~VisitSnapshot();  // releases the group id kept for the replay
    VisitSnapshot(const VisitSnapshot&) = delete;
    VisitSnapshot& operator=(const VisitSnapshot&) = delete;

    // One link as the connector below reported it (`name` relative to the start; `group` the id
    // it passes the operator). False when kHeldLinks (or kHeldNameBytes) are held: replay them now
    // and go on directly.
    bool hold(hid_t group, const char* name, const H5L_info2_t& info);

    // The held links to `deliver(group, name, info)` in order, until one returns other than
    // H5_ITER_CONT, with this walk's member lists answering detection meanwhile (on this thread).
    // `group`: the id the connector below passes the operator, or after the visit below has
    // finished (and closed it), kept_group().
    template <typename Deliver>
    herr_t replay(hid_t group, Deliver&& deliver) {
        Active active(*this);
        for (const Held& h : held_)
            if (herr_t ret = deliver(group, names_.c_str() + h.name, &h.info); ret != H5_ITER_CONT) return ret;
        return H5_ITER_CONT;
    }
    hid_t kept_group() const { return kept_group_; }

    // The groups whose members may not all have come yet (the latest link's and its parents'):
    // called before replaying a visit stopped at kHeldLinks, so that detection asks below.
    void mark_open_groups_incomplete();

    // For detection: the link listing of the group with `identity` when a visit replaying on this
    // thread walked into it (marked incomplete when it has more than kListedLinks members or
    // some may be still to come: link_exists then asks below); else NULL.
    static std::shared_ptr<UnderLocation::LinkListing> members_of(const H5O_info2_t& identity);

    // A file mounted through the connector (H5Fmount) puts another file's objects, with tokens
    // of that file, into a walk: from then on no visit is held.
    static void note_mount() noexcept;
    static bool mounts_seen() noexcept;

private:
    using Listing = UnderLocation::LinkListing;
    struct Held {
        size_t name;  // offset of its NUL-terminated name in names_
        H5L_info2_t info;
    };
    struct TokenHash {
        size_t operator()(const H5O_token_t& t) const noexcept;
    };
    struct TokenEqual {
        bool operator()(const H5O_token_t& a, const H5O_token_t& b) const noexcept;
    };
    // A group the walk went into: its listing is made when its first member comes (NULL: none
    // came, an empty group, or an object that is not a group).
    using Groups = std::unordered_map<H5O_token_t, std::shared_ptr<Listing>, TokenHash, TokenEqual>;
    // The groups from the start down to the latest link's: the walk is depth first, so a
    // link's parent is on this path.
    struct Open {
        size_t name, length;  // its name in names_ ("" for the start)
        std::shared_ptr<Listing>* members;
    };

    // Registers this snapshot as the one detection consults on this thread, for a replay.
    class Active {
    public:
        explicit Active(const VisitSnapshot& s) : previous_(current_) { current_ = &s; }
        ~Active() { current_ = previous_; }
        Active(const Active&) = delete;
        Active& operator=(const Active&) = delete;

    private:
        const VisitSnapshot* previous_;
    };
    static thread_local const VisitSnapshot* current_;

    unsigned long fileno_;
    bool lost_track_ = false;  // a link whose parent the walk had not gone into
    hid_t kept_group_ = H5I_INVALID_HID;
    std::string names_;  // every held name, one after another (one buffer, not one string each)
    std::vector<Held> held_;
    Groups groups_;
    std::vector<Open> open_;
};

}  // namespace h5sparse
