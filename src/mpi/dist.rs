//! How an array is spread over MPI ranks (Python flacarray's `mpi.py`), as plain functions of
//! the ranks' shapes, so that the rules are tested without MPI.
//!
//! Arrays are distributed along their first axis only: rank `p` holds rows
//! `mpi_dist[p].0 .. mpi_dist[p].1` of the global array. A rank may hold no rows.

use crate::array::dtype::DType;
use crate::error::{Error, Result};

/// The rows `(first, last)` (last exclusive) of the first axis held by each rank.
pub type MpiDist = Vec<(usize, usize)>;

/// What one rank holds: its local shape (1-D counts as one row) and element type.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalLayout {
    /// The local shape; a leading extent of 0 means the rank holds no data.
    pub shape: Vec<usize>,
    /// The element type.
    pub dtype: DType,
}

impl LocalLayout {
    /// The shape with 1-D data promoted to one row.
    fn rows_shape(&self) -> Vec<usize> {
        if self.shape.len() == 1 {
            vec![1, self.shape[0]]
        } else {
            self.shape.clone()
        }
    }
    /// Whether the rank holds any data.
    pub fn has_data(&self) -> bool {
        !self.shape.is_empty() && self.rows_shape()[0] > 0
    }
}

/// The global shape and the distribution from every rank's layout, in rank order (Python's
/// `global_array_properties`): the ranks with data must agree on the element type and on all
/// dimensions but the first; their rows are stacked in rank order.
pub fn global_layout(ranks: &[LocalLayout]) -> Result<(Vec<usize>, DType, MpiDist)> {
    let with_data: Vec<(usize, Vec<usize>, DType)> = ranks
        .iter()
        .enumerate()
        .filter(|(_, l)| l.has_data())
        .map(|(p, l)| (p, l.rows_shape(), l.dtype))
        .collect();
    let Some((p0, shape0, dtype0)) = with_data.first().cloned() else {
        return Err(Error::Mpi("no rank holds any data".into()));
    };
    for (p, shape, dtype) in &with_data {
        if *dtype != dtype0 {
            return Err(Error::Mpi(format!(
                "inconsistent element types across processes: rank {p0} has {dtype0}, rank {p} has {dtype}"
            )));
        }
        if shape[1..] != shape0[1..] {
            return Err(Error::Mpi(format!(
                "inconsistent array dimensions across processes: rank {p0} has shape {shape0:?}, \
                 rank {p} has {shape:?} (all but the first dimension must agree)"
            )));
        }
        if shape.contains(&0) {
            return Err(Error::Empty(shape.clone()));
        }
    }
    let mut dist = Vec::with_capacity(ranks.len());
    let mut at = 0usize;
    for l in ranks {
        let rows = if l.has_data() { l.rows_shape()[0] } else { 0 };
        dist.push((at, at + rows));
        at += rows;
    }
    let mut global = shape0;
    global[0] = at;
    Ok((global, dtype0, dist))
}

/// The distribution of `n` rows over `size` ranks for reading (Python's
/// `distribute_and_verify`): a given one is checked (one entry per rank, contiguous, covering
/// `0..n`); otherwise rows are split as evenly as possible, the first ranks taking one more.
/// Unlike Python, more ranks than rows is allowed: the last ranks then hold nothing.
pub fn distribute(n: usize, size: usize, given: Option<&[(usize, usize)]>) -> Result<MpiDist> {
    let Some(given) = given else {
        let (base, extra) = (n / size, n % size);
        let mut at = 0;
        return Ok((0..size)
            .map(|p| {
                let rows = base + usize::from(p < extra);
                at += rows;
                (at - rows, at)
            })
            .collect());
    };
    if given.len() != size {
        return Err(Error::InvalidParameter(format!(
            "mpi_dist has {} entries for {size} process(es): give one (first, last) per rank",
            given.len()
        )));
    }
    let mut at = 0;
    for (p, &(first, last)) in given.iter().enumerate() {
        if first != at || last < first {
            return Err(Error::InvalidParameter(format!(
                "mpi_dist entry {p} is ({first}, {last}): ranges must be contiguous and ascending, \
                 this one should start at {at}"
            )));
        }
        at = last;
    }
    if at != n {
        return Err(Error::InvalidParameter(format!(
            "mpi_dist covers rows 0..{at}, but the array has {n} rows on its first axis"
        )));
    }
    Ok(given.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(shape: &[usize], dtype: DType) -> LocalLayout {
        LocalLayout {
            shape: shape.to_vec(),
            dtype,
        }
    }

    #[test]
    fn stacks_rows_in_rank_order() {
        let (g, d, dist) = global_layout(&[
            l(&[2, 3, 10], DType::Float32),
            l(&[0, 3, 10], DType::Float32),
            l(&[5, 3, 10], DType::Float32),
        ])
        .unwrap();
        assert_eq!((g, d), (vec![7, 3, 10], DType::Float32));
        assert_eq!(dist, vec![(0, 2), (2, 2), (2, 7)]);
        // 1-D counts as one row; a rank without data may have any type.
        let (g, _, dist) = global_layout(&[
            l(&[10], DType::Int32),
            l(&[0, 4], DType::Int64),
            l(&[2, 10], DType::Int32),
        ])
        .unwrap();
        assert_eq!(g, vec![3, 10]);
        assert_eq!(dist, vec![(0, 1), (1, 1), (1, 3)]);
    }

    #[test]
    fn refuses_disagreement() {
        let e = global_layout(&[l(&[2, 10], DType::Int32), l(&[2, 10], DType::Int64)]).unwrap_err();
        assert!(e.to_string().contains("element types"), "{e}");
        let e = global_layout(&[l(&[2, 10], DType::Int32), l(&[2, 11], DType::Int32)]).unwrap_err();
        assert!(e.to_string().contains("dimensions"), "{e}");
        let e = global_layout(&[l(&[0, 10], DType::Int32), l(&[0, 10], DType::Int32)]).unwrap_err();
        assert!(e.to_string().contains("no rank"), "{e}");
        assert!(global_layout(&[l(&[2, 0], DType::Int32)]).is_err());
    }

    #[test]
    fn uniform_and_given() {
        assert_eq!(
            distribute(7, 3, None).unwrap(),
            vec![(0, 3), (3, 5), (5, 7)]
        );
        assert_eq!(
            distribute(2, 3, None).unwrap(),
            vec![(0, 1), (1, 2), (2, 2)]
        );
        let given = [(0, 4), (4, 4), (4, 7)];
        assert_eq!(distribute(7, 3, Some(&given)).unwrap(), given.to_vec());
        assert!(distribute(7, 2, Some(&given)).is_err());
        assert!(distribute(8, 3, Some(&given)).is_err());
        assert!(distribute(7, 3, Some(&[(0, 4), (3, 4), (4, 7)])).is_err());
        assert!(distribute(7, 3, Some(&[(0, 4), (4, 3), (3, 7)])).is_err());
    }
}
