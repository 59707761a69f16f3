//! A small flow layout for the printouts: text measured with the font's advance widths and wrapped
//! at word boundaries, headings kept with what follows, quotes with a bar, and tables that break
//! across pages with their heading row repeated. It produces pages of positioned text and shapes;
//! [`super::pdf`] adds each page's header and footer (which need the page count) and writes the PDF.
//!
//! Coordinates are PDF points with the origin at the bottom left of an A4 page.

use std::borrow::Cow;

use super::fonts::{Face, FaceMetrics, Typeface, REPLACEMENT};

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

/// The colours a printout uses, named by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Ink {
    Text,
    Muted,
    Accent,
    White,
    Rule,
    Stripe,
    HeadFill,
    DemoFill,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    pub ink: Ink,
}

impl Style {
    pub(crate) const fn new(face: Face, size: f32, ink: Ink) -> Style {
        Style { face, size, ink }
    }

    /// The distance between baselines the flow gives a line of this style.
    pub(crate) fn line_height(self) -> f32 {
        self.size * 1.3
    }
}

/// The printouts' type styles.
pub(crate) mod styles {
    use super::{Face, Ink, Style};

    pub(crate) const TITLE: Style = Style::new(Face::Bold, 15.0, Ink::Accent);
    pub(crate) const SUBTITLE: Style = Style::new(Face::Regular, 9.5, Ink::Muted);
    pub(crate) const H1: Style = Style::new(Face::Bold, 11.5, Ink::Accent);
    pub(crate) const H2: Style = Style::new(Face::Bold, 9.0, Ink::Text);
    pub(crate) const BODY: Style = Style::new(Face::Regular, 8.5, Ink::Text);
    pub(crate) const NOTE: Style = Style::new(Face::Regular, 7.5, Ink::Muted);
    pub(crate) const QUOTE: Style = Style::new(Face::Regular, 7.5, Ink::Muted);
    pub(crate) const CELL: Style = Style::new(Face::Regular, 7.0, Ink::Text);
    pub(crate) const CELL_HEAD: Style = Style::new(Face::Bold, 7.0, Ink::Text);
}

/// A line of text; `y` is its baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    pub x: f32,
    pub y: f32,
    pub style: Style,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        ink: Ink,
    },
    /// A pen stroke (a signature), drawn with round caps and joins.
    Stroke { points: Vec<(f32, f32)>, width: f32 },
    /// The page's verification QR code, `size` points square with its bottom left at `x, y`.
    Qr { x: f32, y: f32, size: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub texts: Vec<TextRun>,
    pub shapes: Vec<Shape>,
}

impl Page {
    /// Places one line of text with its baseline at `y`.
    pub(crate) fn text(&mut self, x: f32, y: f32, style: Style, text: impl Into<String>) {
        self.texts.push(TextRun {
            x,
            y,
            style,
            text: text.into(),
        });
    }

    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, ink: Ink) {
        self.shapes.push(Shape::Fill { x, y, w, h, ink });
    }

    pub(crate) fn rule(&mut self, x1: f32, y: f32, x2: f32, width: f32, ink: Ink) {
        self.shapes.push(Shape::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            ink,
        });
    }
}

/// The part of every page the flow fills (the rest is the header and footer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Frame {
    pub(crate) fn width(&self) -> f32 {
        self.right - self.left
    }
}

/// Where the baseline of a line sits in its line box: the box's middle, lowered by a third of the
/// type size (so that capitals and descenders share the box evenly).
fn baseline(top: f32, line_height: f32, size: f32) -> f32 {
    top - line_height * 0.5 - size * 0.35
}

/// Text as the face can print it: characters the face lacks become U+FFFD, control characters
/// spaces. Borrowed when nothing changes, which is nearly always.
pub(crate) fn printable<'a>(face: &FaceMetrics, text: &'a str) -> Cow<'a, str> {
    let ok = |c: char| !c.is_control() && face.has(c);
    if text.chars().all(|c| ok(c) || c == ' ') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if c == ' ' || face.has(c) {
                    c
                } else {
                    REPLACEMENT
                }
            })
            .collect(),
    )
}

