//! The intermediate representation: plain data with every Rust name already decided.
//!
//! Lowering fills it; emitting only reads it. Keeping it free of token streams makes it easy to
//! assert on in tests and to count things (`cargo xtask check-spec` prints these counts).

/// A whole generated API.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// `info.title` of the document.
    pub title: String,
    /// Types in the order they were first needed.
    pub types: Vec<TypeDef>,
    /// Operations grouped by their first tag.
    pub groups: Vec<Group>,
}

impl Api {
    /// Every operation, in group order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }
}

/// Operations sharing a tag, reached through one accessor (`client.experience()`).
#[derive(Debug, Clone)]
pub struct Group {
    /// The tag as written in the document.
    pub tag: String,
    /// Accessor method name, snake_case.
    pub accessor: String,
    /// Name of the struct holding the operations, PascalCase.
    pub struct_name: String,
    /// Operations in document order.
    pub operations: Vec<Operation>,
}

/// A reference to a Rust type as a field, parameter or body would write it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `bool`
    Bool,
    /// `i64`: `integer` without a format, or `format: int64`.
    Integer,
    /// `i32`: `format: int32`.
    Int32,
    /// `u32`: `format: uint32`.
    UInt32,
    /// `u64`: `format: uint64`.
    UInt64,
    /// `f64`: `number` without a format, or `format: double`.
    Number,
    /// `f32`: `format: float`.
    Float,
    /// `logto_api::Timestamp`: `integer` with `format: unixtime-ms`, whole milliseconds since
    /// the Unix epoch (an `i64` on the wire).
    Timestamp,
    /// `String`
    String,
    /// `serde_json::Value`: the spec gives no usable type.
    Any,
    /// A generated type, by name.
    Named(String),
    /// `Vec<T>`
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`
    Map(Box<TypeRef>),
    /// `Box<T>`, to break a recursive cycle.
    Boxed(Box<TypeRef>),
    /// `Option<T>` where the schema allows `null` in a place that has no field to carry it: an
    /// item of a list, a value of a map, a whole answer.
    Nullable(Box<TypeRef>),
    /// A file part of a multipart body (`logto_api::FilePart`).
    File,
    /// Raw bytes (`logto_api::Bytes`): a whole request or response body of a media type that is
    /// neither JSON, text nor a form. A `format: binary` string inside JSON stays a `String`.
    Bytes,
}

impl TypeRef {
    /// A type that is an integer on the wire (`i64`, `i32`, `u32`, `u64`, `Timestamp`).
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            TypeRef::Integer
                | TypeRef::Int32
                | TypeRef::UInt32
                | TypeRef::UInt64
                | TypeRef::Timestamp
        )
    }

    /// Any number type, integer or floating point.
    pub fn is_number(&self) -> bool {
        self.is_integer() || matches!(self, TypeRef::Number | TypeRef::Float)
    }
}

/// A generated type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// PascalCase name, unique in the module.
    pub name: String,
    /// Raw description from the spec, if any.
    pub doc: Option<String>,
    /// Where the schema was first found (for docs and diagnostics).
    pub pointer: String,
    /// What kind of type it is.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// An open string enum: known values plus a variant that keeps any other string.
    Enum(Vec<EnumValue>),
    /// A `oneOf`/`anyOf`.
    Union(Union),
    /// A name for a list, map or other type that refers to itself (`A: {type: array, items:
    /// {$ref: A}}`): Rust cannot write such a type without a name, so it becomes a newtype
    /// that is transparent on the wire.
    Newtype(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields in property order.
    pub fields: Vec<Field>,
    /// Type of `additionalProperties` beside the named fields, if allowed.
    pub extra: Option<TypeRef>,
    /// A `multipart/form-data` body: sent as form parts, never as JSON.
    pub multipart: bool,
}

/// A property of an object.
#[derive(Debug, Clone)]
pub struct Field {
    /// snake_case Rust name.
    pub name: String,
    /// Name on the wire.
    pub wire: String,
    /// Type of a present, non-null value.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Optional, nullable and in a type reachable from the body of a PATCH operation, where
    /// absent, `null` and a value are three different requests: `logto_api::Patch<T>` rather
    /// than `Option<T>`. Decided on the whole API once lowering is done (`lower::patch`).
    pub patch: bool,
    /// Raw description.
    pub doc: Option<String>,
}

/// One known value of an open string enum.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// PascalCase variant name.
    pub name: String,
    /// The string on the wire.
    pub wire: String,
}

/// A union of several schemas.
#[derive(Debug, Clone)]
pub struct Union {
    /// The property whose string literal tells the branches apart, when there is one.
    pub tag: Option<String>,
    /// Branches in the order they are tried (untagged) or listed (tagged).
    pub variants: Vec<Variant>,
}

/// One branch of a union.
#[derive(Debug, Clone)]
pub struct Variant {
    /// PascalCase variant name.
    pub name: String,
    /// Value of the tag property for this branch (tagged unions only).
    pub tag_value: Option<String>,
    /// The branch's payload.
    pub ty: TypeRef,
    /// What an untagged union's branch says its properties hold (empty for tagged unions):
    /// the decoder tries the branches whose pins a value agrees with before the others.
    pub pins: Vec<Pin>,
}

/// A property that an object branch of an untagged union pins to a few literal values, and
/// that another branch pins differently or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The property's name on the wire.
    pub property: String,
    /// Whether the branch requires the property (else it may also be absent).
    pub required: bool,
    /// The values the property may hold.
    pub values: Vec<Literal>,
}

