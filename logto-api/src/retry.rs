//! When and how long to wait before sending a failed call again.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// How a [`Client`](crate::Client) retries calls that failed transiently: connection errors and
/// attempt timeouts before any answer, and `429`, `502`, `503` and `504` answers.
///
/// Only idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`) are retried, since
/// sending a `POST` or `PATCH` twice may apply it twice; opt in per call with
/// [`Client::with_retry_non_idempotent`](crate::Client::with_retry_non_idempotent). Multipart
/// uploads are never retried: their body is a stream consumed by the first attempt.
///
/// Between attempts the client waits a random time between zero and
/// `base_delay * 2^(retry - 1)`, capped by `max_delay` ("full jitter", which keeps many clients
/// from retrying in lockstep). A `Retry-After: {seconds}` answer is waited for instead, bounded
/// only by the client's overall [`timeout`](crate::ClientBuilder::timeout).
///
/// ```
/// use std::time::Duration;
/// let policy = logto_api::RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(100));
/// # let _ = policy;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts in all, waits from 200 ms growing up to 5 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Never retries: every call is sent once (the 401 token refresh still applies).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// How many times a call is sent at most, the first time included (0 counts as 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The longest wait before the first retry; each further retry doubles it.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The cap on a computed wait (not on a server's `Retry-After`).
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        let ceiling = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(random() % nanos.saturating_add(1))
    }
}

/// A random `u64`: `RandomState` is seeded per process and bumped per instance by std, which
/// is plenty for jitter and saves a dependency.
fn random() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x9E37_79B9_7F4A_7C15);
    hasher.finish()
}

/// Whether a call with `method` is safe to send again.
pub(crate) fn idempotent(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// Whether an answer with `status` is worth retrying.
pub(crate) fn retryable_status(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Whether a failure before any answer is worth retrying: the connection could not be made,
/// the request could not be sent, or the attempt timed out.
pub(crate) fn retryable_error(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_request() || error.is_timeout()
}

/// The wait a `Retry-After` header asks for, in either of its forms.
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let text = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    // RFC 9110 §10.2.3: delay-seconds or an HTTP-date; a date in the past means now.
    match text.parse::<u64>() {
        Ok(seconds) => Some(Duration::from_secs(seconds)),
        // More seconds than a u64 holds still asks for a wait longer than any call lasts.
        Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            Some(Duration::from_secs(u64::MAX))
        }
        Err(_) => {
            let at = httpdate::parse_http_date(text).ok()?;
            Some(
                at.duration_since(SystemTime::now())
                    .unwrap_or(Duration::ZERO),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RetryPolicy;
    use std::time::Duration;

    #[test]
    fn retry_after_reads_seconds_dates_and_overflows() {
        let read = |text: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(
                http::header::RETRY_AFTER,
                text.parse().expect("header value"),
            );
            super::retry_after(&headers)
        };
        assert_eq!(read("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            read("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(read("Thu, 01 Jan 1970 00:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(read("-1"), None);
        assert_eq!(read("soon"), None);
    }

    #[test]
    fn backoff_stays_under_the_caps() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(300));
        for _ in 0..100 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(40) <= Duration::from_millis(300));
        }
    }
}
