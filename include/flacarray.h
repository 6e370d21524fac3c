/*
 * flacarray.h: the C functions of the plugin library libh5zflac.so beside HDF5's two entry
 * points (H5PLget_plugin_type, H5PLget_plugin_info) and netCDF-C's NCZarr entry point
 * (NCZ_get_codec_info). The h5flac Python package calls them; any program may. Link with -lh5zflac, or dlopen the library and dlsym the names.
 *
 * None of them throws or aborts: failures return a status (or NULL) and write a
 * NUL-terminated message, cut to fit, into the caller's buffer `err` of `err_len` bytes
 * (which may be NULL).
 */
#ifndef FLACARRAY_H
#define FLACARRAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "flacarray <version> (libFLAC <version>)"; static, never freed. */
const char *flacarray_version(void);

/*
 * The filter's H5Z_class2_t, bound to the HDF5 library whose code contains `addr` (the
 * address of any function of that library, e.g. H5Zregister as the program sees it), to pass
 * to that library's H5Zregister. Every HDF5 library in a process gets its own class whose
 * callbacks call back into that library only (up to 8 libraries). NULL on failure.
 */
const void *flacarray_filter_class(const void *addr, char *err, size_t err_len);

/*
 * The size in bytes of a chunk decoded with a dataset's stored filter parameters (the
 * H5Z_FLAC_CD_STORED_LEN values of H5Zflac.h, as H5Pget_filter_by_id2 returns them on a
 * created dataset); 0 if they are not a valid stored form.
 */
size_t flacarray_chunk_size(const unsigned int *cd_values, size_t n_cd);

/*
 * Decode one stored chunk (`chunk`, `len` bytes, as H5Dread_chunk returns it) into `out`,
 * whose `out_len` must be flacarray_chunk_size(cd_values, n_cd). Returns 0, or -1 with the
 * reason in `err` (damaged or truncated chunk, parameters that do not match it, ...).
 */
int flacarray_decode_chunk(const unsigned int *cd_values, size_t n_cd, const void *chunk,
                           size_t len, void *out, size_t out_len, char *err, size_t err_len);

/*
 * Check a dataset's stored filter parameters (as H5Pget_filter_by_id2 returns them) against
 * the dataset itself: values of `kind` ('i', 'u', 'f') and `size` bytes, big-endian if
 * `big_endian`, in chunks of shape `chunk` (`ndim` dimensions). Returns 0 and sets
 * *chunk_bytes to the size of a decoded chunk, or -1 with the reason in `err` (not a stored
 * form, or parameters that describe other chunks than the dataset's: a damaged or hostile
 * file). Call it once per dataset before sizing any buffer from the parameters.
 */
int flacarray_check_params(const unsigned int *cd_values, size_t n_cd, char kind, size_t size,
                           int big_endian, const unsigned long long *chunk, size_t ndim,
                           size_t *chunk_bytes, char *err, size_t err_len);

/*
 * The stored parameters (`out`: H5Z_FLAC_CD_STORED_LEN = 10 values, what the HDF5 filter's
 * set_local stores; the input of flacarray_encode_chunk and flacarray_decode_chunk) for
 * chunks of shape `chunk` (`ndim` dimensions; the last is the length of each stream, the
 * others multiply to the number of streams) holding values of `kind` ('i' signed integer,
 * 'u' unsigned integer, 'f' IEEE float) of `size` bytes, in big-endian order if `big_endian`,
 * from the user's parameters `user_cd` (the forms of H5Zflac.h; n_user may be 0). Returns 0,
 * or -1 with the reason in `err` (floats without quanta or precision, another type, wrong
 * parameters, an empty or oversized chunk).
 */
int flacarray_stored_params(const unsigned int *user_cd, size_t n_user, char kind, size_t size,
                            int big_endian, const unsigned long long *chunk, size_t ndim,
                            unsigned int out[10], char *err, size_t err_len);

/*
 * Encode one chunk of raw values (`raw`, `len` bytes: the number of values the stored
 * parameters give, in their type and byte order), byte for byte as the HDF5 filter does.
 * Returns 0 and sets *out to a buffer of *out_len bytes, to release with flacarray_free; or
 * -1 with the reason in `err`.
 */
int flacarray_encode_chunk(const unsigned int *cd_values, size_t n_cd, const void *raw,
                           size_t len, void **out, size_t *out_len, char *err, size_t err_len);

/*
 * What a stored chunk's own header says it holds, for clients that keep no filter parameters
 * (the Zarr and numcodecs codecs): *kind ('i' signed, 'u' unsigned integer, 'f' float), *size
 * (bytes per value), *big_endian, *n_streams and *stream_len. Returns 0, or -1 with the
 * reason in `err` (not a chunk of this format, an unknown format version, a damaged header, a
 * length that cannot hold what the header claims).
 */
int flacarray_chunk_info(const void *chunk, size_t len, char *kind, size_t *size,
                         int *big_endian, unsigned long long *n_streams,
                         unsigned long long *stream_len, char *err, size_t err_len);

/*
 * Decode a chunk by its own header alone into `out`, whose `out_len` must be
 * n_streams * stream_len * size (flacarray_chunk_info). Returns 0, or -1 with the reason.
 */
int flacarray_decode(const void *chunk, size_t len, void *out, size_t out_len, char *err,
                     size_t err_len);

