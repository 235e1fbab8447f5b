//! One cookie policy written many ways, generated in code: the same ten cookies declared in
//! tables (standard, reordered, extra columns, bold or plain or no header, a category column,
//! category rows, rowspan providers), in lists, definition lists and prose, in eight
//! languages, under headings, bold labels or inline labels, with the old or the Huwise
//! branding. Each page leaves one of the cookies out: a live cookie the page does not name,
//! which must stay undeclared. The words are ours, the shapes those of real policy pages
//! (`docs/real-portals.md`).

use cookielens::read::policy::Category;

/// One cookie the policy declares.
pub struct Truth {
    /// As the page writes it.
    pub written: &'static str,
    /// A live cookie it covers.
    pub live: &'static str,
    pub category: Category,
    /// `None`: the platform itself (Opendatasoft or Huwise, by branding).
    pub provider: Option<&'static str>,
    /// (number, unit: 0 minutes, 1 weeks, 2 months, 3 years)
    pub duration: (u32, usize),
}

pub const TRUTH: [Truth; 10] = [
    Truth {
        written: "sessionid",
        live: "sessionid",
        category: Category::Necessary,
        provider: None,
        duration: (2, 1),
    },
    Truth {
        written: "csrftoken",
        live: "csrftoken",
        category: Category::Necessary,
        provider: None,
        duration: (1, 3),
    },
    Truth {
        written: "cookies_preferences",
        live: "cookies_preferences",
        category: Category::Necessary,
        provider: None,
        duration: (6, 2),
    },
    Truth {
        written: "django_language",
        live: "django_language",
        category: Category::Functional,
        provider: None,
        duration: (1, 3),
    },
    Truth {
        written: "_ga",
        live: "_ga",
        category: Category::Analytics,
        provider: Some("Google Analytics"),
        duration: (13, 2),
    },
    Truth {
        written: "_ga_<container-id>",
        live: "_ga_K2L9XZ",
        category: Category::Analytics,
        provider: Some("Google Analytics"),
        duration: (13, 2),
    },
    Truth {
        written: "_pk_id.*",
        live: "_pk_id.3.9f1e",
        category: Category::Analytics,
        provider: Some("Matomo"),
        duration: (13, 2),
    },
    Truth {
        written: "_pk_ses.*",
        live: "_pk_ses.3.9f1e",
        category: Category::Analytics,
        provider: Some("Matomo"),
        duration: (30, 0),
    },
    Truth {
        written: "_fbp",
        live: "_fbp",
        category: Category::Marketing,
        provider: Some("Meta"),
        duration: (3, 2),
    },
    Truth {
        written: "li_gc",
        live: "li_gc",
        category: Category::Marketing,
        provider: Some("LinkedIn"),
        duration: (6, 2),
    },
];