/// `text` broken into lines no wider than `width`: at line feeds, then between words, and inside a
/// word only when the word alone is too wide.
pub(crate) fn wrap(face: &FaceMetrics, text: &str, size: f32, width: f32) -> Vec<String> {
    if !text.contains('\n') && face.width(text, size) <= width {
        return vec![text.to_owned()];
    }
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let space = face.width(" ", size);
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = face.width(word, size);
            let needed = if line.is_empty() {
                w
            } else {
                line_width + space + w
            };
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = needed;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= width {
                line.push_str(word);
                line_width = w;
                continue;
            }
            // A word wider than the column (a long e-mail address, a hash): break it anywhere.
            line_width = 0.0;
            for c in word.chars() {
                let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
                if line_width + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// What a column of text needs, in points: `min` its widest word (narrower, words break), `pref`
/// its widest line (wider, nothing wraps).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Need {
    pub min: f32,
    pub pref: f32,
}

impl Need {
    /// Widens the need to hold `text` set in `face` at `size`, cell padding included.
    pub(crate) fn fit(&mut self, face: &FaceMetrics, text: &str, size: f32) {
        let pad = 2.0 * CELL_PAD_X + 1.0;
        for line in text.split('\n') {
            let width = face.width(line, size) + pad;
            self.pref = self.pref.max(width);
            if is_date_time(line) {
                // A date and time read as one: never split between the day and the hour.
                self.min = self.min.max(width);
                continue;
            }
            for word in line.split(' ') {
                self.min = self.min.max(face.width(word, size) + pad);
            }
        }
    }
}

/// `YYYY-MM-DD HH:MM…`, as the printouts write times.
fn is_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// Column shares of `width` for columns with these needs, the way browsers lay out tables: every
/// column its widest line if all fit; else every column its widest word and the rest shared in
/// proportion to how much more each would like; else the widest words, scaled down.
pub(crate) fn distribute(needs: &[Need], width: f32) -> Vec<f32> {
    let pref: f32 = needs.iter().map(|n| n.pref).sum();
    let min: f32 = needs.iter().map(|n| n.min.min(n.pref)).sum();
    if needs.is_empty() || width <= 0.0 {
        return vec![0.0; needs.len()];
    }
    let widths: Vec<f32> = if pref <= width {
        needs
            .iter()
            .map(|n| n.pref + (width - pref) * n.pref / pref.max(1e-3))
            .collect()
    } else if min <= width {
        let wish: f32 = needs.iter().map(|n| n.pref - n.min.min(n.pref)).sum();
        needs
            .iter()
            .map(|n| {
                let m = n.min.min(n.pref);
                m + (width - min) * (n.pref - m) / wish.max(1e-3)
            })
            .collect()
    } else {
        needs.iter().map(|n| n.min * width / min).collect()
    };
    widths.iter().map(|w| w / width).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub title: String,
    /// Share of the table's width; the shares of a table add up to 1.
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub(crate) fn new(title: impl Into<String>, share: f32) -> Column {
        Column {
            title: title.into(),
            share,
            align: Align::Left,
        }
    }

    pub(crate) fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
}

/// A table's columns and look. Without column titles it has no heading row (a list of fields).
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub heading: bool,
    pub body: Style,
    pub head: Style,
    /// Printed above the repeated heading row on the following pages, e.g. "Calls (continued)".
    pub continued: Option<String>,
    /// The first column in bold (a list of fields).
    pub bold_first: bool,
}

/// Table lines sit closer than paragraph lines: a long table is read across, not down.
const TABLE_LINE: f32 = 1.2;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 0.9;

impl Table {
    fn row_height(&self) -> f32 {
        self.body.size * TABLE_LINE
    }
}

/// The flow of a document's body over as many pages as it needs.
pub(crate) struct Flow<'t> {
    typeface: &'t Typeface,
    frame: Frame,
    pages: Vec<Page>,
    page: Page,
    /// The top of the free space on the current page.
    y: f32,
    bookmarks: Vec<(String, usize)>,
}

