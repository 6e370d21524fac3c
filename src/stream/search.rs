//! The filter's compression levels as searches over libFLAC's settings, stream by stream.
//!
//! Levels 0 to 7 are libFLAC's presets as they are. From level 8 on, each stream gets the
//! blocksize that suits it (short blocks for speech and events, long ones for slow or
//! stationary signals) instead of libFLAC's fixed 4096, and each level keeps the smallest
//! of what it tries, so that it is never larger than the level below it:
//!
//! | level | per stream |
//! | --- | --- |
//! | 8 | preset 8 at the blocksize that preset 3 codes smallest among [`BLOCKSIZES`] (on 8 windows of a long stream) |
//! | 9 | preset 8 at every blocksize of [`BLOCKSIZES`], the smallest kept (includes level 8's) |
//! | 10 | level 9's, or the same with LPC orders up to 32 if smaller |
//! | 11 | level 10's, or the same with libFLAC's exhaustive model search if smaller |
//!
//! Levels 8 and 9 decode as fast as level 5 (LPC orders up to 12); levels 10 and 11 may
//! decode more slowly where the longer predictors win.

use crate::stream::flac::{check_chunk_level, encode_frames, FrameFormat, Settings};

/// The blocksizes levels 8 to 11 choose from, per stream.
pub const BLOCKSIZES: [u32; 5] = [1152, 2048, 4096, 8192, 16384];

/// The preset whose sizes rank the blocksizes at level 8: fast, and on real recordings it
/// ranks them as level 8 does within a fraction of a percent.
const TRIAL_PRESET: u32 = 3;

/// Windows of a long stream that level 8's trial codes, evenly spaced, and their length: the
/// trial costs at most this many samples per candidate whatever the stream's length.
const TRIAL_WINDOWS: usize = 8;
const TRIAL_WINDOW: usize = 16384;

/// The samples level 8 ranks blocksizes on: the whole stream if short, else
/// [`TRIAL_WINDOWS`] evenly spaced windows of [`TRIAL_WINDOW`] samples, back to back.
fn trial_words(words: &[i32], channels: usize) -> std::borrow::Cow<'_, [i32]> {
    let samples = words.len() / channels;
    if samples <= TRIAL_WINDOWS * TRIAL_WINDOW {
        return words.into();
    }
    (0..TRIAL_WINDOWS)
        .flat_map(|w| {
            let at = w * (samples - TRIAL_WINDOW) / (TRIAL_WINDOWS - 1) * channels;
            &words[at..at + TRIAL_WINDOW * channels]
        })
        .copied()
        .collect::<Vec<_>>()
        .into()
}

/// One stream's FLAC frames and the blocksize they use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frames {
    /// The frames, without the `fLaC` marker or metadata.
    pub bytes: Vec<u8>,
    /// Samples per frame (the last frame may be shorter).
    pub blocksize: u32,
}

fn encode(words: &[i32], format: FrameFormat, settings: &Settings) -> Result<Frames, String> {
    let mut bytes = Vec::new();
    let blocksize = encode_frames(words, format, settings, false, &mut bytes)?;
    Ok(Frames { bytes, blocksize })
}

/// The smaller of two encodings (the first when equal).
fn smaller(a: Frames, b: Frames) -> Frames {
    if b.bytes.len() < a.bytes.len() {
        b
    } else {
        a
    }
}

/// The blocksizes worth trying for a stream of `samples`: every candidate shorter than the
/// stream, and the shortest that holds it whole (longer ones give the same single frame).
fn candidates(samples: usize) -> impl Iterator<Item = u32> {
    let whole = BLOCKSIZES
        .iter()
        .position(|&b| b as usize >= samples)
        .unwrap_or(BLOCKSIZES.len() - 1);
    BLOCKSIZES[..=whole].iter().copied()
}

