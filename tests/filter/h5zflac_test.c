/* Write and read datasets with the FLAC filter from C, using include/H5Zflac.h.
 * Build: h5cc -I include tests/filter/h5zflac_test.c -o h5zflac_test -lm
 * Run:   HDF5_PLUGIN_PATH=target/release ./h5zflac_test out.h5
 * Prints "c-program: N passed, M failed". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hdf5.h"
#include "H5Zflac.h"

#define ROWS 6
#define COLS 5000

static int passed = 0, failed = 0;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s\n", what);
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "h5zflac_test.h5";
    static int ints[ROWS][COLS], ints_back[ROWS][COLS];
    static double reals[ROWS][COLS], reals_back[ROWS][COLS];
    unsigned int cd[H5Z_FLAC_CD_MAX];
    hsize_t dims[2] = {ROWS, COLS}, chunk[2] = {2, 2000};
    size_t n;
    int r, c;

    for (r = 0; r < ROWS; r++)
        for (c = 0; c < COLS; c++) {
            ints[r][c] = (int)(20000.0 * sin(c * 0.003 + r) + (c * 7919 % 61) - 30);
            reals[r][c] = 3.0 * cos(c * 0.002 * (r + 1)) + 0.001 * (c % 17);
        }

    check(H5Zfilter_avail(H5Z_FILTER_FLAC) > 0, "the plugin is found on HDF5_PLUGIN_PATH");

    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t space = H5Screate_simple(2, dims, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    n = H5Z_flac_cd_lossless(8, cd);
    check(H5Pset_filter(dcpl, H5Z_FILTER_FLAC, H5Z_FLAG_MANDATORY, n, cd) >= 0, "set lossless filter");
    hid_t dset = H5Dcreate2(file, "ints", H5T_STD_I32BE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    check(dset >= 0, "create big-endian int32 dataset");
    check(H5Dwrite(dset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, ints) >= 0, "write ints");
    H5Dclose(dset);
    H5Pclose(dcpl);

    dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    n = H5Z_flac_cd_quanta(5, 1e-6, cd);
    H5Pset_filter(dcpl, H5Z_FILTER_FLAC, H5Z_FLAG_MANDATORY, n, cd);
    dset = H5Dcreate2(file, "reals", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    check(dset >= 0, "create float64 dataset with quanta");
    check(H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, reals) >= 0, "write floats");
    H5Dclose(dset);

    /* A float dataset without quanta must fail at creation. */
    H5Pclose(dcpl);
    dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    n = H5Z_flac_cd_lossless(5, cd);
    H5Pset_filter(dcpl, H5Z_FILTER_FLAC, H5Z_FLAG_MANDATORY, n, cd);
    H5E_BEGIN_TRY {
        dset = H5Dcreate2(file, "noquanta", H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    } H5E_END_TRY;
    check(dset < 0, "float dataset without quanta is refused");
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(file);

    file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    dset = H5Dopen2(file, "ints", H5P_DEFAULT);
    check(H5Dread(dset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, ints_back) >= 0, "read ints");
    int same = 1;
    for (r = 0; r < ROWS; r++)
        for (c = 0; c < COLS; c++)
            same &= ints[r][c] == ints_back[r][c];
    check(same, "ints are exact");
    hid_t plist = H5Dget_create_plist(dset);
    unsigned int flags, stored[16];
    size_t nstored = 16;
    H5Pget_filter_by_id2(plist, H5Z_FILTER_FLAC, &flags, &nstored, stored, 0, NULL, NULL);
    check(nstored == H5Z_FLAC_CD_STORED_LEN && stored[0] == H5Z_FLAC_CD_MAGIC && stored[2] == 8,
          "stored parameters have the documented layout");
    H5Pclose(plist);
    H5Dclose(dset);

    dset = H5Dopen2(file, "reals", H5P_DEFAULT);
    check(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, reals_back) >= 0, "read floats");
    double worst = 0;
    for (r = 0; r < ROWS; r++)
        for (c = 0; c < COLS; c++)
            if (fabs(reals[r][c] - reals_back[r][c]) > worst)
                worst = fabs(reals[r][c] - reals_back[r][c]);
    check(worst <= 0.5e-6 + 1e-12, "floats within half a quanta");
    hsize_t storage = H5Dget_storage_size(dset);
    check(storage < sizeof reals / 2, "floats are compressed");
    H5Dclose(dset);
    H5Fclose(file);

    printf("c-program: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
