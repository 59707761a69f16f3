//! `kioskctl receipt consent|correction|request`: the receipt of a signed change printed to PDF
//! again, from the change's payload, or from the change itself as `queue export` writes it (or as it
//! is pushed), which also says when and by whom it was captured.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use kiosk_core::report::{
    render_consent_receipt, render_correction_receipt, render_rights_request_receipt,
    ReceiptContext,
};
use protocol::api::CustomerSummary;
use protocol::mutation::{
    ConsentRecorded, CorrectionRequested, IdentityVerified, MutationKind, RightsRequestSubmitted,
};
use protocol::Lang;
use serde::de::DeserializeOwned;

use crate::failure::Failure;
use crate::report::{
    parse_json, parse_lang, read_file, read_json, with_progress, write_pdf, EXIT_BAD_INPUT,
};

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Print the receipt of a signed consent record.
    Consent(ReceiptArgs),
    /// Print the receipt of a signed correction.
    Correction(ReceiptArgs),
    /// Print the receipt of a signed rights request (erasure, restriction, objection, portability,
    /// complaint, marketing suspension, access).
    Request(ReceiptArgs),
}

#[derive(Debug, Args)]
#[command(
    long_about = "Print the receipt of a signed change to a PDF: what the customer signed, when, \
        where and before whom, the identity check, the signature drawn from the pad's strokes, and \
        what happens next.\n\n\
        FILE.json is the change's payload, or the whole change as `kioskctl queue export` writes \
        it or as it is pushed (`kind`, `captured_at`, `clerk_id`, `payload`); for a bare payload \
        give --signed-at and --clerk. Demo stores' changes (store codes DEMO-…) print with the \
        demo mark.\n\n\
        Exit code 0 when the PDF is written, 1 when it cannot be made or written, 2 when an input \
        file is missing or is not what it should be."
)]
pub struct ReceiptArgs {
    /// The signed change or its payload, as JSON.
    #[arg(long, value_name = "FILE.json")]
    data: PathBuf,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// The language of the receipt: sq (Albanian), en or sr (Serbian).
    #[arg(long, value_name = "LANG", default_value = "sq", value_parser = parse_lang)]
    lang: Lang,
    /// The clerk who captured the change [default: the change's clerk_id].
    #[arg(long, value_name = "STAFF_ID")]
    clerk: Option<String>,
    /// When the customer signed, RFC 3339 [default: the change's captured_at].
    #[arg(long, value_name = "TIME")]
    signed_at: Option<DateTime<Utc>>,
    /// The customer's record (a customer summary as JSON), to name the customer on the receipt.
    #[arg(long, value_name = "FILE.json")]
    customer: Option<PathBuf>,
    /// The identity check of the session (an identity-verified payload as JSON).
    #[arg(long, value_name = "FILE.json")]
    identity: Option<PathBuf>,
    /// Print the demo mark (fictional data) even for a store code that is not a demo store's.
    #[arg(long)]
    demo: bool,
}

pub fn run(command: ReceiptCommand) -> Result<ExitCode, Failure> {
    match command {
        ReceiptCommand::Consent(args) => {
            let (p, ctx) = load::<ConsentRecorded>(
                &args,
                MutationKind::ConsentRecorded,
                "consent record",
                |p| &p.store_code,
            )?;
            let pdf = with_progress("the receipt", || render_consent_receipt(&p, &ctx))?;
            write_pdf(&args.out, &pdf)
        }
        ReceiptCommand::Correction(args) => {
            let (p, ctx) = load::<CorrectionRequested>(
                &args,
                MutationKind::CorrectionRequested,
                "correction",
                |p| &p.store_code,
            )?;
            let pdf = with_progress("the receipt", || render_correction_receipt(&p, &ctx))?;
            write_pdf(&args.out, &pdf)
        }
        ReceiptCommand::Request(args) => {
            let (p, ctx) = load::<RightsRequestSubmitted>(
                &args,
                MutationKind::RightsRequestSubmitted,
                "rights request",
                |p| &p.store_code,
            )?;
            let pdf = with_progress("the receipt", || render_rights_request_receipt(&p, &ctx))?;
            write_pdf(&args.out, &pdf)
        }
    }
}

