//! The filter registered in-process (`flacarray::h5z::register`) and used through the
//! `hdf5-metno` crate, with no plugin path. Needs the `hdf5` feature.

#![cfg(feature = "hdf5")]

use flacarray::h5z::{register, FilterParams, FlacFilterExt, CD_MAGIC, FILTER_ID};
use ndarray::{s, Array2, Array3};

/// The tests of this file take turns: the filter's thread count (`set_threads`) is one per
/// process, and each test sets the counts it means to test. (Readers and writers on several
/// threads at once have a test of their own, `reading_on_threads_beside_a_filtered_write_finishes`.)
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    dir.join(name)
}

#[test]
fn write_and_read_integers_and_floats() {
    let _turn = turn();
    register().unwrap();
    register().unwrap(); // idempotent
    let path = tmp("h5z_metno.h5");
    let ints = Array2::from_shape_fn((5, 9000), |(r, c)| {
        ((c as f64 * 0.004 + r as f64).sin() * 1e5) as i64 + (c as i64 * 7919 % 31)
    });
    let reals = Array3::from_shape_fn((2, 3, 4000), |(a, b, c)| {
        ((a * 3 + b) as f64) + (c as f64 * 0.01).cos()
    });
    {
        let file = hdf5_metno::File::create(&path).unwrap();
        file.new_dataset_builder()
            .with_data(&ints)
            .chunk((2, 4000))
            .flac(FilterParams::lossless(8))
            .unwrap()
            .create("ints")
            .unwrap();
        file.new_dataset_builder()
            .with_data(&reals)
            .chunk((1, 3, 4000))
            .flac(FilterParams::quanta(5, 1e-6))
            .unwrap()
            .create("reals")
            .unwrap();
        let noq = file
            .new_dataset_builder()
            .with_data(&reals)
            .chunk((1, 3, 4000))
            .flac(FilterParams::lossless(5))
            .unwrap()
            .create("noquanta");
        assert!(noq.is_err(), "a float dataset without quanta was created");
    }
    let file = hdf5_metno::File::open(&path).unwrap();
    let d = file.dataset("ints").unwrap();
    let filters = d.filters();
    match &filters[0] {
        hdf5_metno::filters::Filter::User(id, cd) => {
            assert_eq!(*id, FILTER_ID);
            assert_eq!(cd[0], CD_MAGIC);
        }
        other => panic!("unexpected filter {other:?}"),
    }
    assert_eq!(d.read_2d::<i64>().unwrap(), ints);
    assert_eq!(
        d.read_slice_2d::<i64, _>(s![1..4, 3999..4001]).unwrap(),
        ints.slice(s![1..4, 3999..4001])
    );
    assert!(d.storage_size() < (ints.len() * 8 / 2) as u64);
    let back = file
        .dataset("reals")
        .unwrap()
        .read::<f64, ndarray::Ix3>()
        .unwrap();
    let worst = back
        .iter()
        .zip(reals.iter())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(worst <= 0.5e-6 + 1e-12, "{worst}");
}

/// The class the filter hands a library is bound to that library: any address inside it gives
/// the same class, and registering uses it.
#[test]
fn one_class_per_hdf5_library() {
    use flacarray::h5z::class_for;
    let _turn = turn();
    let by_register = class_for(hdf5_sys::h5z::H5Zregister as *const std::ffi::c_void).unwrap();
    let by_chunk = class_for(hdf5_sys::h5p::H5Pget_chunk as *const std::ffi::c_void).unwrap();
    assert!(std::ptr::eq(by_register, by_chunk));
    // With no address, the one library of the process, found by searching: the same.
    let found = class_for(std::ptr::null()).unwrap();
    assert!(std::ptr::eq(by_register, found));
    // An address outside any HDF5 library (this test program's own code) falls back to the
    // search too, rather than failing.
    let here = class_for(one_class_per_hdf5_library as *const std::ffi::c_void).unwrap();
    assert!(std::ptr::eq(by_register, here));
    register().unwrap();
}

/// The stored bytes of every chunk of `d`, by offset.
fn stored_chunks(d: &hdf5_metno::Dataset) -> Vec<(Vec<u64>, Vec<u8>)> {
    (0..d.num_chunks().unwrap())
        .map(|i| {
            let info = d.chunk_info(i).unwrap();
            let mut buf = vec![0u8; info.size as usize];
            let mut mask = 0u32;
            // SAFETY: a valid dataset; the offset has one value per dimension and the buffer
            // the chunk's stored size.
            let st = hdf5_metno::sync::sync(|| unsafe {
                hdf5_sys::h5d::H5Dread_chunk(
                    d.id(),
                    hdf5_sys::h5p::H5P_DEFAULT,
                    info.offset.as_ptr(),
                    &mut mask,
                    buf.as_mut_ptr().cast(),
                )
            });
            assert!(st >= 0 && mask == 0);
            (info.offset, buf)
        })
        .collect()
}

