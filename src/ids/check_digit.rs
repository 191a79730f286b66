//! Check-digit arithmetic shared by ORCID iDs and ISSNs: both end in a digit or `X`
//! (standing for 10) computed modulo 11 from the digits before it.

use super::Fault;

/// The check digit (ISO 7064 MOD 11-2: `0`-`9` or `X`) that an ORCID iD's first fifteen
/// digits call for. `digits` are ASCII digits; anything past the fifteenth is ignored.
pub fn mod11_2(digits: &[u8]) -> char {
    let mut total = 0u32;
    for &d in digits.iter().take(15) {
        total = (total + u32::from(d.wrapping_sub(b'0'))) * 2 % 11;
    }
    check_char((12 - total % 11) % 11)
}

/// The check digit (weighted MOD 11, weights 8 down to 2: `0`-`9` or `X`) that an
/// ISSN's first seven digits call for. `digits` are ASCII digits; anything past the
/// seventh is ignored.
pub fn weighted_mod11(digits: &[u8]) -> char {
    let sum: u32 = digits
        .iter()
        .take(7)
        .zip((2..=8).rev())
        .map(|(&d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    check_char((11 - sum % 11) % 11)
}

/// The identifier's characters (hyphens left out), upper-cased, when its last one is the
/// check digit that `rule` computes from the others; otherwise the checksum fault.
/// `N` is the length without hyphens; the shape is checked by the caller.
pub(crate) fn verified<const N: usize>(
    chars: impl IntoIterator<Item = u8>,
    rule: fn(&[u8]) -> char,
) -> Result<[u8; N], Fault> {
    let mut out = [0u8; N];
    for (slot, c) in out.iter_mut().zip(chars) {
        *slot = c.to_ascii_uppercase();
    }
    let expected = rule(&out[..N - 1]);
    let found = char::from(out[N - 1]);
    if found == expected {
        Ok(out)
    } else {
        Err(Fault::Checksum { expected, found })
    }
}

fn check_char(value: u32) -> char {
    match value {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap_or('?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orcid_digits_follow_iso_7064() {
        assert_eq!(mod11_2(b"000000021825009"), '7');
        assert_eq!(mod11_2(b"000000021694233"), 'X');
        assert_eq!(mod11_2(b"000000015109370"), '0');
    }

    #[test]
    fn issn_digits_are_weighted_from_8_to_2() {
        assert_eq!(weighted_mod11(b"0378595"), '5');
        assert_eq!(weighted_mod11(b"1050124"), 'X');
        assert_eq!(weighted_mod11(b"2049363"), '0');
    }
}
