//! `h5z::verify`: chunks never written and chunks that do not decode are listed; a complete
//! dataset passes; datasets without the FLAC filter are refused.

#![cfg(feature = "hdf5")]

use std::io::{Read, Seek, SeekFrom, Write};

use flacarray::h5z::{verify, FilterParams, FlacFilterExt};
use ndarray::{s, Array2};

fn data() -> Array2<i32> {
    Array2::from_shape_fn((8, 5000), |(r, c)| {
        ((r * 7919 + c * 31) % 1000) as i32 - 500
    })
}

fn path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("flacarray-verify-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn lists_missing_and_damaged_chunks() {
    let p = path("v.h5");
    let addr;
    {
        let f = hdf5_metno::File::create(&p).unwrap();
        let full = f
            .new_dataset_builder()
            .with_data(&data())
            .chunk((2, 2500))
            .flac(FilterParams::lossless(5))
            .unwrap()
            .create("full")
            .unwrap();
        let report = verify(&full).unwrap();
        assert_eq!(report.chunks, 8);
        assert!(report.is_complete(), "{report:?}");

        // Only rows 2..4 written: 6 of the 8 chunks never were.
        let part = f
            .new_dataset::<i32>()
            .shape((8, 5000))
            .chunk((2, 2500))
            .flac(FilterParams::lossless(5))
            .unwrap()
            .create("part")
            .unwrap();
        part.write_slice(&data().slice(s![2..4, ..]), s![2..4, ..])
            .unwrap();
        let report = verify(&part).unwrap();
        assert_eq!(report.chunks, 8);
        assert!(report.damaged.is_empty());
        assert_eq!(
            report.missing,
            vec![
                vec![0, 0],
                vec![0, 2500],
                vec![4, 0],
                vec![4, 2500],
                vec![6, 0],
                vec![6, 2500]
            ]
        );

        let plain = f
            .new_dataset_builder()
            .with_data(&data())
            .chunk((2, 2500))
            .deflate(4)
            .create("gzip")
            .unwrap();
        let msg = verify(&plain).unwrap_err().to_string();
        assert!(msg.contains("not compressed with the FLAC filter"), "{msg}");
        addr = full.chunk_info(3).unwrap();
    }
    // Flip one byte in the middle of chunk 3 of `full`, on disk.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&p)
        .unwrap();
    let at = addr.addr + addr.size / 2;
    let mut b = [0u8];
    file.seek(SeekFrom::Start(at)).unwrap();
    file.read_exact(&mut b).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&[b[0] ^ 0x10]).unwrap();
    drop(file);

    let f = hdf5_metno::File::open(&p).unwrap();
    let report = verify(&f.dataset("full").unwrap()).unwrap();
    assert!(report.missing.is_empty());
    assert_eq!(report.damaged.len(), 1, "{report:?}");
    assert_eq!(report.damaged[0].0, addr.offset);
    assert!(!report.is_complete());
}
