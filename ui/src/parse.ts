// Reading the commands' answers: a shape that differs from Rust's must show as a failure naming the
// field, not as a screen with "undefined" in it or a check silently missing. `what` names the field
// in the message ("report.customer.kind").

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function rec(value: unknown, what: string): Json {
  if (!isRecord(value)) {
    throw new TypeError(`${what} is not an object`);
  }
  return value;
}

export function str(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`${what} is not text`);
  }
  return value;
}

export function optStr(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : str(value, what);
}

export function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`${what} is not true or false`);
  }
  return value;
}

/** A whole number from 0. */
export function count(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${what} is not a count`);
  }
  return value;
}

export function optCount(value: unknown, what: string): number | null {
  return value === null || value === undefined ? null : count(value, what);
}

export function list<T>(value: unknown, what: string, each: (item: unknown, what: string) => T): T[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`${what} is not a list`);
  }
  return value.map((item, i) => each(item, `${what}[${i}]`));
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`${what} is ${JSON.stringify(value)}, none of ${allowed.join(", ")}`);
  }
  return value as T;
}
