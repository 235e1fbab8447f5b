//! "Fix the policy": what a portal's data-protection officer pastes into the policy page so it
//! matches what visitors get. Rows for the cookies the policy misses, in the policy's own table
//! template and language; the declared cookies no visit showed; and the contradictions.
//!
//! The columns are the page's own: its first cookie table's header titles, in the page's order
//! and language. A policy read before the model kept them (or written as text) gets the
//! template derived from the fields its declarations fill: ODS's older template has a "Function
//! and location" column beside "Purposes" (so declarations with a non-empty `function`), the
//! newer one has a duration and one "Function" column holding the purpose, titled in the
//! template's usual words in the policy's language. Every cell is filled: what the Open Cookie
//! Database guesses, or "to confirm" where nothing is known.

use std::collections::{BTreeMap, BTreeSet};

use crate::judge::report::{CookieRow, Expiry, Flag, Report, Verdict};
use crate::read::name_text::visible;
use crate::read::policy::{Category, Column, Policy};
use crate::tell::escape;

/// A column of the policy's cookie table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixColumn {
    Provider,
    /// The older template's "Function and location".
    Function,
    Names,
    Duration,
    Purpose,
    /// A category column the page has (the rows name their category themselves).
    Category,
}

/// The policy's table template: its columns in order, and the language its rows are written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// `en`, `fr`, `de` or `es`; English when the policy's language is another or unknown.
    pub language: &'static str,
    pub columns: Vec<FixColumn>,
    /// The page's own titles, one per column, when the page gave them.
    pub page_titles: Vec<String>,
}

/// A cookie seen on the portal that the policy does not declare, written as a policy row.
#[derive(Clone, Debug, PartialEq)]
pub struct FixRow {
    pub name: String,
    pub domain: String,
    /// Pre-filled from the Open Cookie Database, followed by the "to confirm" words; only
    /// those words when the database does not know the name.
    pub provider: String,
    pub purpose: String,
    /// The database's category for the name, to choose the section; empty when unknown.
    pub suggested_category: String,
    /// The observed expiry as the policy would write it ("13 mois", "session").
    pub duration: String,
    /// True when provider or purpose came from the database and needs a person's check.
    pub to_confirm: bool,
    /// The "to confirm" words in the policy's language, for the cells nothing fills.
    pub unknown: &'static str,
}

