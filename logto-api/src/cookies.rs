//! The cookies Logto sets (the Experience API's `_interaction` session and its signature), kept
//! by `cookie_store` with RFC 6265's rules: domain, path, expiry and `Secure` decide which
//! cookies go with a request.
//!
//! On top of that, the jar keeps to RFC 6265 §6.1's limits so that a server cannot grow every
//! later request without bound: a cookie of more than 4,096 bytes is ignored, and the jar keeps
//! at most 50 cookies, the oldest being dropped first (§5.3 lets a user agent evict cookies over
//! its limits). 50 is the RFC's per-domain minimum; the limit is per jar because a client talks
//! to one Logto, and the `Domain` values one host may set (its own, each parent domain) would
//! otherwise each get 50. A `Secure` cookie from plain `http` is ignored (RFC 6265bis), as it
//! could never be sent. Values are secrets and are never printed.

use cookie_store::{CookieStore, StoreAction};
use reqwest::Url;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

/// The largest `Set-Cookie` value kept, in bytes (name, value and attributes).
pub(crate) const MAX_COOKIE_BYTES: usize = 4096;
/// The most cookies the jar keeps.
pub(crate) const MAX_COOKIES: usize = 50;

/// Cookies shared by a client and every clone of it.
#[derive(Clone, Default)]
pub(crate) struct CookieJar {
    inner: Arc<Mutex<Jar>>,
}

#[derive(Default)]
struct Jar {
    store: CookieStore,
    /// `(domain, path, name)` of the stored cookies, oldest (first created) first.
    order: VecDeque<(String, String, String)>,
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CookieJar")
            .field("names", &self.names())
            .finish()
    }
}

impl CookieJar {
    fn lock(&self) -> MutexGuard<'_, Jar> {
        // A poisoned jar still holds whole cookies; keep using it.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Names of the unexpired cookies held.
    pub fn names(&self) -> Vec<String> {
        let jar = self.lock();
        let mut names: Vec<String> = jar
            .store
            .iter_unexpired()
            .map(|c| c.name().to_owned())
            .collect();
        names.sort();
        names
    }

    /// Applies one `Set-Cookie` header value received in the answer to `url`. Values that do
    /// not parse, or that RFC 6265 says to ignore (a `Domain` the host is not in, `Secure`
    /// from plain `http`), change nothing.
    pub fn store(&self, set_cookie: &str, url: &Url) {
        if set_cookie.len() > MAX_COOKIE_BYTES {
            return;
        }
        let Ok(cookie) = cookie_store::Cookie::parse(set_cookie, url) else {
            return;
        };
        if cookie.secure() == Some(true) && url.scheme() != "https" {
            return;
        }
        let key = (
            String::from(&cookie.domain),
            String::from(&cookie.path),
            cookie.name().to_owned(),
        );
        let mut jar = self.lock();
        match jar.store.insert(cookie.into_owned(), url) {
            // A replaced cookie keeps its creation time, and so its place (RFC 6265 §5.3).
            Ok(StoreAction::Inserted) if !jar.order.contains(&key) => {
                jar.order.push_back(key);
                jar.evict_beyond_limit();
            }
            Ok(StoreAction::Inserted | StoreAction::UpdatedExisting) => {}
            Ok(StoreAction::ExpiredExisting) => jar.order.retain(|k| *k != key),
            Err(_) => {}
        }
    }

    /// The `Cookie` header for a request to `url`, if any cookie goes with it: cookies with
    /// longer paths first (RFC 6265 §5.4), otherwise in the order they were first set.
    pub fn header(&self, url: &Url) -> Option<String> {
        let jar = self.lock();
        let mut cookies = jar.store.matches(url);
        let first_set = |c: &cookie_store::Cookie<'_>| {
            let key = (
                String::from(&c.domain),
                String::from(&c.path),
                c.name().to_owned(),
            );
            jar.order.iter().position(|k| *k == key)
        };
        cookies.sort_by_key(|c| (std::cmp::Reverse(String::from(&c.path).len()), first_set(c)));
        let pairs: Vec<String> = cookies
            .iter()
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// Drops every cookie (ends the Experience API session on our side).
    pub fn clear(&self) {
        let mut jar = self.lock();
        jar.store.clear();
        jar.order.clear();
    }
}