/// A language's words for the page.
pub struct Lang {
    pub code: &'static str,
    pub title: &'static str,
    /// Necessary, functional, analytics, marketing: as a heading.
    pub headings: [&'static str; 4],
    /// The same, as a category cell says it.
    pub short: [&'static str; 4],
    /// What the cookies of each category are for.
    pub purposes: [&'static str; 4],
    /// Provider, cookie name, duration, purpose, category.
    pub columns: [&'static str; 5],
    /// Column titles the reader need not know: domain, type, opt-out.
    pub extras: [&'static str; 3],
    /// Minutes, weeks, months, years (plural; the one-year form is `year_one`).
    pub units: [&'static str; 4],
    pub year_one: &'static str,
    /// "{provider} sets the cookie {name} to {purpose}; it is kept {duration}."
    pub sentence: fn(&str, &str, &str, &str) -> String,
    /// "We use {provider}, which sets the cookies {a} and {b}."
    pub grouped: fn(&str, &str, &str) -> String,
    /// Ordinary prose about cookies that names none.
    pub intro: &'static str,
    /// The sentence above a table without a header row.
    pub columns_said: &'static str,
    pub contact: &'static str,
}

pub const LANGS: [Lang; 8] = [
    Lang {
        code: "en",
        title: "Cookie policy",
        headings: ["Strictly necessary cookies", "Preference cookies", "Audience measurement cookies", "Advertising cookies"],
        short: ["Necessary", "Preferences", "Analytics", "Advertising"],
        purposes: ["keep the portal working", "remember your choices", "measure the audience", "measure advertising"],
        columns: ["Provider", "Cookie name", "Duration", "Purpose", "Category"],
        extras: ["Domain", "Type", "Opt-out"],
        units: ["minutes", "weeks", "months", "years"],
        year_one: "1 year",
        sentence: |p, n, u, d| format!("{p} sets the cookie {n} to {u}; it is kept for {d}."),
        grouped: |p, a, b| format!("We use {p}, which sets the cookies {a} and {b}."),
        intro: "Cookies are small text files that a site stores in your browser. Some are necessary, others measure the audience or serve advertising; you can refuse the optional ones at any time in the banner.",
        columns_said: "Each row gives the provider, the cookie, how long it is kept and what it is for.",
        contact: "Questions about this page go to the portal team.",
    },
    Lang {
        code: "fr",
        title: "Politique de cookies",
        headings: ["Cookies strictement nécessaires", "Cookies de préférences", "Cookies de mesure d'audience", "Cookies publicitaires"],
        short: ["Nécessaire", "Préférences", "Mesure d'audience", "Publicité"],
        purposes: ["faire fonctionner le portail", "retenir vos choix", "mesurer l'audience", "mesurer la publicité"],
        columns: ["Fournisseur", "Nom du cookie", "Durée", "Finalité", "Catégorie"],
        extras: ["Domaine", "Type", "Opposition"],
        units: ["minutes", "semaines", "mois", "ans"],
        year_one: "1 an",
        sentence: |p, n, u, d| format!("{p} dépose le cookie {n} pour {u} ; il est conservé {d}."),
        grouped: |p, a, b| format!("Nous utilisons {p}, qui dépose les cookies {a} et {b}."),
        intro: "Les cookies sont de petits fichiers texte qu'un site enregistre dans votre navigateur. Certains sont nécessaires, d'autres mesurent l'audience ou servent la publicité ; vous pouvez refuser les cookies facultatifs à tout moment.",
        columns_said: "Chaque ligne donne le fournisseur, le cookie, sa durée de conservation et sa finalité.",
        contact: "Pour toute question, écrivez à l'équipe du portail.",
    },
    Lang {
        code: "de",
        title: "Cookie-Richtlinie",
        headings: ["Unbedingt erforderliche Cookies", "Präferenz-Cookies", "Statistik-Cookies", "Marketing-Cookies"],
        short: ["Erforderlich", "Präferenzen", "Statistik", "Marketing"],
        purposes: ["das Portal zu betreiben", "Ihre Auswahl zu speichern", "die Besucherzahlen zu messen", "Werbung zu messen"],
        columns: ["Anbieter", "Cookie-Name", "Speicherdauer", "Zweck", "Kategorie"],
        extras: ["Domain", "Typ", "Widerspruch"],
        units: ["Minuten", "Wochen", "Monate", "Jahre"],
        year_one: "1 Jahr",
        sentence: |p, n, u, d| format!("{p} setzt das Cookie {n}, um {u}; es wird {d} gespeichert."),
        grouped: |p, a, b| format!("Wir verwenden {p}, das die Cookies {a} und {b} setzt."),
        intro: "Cookies sind kleine Textdateien, die eine Website in Ihrem Browser speichert. Einige sind erforderlich, andere messen die Besucherzahlen oder dienen der Werbung; optionale Cookies können Sie jederzeit ablehnen.",
        columns_said: "Jede Zeile nennt den Anbieter, das Cookie, die Speicherdauer und den Zweck.",
        contact: "Fragen zu dieser Seite richten Sie an das Portal-Team.",
    },
    Lang {
        code: "es",
        title: "Política de cookies",
        headings: ["Cookies estrictamente necesarias", "Cookies de preferencias", "Cookies de análisis", "Cookies publicitarias"],
        short: ["Necesaria", "Preferencias", "Análisis", "Publicidad"],
        purposes: ["hacer funcionar el portal", "recordar sus elecciones", "medir la audiencia", "medir la publicidad"],
        columns: ["Proveedor", "Nombre de la cookie", "Duración", "Finalidad", "Categoría"],
        extras: ["Dominio", "Tipo", "Exclusión"],
        units: ["minutos", "semanas", "meses", "años"],
        year_one: "1 año",
        sentence: |p, n, u, d| format!("{p} instala la cookie {n} para {u}; se conserva {d}."),
        grouped: |p, a, b| format!("Utilizamos {p}, que instala las cookies {a} y {b}."),
        intro: "Las cookies son pequeños archivos de texto que un sitio guarda en su navegador. Algunas son necesarias, otras miden la audiencia o sirven publicidad; puede rechazar las opcionales en cualquier momento.",
        columns_said: "Cada fila indica el proveedor, la cookie, cuánto tiempo se conserva y para qué sirve.",
        contact: "Las preguntas sobre esta página van al equipo del portal.",
    },
    Lang {
        code: "nl",
        title: "Cookiebeleid",
        headings: ["Strikt noodzakelijke cookies", "Voorkeurscookies", "Analytische cookies", "Advertentiecookies"],
        short: ["Noodzakelijk", "Voorkeuren", "Analytisch", "Advertenties"],
        purposes: ["het portaal te laten werken", "uw keuzes te onthouden", "het bezoek te meten", "advertenties te meten"],
        columns: ["Aanbieder", "Cookienaam", "Bewaartermijn", "Doel", "Categorie"],
        extras: ["Domein", "Soort", "Afmelden"],
        units: ["minuten", "weken", "maanden", "jaar"],
        year_one: "1 jaar",
        sentence: |p, n, u, d| format!("{p} plaatst de cookie {n} om {u}; deze wordt {d} bewaard."),
        grouped: |p, a, b| format!("Wij gebruiken {p}, dat de cookies {a} en {b} plaatst."),
        intro: "Cookies zijn kleine tekstbestanden die een site in uw browser opslaat. Sommige zijn noodzakelijk, andere meten het bezoek of dienen voor advertenties; u kunt de optionele altijd weigeren.",
        columns_said: "Elke rij noemt de aanbieder, de cookie, hoe lang die bewaard wordt en waarvoor.",
        contact: "Vragen over deze pagina gaan naar het portaalteam.",
    },
    Lang {
        code: "it",
        title: "Informativa sui cookie",
        headings: ["Cookie strettamente necessari", "Cookie di preferenza", "Cookie analitici", "Cookie pubblicitari"],
        short: ["Necessario", "Preferenze", "Analitico", "Pubblicità"],
        purposes: ["far funzionare il portale", "ricordare le sue scelte", "misurare il pubblico", "misurare la pubblicità"],
        columns: ["Fornitore", "Nome del cookie", "Durata", "Finalità", "Categoria"],
        extras: ["Dominio", "Tipo", "Titolare"],
        units: ["minuti", "settimane", "mesi", "anni"],
        year_one: "1 anno",
        sentence: |p, n, u, d| format!("{p} imposta il cookie {n} per {u}; è conservato {d}."),
        grouped: |p, a, b| format!("Utilizziamo {p}, che imposta i cookie {a} e {b}."),
        intro: "I cookie sono piccoli file di testo che un sito salva nel browser. Alcuni sono necessari, altri misurano il pubblico o servono la pubblicità; può rifiutare quelli facoltativi in qualsiasi momento.",
        columns_said: "Ogni riga indica il fornitore, il cookie, per quanto tempo è conservato e a cosa serve.",
        contact: "Le domande su questa pagina vanno al team del portale.",
    },
    Lang {
        code: "ca",
        title: "Política de galetes",
        headings: ["Galetes estrictament necessàries", "Galetes de preferències", "Galetes d'anàlisi", "Galetes publicitàries"],
        short: ["Necessària", "Preferències", "Anàlisi", "Publicitat"],
        purposes: ["fer funcionar el portal", "recordar les seves eleccions", "mesurar l'audiència", "mesurar la publicitat"],
        columns: ["Proveïdor", "Nom de la galeta", "Durada", "Finalitat", "Categoria"],
        extras: ["Domini", "Tipus", "Titular"],
        units: ["minuts", "setmanes", "mesos", "anys"],
        year_one: "1 any",
        sentence: |p, n, u, d| format!("{p} instal·la la galeta {n} per {u}; es conserva {d}."),
        grouped: |p, a, b| format!("Utilitzem {p}, que instal·la les galetes {a} i {b}."),
        intro: "Les galetes són petits fitxers de text que un lloc desa al navegador. Algunes són necessàries, d'altres mesuren l'audiència o serveixen publicitat; pot rebutjar les opcionals en qualsevol moment.",
        columns_said: "Cada fila indica el proveïdor, la galeta, quant de temps es conserva i per a què serveix.",
        contact: "Les preguntes sobre aquesta pàgina van a l'equip del portal.",
    },
    Lang {
        code: "pt",
        title: "Política de cookies",
        headings: ["Cookies estritamente necessários", "Cookies de preferências", "Cookies de análise", "Cookies de publicidade"],
        short: ["Necessário", "Preferências", "Análise", "Publicidade"],
        purposes: ["fazer funcionar o portal", "lembrar as suas escolhas", "medir a audiência", "medir a publicidade"],
        columns: ["Fornecedor", "Nome do cookie", "Duração", "Finalidade", "Categoria"],
        extras: ["Domínio", "Tipo", "Titular"],
        units: ["minutos", "semanas", "meses", "anos"],
        year_one: "1 ano",
        sentence: |p, n, u, d| format!("{p} instala o cookie {n} para {u}; é conservado {d}."),
        grouped: |p, a, b| format!("Utilizamos {p}, que instala os cookies {a} e {b}."),
        intro: "Os cookies são pequenos ficheiros de texto que um site guarda no seu navegador. Alguns são necessários, outros medem a audiência ou servem publicidade; pode recusar os opcionais a qualquer momento.",
        columns_said: "Cada linha indica o fornecedor, o cookie, quanto tempo é conservado e para que serve.",
        contact: "As perguntas sobre esta página vão para a equipa do portal.",
    },
];

/// How the cookies are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A table per category: provider, name, duration, purpose, header in `<th>`.
    Table,
    /// The same columns in another order.
    Reordered,
    /// Columns the reader has no word for (domain, type, opt-out link).
    ExtraColumns,
    /// Header cells as `<td><strong>`.
    BoldHeader,
    /// Header row of plain cells.
    PlainHeader,
    /// No header row; the sentence above says what the columns are.
    NoHeader,
    /// One table for every cookie, with a category column.
    CategoryColumn,
    /// One table, categories as rows spanning the table.
    CategoryRows,
    /// The provider cell spans the rows of its cookies.
    RowspanProvider,
    /// `<ul>` items: "name: provider, duration, purpose".
    List,
    /// `<dl>`: the name as the term, the rest as the definition.
    DefinitionList,
    /// One sentence per cookie.
    Prose,
    /// "We use Matomo, which sets the cookies _pk_id.* and _pk_ses.*", names in `<code>`.
    GroupedProse,
    /// A small table per cookie written sideways: titles down the first column.
    Cards,
}

pub const LAYOUTS: [Layout; 14] = [
    Layout::Table,
    Layout::Reordered,
    Layout::ExtraColumns,
    Layout::BoldHeader,
    Layout::PlainHeader,
    Layout::NoHeader,
    Layout::CategoryColumn,
    Layout::CategoryRows,
    Layout::RowspanProvider,
    Layout::List,
    Layout::DefinitionList,
    Layout::Prose,
    Layout::GroupedProse,
    Layout::Cards,
];

/// How a category is announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heading {
    H3,
    /// A bold line of its own.
    Bold,
    /// "**Strictly necessary cookies:** these cookies ..." (the default template).
    InlineLabel,
    /// The table's `<caption>` (an `<h4>` where there is no table).
    Caption,
}

pub const HEADINGS: [Heading; 4] = [
    Heading::H3,
    Heading::Bold,
    Heading::InlineLabel,
    Heading::Caption,
];

/// How names are written in a table or list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameStyle {
    Plain,
    /// Each name in `<code>`.
    Code,
    /// One row per provider, its names in one cell ("_pk_id.*, _pk_ses.*").
    Grouped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brand {
    Opendatasoft,
    Huwise,
}

/// One page of the corpus.
pub struct Variant {
    pub layout: Layout,
    pub lang: &'static Lang,
    pub heading: Heading,
    pub brand: Brand,
    /// The index in `TRUTH` of the cookie the page leaves out.
    pub omitted: usize,
    pub names: NameStyle,
}

/// The cookies a page may leave out: all but `_ga_<container-id>`, whose live name an
/// undeclared `_ga` would still cover by stem.
const OMITTABLE: [usize; 9] = [0, 1, 2, 3, 4, 6, 7, 8, 9];

/// Every combination of layout, language, heading style; the branding and the omitted cookie
/// rotate with the index so each is crossed with every layout and language.
pub fn variants() -> Vec<Variant> {
    let mut out = Vec::new();
    let mut i = 0usize;
    for layout in LAYOUTS {
        for lang in &LANGS {
            for heading in HEADINGS {
                out.push(Variant {
                    layout,
                    lang,
                    heading,
                    brand: if (i / HEADINGS.len() + i / (HEADINGS.len() * LANGS.len())) % 2 == 0 {
                        Brand::Opendatasoft
                    } else {
                        Brand::Huwise
                    },
                    omitted: OMITTABLE[i % OMITTABLE.len()],
                    names: [NameStyle::Plain, NameStyle::Code, NameStyle::Grouped]
                        [(i / HEADINGS.len()) % 3],
                });
                i += 1;
            }
        }
    }
    out
}

impl Variant {
    pub fn name(&self) -> String {
        format!(
            "{:?}-{}-{:?}-{:?}-{:?}-without-{}",
            self.layout,
            self.lang.code,
            self.heading,
            self.brand,
            self.names,
            TRUTH[self.omitted].live
        )
        .to_lowercase()
    }

    /// The cookies the page declares.
    pub fn declared(&self) -> impl Iterator<Item = &'static Truth> + '_ {
        TRUTH
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != self.omitted)
            .map(|(_, t)| t)
    }

    fn provider(&self, t: &Truth) -> &'static str {
        t.provider.unwrap_or(match self.brand {
            Brand::Opendatasoft => "Opendatasoft",
            Brand::Huwise => "Huwise",
        })
    }

    fn duration(&self, t: &Truth) -> String {
        let (n, unit) = t.duration;
        if unit == 3 && n == 1 {
            return self.lang.year_one.to_string();
        }
        format!("{n} {}", self.lang.units[unit])
    }

    fn purpose(&self, t: &Truth) -> &'static str {
        self.lang.purposes[cat_index(t.category)]
    }

    /// The page.
    pub fn html(&self) -> String {
        let l = self.lang;
        let mut page = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<h1>{} – {}</h1>\n<p>{}</p>\n",
            l.code,
            l.title,
            l.title,
            match self.brand {
                Brand::Opendatasoft => "Opendatasoft",
                Brand::Huwise => "Huwise",
            },
            l.intro
        );
        match self.layout {
            Layout::CategoryColumn | Layout::CategoryRows => {
                page.push_str(&format!("<h2>{}</h2>\n", l.title));
                page.push_str(&self.one_table());
            }
            _ => {
                for (c, heading) in l.headings.iter().enumerate() {
                    let cookies: Vec<&Truth> = self
                        .declared()
                        .filter(|t| cat_index(t.category) == c)
                        .collect();
                    if cookies.is_empty() {
                        continue;
                    }
                    page.push_str(&match self.heading {
                        Heading::Caption if self.has_tables() => String::new(),
                        Heading::Caption => format!("<h4>{heading}</h4>\n"),
                        Heading::H3 => format!("<h3>{heading}</h3>\n"),
                        Heading::Bold => format!("<p><strong>{heading}</strong></p>\n"),
                        Heading::InlineLabel => {
                            format!("<p><strong>{heading}:</strong> {}.</p>\n", l.purposes[c])
                        }
                    });
                    let caption = if self.heading == Heading::Caption && self.has_tables() {
                        format!("<caption>{heading}</caption>")
                    } else {
                        String::new()
                    };
                    page.push_str(&self.section(&cookies, &caption));
                }
            }
        }
        page.push_str(&format!(
            "<h2>Contact</h2>\n<p>{}</p>\n</body></html>\n",
            l.contact
        ));
        page
    }

