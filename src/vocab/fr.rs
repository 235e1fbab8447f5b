//! French words of cookie policies, as `normalize` leaves them (lowercase, no
//! accents). The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &["traceur", "traceurs"],
    name: &["nom", "noms", "identifiant"],
    provider: &[
        "fournisseur",
        "prestataire",
        "editeur",
        "emetteur",
        "societe",
    ],
    duration: &["duree", "conservation", "expire"],
    function: &["fonction", "emplacement", "fonctionnalite"],
    purpose: &[
        "finalite",
        "finalites",
        "objectif",
        "objectifs",
        "objet",
        "but",
        "utilisation",
    ],
    necessary: &[
        "necessaire",
        "necessaires",
        "indispensables",
        "essentiel",
        "essentiels",
        "strictement",
        "obligatoires",
        "obligatoire",
    ],
    analytics: &[
        "statistiques",
        "statistique",
        "mesure",
        "analyse",
        "mesures",
        "visites",
        "frequentation",
        "trafic",
    ],
    marketing: &[
        "publicitaires",
        "publicite",
        "ciblage",
        "sociaux",
        "reseaux",
    ],
    functional: &[
        "fonctionnels",
        "fonctionnel",
        "fonctionnalite",
        "fonctionnalites",
        "personnalisation",
        "confort",
    ],
    third_party: &["tiers", "tierces"],
    prefix_phrases: &[
        "commencant par",
        "commence par",
        "debutant par",
        "qui commencent par",
        "prefixes par",
        "prefixe",
    ],
    conjunctions: &["et", "ou"],
    fillers: &[
        "aucun", "tout", "tous", "toute", "qui", "que", "dont", "les", "des", "le", "la", "de",
    ],
    prefix_verbs_last: &[],
};