/// A laid-out body: its pages and the outline entries (title, page index) of its sections.
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub bookmarks: Vec<(String, usize)>,
}

impl<'t> Flow<'t> {
    pub(crate) fn new(typeface: &'t Typeface, frame: Frame) -> Flow<'t> {
        Flow {
            typeface,
            frame,
            pages: Vec::new(),
            page: Page::default(),
            y: frame.top,
            bookmarks: Vec::new(),
        }
    }

    pub(crate) fn frame(&self) -> Frame {
        self.frame
    }

    pub(crate) fn face(&self, face: Face) -> &'t FaceMetrics {
        self.typeface.face(face)
    }

    /// The pages laid out so far and the current one.
    pub(crate) fn finish(mut self) -> Laid {
        self.pages.push(self.page);
        Laid {
            pages: self.pages,
            bookmarks: self.bookmarks,
        }
    }

    /// A section's heading, also entered in the PDF's outline.
    pub(crate) fn section(&mut self, text: &str, style: Style, keep: f32) {
        self.heading(text, style, keep);
        let page = self.pages.len();
        self.bookmarks.push((text.to_owned(), page));
    }

    fn at_top(&self) -> bool {
        self.y >= self.frame.top
    }

    fn room(&self) -> f32 {
        self.y - self.frame.bottom
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = self.frame.top;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.room() < height && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub(crate) fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y = (self.y - height).max(self.frame.bottom);
        }
    }

    /// One line of text at the current position, `indent` points from the left edge.
    fn line(&mut self, text: &str, style: Style, indent: f32) {
        let lh = style.line_height();
        self.ensure(lh);
        let y = baseline(self.y, lh, style.size);
        self.page.text(self.frame.left + indent, y, style, text);
        self.y -= lh;
    }

    /// Wrapped text over the frame's width less `indent`.
    pub(crate) fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let face = self.face(style.face);
        let text = printable(face, text);
        for line in wrap(face, &text, style.size, self.frame.width() - indent) {
            self.line(&line, style, indent);
        }
    }

    /// A heading kept on the same page as at least `keep` points of what follows it.
    pub(crate) fn heading(&mut self, text: &str, style: Style, keep: f32) {
        let face = self.face(style.face);
        let text = printable(face, text);
        let lines = wrap(face, &text, style.size, self.frame.width());
        self.ensure(lines.len() as f32 * style.line_height() + keep);
        for line in lines {
            self.line(&line, style, 0.0);
        }
    }

    /// Reserves `height` points for a drawing (moving to a new page if they do not fit) and gives
    /// the page to draw on and the drawing's top left corner.
    pub(crate) fn reserve(&mut self, height: f32) -> (&mut Page, f32, f32) {
        self.ensure(height);
        let top = self.y;
        self.y -= height;
        (&mut self.page, self.frame.left, top)
    }

    /// A rule across the frame.
    pub(crate) fn rule(&mut self, width: f32, ink: Ink) {
        let (left, right, y) = (self.frame.left, self.frame.right, self.y);
        self.page.rule(left, y, right, width, ink);
    }

    /// A quotation of the policy: wrapped, indented, with a bar in the margin on each page it spans.
    pub(crate) fn quote(&mut self, text: &str, style: Style) {
        const INDENT: f32 = 9.0;
        let face = self.face(style.face);
        let text = printable(face, text);
        let lines = wrap(face, &text, style.size, self.frame.width() - INDENT);
        let lh = style.line_height();
        let mut bar_top: Option<f32> = None;
        for line in lines {
            if self.room() < lh && !self.at_top() {
                self.quote_bar(bar_top.take());
                self.new_page();
            }
            bar_top.get_or_insert(self.y);
            self.line(&line, style, INDENT);
        }
        self.quote_bar(bar_top);
    }

    fn quote_bar(&mut self, top: Option<f32>) {
        if let Some(top) = top {
            let x = self.frame.left + 2.0;
            let h = top - self.y - 1.0;
            self.page.fill(x, self.y + 0.5, 1.4, h, Ink::Rule);
        }
    }

    /// A table of `rows` (each a cell per column). Rows are wrapped to their column, kept whole on
    /// a page when they fit on one, and the heading row is repeated on every page the table spans.
    pub(crate) fn table<I>(&mut self, table: &Table, rows: I)
    where
        I: IntoIterator<Item = Vec<String>>,
    {
        let grid = Grid::new(table, self.frame);
        let head = TableHeading::new(self, table, &grid);
        let row_lh = table.row_height();
        let min_row = row_lh + 2.0 * CELL_PAD_Y;
        self.ensure(head.height + min_row);
        head.draw(self, &grid, false);

        for (index, row) in rows.into_iter().enumerate() {
            let cells = self.row_lines(table, &grid, &row);
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < lines {
                let whole = (lines - from) as f32 * row_lh + 2.0 * CELL_PAD_Y;
                let fits_here = self.room() >= whole;
                let fits_a_page = self.frame.top - self.frame.bottom - head.height >= whole;
                if !fits_here && (fits_a_page || self.room() < min_row) {
                    self.new_page();
                    head.draw(self, &grid, true);
                }
                let can = (((self.room() - 2.0 * CELL_PAD_Y) / row_lh).floor() as usize).max(1);
                let to = lines.min(from + can);
                let h = (to - from) as f32 * row_lh + 2.0 * CELL_PAD_Y;
                if index % 2 == 1 {
                    let (left, y) = (self.frame.left, self.y);
                    self.page.fill(left, y - h, grid.width, h, Ink::Stripe);
                }
                for (col, cell) in cells.iter().enumerate() {
                    let style = grid.styles[col];
                    let face = self.face(style.face);
                    for (i, line) in cell.iter().enumerate().take(to).skip(from) {
                        let top = self.y - CELL_PAD_Y - (i - from) as f32 * row_lh;
                        let y = baseline(top, row_lh, style.size);
                        let x = grid.x(col, face, line, style.size);
                        self.page.text(x, y, style, line.as_str());
                    }
                }
                self.y -= h;
                from = to;
            }
        }
        self.rule(0.5, Ink::Rule);
    }

    fn row_lines(&self, table: &Table, grid: &Grid, row: &[String]) -> Vec<Vec<String>> {
        (0..table.columns.len())
            .map(|col| {
                let style = grid.styles[col];
                let face = self.face(style.face);
                let text = row.get(col).map(String::as_str).unwrap_or("");
                wrap(face, &printable(face, text), style.size, grid.inner(col))
            })
            .collect()
    }
}

