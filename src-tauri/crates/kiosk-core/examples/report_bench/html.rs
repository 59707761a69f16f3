//! What a web-based kiosk would print: the same data report as HTML for headless Chromium's
//! print-to-PDF, with the printout's sections, tables, masking, policy quotations and page chrome
//! (header, page X of Y, print line, verification code and QR code on every page, the demo mark),
//! A4, DejaVu Sans (the printout's own font files), table headings repeated on every page.
//!
//! Benchmark code only: the product prints with `kiosk_core::report`. English only, so the labels
//! below are the English column of the report's own labels.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Utc};
use kiosk_core::report::{mask_counterpart, mask_personal_number, ReportContext};
use kiosk_core::time::{format_local, DISPLAY_TZ};
use protocol::api::{
    ActingCapacity, CustomerKind, CustomerSummary, DataRecord, DataReport, DocumentType,
    TrafficKind, TrafficRecord,
};
use protocol::policy::{
    controller, quotes, ConsentPurpose, Deadline, LegalBasis, LegitimateInterestPurpose,
    RetentionRule, RightKind,
};
use protocol::{Label, Lang};

const L: Lang = Lang::En;

/// The whole HTML document. `sha256` is the printout's content hash (from the PDF renderer, so the
/// two carry the same verification code); `fonts` the folder with DejaVuSans.ttf and
/// DejaVuSans-Bold.ttf.
pub fn render(report: &DataReport, ctx: &ReportContext, sha256: &str, fonts: &Path) -> String {
    let mut h = Html {
        out: String::with_capacity(report.traffic.len() * 160 + 256 * 1024),
        report,
        ctx,
    };
    h.head(sha256, fonts);
    h.title();
    h.controller();
    h.identification();
    h.categories();
    h.traffic();
    h.processing();
    h.automated();
    h.consents();
    h.requests();
    h.rights();
    h.complaints();
    h.out
        .push_str("<h2>End of the report</h2>\n</body>\n</html>\n");
    h.out
}

struct Html<'a> {
    out: String,
    report: &'a DataReport,
    ctx: &'a ReportContext,
}

fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\n' => s.push_str("<br>"),
            c => s.push(c),
        }
    }
    s
}

/// A string for a CSS `content:` value.
fn css_string(text: &str) -> String {
    let mut s = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The verification QR code as an SVG of dark modules (the printout draws the same code).
fn qr_svg(payload: &str) -> String {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M) else {
        return String::new();
    };
    let w = code.width();
    let mut svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {w}' shape-rendering='crispEdges'><path d='"
    );
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let _ = write!(svg, "M{} {}h1v1h-1z", i % w, i / w);
        }
    }
    svg.push_str("'/></svg>");
    svg
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                s.push(char::from(A[((n >> shift) & 63) as usize]));
            } else {
                s.push('=');
            }
        }
    }
    s
}

fn display_name(c: &CustomerSummary) -> String {
    match (&c.kind, &c.business_name) {
        (CustomerKind::Business, Some(name)) => name.clone(),
        _ => format!("{} {}", c.first_name, c.last_name)
            .trim()
            .to_owned(),
    }
}

fn local_short(at: DateTime<Utc>) -> String {
    at.with_timezone(&DISPLAY_TZ)
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

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn customer_kind(kind: CustomerKind) -> &'static str {
    match kind {
        CustomerKind::Individual => "Individual",
        CustomerKind::Business => "Business",
    }
}

fn document_type(t: DocumentType) -> &'static str {
    match t {
        DocumentType::IdCard => "Identity card",
        DocumentType::Passport => "Passport",
        DocumentType::ResidencePermit => "Residence permit",
    }
}

fn capacity(c: ActingCapacity) -> &'static str {
    match c {
        ActingCapacity::Themself => "The customer in person",
        ActingCapacity::Guardian => "Parent or guardian",
        ActingCapacity::AuthorisedPerson => "Authorised person",
        ActingCapacity::BusinessRepresentative => "Business representative",
    }
}

