//! The receipts a customer takes home after signing at the counter: a consent record, a correction,
//! a rights request. Each shows what was signed, when, where and before whom, the identity check,
//! the customer's signature drawn from the pad's own strokes, and what happens next. The
//! verification code is the short form of the signed change's `payload_sha256`, so a receipt names
//! the exact change the central API holds.

use chrono::{DateTime, NaiveDate, Utc};
use protocol::api::CustomerSummary;
use protocol::mutation::{
    Actor, ConsentRecorded, CorrectionRequested, IdentityVerified, RequestParticulars,
    RightsRequestSubmitted, Signature, SIGNATURE_SUBPIXELS,
};
use protocol::policy::{controller, quotes, RightKind};
use protocol::{Label, Lang};
use serde::Serialize;
use uuid::Uuid;

use super::data_report::{display_name, fields_table, local};
use super::error::ReportError;
use super::fonts::typeface;
use super::labels as t;
use super::layout::{styles, Column, Flow, Ink, Shape, Style, Table};
use super::mask::mask_personal_number;
use super::pdf::{body_frame, write, Chrome};
use super::verify::{content_sha256, qr_payload, verification_code};
use super::{code_line, printed_line, RenderedPdf};

/// The circumstances of a signed change, which its payload does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptContext {
    pub lang: Lang,
    /// The clerk who captured the change.
    pub clerk_id: String,
    /// When the customer signed (the change's `captured_at`).
    pub signed_at: DateTime<Utc>,
    pub printed_at: DateTime<Utc>,
    /// The customer's record, when the kiosk has it: the receipt then names the customer.
    pub customer: Option<CustomerSummary>,
    /// The identity check of the session, when one was recorded.
    pub identity: Option<IdentityVerified>,
    /// Fictional demo data: every page carries the demo mark.
    pub demo: bool,
}

/// The receipt of a consent record: every purpose × channel choice, the notice's version and hash,
/// the signature, and how to withdraw.
pub fn render_consent_receipt(
    p: &ConsentRecorded,
    ctx: &ReceiptContext,
) -> Result<RenderedPdf, ReportError> {
    check_common(
        &p.customer_id,
        &p.store_code,
        &p.signature,
        &p.signature_sha256,
        ctx,
    )?;
    check_identity(&p.customer_id, p.identity_verification_id, ctx)?;
    if p.choices.is_empty() {
        return Err(ReportError::invalid(
            "consent record",
            "it holds no choice (field `choices` is empty)",
        ));
    }
    if let Some(c) = p
        .choices
        .iter()
        .find(|c| !c.purpose.accepts_channel(c.channel))
    {
        return Err(ReportError::invalid(
            "consent record",
            format!(
                "the policy offers no such channel for {:?} (field `choices`)",
                c.purpose
            ),
        ));
    }
    let reference = p.record_id.to_string();
    let mut sheet = Sheet::new(ctx)?;
    let lang = ctx.lang;
    sheet.title(t::CONSENT_RECEIPT.get(lang));
    let mut rows = vec![(sheet.l(t::RECORD_ID).into(), reference.clone())];
    rows.extend(sheet.customer_rows(&p.customer_id));
    rows.extend([
        (
            sheet.l(t::CONSENT_NOTICE).into(),
            format!(
                "{} · {} {} · {}",
                p.notice_id,
                sheet.l(t::VERSION),
                p.notice_version,
                t::language_name(p.lang).get(lang)
            ),
        ),
        (sheet.l(t::NOTICE_SHA256).into(), p.notice_sha256.clone()),
        (sheet.l(t::CONTROLLER).into(), p.controller.clone()),
        (sheet.l(t::JURISDICTION).into(), p.jurisdiction.clone()),
        (
            sheet.l(t::COLLECTION_METHOD).into(),
            p.collection_method.clone(),
        ),
    ]);
    rows.extend(sheet.circumstances(&p.expressed_by, p.identity_verification_id, &p.store_code));
    sheet.fields(rows);

    sheet.h2(t::CHOICES.get(lang));
    let choice_rows = p
        .choices
        .iter()
        .map(|c| {
            vec![
                c.purpose.label().get(lang).to_owned(),
                c.channel
                    .map_or(t::WHOLE_PURPOSE, |ch| ch.label())
                    .get(lang)
                    .to_owned(),
                c.state.label().get(lang).to_owned(),
            ]
        })
        .collect::<Vec<_>>();
    sheet.flow.table(
        &Table {
            columns: vec![
                Column::new(sheet.l(t::PURPOSE), 0.42),
                Column::new(sheet.l(t::CHANNEL), 0.38),
                Column::new(sheet.l(t::CHOICE), 0.2),
            ],
            heading: true,
            body: styles::CELL,
            head: styles::CELL_HEAD,
            continued: Some(format!("{} {}", sheet.l(t::CHOICES), sheet.l(t::CONTINUED))),
            bold_first: false,
        },
        choice_rows,
    );
    let mut purposes: Vec<_> = p.choices.iter().map(|c| c.purpose).collect();
    purposes.dedup();
    for purpose in purposes {
        sheet.labelled_quote(purpose.label(), purpose.policy_text());
    }
    sheet.signature(&p.signature, &p.signature_sha256);
    sheet.h2(t::HOW_TO_WITHDRAW.get(lang));
    sheet.quote(quotes::WITHDRAWAL);
    sheet.finish(
        t::CONSENT_RECEIPT,
        "CON",
        &reference,
        &p.customer_id,
        &p.store_code,
        p,
    )
}

