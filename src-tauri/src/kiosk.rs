//! The app's one piece of state: the kiosk as kiosk-core models it, opened at start-up. In demo mode
//! (no central API configured) the reference server runs in-process on its fictional demo data, in
//! a folder of its own, so that a demo never mixes with a real kiosk's data.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{BackgroundServer, ServerConfig};
use chrono::Duration;
use kiosk_core::config::{config_path, Config};
use kiosk_core::counter::Counter;
use kiosk_core::handoff::HandoffStep;
use kiosk_core::signin::SignInPolicy;
use kiosk_core::sync::{SharedStore, SyncConfig, SyncHandle};
use kiosk_core::trust::CentralTrust;
use kiosk_core::Store;
use protocol::Lang;

use crate::commands::customer_display::CUSTOMER_WINDOW;
use crate::error::CommandError;

/// The folder of a demo kiosk and its in-process central API, inside the data folder.
const DEMO_FOLDER: &str = "demo";

/// The in-process central API of demo mode. Its outage switch stops the server for real (the
/// kiosk then finds nothing listening, as in a network outage) and starts it again on the same
/// address, where the demo kiosk is enrolled.
struct DemoServer {
    config: ServerConfig,
    addr: std::net::SocketAddr,
    running: Mutex<Option<BackgroundServer>>,
}

impl DemoServer {
    fn start(config: ServerConfig) -> Result<DemoServer, CommandError> {
        let server = central_api::spawn_background(config.clone(), ([127, 0, 0, 1], 0).into())
            .map_err(demo_unavailable)?;
        let addr = server
            .url()
            .trim_start_matches("http://")
            .parse()
            .map_err(|e| CommandError::new("demo_unavailable", format!("{e}")))?;
        Ok(DemoServer {
            config,
            addr,
            running: Mutex::new(Some(server)),
        })
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn set_running(&self, on: bool) -> Result<(), CommandError> {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        match (on, running.take()) {
            (true, None) => {
                // The port was ours a moment ago; it may linger briefly after the stop.
                let mut tries = 0;
                let server = loop {
                    match central_api::spawn_background(self.config.clone(), self.addr) {
                        Ok(server) => break server,
                        Err(_) if tries < 50 => {
                            tries += 1;
                            std::thread::sleep(std::time::Duration::from_millis(100));
                        }
                        Err(e) => return Err(demo_unavailable(e)),
                    }
                };
                *running = Some(server);
            }
            (false, Some(server)) => server.shutdown().map_err(demo_unavailable)?,
            (_, unchanged) => *running = unchanged,
        }
        Ok(())
    }
}

fn demo_unavailable(e: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        "demo_unavailable",
        format!("The demo server cannot start: {e}"),
    )
}

pub struct Kiosk {
    pub store: SharedStore,
    /// For the screens' calls to the central API (lookup, reports); the sync worker has its own.
    pub client: reqwest::Client,
    /// The central API's TLS trust, for the sync worker's client too.
    trust: CentralTrust,
    pub counter: Mutex<Counter>,
    /// The settings file's contents as last read or saved.
    settings: Mutex<Config>,
    data_dir: PathBuf,
    /// Started with the enrolment: at start-up, or from the first-run screen.
    sync: Mutex<Option<SyncHandle>>,
    demo: Option<DemoServer>,
    /// For telling the windows that the offer to the customer changed; set once the app runs.
    app: OnceLock<tauri::AppHandle>,
}

/// Which offer the customer's window shows, and how far the customer got.
fn offer_mark(counter: &Counter) -> Option<(uuid::Uuid, HandoffStep)> {
    counter.current_offer().map(|o| (o.offer_id, o.step))
}

/// What the clerk's window hears of the customer's window: steps, never the pad's points.
#[derive(Debug, Clone, serde::Serialize)]
struct OfferProgress {
    offer_id: uuid::Uuid,
    step: HandoffStep,
}

/// Why the kiosk could not start, managed instead of a [`Kiosk`]: the window still opens and says
/// so, instead of vanishing.
pub struct StartupProblem(pub CommandError);

