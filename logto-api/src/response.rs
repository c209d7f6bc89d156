//! Successful answers: the decoded body with its status and headers.

use http::{HeaderMap, StatusCode};

/// A decoded success answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiResponse<T> {
    /// The HTTP status (one of those the operation documents).
    pub status: StatusCode,
    /// The response headers (`Total-Number`, `Location`, ...).
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same answer with its body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }

    /// A header as text, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl<T> std::ops::Deref for ApiResponse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}