/// A declared name or pattern that no cookie of the visit matched: informational.
#[derive(Clone, Debug, PartialEq)]
pub struct NotSeenRow {
    pub name: String,
    pub category: Category,
    pub provider: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Contradiction {
    /// One name declared in sections of different categories.
    TwoCategories {
        name: String,
        categories: Vec<Category>,
    },
    /// A live cookie lives longer than its declared duration.
    ShorterThanObserved {
        name: String,
        declared: String,
        /// The report's flag on it.
        flag: Flag,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyFix {
    pub template: Template,
    pub missing: Vec<FixRow>,
    pub not_seen: Vec<NotSeenRow>,
    pub contradictions: Vec<Contradiction>,
}

/// The words of a policy table, in the policy's language. They follow the policy, not the
/// browser's UI language, so they cannot come from the extension's message catalogue.
struct Words {
    provider: &'static str,
    function: &'static str,
    names: &'static str,
    duration: &'static str,
    purpose: &'static str,
    /// The newer template's single "Function" column, which holds the purpose.
    function_as_purpose: &'static str,
    category: &'static str,
    to_confirm: &'static str,
    session: &'static str,
    /// Singular and plural of minute, hour, day, month, year.
    units: [(&'static str, &'static str); 5],
}

const EN: Words = Words {
    provider: "Service provider's name",
    function: "Function and location",
    names: "Cookie name(s)",
    duration: "Duration",
    purpose: "Purposes",
    function_as_purpose: "Function",
    category: "Category",
    to_confirm: "to confirm",
    session: "session",
    units: [
        ("minute", "minutes"),
        ("hour", "hours"),
        ("day", "days"),
        ("month", "months"),
        ("year", "years"),
    ],
};
const FR: Words = Words {
    provider: "Nom du prestataire",
    function: "Fonction et emplacement",
    names: "Nom(s) du/des cookie(s)",
    duration: "Durée",
    purpose: "Finalités",
    function_as_purpose: "Fonction",
    category: "Catégorie",
    to_confirm: "à confirmer",
    session: "session",
    units: [
        ("minute", "minutes"),
        ("heure", "heures"),
        ("jour", "jours"),
        ("mois", "mois"),
        ("an", "ans"),
    ],
};
const DE: Words = Words {
    provider: "Name des Anbieters",
    function: "Funktion und Ort",
    names: "Cookie-Name",
    duration: "Speicherdauer",
    purpose: "Zwecke",
    function_as_purpose: "Funktion",
    category: "Kategorie",
    to_confirm: "zu bestätigen",
    session: "Sitzung",
    units: [
        ("Minute", "Minuten"),
        ("Stunde", "Stunden"),
        ("Tag", "Tage"),
        ("Monat", "Monate"),
        ("Jahr", "Jahre"),
    ],
};
const ES: Words = Words {
    provider: "Nombre del proveedor",
    function: "Función y ubicación",
    names: "Nombre de la cookie",
    duration: "Duración",
    purpose: "Finalidades",
    function_as_purpose: "Función",
    category: "Categoría",
    to_confirm: "por confirmar",
    session: "sesión",
    units: [
        ("minuto", "minutos"),
        ("hora", "horas"),
        ("día", "días"),
        ("mes", "meses"),
        ("año", "años"),
    ],
};

fn words(language: &str) -> &'static Words {
    match language {
        "fr" => &FR,
        "de" => &DE,
        "es" => &ES,
        _ => &EN,
    }
}

fn language_of(policy: &Policy) -> &'static str {
    let tag = policy.language.as_deref().unwrap_or_default();
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "fr" => "fr",
        "de" => "de",
        "es" => "es",
        _ => "en",
    }
}

/// The policy's template. A duration column is always present: when the policy's own template
/// has none it goes last, because a row without a retention period would not be a fix.
pub fn template_of(policy: &Policy) -> Template {
    if let Some(template) = page_template(policy) {
        return template;
    }
    let old_template = policy.declarations().any(|(_, d)| !d.function.is_empty());
    let columns = if old_template {
        vec![
            FixColumn::Provider,
            FixColumn::Function,
            FixColumn::Names,
            FixColumn::Purpose,
            FixColumn::Duration,
        ]
    } else {
        vec![
            FixColumn::Provider,
            FixColumn::Names,
            FixColumn::Duration,
            FixColumn::Purpose,
        ]
    };
    Template {
        language: language_of(policy),
        columns,
        page_titles: Vec::new(),
    }
}

/// The page's own header row as a template: its columns in its order, its titles. A purpose
/// column is the purpose; a "Function" column is the purpose when there is no purpose column
/// (the newer template), else the older template's "Function and location".
fn page_template(policy: &Policy) -> Option<Template> {
    let has_purpose = policy.header.iter().any(|(c, _)| *c == Column::Purpose);
    let mut columns = Vec::new();
    let mut titles = Vec::new();
    for (column, title) in &policy.header {
        let fix = match column {
            Column::Provider => FixColumn::Provider,
            Column::Names => FixColumn::Names,
            Column::Duration => FixColumn::Duration,
            Column::Purpose => FixColumn::Purpose,
            Column::Function if has_purpose => FixColumn::Function,
            Column::Function => FixColumn::Purpose,
            Column::Category => FixColumn::Category,
        };
        if !columns.contains(&fix) {
            columns.push(fix);
            titles.push(title.trim().to_string());
        }
    }
    if !columns.contains(&FixColumn::Names) {
        return None;
    }
    let language = language_of(policy);
    let w = words(language);
    // A row without a retention period would not be a fix, nor one without a provider.
    for (column, title) in [
        (FixColumn::Provider, w.provider),
        (FixColumn::Duration, w.duration),
    ] {
        if !columns.contains(&column) {
            columns.push(column);
            titles.push(title.to_string());
        }
    }
    Some(Template {
        language,
        columns,
        page_titles: titles,
    })
}

