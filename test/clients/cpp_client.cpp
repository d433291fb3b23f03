// Debian 13's HDF5 C++ API (H5Cpp, libhdf5-cpp), unmodified, reads hyperslabs of sparse groups
// through the connector. Built by compiled_client.sh with `h5c++ -shlib`.
// Each read is compared with the same read of the dense twin (test/fixtures/README.md). A silent
// fallback to the native connector fails: the group would not open with openDataSet, and
// H5VLget_connector_name (C API, on the H5File's id) would say "native".
#include <H5Cpp.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    std::cout << (ok ? "ok: " : "FAIL: ") << what << '\n';
    if (!ok) ++failures;
}

std::string connector_name(hid_t id) {
    char name[64] = "";
    return H5VLget_connector_name(id, name, sizeof name) < 0 ? "(error)" : name;
}

struct Block {
    hsize_t start[2], count[2], stride[2];
};

// The block as doubles, and the same block in the dataset's own (native) type, as bytes.
std::vector<double> read_double(const H5::DataSet& d, const Block& b) {
    H5::DataSpace file_space = d.getSpace();
    file_space.selectHyperslab(H5S_SELECT_SET, b.count, b.start, b.stride);
    H5::DataSpace mem_space(2, b.count);
    std::vector<double> out(b.count[0] * b.count[1]);
    d.read(out.data(), H5::PredType::NATIVE_DOUBLE, mem_space, file_space);
    return out;
}

std::vector<unsigned char> read_native(const H5::DataSet& d, const Block& b) {
    H5::DataType stored = d.getDataType();
    hid_t native = H5Tget_native_type(stored.getId(), H5T_DIR_DEFAULT);
    H5::DataType mem_type(native);
    H5::DataSpace file_space = d.getSpace();
    file_space.selectHyperslab(H5S_SELECT_SET, b.count, b.start);
    H5::DataSpace mem_space(2, b.count);
    std::vector<unsigned char> out(b.count[0] * b.count[1] * mem_type.getSize());
    d.read(out.data(), mem_type, mem_space, file_space);
    return out;
}

void check_matrix(const std::string& dir, const char* file_name, const char* twin_name, const char* path) {
    H5::H5File file(dir + "/" + file_name, H5F_ACC_RDONLY);
    H5::H5File twin(dir + "/" + twin_name, H5F_ACC_RDONLY);
    std::string where = std::string(file_name) + ":" + path;
    check(connector_name(file.getId()) == "h5sparse", where + ": file's H5VLget_connector_name is " + connector_name(file.getId()));
    check(file.childObjType(path) == H5O_TYPE_DATASET, where + ": childObjType is H5O_TYPE_DATASET");
    H5::DataSet d = file.openDataSet(path);
    H5::DataSet t = twin.openDataSet(path);
    hsize_t dims[2] = {0, 0}, twin_dims[2] = {0, 0};
    check(d.getSpace().getSimpleExtentNdims() == 2, where + ": rank 2");
    d.getSpace().getSimpleExtentDims(dims);
    t.getSpace().getSimpleExtentDims(twin_dims);
    check(dims[0] == twin_dims[0] && dims[1] == twin_dims[1],
          where + ": dims " + std::to_string(dims[0]) + " x " + std::to_string(dims[1]));
    check(d.getDataType() == t.getDataType(), where + ": the twin's datatype");
    hsize_t r0 = dims[0] > 12 ? 10 : 1, c0 = dims[1] > 7 ? 5 : 1;  // rows 10..19, columns 5..29 when they exist
    Block block{{r0, c0}, {std::min<hsize_t>(10, dims[0] - r0), std::min<hsize_t>(25, dims[1] - c0)}, {1, 1}};
    std::ostringstream b;
    b << "[" << r0 << ":" << r0 + block.count[0] << ", " << c0 << ":" << c0 + block.count[1] << "]";
    check(read_double(d, block) == read_double(t, block), where + ": hyperslab " + b.str() + " as double equals the twin");
    check(read_native(d, block) == read_native(t, block), where + ": hyperslab " + b.str() + " in its own type equals the twin");
    Block strided{{0, 1}, {(dims[0] + 2) / 3, dims[1] / 4}, {3, 4}};
    check(read_double(d, strided) == read_double(t, strided), where + ": strided hyperslab (stride 3x4) equals the twin");
    Block all{{0, 0}, {dims[0], dims[1]}, {1, 1}};
    check(read_double(d, all) == read_double(t, all), where + ": the whole matrix equals the twin");
}

}  // namespace

int main() {
    const char* dir = std::getenv("H5SPARSE_FIXTURES");
    if (!dir) return 2;
    try {
        check_matrix(dir, "anndata.h5ad", "anndata_dense.h5", "/X");
        check_matrix(dir, "anndata.h5ad", "anndata_dense.h5", "/layers/counts");
        check_matrix(dir, "anndata.h5ad", "anndata_dense.h5", "/obsp/connectivities");
        check_matrix(dir, "seed_h5sparse.h5", "seed_h5sparse_dense.h5", "/X");
        check_matrix(dir, "tenx_v3.h5", "tenx_v3_dense.h5", "/matrix");
        H5::H5File seed(std::string(dir) + "/seed_h5sparse.h5", H5F_ACC_RDONLY);
        std::vector<double> values = read_double(seed.openDataSet("/X"), Block{{0, 0}, {4, 3}, {1, 1}});
        check(values == std::vector<double>{0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 4, 0}, "seed X by value");
    } catch (const H5::Exception& e) {
        std::cout << "FAIL: H5Cpp exception in " << e.getFuncName() << ": " << e.getDetailMsg() << '\n';
        ++failures;
    }
    std::ifstream maps("/proc/self/maps");
    std::stringstream text;
    text << maps.rdbuf();
    check(text.str().find("/libh5sparse_vol.so") != std::string::npos, "libh5sparse_vol.so is loaded");
    unsigned major = 0, minor = 0, release = 0;
    H5::H5Library::getLibVersion(major, minor, release);
    std::cout << "H5Cpp, HDF5 " << major << "." << minor << "." << release << '\n';
    if (failures) std::cout << failures << " check(s) failed\n";
    return failures ? 1 : 0;
}
