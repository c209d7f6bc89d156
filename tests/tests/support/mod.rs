//! The operation table shared by `round_trip.rs` and `replay.rs`: one entry per operation of
//! `spec/experience.json`, `spec/account.json` and `spec/management.json` (plus a few variants),
//! each with a typed call,
//! the exact request it must put on the wire and a realistic success answer.
//!
//! The expected requests are written out by hand from the OpenAPI documents and the recordings in
//! `../shared/recordings/logto-1.42`, never derived from the generated code, so that a generator
//! mistake shows up as a mismatch instead of being copied into the expectation. The recordings
//! give the shapes only: every value in the table is invented.

// Each test crate that includes this module uses a different subset of it.
#![allow(dead_code)]

/// A typed call as an [`Invoke`] (or, with `|c, v|`, a [`segments::InvokeWith`]): the
/// expression builds the request through the generated client; the macro sends it and re-encodes
/// the answer with [`outcome`].
macro_rules! invoke {
    (|$c:ident| $request:expr) => {
        |$c: logto_api::Client| -> $crate::support::CallFuture {
            Box::pin(async move { $crate::support::outcome($request.send().await) })
        }
    };
    (|$c:ident, $v:ident| $request:expr) => {
        |$c: logto_api::Client, $v: &'static str| -> $crate::support::CallFuture {
            Box::pin(async move { $crate::support::outcome($request.send().await) })
        }
    };
}

mod account;
mod account_mfa;
mod experience;
mod experience_verify;
pub mod json;
mod management;
pub mod multipart;
pub mod segments;
pub mod spec;
pub mod values;

use logto_api::{ApiResponse, Client};
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// A path parameter value that breaks every naive URL builder: `/`, `?`, `#`, a space and a
/// non-ASCII letter. It must arrive as one segment.
pub const HOSTILE: &str = "a/b?c#d e/ü";
/// `HOSTILE` as one percent-encoded path segment.
pub const HOSTILE_ENCODED: &str = "a%2Fb%3Fc%23d%20e%2F%C3%BC";
/// The user access token the Account API cases send (any opaque string does on a mock).
pub const BEARER_TOKEN: &str = "user-access-token-q4w8e2";
/// The verification record id the sensitive Account API cases send (invented; the same id
/// `CreateVerificationByPassword` answers with).
pub const VERIFICATION_ID: &str = "tioy2v4xeb32chu3ukixz";

/// Which OpenAPI document an operation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Doc {
    Experience,
    Account,
    Management,
}

impl Doc {
    pub const ALL: [Doc; 3] = [Doc::Experience, Doc::Account, Doc::Management];

    pub fn name(self) -> &'static str {
        match self {
            Doc::Experience => "experience",
            Doc::Account => "account",
            Doc::Management => "management",
        }
    }

    /// The document in the repository's `spec/` folder.
    pub fn spec_path(self) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../spec")
            .join(format!("{}.json", self.name()))
    }
}

/// The credentials a case's client carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Experience API: no header credential; the session is the cookie the server sets.
    Cookie,
    /// Account API: the user's access token.
    Bearer,
    /// Account API sensitive call: access token plus `logto-verification-id`.
    BearerAndVerification,
}

impl Auth {
    /// A client for `base_url` carrying these credentials.
    pub fn client(self, base_url: &str) -> Client {
        let client = Client::new(base_url).expect("a loopback base URL is valid");
        match self {
            Auth::Cookie => client,
            Auth::Bearer => client.with_bearer_token(BEARER_TOKEN),
            Auth::BearerAndVerification => client
                .with_bearer_token(BEARER_TOKEN)
                .with_verification_id(VERIFICATION_ID)
                .expect("the verification id is a valid header value"),
        }
    }

    pub fn bearer(self) -> Option<&'static str> {
        match self {
            Auth::Cookie => None,
            Auth::Bearer | Auth::BearerAndVerification => Some(BEARER_TOKEN),
        }
    }

    pub fn verification_id(self) -> Option<&'static str> {
        match self {
            Auth::BearerAndVerification => Some(VERIFICATION_ID),
            Auth::Cookie | Auth::Bearer => None,
        }
    }
}

/// What a call produced: the status and the decoded body re-encoded as JSON (`null` for `()`,
/// a JSON string for text bodies).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: u16,
    pub body: Value,
}

pub type CallResult = Result<Outcome, logto_api::Error>;
pub type CallFuture = Pin<Box<dyn Future<Output = CallResult> + Send>>;
/// Calls one operation through the typed client with the case's arguments.
pub type Invoke = fn(Client) -> CallFuture;

/// Re-encodes a decoded answer for comparison with the JSON that was served.
pub fn outcome<T: Serialize>(result: logto_api::Result<ApiResponse<T>>) -> CallResult {
    result.map(|response| Outcome {
        status: response.status.as_u16(),
        body: serde_json::to_value(&response.body).expect("a decoded body re-encodes as JSON"),
    })
}

/// One part of an expected `multipart/form-data` body.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: &'static str,
    pub file_name: Option<&'static str>,
    pub content_type: Option<&'static str>,
    pub data: &'static [u8],
}

/// The body a case must send.
#[derive(Debug, Clone)]
pub enum ReqBody {
    None,
    Json(Value),
    Multipart(Vec<Part>),
    /// `application/x-www-form-urlencoded` pairs, decoded, in order.
    Form(Vec<(&'static str, &'static str)>),
}

