//! The store listing in `store/` holds every text and picture the Chrome Web Store and
//! addons.mozilla.org forms ask for, in each UI language, within the stores' limits, and says
//! the same as the package it describes.

use std::fs;
use std::path::Path;

const LANGUAGES: [&str; 4] = ["en", "fr", "de", "es"];
/// The languages with their own screenshots; the others' listings reuse the English ones.
const PICTURE_LANGUAGES: [&str; 2] = ["en", "fr"];
const SCREENSHOTS: [&str; 4] = [
    "1-findings",
    "2-table",
    "3-fix-the-policy",
    "4-consent-test",
];

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn message(lang: &str, key: &str) -> String {
    let catalogue = json(&format!("extension/_locales/{lang}/messages.json"));
    catalogue[key]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{lang}: no {key}"))
        .to_string()
}

/// A listing text: the file without its final newline, never empty.
fn text(lang: &str, field: &str) -> String {
    let path = format!("store/{lang}/{field}.txt");
    let content = read(&path);
    let content = content.strip_suffix('\n').unwrap_or(&content).to_string();
    assert!(!content.trim().is_empty(), "{path} is empty");
    content
}

#[test]
fn each_language_has_a_name_summary_and_description_within_the_stores_limits() {
    for lang in LANGUAGES {
        let name = text(lang, "name");
        assert_eq!(
            name,
            message(lang, "ext_name"),
            "{lang}: the listing's name is the manifest's"
        );
        assert!(
            name.chars().count() <= 45,
            "{lang}: name over 45 characters"
        );

        // Chrome shows the manifest's description as the summary and rejects one over 132.
        let summary = text(lang, "summary");
        assert_eq!(
            summary,
            message(lang, "ext_description"),
            "{lang}: the summary is the manifest's description"
        );
        let length = summary.chars().count();
        assert!(
            length <= 132,
            "{lang}: summary of {length} characters, over 132"
        );

        let description = text(lang, "description");
        let length = description.chars().count();
        assert!(
            (1000..=16_000).contains(&length),
            "{lang}: description of {length} characters"
        );
        // Written for the three kinds of users, and honest about what the extension is not.
        assert!(
            description.contains("cookies_preferences"),
            "{lang}: says which consent record it reads"
        );
        assert!(
            description.contains("opendatasoft.com") && description.contains("huwise.com"),
            "{lang}: says where it works"
        );
    }
}

#[test]
fn every_permission_of_the_manifest_has_its_reason() {
    let manifest = json("manifest.json");
    let reasons = read("store/permissions.md");
    let mut asked = Vec::new();
    for key in [
        "permissions",
        "host_permissions",
        "optional_host_permissions",
    ] {
        for permission in manifest[key].as_array().into_iter().flatten() {
            asked.push(permission.as_str().unwrap_or_default().to_string());
        }
    }
    assert!(asked.len() >= 7, "the manifest's permissions: {asked:?}");
    for permission in &asked {
        let line = reasons
            .lines()
            .find(|line| line.starts_with('|') && line.contains(&format!("`{permission}`")));
        let line =
            line.unwrap_or_else(|| panic!("store/permissions.md says nothing of {permission}"));
        let why = line.rsplit('|').nth(1).unwrap_or_default().trim();
        assert!(
            why.len() > 40,
            "{permission}: a reason, not a word: {why:?}"
        );
    }
    // Each reason is for a permission the manifest asks for: none left from an older one.
    for line in reasons
        .lines()
        .filter(|l| l.starts_with("| `") || l.starts_with("| host") || l.starts_with("| optional"))
    {
        assert!(
            asked.iter().any(|p| line.contains(&format!("`{p}`"))),
            "store/permissions.md explains a permission the manifest does not ask for: {line}"
        );
    }
}

#[test]
fn the_privacy_policy_says_what_is_read_sent_and_kept() {
    let policy = read("store/privacy-policy.md");
    for heading in [
        "## Nothing leaves your computer",
        "## What cookielens reads",
        "## What cookielens keeps on your computer",
    ] {
        assert!(
            policy.contains(heading),
            "privacy policy without {heading:?}"
        );
    }
    assert!(policy.contains("storage.local"));
    assert!(policy.contains("permissions.md"));
}

/// Width and height of a PNG, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.len() > 24 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "{} is not a PNG",
        path.display()
    );
    let number =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (number(16), number(20))
}

#[test]
fn the_screenshots_and_the_promotional_tile_have_the_stores_sizes() {
    for lang in PICTURE_LANGUAGES {
        for shot in SCREENSHOTS {
            let path = format!("store/screenshots/{lang}-{shot}.png");
            assert_eq!(png_size(Path::new(&path)), (1280, 800), "{path}");
        }
        let tile = format!("store/screenshots/{lang}-promo-tile-440x280.png");
        assert_eq!(png_size(Path::new(&tile)), (440, 280), "{tile}");
    }
}