impl Jar {
    /// Drops the oldest cookies while the jar holds more than the limit.
    fn evict_beyond_limit(&mut self) {
        while self.order.len() > MAX_COOKIES {
            if let Some((domain, path, name)) = self.order.pop_front() {
                self.store.remove(&domain, &path, &name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CookieJar, MAX_COOKIES, MAX_COOKIE_BYTES};
    use reqwest::Url;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    #[test]
    fn stores_replaces_and_expires() {
        let jar = CookieJar::default();
        let logto = url("http://127.0.0.1:3001/oidc/auth");
        jar.store("_interaction=abc; path=/; httponly", &logto);
        jar.store("_interaction.sig=xyz; path=/", &logto);
        let api = url("http://127.0.0.1:3001/api/experience");
        assert_eq!(
            jar.header(&api).as_deref(),
            Some("_interaction=abc; _interaction.sig=xyz")
        );
        jar.store("_interaction=def; path=/", &logto);
        assert_eq!(
            jar.header(&api).as_deref(),
            Some("_interaction=def; _interaction.sig=xyz")
        );
        jar.store(
            "_interaction=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/",
            &logto,
        );
        jar.store("_interaction.sig=gone; Max-Age=0; path=/", &logto);
        assert_eq!(jar.header(&api), None);
        jar.store("garbage without equals", &logto);
        assert!(jar.names().is_empty());
    }

    #[test]
    fn domain_path_and_secure_scope_what_is_sent() {
        let jar = CookieJar::default();
        let logto = url("http://auth.example.test/oidc/auth");
        jar.store("scoped=1; path=/api/experience", &logto);
        jar.store("secure=1; path=/; Secure", &logto);
        jar.store("foreign=1; path=/; Domain=other.test", &logto);
        jar.store("everywhere=1; path=/", &logto);
        let header = |u: &str| jar.header(&url(u)).unwrap_or_default();
        assert_eq!(
            header("http://auth.example.test/api/experience/x"),
            "scoped=1; everywhere=1"
        );
        assert_eq!(header("http://auth.example.test/api/users"), "everywhere=1");
        // Host-only: a cookie set by one host is not sent to another.
        assert_eq!(header("http://evil.test/api/experience/x"), "");
    }

    #[test]
    fn limits_bound_what_every_request_carries() {
        let jar = CookieJar::default();
        let logto = url("http://127.0.0.1:3001/");
        jar.store(
            &format!("huge={}; path=/", "x".repeat(MAX_COOKIE_BYTES)),
            &logto,
        );
        assert!(jar.names().is_empty(), "an oversized cookie is ignored");
        for answer in 0..20 {
            for n in 0..50 {
                jar.store(&format!("c{answer}x{n}=v; path=/"), &logto);
            }
        }
        let names = jar.names();
        assert_eq!(names.len(), MAX_COOKIES);
        // The most recently set ones stay.
        assert!(names.iter().all(|n| n.starts_with("c19x")), "{names:?}");
        // Each `Domain` a host may set does not get a quota of its own.
        let deep = url("http://a.b.example.test/");
        for domain in ["a.b.example.test", "b.example.test", "example.test"] {
            for n in 0..50 {
                jar.store(&format!("d{n}=v; Domain={domain}; Path=/"), &deep);
            }
        }
        assert_eq!(jar.names().len(), MAX_COOKIES);
        assert!(jar.header(&deep).unwrap_or_default().split("; ").count() <= MAX_COOKIES);
    }

    #[test]
    fn secure_cookies_from_plain_http_are_ignored() {
        let jar = CookieJar::default();
        jar.store("s=1; Secure; Path=/", &url("http://auth.example.test/"));
        assert!(jar.names().is_empty());
        jar.store("s=1; Secure; Path=/", &url("https://auth.example.test/"));
        assert_eq!(jar.names(), ["s"]);
    }
}
