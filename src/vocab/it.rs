//! Italian words of cookie policies, as `normalize` leaves them (lowercase, no
//! accents). The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &[],
    name: &["nome", "nomi"],
    provider: &["fornitore", "prestatore", "gestore", "societa"],
    duration: &["durata", "scadenza", "conservazione", "validita"],
    function: &["funzione", "posizione", "ubicazione"],
    purpose: &["finalita", "scopo", "scopi", "descrizione"],
    necessary: &[
        "necessari",
        "necessarie",
        "tecnici",
        "essenziali",
        "strettamente",
        "indispensabili",
    ],
    analytics: &[
        "statistici",
        "statistiche",
        "analitici",
        "analitiche",
        "misurazione",
        "prestazioni",
        "pubblico",
        "analisi",
    ],
    marketing: &[
        "pubblicitari",
        "pubblicita",
        "profilazione",
        "pubblicitaria",
    ],
    functional: &[
        "funzionali",
        "funzionalita",
        "preferenze",
        "personalizzazione",
        "esperienza",
    ],
    third_party: &["terze parti", "terzi", "terza parte"],
    prefix_phrases: &[
        "che iniziano con",
        "che inizia con",
        "che iniziano per",
        "inizianti con",
        "con prefisso",
    ],
    conjunctions: &["e", "ed"],
    fillers: &[
        "nessuno",
        "qualsiasi",
        "che",
        "come",
        "il",
        "gli",
        "tutti",
        "i",
    ],
    prefix_verbs_last: &[],
};
