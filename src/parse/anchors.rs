//! Where the pieces of a title or an abstract came from in the source: the
//! [`Anchors`] that let a lint label a stretch of the text without searching the source.
//!
//! The collector records, while a capture that needs anchors is open, one [`Piece`] per
//! text event (a run of text or CDATA, a reference): where it went in the shared buffer
//! and where it is in the source. When the capture closes, [`in_capture`] keeps the pieces
//! it received (leaving out the gaps of skipped notes) in the capture's own coordinates,
//! and [`for_value`] follows the white-space collapsing and paragraph joining that made
//! the value, word by word, to give each run of the value its source span. Runs that the
//! source holds contiguously merge into one anchor, so an abstract typically has one
//! anchor per source line. When the value cannot be followed (a normalisation changed
//! more than one word), there are no anchors and the lints label the element only.

use crate::model::{Anchor, Anchors, Span};
use crate::text::{is_space, nfc};

/// Marks a paragraph boundary in a capture's buffer (the collector's `PARA`).
const PARA: char = '\u{2029}';

/// One text event in the collector's buffer: `len` bytes at `at`, from `source`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    /// Offset in the buffer (or, after [`in_capture`], in the capture's text).
    pub at: usize,
    /// Its length in the buffer.
    pub len: usize,
    /// Where it is in the source.
    pub source: Span,
}

impl Piece {
    /// True when the buffer holds the source's bytes as they are.
    fn verbatim(&self) -> bool {
        self.len == self.source.len()
    }
}

/// The pieces of a capture's text: `pieces` (buffer coordinates, in order) restricted to
/// the buffer from `start` less `gaps`, in the coordinates of the capture's text.
pub(super) fn in_capture(
    pieces: &[Piece],
    start: usize,
    gaps: &[(usize, usize)],
    buf_len: usize,
    out: &mut Vec<Piece>,
) {
    out.clear();
    let mut visible = Vec::with_capacity(gaps.len() + 1);
    let mut from = start;
    for &(a, b) in gaps {
        visible.push((from, a));
        from = b;
    }
    visible.push((from, buf_len));
    let mut offset = 0;
    let mut i = pieces.partition_point(|p| p.at + p.len <= start);
    for (a, b) in visible {
        while let Some(p) = pieces.get(i) {
            if p.at >= b {
                break;
            }
            let lo = p.at.max(a);
            let hi = (p.at + p.len).min(b);
            if lo < hi {
                let source = if p.verbatim() {
                    let s = p.source.start + (lo - p.at);
                    Span::new(s, s + (hi - lo))
                } else {
                    p.source
                };
                out.push(Piece {
                    at: offset + (lo - a),
                    len: hi - lo,
                    source,
                });
            }
            if p.at + p.len > b {
                break;
            }
            i += 1;
        }
        offset += b.saturating_sub(a);
    }
}

/// The anchors of `value`, made from the capture's text `raw` (whose pieces are
/// `pieces`) by collapsing white space and NFC (`paragraphs` false) or by doing so per
/// paragraph and joining paragraphs with a blank line (`paragraphs` true). Empty when
/// `value` cannot be followed back to `raw`.
pub(super) fn for_value(value: &str, raw: &str, pieces: &[Piece], paragraphs: bool) -> Anchors {
    let mut list: Vec<Anchor> = Vec::new();
    let mut v = 0;
    let mut para_break = false;
    let mut word_start: Option<usize> = None;
    let mut first = true;
    let ends = raw
        .char_indices()
        .map(|(i, c)| (i, Some(c)))
        .chain(std::iter::once((raw.len(), None)));
    for (i, c) in ends {
        let space = c.is_none_or(is_space);
        match (word_start, space) {
            (None, false) => word_start = Some(i),
            (Some(w), true) => {
                word_start = None;
                let sep = match (first, paragraphs && para_break) {
                    (true, _) => "",
                    (false, true) => "\n\n",
                    (false, false) => " ",
                };
                first = false;
                para_break = false;
                let Some(rest) = value.get(v..).and_then(|r| r.strip_prefix(sep)) else {
                    return Anchors::default();
                };
                v += sep.len();
                let word = &raw[w..i];
                if rest.starts_with(word) {
                    anchor_word(&mut list, pieces, w..i, v, true);
                    v += word.len();
                } else {
                    let composed = nfc(word.to_string());
                    if !rest.starts_with(&composed) {
                        return Anchors::default();
                    }
                    anchor_word(&mut list, pieces, w..i, v, false);
                    v += composed.len();
                }
            }
            _ => {}
        }
        if c == Some(PARA) {
            para_break = true;
        }
    }
    if v != value.len() {
        return Anchors::default();
    }
    Anchors::new(list)
}