/// The receipt of a correction: the field, the value on record and the correct one, the reason, and
/// by when IPKO answers.
pub fn render_correction_receipt(
    p: &CorrectionRequested,
    ctx: &ReceiptContext,
) -> Result<RenderedPdf, ReportError> {
    check_common(
        &p.customer_id,
        &p.store_code,
        &p.signature,
        &p.signature_sha256,
        ctx,
    )?;
    check_identity(&p.customer_id, None, ctx)?;
    non_empty("correction", "reference", &p.reference)?;
    let mut sheet = Sheet::new(ctx)?;
    let lang = ctx.lang;
    sheet.title(t::CORRECTION_RECEIPT.get(lang));
    let due = RightKind::Rectification.deadline().due_dates(ctx.signed_at);
    let mut rows = vec![(sheet.l(t::REFERENCE).into(), p.reference.clone())];
    rows.extend(sheet.customer_rows(&p.customer_id));
    rows.extend([
        (
            sheet.l(t::FIELD).into(),
            t::correctable_field(p.field).get(lang).to_owned(),
        ),
        (sheet.l(t::OLD_VALUE).into(), p.old_value.clone()),
        (sheet.l(t::NEW_VALUE).into(), p.new_value.clone()),
        (sheet.l(t::REASON).into(), p.reason.clone()),
        (
            sheet.l(t::BASE_VERSION).into(),
            p.base_record_version.to_string(),
        ),
    ]);
    rows.extend(sheet.circumstances(&p.expressed_by, None, &p.store_code));
    rows.push((sheet.l(t::ANSWER_DUE).into(), local(due.due_at)));
    rows.push((sheet.l(t::ANSWER_LATEST).into(), local(due.latest_at)));
    sheet.fields(rows);
    sheet.labelled_quote(
        RightKind::Rectification.label(),
        RightKind::Rectification.policy_text(),
    );
    sheet.quote(RightKind::Rectification.deadline().policy_text());
    sheet.signature(&p.signature, &p.signature_sha256);
    sheet.finish(
        t::CORRECTION_RECEIPT,
        "COR",
        &p.reference,
        &p.customer_id,
        &p.store_code,
        p,
    )
}

