//! How a person reads a table: the column holding cookie names is found by its title or by
//! what its cells hold; the other columns by their titles, or by their cells when the title
//! says nothing (durations parse as durations, category cells name a category); a column
//! nobody can type is kept as text. Rows that span the table and name a category open that
//! category; they are never cookie names.

use std::collections::HashMap;
use std::rc::Rc;

use super::{Builder, Cell, Declaration, Found, Section};
use crate::read::category::Category;
use crate::read::names::{parse_names, shape, split_list, split_prefix_phrase, Shape, TOKEN_EDGES};
use crate::read::vocab::{
    classify_column, classify_heading, is_conjunction, is_cookie_word, is_filler, normalize, Column,
};

/// What a column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Names,
    Provider,
    Function,
    Purpose,
    Duration,
    Category,
    /// Kept as text under its title.
    Extra(String),
}

impl Role {
    /// The kind of column a role reads, for the page's own header (none for an extra column).
    fn column(&self) -> Option<Column> {
        Some(match self {
            Role::Names => Column::Names,
            Role::Provider => Column::Provider,
            Role::Function => Column::Function,
            Role::Purpose => Column::Purpose,
            Role::Duration => Column::Duration,
            Role::Category => Column::Category,
            Role::Extra(_) => return None,
        })
    }
}

/// Tokens of a cell looked at to judge it: enough for any real name cell.
const TOKENS_JUDGED: usize = 40;

/// Rows looked at to tell what each column holds, as a person reads the first rows of a long
/// table and not every one.
const ROWS_JUDGED: usize = 200;

/// How much a cell looks like a cell of cookie names: most of its tokens could be names,
/// and at least one reads as an identifier on its own for `Strong`.
pub(crate) fn cell_shape(cell: &Cell) -> Shape {
    let (mut names, mut strong, mut total) = (0usize, false, 0usize);
    for item in &cell.items {
        let (plain, prefixed) = split_prefix_phrase(item);
        let tokens: Vec<&str> = split_list(plain)
            .into_iter()
            .chain(prefixed.map(split_list).unwrap_or_default())
            .map(|t| t.trim_matches(TOKEN_EDGES).trim_end_matches('…'))
            .filter(|t| !t.is_empty() && !is_filler(&normalize(t)))
            .take(TOKENS_JUDGED)
            .collect();
        let shapes: Vec<Shape> = tokens.iter().map(|t| shape(t)).collect();
        // Plain words one after another with nothing between them ("keep the portal
        // working") are a phrase: a list of names is separated (commas, "and", lines, code).
        // Two plain names joined by "and" still read as names; three or more words without
        // punctuation do not.
        let joined = shapes.len() == 2
            && item
                .split_whitespace()
                .any(|w| is_conjunction(&normalize(w)));
        let separated = item.contains([',', ';', '|']) || joined;
        let phrase = shapes.len() >= 2 && !separated && !shapes.contains(&Shape::Strong);
        for shape in shapes {
            total += 1;
            match shape {
                Shape::Strong => {
                    names += 1;
                    strong = true;
                }
                Shape::Weak if !phrase => names += 1,
                _ => {}
            }
        }
        if total >= TOKENS_JUDGED {
            break;
        }
    }
    if total == 0 || names * 2 <= total {
        Shape::No
    } else if strong {
        Shape::Strong
    } else {
        Shape::Weak
    }
}

/// What the reader sees in one cell, worked out once however many slots it spans.
#[derive(Clone, Copy)]
struct Facts {
    shape: Shape,
    words: usize,
    duration: bool,
    category: bool,
}

/// Cells are judged once each: a cell spanning many rows is one cell (linear work).
#[derive(Default)]
struct Judge(HashMap<*const Cell, Facts>);

impl Judge {
    fn facts(&mut self, cell: &Rc<Cell>) -> Facts {
        *self.0.entry(Rc::as_ptr(cell)).or_insert_with(|| {
            let words = words(&cell.text);
            Facts {
                shape: cell_shape(cell),
                words,
                duration: words <= 8 && crate::read::duration::parse(&cell.text).is_some(),
                category: words <= 5 && classify_heading(&cell.text).is_some(),
            }
        })
    }