/// Where a table's columns sit, and the style of each column's cells.
struct Grid {
    left: f32,
    width: f32,
    xs: Vec<f32>,
    widths: Vec<f32>,
    aligns: Vec<Align>,
    styles: Vec<Style>,
}

impl Grid {
    fn new(table: &Table, frame: Frame) -> Grid {
        let width = frame.width();
        let mut xs = Vec::with_capacity(table.columns.len());
        let mut x = frame.left;
        for c in &table.columns {
            xs.push(x);
            x += c.share * width;
        }
        Grid {
            left: frame.left,
            width,
            xs,
            widths: table.columns.iter().map(|c| c.share * width).collect(),
            aligns: table.columns.iter().map(|c| c.align).collect(),
            styles: (0..table.columns.len())
                .map(|col| {
                    if col == 0 && table.bold_first {
                        Style {
                            face: Face::Bold,
                            ..table.body
                        }
                    } else {
                        table.body
                    }
                })
                .collect(),
        }
    }

    /// The width text may take in a column.
    fn inner(&self, col: usize) -> f32 {
        self.widths[col] - 2.0 * CELL_PAD_X
    }

    /// Where a line of `text` starts in its column.
    fn x(&self, col: usize, face: &FaceMetrics, text: &str, size: f32) -> f32 {
        match self.aligns[col] {
            Align::Left => self.xs[col] + CELL_PAD_X,
            Align::Right => self.xs[col] + self.widths[col] - CELL_PAD_X - face.width(text, size),
        }
    }
}

