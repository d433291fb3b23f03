# Debian 13's R hdf5r, unmodified, reads sparse groups through the connector as ordinary datasets.
#   Rscript hdf5r_client.R [read|ls]
# "read": $read() and row/column subsets equal the dense twin (test/fixtures/README.md);
# "ls":   f$ls(recursive = TRUE) lists the sparse groups as datasets and none of their components.
# hdf5r shows HDF5's row-major dims reversed (a 60 x 40 matrix is 40 x 60 in R); the twin is
# read the same way, so the comparison is like with like. A silent fallback to the native
# connector fails: the group would open as an H5Group, and libh5sparse_vol.so would not be mapped.
suppressMessages(library(hdf5r))
fixtures <- Sys.getenv("H5SPARSE_FIXTURES")
mode <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(mode)) mode <- "read"
failures <- 0L
check <- function(ok, what) {
  ok <- isTRUE(ok)
  cat(if (ok) "ok: " else "FAIL: ", what, "\n", sep = "")
  if (!ok) failures <<- failures + 1L
}
open_pair <- function(name, twin) {
  list(f = h5file(file.path(fixtures, name), mode = "r"), t = h5file(file.path(fixtures, twin), mode = "r"))
}

check_matrix <- function(files, path) {
  x <- files$f[[path]]
  twin <- files$t[[path]]
  check(inherits(x, "H5D"), sprintf("%s opens as an H5D (%s)", path, class(x)[1]))
  if (!inherits(x, "H5D")) return(invisible())
  check(identical(x$dims, twin$dims), sprintf("%s dims %s", path, paste(x$dims, collapse = " x ")))
  check(identical(x$get_type()$get_class(), twin$get_type()$get_class()), sprintf("%s type class", path))
  full <- x$read()
  dense <- twin$read()
  check(identical(full, dense), sprintf("%s$read() equals the twin", path))
  n <- x$dims
  i <- seq(min(6, n[1]), min(30, n[1]))  # HDF5 columns 5..29
  j <- seq(min(11, n[2]), min(20, n[2]))  # HDF5 rows 10..19
  check(identical(x[i, j], dense[i, j]), sprintf("%s[%d:%d, %d:%d] (a block)", path, min(i), max(i), min(j), max(j)))
  rows <- unique(c(1, n[2] %/% 2, n[2]))
  check(identical(x[, rows], dense[, rows, drop = FALSE]), sprintf("%s[, c(%s)] (whole HDF5 rows)", path, toString(rows)))
  check(identical(x[n[1], ], dense[n[1], ]), sprintf("%s[%d, ] (one HDF5 column)", path, n[1]))
  check(identical(x$read(args = list(i, j)), dense[i, j]), sprintf("%s$read(args = list(...))", path))
  check(identical(sort(list.attributes(x)), sort(list.attributes(twin))),
        sprintf("%s attributes {%s} are the twin's (markers hidden)", path, toString(list.attributes(x))))
}

if (mode == "read") {
  a <- open_pair("anndata.h5ad", "anndata_dense.h5")
  for (path in c("X", "layers/counts", "obsp/connectivities")) check_matrix(a, path)
  top <- a$f$ls()
  check(identical(as.character(top$obj_type[top$name == "X"]), "H5I_DATASET"),
        "f$ls() reports X as H5I_DATASET")
  check(identical(a$f[["layers"]]$ls()$dataset.dims[a$f[["layers"]]$ls()$name == "counts"], "40 x 60"),
        "f[['layers']]$ls() gives counts dims 40 x 60")
  s <- open_pair("seed_h5sparse.h5", "seed_h5sparse_dense.h5")
  check_matrix(s, "X")
  check(identical(s$f[["X"]]$read(), t(matrix(c(0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 4, 0), nrow = 4, byrow = TRUE))),
        "seed X by value (transposed, as hdf5r shows it)")
  tenx <- open_pair("tenx_v3.h5", "tenx_v3_dense.h5")
  check_matrix(tenx, "matrix")
} else if (mode == "ls") {
  f <- h5file(file.path(fixtures, "anndata.h5ad"), mode = "r")
  listing <- tryCatch(f$ls(recursive = TRUE), error = function(e) { cat("f$ls(recursive = TRUE) failed:", conditionMessage(e), "\n"); NULL })
  check(!is.null(listing), "f$ls(recursive = TRUE) succeeds")
  if (!is.null(listing)) {
    for (path in c("X", "layers/counts", "obsp/connectivities", "raw/X", "uns/graphs/g1"))
      check(identical(as.character(listing$obj_type[listing$name == path]), "H5I_DATASET"), sprintf("ls lists %s as a dataset", path))
    components <- grep("/(data|indices|indptr)$", listing$name, value = TRUE)
    check(length(components) == 0, sprintf("ls lists no sparse components {%s}", toString(components)))
  }
} else {
  stop("unknown mode ", mode)
}
check(any(grepl("/libh5sparse_vol\\.so", readLines("/proc/self/maps"))), "libh5sparse_vol.so is loaded")
cat(sprintf("hdf5r %s, HDF5 %s\n", packageVersion("hdf5r"), paste(h5version(verbose = FALSE), collapse = ".")))
if (failures > 0) {
  cat(failures, "check(s) failed\n")
  quit(status = 1)
}