    /// A row whose only filled cell spans it (or stands alone in it) and is not a name: a
    /// category row or a remark, never a declaration.
    fn label_of<'r>(&mut self, row: &'r [Rc<Cell>], width: usize) -> Option<&'r Cell> {
        let mut filled = row.iter().filter(|c| !c.text.is_empty());
        let first = filled.next()?;
        let alone = filled.all(|c| Rc::ptr_eq(c, first) || c.text == first.text);
        (alone && width >= 2 && self.facts(first).shape == Shape::No).then_some(&**first)
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Per column, over the rows given: how many cells are filled, read as names (strong, weak),
/// parse as durations, name a category, and their words in all.
#[derive(Clone, Copy, Default)]
struct Stats {
    filled: usize,
    strong: usize,
    weak: usize,
    durations: usize,
    categories: usize,
    words: usize,
    longest: usize,
}

impl Stats {
    fn names_ratio(&self) -> f64 {
        (self.strong + self.weak) as f64 / self.filled.max(1) as f64
    }
    fn average_words(&self) -> f64 {
        self.words as f64 / self.filled.max(1) as f64
    }
    fn is_duration(&self) -> bool {
        self.filled > 0 && self.durations * 5 >= self.filled * 3 && self.longest <= 8
    }
    fn is_category(&self) -> bool {
        self.filled > 0 && self.categories * 5 >= self.filled * 4 && self.longest <= 5
    }
}

fn stats(judge: &mut Judge, rows: &[&[Rc<Cell>]], width: usize) -> Vec<Stats> {
    let mut out = vec![Stats::default(); width];
    for row in rows.iter().take(ROWS_JUDGED) {
        for (cell, s) in row.iter().zip(out.iter_mut()) {
            if cell.text.is_empty() {
                continue;
            }
            let facts = judge.facts(cell);
            s.filled += 1;
            match facts.shape {
                Shape::Strong => s.strong += 1,
                Shape::Weak => s.weak += 1,
                Shape::No => {}
            }
            s.words += facts.words;
            s.longest = s.longest.max(facts.words);
            s.durations += usize::from(facts.duration);
            s.categories += usize::from(facts.category);
        }
    }
    out
}

/// The column of cookie names: the one whose cells most read as names, when most of them
/// do; else the one titled so.
fn names_column(stats: &[Stats], titles: &[Option<Column>], header: &[Rc<Cell>]) -> Option<usize> {
    let by_content = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.filled > 0 && s.names_ratio() >= 0.5 && s.strong + s.weak > 0)
        .max_by(|(i, a), (j, b)| {
            let titled = |k: &usize| titles.get(*k) == Some(&Some(Column::Names));
            (a.strong * 2 + a.weak, titled(i), std::cmp::Reverse(*i)).cmp(&(
                b.strong * 2 + b.weak,
                titled(j),
                std::cmp::Reverse(*j),
            ))
        })
        .map(|(i, _)| i);
    // By its title alone only when the title says "cookie" ("Cookie name", "Nom du cookie")
    // or the column is empty (a table of providers): a column titled "Name" whose cells are
    // phrases lists something else.
    by_content.or_else(|| {
        titles
            .iter()
            .zip(header)
            .zip(stats)
            .position(|((t, cell), s)| {
                *t == Some(Column::Names)
                    && (s.filled == 0
                        || normalize(&cell.text).split(' ').any(is_cookie_word)
                        || has_cookie_compound(&cell.text))
            })
    })
}

/// "Cookienaam", "Cookiename": the word for cookie inside a title word.
fn has_cookie_compound(title: &str) -> bool {
    normalize(title)
        .split(' ')
        .any(|w| w.starts_with("cookie") || w.ends_with("cookie") || w.ends_with("cookies"))
}

/// Roles for a table whose first row is its header.
fn titled_roles(header: &[Rc<Cell>], stats: &[Stats], names: usize) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        let stat = stats.get(i).copied().unwrap_or_default();
        let title = classify_column(&cell.text);
        let role = if i == names {
            Role::Names
        } else {
            match title {
                Some(Column::Provider) => Role::Provider,
                Some(Column::Function) => Role::Function,
                Some(Column::Purpose) => Role::Purpose,
                Some(Column::Duration) => Role::Duration,
                Some(Column::Category) => Role::Category,
                // A second column titled "Cookie" beside the names holds who sets them.
                Some(Column::Names) => Role::Provider,
                None if stat.is_duration() => Role::Duration,
                None if stat.is_category() => Role::Category,
                None => Role::Extra(cell.text.clone()),
            }
        };
        // One column per role: a second is kept as text.
        let role = if role != Role::Names && roles.contains(&role) {
            Role::Extra(cell.text.clone())
        } else {
            role
        };
        roles.push(role);
    }
    roles
}

