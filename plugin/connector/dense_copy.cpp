#include "connector/dense_copy.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "connector/root_matrix.hpp"
#include "connector/sparse_objects.hpp"
#include "model/virtual_dataset.hpp"
#include "read/sparse_read.hpp"
#include "util/error.hpp"
#include "util/error_stack_guard.hpp"
#include "util/handle.hpp"

namespace h5sparse {
namespace {

constexpr hsize_t kCopyBlockBytes = hsize_t{16} << 20;  // rows copied per read/write round
constexpr hsize_t kChunkBytes = hsize_t{1} << 20;

struct UnderDatasetCloser {
    hid_t vol;
    hid_t dxpl;
    void operator()(void* d) const noexcept {
        ErrorStackGuard keep;
        H5VLdataset_close(d, vol, dxpl, nullptr);
    }
};

// Row-block chunks of about 1 MiB for large matrices (contiguous for small ones).
Handle dense_dcpl(hsize_t rows, hsize_t cols, size_t value_size) {
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), H5E_PLIST, H5E_CANTCREATE, "cannot create a DCPL"));
    if (rows > 0 && cols > 0 && rows * cols * value_size > kChunkBytes) {
        hsize_t chunk_cols = std::min<hsize_t>(cols, kChunkBytes / value_size);
        hsize_t chunk_rows = std::clamp<hsize_t>(kChunkBytes / (chunk_cols * value_size), 1, rows);
        hsize_t chunk[2] = {chunk_rows, std::max<hsize_t>(chunk_cols, 1)};
        check(H5Pset_chunk(dcpl.get(), 2, chunk), H5E_PLIST, H5E_CANTSET, "cannot set chunking");
    }
    return dcpl;
}

void copy_values(const VirtualDataset& vd, void* dst_dset, hid_t vol, hid_t value_type, hid_t dxpl_id) {
    const size_t size = H5Tget_size(value_type);
    const hsize_t rows = vd.rows(), cols = vd.cols();
    if (rows == 0 || cols == 0) return;
    const hsize_t block_rows = std::clamp<hsize_t>(kCopyBlockBytes / (cols * size), 1, rows);
    std::vector<unsigned char> buf(block_rows * cols * size);
    const hsize_t dims[2] = {rows, cols};
    Handle file_space(check(H5Screate_simple(2, dims, nullptr), H5E_DATASPACE, H5E_CANTCREATE, "dataspace"));
    for (hsize_t r = 0; r < rows; r += block_rows) {
        hsize_t start[2] = {r, 0}, count[2] = {std::min(block_rows, rows - r), cols};
        check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), H5E_DATASPACE,
              H5E_CANTSELECT, "cannot select rows");
        Handle mem_space(check(H5Screate_simple(2, count, nullptr), H5E_DATASPACE, H5E_CANTCREATE, "dataspace"));
        read_virtual_dataset(vd, value_type, mem_space.get(), file_space.get(), dxpl_id, buf.data());
        hid_t ms = mem_space.get(), fs = file_space.get(), t = value_type;
        const void* b = buf.data();
        check(H5VLdataset_write(1, &dst_dset, vol, &t, &ms, &fs, dxpl_id, &b, nullptr), H5E_DATASET, H5E_WRITEERROR,
              "cannot write the dense copy");
    }
}

