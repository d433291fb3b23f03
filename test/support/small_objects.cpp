#include "support/small_objects.hpp"

#include "support/h5_handle.hpp"

namespace h5sparse_test {

void write_int_dataset(hid_t group, const char* name, const std::vector<long long>& values, hid_t file_type) {
    hsize_t n = values.size();
    H5Handle space = owned(H5Screate_simple(1, &n, nullptr), "space");
    H5Handle d = owned(H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), name);
    check_status(H5Dwrite(d.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), name);
}

void write_string_attribute(hid_t object, const char* name, const char* value) {
    H5Handle type = owned(H5Tcopy(H5T_C_S1), "string type");
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), "set size");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set cset");
    H5Handle space = owned(H5Screate(H5S_SCALAR), "scalar");
    H5Handle a = owned(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), name);
    check_status(H5Awrite(a.get(), type.get(), &value), name);
}

H5O_type_t type_of(hid_t location, const char* path) {
    H5O_info2_t info{};
    check_status(H5Oget_info_by_name3(location, path, &info, H5O_INFO_BASIC, H5P_DEFAULT),
                 std::string("H5Oget_info_by_name3 ") + path);
    return info.type;
}

std::vector<double> read_all(hid_t dataset) {
    H5Handle space = owned(H5Dget_space(dataset), "space");
    std::vector<double> out(static_cast<size_t>(H5Sget_simple_extent_npoints(space.get())), -1.0);
    check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read all");
    return out;
}

}  // namespace h5sparse_test
