//! One push round, and the calls around it: the health probe and the consent notice download.

use std::sync::{Arc, Mutex, PoisonError};

use protocol::api::ApiError;
use protocol::mutation::{MutationKind, PushOutcome, PushResponse};
use serde::Serialize;
use uuid::Uuid;

use crate::store::{Enrolment, PushSettlement};
use crate::{time, Store};

use super::backoff::parse_retry_after;
use super::classify::SyncFailure;
use super::SyncConfig;

/// The store as the worker and the app share it. Store calls run on tokio's blocking pool.
pub type SharedStore = Arc<Mutex<Store>>;

/// Runs `f` on the store on the blocking pool.
pub async fn with_store<T, F>(store: &SharedStore, f: F) -> Result<T, SyncFailure>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> crate::Result<T> + Send + 'static,
{
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || {
        let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    })
    .await
    .map_err(|e| SyncFailure::local("store", format!("the store task failed: {e}")))?
    .map_err(SyncFailure::from)
}

/// What became of one change in a push round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    /// The kiosk's own number of the change.
    pub seq: u64,
    /// The number the central API knows it by.
    pub wire_seq: u64,
    pub mutation_id: Uuid,
    pub kind: MutationKind,
    #[serde(flatten)]
    pub outcome: PushOutcome,
}

/// One push round: the batch sent and the answer recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundResult {
    pub sent: usize,
    pub body_bytes: usize,
    pub applied_through_seq: u64,
    pub results: Vec<ItemResult>,
    pub settlement: PushSettlement,
}

/// Pushes the oldest pending changes once (one batch, within the configured caps) and records the
/// answer. `Ok(None)`: nothing was pending. On failure nothing is settled: the same changes, with
/// the same ids, go out again next time.
pub async fn sync_once(
    store: &SharedStore,
    client: &reqwest::Client,
    config: &SyncConfig,
) -> Result<Option<RoundResult>, SyncFailure> {
    let (max_items, max_bytes) = (config.max_batch_items, config.max_batch_bytes);
    let (enrolment, body, items) = with_store(store, move |s| {
        let enrolment = s.enrolment()?.ok_or(crate::Error::NotEnrolled)?;
        let (body, items) = s.pending_push_body(max_items, max_bytes)?;
        if let (Some(first), Some(last)) = (items.first(), items.last()) {
            s.note_push_attempt_range(first.0, last.0)?;
        }
        Ok((enrolment, body, items))
    })
    .await?;
    if items.is_empty() {
        return Ok(None);
    }
    let kinds: Vec<(Uuid, MutationKind)> = items.iter().map(|(_, id, k)| (*id, *k)).collect();
    let sent = items.len();
    let body_bytes = body.len();
    let url = crate::enrol::api_url(
        &enrolment.central_url,
        &format!("/devices/{}/push", enrolment.device_id),
    );
    let answer: PushResponse = post_json(client, &url, &enrolment, body).await?;
    let recorded = answer.clone();
    let settlement = with_store(store, move |s| s.apply_push_response(&recorded)).await?;
    let results = answer
        .results
        .into_iter()
        .map(|item| {
            let kind = kinds
                .iter()
                .find(|(id, _)| *id == item.mutation_id)
                .map(|(_, k)| *k)
                .unwrap_or(MutationKind::AuditEvent);
            ItemResult {
                seq: local_seq(&enrolment, item.seq),
                wire_seq: item.seq,
                mutation_id: item.mutation_id,
                kind,
                outcome: item.outcome,
            }
        })
        .collect();
    Ok(Some(RoundResult {
        sent,
        body_bytes,
        applied_through_seq: answer.applied_through_seq,
        results,
        settlement,
    }))
}

fn local_seq(enrolment: &Enrolment, wire_seq: u64) -> u64 {
    i64::try_from(wire_seq)
        .ok()
        .and_then(|w| u64::try_from(w + enrolment.seq_base).ok())
        .unwrap_or(wire_seq)
}

/// Push rounds until nothing is pending or a round fails; `on_round` sees each round as it is
/// recorded. Returns the rounds' results. A round failing ends the drain with that failure (the
/// rounds before it are recorded already).
pub async fn drain<F>(
    store: &SharedStore,
    client: &reqwest::Client,
    config: &SyncConfig,
    mut on_round: F,
) -> Result<usize, SyncFailure>
where
    F: FnMut(&RoundResult),
{
    let mut rounds = 0;
    while let Some(round) = sync_once(store, client, config).await? {
        rounds += 1;
        on_round(&round);
        let s = &round.settlement;
        if s.acknowledged + s.rejected + s.conflict + s.already_settled == 0 {
            // The server answered about none of the changes sent (results for other ids): pushing
            // the same batch again at once would spin. (`already_settled`: another connection to
            // the store, e.g. `kioskctl sync --once` beside the app, settled them first.)
            return Err(SyncFailure::offline(
                "invalid_response",
                "the central API's answer settled none of the changes sent",
            ));
        }
    }
    Ok(rounds)
}

async fn post_json<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    url: &str,
    enrolment: &Enrolment,
    body: Vec<u8>,
) -> Result<T, SyncFailure> {
    let response = client
        .post(url)
        .bearer_auth(&enrolment.token)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| SyncFailure::transport(&e))?;
    read_answer(response).await
}

/// The largest answer the kiosk reads from the central API. The largest real one is a data report
/// with a year of traffic (20,000 rows are about 5 MB); a server that sends more is broken or
/// hostile, and the kiosk must not spend its memory on it.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// The answer's body, refused once it passes `max` bytes (announced or as it streams in).
async fn read_capped(mut response: reqwest::Response, max: usize) -> Result<Vec<u8>, SyncFailure> {
    let too_large = || {
        SyncFailure::offline(
            "invalid_response",
            format!(
                "the central API's answer is larger than {} MB: it was not read",
                max / (1024 * 1024)
            ),
        )
    };
    if response
        .content_length()
        .is_some_and(|n| n > u64::try_from(max).unwrap_or(u64::MAX))
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| SyncFailure::transport(&e))?
    {
        if body.len() + chunk.len() > max {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub(crate) async fn read_answer<T: serde::de::DeserializeOwned>(
    response: reqwest::Response,
) -> Result<T, SyncFailure> {
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, time::now()));
    let bytes = read_capped(response, MAX_ANSWER_BYTES).await?;
    if status.is_success() {
        return serde_json::from_slice(&bytes).map_err(|e| {
            SyncFailure::offline(
                "invalid_response",
                format!("the central API's answer cannot be read: {e}"),
            )
        });
    }
    let (code, message) = match serde_json::from_slice::<ApiError>(&bytes) {
        Ok(e) => (e.code, e.message),
        Err(_) => (
            "http_error".to_owned(),
            format!("HTTP {status} without an explanation"),
        ),
    };
    Err(SyncFailure::http(
        status.as_u16(),
        code,
        message,
        retry_after,
    ))
}

/// `GET /v1/health`: the cheap probe that tells the worker the central API is back.
pub async fn probe_health(client: &reqwest::Client, central_url: &str) -> Result<(), SyncFailure> {
    let url = crate::enrol::api_url(central_url, "/health");
    let response = client
        .get(&url)
        .send()
        .await
        .map_err(|e| SyncFailure::transport(&e))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, time::now()));
    Err(SyncFailure::http(
        status.as_u16(),
        "unhealthy".into(),
        format!("the central API's health check answered HTTP {status}"),
        retry_after,
    ))
}
