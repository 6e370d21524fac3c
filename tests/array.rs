//! FlacArray: construction, properties, to_array options, numpy-style indexing, Display.

use flacarray::{CompressOptions, DType, Error, FlacArray, Key, ReadOptions, Slice};
use ndarray::{ArrayD, IxDyn};

/// a[i, j, k] = i*100000 + j*1000 + k, shape (4, 3, 50), int32.
fn grid() -> (ArrayD<i32>, FlacArray) {
    let a = ArrayD::from_shape_fn(IxDyn(&[4, 3, 50]), |ix| {
        (ix[0] * 100000 + ix[1] * 1000 + ix[2]) as i32
    });
    let fa = FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap();
    (a, fa)
}

fn s(start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> Key {
    Key::Slice(Slice::new(start, stop, step))
}

#[test]
fn indexing_matches_numpy() {
    let (_, fa) = grid();
    let all = s(None, None, None);
    // (key, numpy shape, first values, sum), from numpy on the same array.
    // (key, numpy shape, first values, sum)
    type Case = (Vec<Key>, Vec<usize>, Vec<i64>, i64);
    let cases: Vec<Case> = vec![
        (
            vec![1.into()],
            vec![3, 50],
            vec![100000, 100001, 100002],
            15153675,
        ),
        (
            vec![(-1).into()],
            vec![3, 50],
            vec![300000, 300001, 300002],
            45153675,
        ),
        (
            vec![s(None, None, Some(2))],
            vec![2, 3, 50],
            vec![0, 1, 2],
            30307350,
        ),
        (
            vec![s(None, None, Some(-1)), 1.into()],
            vec![4, 50],
            vec![301000, 301001, 301002],
            30204900,
        ),
        (
            vec![s(Some(3), Some(0), Some(-2)), all, 7.into()],
            vec![2, 3],
            vec![300007, 301007, 302007, 100007],
            1206042,
        ),
        (
            vec![2.into(), (-1).into(), (-3).into()],
            vec![],
            vec![202047],
            202047,
        ),
        (
            vec![0.into(), 0.into(), s(Some(-5), None, None)],
            vec![5],
            vec![45, 46, 47, 48, 49],
            235,
        ),
        (
            vec![(1..3).into(), s(None, None, Some(2)), (10..13).into()],
            vec![2, 2, 3],
            vec![100010, 100011, 100012, 102010],
            1812132,
        ),
        (
            vec![all, s(Some(5), Some(1), Some(-1)), (-1).into()],
            vec![4, 1],
            vec![2049, 102049, 202049, 302049],
            608196,
        ),
    ];
    for (key, shape, first, sum) in cases {
        let r: ArrayD<i32> = fa.get(&key).unwrap();
        assert_eq!(r.shape(), shape.as_slice(), "{key:?}");
        let vals: Vec<i64> = r.iter().map(|&v| v as i64).collect();
        assert_eq!(&vals[..first.len()], first.as_slice(), "{key:?}");
        assert_eq!(vals.iter().sum::<i64>(), sum, "{key:?}");
    }
}

#[test]
fn indexing_errors() {
    let (_, fa) = grid();
    let bad: Vec<Vec<Key>> = vec![
        vec![4.into()],
        vec![(-5).into()],
        vec![0.into(), 3.into()],
        vec![0.into(), 0.into(), 50.into()],
        vec![0.into(), 0.into(), s(None, None, Some(2))],
        vec![0.into(), 0.into(), 0.into(), 0.into()],
        vec![s(None, None, Some(0))],
    ];
    for key in bad {
        assert!(
            matches!(fa.get::<i32>(&key), Err(Error::Index(_))),
            "{key:?}"
        );
    }
    assert!(matches!(
        fa.get::<f32>(&[]),
        Err(Error::DTypeMismatch { .. })
    ));
}

#[test]
fn empty_selections_have_numpy_shapes() {
    let (_, fa) = grid();
    let r: ArrayD<i32> = fa.get(&[(2..2).into()]).unwrap();
    assert_eq!(r.shape(), &[0, 3, 50]);
    let r: ArrayD<i32> = fa
        .get(&[
            0.into(),
            0.into(),
            Slice::new(Some(30), Some(10), None).into(),
        ])
        .unwrap();
    assert_eq!(r.shape(), &[0]);
}

#[test]
fn one_dimensional_arrays() {
    let a = ArrayD::from_shape_fn(IxDyn(&[1000]), |ix| ix[0] as i64 * 3 - 7);
    let fa = FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap();
    assert_eq!(fa.shape(), &[1000]);
    assert_eq!(fa.global_shape(), &[1, 1000]);
    assert_eq!(fa.leading_shape(), &[1]);
    assert_eq!(fa.nstreams(), 1);
    let v: ArrayD<i64> = fa.get(&[5.into()]).unwrap();
    assert_eq!(v.shape(), &[] as &[usize]);
    assert_eq!(v[IxDyn(&[])], 8);
    let v: ArrayD<i64> = fa.get(&[(-3..).into()]).unwrap();
    assert_eq!(v.as_slice().unwrap(), &[2984, 2987, 2990]);
    let back: ArrayD<i64> = fa.to_array(&ReadOptions::default()).unwrap();
    assert_eq!(back, a);
    assert_eq!(
        fa.to_string(),
        format!("<FlacArray int64 shape=(1000,) bytes={}>", fa.nbytes())
    );
}

#[test]
fn to_array_keep_slice_and_indices() {
    let (a, fa) = grid();
    let keep = ArrayD::from_shape_fn(IxDyn(&[4, 3]), |ix| (ix[0] + ix[1]) % 2 == 1);
    let opts = ReadOptions {
        keep: Some(keep.view()),
        stream_slice: Some(Slice::new(Some(-10), Some(-2), None)),
        use_threads: false,
    };
    for threads in [false, true] {
        let o = ReadOptions {
            use_threads: threads,
            ..opts.clone()
        };
        let (r, idx) = fa.to_array_with_indices::<i32>(&o).unwrap();
        assert_eq!(r.shape(), &[6, 8]);
        assert_eq!(
            idx,
            vec![
                vec![0, 1],
                vec![1, 0],
                vec![1, 2],
                vec![2, 1],
                vec![3, 0],
                vec![3, 2]
            ]
        );
        for (row, ix) in idx.iter().enumerate() {
            for k in 0..8 {
                assert_eq!(r[[row, k]], a[[ix[0], ix[1], 40 + k]]);
            }
        }
    }
    let r: ArrayD<i32> = fa
        .to_array(&ReadOptions {
            stream_slice: Some((5..9).into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(r.shape(), &[4, 3, 4]);
    assert_eq!(r[[3, 2, 0]], 302005);
    let bad = ReadOptions {
        stream_slice: Some(Slice::new(None, None, Some(2))),
        ..Default::default()
    };
    assert!(fa.to_array::<i32>(&bad).is_err());
    let wrong_keep = ArrayD::from_elem(IxDyn(&[3, 4]), true);
    assert!(matches!(
        fa.to_array::<i32>(&ReadOptions {
            keep: Some(wrong_keep.view()),
            ..Default::default()
        }),
        Err(Error::Shape(_))
    ));
}

#[test]
fn properties_equality_display() {
    let data = ArrayD::from_shape_fn(IxDyn(&[4, 3, 1000]), |ix| {
        ((ix[2] as f64) * 0.01).sin() * (1 + ix[0]) as f64
    });
    let fa = FlacArray::from_array(data.view(), &CompressOptions::default().quanta(1e-7)).unwrap();
    assert_eq!(fa.dtype(), DType::Float64);
    assert_eq!(fa.typestr(), "float64");
    assert_eq!(fa.shape(), &[4, 3, 1000]);
    assert_eq!(fa.global_shape(), fa.shape());
    assert_eq!(fa.leading_shape(), &[4, 3]);
    assert_eq!(fa.global_leading_shape(), &[4, 3]);
    assert_eq!(fa.stream_size(), 1000);
    assert_eq!((fa.nstreams(), fa.global_nstreams()), (12, 12));
    assert_eq!(fa.nbytes(), fa.compressed().len());
    assert_eq!(fa.global_nbytes(), fa.nbytes());
    assert_eq!(fa.global_process_nbytes(), vec![fa.nbytes()]);
    assert_eq!(fa.stream_nbytes().sum() as usize, fa.nbytes());
    assert_eq!(&fa.global_stream_starts(), fa.stream_starts());
    assert_eq!(&fa.global_stream_nbytes(), fa.stream_nbytes());
    assert_eq!(fa.stream_offsets().unwrap().shape(), &[4, 3]);
    assert!(fa.stream_gains().unwrap().iter().all(|&g| g == 1e7));
    assert_eq!(fa.mpi_dist(), &[(0, 4)]);
    assert_eq!(
        fa.to_string(),
        format!(
            "<FlacArray float64 shape=(4, 3, 1000) bytes={}>",
            fa.nbytes()
        )
    );
    let copy = fa.clone();
    assert_eq!(copy, fa);
    let other =
        FlacArray::from_array(data.view(), &CompressOptions::default().quanta(1e-6)).unwrap();
    assert_ne!(other, fa);
    let back: ArrayD<f64> = fa.to_array(&Default::default()).unwrap();
    assert!(back
        .iter()
        .zip(&data)
        .all(|(b, d)| (b - d).abs() <= 0.5e-7 + 1e-15));
}

#[test]
fn from_parts_checks_consistency() {
    let (_, fa) = grid();
    let rebuilt = FlacArray::from_parts(
        fa.shape().to_vec(),
        fa.dtype(),
        fa.compressed().to_vec(),
        fa.stream_starts().clone(),
        fa.stream_nbytes().clone(),
        None,
        None,
    )
    .unwrap();
    assert_eq!(rebuilt, fa);
    let bad = FlacArray::from_parts(
        vec![4, 3, 50],
        DType::Float32,
        fa.compressed().to_vec(),
        fa.stream_starts().clone(),
        fa.stream_nbytes().clone(),
        None,
        None,
    );
    assert!(bad.is_err());
    let bad = FlacArray::from_parts(
        vec![3, 4, 50],
        DType::Int32,
        fa.compressed().to_vec(),
        fa.stream_starts().clone(),
        fa.stream_nbytes().clone(),
        None,
        None,
    );
    assert!(matches!(bad, Err(Error::Shape(_))));
}

/// Levels above 8 belong to the filter's chunks, not to Python flacarray's group format.
#[test]
fn levels_above_eight_are_refused_with_where_they_exist() {
    let x = ndarray::ArrayD::<i32>::zeros(ndarray::IxDyn(&[2, 100]));
    let e = flacarray::array_compress(x.view(), &CompressOptions::default().level(9))
        .unwrap_err()
        .to_string();
    assert!(e.contains("0 to 8") && e.contains("HDF5 filter"), "{e}");
}