/// A JSON literal a [`Pin`] allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Literal {
    /// A string (`enum` or Logto's `format: "\"X\""`).
    String(String),
    /// `true` or `false` (Logto's `format: "true"` on a boolean).
    Bool(bool),
    /// A whole number (an integer `enum`).
    Integer(i64),
    /// `null`, for a nullable property.
    Null,
}

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
    /// TRACE
    Trace,
}

impl Method {
    /// Upper-case method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
        }
    }
}

/// An API operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` as written.
    pub id: String,
    /// snake_case method name on the group.
    pub method_name: String,
    /// PascalCase name of the request builder.
    pub builder: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/api/users/{userId}`.
    pub path: String,
    /// `summary` from the spec.
    pub summary: Option<String>,
    /// `description` from the spec.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Parameters: path parameters first in path order, then the others in spec order.
    pub params: Vec<Param>,
    /// Request body, if any.
    pub body: Option<Body>,
    /// Success responses (2xx/3xx) in spec order.
    pub responses: Vec<Response>,
    /// What a successful call returns.
    pub output: Output,
    /// Error answers (4xx, 5xx, `4XX`, `5XX`, `default`) documented with a JSON body, in spec
    /// order.
    pub errors: Vec<ErrorAnswer>,
    /// Name of the `{Op}ErrorBody` enum that decodes them from an error, when there are any.
    pub error_body: Option<String>,
    /// Set when the operation pages through a list with `page`/`page_size`.
    pub paging: Option<Paging>,
}

/// A list operation that pages with Logto's `page` and `page_size` query parameters and answers
/// with a JSON array (the total count comes in the `Total-Number` header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// Rust name of the `page` parameter.
    pub page: String,
    /// Rust name of the `page_size` parameter.
    pub page_size: String,
    /// The type of one item.
    pub item: TypeRef,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire.
    pub wire: String,
    /// snake_case Rust name, unique among the operation's arguments.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Its type.
    pub ty: TypeRef,
    /// Required (path parameters always are).
    pub required: bool,
    /// How arrays and objects are written (`style`; the location's default when absent).
    pub style: Style,
    /// For arrays and objects: one pair, cookie or `k=v` per item (`explode`) or joined.
    pub explode: bool,
    /// Raw description.
    pub doc: Option<String>,
}

/// OpenAPI 3.0's `style` of a parameter or of a form body's property (see "Style Values").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`: the query and cookie default.
    Form,
    /// `spaceDelimited` (query).
    SpaceDelimited,
    /// `pipeDelimited` (query).
    PipeDelimited,
    /// `deepObject` (query).
    DeepObject,
    /// `simple`: the path and header default.
    Simple,
    /// `label` (path).
    Label,
    /// `matrix` (path).
    Matrix,
}

impl Style {
    /// The name of the style as OpenAPI writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
        }
    }
}

/// How a request body is encoded (see `lower::wire` for how one is chosen among several media
/// types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json` or any `+json` type.
    Json,
    /// `application/x-www-form-urlencoded`
    Form,
    /// `multipart/form-data`
    Multipart,
    /// `text/*`: a `String` sent as it is.
    Text,
    /// Any other media type: raw bytes sent unchanged.
    Bytes,
}

/// The `style` and `explode` of one property of a form body, from the media type's `encoding`
/// map; only properties that differ from the default (`form`, exploded) are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyStyle {
    /// The property's name on the wire.
    pub wire: String,
    /// Its style.
    pub style: Style,
    /// Its `explode`.
    pub explode: bool,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// The encoding used.
    pub encoding: BodyEncoding,
    /// The `Content-Type` sent (the document's media type; `text/plain` or
    /// `application/octet-stream` for a wildcard such as `text/*` or `*/*`).
    pub media: String,
    /// For form bodies: the properties whose encoding is not the default.
    pub styles: Vec<PropertyStyle>,
    /// The Rust type of the body.
    pub ty: TypeRef,
    /// `requestBody.required`.
    pub required: bool,
    /// Raw description.
    pub doc: Option<String>,
}

/// How the body of one success response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// No body (or one to ignore).
    Empty,
    /// Text, kept as a `String`.
    Text,
    /// Raw bytes, kept exactly (`logto_api::Bytes`).
    Bytes,
    /// JSON of this type.
    Json(TypeRef),
}

/// One documented success status.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code (2xx/3xx) or `None` for `2XX`/`default`-style ranges.
    pub status: Option<u16>,
    /// The statuses this response covers, inclusive: `(204, 204)` for `204`, `(200, 299)` for
    /// `2XX`.
    pub covers: (u16, u16),
    /// How its body is read.
    pub payload: Payload,
    /// Raw description.
    pub doc: Option<String>,
}

/// One documented error answer with a JSON body.
#[derive(Debug, Clone)]
pub struct ErrorAnswer {
    /// The statuses it covers, inclusive (`(404, 404)`, `(400, 499)` for `4XX`), or `None` for
    /// `default`: every error status no other answer covers.
    pub covers: Option<(u16, u16)>,
    /// PascalCase variant of the `{Op}ErrorBody` enum (`NotFound`, `ClientError`, `Default`).
    pub variant: String,
    /// The type its body decodes into.
    pub ty: TypeRef,
    /// Raw description.
    pub doc: Option<String>,
}

/// What `send()` returns inside `ApiResponse<_>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// `()`: no success response has a body.
    Unit,
    /// `String`: bodies are text.
    Text,
    /// `logto_api::Bytes`: bodies are raw bytes.
    Bytes,
    /// `T`: every success response is this JSON type.
    Json(TypeRef),
    /// `Option<T>`: some success responses are this JSON type, the others are empty.
    OptionalJson(TypeRef),
    /// A generated enum with one variant per success status (`{Op}Outcome`).
    PerStatus(String),
}
