//! Laid-out pages to PDF bytes: every page gets its header and footer (page X of Y, print time,
//! store, clerk, verification code and QR code, and the demo mark on demo data), the fonts are
//! subset to the glyphs used, and the content is written compactly: one text object per page with
//! relative moves, fills and rules grouped by colour, the QR code drawn once as a form.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, Greyscale, Line, LineCapStyle,
    LineJoinStyle, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, XObjectId,
    XObjectTransform,
};

use super::error::ReportError;
use super::fonts::{subset_face, Face, Typeface};
use super::layout::{printable, Frame, Ink, Page, Shape, Style, TextRun, PAGE_HEIGHT, PAGE_WIDTH};
use super::qr::{qr_runs, QrRuns};

const MARGIN_X: f32 = 42.0;
const MARGIN_TOP: f32 = 34.0;
const MARGIN_BOTTOM: f32 = 28.0;
const HEADER_RULE_Y: f32 = PAGE_HEIGHT - MARGIN_TOP - 14.0;
const DEMO_BANNER_HEIGHT: f32 = 15.0;
const QR_SIZE: f32 = 56.0;
const FOOTER_RULE_Y: f32 = MARGIN_BOTTOM + QR_SIZE + 6.0;

/// What every page of a document repeats.
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    pub title: String,
    pub header_right: String,
    /// The localised demo mark, printed as a banner under the header, when the data is fictional.
    pub demo_mark: Option<String>,
    pub lang: protocol::Lang,
    /// "Printed … · Store … · Clerk …".
    pub printed: String,
    /// "Verification code XXXX-XXXX-XXXX".
    pub code: String,
    pub qr_payload: String,
    /// The PDF's own title (document properties), without personal data.
    pub doc_title: String,
    /// Added to "page X of Y" on the last page ("End of the report").
    pub last_page_note: Option<String>,
}

/// The part of each page the body flows into.
pub(crate) fn body_frame(demo: bool) -> Frame {
    let banner = if demo { DEMO_BANNER_HEIGHT + 4.0 } else { 0.0 };
    Frame {
        left: MARGIN_X,
        right: PAGE_WIDTH - MARGIN_X,
        top: HEADER_RULE_Y - 10.0 - banner,
        bottom: FOOTER_RULE_Y + 8.0,
    }
}

/// Adds the header and footer of page `number` of `total`.
fn decorate(page: &mut Page, number: usize, total: usize, chrome: &Chrome, typeface: &Typeface) {
    let right = PAGE_WIDTH - MARGIN_X;
    let title_style = Style::new(Face::Bold, 9.0, Ink::Accent);
    let small = Style::new(Face::Regular, 7.5, Ink::Muted);
    let baseline = HEADER_RULE_Y + 4.5;

    let regular = typeface.face(Face::Regular);
    let bold = typeface.face(Face::Bold);
    let title = printable(bold, &chrome.title).into_owned();
    let title_width = bold.width(&title, title_style.size);
    page.text(MARGIN_X, baseline, title_style, title);
    let room = right - MARGIN_X - title_width - 12.0;
    let header_right = fit(
        regular,
        &printable(regular, &chrome.header_right),
        small.size,
        room,
    );
    let w = regular.width(&header_right, small.size);
    page.text(right - w, baseline, small, header_right);
    page.rule(MARGIN_X, HEADER_RULE_Y, right, 0.8, Ink::Accent);

    if let Some(mark) = &chrome.demo_mark {
        let top = HEADER_RULE_Y - 4.0;
        page.fill(
            MARGIN_X,
            top - DEMO_BANNER_HEIGHT,
            right - MARGIN_X,
            DEMO_BANNER_HEIGHT,
            Ink::DemoFill,
        );
        let style = Style::new(Face::Bold, 9.0, Ink::White);
        let mark = printable(bold, mark).into_owned();
        let w = bold.width(&mark, style.size);
        page.text(
            (PAGE_WIDTH - w) / 2.0,
            top - DEMO_BANNER_HEIGHT + 4.6,
            style,
            mark,
        );
    }

    page.rule(MARGIN_X, FOOTER_RULE_Y, right, 0.6, Ink::Rule);
    let text_room = right - MARGIN_X - QR_SIZE - 10.0;
    let mut page_of = super::labels::page_of(chrome.lang, number, total);
    if let (true, Some(note)) = (number == total, &chrome.last_page_note) {
        page_of = format!("{page_of} · {note}");
    }
    let lines = [
        (Style::new(Face::Bold, 8.0, Ink::Text), page_of),
        (small, chrome.printed.clone()),
        (Style::new(Face::Bold, 8.0, Ink::Text), chrome.code.clone()),
    ];
    let mut y = FOOTER_RULE_Y - 12.0;
    for (style, text) in lines {
        let face = typeface.face(style.face);
        let text = fit(face, &printable(face, &text), style.size, text_room);
        page.text(MARGIN_X, y, style, text);
        y -= 11.0;
    }
    if let Some(mark) = &chrome.demo_mark {
        let style = Style::new(Face::Bold, 7.5, Ink::DemoFill);
        page.text(MARGIN_X, y, style, printable(bold, mark).into_owned());
    }
    page.shapes.push(Shape::Qr {
        x: right - QR_SIZE,
        y: MARGIN_BOTTOM,
        size: QR_SIZE,
    });
}