/*
 * The HDF5 filter's threads per chunk, for this process: flacarray_set_threads(n) with n > 0
 * threads, 0 for the cores the process may use, or a negative value to go back to the
 * environment variable FLACARRAY_FILTER_THREADS (unset: 1; a number; 0 or "auto": the cores).
 * flacarray_threads() is the count the next chunk gets; flacarray_cores() the cores the
 * process may use (CPU affinity and cgroup quota), what 0 asks for.
 */
void flacarray_set_threads(int n);
int flacarray_threads(void);
int flacarray_cores(void);

/*
 * Python flacarray's array layout (what h5flac.flacarray calls): streams compressed one by one
 * into one buffer, located by stream_starts and stream_nbytes, byte for byte as flacarray
 * 0.4.1 writes them.
 *
 * flacarray_compress_streams: `n_streams` streams of `stream_size` values (`data`, C order,
 * native byte order) of kind 'i' (size 4 or 8) or 'f' (size 4 or 8), at FLAC `level` 0..8.
 * Integers: quant 0. Floats: quant 1 (quant_values: double quanta), 2 (int32_t precision) or
 * 3 (each stream scaled from its own range), with n_quant 0 (one value for all, numpy's
 * arithmetic of a scalar) or n_streams.
 * use_threads: streams on the library's threads (same bytes). Returns 0 and sets *compressed
 * to a buffer of *compressed_len bytes (release with flacarray_free), fills starts and nbytes
 * (n_streams each) and, for floats, offsets and gains (n_streams values of the data's type);
 * or -1 with the reason in `err`.
 */
int flacarray_compress_streams(const void *data, char kind, size_t size, size_t n_streams,
                               size_t stream_size, unsigned int level, int quant,
                               const void *quant_values, size_t n_quant, int use_threads,
                               void **compressed, size_t *compressed_len, int64_t *starts,
                               int64_t *nbytes, void *offsets, void *gains, char *err,
                               size_t err_len);

/*
 * flacarray_check_streams: before an output is allocated, check that the streams `selected`
 * of a buffer of `len` bytes lie within it and that their bytes can hold `stream_size`
 * samples of `channels` (1 or 2) channels each (what flacarray_decompress_streams checks
 * first). Returns 0, or -1 with the reason in `err`.
 */
int flacarray_check_streams(size_t len, size_t stream_size, const int64_t *starts,
                            const int64_t *nbytes, size_t n_streams, unsigned int channels,
                            const size_t *selected, size_t n_selected, char *err,
                            size_t err_len);

/*
 * flacarray_decompress_streams: samples [first, last) of the streams `selected` (n_selected
 * indices below n_streams, C order of the leading index) into `out`: out_len bytes, a row of
 * last - first values of kind/size a stream, in the order given. offsets and gains
 * (n_streams values of the output's type) for float output, NULL for integers. Each stream's
 * bytes are checked against the buffer, each frame against its stream. Returns 0, or -1 with
 * the reason in `err`.
 */
int flacarray_decompress_streams(const void *compressed, size_t len, size_t stream_size,
                                 const int64_t *starts, const int64_t *nbytes, size_t n_streams,
                                 char kind, size_t size, const void *offsets, const void *gains,
                                 const size_t *selected, size_t n_selected, size_t first,
                                 size_t last, int use_threads, void *out, size_t out_len,
                                 char *err, size_t err_len);

/*
 * Python flacarray's utils.float_to_int and int_to_float on n_streams streams of stream_size
 * values: floats of `size` bytes (4: float32 <-> int32, 8: float64 <-> int64), quantized as
 * flacarray_compress_streams quantizes them (quant 1, 2 or 3; n_quant 0 for one value) with
 * each stream's offset and gain (n_streams floats of `size` bytes each), and back. Return 0,
 * or -1 with the reason in `err` (a value that is not finite or does not fit at its quanta).
 */
int flacarray_float_to_int(const void *data, size_t size, size_t n_streams, size_t stream_size,
                           int quant, const void *quant_values, size_t n_quant, void *ints,
                           void *offsets, void *gains, char *err, size_t err_len);
int flacarray_int_to_float(const void *ints, size_t size, size_t n_streams, size_t stream_size,
                           const void *offsets, const void *gains, void *out, char *err,
                           size_t err_len);

/*
 * Reading a sample range of one stream without reading it whole. flacarray_head_probe(): how
 * many first bytes of the stream to read as its head. flacarray_stream_window: from the head
 * (head_len bytes), the stream's nbytes and stream_size, plan the bytes to read for samples
 * [first, last) with `margin` frames of slack (0.25; 2 if that missed): returns 1 and sets
 * *start/*end (within the stream) and *k0, or 0 to read the stream whole.
 * flacarray_decode_window: decode samples [first, first + n) (out: n values of kind/size,
 * out_len bytes) from that window and the head; offset/gain point to one value of the output
 * type for floats, NULL for integers. Returns 0, 1 if the window does not hold the samples
 * (read more), or -1 with the reason in `err`.
 */
size_t flacarray_head_probe(void);
int flacarray_stream_window(const void *head, size_t head_len, uint64_t nbytes,
                            size_t stream_size, size_t first, size_t last, double margin,
                            uint64_t *start, uint64_t *end, uint64_t *k0);
int flacarray_decode_window(const void *head, size_t head_len, const void *window,
                            size_t window_len, uint64_t k0, size_t stream_size, size_t first,
                            char kind, size_t size, const void *offset, const void *gain,
                            void *out, size_t out_len, char *err, size_t err_len);

/* Release a buffer from flacarray_encode_chunk or flacarray_compress_streams (NULL is allowed). */
void flacarray_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* FLACARRAY_H */
