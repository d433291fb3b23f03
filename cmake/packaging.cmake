# `cpack -G DEB` in a build configured with -DCMAKE_INSTALL_PREFIX=/usr: one Debian package,
# h5sparse-vol, holding what `cmake --install` puts in place (the connector, its link in HDF5's
# plugin folder, the header, the CMake and pkg-config files, h5sparse-check). h5tools-scripts/
# h5sparse-deb builds it inside each release's root filesystem, against that release's HDF5, so
# dpkg-shlibdeps names the libhdf5 of that release (one package per HDF5 soname: 1.14's .310,
# 2.x's .320). H5SPARSE_DEB_RELEASE is the Debian revision (h5sparse-deb: 1~trixie, 1~forky).
set(H5SPARSE_DEB_RELEASE "1" CACHE STRING "Debian revision of the package cpack builds")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME h5sparse-vol)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "HDF5 VOL connector: sparse matrices in HDF5 files read as 2-D datasets")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
 h5sparse-vol is a pass-through HDF5 VOL connector. It presents each sparse matrix stored
 as a group of 1-D arrays (anndata and h5sparse CSR/CSC, 10x Genomics) as an ordinary 2-D
 dataset, and reads any selection of it as partial reads of the components. Every other
 object passes through untouched.
 .
 Set HDF5_VOL_CONNECTOR=h5sparse to switch it on for any HDF5 program (h5ls, h5dump, h5py,
 C, Fortran, Java). The package also holds the C header, CMake and pkg-config files for
 programs that register the connector themselves, and h5sparse-check, which validates the
 sparse groups of a file.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "h5sparse-vol developers <h5sparse-vol@users.noreply.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${H5SPARSE_DEB_RELEASE}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # h5sparse-vol_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)           # Depends: the libhdf5 (and libc) it links
# hdf5-tools and h5py are what most users read with; neither is needed to load the connector.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "hdf5-tools, python3-h5py")
# The plugin's link goes to HDF5's plugin folder, an absolute path: stage with DESTDIR.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)                       # as Debian ships binaries
include(CPack)
