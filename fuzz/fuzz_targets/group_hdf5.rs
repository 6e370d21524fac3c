//! The group-format reader through its HDF5 store on corrupted groups (the parser alone, much
//! faster, is `group_read`): a valid group is written to an in-memory HDF5
//! file, then the input, read as edit commands, corrupts its datasets and attributes, and
//! the group is read back every way (whole, keep, stream slice, FlacArray).
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};

use flacarray::hdf5::read_array;
use flacarray::ReadOptions;
use flacarray::{CompressOptions, FlacArray, Slice};
use libfuzzer_sys::fuzz_target;
use ndarray::{ArrayD, IxDyn};

static N: AtomicUsize = AtomicUsize::new(0);

fn edit(file: &hdf5_metno::File, cmd: &[u8]) -> Option<()> {
    let v = i64::from_le_bytes(cmd[2..10].try_into().ok()?);
    let names = [
        "stream_starts",
        "stream_bytes",
        "stream_offsets",
        "stream_gains",
        "compressed",
    ];
    let name = names[(cmd[1] % 5) as usize];
    match cmd[0] % 6 {
        // Overwrite a byte of the compressed stream.
        0 => {
            let ds = file.dataset("compressed").ok()?;
            let mut b: Vec<u8> = ds.read_raw().ok()?;
            let n = b.len();
            b[(v as u64 % n as u64) as usize] ^= cmd[10];
            ds.write_raw(&b).ok()
        }
        // Change a per-stream value.
        1 => {
            let ds = file.dataset(name).ok()?;
            if name == "compressed" {
                return None;
            }
            if name.starts_with("stream_o") || name.starts_with("stream_g") {
                let mut x: Vec<f64> = ds.read_raw().ok()?;
                let n = x.len();
                x[cmd[10] as usize % n] = f64::from_bits(v as u64);
                ds.write_raw(&x).ok()
            } else {
                let mut x: Vec<i64> = ds.read_raw().ok()?;
                let n = x.len();
                x[cmd[10] as usize % n] = v;
                ds.write_raw(&x).ok()
            }
        }
        // Remove a dataset.
        2 => file.unlink(name).ok(),
        // A different stream_size.
        3 => {
            let ds = file.dataset("stream_starts").ok()?;
            ds.attr("stream_size").ok()?.write_scalar(&v).ok()
        }
        // A different or missing format version / channel count.
        4 => {
            let _ = file.delete_attr(if cmd[1] % 2 == 0 {
                "flacarray_format_version"
            } else {
                "flac_channels"
            });
            file.new_attr::<i64>()
                .shape(())
                .create(if cmd[1] % 2 == 0 {
                    "flacarray_format_version"
                } else {
                    "flac_channels"
                })
                .ok()?
                .write_scalar(&(v % 4))
                .ok()
        }
        // A different recorded shape.
        _ => {
            let _ = file.delete_attr("flacarray_shape");
            let sh: Vec<i64> = cmd[2..10]
                .iter()
                .take(1 + cmd[1] as usize % 4)
                .map(|&b| b as i64)
                .collect();
            file.new_attr::<i64>()
                .shape(sh.len())
                .create("flacarray_shape")
                .ok()?
                .write_raw(&sh)
                .ok()
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let i = N.fetch_add(1, Ordering::Relaxed);
    let file = hdf5_metno::File::with_options()
        .with_fapl(|p| p.core_filebacked(false))
        .create(format!("fuzz-group-{i}.h5"))
        .unwrap();
    let arr = ArrayD::from_shape_fn(IxDyn(&[3, 2, 1500]), |ix| {
        ((ix[2] as f64 * 0.01 * (1 + ix[0]) as f64).sin() * 100.0 + ix[1] as f64) as f64
    });
    flacarray::hdf5::write_array(arr.view(), &file, &CompressOptions::default().quanta(1e-3))
        .unwrap();
    for cmd in data.chunks(11).filter(|c| c.len() == 11).take(8) {
        let _ = edit(&file, cmd);
    }
    let _ = read_array::<f64, _>(&file, &ReadOptions::default());
    let keep = ArrayD::from_shape_fn(IxDyn(&[3, 2]), |ix| (data.len() + ix[0] + ix[1]) % 3 == 0);
    let _ = read_array::<f64, _>(
        &file,
        &ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        },
    );
    let a = data.first().copied().unwrap_or(0) as isize * 7;
    let _ = read_array::<f64, _>(
        &file,
        &ReadOptions {
            stream_slice: Some(Slice::new(Some(a), Some(a + 300), None)),
            ..Default::default()
        },
    );
    let _ = read_array::<i32, _>(&file, &ReadOptions::default());
    if let Ok(fa) = FlacArray::read_hdf5(&file, None) {
        let _ = fa.to_array::<f64>(&Default::default());
    }
});
