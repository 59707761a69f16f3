// The kiosk's three languages for the screens' own words. The policy's vocabulary (categories,
// purposes, channels, rights) is not here: it comes from Rust (the `vocabulary` command), defined
// once beside the wire types. Serbian is written in Cyrillic, as everywhere in the product.

export type Lang = "sq" | "en" | "sr";

export const LANGS: readonly Lang[] = ["sq", "en", "sr"];

/** The BCP 47 tag for `lang` attributes and date formatting. */
export function langTag(lang: Lang): string {
  return lang === "sr" ? "sr-Cyrl" : lang;
}

/** One piece of text in each language. */
export type Text = Readonly<Record<Lang, string>>;

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
