//! Property tests: random shapes, types and data round-trip; every selection equals the same
//! selection of the full decode; serial and threaded compression give identical bytes.

use flacarray::{
    array_compress, array_decompress_slice, CompressOptions, DecompressOptions, Element, FlacArray,
    ReadOptions, Slice,
};
use ndarray::{ArrayD, Axis, Dimension, IxDyn};
use proptest::prelude::*;

fn shape_strategy() -> impl Strategy<Value = Vec<usize>> {
    (prop::collection::vec(1usize..5, 0..3), 1usize..5000).prop_map(|(mut lead, n)| {
        lead.push(n);
        lead
    })
}

/// Data of a given shape from a seed: a random walk with jumps, full range for some seeds.
fn make<T: Element>(shape: &[usize], seed: u64, scale: f64) -> ArrayD<T> {
    let mut state = seed | 1;
    let mut acc = 0.0f64;
    ArrayD::from_shape_fn(IxDyn(shape), |_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let u = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
        acc = 0.9 * acc + u * scale;
        if T::DTYPE.is_float() {
            T::from_f64(acc)
        } else {
            T::from_i64(acc.round() as i64)
        }
    })
}

fn roundtrip<T: Element>(
    shape: &[usize],
    seed: u64,
    level: u32,
    scale: f64,
    q: f64,
) -> Result<(), TestCaseError> {
    let data = make::<T>(shape, seed, scale);
    let opts = CompressOptions::default().level(level).quanta(q);
    let serial = array_compress(data.view(), &opts).unwrap();
    let threaded = array_compress(data.view(), &opts.clone().use_threads(true)).unwrap();
    prop_assert_eq!(&serial, &threaded);
    let fa = FlacArray::from_array(data.view(), &opts).unwrap();
    let back: ArrayD<T> = fa.to_array(&ReadOptions::default()).unwrap();
    prop_assert_eq!(back.shape(), data.shape());
    let maxabs = data.iter().fold(0.0f64, |m, v| m.max(v.to_f64().abs()));
    let eps = if T::DTYPE.size() == 4 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let tol = if T::DTYPE.is_float() {
        0.5 * T::from_f64(q).to_f64() + 4.0 * eps * maxabs
    } else {
        0.0
    };
    for (b, d) in back.iter().zip(data.iter()) {
        prop_assert!(
            (b.to_f64() - d.to_f64()).abs() <= tol,
            "{:?} vs {:?} (tol {})",
            b,
            d,
            tol
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn int32_roundtrip(shape in shape_strategy(), seed in any::<u64>(), level in 0u32..9, big in any::<bool>()) {
        roundtrip::<i32>(&shape, seed, level, if big { 4.0e9 } else { 300.0 }, 1.0)?;
    }

    #[test]
    fn int64_roundtrip(shape in shape_strategy(), seed in any::<u64>(), level in 0u32..9, big in any::<bool>()) {
        roundtrip::<i64>(&shape, seed, level, if big { 1.0e18 } else { 1.0e6 }, 1.0)?;
    }

    #[test]
    fn float32_roundtrip(shape in shape_strategy(), seed in any::<u64>(), level in 0u32..9, qexp in -5i32..0) {
        roundtrip::<f32>(&shape, seed, level, 10.0, 10f64.powi(qexp))?;
    }

    #[test]
    fn float64_roundtrip(shape in shape_strategy(), seed in any::<u64>(), level in 0u32..9, qexp in -12i32..0) {
        roundtrip::<f64>(&shape, seed, level, 1000.0, 10f64.powi(qexp))?;
    }

    #[test]
    fn selections_equal_selections_of_the_full_decode(
        shape in shape_strategy(),
        seed in any::<u64>(),
        a in -6000isize..6000,
        b in -6000isize..6000,
        keep_bits in any::<u64>(),
        threads in any::<bool>(),
    ) {
        let data = make::<i64>(&shape, seed, 1.0e5);
        let fa = FlacArray::from_array(data.view(), &CompressOptions::default()).unwrap();
        let full: ArrayD<i64> = fa.to_array(&ReadOptions::default()).unwrap();
        let lead = fa.leading_shape().to_vec();
        let nstreams = fa.nstreams();
        let keep = ArrayD::from_shape_fn(IxDyn(&lead), |ix| {
            let flat = ix.slice().iter().fold(0, |acc, &i| acc * 7 + i);
            keep_bits >> (flat % 64) & 1 == 1
        });
        let slice = Slice::new(Some(a), Some(b), None);
        let range = slice.to_range(fa.stream_size(), "test").unwrap();
        // Reference: the same selection made on the full decode.
        let n = fa.stream_size();
        let rows: Vec<Vec<i64>> = full
            .as_standard_layout()
            .into_shape_with_order(IxDyn(&[nstreams, n]))
            .unwrap()
            .axis_iter(Axis(0))
            .zip(keep.iter())
            .filter(|(_, &k)| k)
            .map(|(r, _)| r.as_slice().unwrap()[range.clone()].to_vec())
            .collect();
        let opts = ReadOptions { keep: Some(keep.view()), stream_slice: Some(slice), use_threads: threads };
        let got: ArrayD<i64> = fa.to_array(&opts).unwrap();
        prop_assert_eq!(got.shape(), &[rows.len(), range.len()][..]);
        for (g, r) in got.axis_iter(Axis(0)).zip(&rows) {
            prop_assert_eq!(g.iter().copied().collect::<Vec<_>>(), r.clone());
        }
        // The same through array_decompress_slice.
        let c = array_compress(data.view(), &CompressOptions::default()).unwrap();
        let dopts = DecompressOptions {
            keep: Some(keep.view()),
            first_sample: Some(range.start),
            last_sample: Some(range.end),
            use_threads: threads,
            no_flatten: false,
        };
        let (arr, idx) = array_decompress_slice::<i64>(
            &c.compressed, n, c.stream_starts.view(), c.stream_nbytes.view(), None, None, &dopts,
        ).unwrap();
        prop_assert_eq!(arr, got);
        prop_assert_eq!(idx.len(), rows.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Floats restored straight from a frame's channels (low word, high word) equal the
    /// restore of the assembled integer to the bit, for any i64, offset and gain.
    #[test]
    fn restore_from_channels_is_exact(
        ints in prop::collection::vec(any::<i64>(), 1..64),
        small in prop::collection::vec(-(1i64 << 40)..(1i64 << 40), 1..64),
        off in -1e6f64..1e6,
        gain in 1e-3f64..1e12,
    ) {
        use flacarray::stream::convert::{restore_stream, Float};
        for v in [ints, small] {
            let lo: Vec<i32> = v.iter().map(|&i| i as i32).collect();
            let hi: Vec<i32> = v.iter().map(|&i| (i >> 32) as i32).collect();
            let mut want = vec![0.0f64; v.len()];
            restore_stream(&v, off, gain, &mut want);
            let mut got = vec![0.0f64; v.len()];
            f64::restore_channels(&[&lo, &hi], off, 1.0 / gain, &mut got);
            let bits = |a: &[f64]| a.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&got), bits(&want));

            let v32: Vec<i32> = lo.clone();
            let mut want = vec![0.0f32; v.len()];
            restore_stream(&v32, off as f32, gain as f32, &mut want);
            let mut got = vec![0.0f32; v.len()];
            f32::restore_channels(&[&lo], off as f32, (1.0 / (gain as f32) as f64) as f32, &mut got);
            let bits = |a: &[f32]| a.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&got), bits(&want));
        }
    }
}
