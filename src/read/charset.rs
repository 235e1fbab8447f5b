//! Which character encoding a policy page is in. Portals answer in UTF-8 mostly, but a page saved
//! from an editor may be windows-1252, ISO-8859-15 or UTF-16; decoding those as UTF-8 turns every
//! accented heading into noise and loses the categories. The browser decodes (its `TextDecoder`
//! knows every WHATWG label); this picks the label, the way browsers do for a page: the
//! response's `charset`, else a byte-order mark, else a `<meta charset>` near the top.

/// How far into the page a `<meta charset>` is looked for (browsers look at the first 1024 bytes).
const META_SCAN_BYTES: usize = 1024;

/// The encodings this reader accepts, as WHATWG labels; anything else is read as UTF-8.
const KNOWN: &[(&str, &str)] = &[
    ("utf-8", "utf-8"),
    ("utf8", "utf-8"),
    ("windows-1252", "windows-1252"),
    ("cp1252", "windows-1252"),
    ("iso-8859-1", "windows-1252"),
    ("latin1", "windows-1252"),
    ("us-ascii", "windows-1252"),
    ("iso-8859-15", "iso-8859-15"),
    ("latin9", "iso-8859-15"),
    ("utf-16", "utf-16le"),
    ("utf-16le", "utf-16le"),
    ("utf-16be", "utf-16be"),
];

fn canonical(label: &str) -> Option<&'static str> {
    let label = label.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    KNOWN.iter().find(|(l, _)| *l == label).map(|(_, c)| *c)
}

/// The label to decode `bytes` with, given the response's `Content-Type`.
pub fn label_for(content_type: &str, bytes: &[u8]) -> &'static str {
    // A byte-order mark wins over everything, as in browsers.
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => return "utf-8",
        [0xFF, 0xFE, ..] => return "utf-16le",
        [0xFE, 0xFF, ..] => return "utf-16be",
        _ => {}
    }
    if let Some(label) = charset_param(content_type).and_then(canonical) {
        return label;
    }
    meta_charset(bytes.get(..META_SCAN_BYTES).unwrap_or(bytes))
        .and_then(canonical)
        // A UTF-16 page cannot declare itself in ASCII bytes it does not have.
        .filter(|l| !l.starts_with("utf-16"))
        .unwrap_or("utf-8")
}

fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then_some(value)
    })
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(head)
        .or_else(|e| std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()))
        .ok()?;
    let lower = text.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = text.get(at..)?.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    rest.get(..end).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_bom_then_meta() {
        assert_eq!(
            label_for("text/html; charset=windows-1252", b"x"),
            "windows-1252"
        );
        assert_eq!(
            label_for("text/html; Charset=\"ISO-8859-15\"", b"x"),
            "iso-8859-15"
        );
        assert_eq!(
            label_for("text/html; charset=utf-8", b"\xFF\xFEa\0"),
            "utf-16le"
        );
        assert_eq!(label_for("text/html", b"\xFE\xFF\0a"), "utf-16be");
        assert_eq!(
            label_for("text/html", b"<html><head><meta charset=\"windows-1252\">"),
            "windows-1252"
        );
        assert_eq!(
            label_for(
                "text/html",
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            ),
            "windows-1252"
        );
        assert_eq!(label_for("text/html", b"<p>plain</p>"), "utf-8");
        assert_eq!(label_for("text/html; charset=klingon", b""), "utf-8");
        assert_eq!(label_for("text/html", b"<meta charset=utf-16>"), "utf-8");
    }

    /// What the browser's decoder does with the label, checked with the same WHATWG decoder.
    #[test]
    fn the_label_decodes_accented_headings() {
        let page = b"<meta charset=\"windows-1252\"><h2>Cookies strictement n\xE9cessaires</h2>";
        let label = label_for("text/html", page);
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known label");
        let (text, _, errors) = encoding.decode(page);
        assert!(!errors);
        assert!(text.contains("nécessaires"));
        let utf16: Vec<u8> = "\u{feff}<h2>Nécessaires</h2>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let label = label_for("text/html", &utf16);
        let (text, _, _) = encoding_rs::Encoding::for_label(label.as_bytes())
            .expect("known label")
            .decode(&utf16);
        assert!(text.contains("Nécessaires"));
    }
}
