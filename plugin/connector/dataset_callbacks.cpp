// H5D callbacks. Ordinary datasets are forwarded. A sparse group reached through H5Dopen2 or
// H5Oopen becomes a virtual dataset: metadata is synthesised (2-D space of the logical shape,
// the stored value type, a contiguous no-filter DCPL whose fill value is the background), reads go to
// read/sparse_read.cpp, and every modification is refused.
#include <string>
#include <vector>

#include "connector/callbacks.hpp"
#include "connector/entry.hpp"
#include "connector/location.hpp"
#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "model/virtual_dataset.hpp"
#include "read/component_transfer.hpp"
#include "read/sparse_read.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse {
namespace {

void* dataset_create(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t lcpl_id, hid_t type_id,
                     hid_t space_id, hid_t dcpl_id, hid_t dapl_id, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    reject_if_virtual(o, "create a dataset in");
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    void* under = H5VLdataset_create(o->under, &loc, o->under_vol_id, name, lcpl_id, type_id, space_id, dcpl_id,
                                     dapl_id, dxpl_id, req);
    if (!under) fail(H5E_DATASET, H5E_CANTCREATE, std::string("cannot create dataset '") + (name ? name : "") + "'");
    Object* d = Object::wrap(under, o->under_vol_id, o->conventions);
    wrap_request(req, o);
    return d;
}

void* dataset_open(void* obj, const H5VL_loc_params_t* loc_params, const char* name, hid_t dapl_id, hid_t dxpl_id,
                   void** req) {
    Object* o = as_object(obj);
    H5VL_loc_params_t loc = under_loc(o, loc_params);
    // The hot path: a real dataset costs nothing extra.
    if (void* under = H5VLdataset_open(o->under, &loc, o->under_vol_id, name, dapl_id, dxpl_id, req)) {
        Object* d = Object::wrap(under, o->under_vol_id, o->conventions);
        wrap_request(req, o);
        return d;
    }
    if (o->conventions == 0) fail(H5E_DATASET, H5E_CANTOPENOBJ, std::string("cannot open dataset '") + name + "'");
    // Keep native's "not a dataset" report in case this is not a sparse group either.
    hid_t native_errors = H5Eget_current_stack();
    auto drop_native_errors = [&] {
        ErrorStackGuard keep;  // H5Eclose_stack is an API call: it would clear the stack we report
        if (native_errors >= 0) H5Eclose_stack(native_errors);
    };
    Object* d = nullptr;
    try {
        d = open_sparse_group(o, loc, name, dapl_id, dxpl_id, BrokenGroup::kIsError);
        if (!d)
            if (std::optional<RootMatrix> m = root_matrix_named(o, loc, name, dxpl_id, RootMatrixKind::kShownOrBroken))
                d = open_root_matrix(o, loc.obj_type, *m, dapl_id, dxpl_id);
    } catch (...) {
        drop_native_errors();  // the sparse group's own failure, and its cause, are the report
        throw;
    }
    if (!d) {
        if (native_errors >= 0) H5Eset_current_stack(native_errors);
        fail(H5E_DATASET, H5E_CANTOPENOBJ, std::string("cannot open dataset '") + name + "'");
    }
    drop_native_errors();
    if (req) *req = nullptr;  // our own I/O is synchronous
    return d;
}

herr_t dataset_read(size_t count, void* dset[], hid_t mem_type_id[], hid_t mem_space_id[], hid_t file_space_id[],
                    hid_t dxpl_id, void* buf[], void** req) {
    // Ordinary datasets go below in one call (H5Dread_multi keeps its batching); virtual ones
    // are read here, synchronously.
    if (count == 1 && !as_object(dset[0])->is_virtual()) {  // the pass-through hot path
        Object* o = as_object(dset[0]);
        check(H5VLdataset_read(1, &o->under, o->under_vol_id, mem_type_id, mem_space_id, file_space_id, dxpl_id, buf,
                               req),
              H5E_DATASET, H5E_READERROR, "cannot read dataset in the connector below");
        wrap_request(req, o);
        return 0;
    }
    std::vector<void*> under;
    std::vector<hid_t> types, mspaces, fspaces;
    std::vector<void*> bufs;
    Object* first_plain = nullptr;
    bool any_virtual = false;
    for (size_t i = 0; i < count; ++i) {
        Object* o = as_object(dset[i]);
        if (o->is_virtual()) {
            any_virtual = true;
            continue;
        }
        if (!first_plain) first_plain = o;
        under.push_back(o->under);
        types.push_back(mem_type_id[i]);
        mspaces.push_back(mem_space_id[i]);
        fspaces.push_back(file_space_id[i]);
        bufs.push_back(buf[i]);
    }
    if (first_plain) {
        check(H5VLdataset_read(under.size(), under.data(), first_plain->under_vol_id, types.data(), mspaces.data(),
                               fspaces.data(), dxpl_id, bufs.data(), any_virtual ? nullptr : req),
              H5E_DATASET, H5E_READERROR, "cannot read dataset in the connector below");
        if (!any_virtual) wrap_request(req, first_plain);
    }
    const hid_t component_dxpl = component_transfer(dxpl_id);
    for (size_t i = 0; i < count; ++i) {
        Object* o = as_object(dset[i]);
        if (o->is_virtual())
            read_virtual_dataset(*o->sparse, mem_type_id[i], mem_space_id[i], file_space_id[i], component_dxpl,
                                 buf[i]);
    }
    if (any_virtual && req) *req = nullptr;
    return 0;
}

herr_t dataset_write(size_t count, void* dset[], hid_t mem_type_id[], hid_t mem_space_id[], hid_t file_space_id[],
                     hid_t dxpl_id, const void* buf[], void** req) {
    for (size_t i = 0; i < count; ++i) reject_if_virtual(as_object(dset[i]), "write to");
    std::vector<void*> under(count);
    for (size_t i = 0; i < count; ++i) under[i] = as_object(dset[i])->under;
    Object* first = as_object(dset[0]);
    check(H5VLdataset_write(count, under.data(), first->under_vol_id, mem_type_id, mem_space_id, file_space_id,
                            dxpl_id, buf, req),
          H5E_DATASET, H5E_WRITEERROR, "cannot write dataset in the connector below");
    wrap_request(req, first);
    return 0;
}

// A contiguous layout with no filters and the background as fill value (0 unless the file states
// another: exactly the implicit value of a sparse matrix). Not chunked: that would invite
// H5Dread_chunk & co., which we cannot honour.
hid_t virtual_dcpl(const Object* o, hid_t dxpl_id) {
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), H5E_PLIST, H5E_CANTCREATE, "cannot create a DCPL"));
    // A background other than 0 (binsparse's fill_value) is the dataset's fill value.
    if (const std::vector<unsigned char>& background = o->sparse->background(); !background.empty()) {
        Handle native(check(H5Tget_native_type(o->sparse->value_type(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                            "cannot get the native form of the value type"));
        check(H5Pset_fill_value(dcpl.get(), native.get(), background.data()), H5E_PLIST, H5E_CANTSET,
              "cannot set the fill value");
    }
    // h5dump iterates attributes by creation order when the DCPL says they are tracked.
    H5VL_group_get_args_t args{};
    args.op_type = H5VL_GROUP_GET_GCPL;
    args.args.get_gcpl.gcpl_id = H5I_INVALID_HID;
    bool have_gcpl;
    {
        ErrorStackGuard keep;
        have_gcpl = H5VLgroup_get(o->under, o->under_vol_id, &args, dxpl_id, nullptr) >= 0;
    }
    if (have_gcpl) {
        Handle gcpl(args.args.get_gcpl.gcpl_id);
        unsigned order = 0;
        if (H5Pget_attr_creation_order(gcpl.get(), &order) >= 0) H5Pset_attr_creation_order(dcpl.get(), order);
        hbool_t track = true;
        if (H5Pget_obj_track_times(gcpl.get(), &track) >= 0) H5Pset_obj_track_times(dcpl.get(), track);
    }
    return dcpl.release();
}

hsize_t component_storage_size(const VirtualDataset& vd, const Component& c, hid_t dxpl_id) {
    hsize_t size = 0;
    if (!c.under) return 0;  // absent
    H5VL_dataset_get_args_t args{};
    args.op_type = H5VL_DATASET_GET_STORAGE_SIZE;
    args.args.get_storage_size.storage_size = &size;
    check(H5VLdataset_get(c.under, vd.under_vol_id(), &args, dxpl_id, nullptr), H5E_DATASET, H5E_CANTGET,
          "cannot get a component's storage size");
    return size;
}

herr_t virtual_dataset_get(Object* o, H5VL_dataset_get_args_t* args, hid_t dxpl_id) {
    const VirtualDataset& vd = *o->sparse;
    switch (args->op_type) {
        case H5VL_DATASET_GET_SPACE: {
            hsize_t dims[2] = {vd.rows(), vd.cols()};
            args->args.get_space.space_id =
                check(H5Screate_simple(2, dims, dims), H5E_DATASPACE, H5E_CANTCREATE, "cannot create dataspace");
            return 0;
        }
        case H5VL_DATASET_GET_SPACE_STATUS:
            *args->args.get_space_status.status = H5D_SPACE_STATUS_ALLOCATED;
            return 0;
        case H5VL_DATASET_GET_TYPE: {
            // Asked of `data` each time: a committed value type keeps its identity.
            if (vd.value_type_is_made()) {  // absent (no entries) or interleaved: the type made for it
                args->args.get_type.type_id =
                    check(H5Tcopy(vd.value_type()), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy the value type");
                return 0;
            }
            H5VL_dataset_get_args_t my = *args;
            check(H5VLdataset_get(vd.data().under, vd.under_vol_id(), &my, dxpl_id, nullptr), H5E_DATASET,
                  H5E_CANTGET, "cannot get the value type of the sparse matrix");
            args->args.get_type.type_id = my.args.get_type.type_id;
            return 0;
        }
        case H5VL_DATASET_GET_DCPL:
            args->args.get_dcpl.dcpl_id = virtual_dcpl(o, dxpl_id);
            return 0;
        case H5VL_DATASET_GET_DAPL:
            args->args.get_dapl.dapl_id =
                check(H5Pcopy(vd.access_plist()), H5E_PLIST, H5E_CANTCOPY, "cannot copy the DAPL");
            return 0;
        case H5VL_DATASET_GET_STORAGE_SIZE: {
            // What the matrix really occupies; never 0 (h5diff reads 0 as "nothing to compare").
            hsize_t total = 0;
            for (const Component* c : {&vd.data(), &vd.indices(), &vd.indptr(), vd.listed()})
                if (c) total += component_storage_size(vd, *c, dxpl_id);
            *args->args.get_storage_size.storage_size = total > 0 ? total : 1;
            return 0;
        }
    }
    fail(H5E_DATASET, H5E_UNSUPPORTED, "unknown dataset get operation");
}

herr_t dataset_get(void* obj, H5VL_dataset_get_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (o->is_virtual()) {
        if (req) *req = nullptr;
        return virtual_dataset_get(o, args, dxpl_id);
    }
    check(H5VLdataset_get(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATASET, H5E_CANTGET,
          "dataset get operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t dataset_specific(void* obj, H5VL_dataset_specific_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (o->is_virtual()) {
        if (req) *req = nullptr;
        switch (args->op_type) {
            case H5VL_DATASET_SET_EXTENT: reject_if_virtual(o, "change the extent of"); break;
            case H5VL_DATASET_FLUSH: return 0;    // nothing is buffered
            case H5VL_DATASET_REFRESH: return 0;  // native would re-open the group as a dataset
        }
        fail(H5E_DATASET, H5E_UNSUPPORTED, "unknown dataset operation");
    }
    check(H5VLdataset_specific(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATASET, H5E_CANTOPERATE,
          "dataset operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t dataset_optional(void* obj, H5VL_optional_args_t* args, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (o->is_virtual()) {
        if (req) *req = nullptr;
        switch (args->op_type) {
            case H5VL_NATIVE_DATASET_GET_OFFSET:
                // Never a component's address: direct readers would read the wrong bytes.
                *static_cast<H5VL_native_dataset_optional_args_t*>(args->args)->get_offset.offset = HADDR_UNDEF;
                return 0;
            case H5VL_NATIVE_DATASET_FORMAT_CONVERT:
                return 0;
            default:
                fail(H5E_DATASET, H5E_UNSUPPORTED,
                     "sparse matrix '" + o->sparse_path() +
                         "' is presented as a contiguous dataset: chunk and storage operations do not apply");
        }
    }
    check(H5VLdataset_optional(o->under, o->under_vol_id, args, dxpl_id, req), H5E_DATASET, H5E_CANTOPERATE,
          "dataset optional operation failed in the connector below");
    wrap_request(req, o);
    return 0;
}

herr_t dataset_close(void* obj, hid_t dxpl_id, void** req) {
    Object* o = as_object(obj);
    if (o->is_virtual()) {
        o->sparse.reset();  // closes the components
        if (req) *req = nullptr;
        herr_t ret = H5VLgroup_close(o->under, o->under_vol_id, dxpl_id, nullptr);
        delete o;
        check(ret, H5E_DATASET, H5E_CLOSEERROR, "cannot close the sparse group in the connector below");
        return 0;
    }
    check(H5VLdataset_close(o->under, o->under_vol_id, dxpl_id, req), H5E_DATASET, H5E_CLOSEERROR,
          "cannot close dataset in the connector below");
    wrap_request(req, o);
    delete o;
    return 0;
}

}  // namespace

const H5VL_dataset_class_t dataset_class = {
    entry<dataset_create, "dataset_create">,     entry<dataset_open, "dataset_open">,
    entry<dataset_read, "dataset_read">,         entry<dataset_write, "dataset_write">,
    entry<dataset_get, "dataset_get">,           entry<dataset_specific, "dataset_specific">,
    entry<dataset_optional, "dataset_optional">, entry<dataset_close, "dataset_close">,
};

}  // namespace h5sparse
