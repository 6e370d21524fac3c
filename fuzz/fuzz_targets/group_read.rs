//! The group format's checks and reads on corrupted groups, without a store: the values of a
//! valid group (made once) are edited by the input, read as commands of 11 bytes (a byte of
//! `compressed`, a per-stream value, a removed dataset, `stream_size`, the version or
//! channels, the recorded shape), then read back every way (whole, keep, a stream slice, as
//! integers, as a FlacArray). `group_hdf5` does the same through an HDF5 file.
#![no_main]

use std::sync::OnceLock;

use flacarray::{CompressOptions, FlacArray, MemoryGroup, ReadOptions, Slice};
use libfuzzer_sys::fuzz_target;
use ndarray::{ArrayD, IxDyn};

fn pristine() -> &'static MemoryGroup {
    static GROUP: OnceLock<MemoryGroup> = OnceLock::new();
    GROUP.get_or_init(|| {
        let arr = ArrayD::from_shape_fn(IxDyn(&[3, 2, 1500]), |ix| {
            (ix[2] as f64 * 0.01 * (1 + ix[0]) as f64).sin() * 100.0 + ix[1] as f64
        });
        let fa = FlacArray::from_array(arr.view(), &CompressOptions::default().quanta(1e-3))
            .expect("compress");
        MemoryGroup::of(&fa)
    })
}

fn edit(group: &mut MemoryGroup, cmd: &[u8]) {
    let compressed = &mut group.compressed;
    let g = &mut group.meta;
    let v = i64::from_le_bytes(cmd[2..10].try_into().expect("8 bytes"));
    let at = cmd[10] as usize;
    match cmd[0] % 6 {
        0 => {
            let n = compressed.len();
            if n > 0 {
                compressed[(v as u64 % n as u64) as usize] ^= cmd[10];
            }
        }
        1 => match cmd[1] % 5 {
            0 => set(&mut g.starts, at, v),
            1 => set(&mut g.nbytes, at, v),
            2 => set_f(&mut g.offsets, at, v),
            3 => set_f(&mut g.gains, at, v),
            _ => {
                let keep = v as u64 % (compressed.len() as u64 + 1);
                compressed.truncate(keep as usize);
            }
        },
        2 => match cmd[1] % 5 {
            0 => g.starts.clear(),
            1 => g.nbytes.clear(),
            2 => g.offsets = None,
            3 => g.gains = None,
            _ => compressed.clear(),
        },
        3 => g.stream_size = (cmd[1] % 2 == 0).then_some(v),
        4 => {
            if cmd[1] % 2 == 0 {
                g.version = v % 4;
            } else {
                g.channels = (cmd[1] % 4 != 1).then_some(v % 4);
            }
            if cmd[1] % 8 == 6 {
                g.int_offsets = Some(vec![v; g.starts.len()]);
            }
        }
        _ => {
            g.shape = (cmd[1] % 8 != 7).then(|| {
                cmd[2..10]
                    .iter()
                    .take(1 + cmd[1] as usize % 4)
                    .map(|&b| b as i64)
                    .collect()
            });
            if cmd[1] % 8 == 3 {
                g.lead = cmd[3..6].iter().map(|&b| b as usize % 4).collect();
            }
        }
    }
}

fn set(v: &mut [i64], at: usize, x: i64) {
    let n = v.len();
    if n > 0 {
        v[at % n] = x;
    }
}

fn set_f(v: &mut Option<(Vec<f64>, usize)>, at: usize, x: i64) {
    if let Some((v, _)) = v {
        let n = v.len();
        if n > 0 {
            v[at % n] = f64::from_bits(x as u64);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut g = pristine().clone();
    for cmd in data.chunks(11).filter(|c| c.len() == 11).take(8) {
        edit(&mut g, cmd);
    }
    // Whole reads allocate what the group declares before decoding (up to about 7000 samples
    // a byte it holds): not tried past 2^24 values, beyond the fuzzer's allocation limit.
    let declared = g
        .meta
        .lead
        .iter()
        .fold(g.meta.stream_size.unwrap_or(0) as u64, |a, &d| {
            a.saturating_mul(d as u64)
        });
    let a = data.first().copied().unwrap_or(0) as isize * 7;
    let _ = g.read::<f64>(&ReadOptions {
        stream_slice: Some(Slice::new(Some(a), Some(a + 300), None)),
        ..Default::default()
    });
    if let Ok(fa) = g.to_flacarray(None) {
        if declared <= 1 << 24 {
            let _ = fa.to_array::<f64>(&Default::default());
        }
    }
    if declared > 1 << 24 {
        return;
    }
    let _ = g.read::<f64>(&ReadOptions::default());
    let keep = ArrayD::from_shape_fn(IxDyn(&[3, 2]), |ix| (data.len() + ix[0] + ix[1]) % 3 == 0);
    let _ = g.read::<f64>(&ReadOptions {
        keep: Some(keep.view()),
        ..Default::default()
    });
    let _ = g.read::<i32>(&ReadOptions::default());
});