impl Template {
    /// The column titles: the page's own, else the template's usual words in the policy's
    /// language.
    pub fn titles(&self) -> Vec<&str> {
        if self.page_titles.len() == self.columns.len() {
            return self.page_titles.iter().map(String::as_str).collect();
        }
        let w = words(self.language);
        let old = self.columns.contains(&FixColumn::Function);
        self.columns
            .iter()
            .map(|c| match c {
                FixColumn::Provider => w.provider,
                FixColumn::Function => w.function,
                FixColumn::Names => w.names,
                FixColumn::Duration => w.duration,
                FixColumn::Purpose if old => w.purpose,
                FixColumn::Purpose => w.function_as_purpose,
                FixColumn::Category => w.category,
            })
            .collect()
    }
}

/// "13 months", "13 mois", "2 Jahre", "session": a cookie's observed lifetime as a policy
/// states a duration, rounded to the unit a person would write.
pub fn duration_words(expiry: &Expiry, language: &str) -> String {
    const DAY: f64 = 86_400.0;
    let w = words(language);
    let seconds = match expiry {
        Expiry::Session => return w.session.to_string(),
        Expiry::At { seconds_left, .. } => *seconds_left,
    };
    if !seconds.is_finite() || seconds <= 0.0 {
        return w.session.to_string();
    }
    let minutes = (seconds / 60.0).round();
    let hours = (seconds / 3600.0).round();
    let days = (seconds / DAY).round();
    let (n, unit) = if minutes < 60.0 {
        (minutes.max(1.0), 0)
    } else if hours < 24.0 {
        (hours, 1)
    } else if days < 60.0 {
        (days, 2)
    } else if days < 730.0 {
        ((seconds / (30.0 * DAY)).round(), 3)
    } else {
        ((seconds / (365.0 * DAY)).round(), 4)
    };
    let (one, many) = w.units.get(unit).copied().unwrap_or(("", ""));
    // French writes 1 as singular too; every language here uses the singular only for 1.
    let word = if n == 1.0 { one } else { many };
    format!("{n} {word}")
}

/// Builds the fix from a report (with hints attached, for the pre-filled cells) and the policy
/// it was built against.
pub fn build(report: &Report, policy: &Policy) -> PolicyFix {
    let template = template_of(policy);
    let w = words(template.language);
    let confirm = |text: &str| {
        if text.trim().is_empty() {
            w.to_confirm.to_string()
        } else {
            format!("{} ({})", text.trim(), w.to_confirm)
        }
    };
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut missing = Vec::new();
    for row in report.cookies.iter().chain(&report.third_party) {
        if !matches!(row.verdict, Verdict::Undeclared)
            || !seen.insert((row.name.as_str(), row.domain.as_str()))
        {
            continue;
        }
        missing.push(fix_row(row, template.language, &confirm));
    }
    let not_seen = report
        .absent
        .iter()
        .map(|a| NotSeenRow {
            name: a.name.clone(),
            category: a.category,
            provider: a.provider.clone(),
        })
        .collect();
    let mut contradictions = two_categories(policy);
    for row in report.cookies.iter().chain(&report.third_party) {
        if let (Verdict::Declared(d), Some(flag)) = (
            &row.verdict,
            row.flags.iter().find(|f| f.code() == "too-long"),
        ) {
            contradictions.push(Contradiction::ShorterThanObserved {
                name: row.name.clone(),
                declared: d.duration.clone().unwrap_or_default(),
                flag: flag.clone(),
            });
        }
    }
    PolicyFix {
        template,
        missing,
        not_seen,
        contradictions,
    }
}

fn fix_row(row: &CookieRow, language: &str, confirm: &dyn Fn(&str) -> String) -> FixRow {
    let (provider, purpose, category) = match &row.hint {
        Some(h) => {
            let provider = if h.controller.trim().is_empty() {
                &h.platform
            } else {
                &h.controller
            };
            (
                confirm(provider),
                confirm(&h.description),
                h.category.clone(),
            )
        }
        None => (confirm(""), confirm(""), String::new()),
    };
    FixRow {
        to_confirm: row.hint.is_some(),
        name: row.name.clone(),
        domain: row.domain.clone(),
        provider,
        purpose,
        suggested_category: category,
        duration: duration_words(&row.expiry, language),
        unknown: words(language).to_confirm,
    }
}

