//! The data access report: everything the central API's data report says about one customer, in
//! the sections and order of the right of access, each quoting the policy where it applies.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use protocol::api::{
    CustomerKind, CustomerSummary, DataRecord, DataReport, TrafficKind, TrafficRecord,
};
use protocol::policy::{
    controller, quotes, ConsentPurpose, Deadline, LegalBasis, LegitimateInterestPurpose,
    RetentionRule, RightKind,
};
use protocol::{Label, Lang};

use super::error::ReportError;
use super::fonts::{typeface, Face, FaceMetrics};
use super::labels as t;
use super::layout::{distribute, styles, Column, Flow, Need, Style, Table};
use super::mask::{mask_counterpart, mask_personal_number};
use super::pdf::{body_frame, write, Chrome};
use super::verify::{content_sha256, qr_payload, verification_code};
use super::{code_line, printed_line, RenderedPdf, ReportContext};

/// Renders the data report of one customer as the PDF the customer takes home.
pub fn render_data_report(
    report: &DataReport,
    ctx: &ReportContext,
) -> Result<RenderedPdf, ReportError> {
    for (what, value) in [
        ("store code", &ctx.store_code),
        ("clerk's staff id", &ctx.clerk_id),
        ("request reference", &ctx.request_reference),
    ] {
        if value.trim().is_empty() {
            return Err(ReportError::invalid(
                "data report",
                format!("the {what} is empty"),
            ));
        }
    }
    let sha256 = content_sha256(report, "data report")?;
    let code = verification_code(&sha256);
    let typeface = typeface()?;

    let mut doc = Doc {
        flow: Flow::new(typeface, body_frame(report.demo)),
        lang: ctx.lang,
        report,
        ctx,
    };
    doc.title();
    doc.controller();
    doc.identification();
    doc.categories();
    doc.traffic();
    doc.processing();
    doc.automated();
    doc.consents();
    doc.requests();
    doc.rights();
    doc.complaints();
    let laid = doc.flow.finish();

    let lang = ctx.lang;
    let chrome = Chrome {
        title: format!("IPKO · {}", t::REPORT_TITLE.get(lang)),
        header_right: format!(
            "{} · {}",
            display_name(&report.customer),
            report.customer.customer_id
        ),
        demo_mark: report.demo.then(|| t::DEMO_MARK.get(lang).to_owned()),
        lang,
        printed: printed_line(lang, ctx.printed_at, &ctx.store_code, &ctx.clerk_id),
        code: code_line(lang, &code, &ctx.request_reference),
        qr_payload: qr_payload("DAR", &ctx.request_reference, &sha256),
        doc_title: format!("IPKO — {}", t::REPORT_TITLE.get(lang)),
        last_page_note: Some(t::END_OF_REPORT.get(lang).to_owned()),
    };
    let written = write(
        laid.pages,
        &chrome,
        &laid.bookmarks,
        ctx.printed_at,
        typeface,
    )?;
    Ok(RenderedPdf {
        bytes: written.bytes,
        pages: written.pages,
        sha256,
        verification_code: code,
    })
}

/// The customer's name as the report shows it: a business by its name.
pub(crate) fn display_name(c: &CustomerSummary) -> String {
    match (&c.kind, &c.business_name) {
        (CustomerKind::Business, Some(name)) => name.clone(),
        _ => format!("{} {}", c.first_name, c.last_name)
            .trim()
            .to_owned(),
    }
}

/// A time as every printout shows it: local, with the zone.
pub(crate) fn local(at: DateTime<Utc>) -> String {
    crate::time::format_local(at)
}

