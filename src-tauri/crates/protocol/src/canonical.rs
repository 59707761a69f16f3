//! Canonical JSON of a typed value written directly, without building a `serde_json::Value` tree
//! first: the same bytes as [`crate::mutation::canonical_json`]`(&serde_json::to_value(x))` (object
//! keys sorted at every depth, no white space, numbers and strings as serde_json writes them), at a
//! fraction of the cost for a signature's hundreds of points. A capture waits for this, so it
//! matters: see the enqueue benchmark (kiosk-core's `examples/sync_bench.rs`).
//!
//! Refuses what the tree path would silently turn into something else (a float that is not finite
//! becomes `null` there) and what payloads do not use (maps with non-string keys, bytes); the caller
//! then falls back to the tree path and its checks.

use serde::ser::{self, Serialize};

#[derive(Debug)]
pub struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

type R = Result<(), Unsupported>;

/// The canonical JSON of `value`.
pub fn to_canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Unsupported> {
    let mut out = Vec::with_capacity(4096);
    value.serialize(Writer { out: &mut out })?;
    Ok(out)
}

fn json<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> R {
    serde_json::to_writer(out, v).map_err(|e| Unsupported(e.to_string()))
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// An object being written. Its members are written straight after the object's start, in the
/// order serde gives them, and their spans noted; `finish` then moves them into key order. One
/// scratch copy per object instead of a buffer and a key per member: a signature is hundreds of
/// four-member objects.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    members: Vec<(std::borrow::Cow<'static, str>, std::ops::Range<usize>)>,
    pending_key: Option<String>,
}

impl Object<'_> {
    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: std::borrow::Cow<'static, str>,
        value: &T,
    ) -> R {
        let from = self.out.len();
        value.serialize(Writer { out: self.out })?;
        self.members.push((key, from..self.out.len()));
        Ok(())
    }

    fn finish(mut self) -> R {
        let body = self.out.split_off(self.start);
        self.members.sort_by(|a, b| a.0.cmp(&b.0));
        self.out.push(b'{');
        for (i, (key, span)) in self.members.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            json(self.out, key.as_ref())?;
            self.out.push(b':');
            let span = span.start - self.start..span.end - self.start;
            self.out.extend_from_slice(&body[span]);
        }
        self.out.push(b'}');
        Ok(())
    }
}

struct Array<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b',');
        }
        value.serialize(Writer { out: self.out })
    }

    fn finish(self) -> R {
        self.out.push(b']');
        Ok(())
    }
}

fn unsupported(what: &str) -> Unsupported {
    Unsupported(format!("{what} is not written canonically here"))
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> R {
        json(self.out, &v)
    }
    fn serialize_i8(self, v: i8) -> R {
        json(self.out, &v)
    }
    fn serialize_i16(self, v: i16) -> R {
        json(self.out, &v)
    }
    fn serialize_i32(self, v: i32) -> R {
        json(self.out, &v)
    }
    fn serialize_i64(self, v: i64) -> R {
        json(self.out, &v)
    }
    fn serialize_u8(self, v: u8) -> R {
        json(self.out, &v)
    }
    fn serialize_u16(self, v: u16) -> R {
        json(self.out, &v)
    }
    fn serialize_u32(self, v: u32) -> R {
        json(self.out, &v)
    }
    fn serialize_u64(self, v: u64) -> R {
        json(self.out, &v)
    }
    fn serialize_f32(self, v: f32) -> R {
        // The tree path stores an f32 as the f64 of the same value and writes that.
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R {
        if !v.is_finite() {
            return Err(unsupported("a number that is not finite"));
        }
        json(self.out, &v)
    }
    fn serialize_char(self, v: char) -> R {
        json(self.out, &v)
    }
    fn serialize_str(self, v: &str) -> R {
        json(self.out, v)
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> R {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        json(self.out, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        let start = self.out.len();
        let mut object = Object {
            out: self.out,
            start,
            members: Vec::with_capacity(1),
            pending_key: None,
        };
        object.member(variant.into(), value)?;
        object.finish()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'a>, Unsupported> {
        self.out.push(b'[');
        Ok(Array {
            out: self.out,
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(unsupported("a tuple variant"))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Object<'a>, Unsupported> {
        let start = self.out.len();
        Ok(Object {
            out: self.out,
            start,
            members: Vec::with_capacity(len.unwrap_or(8)),
            pending_key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Object<'a>, Unsupported> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(unsupported("a struct variant"))
    }
}

impl ser::SerializeSeq for Array<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeTuple for Array<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Array<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        self.element(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        self.member(key.into(), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        // Only string keys, as JSON objects have.
        let value = serde_json::to_value(key).map_err(|e| Unsupported(e.to_string()))?;
        match value {
            serde_json::Value::String(s) => {
                self.pending_key = Some(s);
                Ok(())
            }
            _ => Err(unsupported("a map key that is not a string")),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| unsupported("a map value without its key"))?;
        self.member(key.into(), value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mutation::canonical_json;

    #[test]
    fn the_direct_writer_matches_the_tree_path_on_signed_payloads() {
        use crate::mutation::{Signature, SignaturePoint};
        for seed in 0..50u32 {
            let strokes = (0..(1 + seed % 4))
                .map(|s| {
                    (0..(20 + seed * 3))
                        .map(|i| SignaturePoint {
                            x: seed * 31 + s * 7 + i,
                            y: i * i + seed,
                            t: i * 17,
                            pressure: (i % 3 != 0).then_some((i % 1001) as u16),
                        })
                        .collect()
                })
                .collect();
            let signature = Signature {
                width: 640,
                height: 240,
                strokes,
            };
            let tree = serde_json::to_value(&signature).unwrap_or_default();
            assert_eq!(to_canonical(&signature).ok(), Some(canonical_json(&tree)));
        }
    }

    #[test]
    fn awkward_values_match_or_are_refused() {
        let value = serde_json::json!({
            "z": [1, -2, 3.5, 1e300, 0.1, "a\"b\\c\u{7f}\u{1f}é😀", null, true],
            "a": {"y": {}, "x": []},
            "m": 18446744073709551615u64,
        });
        assert_eq!(to_canonical(&value).ok(), Some(canonical_json(&value)));
        let small: f32 = 0.1;
        assert_eq!(
            to_canonical(&small).ok(),
            Some(canonical_json(&serde_json::json!(small)))
        );
        assert!(to_canonical(&f32::NAN).is_err());
        assert!(to_canonical(&f64::INFINITY).is_err());
    }
}
