//! The contact a portal publishes on its policy page: the first email address on it, from a
//! `mailto:` link or the text, so a visitor's report reaches someone who answers for the page.

use scraper::{Html, Node};

/// RFC 5321's limit on a whole address; anything longer is not one.
const MAX_ADDRESS: usize = 254;

/// Image and asset names look like addresses (`logo@2x.png`); no such top-level domain exists.
const FILE_EXTENSIONS: [&str; 9] = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js",
];

/// The first email address in the page, in document order (a link's `mailto:` before the text
/// after it); none when the page publishes none. Scripts and styles are not the page's words.
pub fn first_email(document: &Html) -> Option<String> {
    for node in document.tree.root().descendants() {
        match node.value() {
            Node::Element(e) if e.name() == "a" => {
                let href = e.attr("href").unwrap_or_default().trim();
                let is_mailto = href
                    .get(..7)
                    .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
                if is_mailto {
                    let target = href.get(7..).unwrap_or_default();
                    let first = target.split(['?', ',']).next().unwrap_or_default();
                    let decoded = percent_encoding::percent_decode_str(first).decode_utf8_lossy();
                    if let Some(address) = address_in(&decoded) {
                        return Some(address);
                    }
                }
            }
            Node::Text(text) => {
                let hidden = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name()))
                    .is_some_and(|name| matches!(name, "script" | "style" | "noscript"));
                if !hidden {
                    if let Some(address) = address_in(text) {
                        return Some(address);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-')
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// The first plausible address in a text: a local part, `@`, and a domain whose last label is
/// letters. Each character is looked at a bounded number of times (runs stop at `@`).
pub fn address_in(text: &str) -> Option<String> {
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find('@')) {
        let at = from + offset;
        from = at + 1;
        let before = text.get(..at).unwrap_or_default();
        let after = text.get(at + 1..).unwrap_or_default();
        let local_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| local_char(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let local = text.get(local_start..at).unwrap_or_default();
        let local = local.trim_start_matches('.');
        let domain_len = after
            .char_indices()
            .find(|(_, c)| !domain_char(*c))
            .map_or(after.len(), |(i, _)| i);
        // "write to dpo@city.fr." ends a sentence, not the domain.
        let domain = after
            .get(..domain_len)
            .unwrap_or_default()
            .trim_end_matches(['.', '-']);
        if valid(local, domain) {
            return Some(format!("{local}@{}", domain.to_ascii_lowercase()));
        }
    }
    None
}

fn valid(local: &str, domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    !local.is_empty()
        && !local.ends_with('.')
        && !local.contains("..")
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && !FILE_EXTENSIONS.iter().any(|e| tld.eq_ignore_ascii_case(e))
        && local.len() + 1 + domain.len() <= MAX_ADDRESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Option<String> {
        first_email(&Html::parse_document(&format!(
            "<html><body>{body}</body></html>"
        )))
    }

    #[test]
    fn finds_the_first_address_in_text_or_link() {
        assert_eq!(
            page("<p>Questions: write to DPO@Example-City.FR.</p><p>webmaster@example.org</p>"),
            Some("DPO@example-city.fr".into()),
            "the first one, without the sentence's full stop; the domain lowercased"
        );
        assert_eq!(
            page("<p>Contact <a href=\"MAILTO:dpo%2Bcookies@ville.fr?subject=Cookies\">our officer</a></p><p>x@y.org</p>"),
            Some("dpo+cookies@ville.fr".into()),
            "a link's address counts where the link is"
        );
        assert_eq!(
            page("<script>var a = 'tracker@ads.example.com';</script><p>rgpd@region.fr</p>"),
            Some("rgpd@region.fr".into()),
            "a script is not the page's words"
        );
    }

    #[test]
    fn what_is_not_an_address_is_not_taken() {
        assert_eq!(page("<p>No contact here.</p>"), None);
        assert_eq!(address_in("logo@2x.png is an image"), None);
        assert_eq!(address_in("follow @opendatasoft or a@b"), None);
        assert_eq!(address_in("user@localhost"), None);
        assert_eq!(address_in("x@-bad.fr and ..@a.fr"), None);
        assert_eq!(
            address_in("@@@@ then ok.name@sub.example.com,"),
            Some("ok.name@sub.example.com".into())
        );
        let long = format!("{}@example.com", "a".repeat(300));
        assert_eq!(address_in(&long), None);
    }
}
