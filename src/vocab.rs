//! The words ODS policy pages use, in the six languages portals publish them in (en, fr, de, es,
//! nl, it). Everything is compared after `normalize`, so the lists hold lowercase words without
//! accents.

use crate::category::Category;

/// Lowercase, accents folded, everything that is not a letter or digit turned into single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        other => other,
    }
}

fn has_word(normalized: &str, words: &[&str]) -> bool {
    normalized.split(' ').any(|w| words.contains(&w))
}

fn has_phrase(normalized: &str, phrases: &[&str]) -> bool {
    let padded = format!(" {normalized} ");
    phrases.iter().any(|p| padded.contains(&format!(" {p} ")))
}

/// What a policy table column holds, recognised from its header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Provider,
    Function,
    Names,
    Purpose,
    Duration,
}

const COOKIE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "traceur",
    "traceurs",
    "tracker",
    "trackers",
    "cookiename",
    "cookienaam",
    "cookienamen",
];
const NAME_WORDS: &[&str] = &[
    "name",
    "names",
    "nom",
    "noms",
    "nombre",
    "nombres",
    "naam",
    "namen",
    "nome",
    "nomi",
    "bezeichnung",
    "cookiename",
    "cookienaam",
    "cookienamen",
    "identifiant",
];
const PROVIDER_WORDS: &[&str] = &[
    "provider",
    "providers",
    "supplier",
    "vendor",
    "owner",
    "company",
    "fournisseur",
    "prestataire",
    "editeur",
    "emetteur",
    "societe",
    "anbieter",
    "anbieters",
    "dienstleisters",
    "dienstleister",
    "dienstanbieter",
    "herausgeber",
    "proveedor",
    "prestador",
    "empresa",
    "aanbieder",
    "leverancier",
    "dienstverlener",
    "fornitore",
    "prestatore",
    "gestore",
    "societa",
];
const DURATION_WORDS: &[&str] = &[
    "duration",
    "expiry",
    "expiration",
    "expires",
    "retention",
    "lifetime",
    "lifespan",
    "validity",
    "duree",
    "conservation",
    "expire",
    "dauer",
    "laufzeit",
    "ablauf",
    "speicherdauer",
    "gultigkeit",
    "ablaufzeit",
    "duracion",
    "caducidad",
    "vigencia",
    "conservacion",
    "caduca",
    "duur",
    "bewaartermijn",
    "looptijd",
    "geldigheid",
    "vervaltijd",
    "vervaldatum",
    "durata",
    "scadenza",
    "conservazione",
    "validita",
];
const FUNCTION_WORDS: &[&str] = &[
    "function",
    "location",
    "fonction",
    "emplacement",
    "funktion",
    "ort",
    "funcion",
    "ubicacion",
    "functie",
    "locatie",
    "funzione",
    "posizione",
    "ubicazione",
    "fonctionnalite",
    "feature",
];
const PURPOSE_WORDS: &[&str] = &[
    "purpose",
    "purposes",
    "finalite",
    "finalites",
    "objectif",
    "objectifs",
    "objet",
    "but",
    "zweck",
    "zwecke",
    "verwendungszweck",
    "finalidad",
    "finalidades",
    "proposito",
    "objetivo",
    "doel",
    "doelen",
    "doeleinde",
    "doeleinden",
    "finalita",
    "scopo",
    "scopi",
    "description",
    "beschreibung",
    "descripcion",
    "beschrijving",
    "descrizione",
    "usage",
    "utilisation",
];

/// Recognises a header cell. Order matters: "Cookie name" names the cookies even though "name"
/// alone would also fit "Supplier name".
pub fn classify_column(header: &str) -> Option<Column> {
    // Cheap bail before normalising: spanned cells are classified once per slot.
    if header.len() > 200 {
        return None;
    }
    let n = normalize(header);
    if n.is_empty() || n.len() > 60 {
        return None;
    }
    let cookie = has_word(&n, COOKIE_WORDS);
    let provider = has_word(&n, PROVIDER_WORDS);
    if (cookie && has_word(&n, NAME_WORDS))
        || (!provider && has_word(&n, NAME_WORDS))
        || matches!(n.as_str(), "cookie" | "cookies" | "cookie s")
    {
        return Some(Column::Names);
    }
    if provider {
        return Some(Column::Provider);
    }
    if has_word(&n, DURATION_WORDS) {
        return Some(Column::Duration);
    }
    if has_word(&n, FUNCTION_WORDS) {
        return Some(Column::Function);
    }
    if has_word(&n, PURPOSE_WORDS) {
        return Some(Column::Purpose);
    }
    None
}

