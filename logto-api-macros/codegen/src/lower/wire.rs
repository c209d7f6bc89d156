//! How values travel: the media type chosen for a request body or a success response, and the
//! `style`/`explode` of parameters and of form-body properties.
//!
//! # Media types
//!
//! Every media type has an encoding; none is refused:
//!
//! | media type (essence)                        | request body                        | answer                |
//! | ------------------------------------------- | ----------------------------------- | --------------------- |
//! | `application/json`, any `*/*+json`          | the schema's type, as JSON          | the schema's type     |
//! | `application/x-www-form-urlencoded`         | an object, form-encoded             | raw bytes             |
//! | `multipart/form-data`                       | an object, one part per property    | raw bytes             |
//! | `text/*`                                    | `impl Into<String>`, sent as is     | `String` (never lossy)|
//! | anything else (`application/octet-stream`, `image/png`, `*/*`, ...) | `impl Into<logto_api::Bytes>`, sent unchanged | `logto_api::Bytes`, exact |
//!
//! The schema of a text or bytes body is not consulted (only whole bodies become bytes: a
//! `format: binary` string inside JSON stays a `String`).
//!
//! When a body or an answer lists several media types, one is chosen by this preference:
//! **JSON, then form, then multipart, then text, then bytes**; among several of the same kind,
//! the first listed. A request is sent with the chosen media type as its `Content-Type`, except
//! that a wildcard is sent as `text/plain` (`text/*`) or `application/octet-stream` (any other).
//!
//! # Styles
//!
//! Parameters follow OpenAPI 3.0.3's "Style Values" table: query `form` (default, exploded by
//! default), `spaceDelimited`, `pipeDelimited`, `deepObject`; path `simple` (default), `label`,
//! `matrix`; header `simple`; cookie `form` (exploded by default). Every other style defaults
//! `explode` to false, except `deepObject`, which only exists exploded: without `explode` it is
//! taken as exploded. A form body's properties take the style of their entry in the media
//! type's `encoding` map, else `form`, exploded (arrays repeat their name).
//!
//! Combinations the "Style Examples" table leaves undefined are diagnostics:
//! `spaceDelimited`/`pipeDelimited` on a scalar or with `explode: true`, `deepObject` on
//! anything but an object or with `explode: false`. (A style that does not exist for a location
//! at all, such as `deepObject` on a path parameter, is refused when the document is loaded.)
//! For a union or a schema without a type the shape is only known at run time, so every style
//! is accepted and the runtime renders whatever value comes.

use super::Lowerer;
use crate::diag::child;
use crate::ir::{BodyEncoding, PropertyStyle, Style, TypeKind, TypeRef};
use openapiv3::{MediaType, Parameter, QueryStyle};

/// The encoding of media type `media` (as in a `content` map), whatever its schema.
pub fn classify(media: &str) -> BodyEncoding {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => BodyEncoding::Json,
        m if m.ends_with("+json") => BodyEncoding::Json,
        "application/x-www-form-urlencoded" => BodyEncoding::Form,
        "multipart/form-data" => BodyEncoding::Multipart,
        m if m.starts_with("text/") => BodyEncoding::Text,
        _ => BodyEncoding::Bytes,
    }
}

fn rank(encoding: BodyEncoding) -> u8 {
    match encoding {
        BodyEncoding::Json => 0,
        BodyEncoding::Form => 1,
        BodyEncoding::Multipart => 2,
        BodyEncoding::Text => 3,
        BodyEncoding::Bytes => 4,
    }
}

/// The media type a request body is sent with, by the preference in the module docs.
pub(crate) fn pick_request(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType, BodyEncoding)> {
    content
        .iter()
        .map(|(media, m)| (media, m, classify(media)))
        // `min_by_key` keeps the first of equal keys.
        .min_by_key(|(_, _, encoding)| rank(*encoding))
}

/// The media type an answer is read as: JSON, then text, then bytes (an answer in a form or
/// multipart encoding is kept as bytes).
pub(crate) fn pick_response(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Option<(&String, &MediaType, BodyEncoding)> {
    content
        .iter()
        .map(|(media, m)| {
            let encoding = match classify(media) {
                BodyEncoding::Form | BodyEncoding::Multipart => BodyEncoding::Bytes,
                other => other,
            };
            (media, m, encoding)
        })
        .min_by_key(|(_, _, encoding)| rank(*encoding))
}

/// The `Content-Type` to send for `media`: as written, unless it is a wildcard.
pub(crate) fn content_type(media: &str, encoding: BodyEncoding) -> String {
    if !media.contains('*') {
        return media.trim().to_owned();
    }
    match encoding {
        BodyEncoding::Text => "text/plain".to_owned(),
        BodyEncoding::Json => "application/json".to_owned(),
        _ => "application/octet-stream".to_owned(),
    }
}

/// What a value looks like to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Array,
    Object,
    /// A union or untyped value: known at run time only.
    Unknown,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Scalar => "a scalar",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Unknown => "a value",
        }
    }
}