/// Encode one stream's interleaved words (`format.channels` per sample, each within
/// `format.bits` bits) as bare FLAC frames at a filter level, 0 to 11.
pub fn encode_level(words: &[i32], format: FrameFormat, level: u32) -> Result<Frames, String> {
    check_chunk_level(level)?;
    if level < 8 {
        return encode(words, format, &Settings::preset(level));
    }
    let samples = words.len() / format.channels.max(1) as usize;
    let preset8 = Settings::preset(8);
    if level == 8 {
        let mut pick: Option<(u32, usize)> = None;
        let sample = trial_words(words, format.channels.max(1) as usize);
        for b in candidates(samples) {
            let trial = encode(
                &sample,
                format,
                &Settings::preset(TRIAL_PRESET).with_blocksize(b),
            )?;
            if pick.is_none_or(|(_, len)| trial.bytes.len() < len) {
                pick = Some((b, trial.bytes.len()));
            }
        }
        let (b, _) = pick.expect("at least one candidate");
        return encode(words, format, &preset8.with_blocksize(b));
    }
    let mut best: Option<Frames> = None;
    for b in candidates(samples) {
        let f = encode(words, format, &preset8.with_blocksize(b))?;
        best = Some(match best {
            None => f,
            Some(a) => smaller(a, f),
        });
    }
    let mut best = best.expect("at least one candidate");
    let mut settings = preset8.with_blocksize(best.blocksize);
    if level >= 10 {
        let longer = Settings {
            max_lpc_order: Some(32),
            ..settings
        };
        let f = encode(words, format, &longer)?;
        if f.bytes.len() < best.bytes.len() {
            (best, settings) = (f, longer);
        }
    }
    if level >= 11 {
        let searched = Settings {
            searches: true,
            ..settings
        };
        best = smaller(best, encode(words, format, &searched)?);
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_streams_are_ranked_on_eight_windows() {
        let words: Vec<i32> = (0..2 * 200_000).collect();
        assert_eq!(trial_words(&words[..2 * 100_000], 2).len(), 2 * 100_000);
        let t = trial_words(&words, 2);
        assert_eq!(t.len(), 2 * TRIAL_WINDOWS * TRIAL_WINDOW);
        // Whole samples (channel 0 first), the first window at the start, the last at the end.
        assert_eq!(t[..2], [0, 1]);
        assert_eq!(*t.last().unwrap(), 2 * 200_000 - 1);
    }

    #[test]
    fn candidates_stop_at_the_first_blocksize_holding_the_stream() {
        let all = |n| candidates(n).collect::<Vec<_>>();
        assert_eq!(all(100), [1152]);
        assert_eq!(all(1152), [1152]);
        assert_eq!(all(3000), [1152, 2048, 4096]);
        assert_eq!(all(1_000_000), BLOCKSIZES);
    }

    /// Speech-like bursts and a slow drift: each level from 8 on is no larger than the one
    /// before, and level 8 is no larger than libFLAC's preset 8 by more than a trial's miss.
    #[test]
    fn levels_eight_to_eleven_never_grow() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let words: Vec<i32> = (0..40_000)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let burst = if (i / 3000) % 2 == 0 { 3000.0 } else { 30.0 };
                let t = i as f64;
                ((t * 0.05).sin() * burst
                    + (t * 0.0007).sin() * 5000.0
                    + ((state >> 52) as f64 - 2048.0) * 0.5) as i32
            })
            .collect();
        let format = FrameFormat::new(1, 16);
        let size = |level| encode_level(&words, format, level).unwrap().bytes.len();
        let sizes: Vec<usize> = (8..=11).map(size).collect();
        assert!(sizes.windows(2).all(|w| w[1] <= w[0]), "{sizes:?}");
        let preset8 = encode(&words, format, &Settings::preset(8)).unwrap();
        assert!(
            sizes[1] <= preset8.bytes.len(),
            "{sizes:?} vs {}",
            preset8.bytes.len()
        );
    }
}