/// `text` cut with an ellipsis to fit `width`.
fn fit(face: &super::fonts::FaceMetrics, text: &str, size: f32, width: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if face.width(&out, size) + face.width("…", size) > width {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

fn color(ink: Ink) -> Color {
    let grey = |v: f32| {
        Color::Greyscale(Greyscale {
            percent: v,
            icc_profile: None,
        })
    };
    match ink {
        Ink::Text => grey(0.1),
        Ink::Muted => grey(0.35),
        Ink::Accent => Color::Rgb(Rgb::new(0.0, 0.27, 0.53, None)),
        Ink::White => grey(1.0),
        Ink::Rule => grey(0.6),
        Ink::Stripe => grey(0.95),
        Ink::HeadFill => grey(0.87),
        Ink::DemoFill => Color::Rgb(Rgb::new(0.72, 0.09, 0.09, None)),
    }
}

/// Positions are written in hundredths of a point: short numbers, and moves that add up exactly.
fn hundredths(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

fn pt(h: i64) -> f32 {
    h as f32 / 100.0
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(pt(hundredths(x))),
            y: Pt(pt(hundredths(y))),
        },
        bezier: false,
    }
}

/// Corners (x, y, w, h) or ends (x1, y1, x2, y2) of the page's rectangles and rules.
type Quad = (f32, f32, f32, f32);

/// The content of one page.
fn page_ops(
    page: &Page,
    fonts: &BTreeMap<Face, printpdf::FontId>,
    qr: &XObjectId,
    qr_width: usize,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.texts.len() * 2 + page.shapes.len() + 16);

    let mut fills: BTreeMap<Ink, Vec<Quad>> = BTreeMap::new();
    let mut rules: BTreeMap<(Ink, i64), Vec<Quad>> = BTreeMap::new();
    for shape in &page.shapes {
        match *shape {
            Shape::Fill { x, y, w, h, ink } => fills.entry(ink).or_default().push((x, y, w, h)),
            Shape::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                ink,
            } => {
                rules
                    .entry((ink, hundredths(width)))
                    .or_default()
                    .push((x1, y1, x2, y2));
            }
            _ => {}
        }
    }
    for (ink, rects) in fills {
        ops.push(Op::SetFillColor { col: color(ink) });
        for (x, y, w, h) in rects {
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(pt(hundredths(x))),
                    y: Pt(pt(hundredths(y))),
                    width: Pt(pt(hundredths(w))),
                    height: Pt(pt(hundredths(h))),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    for ((ink, width), lines) in rules {
        ops.push(Op::SetOutlineColor { col: color(ink) });
        ops.push(Op::SetOutlineThickness { pt: Pt(pt(width)) });
        for (x1, y1, x2, y2) in lines {
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            });
        }
    }

    let mut pen_set = false;
    for shape in &page.shapes {
        match shape {
            Shape::Stroke { points, width } => {
                if !pen_set {
                    ops.push(Op::SetOutlineColor {
                        col: color(Ink::Text),
                    });
                    ops.push(Op::SetLineCapStyle {
                        cap: LineCapStyle::Round,
                    });
                    ops.push(Op::SetLineJoinStyle {
                        join: LineJoinStyle::Round,
                    });
                    pen_set = true;
                }
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let mut line: Vec<LinePoint> = points.iter().map(|&(x, y)| point(x, y)).collect();
                if line.len() == 1 {
                    // A dot: a zero-length stroke with round caps.
                    line.push(line[0].clone());
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: line,
                        is_closed: false,
                    },
                });
            }
            Shape::Qr { x, y, size } => {
                let scale = size / qr_width.max(1) as f32;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([scale, 0.0, 0.0, scale, *x, *y]),
                });
                ops.push(Op::UseXobject {
                    id: qr.clone(),
                    transform: XObjectTransform::default(),
                });
                ops.push(Op::RestoreGraphicsState);
            }
            _ => {}
        }
    }

    if !page.texts.is_empty() {
        ops.push(Op::StartTextSection);
        let mut font: Option<(Face, i64)> = None;
        let mut ink: Option<Ink> = None;
        let (mut lx, mut ly) = (0i64, 0i64);
        for TextRun { x, y, style, text } in &page.texts {
            if text.is_empty() {
                continue;
            }
            let size = hundredths(style.size);
            if font != Some((style.face, size)) {
                if let Some(id) = fonts.get(&style.face) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(pt(size)),
                    });
                }
                font = Some((style.face, size));
            }
            if ink != Some(style.ink) {
                ops.push(Op::SetFillColor {
                    col: color(style.ink),
                });
                ink = Some(style.ink);
            }
            let (hx, hy) = (hundredths(*x), hundredths(*y));
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(pt(hx - lx)),
                    y: Pt(pt(hy - ly)),
                },
            });
            (lx, ly) = (hx, hy);
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The QR code as a form XObject in module units.
fn qr_form(qr: &QrRuns) -> ExternalXObject {
    let w = qr.width as i64;
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_owned(), DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".to_owned(), DictItem::Name(b"Form".to_vec()));
    dict.insert(
        "BBox".to_owned(),
        DictItem::Array(vec![
            DictItem::Int(0),
            DictItem::Int(0),
            DictItem::Int(w),
            DictItem::Int(w),
        ]),
    );
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content: qr.content_stream(),
            compress: true,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

/// Deflates every stream that may be compressed, the streams shared out over the cores
/// (deflating is most of the time of a long report).
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression => Some(s),
            _ => None,
        })
        .collect();
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let per_thread = streams.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        for chunk in streams.chunks_mut(per_thread) {
            scope.spawn(move || {
                for stream in chunk {
                    deflate(stream);
                }
            });
        }
    });
}

