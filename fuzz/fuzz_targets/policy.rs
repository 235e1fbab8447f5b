#![no_main]
//! Any bytes as a policy page, in both forms: no panic, and every declaration it reports
//! names at least one cookie or its provider; every usable name matches itself. The first lines
//! are also cookie names: shown without a hidden character left, and a lookalike only of what
//! the name becomes without them. Slowness is found through the per-input `-timeout` in
//! `scripts/fuzz`.

use cookielens::judge::matching::best_match;
use cookielens::judge::matching::lookalike_of;
use cookielens::read::name_text::{is_hidden, segments, visible, without_hidden, Segment};
use cookielens::read::policy::{parse_html, parse_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for policy in [parse_html(&text), parse_text(&text)] {
        for (_, declaration) in policy.declarations() {
            assert!(!declaration.names.is_empty() || !declaration.provider.is_empty());
            for name in declaration.names.iter().filter(|n| n.is_exact() && n.is_usable()) {
                assert!(best_match(&policy, &name.glob).is_some());
            }
            let _ = policy.notes();
        }
        for name in text.lines().take(16) {
            let shown = visible(name);
            assert!(!shown.chars().any(is_hidden));
            let joined: String = segments(name)
                .into_iter()
                .map(|s| match s {
                    Segment::Text(t) | Segment::Escape(t) => t,
                })
                .collect();
            assert_eq!(joined, shown);
            if lookalike_of(&policy, name, None).is_some() {
                assert!(best_match(&policy, &without_hidden(name)).is_some());
            }
        }
    }
});