fn direction(kind: TrafficKind) -> &'static str {
    match kind {
        TrafficKind::CallOut => "Outgoing",
        TrafficKind::CallIn => "Incoming",
        TrafficKind::SmsOut => "Sent",
        TrafficKind::SmsIn => "Received",
        TrafficKind::Data => "Data",
    }
}

fn record_type(key: &str) -> String {
    match key {
        "identity" => "Identity",
        "representative" => "Representative",
        "subscription" => "Mobile subscription",
        "device" => "Device and SIM card",
        "invoice" => "Invoices",
        "internet_subscription" => "Internet subscription",
        "ip_address" => "IP addresses",
        "email_account" => "E-mail accounts",
        "username" => "Usernames",
        "tv_subscription" => "TV subscription",
        "fixed_line" => "Fixed line",
        "online_order" => "Online orders",
        "complaint" => "Complaints and requests",
        "call_centre_call" => "Call-centre calls",
        "network_device" => "Modem and network settings",
        "dhcp_reservation" => "DHCP MAC-IP reservations",
        "port_forwarding" => "Port forwarding",
        "connected_device" => "Connected devices",
        other => return other.replace('_', " "),
    }
    .to_owned()
}

fn field_name(key: &str) -> String {
    match key {
        "first_name" => "First name",
        "last_name" => "Last name",
        "personal_number" => "Personal number",
        "date_of_birth" => "Date of birth",
        "nationality" => "Nationality",
        "document_type" => "Document type",
        "document_issuing_state" => "Issuing state",
        "document_number" => "Document number",
        "business_name" => "Business name",
        "business_number" => "Business number",
        "address" => "Address",
        "email" => "E-mail",
        "contact_numbers" => "Contact numbers",
        "customer_since" => "Customer since",
        "capacity" => "Capacity",
        "authorisation_reference" => "Authorisation",
        "msisdn" => "Number",
        "tariff_plan" => "Tariff plan",
        "payment_type" => "Payment type",
        "activated_on" => "Activated on",
        "imei" => "IMEI",
        "sim_serial" => "SIM serial number",
        "model" => "Model",
        "invoice_number" => "Invoice no.",
        "billing_period" => "Billing period",
        "issued_on" => "Issued",
        "due_on" => "Due",
        "amount_eur" => "Amount (€)",
        "paid" => "Paid",
        "paid_on" => "Paid on",
        "services" => "Services",
        "package" => "Package",
        "access_technology" => "Access technology",
        "installation_address" => "Installation address",
        "ip_address" => "IP address",
        "location" => "Location",
        "assigned_at" => "Assigned",
        "released_at" => "Released",
        "email_address" => "E-mail address",
        "created_on" => "Created on",
        "service" => "Service",
        "username" => "Username",
        "platform" => "Platform",
        "app_username" => "App username",
        "set_top_box_id" => "Set-top box id",
        "phone_number" => "Phone number",
        "order_number" => "Order no.",
        "ordered_at" => "Ordered",
        "items" => "Items",
        "delivery" => "Delivery",
        "status" => "State",
        "channel" => "Channel",
        "reference" => "Reference",
        "received_at" => "Received",
        "topic" => "Topic",
        "resolved_on" => "Resolved on",
        "called_at" => "Called at",
        "calling_number" => "Calling number",
        "duration_seconds" => "Duration (s)",
        "complaint_reference" => "Complaint",
        "recording_kept_until" => "Recording kept until",
        "modem_model" => "Modem model",
        "modem_serial" => "Modem serial number",
        "installed_on" => "Installed on",
        "wan_mac_address" => "WAN MAC address",
        "lan_ip" => "Modem's LAN IP",
        "dhcp_server" => "DHCP server",
        "dhcp_range" => "DHCP range",
        "device_name" => "Device name",
        "mac_address" => "MAC address",
        "connection" => "Connection",
        "last_seen" => "Last seen",
        "protocol" => "Protocol",
        "external_port" => "External port",
        "internal_ip" => "Internal IP",
        "internal_port" => "Internal port",
        other => return other.replace('_', " "),
    }
    .to_owned()
}