/// zlib's default level: on a 20,000-row report a third faster than the best level printpdf uses,
/// for a file 2 % larger.
const DEFLATE_LEVEL: u32 = 6;

/// Deflates one stream, unless that would not make it smaller.
fn deflate(stream: &mut lopdf::Stream) {
    use std::io::Write;
    if stream.dict.has(b"Filter") {
        return;
    }
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(DEFLATE_LEVEL));
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(deflated) = encoder.finish() {
        if deflated.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(deflated);
        }
    }
}

/// A finished PDF and its page count.
pub(crate) struct Written {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Decorates `pages` with `chrome` and writes the PDF.
pub(crate) fn write(
    mut pages: Vec<Page>,
    chrome: &Chrome,
    bookmarks: &[(String, usize)],
    created_at: chrono::DateTime<chrono::Utc>,
    typeface: &Typeface,
) -> Result<Written, ReportError> {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        decorate(page, i + 1, total, chrome, typeface);
    }

    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in &pages {
        for run in &page.texts {
            used.entry(run.style.face)
                .or_default()
                .extend(run.text.chars());
        }
    }

    let mut doc = PdfDocument::new(&chrome.doc_title);
    let info = &mut doc.metadata.info;
    info.author = protocol::policy::controller::CONTROLLER_NAME.to_owned();
    info.creator = "IPKO privacy kiosk".to_owned();
    info.producer = "IPKO privacy kiosk (printpdf)".to_owned();
    if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(created_at.timestamp()) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }

    let mut fonts = BTreeMap::new();
    for (face, chars) in &used {
        let font = subset_face(*face, chars)?;
        fonts.insert(*face, doc.add_font(&font));
    }
    let qr = qr_runs(&chrome.qr_payload)?;
    let qr_id = doc.add_xobject(&qr_form(&qr));

    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm(210.0),
                Mm(297.0),
                page_ops(page, &fonts, &qr_id, qr.width),
            )
        })
        .collect();
    drop(pages);
    doc.with_pages(pdf_pages);
    for (title, page) in bookmarks {
        doc.add_bookmark(title, page + 1);
    }

    // Written through lopdf rather than printpdf's `save`: the same document, but its streams
    // compressed on every core, and the catalogue's page mode a name as the PDF standard wants
    // (printpdf writes a string).
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(ReportError::Pdf(error.msg.clone()));
    }
    if let Ok(catalog) = lo.catalog_mut() {
        if catalog.has(b"Outlines") {
            catalog.set("PageMode", lopdf::Object::Name(b"UseOutlines".to_vec()));
        }
    }
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    if bytes.is_empty() {
        return Err(ReportError::Pdf("nothing was written".into()));
    }
    Ok(Written {
        bytes,
        pages: total,
    })
}
