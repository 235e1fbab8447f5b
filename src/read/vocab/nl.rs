//! Dutch words of cookie policies, as `normalize` leaves them (lowercase, no
//! accents). The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &["cookienaam", "cookienamen"],
    name: &["naam", "namen", "cookienaam", "cookienamen"],
    provider: &["aanbieder", "leverancier", "dienstverlener"],
    duration: &[
        "duur",
        "bewaartermijn",
        "looptijd",
        "geldigheid",
        "vervaltijd",
        "vervaldatum",
    ],
    function: &["functie", "locatie"],
    purpose: &["doel", "doelen", "doeleinde", "doeleinden", "beschrijving"],
    category: &["categorie", "soort cookie"],
    necessary: &[
        "noodzakelijk",
        "noodzakelijke",
        "essentieel",
        "essentiele",
        "strikt",
    ],
    analytics: &[
        "statistieken",
        "analytisch",
        "analytische",
        "meting",
        "bezoekers",
        "bezoekersstatistieken",
    ],
    marketing: &[
        "advertentie",
        "reclame",
        "advertentie",
        "advertenties",
        "reclamecookies",
    ],
    functional: &[
        "voorkeurs",
        "voorkeuren",
        "functioneel",
        "functionele",
        "voorkeur",
        "voorkeuren",
        "ervaring",
        "gebruikerservaring",
    ],
    third_party: &["derden", "derde partij", "derde partijen"],
    prefix_phrases: &[
        "beginnend met",
        "die beginnen met",
        "beginnen met",
        "begint met",
    ],
    conjunctions: &["en", "of"],
    fillers: &[
        "wij", "we", "deze", "dit", "de", "ons", "geen", "elke", "zoals", "het",
    ],
    prefix_verbs_last: &[],
    session: &["sessie"],
    one: &["een"],
    duration_seconds: &["seconden"],
    duration_minutes: &["minuut", "minuten"],
    duration_hours: &["uur", "uren"],
    duration_days: &["dag", "dagen"],
    duration_weeks: &["week", "weken"],
    duration_months: &["maand", "maanden"],
    duration_years: &["jaar", "jaren"],
};
