// A stand-in for the supervisor's commands of src-tauri/src/commands/supervisor.rs (review_list,
// retry_change, export_queue) and settings.rs (settings_view, save_settings), loaded after
// fake-kiosk.js. Same shapes as Rust serialises (OutboxRow, RetriedChange, ExportSummary,
// SettingsView) and Rust's refusals, including the role check that Rust makes on every one of them.
// The changes, customers and clerks are fictional.
(() => {
  const kiosk = window.__fakeKiosk;
  const reject = kiosk.reject;
  const now = () => new Date().toISOString();

  const row = (fields) => ({
    wire_seq: null,
    customer_id: null,
    payload_sha256: "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8",
    payload_bytes: 2048,
    attempts: 1,
    last_attempt_at: "2026-11-22T13:10:00Z",
    settled_at: "2026-11-22T13:10:01Z",
    retried_as_seq: null,
    retry_of_seq: null,
    ...fields,
  });
  // kiosk_core::store::OutboxRow, as `review_list` answers: one rejected, one conflicting change.
  const outbox = [
    row({
      seq: 41,
      wire_seq: 41,
      mutation_id: "01937a4e-5b2c-7d10-8e3f-4a5b6c7d8e01",
      kind: "rights_request_submitted",
      state: "rejected",
      captured_at: "2026-11-22T09:15:00Z",
      clerk_id: "PR-0101",
      customer_id: "100234",
      result_code: "unknown_customer",
      result_message: "There is no customer 100234 in the central system.",
    }),
    row({
      seq: 42,
      wire_seq: 42,
      mutation_id: "01937a4e-5b2c-7d10-8e3f-4a5b6c7d8e02",
      kind: "correction_requested",
      state: "conflict",
      captured_at: "2026-11-22T10:40:00Z",
      clerk_id: "PR-0101",
      customer_id: "100587",
      result_code: "conflict",
      result_message: JSON.stringify({ record_version: 7, field: "address", value: "Rr. Agim Ramadani 12, Prishtinë" }),
    }),
  ];
  let nextSeq = 50;
  let exports = 0;

  const settings = {
    path: "/home/kiosk/.local/share/ipko-kiosk/settings.toml",
    central_url: null,
    store_code: "DEMO-PRISHTINA",
    printer: null,
    idle_lock_minutes: 3,
    language: "sq",
  };
  // kiosk_core::print::PrinterInfo: the default first, as Cups::list_printers answers.
  const printers = [
    { name: "Counter-1", is_default: true, accepting: true, state: "idle", message: null },
    { name: "Counter-2", is_default: false, accepting: true, state: "idle", message: null },
    { name: "Back-Office", is_default: false, accepting: false, state: "stopped", message: "Paper jam" },
  ];

  /** counter.supervisor(): the session first, then the role. */
  const supervisor = () => {
    const view = kiosk.view;
    if (view.state === "locked") {
      return reject("locked", "The screen is locked: sign in again to go on.");
    }
    if (view.state !== "signed_in") {
      return reject("not_signed_in", "Nobody is signed in at this counter: sign in first.");
    }
    if (view.staff.role !== "supervisor") {
      return reject("supervisor_only", "Only a supervisor may do this: ask a supervisor to sign in.");
    }
    return null;
  };

  const inReview = (r) => r.state === "rejected" || r.state === "conflict";

  Object.assign(kiosk.commands, {
    review_list: () => supervisor() ?? outbox.filter(inReview).map((r) => ({ ...r })),
    retry_change: ({ seq, rebase }) => {
      const refused = supervisor();
      if (refused) {
        return refused;
      }
      const old = outbox.find((r) => r.seq === seq);
      if (!old) {
        return reject("invalid_input", `there is no change number ${seq} in this kiosk's queue`);
      }
      if (old.state !== "rejected" && old.state !== "conflict") {
        return reject(
          "invalid_input",
          `change ${seq} is ${old.state}: only rejected or conflicting changes can be sent again`,
        );
      }
      if (old.retried_as_seq !== null) {
        return reject("invalid_input", `change ${seq} was already sent again as change ${old.retried_as_seq}`);
      }
      if (old.state === "conflict" && !rebase) {
        return reject(
          "invalid_input",
          `Change ${seq} was not sent again. The record changed since the customer signed; check the current value with the customer. To send it anyway on the current record, retry with --rebase.`,
        );
      }
      if (old.state === "rejected" && rebase) {
        return reject(
          "invalid_input",
          `change ${seq} was rejected, not in conflict: there is nothing to rebase; retry it without --rebase`,
        );
      }
      const copy = row({
        seq: nextSeq++,
        mutation_id: `01937a4e-5b2c-7d10-8e3f-4a5b6c7d8e${String(nextSeq).padStart(2, "0")}`,
        kind: old.kind,
        state: "pending",
        captured_at: old.captured_at,
        clerk_id: old.clerk_id,
        customer_id: old.customer_id,
        attempts: 0,
        last_attempt_at: null,
        settled_at: null,
        result_code: null,
        result_message: null,
        retry_of_seq: old.seq,
      });
      copy.wire_seq = copy.seq;
      old.retried_as_seq = copy.seq;
      outbox.push(copy);
      // The copy waits for the sync like any change; the fake's sync sends it at once unless offline.
      kiosk.pending += 1;
      if (!kiosk.outage) {
        kiosk.pending = 0;
        copy.state = "acknowledged";
      }
      kiosk.supervisorCalls.push({ cmd: "retry_change", seq, rebase });
      return {
        retried_seq: old.seq,
        queued: {
          seq: copy.seq,
          mutation_id: copy.mutation_id,
          kind: copy.kind,
          captured_at: copy.captured_at,
          payload_sha256: copy.payload_sha256,
          audit_entry_seq: 300 + copy.seq,
        },
        rebased: old.state === "conflict" && old.kind === "correction_requested",
      };
    },
    export_queue: () => {
      const refused = supervisor();
      if (refused) {
        return refused;
      }
      exports += 1;
      const stamp = now().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
      const review = outbox.filter((r) => inReview(r) && r.retried_as_seq === null);
      const pending = outbox.filter((r) => r.state === "pending");
      return {
        path: `/home/kiosk/.local/share/ipko-kiosk/exports/queue-export-${stamp}.json`,
        pending: pending.length,
        review: review.length,
        bytes: 1800 + 2400 * (pending.length + review.length) + exports,
      };
    },
    settings_view: () =>
      supervisor() ?? {
        ...settings,
        idle_lock_range: [1, 30],
        printers: printers.map((p) => ({ ...p })),
        printers_problem: null,
        enrolment: {
          store_code: "DEMO-PRISHTINA",
          store_name: "IPKO Demo Prishtinë",
          device_name: "Demo counter",
          central_url: "http://127.0.0.1:41234",
        },
      },
    save_settings: ({ change }) => {
      const refused = supervisor();
      if (refused) {
        return refused;
      }
      const known = ["printer", "idle_lock_minutes", "language"];
      const unknown = Object.keys(change ?? {}).find((k) => !known.includes(k));
      if (!change || unknown !== undefined) {
        // serde's deny_unknown_fields, as Tauri reports a bad argument.
        return Promise.reject(`invalid args \`change\` for command \`save_settings\`: unknown field \`${unknown}\``);
      }
      const minutes = change.idle_lock_minutes;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 30) {
        return reject("invalid_input", `idle_lock_minutes is ${minutes}: it must be from 1 to 30 minutes.`);
      }
      if (!["sq", "en", "sr"].includes(change.language)) {
        return Promise.reject(
          `invalid args \`change\` for command \`save_settings\`: unknown variant \`${change.language}\``,
        );
      }
      const printer = typeof change.printer === "string" && change.printer.trim() !== "" ? change.printer : null;
      Object.assign(settings, { printer, idle_lock_minutes: minutes, language: change.language });
      kiosk.supervisorCalls.push({ cmd: "save_settings", change });
      return null;
    },
  });

  // The status bar counts what waits for review, as kiosk_core::store::queue_status does.
  const status = kiosk.commands.kiosk_status;
  kiosk.commands.kiosk_status = (args) =>
    Promise.resolve(status(args)).then((answer) => {
      const open = outbox.filter((r) => r.retried_as_seq === null);
      answer.queue.rejected = open.filter((r) => r.state === "rejected").length;
      answer.queue.conflict = open.filter((r) => r.state === "conflict").length;
      return answer;
    });

  kiosk.supervisorCalls = [];
  kiosk.settings = settings;
})();
