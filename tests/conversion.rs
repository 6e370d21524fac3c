//! The float conversion of spec §3.3, value for value (figures from Python flacarray 0.4.1).

use flacarray::stream::convert::{precision_quanta, quantize_stream, restore_stream};

const X: [f32; 5] = [1.0, 2.5, 3.7, -1.2, 10.01];

/// Restore and widen to f64 (exactly) to compare with numpy's printed float32 values.
fn restored(ints: &[i32], off: u32, gain: u32) -> Vec<f64> {
    let mut back = [0f32; 5];
    restore_stream(ints, f32::from_bits(off), f32::from_bits(gain), &mut back);
    back.iter().map(|&v| v as f64).collect()
}

fn convert(q: f32) -> (u32, u32, Vec<i32>) {
    let mut ints = vec![0i32; 5];
    let (off, gain) = quantize_stream(&X, q, &mut ints).unwrap();
    (off.to_bits(), gain.to_bits(), ints)
}

#[test]
fn table_quanta_0_1() {
    let (off, gain, ints) = convert(0.1);
    assert_eq!((off, gain), (1082969293, 1092616192)); // 4.4f32, 10.0f32
    assert_eq!(ints, [-34, -19, -7, -56, 56]);
    assert_eq!(
        restored(&ints, off, gain),
        [1.0, 2.5, 3.700000047683716, -1.1999998092651367, 10.0]
    );
}

#[test]
fn table_quanta_0_01() {
    let (off, gain, ints) = convert(0.01);
    assert_eq!((off, gain), (1082969293, 1120403456)); // 4.4f32, 100.0f32
    assert_eq!(ints, [-340, -190, -70, -560, 561]);
    assert_eq!(
        restored(&ints, off, gain),
        [
            1.000000238418579,
            2.5,
            3.700000047683716,
            -1.1999998092651367,
            10.010000228881836
        ]
    );
}

#[test]
fn table_precision_3() {
    // numpy.std gives 3.7766674; quanta = std / 1000 in float32.
    let q = precision_quanta(&X, 3, true);
    let (off, gain, ints) = convert(q);
    assert_eq!((off, gain), (1082976830, 1132749905)); // 4.403594f32, 264.78372f32
    assert_eq!(ints, [-901, -504, -186, -1484, 1484]);
}

#[test]
fn offset_snaps_toward_zero_to_the_quanta_grid() {
    // Midrange 5.3, q = 0.1: 52.99.. truncates to 52, offset 5.2.
    let mut i = [0i64; 2];
    let (off, _) = quantize_stream(&[5.3f64, 5.3], 0.1, &mut i).unwrap();
    assert_eq!(off, 0.1 * 52.0);
    for (mid, q, want) in [
        (10.5f64, 0.1f64, 0.1 * 105.0),
        (-10.5, 0.1, 0.1 * -105.0),
        (0.3, 1.0, 0.0),
    ] {
        let (off, _) = quantize_stream(&[mid - 0.01, mid + 0.01], q, &mut i).unwrap();
        assert_eq!(off, want, "midrange {mid} q {q}");
    }
}

#[test]
fn rounding_is_half_away_from_zero() {
    let mut i = [0i64; 4];
    // Offset 0 (midrange 0 snaps to 0); gain 1.
    quantize_stream(&[-2.5f64, -0.5, 0.5, 2.5], 1.0, &mut i).unwrap();
    assert_eq!(i, [-3, -1, 1, 3]);
}