/// `write_filtered` and `read_filtered` move chunks as stored, several encoded or decoded at
/// once: every chunk's bytes are those HDF5's filter writes, edge chunks on every axis
/// included, with 1 and 3 threads; what they read equals the data.
#[test]
fn chunks_moved_many_at_once_are_the_filters_bytes() {
    let _turn = turn();
    use flacarray::h5z::{read_filtered, set_threads, write_filtered};
    register().unwrap();
    let ints = ndarray::Array3::from_shape_fn((5, 3, 9001), |(a, b, c)| {
        ((c as f64 * 0.003 + (a * 3 + b) as f64).sin() * 3e4) as i32 + (c as i32 * 7919 % 53)
    })
    .into_dyn();
    let reals =
        Array2::from_shape_fn((7, 5000), |(r, c)| r as f64 + (c as f64 * 0.02).cos()).into_dyn();
    let shorts =
        ndarray::Array1::from_shape_fn(10001, |c| ((c as f64 * 0.01).sin() * 9000.0) as i16)
            .into_dyn();
    for threads in [1, 3] {
        set_threads(Some(threads));
        let path = tmp(&format!("h5z_chunk_io_{threads}.h5"));
        let file = hdf5_metno::File::create(&path).unwrap();
        let cases: [(&str, &[usize], FilterParams); 3] = [
            ("ints", &[2, 2, 4000], FilterParams::lossless(5)),
            ("reals", &[3, 5000], FilterParams::quanta(9, 1e-6)),
            ("shorts", &[3000], FilterParams::lossless(8)),
        ];
        for (name, chunk, params) in cases {
            let plain = format!("{name}_filter");
            macro_rules! through_filter {
                ($data:expr) => {
                    file.new_dataset_builder()
                        .with_data(&$data)
                        .chunk(chunk.to_vec())
                        .flac(params.clone())
                        .unwrap()
                        .create(plain.as_str())
                        .unwrap()
                };
            }
            match name {
                "ints" => through_filter!(ints),
                "reals" => through_filter!(reals),
                _ => through_filter!(shorts),
            };
            match name {
                "ints" => write_filtered(&file, name, ints.view(), params, chunk),
                "reals" => write_filtered(&file, name, reals.view(), params, chunk),
                _ => write_filtered(&file, name, shorts.view(), params, chunk),
            }
            .unwrap();
            let (a, b) = (file.dataset(&plain).unwrap(), file.dataset(name).unwrap());
            assert!(
                flacarray::h5z::chunk_io::DirectChunks::of(&b)
                    .unwrap()
                    .is_some(),
                "{name}"
            );
            let (ca, cb) = (stored_chunks(&a), stored_chunks(&b));
            assert!(
                ca.len() > 1 && ca == cb,
                "{name}, {threads} threads: chunks differ"
            );
        }
        let d = file.dataset("ints").unwrap();
        assert_eq!(read_filtered::<i32>(&d).unwrap(), ints);
        assert_eq!(
            read_filtered::<i16>(&file.dataset("shorts").unwrap()).unwrap(),
            shorts
        );
        let back = read_filtered::<f64>(&file.dataset("reals").unwrap()).unwrap();
        let worst = back
            .iter()
            .zip(&reals)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst <= 0.5e-6 + 1e-12, "{worst}");
        // Another type than the file's: read through HDF5, converted.
        assert_eq!(read_filtered::<i64>(&d).unwrap(), ints.mapv(i64::from));
        // FLAC then gzip (as h5py writes with compression_opts and a byte filter): HDF5's path.
        let gz = file
            .new_dataset_builder()
            .with_data(&ints)
            .chunk(vec![2, 2, 4000])
            .flac(FilterParams::lossless(5))
            .unwrap()
            .deflate(4)
            .create("ints_gzip")
            .unwrap();
        assert!(flacarray::h5z::chunk_io::DirectChunks::of(&gz)
            .unwrap()
            .is_none());
        assert_eq!(read_filtered::<i32>(&gz).unwrap(), ints);
    }
    set_threads(None);
}

