//! Hosts and cookie domains.

use public_suffix::{EffectiveTLDProvider, DEFAULT_PROVIDER};

/// The registrable domain of a host ("data.longbeach.gov" -> "longbeach.gov"), from the Public
/// Suffix List. `None` for IP addresses, public suffixes themselves and single labels. Hosts
/// come from the browser's URL parser, so they are already ASCII (punycode), as the table needs.
pub fn registrable_domain(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if !host.is_ascii() || host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return None;
    }
    DEFAULT_PROVIDER
        .effective_tld_plus_one(&host)
        .ok()
        .map(str::to_string)
}

/// Whether a cookie of `cookie_domain` is sent to `host`: the same host, or a parent domain of
/// it (RFC 6265 domain-match). Host-only cookies match their own host only.
pub fn cookie_applies(host: &str, cookie_domain: &str, host_only: bool) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let domain = cookie_domain.trim_start_matches('.').to_ascii_lowercase();
    if host == domain {
        return true;
    }
    !host_only
        && host
            .strip_suffix(domain.as_str())
            .is_some_and(|sub| sub.ends_with('.'))
}

/// The platform's own domains: Huwise (formerly Opendatasoft) serves portals under both, and the
/// extension has access to them by default (the manifest's `host_permissions` list the same).
pub const PLATFORM_DOMAINS: [&str; 2] = ["opendatasoft.com", "huwise.com"];

/// The platform domain a host is under, if any.
pub fn platform_domain(host: &str) -> Option<&'static str> {
    PLATFORM_DOMAINS
        .into_iter()
        .find(|domain| cookie_applies(host, domain, false))
}

/// The host-permission match pattern for a domain and every host under it: `*://*.x.org/*`.
/// Any scheme, so non-Secure cookies of the https site are readable too.
pub fn host_pattern(domain: &str) -> String {
    format!("*://*.{domain}/*")
}

/// The domain a pattern made by [`host_pattern`] grants, for telling the user what was asked.
pub fn pattern_domain(pattern: &str) -> Option<&str> {
    pattern.strip_prefix("*://*.")?.strip_suffix("/*")
}

/// The site a host belongs to: its registrable domain, or the host itself when the Public
/// Suffix List gives none (an IP, `localhost`). It is the domain to ask the `cookies` API for
/// (so cookies set on a parent domain come too), and the unit of partitioning and of
/// third-party questions.
pub fn site_of(host: &str) -> String {
    registrable_domain(host).unwrap_or_else(|| host.to_ascii_lowercase())
}

/// Whether a partition key's top-level site (`https://example.org`) is the site of `host`: only
/// then does a tab on `host` send the partitioned cookie.
pub fn partitioned_under(top_level_site: &str, host: &str) -> bool {
    let site = top_level_site
        .split_once("://")
        .map_or(top_level_site, |(_, rest)| rest)
        .trim_end_matches('/');
    // Without a port or path: Chrome writes "https://example.org", some builds add a port.
    let site = site.split([':', '/']).next().unwrap_or(site);
    site.eq_ignore_ascii_case(&site_of(host))
}

/// Whether `other` is a different site from `host`: a third party on its pages.
pub fn is_third_party(host: &str, other: &str) -> bool {
    site_of(host) != site_of(other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_and_third_parties_are_by_site() {
        assert!(partitioned_under(
            "https://opendatasoft.com",
            "demo.opendatasoft.com"
        ));
        assert!(partitioned_under(
            "http://example-city.org",
            "data.example-city.org"
        ));
        assert!(partitioned_under(
            "https://example-city.org:443",
            "data.example-city.org"
        ));
        assert!(!partitioned_under(
            "https://other.org",
            "data.example-city.org"
        ));
        assert!(!partitioned_under("", "data.example-city.org"));
        assert!(is_third_party(
            "data.example-city.org",
            "maps.example-tiles.net"
        ));
        assert!(!is_third_party(
            "data.example-city.org",
            "static.example-city.org"
        ));
        assert!(
            is_third_party("a.github.io", "b.github.io"),
            "private suffixes count"
        );
    }

    #[test]
    fn registrable_domains_follow_the_public_suffix_list() {
        assert_eq!(
            registrable_domain("data.longbeach.gov").as_deref(),
            Some("longbeach.gov")
        );
        assert_eq!(
            registrable_domain("public.opendatasoft.com").as_deref(),
            Some("opendatasoft.com")
        );
        assert_eq!(
            registrable_domain("opendata.paris.fr").as_deref(),
            Some("paris.fr")
        );
        assert_eq!(
            registrable_domain("data.example.co.uk").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(registrable_domain("gouv.fr"), None);
        assert_eq!(
            registrable_domain("city.gouv.fr").as_deref(),
            Some("city.gouv.fr")
        );
        assert_eq!(
            registrable_domain("data.example.github.io").as_deref(),
            Some("example.github.io")
        );
        assert_eq!(
            registrable_domain("xn--caf-dma.fr").as_deref(),
            Some("xn--caf-dma.fr")
        );
        assert_eq!(
            registrable_domain("café.fr"),
            None,
            "hosts reach us as punycode"
        );
        assert_eq!(registrable_domain("127.0.0.1"), None);
        assert_eq!(registrable_domain("localhost"), None);
        assert_eq!(site_of("127.0.0.1"), "127.0.0.1");
    }

    #[test]
    fn cookies_apply_to_their_host_and_subdomains_of_their_domain() {
        assert!(cookie_applies(
            "demo.opendatasoft.com",
            "demo.opendatasoft.com",
            true
        ));
        assert!(cookie_applies(
            "demo.opendatasoft.com",
            ".opendatasoft.com",
            false
        ));
        assert!(!cookie_applies(
            "demo.opendatasoft.com",
            "opendatasoft.com",
            true
        ));
        assert!(!cookie_applies(
            "demo.opendatasoft.com",
            ".other.opendatasoft.com",
            false
        ));
        assert!(!cookie_applies(
            "evilopendatasoft.com",
            ".opendatasoft.com",
            false
        ));
        assert!(cookie_applies(
            "Demo.OpenDataSoft.com",
            ".opendatasoft.com",
            false
        ));
        assert_eq!(
            platform_domain("public.opendatasoft.com"),
            Some("opendatasoft.com")
        );
        assert_eq!(platform_domain("hub.huwise.com"), Some("huwise.com"));
        assert_eq!(platform_domain("huwise.com"), Some("huwise.com"));
        assert_eq!(platform_domain("data.longbeach.gov"), None);
        assert_eq!(platform_domain("nothuwise.com"), None);
    }

    #[test]
    fn host_patterns_round_trip_and_match_the_manifest() {
        assert_eq!(host_pattern("longbeach.gov"), "*://*.longbeach.gov/*");
        assert_eq!(
            pattern_domain(&host_pattern("longbeach.gov")),
            Some("longbeach.gov")
        );
        assert_eq!(pattern_domain("*://data.longbeach.gov/*"), None);
        let manifest: serde_json::Value =
            serde_json::from_str(include_str!("../../manifest.json")).expect("manifest is JSON");
        let granted: Vec<&str> = manifest["host_permissions"]
            .as_array()
            .expect("host_permissions")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let platform: Vec<String> = PLATFORM_DOMAINS.iter().map(|d| host_pattern(d)).collect();
        assert_eq!(granted, platform);
    }
}