/// Names declared in sections of different categories ("unknown" sections do not count).
fn two_categories(policy: &Policy) -> Vec<Contradiction> {
    let mut by_name: BTreeMap<&str, BTreeSet<Category>> = BTreeMap::new();
    for (section, declaration) in policy.declarations() {
        if section.category == Category::Unknown {
            continue;
        }
        for pattern in &declaration.names {
            by_name
                .entry(pattern.written.as_str())
                .or_default()
                .insert(section.category);
        }
    }
    by_name
        .into_iter()
        .filter(|(_, categories)| categories.len() > 1)
        .map(|(name, categories)| Contradiction::TwoCategories {
            name: name.to_string(),
            categories: categories.into_iter().collect(),
        })
        .collect()
}

impl Contradiction {
    /// The cookie name or pattern it is about.
    pub fn name(&self) -> &str {
        match self {
            Contradiction::TwoCategories { name, .. }
            | Contradiction::ShorterThanObserved { name, .. } => name,
        }
    }
}

impl FixRow {
    /// The row's text in a column of the template (the older template's "Function and
    /// location" is for the officer to confirm).
    pub fn cell(&self, column: FixColumn) -> &str {
        match column {
            FixColumn::Provider => &self.provider,
            FixColumn::Names => &self.name,
            FixColumn::Duration => &self.duration,
            FixColumn::Purpose => &self.purpose,
            FixColumn::Function => self.unknown,
            FixColumn::Category if self.suggested_category.is_empty() => self.unknown,
            FixColumn::Category => &self.suggested_category,
        }
    }
}

impl PolicyFix {
    fn cells(&self) -> impl Iterator<Item = Vec<&str>> {
        self.missing
            .iter()
            .map(|row| self.template.columns.iter().map(|c| row.cell(*c)).collect())
    }

    /// The missing rows as an HTML table, every cell escaped: pastes as a table into a
    /// back-office rich-text editor.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<table>\n<thead><tr>");
        for title in self.template.titles() {
            html.push_str(&format!("<th>{}</th>", escape::html(title)));
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for cells in self.cells() {
            html.push_str("<tr>");
            for cell in cells {
                html.push_str(&format!("<td>{}</td>", escape::html(cell)));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n");
        html
    }

    /// The missing rows as a Markdown table.
    pub fn to_markdown(&self) -> String {
        let titles = self.template.titles();
        let mut md = format!("| {} |\n", titles.join(" | "));
        md.push_str(&format!("|{}\n", "---|".repeat(titles.len())));
        for cells in self.cells() {
            let cells: Vec<String> = cells.iter().map(|c| escape::markdown_cell(c)).collect();
            md.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        md
    }

    /// The missing rows as plain text for the clipboard: the titles and one line per row,
    /// cells separated by tabs (a spreadsheet or a mail takes them as they are), names as
    /// the table shows them, never Markdown-escaped.
    pub fn to_text(&self) -> String {
        let line = |cells: Vec<String>| format!("{}\n", cells.join("\t"));
        let clean = |cell: &str| visible(cell).replace(['\t', '\n', '\r'], " ");
        let mut text = line(self.template.titles().into_iter().map(clean).collect());
        for cells in self.cells() {
            text.push_str(&line(cells.into_iter().map(clean).collect()));
        }
        text
    }

    /// The missing rows as CSV, the template's titles as header; formula-like cells defused.
    pub fn to_csv(&self) -> String {
        let line = |cells: Vec<&str>| {
            let fields: Vec<String> = cells.iter().map(|c| escape::csv_field(c)).collect();
            format!("{}\r\n", fields.join(","))
        };
        let mut csv = line(self.template.titles());
        for cells in self.cells() {
            csv.push_str(&line(cells));
        }
        csv
    }
}