const NECESSARY_WORDS: &[&str] = &[
    "necessary",
    "essential",
    "essentials",
    "required",
    "strictly",
    "indispensable",
    "necessaire",
    "necessaires",
    "indispensables",
    "essentiel",
    "essentiels",
    "notwendig",
    "notwendige",
    "notwendigen",
    "erforderlich",
    "erforderliche",
    "erforderlichen",
    "essenziell",
    "essenzielle",
    "essentielle",
    "technisch",
    "technische",
    "necesaria",
    "necesarias",
    "necesarios",
    "imprescindibles",
    "esenciales",
    "tecnicas",
    "noodzakelijk",
    "noodzakelijke",
    "essentieel",
    "essentiele",
    "necessari",
    "necessarie",
    "tecnici",
    "essenziali",
    "strictement",
    "unbedingt",
    "estrictamente",
    "strikt",
    "strettamente",
    "tecnicos",
    "obligatoires",
    "obligatoire",
    "unerlasslich",
    "unerlassliche",
    "indispensabili",
];
const ANALYTICS_WORDS: &[&str] = &[
    "statistical",
    "statistics",
    "statistic",
    "analytics",
    "analytical",
    "audience",
    "measurement",
    "performance",
    "statistiques",
    "statistique",
    "mesure",
    "analyse",
    "statistik",
    "statistiken",
    "statistische",
    "statistischen",
    "reichweitenmessung",
    "analytische",
    "estadisticas",
    "estadisticos",
    "estadistica",
    "analiticas",
    "analiticos",
    "medicion",
    "statistieken",
    "analytisch",
    "meting",
    "statistici",
    "statistiche",
    "analitici",
    "analitiche",
    "misurazione",
    "prestazioni",
    "stats",
    "stat",
    "analysis",
    "audiencia",
    "audiencias",
    "reichweite",
    "bezoekers",
    "bezoekersstatistieken",
    "pubblico",
    "analisi",
    "analysecookies",
    "statistikcookies",
    "mesures",
    "visites",
    "frequentation",
    "trafic",
    "analitica",
];
const MARKETING_WORDS: &[&str] = &[
    "marketing",
    "advertising",
    "targeting",
    "ads",
    "publicitaires",
    "publicite",
    "ciblage",
    "werbung",
    "werbe",
    "publicidad",
    "publicitarias",
    "reclame",
    "advertentie",
    "advertenties",
    "pubblicitari",
    "pubblicita",
    "profilazione",
    "advertisement",
    "retargeting",
    "social",
    "publicitarios",
    "publicitaria",
    "marketingcookies",
    "werbecookies",
    "pubblicitaria",
    "reclamecookies",
    "sociaux",
    "reseaux",
];
const FUNCTIONAL_WORDS: &[&str] = &[
    "functional",
    "functionality",
    "preferences",
    "preference",
    "fonctionnels",
    "fonctionnel",
    "fonctionnalite",
    "fonctionnalites",
    "funktional",
    "funktionale",
    "funktionelle",
    "praferenz",
    "praferenzen",
    "funcionales",
    "funcionalidad",
    "preferencias",
    "functioneel",
    "functionele",
    "voorkeur",
    "voorkeuren",
    "funzionali",
    "funzionalita",
    "preferenze",
    "experience",
    "personalisation",
    "personalization",
    "personnalisation",
    "confort",
    "komfort",
    "komfortfunktionen",
    "personalisierung",
    "personalizacion",
    "personalizzazione",
    "esperienza",
    "experiencia",
    "ervaring",
    "gebruikerservaring",
    "funktionscookies",
];
const THIRD_PARTY_PHRASES: &[&str] = &[
    "third party",
    "third parties",
    "thirdparty",
    "tiers",
    "tierces",
    "drittanbieter",
    "drittanbietern",
    "dritter",
    "drittanbieters",
    "terceros",
    "terceras",
    "derden",
    "derde partij",
    "derde partijen",
    "terze parti",
    "terzi",
    "terza parte",
];

/// Recognises a heading that opens a category of cookies. Necessary is tested first because the
/// old ODS template titles it "Cookies necessary ... /functionality cookies".
pub fn classify_heading(heading: &str) -> Option<(Category, bool)> {
    let n = normalize(heading);
    if n.is_empty() || n.len() > 160 {
        return None;
    }
    let third_party = has_phrase(&n, THIRD_PARTY_PHRASES);
    let category = if has_word(&n, NECESSARY_WORDS) {
        Category::Necessary
    } else if has_word(&n, ANALYTICS_WORDS) {
        Category::Analytics
    } else if has_word(&n, MARKETING_WORDS) || third_party {
        Category::Marketing
    } else if has_word(&n, FUNCTIONAL_WORDS) {
        Category::Functional
    } else {
        return None;
    };
    Some((category, third_party))
}