fn bad(message: String) -> Failure {
    Failure {
        exit: EXIT_BAD_INPUT,
        message,
    }
}

/// The payload and the receipt's circumstances from the command line and the input files.
fn load<T: DeserializeOwned>(
    args: &ReceiptArgs,
    kind: MutationKind,
    what: &str,
    store_of: impl Fn(&T) -> &String,
) -> Result<(T, ReceiptContext), Failure> {
    let bytes = read_file(&args.data, what)?;
    let value: serde_json::Value = parse_json(&bytes, &args.data, what)?;
    let (payload, envelope) = split_envelope(value, &args.data, kind)?;
    let payload: T = serde_path_to_error::deserialize(payload).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.into_inner();
        if at.is_empty() || at == "." {
            bad(format!("{} is not a {what}: {inner}", args.data.display()))
        } else {
            bad(format!(
                "{} is not a {what}: field `{at}`: {inner}",
                args.data.display()
            ))
        }
    })?;
    let clerk_id = args.clerk.clone().or(envelope.clerk_id).ok_or_else(|| {
        bad(format!(
            "{} is a bare payload: give the clerk with --clerk",
            args.data.display()
        ))
    })?;
    let signed_at = args.signed_at.or(envelope.captured_at).ok_or_else(|| {
        bad(format!(
            "{} is a bare payload: give the signing time with --signed-at",
            args.data.display()
        ))
    })?;
    let customer = match &args.customer {
        Some(path) => Some(read_json::<CustomerSummary>(path, "customer record")?),
        None => None,
    };
    let identity = match &args.identity {
        Some(path) => Some(read_json::<IdentityVerified>(path, "identity check")?),
        None => None,
    };
    let demo = args.demo
        || store_of(&payload).starts_with("DEMO-")
        || customer.as_ref().is_some_and(|c| c.demo);
    let ctx = ReceiptContext {
        lang: args.lang,
        clerk_id,
        signed_at,
        printed_at: kiosk_core::time::now(),
        customer,
        identity,
        demo,
    };
    Ok((payload, ctx))
}

#[derive(Default)]
struct Envelope {
    clerk_id: Option<String>,
    captured_at: Option<DateTime<Utc>>,
}

/// A whole change (it has a `payload`) gives its payload, clerk and capture time; anything else is
/// taken for the payload itself.
fn split_envelope(
    value: serde_json::Value,
    path: &Path,
    kind: MutationKind,
) -> Result<(serde_json::Value, Envelope), Failure> {
    let serde_json::Value::Object(mut map) = value else {
        return Err(bad(format!("{} is not a JSON object", path.display())));
    };
    let Some(payload) = map.remove("payload") else {
        return Ok((serde_json::Value::Object(map), Envelope::default()));
    };
    if payload.is_null() {
        return Err(bad(format!(
            "{}: the change's payload is gone (the kiosk keeps only a hash once the central API has it)",
            path.display()
        )));
    }
    if let Some(k) = map.get("kind") {
        let found: Option<MutationKind> = serde_json::from_value(k.clone()).ok();
        if found != Some(kind) {
            return Err(bad(format!(
                "{}: field `kind` is {k}, not {}",
                path.display(),
                serde_json::to_string(&kind).unwrap_or_default()
            )));
        }
    }
    let captured_at = match map.get("captured_at") {
        Some(v) => Some(
            serde_json::from_value(v.clone())
                .map_err(|e| bad(format!("{}: field `captured_at`: {e}", path.display())))?,
        ),
        None => None,
    };
    let clerk_id = map
        .get("clerk_id")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    Ok((
        payload,
        Envelope {
            clerk_id,
            captured_at,
        },
    ))
}
