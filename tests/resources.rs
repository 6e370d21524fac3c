//! Encoding and decoding many streams with one thread's coders does not grow memory.
//!
//! libFLAC 1.5.0 leaks 32 KiB per re-initialisation of an encoder object, so a reused
//! encoder would grow the process by hundreds of megabytes here. Linux only (reads VmRSS).

#![cfg(target_os = "linux")]

use flacarray::stream::decode::{Decoder, StreamBytes};
use flacarray::stream::flac::Encoder;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn many_streams_do_not_grow_memory() {
    let x: Vec<i64> = (0..500).map(|i| (i * 7919 % 1000) - 500).collect();
    let mut enc = Encoder::new();
    let mut dec = Decoder::new();
    let mut bytes = Vec::new();
    let mut y = vec![0i64; 500];
    // Warm up, then measure over 8000 streams (a leak of 32 KiB each would be 250 MiB of
    // address space, of which about 55 MiB is touched).
    for round in 0..2 {
        let before = rss_kib();
        for _ in 0..8000 {
            bytes.clear();
            enc.encode(&x, 5, &mut bytes).unwrap();
            dec.decode(StreamBytes::Whole(&bytes), 500, 0, &mut y)
                .unwrap();
            dec.decode(StreamBytes::Whole(&bytes), 500, 100, &mut y[..10])
                .unwrap();
        }
        let grown = rss_kib().saturating_sub(before);
        if round == 1 {
            assert!(
                grown < 16 * 1024,
                "memory grew by {grown} KiB over 8000 streams"
            );
        }
    }
    assert_eq!(y[..10], x[100..110]);
}
