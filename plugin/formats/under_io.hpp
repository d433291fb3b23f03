// Small reads through the connector below: attributes and tiny datasets of a group, addressed by
// name relative to a location. Detection and validation use these; they never open anything
// through the public API of our own connector.
#pragma once

#include <hdf5.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace h5sparse {

struct UnderLocation {
    void* object;            // the under object the location is relative to
    H5I_type_t obj_type;     // what `object` is below (file, group, ...): native casts by it
    hid_t vol_id;            // the under connector
    std::string path;        // "" = the object itself
    hid_t dxpl_id = H5P_DATASET_XFER_DEFAULT;
    // The object's attribute names, when listed once to answer several existence questions
    // (detection asks about one marker per convention); NULL: attribute_exists asks below.
    std::shared_ptr<const std::vector<std::string>> attribute_names;
    // Its link names, listed by the first link_exists that needs them (detection asks about
    // several members, and most groups settle on an attribute first); NULL: it asks below.
    struct LinkListing {
        bool listed = false;
        bool complete = false;  // false: the listing failed or the group has too many links
        std::vector<std::string> names;
    };
    std::shared_ptr<LinkListing> links;

    H5VL_loc_params_t self() const;          // BY_SELF of `object`
    H5VL_loc_params_t self_or_name() const;  // BY_SELF or BY_NAME(path)
    // `name` below this location; an absolute path stays itself (cooler's row pointers).
    std::string child(const char* name) const { return path.empty() || name[0] == '/' ? name : path + "/" + name; }
};

// The object at `loc`: H5O_INFO_BASIC (type, file number, token); nullopt when it does not exist.
std::optional<H5O_info2_t> object_info(const UnderLocation& loc);

// The object's path in its file ("/matrix"), or "(unnamed)" when it has none we can learn.
std::string object_name(const UnderLocation& loc);

bool attribute_exists(const UnderLocation& loc, const char* name);
// `loc` with its attribute names listed (one iteration below), or unchanged when they are listed
// already or cannot be. The iteration needs the VOL wrap context of an API call entered through
// a connector: a program calling detection directly, outside any API call (h5sparse-check), lists
// them itself with H5Aiterate2 (HDF5 2.x leaves the object open when the native iteration has no
// wrap context, and its file can then never close).
UnderLocation with_attribute_names(const UnderLocation& loc);
// `loc` answering link_exists from one listing of its links, made on the first question, when it
// has at most kListedLinks (every sparse group of every convention has fewer; a bigger group is
// asked member by member). The listing needs an API call's wrap context, as with_attribute_names.
inline constexpr size_t kListedLinks = 32;
UnderLocation with_link_names(const UnderLocation& loc);
bool link_exists(const UnderLocation& loc, const char* name);

// A string attribute (vlen or fixed, ASCII or UTF-8, scalar or 1-element array), trailing NULs
// and spaces trimmed; nullopt when it is not a single string. A variable-length value whose
// stored size is outside `plausible_bytes` may come back empty instead of being fetched
// (util/blob_size_filter.hpp).
struct ByteRange {
    size_t min = 0;
    size_t max = static_cast<size_t>(-1);
};
std::optional<std::string> read_string_attribute(const UnderLocation& loc, const char* name,
                                                 ByteRange plausible_bytes = {});
// The same for a dataset holding one string (EpetraExt's __type__).
std::optional<std::string> read_string_dataset(const UnderLocation& loc, const char* name, ByteRange plausible_bytes = {});

// An attribute holding one object reference of HDF5's first kind (H5T_STD_REF_OBJ: h5py's
// `ref` dtype, which hickle writes), as the token of the object it names; nullopt when the
// attribute is missing or holds something else. The address a reference holds becomes a token
// the way the native connector makes one; below another connector the token names nothing, and
// comparisons with it (same_object) fail.
std::optional<H5O_token_t> read_object_reference_attribute(const UnderLocation& loc, const char* name);
// The same attribute of the object `object` names in loc's file (opened by token, then closed).
std::optional<H5O_token_t> read_object_reference_attribute(const UnderLocation& loc, const H5O_token_t& object,
                                                           const char* name);
// Whether two tokens of loc's file name the same object (the connector below compares them).
bool same_object(const UnderLocation& loc, const H5O_token_t& a, const H5O_token_t& b);

// What a member's metadata says, from its object header alone (no data is read).
struct DatasetMeta {
    enum class Status { kMissing, kNotDataset, kDataset };
    Status status = Status::kMissing;
    H5T_class_t type_class = H5T_NO_CLASS;
    size_t type_size = 0;
    bool is_unsigned = false;
    bool is_complex = false;  // a {real, imag} compound of floats (util/complex_type.hpp)
    int rank = -1;
    hsize_t length = 0;  // the first extent (the length of a 1-D dataset)
    hsize_t width = 0;   // the second extent of a 2-D dataset
    bool column = false;  // an (n, 1) array
};
DatasetMeta dataset_meta(const UnderLocation& loc, const char* name);
// The description of a dataset from its type and dataspace.
DatasetMeta describe_dataset(hid_t type, hid_t space);

// A 1-D integer array of at most `max_elements` values from an attribute or a dataset, as
// long double so that both signed and unsigned 64-bit values keep their sign and magnitude.
// Throws with a description of what is wrong (not integer, wrong rank, too many values).
std::vector<long double> read_integer_attribute(const UnderLocation& loc, const char* name, size_t max_elements);
// `meta`, when given, receives the dataset's description (one open for both).
std::vector<long double> read_integer_dataset(const UnderLocation& loc, const char* name, size_t max_elements,
                                              DatasetMeta* meta = nullptr);
// A dataset holding one number, integer or floating point (binsparse's fill_value), as long
// double. Throws with a description of what is wrong (not a number, not one element).
long double read_single_number(const UnderLocation& loc, const char* name);

}  // namespace h5sparse
