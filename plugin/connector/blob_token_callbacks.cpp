// Blob (vlen/reference storage) and token callbacks: plain forwarding, except marker strings
// that detection need not read (util/blob_size_filter.hpp). Tokens of a virtual dataset are its
// group's, so references and H5Oopen_by_token round-trip; the root's /matrix has a token of its
// own (connector/root_matrix.hpp), written as the root's followed by "/matrix".
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "util/blob_size_filter.hpp"
#include "util/error.hpp"

namespace h5sparse {
namespace {

herr_t blob_put(void* obj, const void* buf, size_t size, void* blob_id, void* ctx) {
    Object* o = as_object(obj);
    check(H5VLblob_put(o->under, o->under_vol_id, buf, size, blob_id, ctx), H5E_VOL, H5E_CANTPUT,
          "blob put failed below");
    return 0;
}

herr_t blob_get(void* obj, const void* blob_id, void* buf, size_t size, void* ctx) {
    Object* o = as_object(obj);
    if (BlobSizeFilter::skips(size)) {  // a marker of a length no accepted value has
        std::memset(buf, 0, size);
        return 0;
    }
    check(H5VLblob_get(o->under, o->under_vol_id, blob_id, buf, size, ctx), H5E_VOL, H5E_CANTGET,
          "blob get failed below");
    return 0;
}

herr_t blob_specific(void* obj, void* blob_id, H5VL_blob_specific_args_t* args) {
    Object* o = as_object(obj);
    check(H5VLblob_specific(o->under, o->under_vol_id, blob_id, args), H5E_VOL, H5E_CANTOPERATE,
          "blob operation failed below");
    return 0;
}

herr_t blob_optional(void* obj, void* blob_id, H5VL_optional_args_t* args) {
    Object* o = as_object(obj);
    check(H5VLblob_optional(o->under, o->under_vol_id, blob_id, args), H5E_VOL, H5E_CANTOPERATE,
          "blob optional operation failed below");
    return 0;
}

herr_t token_cmp(void* obj, const H5O_token_t* token1, const H5O_token_t* token2, int* cmp_value) {
    Object* o = as_object(obj);
    check(H5VLtoken_cmp(o->under, o->under_vol_id, token1, token2, cmp_value), H5E_VOL, H5E_CANTCOMPARE,
          "token compare failed below");
    return 0;
}

// /matrix's token (connector/root_matrix.hpp) reads as the root's with this after it.
constexpr std::string_view kRootMatrixSuffix = "/matrix";

herr_t token_to_str(void* obj, H5I_type_t obj_type, const H5O_token_t* token, char** token_str) {
    Object* o = as_object(obj);
    const std::optional<H5O_token_t> root_token = unmarked_token(*token);
    H5VL_loc_params_t by_token{};
    by_token.type = H5VL_OBJECT_BY_TOKEN;
    by_token.obj_type = under_type(o, obj_type);
    by_token.loc_data.loc_by_token.token = const_cast<H5O_token_t*>(token);
    const bool root_matrix = root_token && root_matrix_at(o, by_token, H5P_DATASET_XFER_DEFAULT);
    check(H5VLtoken_to_str(o->under, under_type(o, obj_type), o->under_vol_id, root_matrix ? &*root_token : token,
                           token_str),
          H5E_VOL, H5E_CANTSERIALIZE, "token serialisation failed below");
    if (root_matrix) {
        const std::string text = std::string(*token_str) + std::string(kRootMatrixSuffix);
        H5free_memory(*token_str);  // the connector below allocated it with HDF5's allocator
        *token_str = static_cast<char*>(H5allocate_memory(text.size() + 1, false));
        if (!*token_str) fail(H5E_VOL, H5E_CANTALLOC, "cannot allocate a token string");
        std::memcpy(*token_str, text.c_str(), text.size() + 1);
    }
    return 0;
}

herr_t token_from_str(void* obj, H5I_type_t obj_type, const char* token_str, H5O_token_t* token) {
    Object* o = as_object(obj);
    std::string_view text(token_str);
    const bool root_matrix = text.size() > kRootMatrixSuffix.size() &&
                             text.substr(text.size() - kRootMatrixSuffix.size()) == kRootMatrixSuffix;
    const std::string under_text(root_matrix ? text.substr(0, text.size() - kRootMatrixSuffix.size()) : text);
    check(H5VLtoken_from_str(o->under, under_type(o, obj_type), o->under_vol_id, under_text.c_str(), token), H5E_VOL,
          H5E_CANTUNSERIALIZE, "token deserialisation failed below");
    if (root_matrix) *token = marked_token(*token);
    return 0;
}

}  // namespace

const H5VL_blob_class_t blob_class = {
    entry<blob_put, "blob_put">,
    entry<blob_get, "blob_get">,
    entry<blob_specific, "blob_specific">,
    entry<blob_optional, "blob_optional">,
};

const H5VL_token_class_t token_class = {
    entry<token_cmp, "token_cmp">,
    entry<token_to_str, "token_to_str">,
    entry<token_from_str, "token_from_str">,
};

}  // namespace h5sparse
