/*
 * H5Zflac.h: the flacarray FLAC filter for HDF5 (filter ID 32027).
 *
 * The filter compresses each chunk stream by stream along its last axis with FLAC.
 * Load it by putting libh5zflac.so on HDF5_PLUGIN_PATH; this header only gives the ID and
 * helpers to fill the filter parameters (cd_values). It needs no library of its own.
 *
 * Filter parameters as a user gives them (H5Pset_filter, h5repack -f UD=32027,0,N,...):
 *
 *   n  cd_values                      meaning
 *   0  (none)                         level 5; integer data only
 *   1  level                          FLAC level 0..11 (8..11: blocksize and predictor
 *                                     searched per stream); integer data only
 *   2  level, 0                       the same
 *   4  level, 1, quanta_hi, quanta_lo floats: quanta = the IEEE double whose 64 bits are
 *                                     (quanta_hi << 32) | quanta_lo; values come back
 *                                     within quanta/2
 *   3  level, 2, precision            floats: quanta = stream RMS / 10^precision, per stream
 *                                     (precision is a signed 32-bit value)
 *   2  level, 3                       floats: each stream scaled from its own range (about
 *                                     2^31 or 2^63 steps across it), asked for explicitly
 *
 * Integers (signed or unsigned, 8/16/32/64 bits, either byte order) are lossless and ignore
 * the float parameters. float32/float64 datasets need mode 1, 2 or 3, else creating the dataset
 * fails with an error that says so. Other types are refused (with H5Z_FLAG_OPTIONAL, HDF5
 * leaves the filter out for them and stores the data as it is).
 *
 * Flags: pass H5Z_FLAG_OPTIONAL, as h5py, hdf5plugin, hdf5-metno and flacarray's own writers
 * do. HDF5 checks a mandatory filter without loading plugins, so the first write to a dataset
 * whose FLAC filter is mandatory (an append after H5Dset_extent) fails in a process that has
 * not loaded the plugin yet ("required filter 32027 is not registered"); there, call
 * H5Zfilter_avail(H5Z_FILTER_FLAC) once first: it loads the plugin. The filter refuses numbers
 * it cannot code with an error either way; optional only lets HDF5 store other types
 * (strings, compounds) as they are.
 *
 * Pipelines: FLAC must be the first filter; shuffle, nbit, scaleoffset, szip (and FLAC again)
 * may not follow it. Byte filters may: H5Pset_fletcher32, H5Pset_deflate, zstd, ...
 *
 * When the dataset is created, the filter replaces these with its stored form of
 * H5Z_FLAC_CD_STORED_LEN values (h5dump -p shows them):
 *
 *   [0] H5Z_FLAC_CD_MAGIC   [1] layout version (1)   [2] level   [3] mode
 *   [4] quanta_hi or precision   [5] quanta_lo   [6] element type code (see
 *   docs/chunk-format.md)   [7] 1 if big-endian   [8] last chunk dimension
 *   [9] product of the other chunk dimensions
 *
 * The stored form is accepted as input too (h5repack, copied property lists).
 */
#ifndef H5ZFLAC_H
#define H5ZFLAC_H

#include <string.h>

#define H5Z_FILTER_FLAC 32027
#define H5Z_FLAC_DEFAULT_LEVEL 5
#define H5Z_FLAC_MODE_NONE 0
#define H5Z_FLAC_MODE_QUANTA 1
#define H5Z_FLAC_MODE_PRECISION 2
#define H5Z_FLAC_MODE_DATA_RANGE 3
#define H5Z_FLAC_CD_MAGIC 0x464C4143u
#define H5Z_FLAC_CD_STORED_LEN 10
/* The largest user form. */
#define H5Z_FLAC_CD_MAX 4

/* Integer data at a FLAC level. Returns the number of values written to cd (1). */
static inline size_t H5Z_flac_cd_lossless(unsigned int level, unsigned int cd[H5Z_FLAC_CD_MAX])
{
    cd[0] = level;
    return 1;
}

/* Float data quantized with a fixed quanta. Returns the number of values written (4). */
static inline size_t H5Z_flac_cd_quanta(unsigned int level, double quanta,
                                        unsigned int cd[H5Z_FLAC_CD_MAX])
{
    unsigned long long bits;
    memcpy(&bits, &quanta, sizeof bits);
    cd[0] = level;
    cd[1] = H5Z_FLAC_MODE_QUANTA;
    cd[2] = (unsigned int)(bits >> 32);
    cd[3] = (unsigned int)(bits & 0xffffffffu);
    return 4;
}

/* Float data quantized to `precision` digits below each stream's RMS. Returns 3. */
static inline size_t H5Z_flac_cd_precision(unsigned int level, int precision,
                                           unsigned int cd[H5Z_FLAC_CD_MAX])
{
    cd[0] = level;
    cd[1] = H5Z_FLAC_MODE_PRECISION;
    cd[2] = (unsigned int)precision;
    return 3;
}

/* Float data, each stream scaled from its own range. Returns the number of values written (2). */
static inline size_t H5Z_flac_cd_data_range(unsigned int level, unsigned int cd[H5Z_FLAC_CD_MAX])
{
    cd[0] = level;
    cd[1] = H5Z_FLAC_MODE_DATA_RANGE;
    return 2;
}

#endif /* H5ZFLAC_H */
