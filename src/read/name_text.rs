//! Cookie names as a person can read them. A name is untrusted text: a right-to-left override
//! makes `\u{202E}esu_gnikcart` render as "tracking_use", a zero-width space makes
//! `session\u{200B}id` look exactly like the declared `sessionid`. Every character that would
//! hide or disguise itself is written out instead, as `⟨U+200B⟩`, so what the reader sees is
//! what the browser holds.

/// The brackets around an escape. A name holding them literally gets them escaped too, so a
/// name cannot fake an escape.
const OPEN: char = '⟨';
const CLOSE: char = '⟩';

/// A run of a name as shown: text as it is, or one character written as its code point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Escape(String),
}

/// Characters that do not show as themselves: controls, every whitespace but the space,
/// format characters (bidi embeddings, overrides and isolates, zero-width characters, the soft
/// hyphen, the byte-order mark, tags) and the characters fonts draw as nothing (fillers,
/// variation selectors). Written as ranges from the Unicode character database (general
/// category Cc and Cf, `White_Space`, `Default_Ignorable_Code_Point`), so the rule has no
/// table to load.
pub fn is_hidden(c: char) -> bool {
    if c == ' ' {
        return false;
    }
    if c.is_control() || c.is_whitespace() {
        return true;
    }
    matches!(
        u32::from(c),
        0x00AD
            | 0x034F
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x2800
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

fn needs_escape(c: char) -> bool {
    is_hidden(c) || c == OPEN || c == CLOSE
}

/// `⟨U+200B⟩`
pub fn escape(c: char) -> String {
    format!("{OPEN}U+{:04X}{CLOSE}", u32::from(c))
}

/// Whether the name holds a character that does not show as itself.
pub fn has_hidden(name: &str) -> bool {
    name.chars().any(is_hidden)
}

/// The name the eye reads: the hidden characters removed.
pub fn without_hidden(name: &str) -> String {
    name.chars().filter(|&c| !is_hidden(c)).collect()
}

/// The name as runs of plain text and escapes, for a view that styles the escapes.
pub fn segments(name: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in name.chars() {
        if needs_escape(c) {
            if !run.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut run)));
            }
            out.push(Segment::Escape(escape(c)));
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        out.push(Segment::Text(run));
    }
    out
}

/// The name as one line of text with its escapes: for exports, titles and messages.
pub fn visible(name: &str) -> String {
    if !name.chars().any(needs_escape) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if needs_escape(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text with every hidden character outside ASCII written as a `\u` escape: the same
/// string to a JSON reader, but no raw bidi control reaches a viewer that shows the file.
/// Only valid JSON goes in, where such characters can only stand inside strings.
pub fn json_escape_hidden(json: &str) -> String {
    if !json.chars().any(|c| u32::from(c) >= 0x7F && is_hidden(c)) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if u32::from(c) >= 0x7F && is_hidden(c) {
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_hidden_character_is_escaped() {
        let hidden = [
            '\u{0}',
            '\t',
            '\n',
            '\u{7F}',
            '\u{85}',
            '\u{A0}',
            '\u{AD}',
            '\u{61C}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{2028}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{3000}',
            '\u{3164}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{E0041}',
        ];
        for c in hidden {
            assert!(is_hidden(c), "U+{:04X}", u32::from(c));
            let name = format!("a{c}b");
            assert_eq!(visible(&name), format!("a⟨U+{:04X}⟩b", u32::from(c)));
            assert!(has_hidden(&name));
        }
        for c in [' ', 'a', 'é', '名', '😀', '_', '<', '\u{301}'] {
            assert!(!is_hidden(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn a_right_to_left_override_cannot_reorder_what_is_shown() {
        let name = "\u{202E}esu_gnikcart";
        assert_eq!(visible(name), "⟨U+202E⟩esu_gnikcart");
        assert_eq!(
            segments(name),
            [
                Segment::Escape("⟨U+202E⟩".into()),
                Segment::Text("esu_gnikcart".into())
            ]
        );
    }

    #[test]
    fn segments_alternate_text_and_escapes() {
        assert_eq!(
            segments("session\u{200B}id\u{AD}\u{AD}"),
            [
                Segment::Text("session".into()),
                Segment::Escape("⟨U+200B⟩".into()),
                Segment::Text("id".into()),
                Segment::Escape("⟨U+00AD⟩".into()),
                Segment::Escape("⟨U+00AD⟩".into()),
            ]
        );
        assert_eq!(segments("_ga"), [Segment::Text("_ga".into())]);
        assert!(segments("").is_empty());
    }

    #[test]
    fn an_escape_written_literally_is_escaped_too_but_hides_nothing() {
        let fake = "session⟨U+200B⟩id";
        assert_eq!(visible(fake), "session⟨U+27E8⟩U+200B⟨U+27E9⟩id");
        assert!(!has_hidden(fake));
        assert_ne!(visible(fake), visible("session\u{200B}id"));
    }

    #[test]
    fn plain_names_stay_as_they_are() {
        for name in ["sessionid", "名前", "émoji_😀", "<img src", "a b"] {
            assert_eq!(visible(name), name);
            assert!(!has_hidden(name));
        }
    }

    #[test]
    fn json_keeps_the_string_but_writes_hidden_characters_as_escapes() {
        let json = serde_json::to_string_pretty(&serde_json::json!({
            "name": "\u{202E}esu_gnikcart\u{7F}\u{E0041}\u{9}",
            "other": "名前",
        }))
        .expect("json");
        let escaped = json_escape_hidden(&json);
        assert!(!escaped.contains('\u{202E}'));
        assert!(escaped.contains("\\u202eesu_gnikcart\\u007f\\udb40\\udc41\\t"));
        assert!(escaped.contains("名前"));
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back["name"], "\u{202E}esu_gnikcart\u{7F}\u{E0041}\u{9}");
    }
}
