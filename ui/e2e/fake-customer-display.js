// A stand-in for Rust's side of the customer's window (src-tauri/src/commands/customer_display.rs,
// kiosk_core::handoff and the announcements of src-tauri/src/kiosk.rs), loaded after
// fake-kiosk.js by e2e/harness.ts. It holds one offer as Rust does: the clerk offers (replacing an
// earlier offer) or withdraws; the customer's window reads the state, reports reading / choosing /
// signing, and submits, refused as Rust refuses (`offer_gone`, `offer_submitted`, the choices, the
// signature: empty; under 20 points or under a quarter of the pad's width of ink). Each change
// sends `customer-display` (the customer's window reads again) and `customer-display-progress`
// (the clerk's window), with the same payloads.
//
// Tests steer it through `window.__fakeCustomerDisplay`: `clerk.offer(content)` and
// `clerk.withdraw()` play the clerk's window without its commands (a page of the customer's window
// has no clerk), `resultShape` ("app": `{step, submission}`, as src-tauri answers; "contract": the
// contract's `null | {choices, signature}`), and they read `ipc` (every command the page sent, with
// its arguments, in order), `progress` (the steps reported) and `submitted` (what was handed in).
(() => {
  const kiosk = window.__fakeKiosk;
  const reject = kiosk.reject;
  const fake = { offer: null, ipc: [], progress: [], submitted: [], resultShape: "app", opened: 0 };
  window.__fakeCustomerDisplay = fake;

  // Every command with its arguments, whoever answers it: what the window sends is the test.
  const invoke = window.__TAURI_INTERNALS__.invoke;
  window.__TAURI_INTERNALS__.invoke = (cmd, args) => {
    fake.ipc.push([cmd, structuredClone(args ?? {})]);
    return invoke(cmd, args);
  };

  let serial = 0;
  const mark = () => (fake.offer ? { offer_id: fake.offer.offer_id, step: fake.offer.step } : null);
  /** As Kiosk::with_counter: whatever changed the offer is announced to both windows. */
  function announced(change) {
    const before = mark();
    const answer = change();
    const after = mark();
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      kiosk.emit("customer-display", null);
      if (after) kiosk.emit("customer-display-progress", after);
      else if (before) kiosk.emit("customer-display-progress", { offer_id: before.offer_id, step: "withdrawn" });
    }
    return answer;
  }

  fake.clerk = {
    offer: (content) =>
      announced(() => {
        serial += 1;
        fake.offer = { offer_id: `0193d15c-0000-7000-8000-${String(serial).padStart(12, "0")}`, content, step: "reading", submission: null };
        return fake.offer.offer_id;
      }),
    withdraw: () => announced(() => (fake.offer = null)),
  };

  const gone = () => reject("offer_gone", "The clerk has replaced or withdrawn this offer.");
  const already = () => reject("offer_submitted", "The customer has submitted already.");

  function signatureRefusal(sig) {
    if (!sig || typeof sig !== "object" || !Array.isArray(sig.strokes) || !(sig.width > 0) || !(sig.height > 0)) {
      return Promise.reject("invalid args `signature` for command `customer_display_submit`: missing field `width`");
    }
    const points = sig.strokes.flat();
    if (points.length === 0) return reject("signature_empty", "The customer has not signed yet: ask them to sign on the pad.");
    for (const p of points) {
      if (!Array.isArray(p) || p.length < 3 || p.length > 4 || !p.every((n) => Number.isInteger(n) && n >= 0)) {
        return Promise.reject("invalid args `signature`: a signature point [x, y, t] or [x, y, t, pressure] of whole numbers");
      }
      if (p[0] > sig.width * 10 || p[1] > sig.height * 10) {
        return reject("invalid_input", `A signature point lies outside the ${sig.width}×${sig.height} pad (positions are in tenths of a pixel).`);
      }
    }
    let ink = 0;
    for (const stroke of sig.strokes) {
      for (let i = 1; i < stroke.length; i += 1) ink += Math.hypot(stroke[i][0] - stroke[i - 1][0], stroke[i][1] - stroke[i - 1][1]) / 10;
    }
    if (points.length < 20 || ink < sig.width * 0.25) {
      return reject(
        "signature_too_short",
        "That is too short to be a signature: ask the customer to clear the pad and sign with their usual signature.",
      );
    }
    return null;
  }

  // The signature rule (kiosk_core::capture::signature), for any stand-in that checks one.
  kiosk.signatureRefusal = signatureRefusal;

  function choicesRefusal(choices) {
    if (choices === null || choices === undefined) return null;
    if (!Array.isArray(choices) || choices.length === 0) {
      return reject("invalid_input", "The consent record has no choice: tick or leave each purpose and channel, then sign.");
    }
    const seen = new Set();
    for (const c of choices) {
      if (!["given", "refused", "withdrawn"].includes(c.state)) return Promise.reject(`invalid args \`choices\`: unknown variant \`${c.state}\``);
      const key = `${c.purpose}/${c.channel}`;
      if (seen.has(key)) return reject("invalid_input", `${c.purpose} through ${c.channel} is chosen twice.`);
      seen.add(key);
    }
    return null;
  }

  Object.assign(kiosk.commands, {
    // The clerk's window.
    open_customer_display: () => {
      fake.opened += 1;
      return { opened: true, second_monitor: true };
    },
    offer_to_customer: ({ offer }) => {
      if (!offer || typeof offer !== "object" || Array.isArray(offer)) return reject("invalid_input", "An offer to the customer is a JSON object.");
      return { offer_id: fake.clerk.offer(offer) };
    },
    customer_display_result: ({ offerId }) => {
      const o = fake.offer && fake.offer.offer_id === offerId ? fake.offer : null;
      if (fake.resultShape === "contract") return o ? o.submission : null;
      return o ? { step: o.step, submission: o.submission } : { step: "withdrawn", submission: null };
    },
    withdraw_offer: () => {
      fake.clerk.withdraw();
      return null;
    },
    // The customer's window.
    customer_display_state: () =>
      fake.offer ? { state: "offer", offer_id: fake.offer.offer_id, offer: fake.offer.content, step: fake.offer.step } : { state: "idle" },
    customer_display_progress: ({ offerId, step }) =>
      announced(() => {
        const o = fake.offer;
        if (!o || o.offer_id !== offerId) return gone();
        if (!["reading", "choosing", "signing"].includes(step)) {
          return reject("invalid_input", "The customer's window reports reading, choosing or signing.");
        }
        if (o.submission) return already();
        fake.progress.push(step);
        o.step = step;
        return null;
      }),
    customer_display_submit: ({ offerId, choices, signature }) =>
      announced(() => {
        const o = fake.offer;
        if (!o || o.offer_id !== offerId) return gone();
        if (o.submission) return already();
        const refused = choicesRefusal(choices) ?? signatureRefusal(signature);
        if (refused) return refused;
        o.submission = { choices: choices ?? null, signature };
        o.step = "submitted";
        fake.submitted.push(o.submission);
        return {};
      }),
  });
})();
