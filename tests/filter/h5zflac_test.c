/* Write and read datasets with the FLAC filter from C, using include/H5Zflac.h; decode a
 * stored chunk with the plugin's own C functions (include/flacarray.h).
 * Build: h5cc -I include tests/filter/h5zflac_test.c -o h5zflac_test -lm -ldl
 * Run:   HDF5_PLUGIN_PATH=target/release ./h5zflac_test out.h5
 * Prints "c-program: N passed, M failed". */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hdf5.h"
#include "H5Zflac.h"
#include "flacarray.h"

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

/* The plugin's C functions, from the library HDF5 loaded: decode the stored chunk at rows
 * 2-3, columns 2000-3999 of the big-endian int32 dataset and compare with what was written;
 * a damaged copy is refused with a message. */
static void check_c_functions(hid_t dset, const unsigned int *stored, size_t nstored,
                              int ints[ROWS][COLS])
{
    char lib_path[4096], err[256] = "";
    const char *dir = getenv("HDF5_PLUGIN_PATH");
    snprintf(lib_path, sizeof lib_path, "%s/libh5zflac.so", dir ? dir : ".");
    void *lib = dlopen(lib_path, RTLD_NOW);
    check(lib != NULL, "dlopen the plugin library");
    if (!lib)
        return;
    /* Typed by the header's declarations (typeof does not refer to the symbols). */
    __typeof__(&flacarray_version) version =
        (__typeof__(&flacarray_version))dlsym(lib, "flacarray_version");
    __typeof__(&flacarray_chunk_size) chunk_size =
        (__typeof__(&flacarray_chunk_size))dlsym(lib, "flacarray_chunk_size");
    __typeof__(&flacarray_decode_chunk) decode =
        (__typeof__(&flacarray_decode_chunk))dlsym(lib, "flacarray_decode_chunk");
    check(version && strncmp(version(), "flacarray ", 10) == 0, "flacarray_version");
    check(chunk_size && chunk_size(stored, nstored) == 2 * 2000 * 4, "flacarray_chunk_size");
    check(chunk_size && chunk_size(stored, 3) == 0, "flacarray_chunk_size refuses a user form");
    hsize_t offset[2] = {2, 2000};
    hsize_t nbytes = 0;
    uint32_t mask = 0;
    H5Dget_chunk_storage_size(dset, offset, &nbytes);
    unsigned char *chunk = malloc(nbytes), out[2 * 2000 * 4];
    check(H5Dread_chunk(dset, H5P_DEFAULT, offset, &mask, chunk) >= 0 && mask == 0,
          "H5Dread_chunk");
    check(decode && decode(stored, nstored, chunk, nbytes, out, sizeof out, err, sizeof err) == 0,
          "flacarray_decode_chunk");
    int same = 1, r, c;
    for (r = 0; r < 2; r++)
        for (c = 0; c < 2000; c++) {
            const unsigned char *b = out + 4 * (r * 2000 + c); /* big-endian int32 */
            int32_t v = (int32_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
                                  (uint32_t)b[2] << 8 | b[3]);
            same &= v == ints[2 + r][2000 + c];
        }
    check(same, "the decoded chunk holds the written values");
    /* The same chunk through the C encoder: the parameters set_local stored, and the very
     * bytes the filter wrote. */
    __typeof__(&flacarray_stored_params) stored_params =
        (__typeof__(&flacarray_stored_params))dlsym(lib, "flacarray_stored_params");
    __typeof__(&flacarray_encode_chunk) encode =
        (__typeof__(&flacarray_encode_chunk))dlsym(lib, "flacarray_encode_chunk");
    __typeof__(&flacarray_free) release = (__typeof__(&flacarray_free))dlsym(lib, "flacarray_free");
    unsigned int user[1] = {8}, params[10];
    unsigned long long shape[2] = {2, 2000};
    check(stored_params && stored_params(user, 1, 'i', 4, 1, shape, 2, params, err, sizeof err) == 0 &&
              memcmp(params, stored, sizeof params) == 0,
          "flacarray_stored_params gives what set_local stored");
    check(stored_params && stored_params(user, 1, 'f', 8, 0, shape, 2, params, err, sizeof err) == -1 &&
              strstr(err, "quanta") != NULL,
          "flacarray_stored_params refuses floats without quanta");
    check(stored_params && stored_params(user, 1, 'x', 4, 0, shape, 2, params, err, sizeof err) == -1,
          "flacarray_stored_params refuses an unknown kind");
    void *encoded = NULL;
    size_t encoded_len = 0;
    check(encode && encode(stored, nstored, out, sizeof out, &encoded, &encoded_len, err, sizeof err) == 0 &&
              encoded_len == nbytes && memcmp(encoded, chunk, nbytes) == 0,
          "flacarray_encode_chunk gives the filter's bytes");
    if (release)
        release(encoded);
    check(encode && encode(stored, nstored, out, sizeof out - 1, &encoded, &encoded_len, err, sizeof err) == -1,
          "flacarray_encode_chunk refuses a chunk of the wrong size");
    /* Without the dataset's parameters: the chunk's own header says what it holds. */
    __typeof__(&flacarray_chunk_info) chunk_info =
        (__typeof__(&flacarray_chunk_info))dlsym(lib, "flacarray_chunk_info");
    __typeof__(&flacarray_decode) decode_any = (__typeof__(&flacarray_decode))dlsym(lib, "flacarray_decode");
    char kind = 0;
    size_t size = 0;
    int big = -1;
    unsigned long long n_streams = 0, stream_len = 0;
    check(chunk_info && chunk_info(chunk, nbytes, &kind, &size, &big, &n_streams, &stream_len, err, sizeof err) == 0 &&
              kind == 'i' && size == 4 && big == 1 && n_streams == 2 && stream_len == 2000,
          "flacarray_chunk_info reads the chunk's header");
    unsigned char *again = malloc(sizeof out);
    check(decode_any && decode_any(chunk, nbytes, again, sizeof out, err, sizeof err) == 0 &&
              memcmp(again, out, sizeof out) == 0,
          "flacarray_decode decodes by the header alone");
    check(decode_any && decode_any(chunk, nbytes, again, sizeof out + 4, err, sizeof err) == -1,
          "flacarray_decode refuses an output of the wrong size");
    check(chunk_info && chunk_info("FLCH", 4, &kind, &size, &big, &n_streams, &stream_len, err, sizeof err) == -1 &&
              strstr(err, "FLCH") != NULL,
          "flacarray_chunk_info refuses a short chunk");
    free(again);
    chunk[nbytes / 2] ^= 0xFF;
    check(decode && decode(stored, nstored, chunk, nbytes, out, sizeof out, err, sizeof err) == -1 &&
              err[0] != 0,
          "a damaged chunk is refused with a message");
    printf("  flacarray_decode_chunk on a damaged chunk: %s\n", err);
    check(decode && decode(stored, nstored, chunk, nbytes / 3, out, sizeof out, NULL, 0) == -1,
          "a truncated chunk is refused (no message buffer)");
    free(chunk);
}

