//! Spanish words of cookie policies, as `normalize` leaves them (lowercase, no
//! accents). The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &[],
    name: &["nombre", "nombres"],
    provider: &["proveedor", "prestador", "empresa"],
    duration: &[
        "duracion",
        "caducidad",
        "vigencia",
        "conservacion",
        "caduca",
    ],
    function: &["funcion", "ubicacion"],
    purpose: &[
        "finalidad",
        "finalidades",
        "proposito",
        "objetivo",
        "descripcion",
    ],
    necessary: &[
        "necesaria",
        "necesarias",
        "necesarios",
        "imprescindibles",
        "esenciales",
        "tecnicas",
        "estrictamente",
        "tecnicos",
    ],
    analytics: &[
        "estadisticas",
        "estadisticos",
        "estadistica",
        "analiticas",
        "analiticos",
        "medicion",
        "audiencia",
        "audiencias",
        "analitica",
    ],
    marketing: &[
        "publicidad",
        "publicitarias",
        "publicitarios",
        "publicitaria",
    ],
    functional: &[
        "funcionales",
        "funcionalidad",
        "preferencias",
        "personalizacion",
        "experiencia",
    ],
    third_party: &["terceros", "terceras"],
    prefix_phrases: &[
        "que empiezan por",
        "que comienzan por",
        "empezando por",
        "comenzando por",
        "que empiezan con",
    ],
    conjunctions: &["y", "o"],
    fillers: &[
        "ninguna",
        "cualquier",
        "como",
        "los",
        "las",
        "el",
        "todas",
        "todos",
    ],
    prefix_verbs_last: &[],
};