/// The receipt of a rights request: its kind, what the customer asks, and the legal due dates (one
/// month as a rule, at most three; fifteen days for a business's marketing suspension).
pub fn render_rights_request_receipt(
    p: &RightsRequestSubmitted,
    ctx: &ReceiptContext,
) -> Result<RenderedPdf, ReportError> {
    check_common(
        &p.customer_id,
        &p.store_code,
        &p.signature,
        &p.signature_sha256,
        ctx,
    )?;
    check_identity(&p.customer_id, None, ctx)?;
    non_empty("rights request", "reference", &p.reference)?;
    if (p.kind == RightKind::Objection) != p.objection_purpose.is_some() {
        return Err(ReportError::invalid(
            "rights request",
            "an objection names the purpose objected to (field `objection_purpose`), and only an objection does",
        ));
    }
    if p.kind == RightKind::Rectification {
        return Err(ReportError::invalid(
            "rights request",
            "a correction has its own receipt (field `kind` is `rectification`)",
        ));
    }
    let mut sheet = Sheet::new(ctx)?;
    let lang = ctx.lang;
    let title = format!(
        "{}: {}",
        t::REQUEST_RECEIPT.get(lang),
        p.kind.label().get(lang)
    );
    sheet.title(&title);
    let due = p.kind.deadline().due_dates(ctx.signed_at);
    let mut rows = vec![
        (sheet.l(t::REFERENCE).into(), p.reference.clone()),
        (
            sheet.l(t::KIND_OF_REQUEST).into(),
            p.kind.label().get(lang).to_owned(),
        ),
    ];
    if let Some(purpose) = p.objection_purpose {
        rows.push((
            sheet.l(t::OBJECTION_PURPOSE).into(),
            purpose.label().get(lang).to_owned(),
        ));
    }
    rows.push((sheet.l(t::DETAILS).into(), p.details.clone()));
    if let Some(particulars) = &p.particulars {
        rows.extend(particular_rows(&sheet, particulars));
    }
    rows.extend(sheet.customer_rows(&p.customer_id));
    rows.extend(sheet.circumstances(&p.expressed_by, None, &p.store_code));
    rows.push((sheet.l(t::ANSWER_DUE).into(), local(due.due_at)));
    if due.latest_at != due.due_at {
        rows.push((sheet.l(t::ANSWER_LATEST).into(), local(due.latest_at)));
    }
    sheet.fields(rows);
    sheet.labelled_quote(p.kind.label(), p.kind.policy_text());
    if let Some(purpose) = p.objection_purpose {
        sheet.labelled_quote(purpose.label(), purpose.policy_text());
        sheet.quote(quotes::OBJECTION);
    }
    sheet.quote(p.kind.deadline().policy_text());
    if p.kind == RightKind::Complaint {
        sheet.quote(quotes::COMPLAINT_TO_AUTHORITY);
    }
    sheet.signature(&p.signature, &p.signature_sha256);
    sheet.finish(
        t::REQUEST_RECEIPT,
        "REQ",
        &p.reference,
        &p.customer_id,
        &p.store_code,
        p,
    )
}