/// A table's heading row, wrapped once and drawn on every page the table spans.
struct TableHeading {
    cells: Vec<Vec<String>>,
    style: Style,
    height: f32,
    continued: Option<String>,
}

impl TableHeading {
    fn new(flow: &Flow<'_>, table: &Table, grid: &Grid) -> TableHeading {
        let face = flow.face(table.head.face);
        let cells: Vec<Vec<String>> = if table.heading {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(col, c)| {
                    wrap(
                        face,
                        &printable(face, &c.title),
                        table.head.size,
                        grid.inner(col),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0);
        let height = if lines > 0 {
            lines as f32 * table.head.size * TABLE_LINE + 2.0 * CELL_PAD_Y
        } else {
            0.0
        };
        TableHeading {
            cells,
            style: table.head,
            height,
            continued: table.continued.clone(),
        }
    }

    fn draw(&self, flow: &mut Flow<'_>, grid: &Grid, repeated: bool) {
        if repeated {
            if let Some(caption) = &self.continued {
                let style = Style::new(Face::Bold, self.style.size, Ink::Muted);
                flow.line(caption, style, 0.0);
            }
        }
        if self.height == 0.0 {
            return;
        }
        let top = flow.y;
        flow.page.fill(
            grid.left,
            top - self.height,
            grid.width,
            self.height,
            Ink::HeadFill,
        );
        let face = flow.face(self.style.face);
        let lh = self.style.size * TABLE_LINE;
        for (col, cell) in self.cells.iter().enumerate() {
            for (i, line) in cell.iter().enumerate() {
                let y = baseline(top - CELL_PAD_Y - i as f32 * lh, lh, self.style.size);
                let x = grid.x(col, face, line, self.style.size);
                flow.page.text(x, y, self.style, line.as_str());
            }
        }
        flow.y -= self.height;
        flow.page
            .rule(grid.left, flow.y, grid.left + grid.width, 0.6, Ink::Rule);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::typeface;

    fn tf() -> &'static Typeface {
        match typeface() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn wrapping_breaks_between_words_and_inside_a_word_only_when_it_must() {
        let face = tf().face(Face::Regular);
        let text = "Printout or access to data, by which they can become informed";
        let width = face.width("Printout or access to", 8.0) + 0.1;
        let lines = wrap(face, text, 8.0, width);
        assert_eq!(lines[0], "Printout or access to");
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| face.width(l, 8.0) <= width));

        let hash = "3fa90c1d77b2e4ab3fa90c1d77b2e4ab3fa90c1d77b2e4ab";
        let lines = wrap(face, hash, 8.0, 60.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), hash);
        assert!(lines.iter().all(|l| face.width(l, 8.0) <= 60.0));

        assert_eq!(wrap(face, "one\ntwo", 8.0, 500.0), vec!["one", "two"]);
        assert_eq!(wrap(face, "short", 8.0, 500.0), vec!["short"]);
    }

    #[test]
    fn characters_the_face_lacks_print_as_a_replacement_mark() {
        let face = tf().face(Face::Regular);
        assert_eq!(printable(face, "Đurčić Љиљана"), "Đurčić Љиљана");
        assert_eq!(printable(face, "a\u{1}b\tc"), "a b c");
        let cjk = printable(face, "名字");
        assert_eq!(cjk, "\u{FFFD}\u{FFFD}");
    }

    fn frame() -> Frame {
        Frame {
            left: 40.0,
            right: 540.0,
            top: 300.0,
            bottom: 100.0,
        }
    }

    fn table(continued: bool) -> Table {
        Table {
            columns: vec![
                Column::new("Time", 0.4),
                Column::new("Other party", 0.6).right(),
            ],
            heading: true,
            body: styles::CELL,
            head: styles::CELL_HEAD,
            continued: continued.then(|| "Calls (continued)".to_owned()),
            bold_first: false,
        }
    }

