//! Support for generated code, reached only through `logto_api::__private`. Not a public API:
//! it may change in any release.

mod request;
mod serde_support;
mod style;
mod untagged;

pub use crate::paging::paginate;
pub use futures_util::stream::Stream;
pub use request::{encode_path, encode_segment, RawResponse, Request};
pub use reqwest::multipart::Form;
pub use reqwest::Method;
pub use serde_support::{deserialize_str, from_value, serialize_tagged, tag_of, text_value};
pub use style::Style;
pub use untagged::{branch_from_value, decode_untagged, Branch, Literal, Pin};
pub use {serde, serde_json};

/// A multipart body made of named text and file parts.
pub trait IntoMultipart {
    /// The parts to send.
    fn into_form(self) -> Form;
}