    /// Whether the categories' cookies are in tables of their own (a caption can name them).
    fn has_tables(&self) -> bool {
        !matches!(
            self.layout,
            Layout::List | Layout::DefinitionList | Layout::Prose | Layout::GroupedProse
        )
    }

    fn columns(&self) -> Vec<usize> {
        match self.layout {
            Layout::Reordered => vec![1, 3, 2, 0],
            _ => vec![0, 1, 2, 3],
        }
    }

    fn cell(&self, t: &Truth, column: usize) -> String {
        match column {
            0 => self.provider(t).to_string(),
            1 => self.name_html(t),
            2 => self.duration(t),
            3 => self.purpose(t).to_string(),
            _ => self.lang.short[cat_index(t.category)].to_string(),
        }
    }

    fn name_html(&self, t: &Truth) -> String {
        let name = t.written.replace('<', "&lt;").replace('>', "&gt;");
        match self.names {
            NameStyle::Code => format!("<code>{name}</code>"),
            _ => name,
        }
    }

    /// The table rows of a category: one per cookie, or one per provider when grouped.
    fn rows(&self, cookies: &[&Truth], columns: &[usize]) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut i = 0;
        while let Some(t) = cookies.get(i) {
            let take = if self.names == NameStyle::Grouped {
                cookies[i..]
                    .iter()
                    .take_while(|u| self.provider(u) == self.provider(t))
                    .count()
            } else {
                1
            };
            let group = &cookies[i..i + take];
            let mut durations: Vec<String> = Vec::new();
            for u in group {
                if !durations.contains(&self.duration(u)) {
                    durations.push(self.duration(u));
                }
            }
            rows.push(
                columns
                    .iter()
                    .map(|&c| match c {
                        1 => group
                            .iter()
                            .map(|u| self.cell(u, 1))
                            .collect::<Vec<_>>()
                            .join(", "),
                        2 => durations.join(" / "),
                        _ => self.cell(t, c),
                    })
                    .collect(),
            );
            i += take;
        }
        rows
    }

    fn header(&self, columns: &[usize], extras: bool) -> String {
        let l = self.lang;
        let mut titles: Vec<&str> = columns.iter().map(|&c| l.columns[c]).collect();
        if extras {
            titles.insert(2, l.extras[0]);
            titles.insert(3, l.extras[1]);
            titles.push(l.extras[2]);
        }
        let cells: String = titles
            .iter()
            .map(|t| match self.layout {
                Layout::BoldHeader => format!("<td><strong>{t}</strong></td>"),
                Layout::PlainHeader => format!("<td>{t}</td>"),
                _ => format!("<th>{t}</th>"),
            })
            .collect();
        format!("<tr>{cells}</tr>\n")
    }

    fn section(&self, cookies: &[&Truth], caption: &str) -> String {
        let columns = self.columns();
        match self.layout {
            Layout::List => {
                let items: String = cookies
                    .iter()
                    .map(|t| {
                        format!(
                            "<li>{}: {}, {}, {}</li>\n",
                            self.cell(t, 1),
                            self.provider(t),
                            self.duration(t),
                            self.purpose(t)
                        )
                    })
                    .collect();
                format!("<ul>\n{items}</ul>\n")
            }
            Layout::DefinitionList => {
                let items: String = cookies
                    .iter()
                    .map(|t| {
                        format!(
                            "<dt>{}</dt><dd>{} – {} – {}</dd>\n",
                            self.cell(t, 1),
                            self.provider(t),
                            self.duration(t),
                            self.purpose(t)
                        )
                    })
                    .collect();
                format!("<dl>\n{items}</dl>\n")
            }
            Layout::Prose => cookies
                .iter()
                .map(|t| {
                    format!(
                        "<p>{}</p>\n",
                        (self.lang.sentence)(
                            self.provider(t),
                            &self.cell(t, 1),
                            self.purpose(t),
                            &self.duration(t)
                        )
                    )
                })
                .collect(),
            Layout::GroupedProse => {
                // One sentence per provider; a provider with one cookie gets the cookie twice
                // written as its own sentence form.
                let mut out = String::new();
                let mut done: Vec<&str> = Vec::new();
                for t in cookies {
                    let provider = self.provider(t);
                    if done.contains(&provider) {
                        continue;
                    }
                    done.push(provider);
                    let same: Vec<String> = cookies
                        .iter()
                        .filter(|u| self.provider(u) == provider)
                        .map(|u| format!("<code>{}</code>", self.cell(u, 1)))
                        .collect();
                    let sentence = match same.as_slice() {
                        [one] => {
                            (self.lang.sentence)(provider, one, self.purpose(t), &self.duration(t))
                        }
                        [first, rest @ ..] => {
                            (self.lang.grouped)(provider, first, &rest.join(", "))
                        }
                        [] => continue,
                    };
                    out.push_str(&format!("<p>{sentence}</p>\n"));
                }
                out
            }
            Layout::Cards => cookies
                .iter()
                .map(|t| {
                    let rows: String = [0, 1, 2, 3]
                        .iter()
                        .map(|&c| {
                            format!(
                                "<tr><th>{}</th><td>{}</td></tr>",
                                self.lang.columns[c],
                                self.cell(t, c)
                            )
                        })
                        .collect();
                    format!("<table>{caption}{rows}</table>\n")
                })
                .collect(),
            Layout::RowspanProvider => {
                let mut rows = String::new();
                let mut i = 0;
                while let Some(t) = cookies.get(i) {
                    let provider = self.provider(t);
                    let span = cookies[i..]
                        .iter()
                        .take_while(|u| self.provider(u) == provider)
                        .count();
                    for (k, u) in cookies[i..i + span].iter().enumerate() {
                        let first = if k == 0 {
                            format!("<td rowspan=\"{span}\">{provider}</td>")
                        } else {
                            String::new()
                        };
                        rows.push_str(&format!(
                            "<tr>{first}<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                            self.cell(u, 1),
                            self.cell(u, 2),
                            self.cell(u, 3)
                        ));
                    }
                    i += span;
                }
                format!(
                    "<table>{caption}\n{}{rows}</table>\n",
                    self.header(&columns, false)
                )
            }
            _ => {
                let extras = self.layout == Layout::ExtraColumns;
                let mut out = String::new();
                if self.layout == Layout::NoHeader {
                    out.push_str(&format!(
                        "<p>{}</p>\n<table>{caption}\n",
                        self.lang.columns_said
                    ));
                } else {
                    out.push_str(&format!("<table>{caption}\n"));
                    out.push_str(&self.header(&columns, extras));
                }
                for row in self.rows(cookies, &columns) {
                    let mut cells: Vec<String> =
                        row.iter().map(|c| format!("<td>{c}</td>")).collect();
                    if extras {
                        cells.insert(2, "<td>.portal.example</td>".into());
                        cells.insert(3, "<td>HTTP</td>".into());
                        cells.push("<td><a href=\"#optout\">✕</a></td>".into());
                    }
                    out.push_str(&format!("<tr>{}</tr>\n", cells.concat()));
                }
                out.push_str("</table>\n");
                out
            }
        }
    }

    /// Every cookie in one table, categories in a column or as spanning rows.
    fn one_table(&self) -> String {
        let l = self.lang;
        let mut out = String::from("<table>\n");
        if self.layout == Layout::CategoryColumn {
            out.push_str(&format!(
                "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                l.columns[1], l.columns[0], l.columns[4], l.columns[2], l.columns[3]
            ));
            for t in self.declared() {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    self.cell(t, 1),
                    self.cell(t, 0),
                    self.cell(t, 4),
                    self.cell(t, 2),
                    self.cell(t, 3)
                ));
            }
        } else {
            out.push_str(&self.header(&[0, 1, 2, 3], false));
            for (c, heading) in l.headings.iter().enumerate() {
                let cookies: Vec<&Truth> = self
                    .declared()
                    .filter(|t| cat_index(t.category) == c)
                    .collect();
                if cookies.is_empty() {
                    continue;
                }
                out.push_str(&format!("<tr><th colspan=\"4\">{heading}</th></tr>\n"));
                for t in cookies {
                    out.push_str(&format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        self.cell(t, 0),
                        self.cell(t, 1),
                        self.cell(t, 2),
                        self.cell(t, 3)
                    ));
                }
            }
        }
        out.push_str("</table>\n");
        out
    }
}

pub fn cat_index(c: Category) -> usize {
    match c {
        Category::Necessary => 0,
        Category::Functional => 1,
        Category::Analytics => 2,
        _ => 3,
    }
}