impl Html<'_> {
    fn head(&mut self, sha256: &str, fonts: &Path) {
        let r = self.report;
        let ctx = self.ctx;
        let title = "IPKO · Report of your personal data";
        let header_right = format!(
            "{} · {} · Reference {}",
            display_name(&r.customer),
            r.customer.customer_id,
            ctx.request_reference
        );
        let printed = format!(
            "Printed {} · Store {} · Clerk {}",
            format_local(ctx.printed_at),
            ctx.store_code,
            ctx.clerk_id
        );
        let code = format!(
            "Verification code {}",
            kiosk_core::report::verification_code(sha256)
        );
        let qr = base64(qr_svg(&format!("IPKO-DAR:{}:{sha256}", ctx.request_reference)).as_bytes());
        let demo = if r.demo {
            "DEMO — fictional data"
        } else {
            ""
        };
        let demo_box = if r.demo {
            format!(
                "@top-center {{ content: {}; width: 22%; background: #b3261e; color: #fff; font: bold 9pt \"Report Sans\"; text-align: center; vertical-align: middle; }}",
                css_string(demo)
            )
        } else {
            String::new()
        };
        let font = |file: &str| format!("file://{}", fonts.join(file).display());
        let _ = write!(
            self.out,
            r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>IPKO — Report of your personal data</title>
<style>
@font-face {{ font-family: "Report Sans"; src: url("{regular}"); font-weight: normal; }}
@font-face {{ font-family: "Report Sans"; src: url("{bold}"); font-weight: bold; }}
@page {{
  size: A4;
  margin: 62pt 42pt 98pt 42pt;
  @top-left {{ content: {title}; width: 38%; font: bold 9pt "Report Sans"; color: #00529b; vertical-align: bottom; border-bottom: 0.8pt solid #00529b; }}
  {demo_box}
  @top-right {{ content: {header_right}; width: 40%; font: 7.5pt "Report Sans"; color: #555; text-align: right; vertical-align: bottom; border-bottom: 0.8pt solid #00529b; }}
  @bottom-left {{ content: "Page " counter(page) " of " counter(pages) "\A" {printed} "\A" {code} "\A" {demo}; width: 80%; white-space: pre-wrap; font: 7.5pt "Report Sans"; color: #555; vertical-align: top; border-top: 0.5pt solid #999; }}
  @bottom-right {{ content: url("data:image/svg+xml;base64,{qr}"); width: 56pt; height: 56pt; vertical-align: top; border-top: 0.5pt solid #999; }}
}}
body {{ font-family: "Report Sans"; font-size: 8.5pt; color: #1a1a1a; margin: 0; }}
h1.title {{ font-size: 15pt; color: #00529b; margin: 0 0 2pt; }}
p.subtitle {{ font-size: 9.5pt; color: #555; margin: 0 0 6pt; }}
h1 {{ font-size: 11.5pt; color: #00529b; margin: 14pt 0 2pt; break-after: avoid; }}
h2 {{ font-size: 9pt; margin: 7pt 0 2pt; break-after: avoid; }}
h3 {{ font-size: 8pt; margin: 2pt 0 1pt; break-after: avoid; }}
blockquote {{ font-size: 7.5pt; color: #555; margin: 0 0 3pt 8pt; padding-left: 5pt; border-left: 1.5pt solid #bbb; }}
p.note {{ font-size: 7.5pt; color: #555; margin: 0 0 2pt; }}
table {{ width: 100%; border-collapse: collapse; font-size: 7pt; margin-bottom: 3pt; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th {{ text-align: left; font-weight: bold; background: #eef2f7; padding: 1.5pt 3pt; }}
td {{ padding: 1pt 3pt; border-bottom: 0.3pt solid #ddd; vertical-align: top; }}
td.r, th.r {{ text-align: right; }}
table.fields {{ font-size: 7.5pt; }}
table.fields td:first-child {{ width: 30%; font-weight: bold; }}
</style>
</head>
<body>
"#,
            regular = font("DejaVuSans.ttf"),
            bold = font("DejaVuSans-Bold.ttf"),
            title = css_string(title),
            header_right = css_string(&header_right),
            printed = css_string(&printed),
            code = css_string(&code),
            demo = css_string(demo),
        );
    }

    fn h1(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h1>{}</h1>", esc(text));
    }

    fn h2(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h2>{}</h2>", esc(text));
    }

    fn h3(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h3>{}</h3>", esc(text));
    }

    fn quote(&mut self, text: &str) {
        let _ = writeln!(self.out, "<blockquote>{}</blockquote>", esc(text));
    }

    fn note(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p class=\"note\">{}</p>", esc(text));
    }

    fn labelled_quote(&mut self, label: Label, text: &str) {
        self.h3(label.get(L));
        self.quote(text);
    }

    fn fields(&mut self, rows: Vec<(String, String)>) {
        self.out.push_str("<table class=\"fields\"><tbody>\n");
        for (k, v) in rows {
            let _ = writeln!(
                self.out,
                "<tr><td>{}</td><td>{}</td></tr>",
                esc(&k),
                esc(&v)
            );
        }
        self.out.push_str("</tbody></table>\n");
    }

    /// A table with a heading row that repeats on every page it spans; `right` marks columns
    /// aligned right.
    fn table<I>(&mut self, titles: &[&str], right: &[bool], rows: I)
    where
        I: IntoIterator<Item = Vec<String>>,
    {
        self.out.push_str("<table><thead><tr>");
        for (i, t) in titles.iter().enumerate() {
            let class = if right.get(i).copied().unwrap_or(false) {
                " class=\"r\""
            } else {
                ""
            };
            let _ = write!(self.out, "<th{class}>{}</th>", esc(t));
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if right.get(i).copied().unwrap_or(false) {
                    " class=\"r\""
                } else {
                    ""
                };
                let _ = write!(self.out, "<td{class}>{}</td>", esc(cell));
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table>\n");
    }

    fn title(&mut self) {
        let c = &self.report.customer;
        self.out
            .push_str("<h1 class=\"title\">Report of your personal data</h1>\n");
        self.out.push_str("<p class=\"subtitle\">The right of access: the personal data IPKO processes about you</p>\n");
        self.fields(vec![
            ("Name".into(), display_name(c)),
            ("Customer id".into(), c.customer_id.clone()),
            (
                "Request reference".into(),
                self.ctx.request_reference.clone(),
            ),
            ("Report id".into(), self.report.report_id.to_string()),
            (
                "Prepared by IPKO at".into(),
                format_local(self.report.generated_at),
            ),
            ("Printed".into(), format_local(self.ctx.printed_at)),
        ]);
        self.quote(RightKind::Access.policy_text());
        self.note("Quotations from IPKO's Privacy Policy are given word for word.");
    }

    fn controller(&mut self) {
        self.h1("1. The data controller and the data-protection officer");
        self.fields(vec![
            ("Controller".into(), controller::CONTROLLER_NAME.into()),
            ("Address".into(), controller::CONTROLLER_ADDRESS.into()),
            ("Website".into(), controller::CONTROLLER_WEBSITE.into()),
            ("E-mail".into(), controller::CONTROLLER_EMAIL.into()),
            ("Telephone".into(), controller::CONTROLLER_PHONE.into()),
            (
                "Data-protection officer, by post".into(),
                controller::DPO_POSTAL.into(),
            ),
            (
                "Data-protection officer, by e-mail".into(),
                controller::DPO_EMAIL.into(),
            ),
            ("Law".into(), controller::DATA_PROTECTION_LAW.into()),
        ]);
        self.quote(quotes::CONTROLLER);
        self.quote(quotes::DATA_PROTECTION_OFFICER);
        self.quote(quotes::LAW);
    }

    fn identification(&mut self) {
        self.h1("2. Your identification");
        let c = &self.report.customer;
        let mut rows: Vec<(String, String)> = vec![
            (
                "Name".into(),
                format!("{} {}", c.first_name, c.last_name)
                    .trim()
                    .to_owned(),
            ),
            ("Customer id".into(), c.customer_id.clone()),
            ("Customer number".into(), c.customer_no.clone()),
            ("Kind of customer".into(), customer_kind(c.kind).into()),
        ];
        if let Some(n) = &c.business_name {
            rows.push(("Business name".into(), n.clone()));
        }
        if let Some(n) = &c.business_number {
            rows.push(("Business number".into(), n.clone()));
        }
        if let Some(n) = &c.personal_number {
            rows.push((
                "Personal number (partly hidden)".into(),
                mask_personal_number(n),
            ));
        }
        if let Some(d) = c.date_of_birth {
            rows.push(("Date of birth".into(), d.format("%Y-%m-%d").to_string()));
        }
        if let Some(n) = &c.nationality {
            rows.push(("Nationality".into(), n.clone()));
        }
        if let Some(d) = &c.identity_document {
            rows.push((
                "Identity document".into(),
                format!(
                    "{} · {} · {}",
                    document_type(d.document_type),
                    d.issuing_state,
                    mask_personal_number(&d.number)
                ),
            ));
        }
        rows.push(("Address".into(), c.address.clone()));
        if let Some(e) = &c.email {
            rows.push(("E-mail".into(), e.clone()));
        }
        rows.push(("Phone numbers".into(), c.msisdns.join(", ")));
        for r in &c.representatives {
            let mut parts = vec![
                format!("{} {}", r.first_name, r.last_name),
                capacity(r.capacity).to_owned(),
            ];
            if let Some(n) = &r.personal_number {
                parts.push(mask_personal_number(n));
            }
            if let Some(a) = &r.authorisation_reference {
                parts.push(format!("Authorisation: {a}"));
            }
            rows.push(("Representatives".into(), parts.join(" · ")));
        }
        rows.push(("Record version".into(), c.record_version.to_string()));
        self.fields(rows);
        self.note("Identity numbers show only their first two and last two characters, so that this paper does not reveal them if it is lost.");
    }

    fn value(key: &str, value: &str) -> String {
        if matches!(key, "personal_number" | "document_number") {
            return mask_personal_number(value);
        }
        match value {
            "true" => return "yes".into(),
            "false" => return "no".into(),
            _ => {}
        }
        if value.len() >= 20 && value.as_bytes().get(10) == Some(&b'T') {
            if let Ok(at) = DateTime::parse_from_rfc3339(value) {
                return format_local(at.with_timezone(&Utc));
            }
        }
        value.to_owned()
    }

    fn categories(&mut self) {
        self.h1("3. The data IPKO holds about you, by category");
        let report = self.report;
        for category in &report.categories {
            self.h2(category.category.label().get(L));
            self.quote(category.category.policy_text());
            if category.records.is_empty() {
                self.note("IPKO holds no data of this category about you.");
                continue;
            }
            let mut kinds: Vec<(&str, Vec<&DataRecord>)> = Vec::new();
            for record in &category.records {
                match kinds.iter_mut().find(|(k, _)| *k == record.record_type) {
                    Some((_, list)) => list.push(record),
                    None => kinds.push((&record.record_type, vec![record])),
                }
            }
            for (kind, records) in kinds {
                self.h3(&record_type(kind));
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
        if records.len() >= 2 && columns <= 8 {
            let mut titles: Vec<String> = Vec::new();
            if with_time {
                titles.push("Recorded".into());
            }
            titles.extend(keys.iter().map(|k| field_name(k)));
            let rows: Vec<Vec<String>> = records
                .iter()
                .map(|r| {
                    let mut row = Vec::with_capacity(columns);
                    if with_time {
                        row.push(r.recorded_at.map(format_local).unwrap_or_default());
                    }
                    for key in &keys {
                        let v = r
                            .fields
                            .iter()
                            .find(|f| f.key == *key)
                            .map(|f| Self::value(key, &f.value));
                        row.push(v.unwrap_or_default());
                    }
                    row
                })
                .collect();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            self.table(&titles, &[], rows);
        } else {
            for r in records {
                let mut rows = Vec::new();
                if let Some(at) = r.recorded_at {
                    rows.push(("Recorded".to_owned(), format_local(at)));
                }
                for f in &r.fields {
                    rows.push((field_name(&f.key), Self::value(&f.key, &f.value)));
                }
                self.fields(rows);
            }
        }
    }

    fn traffic(&mut self) {
        self.h1("4. Traffic data");
        let _ = writeln!(self.out, "<p>{}</p>", esc("Calls, messages (without content), data sessions and their locations, over the retention period."));
        self.quote(RetentionRule::TrafficAndLocation.policy_text());
        let traffic = &self.report.traffic;
        if traffic.is_empty() {
            self.note("There is no traffic data from the retention period.");
            return;
        }
        self.note(if self.ctx.full_counterpart_numbers {
            "At the customer's explicit request, the other party's numbers are shown in full."
        } else {
            "The other party's number is shown without its last three digits."
        });
        self.note("Times are local time (Europe/Belgrade, CET/CEST).");

        let numbers: BTreeSet<&str> = traffic.iter().map(|r| r.msisdn.as_str()).collect();
        let one_number = numbers.len() == 1;
        let mut rows = Vec::new();
        if one_number {
            rows.push((
                "Your number".into(),
                numbers.iter().copied().collect::<Vec<_>>().join(", "),
            ));
        }
        let first = traffic.iter().map(|r| r.started_at).min();
        let last = traffic.iter().map(|r| r.started_at).max();
        if let (Some(first), Some(last)) = (first, last) {
            rows.push((
                "Period".into(),
                format!("{} – {}", local_short(first), local_short(last)),
            ));
        }
        let count =
            |kinds: &[TrafficKind]| traffic.iter().filter(|r| kinds.contains(&r.kind)).count();
        let groups: [(&str, &[TrafficKind]); 3] = [
            ("Calls", &[TrafficKind::CallOut, TrafficKind::CallIn]),
            (
                "Messages (without content)",
                &[TrafficKind::SmsOut, TrafficKind::SmsIn],
            ),
            ("Data sessions", &[TrafficKind::Data]),
        ];
        for (label, kinds) in &groups {
            rows.push(((*label).into(), count(kinds).to_string()));
        }
        self.fields(rows);
        for (label, kinds) in groups {
            let n = count(kinds);
            if n > 0 {
                self.traffic_table(label, kinds, n, one_number);
            }
        }
    }

    fn traffic_table(&mut self, label: &str, kinds: &[TrafficKind], n: usize, one_number: bool) {
        self.h2(&format!("{label} — {n} rows"));
        let is_data = kinds.contains(&TrafficKind::Data);
        let full = self.ctx.full_counterpart_numbers;
        let mut titles = vec!["Time"];
        let mut right = vec![false];
        if !one_number {
            titles.push("Number");
            right.push(false);
        }
        if !is_data {
            titles.extend(["Direction", "Other party"]);
            right.extend([false, false]);
        }
        let with_duration = kinds.contains(&TrafficKind::CallOut) || is_data;
        if with_duration {
            titles.push("Duration");
            right.push(true);
        }
        if is_data {
            titles.push("Volume");
            right.push(true);
        }
        titles.push("Location (cell)");
        right.push(false);
        let rows = self
            .report
            .traffic
            .iter()
            .filter(|r| kinds.contains(&r.kind))
            .map(|r: &TrafficRecord| {
                let mut row = vec![local_short(r.started_at)];
                if !one_number {
                    row.push(r.msisdn.clone());
                }
                if !is_data {
                    row.push(direction(r.kind).into());
                    row.push(match &r.counterpart {
                        Some(c) if full => c.clone(),
                        Some(c) => mask_counterpart(c),
                        None => String::new(),
                    });
                }
                if with_duration {
                    row.push(r.duration_seconds.map(duration).unwrap_or_default());
                }
                if is_data {
                    row.push(r.volume_kb.map(volume).unwrap_or_default());
                }
                row.push(r.cell_location.clone().unwrap_or_default());
                row
            })
            .collect::<Vec<_>>();
        self.table(&titles, &right, rows);
    }

    fn processing(&mut self) {
        self.h1("5. How IPKO processes each category");
        let join = |labels: Vec<Label>, sep: &str| {
            labels
                .iter()
                .map(|l| l.get(L))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let report = self.report;
        for c in &report.categories {
            self.h2(c.category.label().get(L));
            self.fields(vec![
                (
                    "Purposes".into(),
                    join(c.purposes.iter().map(|p| p.label()).collect(), "; "),
                ),
                (
                    "Legal bases".into(),
                    join(c.legal_bases.iter().map(|b| b.label()).collect(), "; "),
                ),
                (
                    "Recipients".into(),
                    join(c.recipients.iter().map(|r| r.label()).collect(), "; "),
                ),
                (
                    "Sources".into(),
                    join(c.sources.iter().map(|s| s.label()).collect(), "; "),
                ),
                (
                    "Retention".into(),
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
        self.h2("What the policy says about the legal bases");
        for basis in LegalBasis::ALL
            .into_iter()
            .filter(|b| used_bases.contains(b))
        {
            self.labelled_quote(basis.label(), basis.policy_text());
        }
        self.h2("What the policy says about the legitimate-interest purposes");
        for p in LegitimateInterestPurpose::ALL
            .into_iter()
            .filter(|p| used_purposes.contains(&p.purpose()))
        {
            self.labelled_quote(p.label(), p.policy_text());
        }
        self.h2("What the policy says about the purposes based on consent");
        for p in ConsentPurpose::ALL
            .into_iter()
            .filter(|p| used_purposes.contains(&p.purpose()))
        {
            self.labelled_quote(p.label(), p.policy_text());
        }
        self.h2("What the policy says about retention");
        for r in RetentionRule::ALL
            .into_iter()
            .filter(|r| used_retention.contains(r))
        {
            self.labelled_quote(r.label(), r.policy_text());
        }
        self.h2("What the policy says about recipients and sources");
        self.quote(quotes::RECIPIENTS);
        self.quote(quotes::SOURCES);
        self.quote(quotes::TRANSFERS);
    }

    fn automated(&mut self) {
        self.h1("6. Automated decision-making and profiling");
        self.quote(quotes::AUTOMATED_DECISIONS);
        self.quote(quotes::PERSONALISED_OFFERS);
        let report = self.report;
        if report.automated_processing.is_empty() {
            self.note("No automated decision-making is on record for you.");
            return;
        }
        let rows: Vec<Vec<String>> = report
            .automated_processing
            .iter()
            .map(|a| {
                vec![
                    a.purpose.label().get(L).to_owned(),
                    yes_no(a.uses_traffic_and_location).into(),
                    yes_no(a.applies).into(),
                ]
            })
            .collect();
        self.table(
            &[
                "Purpose",
                "Uses traffic and location data",
                "Applies to you now",
            ],
            &[],
            rows,
        );
        for a in &report.automated_processing {
            self.labelled_quote(a.purpose.label(), &a.description);
        }
    }

    fn consents(&mut self) {
        self.h1("7. Consents on record");
        let history = &self.report.consents;
        if history.is_empty() {
            self.note("There are no consents on record.");
        } else {
            let mut latest: HashMap<(ConsentPurpose, Option<protocol::policy::Channel>), usize> =
                HashMap::new();
            for (i, c) in history.iter().enumerate() {
                let slot = latest.entry((c.purpose, c.channel)).or_insert(i);
                if history[*slot].recorded_at <= c.recorded_at {
                    *slot = i;
                }
            }
            let rows: Vec<Vec<String>> = history
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        c.purpose.label().get(L).to_owned(),
                        c.channel
                            .map_or("The purpose as a whole", |ch| ch.label().get(L))
                            .to_owned(),
                        c.state.label().get(L).to_owned(),
                        format_local(c.recorded_at),
                        c.method.clone(),
                        c.store_code.clone().unwrap_or_default(),
                        c.notice_version
                            .map(|v| format!("v{v}"))
                            .unwrap_or_default(),
                        yes_no(latest.get(&(c.purpose, c.channel)) == Some(&i)).into(),
                    ]
                })
                .collect();
            self.table(
                &[
                    "Purpose", "Channel", "Choice", "When", "How", "Store", "Notice", "In force",
                ],
                &[],
                rows,
            );
        }
        self.h2("How to withdraw a consent");
        self.quote(quotes::WITHDRAWAL);
    }

    fn requests(&mut self) {
        self.h1("8. Open requests");
        let open = &self.report.open_requests;
        if open.is_empty() {
            self.note("There are no open requests.");
            return;
        }
        let rows: Vec<Vec<String>> = open
            .iter()
            .map(|r| {
                vec![
                    r.reference.clone(),
                    r.kind.label().get(L).to_owned(),
                    format_local(r.submitted_at),
                    format_local(r.due_at),
                    format_local(r.latest_due_at),
                    r.state.label().get(L).to_owned(),
                ]
            })
            .collect();
        self.table(
            &[
                "Reference",
                "Kind",
                "Submitted",
                "Due (as a rule)",
                "Latest due",
                "State",
            ],
            &[],
            rows,
        );
        self.quote(Deadline::OneMonthAtMostThree.policy_text());
    }

    fn rights(&mut self) {
        self.h1("9. Your rights and how to exercise them");
        let business = self.report.customer.kind == CustomerKind::Business;
        let mut last_quote = "";
        for right in RightKind::ALL {
            if right.business_only() && !business {
                continue;
            }
            let mut name = right.label().get(L).to_owned();
            if right.business_only() {
                name = format!("{name} (business customers only)");
            }
            self.h3(&name);
            if right.policy_text() != last_quote {
                self.quote(right.policy_text());
                last_quote = right.policy_text();
            }
        }
        self.h2("The right to object");
        self.quote(quotes::OBJECTION);
        self.h2("How to exercise your rights");
        self.quote(quotes::EXERCISING_RIGHTS);
        self.fields(vec![
            (
                "Data-protection officer, by e-mail".into(),
                controller::DPO_EMAIL.into(),
            ),
            ("E-mail".into(), controller::CONTROLLER_EMAIL.into()),
            ("Telephone".into(), controller::CONTROLLER_PHONE.into()),
            ("By post".into(), controller::DPO_POSTAL.into()),
            ("At IPKO's points of sale".into(), "yes".into()),
        ]);
        self.h2("Deadlines");
        self.quote(Deadline::OneMonthAtMostThree.policy_text());
        if business {
            self.quote(Deadline::FifteenDays.policy_text());
        }
    }

    fn complaints(&mut self) {
        self.h1("10. The right to complain: to IPKO and to the Information and Privacy Agency");
        self.h2("A complaint to IPKO");
        self.quote(quotes::COMPLAINT_TO_IPKO);
        self.fields(vec![
            ("E-mail".into(), controller::COMPLAINTS_EMAIL.into()),
            (
                "By post".into(),
                format!(
                    "{}, {}",
                    controller::CONTROLLER_NAME,
                    controller::CONTROLLER_ADDRESS
                ),
            ),
            ("At IPKO's points of sale".into(), "yes".into()),
        ]);
        self.h2("A complaint to the supervisory authority");
        self.quote(quotes::COMPLAINT_TO_AUTHORITY);
        self.fields(vec![
            ("Authority".into(), controller::SUPERVISORY_AUTHORITY.into()),
            ("Law".into(), controller::DATA_PROTECTION_LAW.into()),
        ]);
    }
}
