// Debian 13's HDF5 Java bindings (libhdf5-java, hdf.hdf5lib.H5), unmodified, read hyperslabs of
// sparse groups through the connector. Run by java_client.sh as a single-file program.
// Each read is compared with the same read of the dense twin (test/fixtures/README.md). A silent
// fallback to the native connector fails: H5VLget_connector_name would say "native", and the
// group would not open with H5Dopen.
import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class ReadHyperslab {
    static int failures = 0;

    static void check(boolean ok, String what) {
        System.out.println((ok ? "ok: " : "FAIL: ") + what);
        if (!ok) failures++;
    }

    /** The selection [start, start + count) with stride, read as doubles (H5T_NATIVE_DOUBLE). */
    static double[] read(long file, String path, long[] start, long[] stride, long[] count, long[] dims) throws Exception {
        long dset = H5.H5Dopen(file, path, HDF5Constants.H5P_DEFAULT);
        long space = H5.H5Dget_space(dset);
        long[] maxdims = new long[2];
        H5.H5Sget_simple_extent_dims(space, dims, maxdims);
        H5.H5Sselect_hyperslab(space, HDF5Constants.H5S_SELECT_SET, start, stride, count, null);
        long mem = H5.H5Screate_simple(2, count, null);
        double[] buf = new double[(int) (count[0] * count[1])];
        H5.H5Dread_double(dset, HDF5Constants.H5T_NATIVE_DOUBLE, mem, space, HDF5Constants.H5P_DEFAULT, buf);
        H5.H5Sclose(mem);
        H5.H5Sclose(space);
        H5.H5Dclose(dset);
        return buf;
    }

    /** Reads a block in the dataset's own type class (float/int as stored), compared by bytes. */
    static byte[] readNative(long file, String path, long[] start, long[] count) throws Exception {
        long dset = H5.H5Dopen(file, path, HDF5Constants.H5P_DEFAULT);
        long ftype = H5.H5Dget_type(dset);
        long mtype = H5.H5Tget_native_type(ftype);
        long space = H5.H5Dget_space(dset);
        H5.H5Sselect_hyperslab(space, HDF5Constants.H5S_SELECT_SET, start, null, count, null);
        long mem = H5.H5Screate_simple(2, count, null);
        byte[] buf = new byte[(int) (count[0] * count[1] * H5.H5Tget_size(mtype))];
        H5.H5Dread(dset, mtype, mem, space, HDF5Constants.H5P_DEFAULT, buf);
        H5.H5Sclose(mem);
        H5.H5Sclose(space);
        H5.H5Tclose(mtype);
        H5.H5Tclose(ftype);
        H5.H5Dclose(dset);
        return buf;
    }

    static void checkMatrix(long file, long twin, String path, long rows, long cols) throws Exception {
        var info = H5.H5Oget_info_by_name(file, path, HDF5Constants.H5P_DEFAULT);
        check(info.type == HDF5Constants.H5O_TYPE_DATASET, path + ": H5Oget_info_by_name type is H5O_TYPE_DATASET (" + info.type + ")");
        long[] dims = new long[2], twinDims = new long[2];
        long r0 = rows > 12 ? 10 : 1, c0 = cols > 7 ? 5 : 1;  // rows 10..19, columns 5..29 when they exist
        long[] start = {r0, c0}, count = {Math.min(10, rows - r0), Math.min(25, cols - c0)};
        double[] got = read(file, path, start, null, count, dims);
        double[] want = read(twin, path, start, null, count, twinDims);
        check(Arrays.equals(dims, new long[] {rows, cols}) && Arrays.equals(dims, twinDims),
              path + ": dims " + Arrays.toString(dims));
        check(Arrays.equals(got, want), path + ": H5Dread hyperslab start " + Arrays.toString(start) + " count "
              + Arrays.toString(count) + " as double equals the twin");
        long[] sstart = {0, 1}, stride = {3, 4}, scount = {(rows + 2) / 3, cols / 4};
        check(Arrays.equals(read(file, path, sstart, stride, scount, dims), read(twin, path, sstart, stride, scount, twinDims)),
              path + ": strided hyperslab (stride 3x4) equals the twin");
        check(Arrays.equals(readNative(file, path, start, count), readNative(twin, path, start, count)),
              path + ": the same block in its native type equals the twin, byte for byte");
        long dset = H5.H5Dopen(file, path, HDF5Constants.H5P_DEFAULT);
        check("h5sparse".equals(H5.H5VLget_connector_name(dset)), path + ": H5VLget_connector_name is " + H5.H5VLget_connector_name(dset));
        H5.H5Dclose(dset);
    }

    public static void main(String[] args) throws Exception {
        String dir = System.getenv("H5SPARSE_FIXTURES");
        Object[][] cases = {
            {"anndata.h5ad", "anndata_dense.h5", "/X", 60L, 40L},
            {"anndata.h5ad", "anndata_dense.h5", "/layers/counts", 60L, 40L},
            {"anndata.h5ad", "anndata_dense.h5", "/obsp/connectivities", 60L, 60L},
            {"seed_h5sparse.h5", "seed_h5sparse_dense.h5", "/X", 4L, 3L},
            {"tenx_v3.h5", "tenx_v3_dense.h5", "/matrix", 50L, 30L},
        };
        for (Object[] c : cases) {
            long file = H5.H5Fopen(dir + "/" + c[0], HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
            long twin = H5.H5Fopen(dir + "/" + c[1], HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
            check("h5sparse".equals(H5.H5VLget_connector_name(file)), c[0] + ": H5VLget_connector_name is " + H5.H5VLget_connector_name(file));
            checkMatrix(file, twin, (String) c[2], (Long) c[3], (Long) c[4]);
            H5.H5Fclose(twin);
            H5.H5Fclose(file);
        }
        long seed = H5.H5Fopen(dir + "/seed_h5sparse.h5", HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        double[] all = read(seed, "/X", new long[] {0, 0}, null, new long[] {4, 3}, new long[2]);
        check(Arrays.equals(all, new double[] {0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 4, 0}), "seed X by value " + Arrays.toString(all));
        H5.H5Fclose(seed);
        String maps = Files.readString(Path.of("/proc/self/maps"));
        check(maps.contains("/libh5sparse_vol.so"), "libh5sparse_vol.so is loaded");
        int[] version = new int[3];
        H5.H5get_libversion(version);
        System.out.println("Java " + System.getProperty("java.version") + ", HDF5 " + version[0] + "." + version[1] + "." + version[2]);
        if (failures > 0) {
            System.out.println(failures + " check(s) failed");
            System.exit(1);
        }
    }
}