/// The exact request a case must produce.
#[derive(Debug, Clone)]
pub struct ExpectedRequest {
    pub method: &'static str,
    /// The raw path as it must appear on the wire (already percent-encoded).
    pub path: &'static str,
    /// Decoded query pairs, in order.
    pub query: Vec<(&'static str, &'static str)>,
    pub body: ReqBody,
}

impl ExpectedRequest {
    pub fn new(method: &'static str, path: &'static str) -> Self {
        ExpectedRequest {
            method,
            path,
            query: Vec::new(),
            body: ReqBody::None,
        }
    }

    pub fn query(mut self, pairs: &[(&'static str, &'static str)]) -> Self {
        self.query = pairs.to_vec();
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = ReqBody::Json(body);
        self
    }

    pub fn multipart(mut self, parts: Vec<Part>) -> Self {
        self.body = ReqBody::Multipart(parts);
        self
    }

    pub fn form(mut self, pairs: &[(&'static str, &'static str)]) -> Self {
        self.body = ReqBody::Form(pairs.to_vec());
        self
    }

    /// The `content-type` the request must carry: exact, or a prefix for multipart (whose
    /// boundary is random), or none.
    pub fn content_type(&self) -> Option<(&'static str, bool)> {
        match self.body {
            ReqBody::None => None,
            ReqBody::Json(_) => Some(("application/json", false)),
            ReqBody::Multipart(_) => Some(("multipart/form-data; boundary=", true)),
            ReqBody::Form(_) => Some(("application/x-www-form-urlencoded", false)),
        }
    }
}

/// The success answer a case's mock sends.
#[derive(Debug, Clone)]
pub enum Reply {
    /// No body and no content type (204).
    Empty(u16),
    /// A JSON body.
    Json(u16, Value),
    /// A plain-text body (`Created`, `OK`).
    Text(u16, &'static str),
    /// A text body of another media type (`text/xml` metadata, `text/html` pages).
    TextAs(u16, &'static str, &'static str),
    /// No body, for an operation whose success type is text (`IdentifyUser` answers 201 `Created`
    /// or 204): the `String` it decodes to can only be empty.
    EmptyText(u16),
}

impl Reply {
    pub fn status(&self) -> u16 {
        match self {
            Reply::Empty(s)
            | Reply::Json(s, _)
            | Reply::Text(s, _)
            | Reply::TextAs(s, _, _)
            | Reply::EmptyText(s) => *s,
        }
    }

    /// What the typed call must decode the answer to, re-encoded as JSON.
    pub fn decoded(&self) -> Value {
        match self {
            Reply::Empty(_) => Value::Null,
            Reply::Json(_, v) => v.clone(),
            Reply::Text(_, t) | Reply::TextAs(_, _, t) => Value::String((*t).to_owned()),
            Reply::EmptyText(_) => Value::String(String::new()),
        }
    }

    /// The wiremock answer, with the content type Logto sends.
    pub fn template(&self) -> wiremock::ResponseTemplate {
        let template = wiremock::ResponseTemplate::new(self.status());
        match self {
            Reply::Empty(_) | Reply::EmptyText(_) => template,
            Reply::Json(_, v) => template.set_body_raw(
                serde_json::to_vec(v).expect("JSON serializes"),
                "application/json; charset=utf-8",
            ),
            Reply::Text(_, t) => template.set_body_raw(t.as_bytes(), "text/plain; charset=utf-8"),
            Reply::TextAs(_, content_type, t) => template.set_body_raw(t.as_bytes(), content_type),
        }
    }
}

/// One row of the table.
pub struct Case {
    pub op: &'static str,
    /// Empty for the main case of an operation; a short label for extra variants.
    pub variant: &'static str,
    pub doc: Doc,
    pub auth: Auth,
    pub call: Invoke,
    pub request: ExpectedRequest,
    pub reply: Reply,
}

impl Case {
    pub fn new(
        doc: Doc,
        op: &'static str,
        call: Invoke,
        request: ExpectedRequest,
        reply: Reply,
    ) -> Case {
        Case {
            op,
            variant: "",
            doc,
            auth: match doc {
                Doc::Experience => Auth::Cookie,
                // The Management API takes the machine-to-machine access token the same way.
                Doc::Account | Doc::Management => Auth::Bearer,
            },
            call,
            request,
            reply,
        }
    }

    pub fn auth(mut self, auth: Auth) -> Case {
        self.auth = auth;
        self
    }

    pub fn variant(mut self, label: &'static str) -> Case {
        self.variant = label;
        self
    }

    /// The operationId, plus the variant label when there is one.
    pub fn name(&self) -> String {
        if self.variant.is_empty() {
            self.op.to_owned()
        } else {
            format!("{} [{}]", self.op, self.variant)
        }
    }
}

/// Every case: all 37 Experience, 38 Account and 284 Management operations, plus variants.
pub fn cases() -> Vec<Case> {
    let mut all = experience::cases();
    all.extend(account::cases());
    all.extend(management::cases());
    all
}

/// The main case of each operation (the first one listed).
pub fn primary_cases() -> Vec<Case> {
    cases()
        .into_iter()
        .filter(|c| c.variant.is_empty())
        .collect()
}
