//! A tiny cookie jar for Logto's Experience API session (`_interaction` and its signature).
//!
//! A client talks to one Logto endpoint, so domain and path scoping are not needed: every cookie
//! the server sets is sent back until the server expires it. Values are secrets and are never
//! printed.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Cookies shared by a client and every clone of it.
#[derive(Clone, Default)]
pub(crate) struct CookieJar {
    cookies: Arc<Mutex<BTreeMap<String, String>>>,
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CookieJar")
            .field("names", &self.names())
            .finish()
    }
}

impl CookieJar {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        // A poisoned jar still holds valid strings; keep using it.
        self.cookies.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Names of the cookies held.
    pub fn names(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    /// Applies one `Set-Cookie` header value.
    pub fn store(&self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
            return;
        };
        let (name, value) = (name.trim(), value.trim());
        let expired = parts.any(|attr| {
            let attr = attr.trim().to_ascii_lowercase();
            attr == "max-age=0"
                || attr.starts_with("max-age=-")
                || attr.starts_with("expires=thu, 01 jan 1970")
        });
        let mut jar = self.lock();
        if expired || value.is_empty() {
            jar.remove(name);
        } else {
            jar.insert(name.to_owned(), value.to_owned());
        }
    }

    /// The `Cookie` header to send, if any cookie is held.
    pub fn header(&self) -> Option<String> {
        let jar = self.lock();
        (!jar.is_empty()).then(|| {
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Drops every cookie (ends the Experience API session on our side).
    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::CookieJar;

    #[test]
    fn stores_replaces_and_expires() {
        let jar = CookieJar::default();
        jar.store("_interaction=abc; path=/; httponly");
        jar.store("_interaction.sig=xyz; path=/");
        assert_eq!(
            jar.header().as_deref(),
            Some("_interaction=abc; _interaction.sig=xyz")
        );
        jar.store("_interaction=def; path=/");
        assert_eq!(
            jar.header().as_deref(),
            Some("_interaction=def; _interaction.sig=xyz")
        );
        jar.store("_interaction=; expires=Thu, 01 Jan 1970 00:00:00 GMT");
        jar.store("_interaction.sig=gone; Max-Age=0");
        assert_eq!(jar.header(), None);
        jar.store("garbage without equals");
        assert!(jar.names().is_empty());
    }
}