/// Adds the anchors of one word: the raw bytes `word`, at `v` in the value. A word that
/// NFC changed (`same` false) maps as a whole to the source of its pieces.
fn anchor_word(
    list: &mut Vec<Anchor>,
    pieces: &[Piece],
    word: std::ops::Range<usize>,
    v: usize,
    same: bool,
) {
    let first = pieces.partition_point(|p| p.at + p.len <= word.start);
    let covering = pieces[first..]
        .iter()
        .take_while(|p| p.at < word.end)
        .copied();
    if !same {
        let mut span: Option<Span> = None;
        for p in covering {
            let s = piece_source(&p, &word);
            span = Some(span.map_or(s, |a| Span::new(a.start, s.end)));
        }
        if let Some(source) = span {
            push(
                list,
                Anchor {
                    at: v,
                    source,
                    verbatim: false,
                },
            );
        }
        return;
    }
    for p in covering {
        let lo = p.at.max(word.start);
        push(
            list,
            Anchor {
                at: v + (lo - word.start),
                source: piece_source(&p, &word),
                verbatim: p.verbatim(),
            },
        );
    }
}

/// The source of the part of piece `p` inside `word`.
fn piece_source(p: &Piece, word: &std::ops::Range<usize>) -> Span {
    if !p.verbatim() {
        return p.source;
    }
    let lo = p.at.max(word.start);
    let hi = (p.at + p.len).min(word.end);
    let s = p.source.start + (lo - p.at);
    Span::new(s, s + (hi - lo))
}

/// Appends `a`, merged into the last anchor when both are verbatim and the source runs
/// on at the same distance (one space in the value for one white-space byte in the
/// source, or nothing between them).
fn push(list: &mut Vec<Anchor>, a: Anchor) {
    if let Some(last) = list.last_mut() {
        if last.verbatim
            && a.verbatim
            && a.source.start >= last.source.end
            && a.source.start - last.source.start == a.at - last.at
        {
            last.source.end = a.source.end;
            return;
        }
    }
    list.push(a);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces for `src` split at `cuts`, all verbatim, buffer = source from 0.
    fn verbatim_pieces(src: &str, cuts: &[usize]) -> Vec<Piece> {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(src.len());
        bounds
            .windows(2)
            .map(|w| Piece {
                at: w[0],
                len: w[1] - w[0],
                source: Span::new(w[0], w[1]),
            })
            .collect()
    }

    #[test]
    fn collapsed_white_space_maps_back_to_the_source_lines() {
        let src = "  keep a critical * HK\n     Assistant Professor  ";
        let pieces = verbatim_pieces(src, &[]);
        let value = crate::text::clean(src);
        let anchors = for_value(&value, src, &pieces, false);
        // One anchor per source line.
        assert_eq!(anchors.as_slice().len(), 2, "{anchors:?}");
        let at = value.find("* HK").unwrap();
        let span = anchors.span_of(at..value.len()).unwrap();
        assert_eq!(&src[span.start..span.end], "* HK\n     Assistant Professor");
    }

    #[test]
    fn a_reference_maps_as_a_whole_and_text_after_it_stays_exact() {
        // Source `a &amp; b`: pieces "a " (verbatim), "&" (from `&amp;`), " b".
        let src = "a &amp; b";
        let pieces = vec![
            Piece {
                at: 0,
                len: 2,
                source: Span::new(0, 2),
            },
            Piece {
                at: 2,
                len: 1,
                source: Span::new(2, 7),
            },
            Piece {
                at: 3,
                len: 2,
                source: Span::new(7, 9),
            },
        ];
        let raw = "a & b";
        let anchors = for_value(raw, raw, &pieces, false);
        let span = anchors.span_of(2..3).unwrap();
        assert_eq!(&src[span.start..span.end], "&amp;");
        let span = anchors.span_of(4..5).unwrap();
        assert_eq!(&src[span.start..span.end], "b");
    }

    #[test]
    fn paragraphs_and_gaps_are_followed() {
        // Buffer "one two<gap>three" + PARA + "four": the gap (a skipped note) is left out.
        let buf = "one twoNOTE three\u{2029}four";
        let pieces = verbatim_pieces(buf, &[7, 11]);
        let mut mine = Vec::new();
        in_capture(&pieces, 0, &[(7, 11)], buf.len(), &mut mine);
        let raw = "one two three\u{2029}four";
        let value = "one two three\n\nfour";
        let anchors = for_value(value, raw, &mine, true);
        let span = anchors.span_of(8..13).unwrap();
        assert_eq!(&buf[span.start..span.end], "three");
        let span = anchors.span_of(15..19).unwrap();
        assert_eq!(&buf[span.start..span.end], "four");
    }

    #[test]
    fn a_value_that_does_not_follow_from_the_text_has_no_anchors() {
        let pieces = verbatim_pieces("abc", &[]);
        assert!(for_value("xyz", "abc", &pieces, false)
            .as_slice()
            .is_empty());
        assert!(for_value("abc", "abc", &[], false).span_of(0..1).is_none());
    }

    #[test]
    fn a_word_nfc_changes_maps_as_a_whole() {
        let raw = "cafe\u{301} ok";
        let src = raw;
        let pieces = verbatim_pieces(src, &[]);
        let value = crate::text::clean(raw);
        assert_eq!(value, "café ok");
        let anchors = for_value(&value, raw, &pieces, false);
        let span = anchors.span_of(0..value.find(' ').unwrap()).unwrap();
        assert_eq!(&src[span.start..span.end], "cafe\u{301}");
        let span = anchors.span_of(value.len() - 2..value.len()).unwrap();
        assert_eq!(&src[span.start..span.end], "ok");
    }
}
