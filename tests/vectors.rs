//! The hex test vectors of the spec (§14.2), byte for byte, through the stream codec.

use flacarray::stream::decode::{Decoder, StreamBytes};
use flacarray::stream::flac::Encoder;

const V1: &str = "664c614300000022100010000000000000000ac441f00000000000000000000000000000000000000000840000282000\
00007265666572656e6365206c6962464c414320312e352e3020323032353032313100000000fff8690e00095f14ffff\
ffecfffffff3003fc0844a664c614300000022100010000000000000000ac441f0000000000000000000000000000000\
000000000084000028200000007265666572656e6365206c6962464c414320312e352e30203230323530323131000000\
00fff8690e00095f02fffffffb000000037fffffff800000000000000000000001ffffffff00000064ffffff9c000000\
2a97c3";

const V2: &str = "664c614300000022100010000000000000000ac443f00000000000000000000000000000000000000000840000282000\
00007265666572656e6365206c6962464c414320312e352e3020323032353032313100000000fff8691e0007d7160000\
0000ffffffff00000000442fd000000160000006400000071fffffff502000000039e00012f0fffffffc0c09032618";

const V3: &str = "664c614300000022048004800000000000000ac441f00000000000000000000000000000000000000000840000282000\
00007265666572656e6365206c6962464c414320312e352e3020323032353032313100000000fff8390e008714fffffc\
18fffffc1b003fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffff76b9fff8390e018014000009980000099b003fffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
ffffffffffffffffffffffffffffffffffffffffffffffffebccfff8690e02c30d14000017180000171b003fffffffff\
fffffffffffffffffffffffffffffffffffffff00b1a";

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn v1_int32_two_streams_level5() {
    let rows: [[i32; 10]; 2] = [
        [-20, -13, -6, 1, 8, 15, 22, 29, 36, 43],
        [-5, 3, i32::MAX, i32::MIN, 0, 1, -1, 100, -100, 42],
    ];
    let mut enc = Encoder::new();
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for r in &rows {
        starts.push(out.len());
        enc.encode(r, 5, &mut out).unwrap();
    }
    assert_eq!(starts, [0, 107]);
    assert_eq!(out, unhex(V1));
    let mut dec = Decoder::new();
    for (r, (&s, e)) in rows.iter().zip(starts.iter().zip([107, 243])) {
        let mut got = [0i32; 10];
        dec.decode(StreamBytes::Whole(&out[s..e]), 10, 0, &mut got)
            .unwrap();
        assert_eq!(&got, r);
    }
}

#[test]
fn v2_int64_level5() {
    let x: [i64; 8] = [i64::MIN, i64::MAX, 0, 1, -1, 1 << 32, -(1 << 32), 1 << 31];
    let mut out = Vec::new();
    Encoder::new().encode(&x, 5, &mut out).unwrap();
    assert_eq!(out.len(), 143);
    assert_eq!(out, unhex(V2));
    let mut got = [0i64; 8];
    Decoder::new()
        .decode(StreamBytes::Whole(&out), 8, 0, &mut got)
        .unwrap();
    assert_eq!(got, x);
}

#[test]
fn v3_level0_three_frames_and_seeks() {
    let x: Vec<i32> = (0..2500).map(|i| 3 * i - 1000).collect();
    let mut out = Vec::new();
    Encoder::new().encode(&x, 0, &mut out).unwrap();
    assert_eq!(out.len(), 454);
    assert_eq!(out, unhex(V3));
    let mut dec = Decoder::new();
    for (a, b) in [
        (0, 2500),
        (1152, 1153),
        (2304, 2500),
        (1151, 2305),
        (2499, 2500),
        (5, 6),
    ] {
        let mut got = vec![0i32; b - a];
        dec.decode(StreamBytes::Whole(&out), 2500, a as u64, &mut got)
            .unwrap();
        assert_eq!(got, x[a..b], "range {a}..{b}");
    }
}
