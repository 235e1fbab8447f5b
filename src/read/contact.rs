//! The contacts a portal publishes on its policy page: every email address on it, from a
//! `mailto:` link or the text, each marked when the page gives it as its data-protection
//! officer's, so a visitor's report reaches the person who answers for the page: the officer
//! when the page names one, else the first address.

use scraper::{Html, Node};
use serde::{Deserialize, Serialize};

use crate::read::vocab::normalize;

/// An address on the policy page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub address: String,
    /// The page gives it as its data-protection officer's: its own words around it, the
    /// heading above it, or the address itself say so.
    pub dpo: bool,
}

/// Addresses kept from one page: a policy lists a few; a page listing hundreds is not giving a
/// contact, and each address's context is read once.
const MAX_CONTACTS: usize = 20;

/// How much of the text around an address is read for the officer's title.
const CONTEXT_CHARS: usize = 300;

/// How the officer is named, in the languages the policy reader supports (normalised: lower
/// case, no accents). Short forms count only as whole words.
const DPO_WORDS: [&str; 14] = [
    "data protection officer",
    "delegue a la protection des donnees",
    "delegue a la protection des donnees personnelles",
    "delegue a la protection",
    "datenschutzbeauftragte",
    "delegado de proteccion de datos",
    "delegada de proteccion de datos",
    "functionaris voor gegevensbescherming",
    "responsabile della protezione dei dati",
    "responsable de la protection des donnees",
    "dpo",
    "dpd",
    "rpd",
    "dsb",
];

/// Local parts that name the officer's mailbox.
const DPO_MAILBOXES: [&str; 9] = [
    "dpo",
    "dpd",
    "rgpd",
    "gdpr",
    "dsgvo",
    "datenschutz",
    "privacy",
    "protecciondedatos",
    "delegue-protection-donnees",
];

/// Whether `text` names a data-protection officer.
fn names_officer(text: &str) -> bool {
    let text = normalize(text);
    let padded = format!(" {} ", text.replace(|c: char| !c.is_alphanumeric(), " "));
    DPO_WORDS.iter().any(|w| {
        if w.contains(' ') || w.len() > 4 {
            text.contains(w)
        } else {
            padded.contains(&format!(" {w} "))
        }
    })
}

fn officer_mailbox(address: &str) -> bool {
    let local = address
        .split('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    DPO_MAILBOXES.iter().any(|m| {
        local == *m || local.starts_with(&format!("{m}.")) || local.starts_with(&format!("{m}-"))
    })
}

/// The last `CONTEXT_CHARS` characters of `text`.
fn tail(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS)
        .map_or(0, |(i, _)| i);
    text.get(start..).unwrap_or(text)
}