/* Run in a second process: append two rows of 7 to "ints" (optional filter: no call needed
 * first) and two rows of 0.5 to "reals" (mandatory filter: HDF5 refuses the first write of a
 * process that has not loaded the plugin, so H5Zfilter_avail loads it first), then read back. */
static int append(const char *path)
{
    static int ints_back[ROWS + 2][COLS], add_i[2][COLS];
    static double reals_back[ROWS + 2][COLS], add_r[2][COLS];
    hsize_t grown[2] = {ROWS + 2, COLS}, start[2] = {ROWS, 0}, count[2] = {2, COLS};
    int r, c, ok_i = 1, ok_r = 1;
    for (r = 0; r < 2; r++)
        for (c = 0; c < COLS; c++) {
            add_i[r][c] = 7;
            add_r[r][c] = 0.5;
        }
    hid_t file = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    const char *names[2] = {"ints", "reals"};
    for (int i = 0; i < 2; i++) {
        if (i == 1)
            check(H5Zfilter_avail(H5Z_FILTER_FLAC) > 0, "H5Zfilter_avail loads the plugin");
        hid_t dset = H5Dopen2(file, names[i], H5P_DEFAULT);
        check(H5Dset_extent(dset, grown) >= 0, "append: set_extent after reopening");
        hid_t fs = H5Dget_space(dset), ms = H5Screate_simple(2, count, NULL);
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, count, NULL);
        herr_t st = i == 0 ? H5Dwrite(dset, H5T_NATIVE_INT, ms, fs, H5P_DEFAULT, add_i)
                           : H5Dwrite(dset, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, add_r);
        check(st >= 0, "append: write the new rows");
        H5Sclose(ms);
        H5Sclose(fs);
        H5Dclose(dset);
    }
    H5Fclose(file);
    file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t dset = H5Dopen2(file, "ints", H5P_DEFAULT);
    check(H5Dread(dset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, ints_back) >= 0, "append: read ints");
    H5Dclose(dset);
    dset = H5Dopen2(file, "reals", H5P_DEFAULT);
    check(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, reals_back) >= 0, "append: read floats");
    H5Dclose(dset);
    H5Fclose(file);
    for (r = 0; r < ROWS + 2; r++)
        for (c = 0; c < COLS; c++) {
            int wi = r < ROWS ? (int)(20000.0 * sin(c * 0.003 + r) + (c * 7919 % 61) - 30) : 7;
            double wr = r < ROWS ? 3.0 * cos(c * 0.002 * (r + 1)) + 0.001 * (c % 17) : 0.5;
            ok_i &= ints_back[r][c] == wi;
            ok_r &= fabs(reals_back[r][c] - wr) <= 0.5e-6 + 1e-12;
        }
    check(ok_i, "append: every int exact, old rows and new");
    check(ok_r, "append: every float within half a quanta");
    printf("c-program-append: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "append") == 0)
        return append(argv[2]);
    const char *path = argc > 1 ? argv[1] : "h5zflac_test.h5";
    static int ints[ROWS][COLS], ints_back[ROWS][COLS];
    static double reals[ROWS][COLS], reals_back[ROWS][COLS];
    unsigned int cd[H5Z_FLAC_CD_MAX];
    hsize_t dims[2] = {ROWS, COLS}, maxdims[2] = {H5S_UNLIMITED, COLS}, chunk[2] = {2, 2000};
    size_t n;
    int r, c;

    for (r = 0; r < ROWS; r++)
        for (c = 0; c < COLS; c++) {
            ints[r][c] = (int)(20000.0 * sin(c * 0.003 + r) + (c * 7919 % 61) - 30);
            reals[r][c] = 3.0 * cos(c * 0.002 * (r + 1)) + 0.001 * (c % 17);
        }

    check(H5Zfilter_avail(H5Z_FILTER_FLAC) > 0, "the plugin is found on HDF5_PLUGIN_PATH");

    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t space = H5Screate_simple(2, dims, maxdims);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    n = H5Z_flac_cd_lossless(8, cd);
    check(H5Pset_filter(dcpl, H5Z_FILTER_FLAC, H5Z_FLAG_OPTIONAL, n, cd) >= 0, "set lossless filter");
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
    check_c_functions(dset, stored, nstored, ints);
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
