//! numpy-style index keys: [`Slice`] (Python's `slice`) and [`Key`] (one entry of an index
//! tuple), with numpy's rules for negative indices, clamping and steps.

use std::ops::{Range, RangeFrom, RangeFull, RangeTo};

use crate::error::{Error, Result};

/// A Python `slice(start, stop, step)`: `None` bounds are open; negative ones count from
/// the end; out-of-range bounds are clamped, as in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Slice {
    /// First index (`None`: the start, or the end for a negative step).
    pub start: Option<isize>,
    /// One past the last index (`None`: the end, or before the start for a negative step).
    pub stop: Option<isize>,
    /// Step (`None` = 1; 0 is an error).
    pub step: Option<isize>,
}

impl Slice {
    /// `slice(start, stop, step)`.
    pub fn new(start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> Slice {
        Slice { start, stop, step }
    }

    /// `slice(None)`: everything.
    pub fn all() -> Slice {
        Slice::default()
    }

    /// Python's `slice.indices(len)`: the concrete `(start, stop, step)`.
    pub fn indices(&self, len: usize) -> Result<(isize, isize, isize)> {
        let n = len as isize;
        let step = self.step.unwrap_or(1);
        if step == 0 {
            return Err(Error::Index("slice step cannot be zero".into()));
        }
        let clamp = |v: Option<isize>, default: isize| -> isize {
            match v {
                None => default,
                Some(v) if v < 0 => {
                    let v = v + n;
                    if v < 0 {
                        if step < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        v
                    }
                }
                Some(v) if v >= n => {
                    if step < 0 {
                        n - 1
                    } else {
                        n
                    }
                }
                Some(v) => v,
            }
        };
        let (start, stop) = if step > 0 {
            (clamp(self.start, 0), clamp(self.stop, n))
        } else {
            (clamp(self.start, n - 1), clamp(self.stop, -1))
        };
        Ok((start, stop, step))
    }

    /// The indices the slice selects in a sequence of `len`, in order.
    pub fn to_indices(&self, len: usize) -> Result<Vec<usize>> {
        let (start, stop, step) = self.indices(len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    /// The contiguous range `[first, last)` of a step-1 slice over `len` (empty ranges have
    /// `first == last`). A step other than 1 is an error naming `what`.
    pub fn to_range(&self, len: usize, what: &str) -> Result<Range<usize>> {
        if self.step.unwrap_or(1) != 1 {
            return Err(Error::Index(format!(
                "{what} supports only contiguous slices (step 1), got step {}",
                self.step.unwrap_or(1)
            )));
        }
        let (start, stop, _) = self.indices(len)?;
        let start = start as usize;
        Ok(start..(stop.max(start as isize) as usize))
    }
}

impl From<Range<isize>> for Slice {
    fn from(r: Range<isize>) -> Slice {
        Slice::new(Some(r.start), Some(r.end), None)
    }
}
impl From<RangeFrom<isize>> for Slice {
    fn from(r: RangeFrom<isize>) -> Slice {
        Slice::new(Some(r.start), None, None)
    }
}
impl From<RangeTo<isize>> for Slice {
    fn from(r: RangeTo<isize>) -> Slice {
        Slice::new(None, Some(r.end), None)
    }
}
impl From<RangeFull> for Slice {
    fn from(_: RangeFull) -> Slice {
        Slice::all()
    }
}

/// One entry of an index tuple: an integer (negative counts from the end) or a slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A single position; the axis is dropped from the result.
    Index(isize),
    /// A slice; the axis stays.
    Slice(Slice),
}

impl Key {
    /// Resolve an integer index against an axis of `len`.
    pub(crate) fn resolve_index(i: isize, len: usize, axis: usize) -> Result<usize> {
        let j = if i < 0 { i + len as isize } else { i };
        if j < 0 || j >= len as isize {
            Err(Error::Index(format!(
                "index {i} is out of bounds for axis {axis} with size {len}"
            )))
        } else {
            Ok(j as usize)
        }
    }
}

impl From<isize> for Key {
    fn from(i: isize) -> Key {
        Key::Index(i)
    }
}
impl From<i32> for Key {
    fn from(i: i32) -> Key {
        Key::Index(i as isize)
    }
}
impl From<Slice> for Key {
    fn from(s: Slice) -> Key {
        Key::Slice(s)
    }
}
impl From<Range<isize>> for Key {
    fn from(r: Range<isize>) -> Key {
        Key::Slice(r.into())
    }
}
impl From<RangeFrom<isize>> for Key {
    fn from(r: RangeFrom<isize>) -> Key {
        Key::Slice(r.into())
    }
}
impl From<RangeTo<isize>> for Key {
    fn from(r: RangeTo<isize>) -> Key {
        Key::Slice(r.into())
    }
}
impl From<RangeFull> for Key {
    fn from(_: RangeFull) -> Key {
        Key::Slice(Slice::all())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_indices_match_python() {
        // Values from Python's slice(...).indices(n).
        type Bounds = (Option<isize>, Option<isize>, Option<isize>);
        let cases: &[(Bounds, usize, (isize, isize, isize))] = &[
            ((None, None, None), 5, (0, 5, 1)),
            ((None, None, Some(-1)), 5, (4, -1, -1)),
            ((Some(-2), None, None), 5, (3, 5, 1)),
            ((Some(-10), Some(10), None), 5, (0, 5, 1)),
            ((Some(10), Some(-10), Some(-2)), 5, (4, -1, -2)),
            ((Some(1), Some(4), Some(2)), 5, (1, 4, 2)),
            ((None, Some(-1), None), 0, (0, 0, 1)),
        ];
        for &((a, b, c), n, want) in cases {
            assert_eq!(
                Slice::new(a, b, c).indices(n).unwrap(),
                want,
                "{a:?} {b:?} {c:?} {n}"
            );
        }
        assert_eq!(
            Slice::new(None, None, Some(2)).to_indices(3).unwrap(),
            vec![0, 2]
        );
        assert_eq!(
            Slice::new(Some(5), Some(1), Some(-1))
                .to_indices(8)
                .unwrap(),
            vec![5, 4, 3, 2]
        );
        assert!(Slice::new(None, None, Some(0)).indices(3).is_err());
        assert_eq!(
            Slice::new(Some(-3), None, None).to_range(10, "x").unwrap(),
            7..10
        );
        assert_eq!(
            Slice::new(Some(4), Some(2), None)
                .to_range(10, "x")
                .unwrap(),
            4..4
        );
        assert!(Slice::new(None, None, Some(2)).to_range(10, "x").is_err());
    }
}