/// `read_filtered` on chunks holding whole rows (decoded where they lie in the output): a
/// chunk never written reads as the fill value, as HDF5 reads it, the edge chunk gives its
/// first rows, and a damaged chunk is an error naming the dataset, with 1 and 2 threads.
#[test]
fn read_filtered_in_place_fills_missing_chunks_and_refuses_damaged_ones() {
    let _turn = turn();
    use flacarray::h5z::{read_filtered, set_threads};
    register().unwrap();
    let data = Array2::from_shape_fn((7, 3000), |(r, c)| {
        ((c as f64 * 0.01 + r as f64).sin() * 2e4) as i32 + (c as i32 * 31 % 17)
    });
    let path = tmp("h5z_read_in_place.h5");
    let file = hdf5_metno::File::create(&path).unwrap();
    let ds = file
        .new_dataset::<i32>()
        .shape((7, 3000))
        .chunk((2, 3000))
        .fill_value(-5)
        .flac(FilterParams::lossless(5))
        .unwrap()
        .create("part")
        .unwrap();
    // Chunk rows 0..2 and 6..7 (the edge) written, 2..6 never.
    ds.write_slice(&data.slice(s![0..2, ..]), s![0..2, ..])
        .unwrap();
    ds.write_slice(&data.slice(s![6..7, ..]), s![6..7, ..])
        .unwrap();
    let mut want = data.clone();
    want.slice_mut(s![2..6, ..]).fill(-5);
    assert!(flacarray::h5z::chunk_io::DirectChunks::of(&ds)
        .unwrap()
        .is_some());
    for threads in [1, 2] {
        set_threads(Some(threads));
        assert_eq!(
            read_filtered::<i32>(&ds)
                .unwrap()
                .into_dimensionality()
                .unwrap(),
            want
        );
    }
    // A byte flipped in the middle of the first chunk, on disk.
    let info = ds.chunk_info(0).unwrap();
    assert_eq!(info.offset, vec![0, 0]);
    drop((ds, file));
    {
        use std::io::{Read, Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let mut b = [0u8];
        let at = SeekFrom::Start(info.addr + info.size / 2);
        f.seek(at).unwrap();
        f.read_exact(&mut b).unwrap();
        f.seek(at).unwrap();
        f.write_all(&[b[0] ^ 0x10]).unwrap();
    }
    let ds = hdf5_metno::File::open(&path)
        .unwrap()
        .dataset("part")
        .unwrap();
    for threads in [1, 2] {
        set_threads(Some(threads));
        let e = read_filtered::<i32>(&ds).unwrap_err().to_string();
        assert!(e.contains("/part") && e.contains("corrupt"), "{e}");
    }
    set_threads(None);
}

/// `read_filtered` and `verify` on one thread while another writes through HDF5's filter, with
/// the filter's threads at 2: the readers' pool threads make no HDF5 call, so the writer
/// (holding hdf5-metno's lock while its filter call waits for the pool) and the readers
/// (waiting for that lock between their chunks) both finish. Before the fix this hung.
#[test]
fn reading_on_threads_beside_a_filtered_write_finishes() {
    let _turn = turn();
    use flacarray::h5z::{read_filtered, set_threads, verify, write_filtered};
    register().unwrap();
    set_threads(Some(2));
    let data = Array2::from_shape_fn((16, 6000), |(r, c)| {
        ((c as f64 * 0.002 + r as f64).sin() * 3e4) as i32 + (c as i32 * 7 % 13)
    });
    let path = tmp("h5z_two_threads.h5");
    {
        let file = hdf5_metno::File::create(&path).unwrap();
        let whole = data.view().into_dyn();
        write_filtered(
            &file,
            "src",
            whole.clone(),
            FilterParams::lossless(5),
            &[2, 6000],
        )
        .unwrap();
        // A second layout, whose chunks are not whole rows (the copying path).
        write_filtered(&file, "cols", whole, FilterParams::lossless(5), &[4, 2500]).unwrap();
    }
    // This thread holds no HDF5 object, so that a deadlock fails the test rather than hang it.
    // Each thread says it ended, also when it panics (its panic then comes out of `join`).
    struct Ended(std::sync::mpsc::Sender<()>);
    impl Drop for Ended {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = {
        let (path, data, ended) = (path.clone(), data.clone(), Ended(tx.clone()));
        std::thread::spawn(move || {
            let _ended = ended;
            let file = hdf5_metno::File::open(&path).unwrap();
            for _ in 0..30 {
                for name in ["src", "cols"] {
                    let ds = file.dataset(name).unwrap();
                    let back = read_filtered::<i32>(&ds).unwrap();
                    assert_eq!(back, data.clone().into_dyn(), "{name}");
                    assert!(verify(&ds).unwrap().is_complete(), "{name}");
                }
            }
        })
    };
    let writer = {
        let (data, ended) = (data.clone(), Ended(tx));
        std::thread::spawn(move || {
            let _ended = ended;
            let file = hdf5_metno::File::create(tmp("h5z_two_threads_out.h5")).unwrap();
            for i in 0..30 {
                let name = format!("through_filter_{i}");
                file.new_dataset_builder()
                    .with_data(&data)
                    .chunk((2, 1500))
                    .flac(FilterParams::lossless(5))
                    .unwrap()
                    .create(name.as_str())
                    .unwrap();
                assert_eq!(file.dataset(&name).unwrap().read_2d::<i32>().unwrap(), data);
            }
        })
    };
    for _ in 0..2 {
        if rx
            .recv_timeout(std::time::Duration::from_secs(600))
            .is_err()
        {
            set_threads(None);
            panic!("a reader and a filtered writer on two threads did not finish: deadlock");
        }
    }
    reader.join().unwrap();
    writer.join().unwrap();
    set_threads(None);
}

/// Appending after reopening, through the Rust API: a resizable dataset made with
/// `FlacFilterExt::flac` is grown and written in a later session, the new chunks are FLAC
/// (the filter is optional, as hdf5-metno adds user filters) and every value reads back.
#[test]
fn append_after_reopening() {
    let _turn = turn();
    register().unwrap();
    let path = tmp("append.h5");
    let first = Array2::from_shape_fn((4, 2500), |(r, c)| (r * 10_000 + c) as i32 % 977);
    {
        let file = hdf5_metno::File::create(&path).unwrap();
        let ds = file
            .new_dataset::<i32>()
            .shape((4.., 2500..))
            .chunk((2, 1000))
            .flac(FilterParams::lossless(5))
            .unwrap()
            .create("tod")
            .unwrap();
        ds.write(&first).unwrap();
        let filters = ds.dcpl().unwrap().filters();
        assert!(matches!(
            filters.as_slice(),
            [hdf5_metno::filters::Filter::User(FILTER_ID, cd)] if cd[0] == CD_MAGIC
        ));
    }
    {
        let file = hdf5_metno::File::open_rw(&path).unwrap();
        let ds = file.dataset("tod").unwrap();
        ds.resize((6, 3000)).unwrap();
        ds.write_slice(&Array2::from_elem((2, 3000), 7i32), s![4..6, ..])
            .unwrap();
        ds.write_slice(&Array2::from_elem((4, 500), 9i32), s![0..4, 2500..3000])
            .unwrap();
    }
    let file = hdf5_metno::File::open(&path).unwrap();
    let ds = file.dataset("tod").unwrap();
    let got: Array2<i32> = ds.read_2d().unwrap();
    assert_eq!(got.slice(s![..4, ..2500]), first);
    assert!(got.slice(s![4.., ..]).iter().all(|&v| v == 7));
    assert!(got.slice(s![..4, 2500..]).iter().all(|&v| v == 9));
    let report = flacarray::h5z::verify(&ds).unwrap();
    assert!(report.is_complete() && report.unfiltered == 0, "{report:?}");
    assert_eq!(report.chunks, 9);
    let back: ndarray::ArrayD<i32> = flacarray::h5z::read_filtered(&ds).unwrap();
    assert_eq!(back, got.into_dyn());
}

/// A file written through h5py with chunk format version 1 (tests/data/filter-v1.h5, h5flac
/// 0.1.0) reads through HDF5's own filter pipeline and through the library's direct reader
/// exactly as it read then (`NAME_decoded`), after the writer moved to version 2; and
/// appending to it writes version-2 chunks beside the old ones.
#[test]
fn files_of_chunk_format_version_1_still_read() {
    let _turn = turn();
    use flacarray::h5z::read_filtered;
    register().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/filter-v1.h5");
    let path = tmp("h5z_v1_copy.h5");
    std::fs::copy(&src, &path).unwrap();
    let file = hdf5_metno::File::open_rw(&path).unwrap();
    macro_rules! check {
        ($t:ty, $name:expr) => {{
            let ds = file.dataset($name).unwrap();
            let then = file
                .dataset(&format!("{}_decoded", $name))
                .unwrap()
                .read_dyn::<$t>()
                .unwrap();
            assert_eq!(ds.read_dyn::<$t>().unwrap(), then, "{} through HDF5", $name);
            assert_eq!(read_filtered::<$t>(&ds).unwrap(), then, "{} direct", $name);
        }};
    }
    check!(i16, "int16");
    check!(u16, "uint16");
    check!(i32, "int32");
    check!(i64, "int64");
    check!(f32, "float32");
    check!(f64, "float64");
    // Rewrite one chunk of int32 (version 2 now) and read the whole again.
    let ds = file.dataset("int32").unwrap();
    let mut want = ds.read_2d::<i32>().unwrap();
    want.slice_mut(s![0..2, 0..1500]).mapv_inplace(|v| v / 3);
    ds.write_slice(&want.slice(s![0..2, 0..1500]).to_owned(), s![0..2, 0..1500])
        .unwrap();
    drop(ds);
    drop(file);
    let file = hdf5_metno::File::open(&path).unwrap();
    let ds = file.dataset("int32").unwrap();
    assert_eq!(ds.read_2d::<i32>().unwrap(), want);
    let chunks = stored_chunks(&ds);
    let versions: Vec<u8> = chunks.iter().map(|(_, c)| c[4]).collect();
    assert!(
        versions.contains(&1) && versions.contains(&2),
        "{versions:?}"
    );
}