/// Every address on the page in document order, each once, with whether the page gives it as
/// its data-protection officer's: the words just before it in its own block, the link's text,
/// or the nearest heading above it name the officer, or its mailbox does.
pub fn emails(document: &Html) -> Vec<Contact> {
    let mut found: Vec<Contact> = Vec::new();
    let mut heading = String::new();
    // The text read since the last block boundary, kept to its tail.
    let mut block = String::new();
    for node in document.tree.root().descendants() {
        if found.len() >= MAX_CONTACTS {
            break;
        }
        let mut here: Vec<(String, String)> = Vec::new();
        match node.value() {
            Node::Element(e) if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let text: String = node
                    .descendants()
                    .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                    .collect();
                heading = tail(&text).to_string();
                block.clear();
            }
            Node::Element(e)
                if matches!(
                    e.name(),
                    "p" | "li" | "tr" | "td" | "dd" | "dt" | "section" | "div" | "table"
                ) =>
            {
                block.clear();
            }
            Node::Element(e) if e.name() == "a" => {
                let href = e.attr("href").unwrap_or_default().trim();
                let is_mailto = href
                    .get(..7)
                    .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
                if is_mailto {
                    let target = href.get(7..).unwrap_or_default();
                    let first = target.split(['?', ',']).next().unwrap_or_default();
                    let decoded = percent_encoding::percent_decode_str(first).decode_utf8_lossy();
                    let label: String = node
                        .descendants()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect();
                    if let Some(address) = address_in(&decoded) {
                        here.push((address, format!("{block} {}", tail(&label))));
                    }
                }
            }
            Node::Text(text) => {
                let hidden = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name()))
                    .is_some_and(|name| matches!(name, "script" | "style" | "noscript"));
                if !hidden {
                    let text: &str = text;
                    // Each address in the text, with the words before it.
                    let mut from = 0;
                    while let Some(address) = text.get(from..).and_then(address_in) {
                        let local = address.split('@').next().unwrap_or_default().to_string();
                        let at = text
                            .get(from..)
                            .and_then(|rest| rest.find(&format!("{local}@")))
                            .map_or(text.len(), |i| from + i);
                        let before = text.get(from..at).unwrap_or_default();
                        here.push((address, format!("{block} {}", tail(before))));
                        block = tail(&format!("{block} {before}")).to_string();
                        from = at + local.len() + 1;
                        if here.len() >= MAX_CONTACTS {
                            break;
                        }
                    }
                    let rest = text.get(from..).unwrap_or_default();
                    block = tail(&format!("{block} {rest}")).to_string();
                }
            }
            _ => {}
        }
        for (address, context) in here {
            let dpo =
                officer_mailbox(&address) || names_officer(&context) || names_officer(&heading);
            if let Some(seen) = found.iter_mut().find(|c| c.address == address) {
                seen.dpo |= dpo;
            } else if found.len() < MAX_CONTACTS {
                found.push(Contact { address, dpo });
            }
        }
    }
    found
}

/// Where a report goes: the officer's address when the page names one, else the first.
pub fn preferred(contacts: &[Contact]) -> Option<String> {
    contacts
        .iter()
        .find(|c| c.dpo)
        .or_else(|| contacts.first())
        .map(|c| c.address.clone())
}

/// RFC 5321's limit on a whole address; anything longer is not one.
const MAX_ADDRESS: usize = 254;

/// Image and asset names look like addresses (`logo@2x.png`); no such top-level domain exists.
const FILE_EXTENSIONS: [&str; 9] = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js",
];

/// The first email address in the page, in document order (a link's `mailto:` before the text
/// after it); none when the page publishes none. Scripts and styles are not the page's words.
pub fn first_email(document: &Html) -> Option<String> {
    emails(document).into_iter().next().map(|c| c.address)
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

    fn contacts(body: &str) -> (Option<String>, Vec<Contact>) {
        let all = emails(&Html::parse_document(&format!(
            "<html><body>{body}</body></html>"
        )));
        (preferred(&all), all)
    }

    #[test]
    fn the_data_protection_officer_wins_over_the_first_address_in_every_language() {
        for (body, officer) in [
            ("<h2>Contact</h2><p>Help desk: support@city.example</p><h2>Your rights</h2>\
              <p>Write to our Data Protection Officer at privacy.office@city.example.</p>",
             "privacy.office@city.example"),
            ("<p>Contact : accueil@ville.example</p><p>Vous pouvez contacter notre délégué à la \
              protection des données : <a href=\"mailto:protection@ville.example\">écrire</a></p>",
             "protection@ville.example"),
            ("<p>Kontakt: info@stadt.example</p><h3>Datenschutzbeauftragter</h3>\
              <p>beauftragter@stadt.example</p>", "beauftragter@stadt.example"),
            ("<p>Contacto: info@ciudad.example</p><p>Delegado de Protección de Datos: \
              proteccion@ciudad.example</p>", "proteccion@ciudad.example"),
            ("<p>Questions: webmaster@city.example or dpo@city.example</p>", "dpo@city.example"),
        ] {
            let (to, all) = contacts(body);
            assert_eq!(to.as_deref(), Some(officer), "{body}");
            assert!(all.len() >= 2, "every address is kept to choose from");
        }
        let (to, all) = contacts("<p>Write to help@city.example or web@city.example.</p>");
        assert_eq!(
            to.as_deref(),
            Some("help@city.example"),
            "no officer: the first"
        );
        assert!(all.iter().all(|c| !c.dpo));
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