/// A time in a long table: local, to the second, the zone stated once above the table.
fn local_short(at: DateTime<Utc>) -> String {
    at.with_timezone(&crate::time::DISPLAY_TZ)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

fn duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Kilobytes with thousands grouped by a no-break space: `466 075 KB`.
fn volume(kb: u64) -> String {
    let digits = kb.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out.push_str(" KB");
    out
}

/// A two-column list of fields.
pub(crate) fn fields_table() -> Table {
    Table {
        columns: vec![Column::new("", 0.3), Column::new("", 0.7)],
        heading: false,
        body: Style {
            size: 7.5,
            ..styles::CELL
        },
        head: styles::CELL_HEAD,
        continued: None,
        bold_first: true,
    }
}

/// Column shares from the titles and cells: no word broken if the table can help it, long values
/// wrapping at `cap` points.
fn shares(
    face: &FaceMetrics,
    bold: &FaceMetrics,
    size: f32,
    titles: &[&str],
    rows: &[Vec<String>],
    width: f32,
) -> Vec<f32> {
    let cap = width * 0.45;
    let mut needs: Vec<Need> = titles
        .iter()
        .map(|title| {
            let mut need = Need::default();
            need.fit(bold, title, size);
            // A title may wrap onto two lines rather than widen its column.
            need.pref = need.pref.min(need.min.max(60.0));
            need
        })
        .collect();
    for row in rows {
        for (need, cell) in needs.iter_mut().zip(row) {
            need.fit(face, cell, size);
        }
    }
    for need in &mut needs {
        need.pref = need.pref.min(cap.max(need.min));
    }
    distribute(&needs, width)
}

struct Doc<'a, 't> {
    flow: Flow<'t>,
    lang: Lang,
    report: &'a DataReport,
    ctx: &'a ReportContext,
}

impl Doc<'_, '_> {
    fn l(&self, label: Label) -> &'static str {
        label.get(self.lang)
    }

    fn h1(&mut self, label: Label) {
        self.flow.gap(14.0);
        let text = self.l(label);
        self.flow.section(text, styles::H1, 40.0);
        self.flow.gap(2.0);
    }

    fn h2(&mut self, text: &str) {
        self.flow.gap(7.0);
        self.flow.heading(text, styles::H2, 30.0);
    }

    fn quote(&mut self, text: &str) {
        self.flow.quote(text, styles::QUOTE);
        self.flow.gap(3.0);
    }

    fn note(&mut self, text: &str) {
        self.flow.paragraph(text, styles::NOTE, 0.0);
    }

    fn fields(&mut self, rows: Vec<(String, String)>) {
        let rows = rows.into_iter().map(|(k, v)| vec![k, v]);
        self.flow.table(&fields_table(), rows);
        self.flow.gap(3.0);
    }

    /// A table whose columns are sized to their content.
    fn table(&mut self, titles: &[&str], rows: Vec<Vec<String>>) {
        let width = self.flow.frame().width();
        let (regular, bold) = (self.flow.face(Face::Regular), self.flow.face(Face::Bold));
        let shares = shares(regular, bold, styles::CELL.size, titles, &rows, width);
        let table = Table {
            columns: titles
                .iter()
                .zip(shares)
                .map(|(t, s)| Column::new(*t, s))
                .collect(),
            heading: true,
            body: styles::CELL,
            head: styles::CELL_HEAD,
            continued: None,
            bold_first: false,
        };
        self.flow.table(&table, rows);
        self.flow.gap(3.0);
    }

    fn title(&mut self) {
        let lang = self.lang;
        self.flow
            .paragraph(self.l(t::REPORT_TITLE), styles::TITLE, 0.0);
        self.flow
            .paragraph(self.l(t::REPORT_SUBTITLE), styles::SUBTITLE, 0.0);
        self.flow.gap(6.0);
        let c = &self.report.customer;
        self.fields(vec![
            (self.l(t::CUSTOMER).into(), display_name(c)),
            (self.l(t::CUSTOMER_ID).into(), c.customer_id.clone()),
            (
                self.l(t::REQUEST_REFERENCE).into(),
                self.ctx.request_reference.clone(),
            ),
            (
                self.l(t::REPORT_ID).into(),
                self.report.report_id.to_string(),
            ),
            (
                self.l(t::GENERATED_AT).into(),
                local(self.report.generated_at),
            ),
            (self.l(t::PRINTED).into(), local(self.ctx.printed_at)),
        ]);
        self.quote(RightKind::Access.policy_text());
        self.note(t::POLICY_LANGUAGE_NOTE.get(lang));
    }

    fn controller(&mut self) {
        self.h1(t::S_CONTROLLER);
        self.fields(vec![
            (
                self.l(t::CONTROLLER).into(),
                controller::CONTROLLER_NAME.into(),
            ),
            (
                self.l(t::ADDRESS).into(),
                controller::CONTROLLER_ADDRESS.into(),
            ),
            (
                self.l(t::WEBSITE).into(),
                controller::CONTROLLER_WEBSITE.into(),
            ),
            (self.l(t::EMAIL).into(), controller::CONTROLLER_EMAIL.into()),
            (
                self.l(t::TELEPHONE).into(),
                controller::CONTROLLER_PHONE.into(),
            ),
            (self.l(t::DPO_BY_POST).into(), controller::DPO_POSTAL.into()),
            (self.l(t::DPO_BY_EMAIL).into(), controller::DPO_EMAIL.into()),
            (
                self.l(t::LAW).into(),
                controller::DATA_PROTECTION_LAW.into(),
            ),
        ]);
        self.quote(quotes::CONTROLLER);
        self.quote(quotes::DATA_PROTECTION_OFFICER);
        self.quote(quotes::LAW);
    }

    fn identification(&mut self) {
        self.h1(t::S_IDENTIFICATION);
        let lang = self.lang;
        let c = &self.report.customer;
        let mut rows: Vec<(String, String)> = vec![
            (
                self.l(t::NAME).into(),
                format!("{} {}", c.first_name, c.last_name)
                    .trim()
                    .to_owned(),
            ),
            (self.l(t::CUSTOMER_ID).into(), c.customer_id.clone()),
            (self.l(t::CUSTOMER_NO).into(), c.customer_no.clone()),
            (
                self.l(t::CUSTOMER_KIND).into(),
                t::customer_kind(c.kind).get(lang).into(),
            ),
        ];
        if let Some(n) = &c.business_name {
            rows.push((self.l(t::BUSINESS_NAME).into(), n.clone()));
        }
        if let Some(n) = &c.business_number {
            rows.push((self.l(t::BUSINESS_NUMBER).into(), n.clone()));
        }
        if let Some(n) = &c.personal_number {
            rows.push((self.l(t::PERSONAL_NUMBER).into(), mask_personal_number(n)));
        }
        if let Some(d) = c.date_of_birth {
            rows.push((
                self.l(t::DATE_OF_BIRTH).into(),
                d.format("%Y-%m-%d").to_string(),
            ));
        }
        if let Some(n) = &c.nationality {
            rows.push((self.l(t::NATIONALITY).into(), n.clone()));
        }
        if let Some(d) = &c.identity_document {
            rows.push((
                self.l(t::IDENTITY_DOCUMENT).into(),
                format!(
                    "{} · {} · {}",
                    t::document_type(d.document_type).get(lang),
                    d.issuing_state,
                    mask_personal_number(&d.number)
                ),
            ));
        }
        rows.push((self.l(t::ADDRESS).into(), c.address.clone()));
        if let Some(e) = &c.email {
            rows.push((self.l(t::EMAIL).into(), e.clone()));
        }
        rows.push((self.l(t::PHONE_NUMBERS).into(), c.msisdns.join(", ")));
        for r in &c.representatives {
            let mut parts = vec![
                format!("{} {}", r.first_name, r.last_name),
                t::capacity(r.capacity).get(lang).to_owned(),
            ];
            if let Some(n) = &r.personal_number {
                parts.push(mask_personal_number(n));
            }
            if let Some(a) = &r.authorisation_reference {
                parts.push(format!("{}: {a}", self.l(t::AUTHORISATION)));
            }
            rows.push((self.l(t::REPRESENTATIVES).into(), parts.join(" · ")));
        }
        rows.push((
            self.l(t::RECORD_VERSION).into(),
            c.record_version.to_string(),
        ));
        self.fields(rows);
        self.note(self.l(t::MASKING_NOTE));
    }

    /// A record field's value as printed: identity numbers masked, moments in local time, yes/no.
    fn value(&self, key: &str, value: &str) -> String {
        match key {
            "personal_number" | "document_number" => return mask_personal_number(value),
            _ => {}
        }
        match value {
            "true" => return t::YES.get(self.lang).into(),
            "false" => return t::NO.get(self.lang).into(),
            _ => {}
        }
        if value.len() >= 20 && value.as_bytes().get(10) == Some(&b'T') {
            if let Ok(at) = DateTime::parse_from_rfc3339(value) {
                return local(at.with_timezone(&Utc));
            }
        }
        value.to_owned()
    }

    fn field_name(&self, key: &str) -> String {
        match t::field(key) {
            Some(label) => label.get(self.lang).to_owned(),
            None => key.replace('_', " "),
        }
    }

    fn categories(&mut self) {
        self.h1(t::S_CATEGORIES);
        let report = self.report;
        for category in &report.categories {
            let label = self.l(category.category.label());
            self.h2(label);
            self.quote(category.category.policy_text());
            if category.records.is_empty() {
                self.note(self.l(t::NO_RECORDS));
                continue;
            }
            // Records of a kind together, kinds in order of first appearance.
            let mut kinds: Vec<(&str, Vec<&DataRecord>)> = Vec::new();
            for record in &category.records {
                match kinds.iter_mut().find(|(k, _)| *k == record.record_type) {
                    Some((_, list)) => list.push(record),
                    None => kinds.push((&record.record_type, vec![record])),
                }
            }
            for (kind, records) in kinds {
                let name = t::record_type(kind)
                    .map_or_else(|| kind.replace('_', " "), |l| l.get(self.lang).to_owned());
                self.flow.gap(2.0);
                self.flow.heading(
                    &name,
                    Style {
                        size: 8.0,
                        ..styles::H2
                    },
                    24.0,
                );
                self.records(&records);
            }
        }
    }

    fn records(&mut self, records: &[&DataRecord]) {
        let mut keys: Vec<&str> = Vec::new();
        for r in records {
            for f in &r.fields {
                if !keys.contains(&f.key.as_str()) {
                    keys.push(&f.key);
                }
            }
        }
        let with_time = records.iter().any(|r| r.recorded_at.is_some());
        let columns = keys.len() + usize::from(with_time);
        if records.len() >= 2 && columns <= 10 {
            let mut titles: Vec<String> = Vec::new();
            if with_time {
                titles.push(self.l(t::RECORDED_AT).into());
            }
            titles.extend(keys.iter().map(|k| self.field_name(k)));
            let rows: Vec<Vec<String>> = records
                .iter()
                .map(|r| {
                    let mut row = Vec::with_capacity(columns);
                    if with_time {
                        row.push(r.recorded_at.map(local).unwrap_or_default());
                    }
                    for key in &keys {
                        let v = r
                            .fields
                            .iter()
                            .find(|f| f.key == *key)
                            .map(|f| self.value(key, &f.value));
                        row.push(v.unwrap_or_default());
                    }
                    row
                })
                .collect();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            self.table(&titles, rows);
        } else {
            for r in records {
                let mut rows = Vec::new();
                if let Some(at) = r.recorded_at {
                    rows.push((self.l(t::RECORDED_AT).to_owned(), local(at)));
                }
                for f in &r.fields {
                    rows.push((self.field_name(&f.key), self.value(&f.key, &f.value)));
                }
                self.fields(rows);
            }
        }
    }

    fn traffic(&mut self) {
        self.h1(t::S_TRAFFIC);
        self.flow
            .paragraph(self.l(t::TRAFFIC_INTRO), styles::BODY, 0.0);
        self.quote(RetentionRule::TrafficAndLocation.policy_text());
        let traffic = &self.report.traffic;
        if traffic.is_empty() {
            self.note(self.l(t::NO_TRAFFIC));
            return;
        }
        let masked = if self.ctx.full_counterpart_numbers {
            t::TRAFFIC_FULL
        } else {
            t::TRAFFIC_MASKED
        };
        self.note(self.l(masked));
        self.note(self.l(t::LOCAL_TIMES));
        self.flow.gap(3.0);

        let numbers: BTreeSet<&str> = traffic.iter().map(|r| r.msisdn.as_str()).collect();
        let one_number = numbers.len() == 1;
        let (first, last) = (
            traffic.iter().map(|r| r.started_at).min(),
            traffic.iter().map(|r| r.started_at).max(),
        );
        let mut rows = Vec::new();
        if one_number {
            rows.push((
                self.l(t::YOUR_NUMBER).into(),
                numbers.iter().copied().collect::<Vec<_>>().join(", "),
            ));
        }
        if let (Some(first), Some(last)) = (first, last) {
            rows.push((
                self.l(t::PERIOD).into(),
                format!("{} – {}", local_short(first), local_short(last)),
            ));
        }
        let count =
            |kinds: &[TrafficKind]| traffic.iter().filter(|r| kinds.contains(&r.kind)).count();
        let groups: [(Label, &[TrafficKind]); 3] = [
            (t::CALLS, &[TrafficKind::CallOut, TrafficKind::CallIn]),
            (t::MESSAGES, &[TrafficKind::SmsOut, TrafficKind::SmsIn]),
            (t::DATA_SESSIONS, &[TrafficKind::Data]),
        ];
        for (label, kinds) in &groups {
            rows.push((self.l(*label).into(), count(kinds).to_string()));
        }
        self.fields(rows);

        for (label, kinds) in groups {
            let n = count(kinds);
            if n == 0 {
                continue;
            }
            self.traffic_table(label, kinds, n, one_number);
        }
    }

    fn traffic_table(&mut self, label: Label, kinds: &[TrafficKind], n: usize, one_number: bool) {
        let lang = self.lang;
        let title = format!("{} — {n} {}", self.l(label), self.l(t::ROWS));
        self.h2(&title);
        let is_data = kinds.contains(&TrafficKind::Data);
        let full = self.ctx.full_counterpart_numbers;

        type Cell = Box<dyn Fn(&TrafficRecord) -> String>;
        let mut columns: Vec<(Column, Cell)> = vec![(
            Column::new(self.l(t::TIME), 0.0),
            Box::new(|r: &TrafficRecord| local_short(r.started_at)),
        )];
        if !one_number {
            columns.push((
                Column::new(self.l(t::NUMBER), 0.0),
                Box::new(|r: &TrafficRecord| r.msisdn.clone()),
            ));
        }
        if !is_data {
            columns.push((
                Column::new(self.l(t::DIRECTION), 0.0),
                Box::new(move |r: &TrafficRecord| t::direction(r.kind).get(lang).to_owned()),
            ));
            columns.push((
                Column::new(self.l(t::OTHER_PARTY), 0.0),
                Box::new(move |r: &TrafficRecord| match &r.counterpart {
                    Some(c) if full => c.clone(),
                    Some(c) => mask_counterpart(c),
                    None => String::new(),
                }),
            ));
        }
        if kinds.contains(&TrafficKind::CallOut) || is_data {
            columns.push((
                Column::new(self.l(t::DURATION), 0.0).right(),
                Box::new(|r: &TrafficRecord| r.duration_seconds.map(duration).unwrap_or_default()),
            ));
        }
        if is_data {
            columns.push((
                Column::new(self.l(t::VOLUME), 0.0).right(),
                Box::new(|r: &TrafficRecord| r.volume_kb.map(volume).unwrap_or_default()),
            ));
        }
        columns.push((
            Column::new(self.l(t::LOCATION), 0.0),
            Box::new(|r: &TrafficRecord| r.cell_location.clone().unwrap_or_default()),
        ));

        // One pass over the rows for the widths: every value but the location kept on one line.
        let (regular, bold) = (self.flow.face(Face::Regular), self.flow.face(Face::Bold));
        let size = styles::CELL.size;
        let last = columns.len() - 1;
        let mut needs: Vec<Need> = columns
            .iter()
            .map(|(c, _)| {
                let mut need = Need::default();
                need.fit(bold, &c.title, size);
                need.pref = need.pref.min(need.min.max(60.0));
                need
            })
            .collect();
        let rows = || {
            self.report
                .traffic
                .iter()
                .filter(|r| kinds.contains(&r.kind))
        };
        for r in rows() {
            for (col, ((_, cell), need)) in columns.iter().zip(needs.iter_mut()).enumerate() {
                let text = cell(r);
                if col == last {
                    need.fit(regular, &text, size);
                } else {
                    let w = regular.width(&text, size) + 7.0;
                    need.min = need.min.max(w);
                    need.pref = need.pref.max(w);
                }
            }
        }
        let shares = distribute(&needs, self.flow.frame().width());
        let table = Table {
            columns: columns
                .iter()
                .zip(shares)
                .map(|((c, _), share)| Column { share, ..c.clone() })
                .collect(),
            heading: true,
            body: styles::CELL,
            head: styles::CELL_HEAD,
            continued: Some(format!("{} {}", self.l(label), self.l(t::CONTINUED))),
            bold_first: false,
        };
        let body = rows().map(|r| columns.iter().map(|(_, f)| f(r)).collect::<Vec<String>>());
        self.flow.table(&table, body);
    }

    fn processing(&mut self) {
        self.h1(t::S_PROCESSING);
        let lang = self.lang;
        let join = |labels: Vec<Label>, sep: &str| {
            labels
                .iter()
                .map(|l| l.get(lang))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let report = self.report;
        for c in &report.categories {
            self.h2(self.l(c.category.label()));
            self.fields(vec![
                (
                    self.l(t::PURPOSES).into(),
                    join(c.purposes.iter().map(|p| p.label()).collect(), "; "),
                ),
                (
                    self.l(t::LEGAL_BASES).into(),
                    join(c.legal_bases.iter().map(|b| b.label()).collect(), "; "),
                ),
                (
                    self.l(t::RECIPIENTS).into(),
                    join(c.recipients.iter().map(|r| r.label()).collect(), "; "),
                ),
                (
                    self.l(t::SOURCES).into(),
                    join(c.sources.iter().map(|s| s.label()).collect(), "; "),
                ),
                (
                    self.l(t::RETENTION).into(),
                    join(c.retention.iter().map(|r| r.label()).collect(), "\n"),
                ),
            ]);
        }

        let used_bases: BTreeSet<LegalBasis> = report
            .categories
            .iter()
            .flat_map(|c| c.legal_bases.iter().copied())
            .collect();
        let used_purposes: BTreeSet<_> = report
            .categories
            .iter()
            .flat_map(|c| c.purposes.iter().copied())
            .collect();
        let used_retention: BTreeSet<RetentionRule> = report
            .categories
            .iter()
            .flat_map(|c| c.retention.iter().copied())
            .collect();

        self.h2(self.l(t::ON_LEGAL_BASES));
        for basis in LegalBasis::ALL
            .into_iter()
            .filter(|b| used_bases.contains(b))
        {
            self.labelled_quote(basis.label(), basis.policy_text());
        }
        self.h2(self.l(t::ON_LEGITIMATE_INTERESTS));
        for p in LegitimateInterestPurpose::ALL
            .into_iter()
            .filter(|p| used_purposes.contains(&p.purpose()))
        {
            self.labelled_quote(p.label(), p.policy_text());
        }
        self.h2(self.l(t::ON_CONSENT_PURPOSES));
        for p in ConsentPurpose::ALL
            .into_iter()
            .filter(|p| used_purposes.contains(&p.purpose()))
        {
            self.labelled_quote(p.label(), p.policy_text());
        }
        self.h2(self.l(t::ON_RETENTION));
        for r in RetentionRule::ALL
            .into_iter()
            .filter(|r| used_retention.contains(r))
        {
            self.labelled_quote(r.label(), r.policy_text());
        }
        self.h2(self.l(t::ON_RECIPIENTS));
        self.quote(quotes::RECIPIENTS);
        self.quote(quotes::SOURCES);
        self.quote(quotes::TRANSFERS);
    }

    fn labelled_quote(&mut self, label: Label, text: &str) {
        let style = Style {
            size: 8.0,
            ..styles::H2
        };
        self.flow.heading(self.l(label), style, 20.0);
        self.quote(text);
    }

    fn automated(&mut self) {
        self.h1(t::S_AUTOMATED);
        self.quote(quotes::AUTOMATED_DECISIONS);
        self.quote(quotes::PERSONALISED_OFFERS);
        let report = self.report;
        if report.automated_processing.is_empty() {
            self.note(self.l(t::NO_AUTOMATED));
            return;
        }
        let lang = self.lang;
        let rows = report
            .automated_processing
            .iter()
            .map(|a| {
                vec![
                    a.purpose.label().get(lang).to_owned(),
                    t::yes_no(a.uses_traffic_and_location).get(lang).to_owned(),
                    t::yes_no(a.applies).get(lang).to_owned(),
                ]
            })
            .collect();
        self.table(
            &[
                self.l(t::PURPOSE),
                self.l(t::USES_TRAFFIC),
                self.l(t::APPLIES_NOW),
            ],
            rows,
        );
        for a in &report.automated_processing {
            self.labelled_quote(a.purpose.label(), &a.description);
        }
    }

    fn consents(&mut self) {
        self.h1(t::S_CONSENTS);
        let lang = self.lang;
        let history = &self.report.consents;
        if history.is_empty() {
            self.note(self.l(t::NO_CONSENTS));
        } else {
            // The choice in force for a purpose and channel is the latest one recorded.
            let mut latest: HashMap<(ConsentPurpose, Option<protocol::policy::Channel>), usize> =
                HashMap::new();
            for (i, c) in history.iter().enumerate() {
                let slot = latest.entry((c.purpose, c.channel)).or_insert(i);
                if history[*slot].recorded_at <= c.recorded_at {
                    *slot = i;
                }
            }
            let rows = history
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        c.purpose.label().get(lang).to_owned(),
                        c.channel
                            .map_or(t::WHOLE_PURPOSE, |ch| ch.label())
                            .get(lang)
                            .to_owned(),
                        c.state.label().get(lang).to_owned(),
                        local(c.recorded_at),
                        c.method.clone(),
                        c.store_code.clone().unwrap_or_default(),
                        c.notice_version
                            .map(|v| format!("v{v}"))
                            .unwrap_or_default(),
                        t::yes_no(latest.get(&(c.purpose, c.channel)) == Some(&i))
                            .get(lang)
                            .to_owned(),
                    ]
                })
                .collect();
            self.table(
                &[
                    self.l(t::PURPOSE),
                    self.l(t::CHANNEL),
                    self.l(t::CHOICE),
                    self.l(t::WHEN),
                    self.l(t::HOW),
                    self.l(t::STORE),
                    self.l(t::NOTICE_VERSION),
                    self.l(t::IN_FORCE),
                ],
                rows,
            );
        }
        self.h2(self.l(t::HOW_TO_WITHDRAW));
        self.quote(quotes::WITHDRAWAL);
    }

    fn requests(&mut self) {
        self.h1(t::S_REQUESTS);
        let lang = self.lang;
        let open = &self.report.open_requests;
        if open.is_empty() {
            self.note(self.l(t::NO_REQUESTS));
            return;
        }
        let rows = open
            .iter()
            .map(|r| {
                vec![
                    r.reference.clone(),
                    r.kind.label().get(lang).to_owned(),
                    local(r.submitted_at),
                    local(r.due_at),
                    local(r.latest_due_at),
                    r.state.label().get(lang).to_owned(),
                ]
            })
            .collect();
        self.table(
            &[
                self.l(t::REFERENCE),
                self.l(t::KIND),
                self.l(t::SUBMITTED),
                self.l(t::DUE_AS_A_RULE),
                self.l(t::LATEST_DUE),
                self.l(t::STATE),
            ],
            rows,
        );
        self.quote(Deadline::OneMonthAtMostThree.policy_text());
    }

    fn rights(&mut self) {
        self.h1(t::S_RIGHTS);
        let business = self.report.customer.kind == CustomerKind::Business;
        // Rights the policy names in one sentence (erasure and restriction) share their quote.
        let mut groups: Vec<(Vec<RightKind>, &'static str)> = Vec::new();
        for right in RightKind::ALL {
            if right.business_only() && !business {
                continue;
            }
            match groups.last_mut() {
                Some((rights, text)) if *text == right.policy_text() => rights.push(right),
                _ => groups.push((vec![right], right.policy_text())),
            }
        }
        for (rights, text) in groups {
            let mut name = rights
                .iter()
                .map(|r| self.l(r.label()))
                .collect::<Vec<_>>()
                .join(" · ");
            if rights.iter().any(|r| r.business_only()) {
                name = format!("{name} ({})", self.l(t::BUSINESSES_ONLY));
            }
            self.flow.heading(
                &name,
                Style {
                    size: 8.0,
                    ..styles::H2
                },
                20.0,
            );
            self.quote(text);
        }
        self.h2(self.l(t::RIGHT_TO_OBJECT));
        self.quote(quotes::OBJECTION);
        self.h2(self.l(t::HOW_TO_EXERCISE));
        self.quote(quotes::EXERCISING_RIGHTS);
        self.fields(vec![
            (self.l(t::DPO_BY_EMAIL).into(), controller::DPO_EMAIL.into()),
            (self.l(t::EMAIL).into(), controller::CONTROLLER_EMAIL.into()),
            (
                self.l(t::TELEPHONE).into(),
                controller::CONTROLLER_PHONE.into(),
            ),
            (self.l(t::BY_POST).into(), controller::DPO_POSTAL.into()),
            (
                self.l(t::IN_STORE).into(),
                self.l(t::WRITTEN_REQUEST).into(),
            ),
        ]);
        self.h2(self.l(t::DEADLINES));
        self.quote(Deadline::OneMonthAtMostThree.policy_text());
        if business {
            self.quote(Deadline::FifteenDays.policy_text());
        }
    }

    fn complaints(&mut self) {
        self.h1(t::S_COMPLAINTS);
        self.h2(self.l(t::COMPLAINT_TO_IPKO));
        self.quote(quotes::COMPLAINT_TO_IPKO);
        self.fields(vec![
            (self.l(t::EMAIL).into(), controller::COMPLAINTS_EMAIL.into()),
            (
                self.l(t::BY_POST).into(),
                format!(
                    "{}, {}",
                    controller::CONTROLLER_NAME,
                    controller::CONTROLLER_ADDRESS
                ),
            ),
            (
                self.l(t::IN_STORE).into(),
                self.l(t::WRITTEN_REQUEST).into(),
            ),
        ]);
        self.h2(self.l(t::COMPLAINT_TO_AUTHORITY));
        self.quote(quotes::COMPLAINT_TO_AUTHORITY);
        self.fields(vec![
            (
                self.l(t::AUTHORITY).into(),
                controller::SUPERVISORY_AUTHORITY.into(),
            ),
            (
                self.l(t::LAW).into(),
                controller::DATA_PROTECTION_LAW.into(),
            ),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_volumes_read_plainly() {
        assert_eq!(duration(23), "0:23");
        assert_eq!(duration(2792), "46:32");
        assert_eq!(duration(3725), "1:02:05");
        assert_eq!(volume(466_075), "466\u{a0}075 KB");
        assert_eq!(volume(75), "75 KB");
        assert_eq!(volume(1_000_000), "1\u{a0}000\u{a0}000 KB");
    }

    #[test]
    fn local_times_are_belgrade_time() {
        let at =
            DateTime::parse_from_rfc3339("2026-01-15T10:00:00Z").map(|t| t.with_timezone(&Utc));
        let Ok(at) = at else { panic!("date") };
        assert_eq!(local_short(at), "2026-01-15 11:00:00");
        assert_eq!(local(at), "2026-01-15 11:00:00 CET");
    }
}