/// Roles for a table without a header row, from what its columns hold: durations, then the
/// first column of short cells as the provider, the longest as the purpose.
fn content_roles(stats: &[Stats], names: usize) -> Vec<Role> {
    let mut roles: Vec<Option<Role>> = vec![None; stats.len()];
    let set = |roles: &mut Vec<Option<Role>>, i: usize, role: Role| {
        if let Some(r) = roles.get_mut(i) {
            *r = Some(role);
        }
    };
    set(&mut roles, names, Role::Names);
    if let Some(d) = stats
        .iter()
        .enumerate()
        .position(|(i, s)| i != names && s.is_duration())
    {
        set(&mut roles, d, Role::Duration);
    }
    let free = |roles: &Vec<Option<Role>>, i: usize| roles.get(i).is_some_and(Option::is_none);
    let provider = stats
        .iter()
        .enumerate()
        .position(|(i, s)| free(&roles, i) && s.filled > 0 && s.average_words() <= 3.0);
    if let Some(p) = provider {
        set(&mut roles, p, Role::Provider);
    }
    let purpose = stats
        .iter()
        .enumerate()
        .filter(|(i, s)| free(&roles, *i) && s.filled > 0)
        .max_by_key(|(_, s)| s.words)
        .map(|(i, _)| i);
    if let Some(p) = purpose {
        set(&mut roles, p, Role::Purpose);
    }
    roles
        .into_iter()
        .map(|r| r.unwrap_or(Role::Extra(String::new())))
        .collect()
}

/// Reads one table into the builder.
pub(super) fn read(builder: &mut Builder, rows: Vec<Vec<Rc<Cell>>>) {
    read_table(builder, rows, true);
}

/// `may_turn`: a table already turned is never turned back.
fn read_table(builder: &mut Builder, rows: Vec<Vec<Rc<Cell>>>, may_turn: bool) {
    let rows: Vec<Vec<Rc<Cell>>> = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.text.is_empty()))
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    let mut judge = Judge::default();
    let candidates: Vec<&[Rc<Cell>]> = rows
        .iter()
        .filter(|r| judge.label_of(r, width).is_none())
        .map(Vec::as_slice)
        .collect();
    let Some(first) = candidates.first() else {
        // Only label rows: each may still name a category.
        for row in &rows {
            if let Some(label) = judge.label_of(row, width) {
                builder.signal(&label.text);
            }
        }
        return;
    };
    let titles: Vec<Option<Column>> = first.iter().map(|c| classify_column(&c.text)).collect();
    let rest = candidates
        .get(1..)
        .filter(|r| !r.is_empty())
        .unwrap_or(&candidates);
    let stats = stats(&mut judge, rest, width);
    let names = names_column(&stats, &titles, first);
    let first_names_like = names
        .and_then(|n| first.get(n))
        .is_some_and(|c| judge.facts(c).shape != Shape::No);
    let known_titles = titles.iter().flatten().count();
    let has_header = match names {
        Some(n) => {
            !first_names_like
                && (known_titles > 0
                    || first.iter().all(|c| c.heading || c.text.is_empty())
                    || candidates.len() > 1
                    || titles.get(n) == Some(&Some(Column::Names)))
        }
        None => false,
    };
    let roles = match (names, has_header) {
        (Some(n), true) => titled_roles(first, &stats, n),
        (Some(n), false) => match builder.columns.clone() {
            // A table continuing an earlier one without repeating its header.
            Some(previous) if previous.len() == width && previous.get(n) == Some(&Role::Names) => {
                previous
            }
            _ => content_roles(&stats, n),
        },
        (None, _) => {
            // A table written sideways, one cookie per column and the titles down the first
            // column ("Name | _ga", "Provider | Google"), is read turned.
            if let Some(turned) = turned(&rows, width).filter(|_| may_turn) {
                read_table(builder, turned, false);
                return;
            }
            // No names anywhere: a cookie table only if its header says so (a provider table
            // without names, "Matomo | | Counts visits", is read by the title).
            if known_titles >= 2 {
                builder.skipped_rows += candidates.len().saturating_sub(1);
            }
            return;
        }
    };
    if has_header {
        if builder.header.is_empty() {
            builder.header = roles
                .iter()
                .zip(first.iter())
                .filter_map(|(role, cell)| Some((role.column()?, cell.text.clone())))
                .collect();
        }
        builder.columns = Some(roles.clone());
        builder.open_pending_heading();
    } else {
        builder.pending_unknown = None;
    }
    let header = has_header.then_some(*first);
    // A row spanning the table that names no category still opens a group of its own ("Custom
    // cookies"): the rows under it are not in the category before. With no rows under it, it
    // was a remark the reader could not use.
    let mut group: Option<String> = None;
    for row in &rows {
        if header.is_some_and(|h| std::ptr::eq(h, row.as_slice())) {
            continue;
        }
        if let Some(label) = judge.label_of(row, width) {
            if std::mem::take(&mut group).is_some() {
                builder.skipped_rows += 1;
            }
            if !builder.signal(&label.text) {
                group = Some(label.text.clone());
            }
            continue;
        }
        if let Some(heading) = group.take() {
            builder.sections.push(Section {
                heading,
                category: Category::Unknown,
                third_party: false,
                declarations: Vec::new(),
            });
        }
        // A header repeated inside the table.
        if header.is_some_and(|h| same_text(h, row)) {
            continue;
        }
        match declaration_from(&roles, row) {
            Some((declaration, Some(category))) => builder.push_in_category(&category, declaration),
            Some((declaration, None)) => builder.push_declaration(declaration),
            None => builder.skipped_rows += 1,
        }
    }
    if group.is_some() {
        builder.skipped_rows += 1;
    }
}

