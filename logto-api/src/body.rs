//! Reading and decoding answer bodies within bounds: a size limit enforced while the body
//! streams in, and a nesting limit with a stack that grows on the heap while JSON is decoded.

use crate::error::{Error, Result};
use bytes::{Bytes, BytesMut};
use serde::de::DeserializeOwned;

/// The default [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size):
/// 16 MiB. Logto's largest answers are its OpenAPI documents (`GET /api/swagger.json` is about
/// 0.85 MB from Logto 1.42) and list pages, whose size the caller bounds with `page_size`.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

/// How deep decoded JSON may nest. Logto stores `customData` and other free-form JSON as the
/// caller sent it, so this is well above what an application writes (1,000 levels round-trip),
/// while a hostile body nested 100,000 deep is refused before it is decoded. Decoding has no
/// stack limit (see `from_json_slice`), but the caller drops what it gets on its own stack:
/// at this depth the deepest generated types (recursive unions of maps) still drop within a
/// 2 MiB tokio worker stack in an unoptimized build, where 4,096 levels did not.
pub const MAX_JSON_DEPTH: usize = 2048;

/// Reads `response`'s body, giving up as soon as it is known to exceed `limit` bytes: from its
/// `Content-Length` before reading anything, else while the chunks arrive. Dropping a response
/// with unread body closes its connection instead of returning it to the pool.
pub(crate) async fn read_limited(
    operation: &'static str,
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Bytes> {
    let status = response.status();
    let too_large = || Error::ResponseTooLarge {
        operation,
        status,
        limit,
    };
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    // Trust the announced length only as far as the limit, and start small without one.
    let capacity = announced.unwrap_or(0).min(limit).min(1 << 20);
    let mut body = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| Error::transport(operation, e))?
    {
        let length = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if length > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Documents nested deeper than this are decoded on a stack of their own (see
/// [`from_json_slice`]); shallower ones, nearly all answers, on the caller's.
const SHALLOW_DEPTH: usize = 64;
/// Stack reserved per level of nesting for a deep document: generous, because a level can cost
/// several kilobytes in an unoptimized build when serde buffers an untagged union's content. It
/// is address space, mapped on demand: only the pages used take memory.
const STACK_PER_LEVEL: usize = 16 * 1024;

/// Decodes JSON of any depth up to [`MAX_JSON_DEPTH`] without overflowing the stack, whatever
/// the target type does with it (serde buffers untagged unions and re-reads them, generated
/// unions decode their branch from a `Value`): a deep document is decoded on a stack sized for
/// its depth, and the nesting serde reads directly also grows its stack as needed
/// (`serde_stacker`). Deeper documents are refused by a scan before any decoding.
pub(crate) fn from_json_slice<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    let depth = nesting_depth(bytes, MAX_JSON_DEPTH);
    if depth > MAX_JSON_DEPTH {
        return Err(serde::de::Error::custom(format!(
            "JSON nested deeper than {MAX_JSON_DEPTH} levels (at least {depth})"
        )));
    }
    let decode = || {
        let mut json = serde_json::Deserializer::from_slice(bytes);
        json.disable_recursion_limit();
        let value = T::deserialize(serde_stacker::Deserializer::new(&mut json))?;
        json.end()?;
        Ok(value)
    };
    if depth <= SHALLOW_DEPTH {
        decode()
    } else {
        stacker::grow((depth + 64) * STACK_PER_LEVEL, decode)
    }
}

/// Encodes `value` as JSON on a growing stack, so whatever [`from_json_slice`] accepted can be
/// sent back.
pub(crate) fn to_json_vec<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut json = serde_json::Serializer::new(&mut out);
    value.serialize(serde_stacker::Serializer::new(&mut json))?;
    Ok(out)
}

/// The deepest nesting in `bytes`, counting no further than `max + 1`; brackets inside strings
/// do not count.
fn nesting_depth(bytes: &[u8], max: usize) -> usize {
    let mut deepest = 0;
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if depth > max {
                    return depth;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::{from_json_slice, nesting_depth, to_json_vec};
    use serde_json::Value;

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth(br#"{"a":"[[[[\"[["}"#, 1), 1);
        assert_eq!(nesting_depth(b"[[[]]]", 2), 3);
        assert_eq!(nesting_depth(b"[[[]]][]", 3), 3);
        assert_eq!(nesting_depth(&b"[".repeat(100), 5), 6);
    }

    #[test]
    fn deep_json_round_trips_and_deeper_json_is_refused() {
        let deep = nested(1000);
        let value: Value = from_json_slice(deep.as_bytes()).expect("1,000 levels decode");
        assert_eq!(to_json_vec(&value).expect("encodes"), deep.as_bytes());
        let hostile = nested(100_000);
        let err = from_json_slice::<Value>(hostile.as_bytes()).expect_err("refused");
        assert!(err.to_string().contains("deeper than"), "{err}");
    }

    /// At the limit, decoding, encoding and dropping stay within a 2 MiB thread stack (a tokio
    /// worker's), in this unoptimized build too.
    #[test]
    fn the_deepest_accepted_json_fits_a_worker_stack() {
        // Objects and arrays in turn: both kinds of container recurse on decode and drop.
        let depth = super::MAX_JSON_DEPTH;
        let deepest = format!(
            "{}0{}",
            r#"{"k":["#.repeat(depth / 2),
            "]}".repeat(depth / 2)
        );
        let expected_len = deepest.len();
        let worker = std::thread::Builder::new().stack_size(2 * 1024 * 1024);
        let handle = worker
            .spawn(move || {
                let value: Value = from_json_slice(deepest.as_bytes()).expect("decodes");
                let encoded = to_json_vec(&value).expect("encodes");
                drop(value);
                encoded.len()
            })
            .expect("thread");
        assert_eq!(handle.join().expect("no overflow"), expected_len);
    }

    #[test]
    fn trailing_data_is_still_an_error() {
        assert!(from_json_slice::<Value>(b"[] x").is_err());
    }
}
