// With libh5sparse_vol.so in HDF5_PLUGIN_PATH but no connector chosen, HDF5 loads the plugin
// and asks it whether it can open any file a native open failed on. That must leave missing
// files missing (with native's error), and H5Fis_accessible must keep working.
#define BOOST_TEST_MODULE plugin_probe
#include <boost/test/unit_test.hpp>
#include <hdf5.h>

#include <cstdlib>
#include <string>

namespace {
std::string fixture(const char* name) { return std::string(std::getenv("H5SPARSE_FIXTURES")) + "/" + name; }
}

BOOST_AUTO_TEST_CASE(missing_file_stays_missing) {
    BOOST_REQUIRE(std::getenv("HDF5_PLUGIN_PATH"));
    BOOST_REQUIRE(!std::getenv("HDF5_VOL_CONNECTOR"));
    hid_t f;
    H5E_BEGIN_TRY { f = H5Fopen("/nonexistent/h5sparse/missing.h5", H5F_ACC_RDONLY, H5P_DEFAULT); }
    H5E_END_TRY
    BOOST_TEST(f == H5I_INVALID_HID);
    // A real file still opens natively afterwards, and is still sparse-unaware (a group).
    f = H5Fopen(fixture("seed_h5sparse.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    BOOST_REQUIRE(f >= 0);
    H5O_info2_t info;
    BOOST_TEST(H5Oget_info_by_name3(f, "X", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
    BOOST_TEST(info.type == H5O_TYPE_GROUP);
    H5Fclose(f);
}

BOOST_AUTO_TEST_CASE(is_accessible_answers) {
    BOOST_TEST(H5Fis_accessible(fixture("seed_h5sparse.h5").c_str(), H5P_DEFAULT) > 0);
    htri_t r;
    H5E_BEGIN_TRY { r = H5Fis_accessible(fixture("README.md").c_str(), H5P_DEFAULT); }
    H5E_END_TRY
    BOOST_TEST(r <= 0);  // not an HDF5 file: "no" (or native's error), never a crash
    // A non-HDF5 file that exists: the native open fails, the plugin probe runs.
    hid_t f;
    H5E_BEGIN_TRY { f = H5Fopen(fixture("broken_expected.json").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }
    H5E_END_TRY
    BOOST_TEST(f == H5I_INVALID_HID);
}