impl Kiosk {
    /// Opens the kiosk of `data_dir`.
    pub fn start(data_dir: PathBuf) -> Result<Kiosk, CommandError> {
        let config = Config::load(&config_path(&data_dir))?;
        let idle = Duration::minutes(i64::from(config.idle_lock_minutes));
        let (store, demo) = if config.is_demo() {
            let (store, server) = start_demo(&data_dir.join(DEMO_FOLDER))?;
            (store, Some(server))
        } else {
            (Store::open_in(&data_dir)?, None)
        };
        let enrolled = store.enrolment()?.is_some();
        // A pinned CA in the data folder (central-ca.pem) replaces the public roots.
        let trust = CentralTrust::beside(store.path())?;
        let kiosk = Kiosk {
            client: kiosk_core::sync::http_client(&SyncConfig {
                trust: trust.clone(),
                ..SyncConfig::default()
            })?,
            trust,
            store: Arc::new(Mutex::new(store)),
            counter: Mutex::new(Counter::new(SignInPolicy::default(), idle)),
            settings: Mutex::new(config),
            data_dir,
            sync: Mutex::new(None),
            demo,
            app: OnceLock::new(),
        };
        if enrolled {
            tauri::async_runtime::block_on(async { kiosk.start_sync() })?;
        }
        Ok(kiosk)
    }

    /// Starts the sync worker; called inside the async runtime (its tasks are spawned on it).
    fn start_sync(&self) -> Result<(), CommandError> {
        let config = if self.demo.is_some() {
            // One kiosk, no crowd to spread out: the demo shows the queue drain soon after the
            // outage ends.
            SyncConfig {
                poll_interval: std::time::Duration::from_secs(5),
                reconnect_delay_max: std::time::Duration::from_secs(2),
                backoff_cap: std::time::Duration::from_secs(10),
                trust: self.trust.clone(),
                ..SyncConfig::default()
            }
        } else {
            SyncConfig {
                trust: self.trust.clone(),
                ..SyncConfig::default()
            }
        };
        let handle = kiosk_core::sync::spawn(self.store.clone(), config)?;
        *self.sync.lock().unwrap_or_else(PoisonError::into_inner) = Some(handle);
        Ok(())
    }

    /// The sync worker's status; `None` until the kiosk is enrolled.
    pub fn sync_status(&self) -> Option<kiosk_core::sync::SyncStatus> {
        let sync = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        sync.as_ref().map(SyncHandle::status)
    }

