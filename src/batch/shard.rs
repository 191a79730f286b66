//! `--shard K/N`: a deterministic 1/N slice of the inputs, chosen by a hash of each
//! input's path, not by its position, so that adding files does not reshuffle the others.
//!
//! The hash is 64-bit FNV-1a over the UTF-8 bytes of the input's path *relative to the
//! directory argument it was found under* (`b/c.xml` for `a/b/c.xml` found under `a`); a
//! file named on the command line or in a `--files-from` list hashes as given, without
//! `.` components (see [`super::Input::shard_key`]), with `/` as the separator. An input goes to shard `hash % N + 1`. FNV-1a is fixed by its
//! definition, so the split is the same on every machine, run and Rust version, and the
//! same tree under `/archive` or `/mnt/archive` splits the same way.

use std::fmt;
use std::str::FromStr;

/// One shard of N, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard's number, 1 ..= `count`.
    pub index: u64,
    /// How many shards there are.
    pub count: u64,
}

impl Shard {
    /// True when the input whose relative path is `key` belongs to this shard.
    pub fn holds(&self, key: &str) -> bool {
        fnv1a(key.as_bytes()) % self.count + 1 == self.index
    }
}

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N (e.g. 3/8: the third of eight shards)"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a shard number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a shard count"))?;
        if n == 0 {
            return Err("the shard count N must be at least 1".to_string());
        }
        if k == 0 || k > n {
            return Err(format!(
                "shards are numbered 1 to {n}, got {k} (from a 0-based index such as \
                 $SLURM_ARRAY_TASK_ID of --array=0-{}, pass $((ID + 1))/{n})",
                n.saturating_sub(1)
            ));
        }
        Ok(Shard { index: k, count: n })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn shards_are_disjoint_and_cover() {
        let keys: Vec<String> = (0..500).map(|i| format!("dir{}/f{i}.xml", i % 7)).collect();
        for n in 1..6 {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard { index: k, count: n }).collect();
            for key in &keys {
                assert_eq!(shards.iter().filter(|s| s.holds(key)).count(), 1);
            }
        }
    }

    #[test]
    fn parsing_is_one_based_and_explains_itself() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert!("0/4"
            .parse::<Shard>()
            .unwrap_err()
            .contains("numbered 1 to 4"));
        assert!("5/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