/// Phrases that turn the names after them into prefixes: "any cookie starting with _hs".
pub const PREFIX_PHRASES: &[&str] = &[
    "starting with",
    "beginning with",
    "starts with",
    "begins with",
    "begin with",
    "prefixed with",
    "prefixed by",
    "commencant par",
    "commence par",
    "debutant par",
    "qui commencent par",
    "prefixes par",
    "prefixe",
    "beginnend mit",
    "beginnen mit",
    "beginnt mit",
    "mit dem prafix",
    "que empiezan por",
    "que comienzan por",
    "empezando por",
    "comenzando por",
    "que empiezan con",
    "beginnend met",
    "die beginnen met",
    "beginnen met",
    "begint met",
    "che iniziano con",
    "che inizia con",
    "che iniziano per",
    "inizianti con",
    "con prefisso",
];

/// Conjunctions that separate cookie names in a cell: "_ga and _gid", "_pk_id et _pk_ses".
pub const NAME_CONJUNCTIONS: &[&str] = &[
    "and", "or", "et", "ou", "und", "oder", "y", "o", "en", "of", "e", "ed", "as", "well",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(
            normalize("  Durée  de conservation! "),
            "duree de conservation"
        );
        assert_eq!(normalize("Cookie name(s)"), "cookie name s");
        assert_eq!(normalize("Cookie-Name"), "cookie name");
    }

    #[test]
    fn columns_in_every_language() {
        use Column::*;
        let cases = [
            ("Service provider's name", Provider),
            ("Function and location", Function),
            ("Cookie name(s)", Names),
            ("Purposes", Purpose),
            ("Supplier name", Provider),
            ("Cookie name", Names),
            ("Duration", Duration),
            ("Function", Function),
            ("Nom du prestataire", Provider),
            ("Fonction et emplacement", Function),
            ("Nom(s) du/des cookie(s)", Names),
            ("Finalités", Purpose),
            ("Durée", Duration),
            ("Name des Anbieters", Provider),
            ("Funktion und Ort", Function),
            ("Cookie-Name(n)", Names),
            ("Zweck", Purpose),
            ("Speicherdauer", Duration),
            ("Nombre del proveedor", Provider),
            ("Función y ubicación", Function),
            ("Nombre de la cookie", Names),
            ("Finalidad", Purpose),
            ("Duración", Duration),
            ("Naam van de aanbieder", Provider),
            ("Functie en locatie", Function),
            ("Cookienaam", Names),
            ("Doel", Purpose),
            ("Bewaartermijn", Duration),
            ("Nome del fornitore", Provider),
            ("Funzione e posizione", Function),
            ("Nome del cookie", Names),
            ("Finalità", Purpose),
            ("Durata", Duration),
        ];
        for (header, want) in cases {
            assert_eq!(classify_column(header), Some(want), "{header}");
        }
        assert_eq!(classify_column("Opendatasoft"), None);
        assert_eq!(classify_column("sessionid"), None);
    }

    #[test]
    fn headings_in_every_language() {
        use Category::*;
        let cases = [
            (
                "Cookies necessary for the platform to function properly/functionality cookies",
                Necessary,
                false,
            ),
            ("Strictly necessary cookies", Necessary, false),
            ("Statistical cookies", Analytics, false),
            ("Audience measurement cookies", Analytics, false),
            ("Third-party cookies", Marketing, true),
            (
                "Cookies nécessaires au bon fonctionnement de la plateforme",
                Necessary,
                false,
            ),
            ("Cookies de mesure d'audience", Analytics, false),
            ("Cookies tiers", Marketing, true),
            ("Unbedingt erforderliche Cookies", Necessary, false),
            ("Statistik-Cookies", Analytics, false),
            ("Cookies von Drittanbietern", Marketing, true),
            ("Cookies estrictamente necesarias", Necessary, false),
            ("Cookies de terceros", Marketing, true),
            ("Strikt noodzakelijke cookies", Necessary, false),
            ("Analytische cookies", Analytics, false),
            ("Cookie tecnici necessari", Necessary, false),
            ("Cookie statistici", Analytics, false),
            ("Preference cookies", Functional, false),
        ];
        for (heading, cat, third) in cases {
            assert_eq!(classify_heading(heading), Some((cat, third)), "{heading}");
        }
        for other in [
            "What is a cookie?",
            "Cookies policy",
            "opendatasoft",
            "What cookies are used on the <https://x> platform",
        ] {
            assert_eq!(classify_heading(other), None, "{other}");
        }
    }
}