    fn nudge_sync(&self) {
        if let Some(sync) = self
            .sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            sync.nudge();
        }
    }

    /// The settings as last read or saved.
    pub fn settings(&self) -> Config {
        self.settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn settings_path(&self) -> PathBuf {
        config_path(&self.data_dir)
    }

    /// Where a supervisor's queue exports go, for store IT to collect (private to the kiosk's
    /// user, like the data folder).
    pub fn exports_dir(&self) -> PathBuf {
        self.data_dir.join("exports")
    }

    /// Whether the kiosk has its enrolment (a first-run kiosk has none).
    pub fn is_enrolled(&self) -> Result<bool, CommandError> {
        let store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(store.enrolment()?.is_some())
    }

    /// Checks and writes the settings file; the printer, language and idle lock apply at once.
    pub fn save_settings(&self, new: Config) -> Result<(), CommandError> {
        if new.central_url != self.settings().central_url {
            return Err(CommandError::new(
                "invalid_input",
                "The central API's address is changed in the settings file by store IT, then the kiosk is restarted (and enrolled again if needed).",
            ));
        }
        new.save(&self.settings_path())?;
        let idle = Duration::minutes(i64::from(new.idle_lock_minutes));
        self.counter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .set_idle_lock(idle);
        *self.settings.lock().unwrap_or_else(PoisonError::into_inner) = new;
        Ok(())
    }

    /// Enrols this kiosk from the first-run screen (as `kioskctl enroll` does) and starts syncing.
    pub async fn enrol(
        &self,
        store_code: &str,
        secret: &str,
        device_name: &str,
    ) -> Result<kiosk_core::store::Enrolment, CommandError> {
        let Some(url) = self.settings().central_url else {
            return Err(CommandError::new(
                "invalid_input",
                "A demo kiosk is enrolled with its demo server already.",
            ));
        };
        if self.is_enrolled()? {
            return Err(CommandError::new(
                "already_enrolled",
                "This kiosk is enrolled already; store IT re-enrols it with kioskctl enroll.",
            ));
        }
        let mut store = {
            // Enrolment awaits the network: it works on its own connection to the database so
            // that the store lock is not held across the wait.
            let path = self
                .store
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .path()
                .to_path_buf();
            Store::open_existing(&path)?
        };
        let enrolment =
            kiosk_core::enrol::enrol(&mut store, &url, store_code, secret, device_name).await?;
        kiosk_core::central::refresh_staff(&self.client, &mut store).await?;
        for lang in Lang::ALL {
            let notice =
                kiosk_core::central::fetch_consent_notice(&self.client, &enrolment, lang).await?;
            store.cache_notice(&notice)?;
        }
        drop(store);
        self.start_sync()?;
        Ok(enrolment)
    }

    pub fn is_demo(&self) -> bool {
        self.demo.is_some()
    }

    /// Demo mode's outage switch: the in-process central API stops (nothing listens any more, as
    /// when the store's network is down) and starts again when switched back.
    pub fn simulate_outage(&self, on: bool) -> Result<(), CommandError> {
        let Some(server) = &self.demo else {
            return Err(CommandError::new(
                "not_demo",
                "An outage can be simulated in demo mode only.",
            ));
        };
        server.set_running(!on)?;
        self.nudge_sync();
        Ok(())
    }

    /// Runs `f` with the store and the counter locked, in that order everywhere (no deadlock).
    /// When `f` queued a change (a capture, a sign-in's or a lock's audit entry), the sync worker
    /// is woken: a new change is one of its triggers, and its timer is a minute.
    pub fn with_counter<T>(
        &self,
        f: impl FnOnce(&mut Store, &mut Counter) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let mut counter = self.counter.lock().unwrap_or_else(PoisonError::into_inner);
        let queued_before = store.last_seq().ok();
        let offer_before = offer_mark(&counter);
        let outcome = f(&mut store, &mut counter);
        if store.last_seq().ok() != queued_before {
            self.nudge_sync();
        }
        let offer_after = offer_mark(&counter);
        if offer_after != offer_before {
            self.announce_offer(offer_before, offer_after);
        }
        outcome
    }

    /// Lets the app's windows hear of the offer to the customer (called once, at start-up).
    pub fn attach(&self, app: tauri::AppHandle) {
        let _ = self.app.set(app);
    }

    /// The offer to the customer changed (offered, a step, submitted, withdrawn, or gone with the
    /// customer): the customer's window re-reads it, the clerk's window hears the step.
    fn announce_offer(
        &self,
        before: Option<(uuid::Uuid, HandoffStep)>,
        after: Option<(uuid::Uuid, HandoffStep)>,
    ) {
        use tauri::Emitter;
        let Some(app) = self.app.get() else {
            return;
        };
        let _ = app.emit_to(CUSTOMER_WINDOW, "customer-display", ());
        let progress = match (before, after) {
            (_, Some((offer_id, step))) => OfferProgress { offer_id, step },
            (Some((offer_id, _)), None) => OfferProgress {
                offer_id,
                step: HandoffStep::Withdrawn,
            },
            (None, None) => return,
        };
        let _ = app.emit_to("main", "customer-display-progress", progress);
    }
}

