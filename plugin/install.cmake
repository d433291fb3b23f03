# cmake --install: what a user of HDF5 expects of a VOL connector.
#  - The library in <prefix>/lib, and a link to it in the plugin folder of the HDF5 it was built
#    against (H5_DEFAULT_PLUGINDIR of that HDF5: Debian's is /usr/lib/<triplet>/hdf5/serial/
#    plugins), so that HDF5_VOL_CONNECTOR=h5sparse alone switches it on, with no
#    HDF5_PLUGIN_PATH. H5SPARSE_PLUGIN_INSTALL_DIR overrides the folder (a user's own prefix).
#  - The filter plugins of h5tools-scripts/bootstrap-filters, when the build has them, in the same
#    folder.
#  - The public header, a CMake package (find_package(h5sparse_vol) -> h5sparse::h5sparse_vol)
#    and a pkg-config file (h5sparse-vol), for programs that register the connector themselves.
#  - A parallel build (HDF5_PREFER_PARALLEL) installs beside the serial one, as Debian lays out
#    HDF5's flavours: library, CMake package and pkg-config file under <libdir>/hdf5/<flavour>
#    (openmpi, mpich, or "parallel"); the plugin link goes to that flavour's plugin folder
#    (Debian: /usr/lib/<triplet>/hdf5/openmpi/plugins). Programs find them with
#    CMAKE_PREFIX_PATH or PKG_CONFIG_PATH set to that folder; h5sparse-check stays serial.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(H5SPARSE_INSTALL_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
if(HDF5_IS_PARALLEL)
  get_filename_component(flavour "${H5SPARSE_HDF5_LIBDIR}" NAME)  # Debian: .../hdf5/openmpi
  if(NOT flavour MATCHES "^(openmpi|mpich)$")
    set(flavour parallel)
  endif()
  set(H5SPARSE_INSTALL_LIBDIR "${CMAKE_INSTALL_LIBDIR}/hdf5/${flavour}")
endif()

find_file(H5SPARSE_H5PUBCONF H5pubconf.h HINTS ${HDF5_C_INCLUDE_DIRS} ${HDF5_INCLUDE_DIRS}
          "${H5SPARSE_HDF5_LIBDIR}/../include" NO_DEFAULT_PATH)
set(default_plugin_dir "")
if(H5SPARSE_H5PUBCONF)
  file(STRINGS "${H5SPARSE_H5PUBCONF}" line REGEX "^#define H5_DEFAULT_PLUGINDIR ")
  string(REGEX REPLACE "^#define H5_DEFAULT_PLUGINDIR \"([^\"]*)\".*" "\\1" default_plugin_dir "${line}")
endif()
if(NOT default_plugin_dir)
  set(default_plugin_dir "/usr/local/hdf5/lib/plugin")  # HDF5's documented default
endif()
set(H5SPARSE_PLUGIN_INSTALL_DIR "${default_plugin_dir}" CACHE PATH
    "Where cmake --install links the connector for HDF5's plugin search (HDF5's default plugin folder)")
message(STATUS "cmake --install links the plugin into ${H5SPARSE_PLUGIN_INSTALL_DIR}")

install(TARGETS h5sparse_vol EXPORT h5sparse_vol_targets LIBRARY DESTINATION "${H5SPARSE_INSTALL_LIBDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/include/h5sparse_vol.h" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# A symbolic link, not a second copy: a program that links the library and loads the plugin
# then has one connector in memory.
install(CODE "
  set(plugin_dir \"\$ENV{DESTDIR}${H5SPARSE_PLUGIN_INSTALL_DIR}\")
  file(MAKE_DIRECTORY \"\${plugin_dir}\")
  file(CREATE_LINK \"\${CMAKE_INSTALL_PREFIX}/${H5SPARSE_INSTALL_LIBDIR}/libh5sparse_vol.so\"
       \"\${plugin_dir}/libh5sparse_vol.so\" SYMBOLIC)
  message(STATUS \"Linked: \${plugin_dir}/libh5sparse_vol.so\")
")

# The compression filter plugins the build was configured with (h5tools-scripts/bootstrap-filters)
# go to the same folder: the installed layout reads LZF, Blosc, LZ4, ... files as h5sparse-env does.
if(H5SPARSE_FILTER_PLUGIN_DIR)
  file(GLOB filter_plugins "${H5SPARSE_FILTER_PLUGIN_DIR}/libH5Z*.so")
  install(FILES ${filter_plugins} DESTINATION "${H5SPARSE_PLUGIN_INSTALL_DIR}")
endif()

set(cmake_dir "${H5SPARSE_INSTALL_LIBDIR}/cmake/h5sparse_vol")
install(EXPORT h5sparse_vol_targets NAMESPACE h5sparse:: DESTINATION "${cmake_dir}"
        FILE h5sparse_volTargets.cmake)
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/h5sparse_volConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/h5sparse_volConfig.cmake" INSTALL_DESTINATION "${cmake_dir}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/h5sparse_volConfigVersion.cmake"
                                 COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/h5sparse_volConfig.cmake" "${PROJECT_BINARY_DIR}/h5sparse_volConfigVersion.cmake"
        DESTINATION "${cmake_dir}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/h5sparse-vol.pc.in" "${PROJECT_BINARY_DIR}/h5sparse-vol.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/h5sparse-vol.pc" DESTINATION "${H5SPARSE_INSTALL_LIBDIR}/pkgconfig")
