//! Many threads compressing and decompressing independent arrays at once give the same bytes
//! and values as one thread (the per-thread libFLAC decoders and fresh encoders share nothing).

use flacarray::chunk::{decode_chunk, encode_chunk, ChunkLayout, ChunkOptions, ElementType};
use flacarray::demo::create_fake_data;
use flacarray::Quantization;
use flacarray::{array_compress, CompressOptions, FlacArray, ReadOptions};

#[test]
fn threads_give_the_bytes_of_one_thread() {
    let inputs: Vec<_> = (0..16u64)
        .map(|seed| {
            create_fake_data::<f64>(&[6, 3000 + 100 * seed as usize], Some(1.0), seed, Some(5.0))
                .unwrap()
        })
        .collect();
    let opts = CompressOptions::default().quanta(1e-5);
    let serial: Vec<_> = inputs
        .iter()
        .map(|a| array_compress(a.view(), &opts).unwrap().compressed)
        .collect();
    let layout = |n| ChunkLayout {
        elem: ElementType::F64,
        big_endian: false,
        n_streams: 6,
        stream_len: n,
    };
    let copts = ChunkOptions {
        level: 5,
        quantization: Quantization::quanta(1e-5),
        threads: false,
    };
    let raw: Vec<Vec<u8>> = inputs
        .iter()
        .map(|a| a.iter().flat_map(|v| v.to_le_bytes()).collect())
        .collect();
    let chunks: Vec<Vec<u8>> = raw
        .iter()
        .zip(&inputs)
        .map(|(r, a)| encode_chunk(r, &layout(a.shape()[1]), &copts).unwrap())
        .collect();
    // 8 threads, each doing every array several times, with threaded and serial calls mixed.
    std::thread::scope(|s| {
        for t in 0..8 {
            let (inputs, serial, raw, chunks, opts, copts) =
                (&inputs, &serial, &raw, &chunks, &opts, &copts);
            s.spawn(move || {
                for round in 0..3 {
                    for (i, a) in inputs.iter().enumerate() {
                        let threaded = (t + round + i) % 2 == 0;
                        let c =
                            array_compress(a.view(), &opts.clone().use_threads(threaded)).unwrap();
                        assert_eq!(c.compressed, serial[i], "thread {t}: array {i} differs");
                        let fa = FlacArray::from_array(a.view(), opts).unwrap();
                        let back: ndarray::ArrayD<f64> = fa
                            .to_array(&ReadOptions {
                                use_threads: threaded,
                                ..Default::default()
                            })
                            .unwrap();
                        assert!(back
                            .iter()
                            .zip(a)
                            .all(|(b, x)| (b - x).abs() <= 0.5e-5 + 1e-12));
                        let chunk = encode_chunk(&raw[i], &layout(a.shape()[1]), copts).unwrap();
                        assert_eq!(chunk, chunks[i], "thread {t}: chunk {i} differs");
                        let mut out = vec![0u8; raw[i].len()];
                        decode_chunk(&chunk, &layout(a.shape()[1]), &mut out).unwrap();
                    }
                }
            });
        }
    });
}