/// The table turned a quarter, when its first column holds column titles (the names among
/// them) and the table is narrow enough to be a card per cookie.
fn turned(rows: &[Vec<Rc<Cell>>], width: usize) -> Option<Vec<Vec<Rc<Cell>>>> {
    const MAX_CARD_COLUMNS: usize = 8;
    if !(2..=MAX_CARD_COLUMNS).contains(&width) || rows.len() < 2 {
        return None;
    }
    let titles: Vec<Option<Column>> = rows
        .iter()
        .map(|r| r.first().and_then(|c| classify_column(&c.text)))
        .collect();
    let known = titles.iter().flatten().count();
    if !titles.contains(&Some(Column::Names)) || known * 2 < rows.len() {
        return None;
    }
    let turned = (0..width)
        .map(|col| {
            rows.iter()
                .map(|r| r.get(col).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    Some(turned)
}

fn same_text(a: &[Rc<Cell>], b: &[Rc<Cell>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.text == y.text)
}

/// A row as a declaration, with the category its own cell names, if the table has a
/// category column.
fn declaration_from(roles: &[Role], cells: &[Rc<Cell>]) -> Option<(Declaration, Option<String>)> {
    let cell_of = |wanted: &Role| {
        roles
            .iter()
            .zip(cells)
            .find(|(r, _)| *r == wanted)
            .map(|(_, cell)| cell)
    };
    let text_of = |wanted: &Role| cell_of(wanted).map(|c| c.text.clone()).unwrap_or_default();
    let names_cell = cell_of(&Role::Names)?;
    let names = parse_names(&names_cell.items);
    // A provider row with an empty name cell declares the provider ("Matomo | | Counts visits").
    let provider_only = names_cell.text.is_empty() && !text_of(&Role::Provider).is_empty();
    if names.is_empty() && !provider_only {
        return None;
    }
    let duration = Some(text_of(&Role::Duration)).filter(|d| !d.is_empty());
    // The newer template has no purpose column: its "Function" column says what the cookie is for.
    let (function, purpose) = if roles.contains(&Role::Purpose) {
        (text_of(&Role::Function), text_of(&Role::Purpose))
    } else {
        (String::new(), text_of(&Role::Function))
    };
    let extra = roles
        .iter()
        .zip(cells)
        .filter_map(|(role, cell)| match role {
            Role::Extra(title)
                if !title.is_empty() && !cell.text.is_empty() && !Rc::ptr_eq(cell, names_cell) =>
            {
                Some((title.clone(), cell.text.clone()))
            }
            _ => None,
        })
        .collect();
    let category = Some(text_of(&Role::Category)).filter(|c| !c.is_empty());
    Some((
        Declaration {
            provider: text_of(&Role::Provider),
            function,
            names,
            names_text: names_cell.text.clone(),
            purpose,
            duration,
            found: Found::Table,
            extra,
        },
        category,
    ))
}
