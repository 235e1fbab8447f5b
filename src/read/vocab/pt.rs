//! Portuguese words of cookie policies, as `normalize` leaves them (lowercase, no accents).
//! The fields are described on [`Words`].

use super::Words;

pub const WORDS: Words = Words {
    cookie: &[],
    name: &["nome", "nomes"],
    provider: &[
        "fornecedor",
        "fornecedores",
        "prestador",
        "titular",
        "entidade",
    ],
    duration: &["duracao", "validade", "expiracao", "conservacao", "prazo"],
    function: &["funcao", "localizacao", "servico"],
    purpose: &[
        "finalidade",
        "finalidades",
        "objetivo",
        "descricao",
        "proposito",
    ],
    category: &["categoria", "tipo de cookie"],
    necessary: &[
        "necessario",
        "necessarios",
        "necessaria",
        "necessarias",
        "estritamente",
        "essenciais",
        "tecnicos",
    ],
    analytics: &[
        "analise",
        "analiticos",
        "estatisticos",
        "estatisticas",
        "desempenho",
        "medicao",
    ],
    marketing: &["publicidade", "publicitarios", "anuncios", "segmentacao"],
    functional: &[
        "preferencias",
        "funcionalidade",
        "funcionais",
        "personalizacao",
    ],
    third_party: &["terceiros"],
    prefix_phrases: &["que comecam por", "comecando por", "que comecam com"],
    conjunctions: &["e", "ou"],
    fillers: &[
        "nos", "este", "esta", "estes", "estas", "o", "a", "qualquer", "todos", "os", "as", "o",
    ],
    prefix_verbs_last: &[],
    session: &["sessao"],
    one: &["um", "uma"],
    duration_seconds: &["segundo", "segundos"],
    duration_minutes: &["minuto", "minutos"],
    duration_hours: &["hora", "horas"],
    duration_days: &["dia", "dias"],
    duration_weeks: &["semana", "semanas"],
    duration_months: &["mes", "meses"],
    duration_years: &["ano", "anos"],
};
