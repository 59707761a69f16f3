//! The customer's own window on a second display (kiosk_core::handoff): the clerk offers the
//! notice and choices, or the lines to sign; the customer's window reports its steps and hands in
//! the choices and signature. The window is told to re-read whenever the offer changes (see
//! `Kiosk::with_counter`), including when the customer leaves ("Done", the lock).

use kiosk_core::handoff::{HandoffStep, Submission};
use protocol::mutation::{ConsentChoice, Signature};
use serde::Serialize;
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// The customer's window's label (its capability is granted to this label only).
pub const CUSTOMER_WINDOW: &str = "customer";

#[derive(Debug, Clone, Serialize)]
pub struct DisplayOpened {
    pub opened: bool,
    /// It is on a display of its own (otherwise beside the clerk's window, e.g. on a laptop).
    pub second_monitor: bool,
}

/// Opens the customer's window, full screen on a display other than the clerk's when there is
/// one. Opening it again brings it forward.
#[tauri::command]
pub async fn open_customer_display(app: AppHandle) -> Result<DisplayOpened, CommandError> {
    let failed = |e: tauri::Error| {
        CommandError::new(
            "display_unavailable",
            format!("The customer's window cannot open: {e}"),
        )
    };
    let main_monitor = app
        .get_webview_window("main")
        .and_then(|w| w.current_monitor().ok().flatten());
    let other = app
        .available_monitors()
        .map_err(failed)?
        .into_iter()
        .find(|m| {
            main_monitor
                .as_ref()
                .is_none_or(|main| m.position() != main.position())
        });
    if let Some(window) = app.get_webview_window(CUSTOMER_WINDOW) {
        window.set_focus().map_err(failed)?;
        return Ok(DisplayOpened {
            opened: true,
            second_monitor: other.is_some(),
        });
    }
    let mut builder = WebviewWindowBuilder::new(
        &app,
        CUSTOMER_WINDOW,
        WebviewUrl::App("customer.html".into()),
    )
    .title("IPKO")
    .inner_size(1024.0, 768.0)
    .focused(false);
    if let Some(monitor) = &other {
        let at = monitor.position().to_logical::<f64>(monitor.scale_factor());
        builder = builder.position(at.x, at.y).fullscreen(true);
    }
    builder.build().map_err(failed)?;
    Ok(DisplayOpened {
        opened: true,
        second_monitor: other.is_some(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Offered {
    pub offer_id: uuid::Uuid,
}

/// Offers the customer's window what to read, choose and sign (replacing an earlier offer).
#[tauri::command]
pub fn offer_to_customer(
    kiosk: State<'_, Kiosk>,
    offer: serde_json::Value,
) -> Result<Offered, CommandError> {
    let now = kiosk_core::time::now();
    let offer_id = kiosk.with_counter(|store, counter| Ok(counter.offer(store, offer, now)?))?;
    Ok(Offered { offer_id })
}

/// How far the customer got with an offer, and what they handed in once they have.
#[derive(Debug, Clone, Serialize)]
pub struct OfferResult {
    pub step: HandoffStep,
    pub submission: Option<Submission>,
}

/// The clerk's screen asks how far the customer got (the pad's points only once handed in); the
/// answer for an offer no longer on the customer's window is `withdrawn`.
#[tauri::command]
pub fn customer_display_result(
    kiosk: State<'_, Kiosk>,
    offer_id: uuid::Uuid,
) -> Result<OfferResult, CommandError> {
    let now = kiosk_core::time::now();
    kiosk.with_counter(|store, counter| {
        counter.clerk(store, now)?;
        Ok(
            match counter.current_offer().filter(|o| o.offer_id == offer_id) {
                Some(o) => OfferResult {
                    step: o.step,
                    submission: o.submission.clone(),
                },
                None => OfferResult {
                    step: HandoffStep::Withdrawn,
                    submission: None,
                },
            },
        )
    })
}

#[tauri::command]
pub fn withdraw_offer(kiosk: State<'_, Kiosk>) -> Result<(), CommandError> {
    let now = kiosk_core::time::now();
    kiosk.with_counter(|store, counter| Ok(counter.withdraw_offer(store, now)?))
}

/// What the customer's window shows.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DisplayState {
    Idle,
    Offer {
        offer_id: uuid::Uuid,
        offer: serde_json::Value,
        step: HandoffStep,
    },
}

#[tauri::command]
pub fn customer_display_state(kiosk: State<'_, Kiosk>) -> Result<DisplayState, CommandError> {
    kiosk.with_counter(|_, counter| {
        Ok(match counter.current_offer() {
            Some(o) => DisplayState::Offer {
                offer_id: o.offer_id,
                offer: o.content.clone(),
                step: o.step,
            },
            None => DisplayState::Idle,
        })
    })
}

#[tauri::command]
pub fn customer_display_progress(
    kiosk: State<'_, Kiosk>,
    offer_id: uuid::Uuid,
    step: HandoffStep,
) -> Result<(), CommandError> {
    kiosk.with_counter(|_, counter| Ok(counter.current_offer_mut()?.progress(offer_id, step)?))
}

#[derive(Debug, Clone, Serialize)]
pub struct Submitted {}

#[tauri::command]
pub fn customer_display_submit(
    kiosk: State<'_, Kiosk>,
    offer_id: uuid::Uuid,
    choices: Option<Vec<ConsentChoice>>,
    signature: Signature,
) -> Result<Submitted, CommandError> {
    kiosk.with_counter(|_, counter| {
        counter
            .current_offer_mut()?
            .submit(offer_id, Submission { choices, signature })?;
        Ok(Submitted {})
    })
}
