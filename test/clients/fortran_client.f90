! Debian 13's HDF5 Fortran module (libhdf5-fortran), unmodified, reads hyperslabs of sparse groups
! through the connector. Built by compiled_client.sh with `h5fc -shlib`.
! Fortran sees HDF5's row-major dims reversed: a 60 x 40 matrix is (40, 60) here, and the block
! "rows 10..19, columns 5..29" is offset (5, 10), count (25, 10). Each read is compared with the
! same read of the dense twin. A silent fallback to the native connector fails: h5dopen_f on the
! group would fail, and h5vlget_connector_name_f would say "native".
program fortran_client
  use hdf5
  implicit none
  integer :: failures = 0, err
  character(len=512) :: dir

  call get_environment_variable("H5SPARSE_FIXTURES", dir)
  call h5open_f(err)
  call check_matrix("anndata.h5ad", "anndata_dense.h5", "/X")
  call check_matrix("anndata.h5ad", "anndata_dense.h5", "/layers/counts")
  call check_matrix("anndata.h5ad", "anndata_dense.h5", "/obsp/connectivities")
  call check_matrix("seed_h5sparse.h5", "seed_h5sparse_dense.h5", "/X")
  call check_matrix("tenx_v3.h5", "tenx_v3_dense.h5", "/matrix")
  call check_seed()
  call h5close_f(err)
  if (failures > 0) then
    print '(i0, a)', failures, " check(s) failed"
    stop 1
  end if

contains

  subroutine check(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (ok) then
      print '(2a)', "ok: ", what
    else
      print '(2a)', "FAIL: ", what
      failures = failures + 1
    end if
  end subroutine

  ! The block at (0-based, Fortran order) offset with count, read as double precision.
  subroutine read_block(file, path, offset, count, buf, dims, err)
    integer(hid_t), intent(in) :: file
    character(len=*), intent(in) :: path
    integer(hsize_t), intent(in) :: offset(2), count(2)
    double precision, intent(out) :: buf(:, :)
    integer(hsize_t), intent(out) :: dims(2)
    integer, intent(out) :: err
    integer(hid_t) :: dset, space, mem
    integer(hsize_t) :: maxdims(2)
    integer :: e
    call h5dopen_f(file, path, dset, err)
    if (err /= 0) return
    call h5dget_space_f(dset, space, e)
    call h5sget_simple_extent_dims_f(space, dims, maxdims, e)
    call h5sselect_hyperslab_f(space, H5S_SELECT_SET_F, offset, count, e)
    call h5screate_simple_f(2, count, mem, e)
    call h5dread_f(dset, H5T_NATIVE_DOUBLE, buf, count, err, mem, space)
    call h5sclose_f(mem, e)
    call h5sclose_f(space, e)
    call h5dclose_f(dset, e)
  end subroutine

  subroutine check_matrix(file_name, twin_name, path)
    character(len=*), intent(in) :: file_name, twin_name, path
    integer(hid_t) :: file, twin
    integer(hsize_t) :: dims(2), twin_dims(2), offset(2), count(2), extent(2)
    double precision, allocatable :: got(:, :), want(:, :)
    character(len=64) :: name
    character(len=128) :: text
    integer :: e

    call h5fopen_f(trim(dir)//"/"//file_name, H5F_ACC_RDONLY_F, file, e)
    call h5fopen_f(trim(dir)//"/"//twin_name, H5F_ACC_RDONLY_F, twin, e)
    name = ""
    call h5vlget_connector_name_f(file, name, e)  ! (with name_len it only returns the length)
    call check(trim(name) == "h5sparse", file_name//": h5vlget_connector_name_f is "//trim(name))
    ! The full extent first (a 1x1 read just to learn it).
    allocate(got(1, 1))
    call read_block(twin, path, [0_hsize_t, 0_hsize_t], [1_hsize_t, 1_hsize_t], got, twin_dims, e)
    call read_block(file, path, [0_hsize_t, 0_hsize_t], [1_hsize_t, 1_hsize_t], got, dims, e)
    call check(e == 0, file_name//":"//path//" opens with h5dopen_f and reads")
    if (e /= 0) then
      call h5fclose_f(twin, e)
      call h5fclose_f(file, e)
      return
    end if
    write (text, '(a, i0, a, i0, a)') ": dims (", dims(1), ", ", dims(2), ") in Fortran order"
    call check(all(dims == twin_dims), file_name//":"//path//trim(text))
    deallocate(got)
    ! Rows 10..19 and columns 5..29 (C order) when they exist.
    offset = [merge(5_hsize_t, 1_hsize_t, dims(1) > 7), merge(10_hsize_t, 1_hsize_t, dims(2) > 12)]
    count = [min(25_hsize_t, dims(1) - offset(1)), min(10_hsize_t, dims(2) - offset(2))]
    allocate(got(count(1), count(2)), want(count(1), count(2)))
    call read_block(file, path, offset, count, got, dims, e)
    call read_block(twin, path, offset, count, want, twin_dims, e)
    write (text, '(a, 2(i0, a), 2(i0, a))') ": hyperslab offset (", offset(1), ",", offset(2), &
      ") count (", count(1), ",", count(2), ") equals the twin"
    call check(all(got == want), file_name//":"//path//trim(text))
    deallocate(got, want)
    allocate(got(dims(1), dims(2)), want(dims(1), dims(2)))
    extent = dims
    call read_block(file, path, [0_hsize_t, 0_hsize_t], extent, got, dims, e)
    call read_block(twin, path, [0_hsize_t, 0_hsize_t], extent, want, twin_dims, e)
    call check(all(got == want), file_name//":"//path//": the whole matrix equals the twin")
    call h5fclose_f(twin, e)
    call h5fclose_f(file, e)
  end subroutine

  subroutine check_seed()
    integer(hid_t) :: file
    integer(hsize_t) :: dims(2)
    double precision :: got(3, 4)
    double precision, parameter :: want(3, 4) = reshape([0d0, 1d0, 0d0, 0d0, 0d0, 2d0, 0d0, 0d0, 0d0, 3d0, 4d0, 0d0], [3, 4])
    integer :: e
    call h5fopen_f(trim(dir)//"/seed_h5sparse.h5", H5F_ACC_RDONLY_F, file, e)
    call read_block(file, "/X", [0_hsize_t, 0_hsize_t], [3_hsize_t, 4_hsize_t], got, dims, e)
    call check(e == 0 .and. all(got == want), "seed X by value (transposed, as Fortran sees it)")
    call h5fclose_f(file, e)
  end subroutine

end program fortran_client