void copy_visible_attributes(void* src_group, void* dst_dset, hid_t vol, hid_t dxpl_id) {
    const std::vector<std::string> names = visible_attribute_names(src_group, vol, H5_INDEX_NAME, H5_ITER_INC, dxpl_id);
    H5VL_loc_params_t self{};
    self.type = H5VL_OBJECT_BY_SELF;
    self.obj_type = H5I_GROUP;
    H5VL_loc_params_t dst_self = self;
    dst_self.obj_type = H5I_DATASET;
    for (const std::string& name : names) {
        void* a = H5VLattr_open(src_group, &self, vol, name.c_str(), H5P_ATTRIBUTE_ACCESS_DEFAULT, dxpl_id, nullptr);
        if (!a) fail(H5E_ATTR, H5E_CANTOPENOBJ, "cannot open attribute '" + name + "'");
        std::unique_ptr<void, void (*)(void*)> close_a(a, [](void*) {});
        H5VL_attr_get_args_t g{};
        g.op_type = H5VL_ATTR_GET_TYPE;
        g.args.get_type.type_id = H5I_INVALID_HID;
        herr_t ok = H5VLattr_get(a, vol, &g, dxpl_id, nullptr);
        Handle type(g.args.get_type.type_id);
        g = {};
        g.op_type = H5VL_ATTR_GET_SPACE;
        g.args.get_space.space_id = H5I_INVALID_HID;
        if (ok >= 0) ok = H5VLattr_get(a, vol, &g, dxpl_id, nullptr);
        Handle space(g.args.get_space.space_id);
        std::vector<unsigned char> buf;
        if (ok >= 0) {
            hssize_t n = H5Sget_simple_extent_npoints(space.get());
            buf.resize(static_cast<size_t>(std::max<hssize_t>(n, 1)) * H5Tget_size(type.get()));
            ok = H5VLattr_read(a, vol, type.get(), buf.data(), dxpl_id, nullptr);
        }
        {
            ErrorStackGuard keep;
            H5VLattr_close(a, vol, dxpl_id, nullptr);
        }
        if (ok < 0) fail(H5E_ATTR, H5E_READERROR, "cannot read attribute '" + name + "'");
        void* b = H5VLattr_create(dst_dset, &dst_self, vol, name.c_str(), type.get(), space.get(),
                                  H5P_ATTRIBUTE_CREATE_DEFAULT, H5P_ATTRIBUTE_ACCESS_DEFAULT, dxpl_id, nullptr);
        herr_t wrote = b ? H5VLattr_write(b, vol, type.get(), buf.data(), dxpl_id, nullptr) : -1;
        {
            ErrorStackGuard keep;
            if (b) H5VLattr_close(b, vol, dxpl_id, nullptr);
            H5Treclaim(type.get(), space.get(), H5P_DEFAULT, buf.data());  // variable-length contents
        }
        if (wrote < 0) fail(H5E_ATTR, H5E_CANTCOPY, "cannot copy attribute '" + name + "'");
    }
}

}  // namespace

bool copy_sparse_as_dense(Object* src, const H5VL_loc_params_t& src_loc, const char* src_name, Object* dst,
                          const H5VL_loc_params_t& dst_loc, const char* dst_name, hid_t lcpl_id, hid_t dxpl_id) {
    if (src->conventions == 0) return false;
    const hid_t vol = src->under_vol_id;
    // The virtual dataset object owns the group from here on (and validated it).
    TemporaryDataset source(open_sparse_group(src, src_loc, src_name, H5P_DATASET_ACCESS_DEFAULT, dxpl_id,
                                              BrokenGroup::kStaysGroup),
                            {dxpl_id});
    if (!source)  // the root's /matrix (connector/root_matrix.hpp): nothing below has its name
        if (std::optional<RootMatrix> m = root_matrix_named(src, src_loc, src_name, dxpl_id))
            source.reset(open_root_matrix(src, src_loc.obj_type, *m, H5P_DATASET_ACCESS_DEFAULT, dxpl_id));
    if (!source) return false;
    const VirtualDataset& vd = *source->sparse;

    Handle value_type(check(H5Tcopy(vd.value_type()), H5E_DATATYPE, H5E_CANTCOPY, "cannot copy the value type"));
    const hsize_t dims[2] = {vd.rows(), vd.cols()};
    Handle space(check(H5Screate_simple(2, dims, nullptr), H5E_DATASPACE, H5E_CANTCREATE, "dataspace"));
    Handle dcpl = dense_dcpl(vd.rows(), vd.cols(), H5Tget_size(value_type.get()));
    void* created = H5VLdataset_create(dst->under, &dst_loc, dst->under_vol_id, dst_name, lcpl_id, value_type.get(),
                                       space.get(), dcpl.get(), H5P_DATASET_ACCESS_DEFAULT, dxpl_id, nullptr);
    if (!created)
        fail(H5E_OHDR, H5E_CANTCOPY, "cannot create the dense copy of sparse matrix '" + vd.path() + "'");
    std::unique_ptr<void, UnderDatasetCloser> dense(created, UnderDatasetCloser{dst->under_vol_id, dxpl_id});
    Handle native(check(H5Tget_native_type(value_type.get(), H5T_DIR_DEFAULT), H5E_DATATYPE, H5E_CANTGET,
                        "cannot get the native value type"));
    copy_values(vd, dense.get(), dst->under_vol_id, native.get(), dxpl_id);
    copy_visible_attributes(source->under, dense.get(), vol, dxpl_id);
    return true;
}

}  // namespace h5sparse