/// The request's own fields, in the receipt's language.
fn particular_rows(sheet: &Sheet, particulars: &RequestParticulars) -> Vec<(String, String)> {
    let lang = sheet.ctx.lang;
    let list = |labels: Vec<Label>| {
        labels
            .into_iter()
            .map(|l| l.get(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let day = |d: Option<NaiveDate>, open: Label| {
        d.map_or_else(|| open.get(lang).to_owned(), |d| d.to_string())
    };
    match particulars {
        RequestParticulars::Access { items, from, to } => {
            let mut rows = vec![(
                sheet.l(t::ASKED_TO_RECEIVE).into(),
                list(items.iter().map(|i| i.label()).collect()),
            )];
            if from.is_some() || to.is_some() {
                rows.push((
                    sheet.l(t::PERIOD).into(),
                    format!(
                        "{} – {}",
                        day(*from, t::FROM_THE_START),
                        day(*to, t::UNTIL_NOW)
                    ),
                ));
            }
            rows
        }
        RequestParticulars::Erasure { categories }
        | RequestParticulars::Restriction { categories } => vec![(
            sheet.l(t::DATA_CONCERNED).into(),
            list(categories.iter().map(|c| c.label()).collect()),
        )],
        RequestParticulars::Objection => Vec::new(),
        RequestParticulars::Portability { formats } => vec![(
            sheet.l(t::FORMATS).into(),
            list(formats.iter().map(|f| f.label()).collect()),
        )],
        RequestParticulars::Complaint {
            supervisory_authority_explained,
        } => {
            let mut value = controller::SUPERVISORY_AUTHORITY.to_owned();
            if *supervisory_authority_explained {
                value = format!("{value}: {}", sheet.l(t::AUTHORITY_EXPLAINED));
            }
            vec![(sheet.l(t::SUPERVISORY_AUTHORITY).into(), value)]
        }
        RequestParticulars::MarketingSuspension { until } => vec![(
            sheet.l(t::SUSPENSION).into(),
            match until {
                None => sheet.l(t::PERMANENT).into(),
                Some(d) => sheet
                    .l(t::SUSPENDED_UNTIL)
                    .replace("{date}", &d.to_string()),
            },
        )],
    }
}

fn non_empty(what: &'static str, field: &str, value: &str) -> Result<(), ReportError> {
    if value.trim().is_empty() {
        return Err(ReportError::invalid(
            what,
            format!("field `{field}` is empty"),
        ));
    }
    Ok(())
}

fn check_common(
    customer_id: &str,
    store_code: &str,
    signature: &Signature,
    signature_sha256: &str,
    ctx: &ReceiptContext,
) -> Result<(), ReportError> {
    non_empty("receipt", "customer_id", customer_id)?;
    non_empty("receipt", "store_code", store_code)?;
    if ctx.clerk_id.trim().is_empty() {
        return Err(ReportError::invalid(
            "receipt",
            "the clerk's staff id is empty",
        ));
    }
    if let Some(c) = &ctx.customer {
        if c.customer_id != customer_id {
            return Err(ReportError::invalid(
                "receipt",
                format!(
                    "the customer record is {}, the signed change is for {customer_id}",
                    c.customer_id
                ),
            ));
        }
    }
    if let Some(problem) = signature.problem() {
        return Err(ReportError::invalid(
            "signature",
            format!("{problem} (field `signature`)"),
        ));
    }
    if signature.sha256() != signature_sha256 {
        return Err(ReportError::invalid(
            "signature",
            "its strokes do not match its SHA-256 (field `signature_sha256`): the signed data was changed",
        ));
    }
    Ok(())
}

fn check_identity(
    customer_id: &str,
    claimed: Option<Uuid>,
    ctx: &ReceiptContext,
) -> Result<(), ReportError> {
    let Some(iv) = &ctx.identity else {
        return Ok(());
    };
    if iv.customer_id != customer_id {
        return Err(ReportError::invalid(
            "identity check",
            format!(
                "it is of customer {}, the signed change is for {customer_id}",
                iv.customer_id
            ),
        ));
    }
    if let Some(claimed) = claimed {
        if iv.verification_id != claimed {
            return Err(ReportError::invalid(
                "identity check",
                format!(
                    "the change cites verification {claimed}, the identity check given is {}",
                    iv.verification_id
                ),
            ));
        }
    }
    Ok(())
}

/// One receipt being laid out.
struct Sheet<'c, 't> {
    flow: Flow<'t>,
    ctx: &'c ReceiptContext,
    typeface: &'t super::fonts::Typeface,
}

impl<'c> Sheet<'c, 'static> {
    fn new(ctx: &'c ReceiptContext) -> Result<Sheet<'c, 'static>, ReportError> {
        let typeface = typeface()?;
        Ok(Sheet {
            flow: Flow::new(typeface, body_frame(ctx.demo)),
            ctx,
            typeface,
        })
    }
}

impl Sheet<'_, '_> {
    fn l(&self, label: Label) -> &'static str {
        label.get(self.ctx.lang)
    }

    fn title(&mut self, text: &str) {
        self.flow.section(text, styles::TITLE, 60.0);
        self.flow
            .paragraph(self.l(t::RECEIPT_SUBTITLE), styles::SUBTITLE, 0.0);
        self.flow.gap(8.0);
    }

    fn h2(&mut self, text: &str) {
        self.flow.gap(8.0);
        self.flow.heading(text, styles::H2, 30.0);
    }

    fn quote(&mut self, text: &str) {
        self.flow.quote(text, styles::QUOTE);
        self.flow.gap(3.0);
    }

    fn labelled_quote(&mut self, label: Label, text: &str) {
        self.flow.gap(4.0);
        self.flow.heading(
            self.l(label),
            Style {
                size: 8.0,
                ..styles::H2
            },
            20.0,
        );
        self.quote(text);
    }

    fn fields(&mut self, rows: Vec<(String, String)>) {
        let rows = rows.into_iter().map(|(k, v)| vec![k, v]);
        self.flow.table(&fields_table(), rows);
        self.flow.gap(3.0);
    }

    fn customer_rows(&self, customer_id: &str) -> Vec<(String, String)> {
        let mut value = customer_id.to_owned();
        if let Some(c) = &self.ctx.customer {
            value = format!("{} · {customer_id}", display_name(c));
            if let Some(n) = &c.personal_number {
                value.push_str(&format!(" · {}", mask_personal_number(n)));
            }
        }
        vec![(self.l(t::CUSTOMER).into(), value)]
    }

    /// Who expressed it, the identity check, when, where and before whom.
    fn circumstances(
        &self,
        actor: &Actor,
        verification: Option<Uuid>,
        store: &str,
    ) -> Vec<(String, String)> {
        let lang = self.ctx.lang;
        let mut who = vec![t::capacity(actor.capacity).get(lang).to_owned()];
        if let Some(name) = &actor.name {
            who.push(name.clone());
        }
        if let Some(n) = &actor.personal_number {
            who.push(mask_personal_number(n));
        }
        if let Some(a) = &actor.authorisation_reference {
            who.push(format!("{}: {a}", self.l(t::AUTHORISATION)));
        }
        let identity = match (&self.ctx.identity, verification) {
            (Some(iv), _) => {
                let mut parts = vec![
                    format!(
                        "{} {} …{}",
                        t::document_type(iv.document_type).get(lang),
                        iv.issuing_state,
                        iv.document_number_last4
                    ),
                    t::verification_method(iv.method).get(lang).to_owned(),
                    t::verdict(iv.verdict).get(lang).to_owned(),
                ];
                if iv.photo_confirmed {
                    parts.push(self.l(t::PHOTO_CONFIRMED).to_owned());
                }
                parts.join(" · ")
            }
            (None, Some(id)) => format!("{} {id}", self.l(t::VERIFICATION)),
            (None, None) => self.l(t::NOT_RECORDED).to_owned(),
        };
        vec![
            (self.l(t::EXPRESSED_BY).into(), who.join(" · ")),
            (self.l(t::IDENTITY_CHECK).into(), identity),
            (self.l(t::SIGNED_AT).into(), local(self.ctx.signed_at)),
            (self.l(t::STORE).into(), store.to_owned()),
            (self.l(t::CLERK).into(), self.ctx.clerk_id.clone()),
        ]
    }

    /// The signature as the pad drew it, stroke by stroke, in a box with its caption and hash.
    fn signature(&mut self, signature: &Signature, sha256: &str) {
        self.h2(self.l(t::SIGNATURE));
        let sub = SIGNATURE_SUBPIXELS as f32;
        let (pad_w, pad_h) = (signature.width as f32 * sub, signature.height as f32 * sub);
        let max_w = self.flow.frame().width() * 0.6;
        let scale = (max_w / pad_w).min(120.0 / pad_h);
        let (box_w, box_h) = (pad_w * scale, pad_h * scale);
        let (page, left, top) = self.flow.reserve(box_h + 6.0);
        let top = top - 3.0;
        let bottom = top - box_h;
        for (x1, y1, x2, y2) in [
            (left, top, left + box_w, top),
            (left, bottom, left + box_w, bottom),
            (left, bottom, left, top),
            (left + box_w, bottom, left + box_w, top),
        ] {
            page.shapes.push(Shape::Rule {
                x1,
                y1,
                x2,
                y2,
                width: 0.5,
                ink: Ink::Rule,
            });
        }
        for stroke in &signature.strokes {
            let points = stroke
                .iter()
                .map(|p| (left + p.x as f32 * scale, top - p.y as f32 * scale))
                .collect::<Vec<_>>();
            if !points.is_empty() {
                page.shapes.push(Shape::Stroke { points, width: 1.1 });
            }
        }
        let caption = format!("{}: {sha256}", self.l(t::SIGNATURE_SHA256));
        self.flow.paragraph(&caption, styles::NOTE, 0.0);
    }

    fn finish<T: Serialize>(
        self,
        title: Label,
        kind: &str,
        reference: &str,
        customer_id: &str,
        store: &str,
        payload: &T,
    ) -> Result<RenderedPdf, ReportError> {
        let lang = self.ctx.lang;
        let sha256 = content_sha256(payload, "signed change")?;
        let code = verification_code(&sha256);
        let laid = self.flow.finish();
        let chrome = Chrome {
            title: format!("IPKO · {}", title.get(lang)),
            header_right: customer_id.to_owned(),
            demo_mark: self.ctx.demo.then(|| t::DEMO_MARK.get(lang).to_owned()),
            lang,
            printed: printed_line(lang, self.ctx.printed_at, store, &self.ctx.clerk_id),
            code: code_line(lang, &code, reference),
            qr_payload: qr_payload(kind, reference, &sha256),
            doc_title: format!(
                "IPKO — {} — {}",
                title.get(lang),
                controller::CONTROLLER_NAME
            ),
            last_page_note: None,
        };
        let written = write(
            laid.pages,
            &chrome,
            &laid.bookmarks,
            self.ctx.printed_at,
            self.typeface,
        )?;
        Ok(RenderedPdf {
            bytes: written.bytes,
            pages: written.pages,
            sha256,
            verification_code: code,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::mutation::SignaturePoint;

    fn ctx() -> ReceiptContext {
        ReceiptContext {
            lang: Lang::Sq,
            clerk_id: "PR-0101".into(),
            signed_at: Utc::now(),
            printed_at: Utc::now(),
            customer: None,
            identity: None,
            demo: true,
        }
    }

    #[test]
    fn the_signature_is_drawn_stroke_by_stroke_inside_its_box() {
        let p = |x: u32, y: u32| SignaturePoint {
            x,
            y,
            t: 0,
            pressure: None,
        };
        let signature = Signature {
            width: 600,
            height: 200,
            strokes: vec![
                vec![p(0, 0), p(3000, 1000), p(6000, 2000)],
                vec![p(100, 1900)],
            ],
        };
        let ctx = ctx();
        let mut sheet = match Sheet::new(&ctx) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        sheet.signature(&signature, &signature.sha256());
        let frame = sheet.flow.frame();
        let laid = sheet.flow.finish();
        let strokes: Vec<&Vec<(f32, f32)>> = laid.pages[0]
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Stroke { points, .. } => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(strokes.len(), 2);
        assert_eq!(strokes[0].len(), 3);
        assert_eq!(strokes[1].len(), 1);
        let (first, last) = (strokes[0][0], strokes[0][2]);
        // The pad's top left is the box's top left; y grows downwards on the pad.
        assert!((first.0 - frame.left).abs() < 1e-3);
        assert!(last.0 > first.0 && last.1 < first.1);
        // The pad's aspect ratio is kept: 600 × 200.
        let (w, h) = (last.0 - first.0, first.1 - last.1);
        assert!((w / h - 3.0).abs() < 1e-3, "{w} × {h}");
        assert!(w <= frame.width() * 0.6 + 1e-3);
    }
}