fn query_style(style: &QueryStyle) -> Style {
    match style {
        QueryStyle::Form => Style::Form,
        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
        QueryStyle::PipeDelimited => Style::PipeDelimited,
        QueryStyle::DeepObject => Style::DeepObject,
    }
}

/// `explode` when the document does not say: true for `form` (and `deepObject`, which is
/// defined only exploded), false for the others.
fn default_explode(style: Style) -> bool {
    matches!(style, Style::Form | Style::DeepObject)
}

/// Why `style` with `explode` (as written, if it was) is undefined for a value of `kind`.
fn undefined(style: Style, explode: Option<bool>, kind: Kind) -> Option<String> {
    let name = style.as_str();
    match style {
        Style::SpaceDelimited | Style::PipeDelimited if kind == Kind::Scalar => Some(format!(
            "`style: {name}` is defined for arrays and objects only, not for {}",
            kind.noun()
        )),
        Style::SpaceDelimited | Style::PipeDelimited if explode == Some(true) => Some(format!(
            "`style: {name}` with `explode: true` is not defined by OpenAPI 3.0 (`style: form` repeats the name)"
        )),
        Style::DeepObject if matches!(kind, Kind::Scalar | Kind::Array) => Some(format!(
            "`style: deepObject` is defined for objects only, not for {}",
            kind.noun()
        )),
        Style::DeepObject if explode == Some(false) => Some(
            "`style: deepObject` with `explode: false` is not defined by OpenAPI 3.0".to_owned(),
        ),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// The style and `explode` of a parameter of type `ty`, reporting undefined combinations
    /// at `ptr` (the parameter).
    pub(crate) fn param_style(&mut self, p: &Parameter, ty: &TypeRef, ptr: &str) -> (Style, bool) {
        let explode = p.parameter_data_ref().explode;
        let style = match p {
            Parameter::Query { style, .. } => query_style(style),
            Parameter::Path { style, .. } => match style {
                openapiv3::PathStyle::Simple => Style::Simple,
                openapiv3::PathStyle::Label => Style::Label,
                openapiv3::PathStyle::Matrix => Style::Matrix,
            },
            Parameter::Header { .. } => Style::Simple,
            Parameter::Cookie { .. } => Style::Form,
        };
        if let Some(message) = undefined(style, explode, self.kind(ty)) {
            let location = match p {
                Parameter::Query { .. } => "query",
                Parameter::Path { .. } => "path",
                Parameter::Header { .. } => "header",
                Parameter::Cookie { .. } => "cookie",
            };
            let name = &p.parameter_data_ref().name;
            self.error(
                &child(ptr, "style"),
                format!("{location} parameter `{name}`: {message}"),
            );
        }
        (style, explode.unwrap_or_else(|| default_explode(style)))
    }

    /// The non-default property encodings of a form body of type `ty` whose media type is `m`,
    /// found at `ptr` (the media type object).
    pub(crate) fn form_styles(
        &mut self,
        m: &MediaType,
        ty: &TypeRef,
        ptr: &str,
    ) -> Vec<PropertyStyle> {
        let mut out = Vec::new();
        for (property, encoding) in &m.encoding {
            let e_ptr = child(&child(ptr, "encoding"), property);
            let style = encoding.style.as_ref().map_or(Style::Form, query_style);
            // openapiv3 reads an absent `explode` as false; the default depends on the style.
            let written = self
                .raw
                .pointer(&child(&e_ptr, "explode"))
                .and_then(serde_json::Value::as_bool);
            let kind = self.property_kind(ty, property);
            if let Some(message) = undefined(style, written, kind) {
                self.error(
                    &child(&e_ptr, "style"),
                    format!("form property `{property}`: {message}"),
                );
            }
            let explode = written.unwrap_or_else(|| default_explode(style));
            if (style, explode) != (Style::Form, true) {
                out.push(PropertyStyle {
                    wire: property.clone(),
                    style,
                    explode,
                });
            }
        }
        out
    }

    /// Reports a form body whose type cannot be an object (a form is a list of properties).
    pub(crate) fn check_form_body(&mut self, ty: &TypeRef, ptr: &str) {
        if matches!(self.kind(ty), Kind::Scalar | Kind::Array) {
            self.error(
                ptr,
                "an application/x-www-form-urlencoded body must be an object",
            );
        }
    }

    fn property_kind(&self, ty: &TypeRef, property: &str) -> Kind {
        let TypeRef::Named(name) = ty else {
            return Kind::Unknown;
        };
        let def = self.types.iter().find(|t| &t.name == name);
        match def.map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => s
                .fields
                .iter()
                .find(|f| f.wire == property)
                .map_or(Kind::Unknown, |f| self.kind(&f.ty)),
            _ => Kind::Unknown,
        }
    }

    fn kind(&self, ty: &TypeRef) -> Kind {
        match ty {
            TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Int32
            | TypeRef::UInt32
            | TypeRef::UInt64
            | TypeRef::Number
            | TypeRef::Float
            | TypeRef::Timestamp
            | TypeRef::String
            | TypeRef::File
            | TypeRef::Bytes => Kind::Scalar,
            TypeRef::List(_) => Kind::Array,
            TypeRef::Map(_) => Kind::Object,
            TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => self.kind(inner),
            TypeRef::Any => Kind::Unknown,
            TypeRef::Named(name) => match self.types.iter().find(|t| &t.name == name) {
                Some(t) => match &t.kind {
                    TypeKind::Struct(_) => Kind::Object,
                    TypeKind::Enum(_) => Kind::Scalar,
                    TypeKind::Union(_) => Kind::Unknown,
                    TypeKind::Newtype(inner) => self.kind(inner),
                },
                None => Kind::Unknown,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Style};

    /// Lowers a document with one `GET /x/{id}` operation taking `params` (JSON) and, when given,
    /// a form body with `encoding`.
    fn lower(params: &str, encoding: Option<&str>) -> Result<Api, crate::Diagnostics> {
        let body = encoding.map_or(String::new(), |e| {
            format!(
                r#","requestBody":{{"content":{{"application/x-www-form-urlencoded":{{
                "schema":{{"type":"object","properties":{{"tags":{{"type":"array","items":{{"type":"string"}}}},
                "who":{{"type":"object","properties":{{"a":{{"type":"string"}}}}}},"n":{{"type":"integer"}}}}}},
                "encoding":{e}}}}}}}"#
            )
        });
        let doc = format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x/{{id}}":{{"post":{{
            "operationId":"PostX","parameters":[{{"name":"id","in":"path","required":true,"schema":{{"type":"string"}}}},{params}]
            {body},"responses":{{"204":{{"description":"ok"}}}}}}}}}}}}"#
        );
        let doc = crate::load::load_str("s.json", &doc)?;
        crate::lower::lower(&doc)
    }

    fn errors(params: &str, encoding: Option<&str>) -> Vec<String> {
        match lower(params, encoding) {
            Ok(_) => Vec::new(),
            Err(d) => {
                d.0.iter()
                    .map(|d| format!("{} {}", d.pointer, d.message))
                    .collect()
            }
        }
    }

    const ARRAY: &str = r#"{"type":"array","items":{"type":"integer"}}"#;
    const OBJECT: &str = r#"{"type":"object","properties":{"a":{"type":"integer"}}}"#;

    fn query(style: &str, explode: Option<bool>, schema: &str) -> String {
        let explode = explode.map_or(String::new(), |e| format!(r#","explode":{e}"#));
        format!(r#"{{"name":"q","in":"query","style":"{style}"{explode},"schema":{schema}}}"#)
    }

    #[test]
    fn defined_combinations_lower_with_their_defaults() {
        let cases = [
            (query("form", None, ARRAY), Style::Form, true),
            (query("form", Some(false), OBJECT), Style::Form, false),
            (
                query("spaceDelimited", None, ARRAY),
                Style::SpaceDelimited,
                false,
            ),
            (
                query("pipeDelimited", Some(false), OBJECT),
                Style::PipeDelimited,
                false,
            ),
            (query("deepObject", None, OBJECT), Style::DeepObject, true),
            (
                query("deepObject", Some(true), OBJECT),
                Style::DeepObject,
                true,
            ),
            (
                r#"{"name":"h","in":"header","schema":{"type":"array","items":{"type":"string"}}}"#
                    .to_owned(),
                Style::Simple,
                false,
            ),
            (
                r#"{"name":"c","in":"cookie","schema":{"type":"array","items":{"type":"string"}}}"#
                    .to_owned(),
                Style::Form,
                true,
            ),
        ];
        for (param, style, explode) in cases {
            let api = lower(&param, None).unwrap_or_else(|e| panic!("{param}: {e}"));
            let op = api.operations().next().expect("one operation");
            let p = &op.params[1];
            assert_eq!((p.style, p.explode), (style, explode), "{param}");
        }
    }

    #[test]
    fn undefined_query_combinations_name_the_parameter_pointer() {
        let at = "/paths/~1x~1{id}/post/parameters/1/style";
        let cases = [
            (
                query("deepObject", Some(true), ARRAY),
                "`style: deepObject` is defined for objects only, not for an array",
            ),
            (
                query("deepObject", None, r#"{"type":"string"}"#),
                "not for a scalar",
            ),
            (
                query("deepObject", Some(false), OBJECT),
                "`style: deepObject` with `explode: false` is not defined",
            ),
            (
                query("spaceDelimited", None, r#"{"type":"integer"}"#),
                "`style: spaceDelimited` is defined for arrays and objects only",
            ),
            (
                query("pipeDelimited", Some(true), ARRAY),
                "`style: pipeDelimited` with `explode: true` is not defined",
            ),
        ];
        for (param, expected) in cases {
            let found = errors(&param, None);
            assert!(
                found.len() == 1 && found[0].starts_with(at) && found[0].contains(expected),
                "{param}: {found:?}"
            );
            assert!(found[0].contains("query parameter `q`"), "{found:?}");
        }
    }

    #[test]
    fn styles_a_location_does_not_have_are_refused_at_their_pointer() {
        let params = r#"{"name":"q","in":"query","style":"matrix","schema":{"type":"string"}},
            {"name":"h","in":"header","style":"form","schema":{"type":"string"}}"#;
        let found = errors(params, None);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("/paths/~1x~1{id}/post/parameters/1/style `style: matrix` is not defined for query parameters"), "{found:?}");
        assert!(found[1].starts_with("/paths/~1x~1{id}/post/parameters/2/style `style: form` is not defined for header parameters"), "{found:?}");
        // Path-level parameters too, and every problem at once.
        let doc = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/y/{id}":{
            "parameters":[{"name":"id","in":"path","required":true,"style":"deepObject","schema":{"type":"object"}}],
            "get":{"parameters":[{"name":"s","in":"path","required":true,"style":"spaceDelimited","schema":{"type":"string"}}],
            "responses":{"204":{"description":"ok"}}}}}}"#;
        let err = crate::load::load_str("p.json", doc).unwrap_err();
        let pointers: Vec<&str> = err.0.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1y~1{id}/parameters/0/style",
                "/paths/~1y~1{id}/get/parameters/0/style"
            ]
        );
        assert!(err.0[0]
            .message
            .contains("`style: deepObject` is not defined for path parameters"));
    }

    #[test]
    fn form_encodings_are_checked_and_keep_only_what_differs() {
        let api = lower(
            r#"{"name":"q","in":"query","schema":{"type":"string"}}"#,
            Some(r#"{"tags":{"style":"form"},"who":{"style":"deepObject"},"n":{"style":"form","explode":false}}"#),
        )
        .expect("lowers");
        let body = api
            .operations()
            .next()
            .and_then(|o| o.body.clone())
            .expect("body");
        let styles: Vec<_> = body
            .styles
            .iter()
            .map(|s| (s.wire.as_str(), s.style, s.explode))
            .collect();
        assert_eq!(
            styles,
            [("who", Style::DeepObject, true), ("n", Style::Form, false)]
        );
        let found = errors(
            r#"{"name":"q","in":"query","schema":{"type":"string"}}"#,
            Some(r#"{"tags":{"style":"deepObject"}}"#),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("/paths/~1x~1{id}/post/requestBody/content/application~1x-www-form-urlencoded/encoding/tags/style form property `tags`: `style: deepObject` is defined for objects only"), "{found:?}");
    }

    #[test]
    fn media_types_pick_by_preference() {
        use super::{classify, content_type};
        use crate::ir::BodyEncoding as E;
        assert_eq!(classify("application/problem+json"), E::Json);
        assert_eq!(classify("Application/JSON; charset=utf-8"), E::Json);
        assert_eq!(classify("text/x-markdown"), E::Text);
        assert_eq!(classify("image/png"), E::Bytes);
        assert_eq!(classify("*/*"), E::Bytes);
        assert_eq!(content_type("text/*", E::Text), "text/plain");
        assert_eq!(
            content_type("image/*", E::Bytes),
            "application/octet-stream"
        );
        assert_eq!(
            content_type("text/csv; charset=utf-8", E::Text),
            "text/csv; charset=utf-8"
        );
        let content: indexmap::IndexMap<String, openapiv3::MediaType> = [
            "application/octet-stream",
            "text/plain",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
        ]
        .into_iter()
        .map(|m| (m.to_owned(), Default::default()))
        .collect();
        let pick = |c: &indexmap::IndexMap<String, openapiv3::MediaType>| {
            super::pick_request(c).map(|(m, _, e)| (m.clone(), e))
        };
        assert_eq!(
            pick(&content),
            Some(("application/x-www-form-urlencoded".to_owned(), E::Form))
        );
        let responses = super::pick_response(&content).map(|(m, _, e)| (m.clone(), e));
        assert_eq!(responses, Some(("text/plain".to_owned(), E::Text)));
        let mut with_json = content.clone();
        with_json.insert("application/vnd.x+json".to_owned(), Default::default());
        assert_eq!(pick(&with_json).map(|p| p.1), Some(E::Json));
    }
}