    #[test]
    fn a_long_table_repeats_its_heading_on_every_page_and_keeps_every_row() {
        let mut flow = Flow::new(tf(), frame());
        flow.paragraph("Calls", styles::H2, 0.0);
        let rows = (0..100).map(|i| vec![format!("row {i:03}"), format!("+38349{i:06}")]);
        flow.table(&table(true), rows);
        let pages = flow.finish().pages;
        assert!(pages.len() >= 5, "{} pages", pages.len());
        let mut seen = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page.texts.iter().map(|t| t.text.as_str()).collect();
            assert!(
                texts.contains(&"Time") && texts.contains(&"Other party"),
                "page {n}: {texts:?}"
            );
            assert_eq!(texts.contains(&"Calls (continued)"), n > 0, "page {n}");
            // Nothing below the frame, and the heading above the page's rows.
            let head_y = page.texts.iter().find(|t| t.text == "Time").map(|t| t.y);
            for t in &page.texts {
                assert!(t.y > frame().bottom && t.y < frame().top, "{t:?}");
                if t.text.starts_with("row ") {
                    assert!(Some(t.y) < head_y);
                    seen.push(t.text.clone());
                }
            }
        }
        let expected: Vec<String> = (0..100).map(|i| format!("row {i:03}")).collect();
        assert_eq!(seen, expected);
        // Right-aligned cells end at the column's right edge less the padding.
        let face = tf().face(Face::Regular);
        let cell = pages[0]
            .texts
            .iter()
            .find(|t| t.text.starts_with("+38349"))
            .map(|t| t.x + face.width(&t.text, styles::CELL.size));
        let right = cell.unwrap_or_default();
        assert!(
            (right - (frame().right - CELL_PAD_X)).abs() < 0.01,
            "{right}"
        );
    }

    #[test]
    fn a_row_taller_than_a_page_continues_on_the_next() {
        let mut flow = Flow::new(tf(), frame());
        let long = "word ".repeat(2000);
        flow.table(
            &table(false),
            vec![vec![long.trim().to_owned(), "x".to_owned()]],
        );
        let pages = flow.finish().pages;
        assert!(pages.len() > 2);
        let words: usize = pages
            .iter()
            .flat_map(|p| &p.texts)
            .filter(|t| t.text.starts_with("word"))
            .map(|t| t.text.split(' ').count())
            .sum();
        assert_eq!(words, 2000);
        for page in &pages {
            assert!(page.texts.iter().all(|t| t.y > frame().bottom));
            assert!(page.texts.iter().any(|t| t.text == "Time"));
        }
    }

    #[test]
    fn columns_get_their_words_before_they_get_their_lines() {
        let need = |min: f32, pref: f32| Need { min, pref };
        // Everything fits: widths in proportion to the lines.
        let s = distribute(&[need(10.0, 50.0), need(10.0, 50.0)], 200.0);
        assert!((s[0] - 0.5).abs() < 1e-4 && (s[1] - 0.5).abs() < 1e-4);
        // Not all lines fit: each column at least its widest word.
        let s = distribute(&[need(40.0, 40.0), need(20.0, 400.0)], 200.0);
        assert!(s[0] * 200.0 >= 40.0 - 1e-3, "{s:?}");
        assert!((s.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        // Not even the words fit: scaled down.
        let s = distribute(&[need(300.0, 300.0), need(100.0, 100.0)], 200.0);
        assert!((s[0] - 0.75).abs() < 1e-4);
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        let mut flow = Flow::new(tf(), frame());
        for _ in 0..14 {
            flow.paragraph("filler line", styles::BODY, 0.0);
        }
        flow.heading("Section", styles::H1, 40.0);
        flow.paragraph("first line of the section", styles::BODY, 0.0);
        let pages = flow.finish().pages;
        let page_of = |s: &str| {
            pages
                .iter()
                .position(|p| p.texts.iter().any(|t| t.text == s))
        };
        assert_eq!(page_of("Section"), page_of("first line of the section"));
    }
}
