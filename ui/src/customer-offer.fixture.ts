// A consent offer as the clerk's window builds it (the capture contract's "Customer display"), for
// the unit tests. The notice is the demo's.

export const notice = {
  notice_id: "consent-notice",
  version: 3,
  lang: "en",
  title: "Consent to marketing",
  text: "IPKO will use your personal information for direct marketing purposes only upon your consent.",
  text_sha256: "b2".padEnd(64, "0"),
  published_at: "2026-01-15T08:00:00Z",
};

export const consentOffer = {
  kind: "consent",
  lang: "en",
  notice,
  choices: [
    { purpose: "current_offers", channel: "sms_mms", state: "given" },
    { purpose: "current_offers", channel: "email", state: "refused" },
    { purpose: "help_us_be_better", channel: null, state: "refused" },
  ],
  current: null,
};