/// Starts the demo central API on a free loopback port and a kiosk enrolled with it; the staff list
/// and the notices are fetched so that sign-in and consent work as on a real counter.
fn start_demo(folder: &Path) -> Result<(Store, DemoServer), CommandError> {
    std::fs::create_dir_all(folder).map_err(|e| {
        CommandError::new(
            "demo_unavailable",
            format!(
                "The demo folder {} cannot be created: {e}",
                folder.display()
            ),
        )
    })?;
    let server = DemoServer::start(ServerConfig::demo(folder.join("central.sqlite3")))?;
    let mut store = Store::open_in(&folder.join("kiosk"))?;
    tauri::async_runtime::block_on(async {
        let enrolment = match store.enrolment()? {
            Some(_) => store.set_central_url(&server.url())?,
            None => {
                kiosk_core::enrol::enrol(
                    &mut store,
                    &server.url(),
                    DEMO_STORE_CODE,
                    DEMO_ENROLMENT_SECRET,
                    "Demo counter",
                )
                .await?
            }
        };
        let client = kiosk_core::enrol::http_client(&CentralTrust::public_roots())?;
        kiosk_core::central::refresh_staff(&client, &mut store).await?;
        for lang in Lang::ALL {
            let notice =
                kiosk_core::central::fetch_consent_notice(&client, &enrolment, lang).await?;
            store.cache_notice(&notice)?;
        }
        Ok::<(), CommandError>(())
    })?;
    Ok((store, server))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(dir: &Path) -> Result<Kiosk, CommandError> {
        Kiosk::start(dir.to_path_buf())
    }

    #[test]
    fn without_settings_the_kiosk_starts_in_demo_mode_ready_for_sign_in() -> Result<(), CommandError>
    {
        let dir = tempfile::tempdir().map_err(|e| CommandError::new("io", e.to_string()))?;
        let kiosk = started(dir.path())?;
        assert!(kiosk.is_demo());
        kiosk.with_counter(|store, counter| {
            assert!(store.enrolment()?.is_some());
            assert!(store.staff_member("PR-0101")?.is_some());
            for lang in Lang::ALL {
                assert!(store.notice(lang)?.is_some(), "{lang}");
            }
            // Demo staff sign in with the PINs the README lists.
            counter.sign_in(store, "PR-0101", "1111", kiosk_core::time::now())?;
            Ok(())
        })?;
        assert!(kiosk.sync_status().is_some());
        // A change queued by a command wakes the sync worker: it leaves well before the worker's
        // own timer (5 s in demo mode) would have sent it.
        let pending = || kiosk.with_counter(|store, _| Ok(store.pending_count()?));
        let wait_empty = |limit: std::time::Duration| -> Result<bool, CommandError> {
            let start = std::time::Instant::now();
            while start.elapsed() < limit {
                if pending()? == 0 {
                    return Ok(true);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Ok(false)
        };
        assert!(wait_empty(std::time::Duration::from_secs(15))?);
        kiosk.with_counter(|store, counter| {
            counter.lock(store, kiosk_core::counter::LockReason::ByClerk)?;
            Ok(())
        })?;
        assert!(wait_empty(std::time::Duration::from_millis(1500))?);
        // The outage switch: nothing answers, then the same address answers again.
        let enrolment = kiosk.with_counter(|store, _| Ok(kiosk_core::central::enrolled(store)?))?;
        let staff = || {
            tauri::async_runtime::block_on(kiosk_core::central::fetch_staff(
                &kiosk.client,
                &enrolment,
            ))
        };
        kiosk.simulate_outage(true)?;
        kiosk.simulate_outage(true)?;
        assert_eq!(
            staff().err().map(|f| f.kind),
            Some(kiosk_core::sync::FailureKind::Offline)
        );
        kiosk.simulate_outage(false)?;
        assert!(staff().is_ok());
        // The demo lives in its own folder: nothing beside the (absent) settings file.
        assert!(dir.path().join(DEMO_FOLDER).join("kiosk").is_dir());
        assert!(!kiosk_core::paths::db_path(dir.path()).exists());
        drop(kiosk);

        // A second start finds the same demo kiosk on the server's new port.
        let again = started(dir.path())?;
        again.with_counter(|store, _| {
            let enrolment = store.enrolment()?;
            assert!(enrolment.is_some_and(|e| e.central_url.starts_with("http://127.0.0.1:")));
            Ok(())
        })
    }

    #[test]
    fn a_settings_file_that_cannot_be_used_is_a_startup_problem() -> Result<(), CommandError> {
        let dir = tempfile::tempdir().map_err(|e| CommandError::new("io", e.to_string()))?;
        std::fs::write(config_path(dir.path()), "idle_lock_minutes = 0\n")
            .map_err(|e| CommandError::new("io", e.to_string()))?;
        let problem = started(dir.path()).err();
        assert!(problem.is_some_and(|p| p.message.contains("idle_lock_minutes")));
        Ok(())
    }

    #[test]
    fn a_live_kiosk_opens_its_store_and_has_no_outage_switch() -> Result<(), CommandError> {
        let dir = tempfile::tempdir().map_err(|e| CommandError::new("io", e.to_string()))?;
        Config {
            central_url: Some("https://central.example.invalid".into()),
            ..Config::default()
        }
        .save(&config_path(dir.path()))?;
        let kiosk = started(dir.path())?;
        assert!(!kiosk.is_demo());
        // Not enrolled yet: no worker, and the first-run screen will enrol.
        assert!(kiosk.sync_status().is_none());
        assert!(kiosk_core::paths::db_path(dir.path()).exists());
        assert_eq!(
            kiosk.simulate_outage(true).err().map(|e| e.code),
            Some("not_demo".to_owned())
        );
        Ok(())
    }

    /// The first-run screen's path: a kiosk set up for a central API enrols from the app, starts
    /// syncing, and refuses a second enrolment; its settings are saved whole and apply at once.
    #[test]
    fn a_new_kiosk_enrols_from_the_app_and_saves_its_settings() -> Result<(), CommandError> {
        let io = |e: std::io::Error| CommandError::new("io", e.to_string());
        let dir = tempfile::tempdir().map_err(io)?;
        let server = central_api::spawn_background(
            ServerConfig::demo(dir.path().join("central.sqlite3")),
            ([127, 0, 0, 1], 0).into(),
        )
        .map_err(demo_unavailable)?;
        let data = dir.path().join("kiosk");
        Config {
            central_url: Some(server.url()),
            store_code: Some(DEMO_STORE_CODE.into()),
            ..Config::default()
        }
        .save(&config_path(&data))?;
        let kiosk = started(&data)?;
        assert!(!kiosk.is_enrolled()?);
        let wrong = tauri::async_runtime::block_on(kiosk.enrol(DEMO_STORE_CODE, "wrong", "K1"));
        assert!(wrong.is_err());
        assert!(kiosk.sync_status().is_none());
        let enrolment = tauri::async_runtime::block_on(kiosk.enrol(
            DEMO_STORE_CODE,
            DEMO_ENROLMENT_SECRET,
            "Counter 1",
        ))?;
        assert_eq!(enrolment.device_name, "Counter 1");
        assert!(kiosk.sync_status().is_some());
        kiosk.with_counter(|store, counter| {
            // The staff list came with the enrolment: sign-in works at once.
            counter.sign_in(store, "PR-0901", "9999", kiosk_core::time::now())?;
            Ok(())
        })?;
        let again = tauri::async_runtime::block_on(kiosk.enrol(
            DEMO_STORE_CODE,
            DEMO_ENROLMENT_SECRET,
            "Counter 1",
        ));
        assert_eq!(again.err().map(|e| e.code), Some("already_enrolled".into()));

        let mut changed = kiosk.settings();
        changed.printer = Some("Counter-Printer".into());
        changed.idle_lock_minutes = 10;
        changed.language = Lang::En;
        kiosk.save_settings(changed.clone())?;
        assert_eq!(Config::load(&kiosk.settings_path())?, changed);
        let mut moved = changed.clone();
        moved.central_url = Some("https://elsewhere.example".into());
        assert!(kiosk.save_settings(moved).is_err());
        changed.idle_lock_minutes = 0;
        assert!(kiosk.save_settings(changed).is_err());
        assert_eq!(Config::load(&kiosk.settings_path())?.idle_lock_minutes, 10);
        Ok(())
    }
}
