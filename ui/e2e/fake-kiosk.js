// A stand-in for the app's Rust side, installed before the page's own scripts (Playwright
// addInitScript): the IPC surface Tauri gives the webview (`window.__TAURI_INTERNALS__.invoke`),
// answering the app's commands as src-tauri does — same shapes, same refusals — from a small state
// machine. The UI under test is the built ui/dist, unchanged.
(() => {
  const staff = {
    "PR-0101": { pin: "1111", display_name: "Arta Bytyçi", role: "clerk" },
    "PR-0901": { pin: "9999", display_name: "Teuta Limani", role: "supervisor" },
  };
  const kiosk = {
    view: { state: "signed_out" },
    failures: 0,
    outage: false,
    pending: 0,
    calls: [],
  };
  window.__fakeKiosk = kiosk;
  const reject = (code, message) => Promise.reject({ code, message });
  const now = () => new Date().toISOString();
  const audit = () => {
    kiosk.pending += 1;
    if (!kiosk.outage) {
      kiosk.pending = 0;
    }
  };
  const member = (id) => ({ staff_id: id, display_name: staff[id].display_name, role: staff[id].role, signed_in_at: now() });
  const commands = {
    app_info: () => ({ version: "0.1.0", demo: true, problem: null }),
    counter_view: () => kiosk.view,
    sign_in: ({ staffId, pin }) => {
      const id = String(staffId).trim().toUpperCase();
      if (!id || !pin) {
        return reject("invalid_input", "Type your staff id and your PIN.");
      }
      if (!staff[id] || staff[id].pin !== pin) {
        kiosk.failures += 1;
        audit();
        return reject(
          "sign_in_rejected",
          `That staff id and PIN do not match. ${Math.max(0, 5 - kiosk.failures)} attempt(s) left before sign-in is paused.`,
        );
      }
      kiosk.failures = 0;
      audit();
      kiosk.view = { state: "signed_in", staff: member(id), customer: null, locks_at: new Date(Date.now() + 180000).toISOString() };
      return kiosk.view;
    },
    lock_screen: () => {
      if (kiosk.view.state === "signed_in") {
        audit();
        kiosk.view = { state: "locked", staff: kiosk.view.staff };
      }
      return kiosk.view;
    },
    sign_out: () => {
      if (kiosk.pending > 0) {
        return reject(
          "changes_pending",
          `${kiosk.pending} change(s) captured at this kiosk have not reached the central API yet; signing out would strand them. Let the kiosk sync first, or have a supervisor export the queue.`,
        );
      }
      kiosk.view = { state: "signed_out" };
      return kiosk.view;
    },
    simulate_outage: ({ on }) => {
      kiosk.outage = on;
      if (!on) {
        kiosk.pending = 0;
      }
      return null;
    },
    kiosk_status: () => ({
      queue: {
        pending: kiosk.pending,
        oldest_pending_captured_at: kiosk.pending ? now() : null,
        oldest_pending_age_seconds: kiosk.pending ? 5 : null,
        rejected: 0,
        conflict: 0,
        acknowledged: 3,
        last_acknowledged_at: null,
        age_warning: false,
        age_warning_after_seconds: 86400,
      },
      sync: {
        connectivity: kiosk.outage
          ? { state: "offline", since: "2026-11-22T13:03:00Z", reason: "no connection could be made" }
          : { state: "online", since: "2026-11-22T13:00:00Z" },
        pushing: false,
      },
      demo: true,
    }),
  };
  // Tauri's events (@tauri-apps/api/event): `listen` hands a callback made by transformCallback to
  // `plugin:event|listen`; a stand-in sends an event with `kiosk.emit(event, payload)`, as Rust's
  // `emit_to` does, after the command that caused it (a task later, like the webview's IPC).
  const callbacks = new Map();
  const listeners = [];
  let nextId = 1;
  commands["plugin:event|listen"] = ({ event, handler }) => {
    const id = nextId++;
    listeners.push({ event, handler, id });
    return id;
  };
  commands["plugin:event|unlisten"] = ({ eventId }) => {
    const at = listeners.findIndex((l) => l.id === eventId);
    if (at >= 0) listeners.splice(at, 1);
    return null;
  };
  kiosk.emit = (event, payload) => {
    setTimeout(() => {
      for (const l of listeners.filter((x) => x.event === event)) {
        callbacks.get(l.handler)?.({ event, id: l.id, payload });
      }
    }, 0);
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => undefined };

  // Further stand-ins (e2e/fake-*.js, loaded after this one) add their commands here.
  kiosk.commands = commands;
  kiosk.reject = reject;
  window.isTauri = true;
  window.__TAURI_INTERNALS__ = {
    invoke: (cmd, args) => {
      kiosk.calls.push(cmd);
      const handler = kiosk.commands[cmd];
      if (!handler) {
        return Promise.reject(`${cmd} not allowed. Command not found`);
      }
      try {
        return Promise.resolve(handler(args ?? {}));
      } catch (error) {
        return Promise.reject(String(error));
      }
    },
    transformCallback: (callback, once) => {
      const id = nextId++;
      callbacks.set(id, (message) => {
        if (once) callbacks.delete(id);
        callback(message);
      });
      return id;
    },
    metadata: { currentWindow: { label: "main" }, currentWebview: { label: "main" } },
  };
})();
