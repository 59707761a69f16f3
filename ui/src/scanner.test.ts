import { describe, expect, it } from "vitest";

import { BurstDetector, DEFAULT_BURST } from "./scanner";

// The ICAO 9303 specimen TD1 zone (fictional holder), as a scanner sends it: lines ended by Enter.
const TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];

function keysOf(lines: string[]): string[] {
  return lines.flatMap((line) => [...line, "Enter"]);
}

/** Feeds `keys` `gap` ms apart from `start`; returns the verdicts and the time of the last key. */
function feed(d: BurstDetector, keys: string[], start: number, gap: number) {
  const verdicts = keys.map((k, i) => d.feed(k, start + i * gap).verdict);
  return { verdicts, last: start + (keys.length - 1) * gap };
}

describe("BurstDetector", () => {
  it("takes a scanner's burst as one zone, lines kept", () => {
    const d = new BurstDetector();
    const { last } = feed(d, keysOf(TD1), 1000, 4);
    expect(d.poll(last + 10)).toBeNull();
    expect(d.poll(last + DEFAULT_BURST.endGapMs + 1)).toBe(TD1.join("\n"));
    expect(d.poll(last + 10_000)).toBeNull();
  });

  it("keeps all but the first keys of a burst from the focused field", () => {
    const d = new BurstDetector();
    const { verdicts } = feed(d, keysOf(TD1), 0, 5);
    const passed = verdicts.filter((v) => v === "pass").length;
    expect(passed).toBe(DEFAULT_BURST.swallowAfter - 1);
    expect(verdicts.slice(0, passed).every((v) => v === "pass")).toBe(true);
  });

  it("lets a person type, even fast, and never takes it for a scan", () => {
    const d = new BurstDetector();
    // 90 ms between keys is a quick typist; the odd pair of keys close together happens too.
    let t = 0;
    const verdicts = [];
    for (const [i, key] of [...keysOf(TD1)].entries()) {
      t += i % 7 === 0 ? 20 : 90;
      verdicts.push(d.feed(key, t).verdict);
    }
    expect(verdicts.every((v) => v === "pass")).toBe(true);
    expect(d.poll(t + 1000)).toBeNull();
  });

  it("ignores a short quick burst (a barcode, a key held down)", () => {
    const d = new BurstDetector();
    const { last } = feed(d, [..."4012345678901", "Enter"], 0, 3);
    expect(d.poll(last + 500)).toBeNull();
  });

  it("starts afresh after typing that preceded the scan", () => {
    const d = new BurstDetector();
    feed(d, [..."C-0000"], 0, 200);
    const { last } = feed(d, keysOf(TD1), 2000, 6);
    expect(d.poll(last + 500)).toBe(TD1.join("\n"));
  });

  it("separates two scans that follow each other", () => {
    const d = new BurstDetector();
    const first = feed(d, keysOf(TD1), 0, 4);
    const second = feed(d, keysOf(TD1), first.last + 1000, 4);
    // The first one finished when the second began; each comes out once.
    expect(d.poll(second.last - 1)).toBe(TD1.join("\n"));
    expect(d.poll(second.last + 1000)).toBe(TD1.join("\n"));
  });

  it("survives a hiccup inside a burst", () => {
    const d = new BurstDetector();
    const keys = keysOf(TD1);
    let t = 0;
    for (const [i, key] of keys.entries()) {
      t += i === 40 ? 90 : 4;
      d.feed(key, t);
    }
    expect(d.poll(t + 500)).toBe(TD1.join("\n"));
  });

  it("passes keys that are neither characters nor Enter", () => {
    const d = new BurstDetector();
    expect(d.feed("Shift", 0)).toEqual({ verdict: "pass", burstStarted: false });
    expect(d.feed("Tab", 1)).toEqual({ verdict: "pass", burstStarted: false });
  });
});
