//! Catalan words of cookie policies ("galetes"), as `normalize` leaves them (lowercase, no
//! accents). The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &["galeta", "galetes"],
    name: &["nom", "noms"],
    provider: &[
        "proveidor",
        "proveidors",
        "titular",
        "empresa",
        "responsable",
    ],
    duration: &["durada", "duracio", "caducitat", "conservacio", "venciment"],
    function: &["funcio", "ubicacio", "servei"],
    purpose: &["finalitat", "finalitats", "objectiu", "descripcio", "us"],
    category: &["categoria", "tipus de galeta"],
    necessary: &[
        "necessaria",
        "necessaries",
        "necessaris",
        "estrictament",
        "tecniques",
        "imprescindibles",
        "essencials",
    ],
    analytics: &[
        "analisi",
        "analitiques",
        "estadistiques",
        "mesura",
        "audiencia",
    ],
    marketing: &[
        "publicitaries",
        "publicitat",
        "publicitaris",
        "comportamentals",
    ],
    functional: &[
        "preferencies",
        "personalitzacio",
        "funcionals",
        "funcionalitat",
    ],
    third_party: &["tercers"],
    prefix_phrases: &["que comencen per", "comencant per"],
    conjunctions: &["i", "o"],
    fillers: &["qualsevol", "totes", "les", "la", "el"],
    prefix_verbs_last: &[],
    session: &["sessio"],
    one: &["un", "una"],
    duration_seconds: &["segon", "segons"],
    duration_minutes: &["minut", "minuts"],
    duration_hours: &["hora", "hores"],
    duration_days: &["dia", "dies"],
    duration_weeks: &["setmana", "setmanes"],
    duration_months: &["mes", "mesos"],
    duration_years: &["any", "anys"],
};
