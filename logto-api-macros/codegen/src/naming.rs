//! Every Rust name the generator emits is decided here: case conversion, keyword escaping,
//! sanitizing of hostile names and collision handling.
//!
//! Names are kept as plain strings; [`crate::emit`] turns a name that is a keyword into a raw
//! identifier (`r#type`). Keywords that cannot be raw (`self`, `Self`, `super`, `crate`) get a
//! trailing underscore here instead.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Strict and reserved keywords of Rust 2021 (2015-2021 editions plus `gen` reserved in 2024,
/// so generated code keeps compiling after an edition bump).
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that generated code uses unqualified; a spec type may not take them.
const RESERVED_TYPES: &[&str] = &[
    "From",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "BTreeMap",
    "Value",
    "Map",
    "Serialize",
    "Deserialize",
    "Self",
    "Client",
    "ApiResponse",
    "Error",
];

/// Names the `calls` and `groups` modules use unqualified beyond [`RESERVED_TYPES`]
/// (`impl Into<String>` arguments), the trait the `groups` module defines, and the rest of the
/// std prelude: group structs are glob re-exported, and a glob import shadows the prelude in
/// the user's module (a group `Default` would hide the `Default` trait after `use api::*`).
const RESERVED_IN_GROUPS: &[&str] = &[
    "Into",
    "ClientExt",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "ToOwned",
    "ToString",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "From",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "Extend",
    "FromIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
];

/// Methods every generated struct has from the traits it derives or gets from std's blanket
/// impls, callable without an import: a method of the same name would hide them, or be hidden
/// by them (`Into::into` takes `self` and wins over an accessor taking `&self`).
const TRAIT_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "fmt",
    "into",
    "try_into",
    "to_owned",
    "clone_into",
];

/// Methods of a group struct that are not operations: its constructor (and [`TRAIT_METHODS`]).
const GROUP_METHODS: &[&str] = &["new"];

/// Names in a request builder besides its parameters: the fields `client` and `body` and the
/// methods `new`, `body`, `send`, `send_page` and `stream` (and [`TRAIT_METHODS`]). A
/// parameter's field, setter and argument all share its one name, so it may take none of these.
const BUILDER_NAMES: &[&str] = &["client", "body", "new", "send", "send_page", "stream"];

/// Methods of `logto_api::Client` (public and crate-private: an inherent accessor emitted
/// into `logto-api` itself may not repeat any), besides the trait methods every type has
/// (`clone`, `into`, ...). A group accessor with one of these names would be a duplicate
/// definition (inherent accessors) or
/// be hidden by the client's own method (`ClientExt`). `tests/tests/names.rs` checks the list
/// against the client's source.
pub const CLIENT_METHODS: &[&str] = &[
    // client.rs: `impl Client`
    "new",
    "builder",
    "with_bearer_token",
    "with_verification_id",
    "with_retry_non_idempotent",
    "with_header",
    "authorize",
    "clear_session",
    "base_url",
    "http",
    "cookies",
    "auth",
    "extra_headers",
    "retry_policy",
    "retries_non_idempotent",
    "attempt_timeout",
    "timeout",
    "max_response_size",
    // verification.rs: `impl Client`
    "verify_by_password",
    "send_verification_code",
    "verify_code",
    "with_verification",
    "verified",
    // client.rs and signin/mod.rs: a user's sign-in and tokens
    "with_refresh_token",
    "with_refresh_grant",
    "token_url",
    "oidc_url",
    "start_sign_in",
    "with_user_tokens",
    "refresh_token",
    "access_token",
    "with_own_cookies",
];

/// True when `name` must be written as `r#name`.
pub fn needs_raw(name: &str) -> bool {
    KEYWORDS.contains(&name) && !NOT_RAW.contains(&name)
}

/// Keeps ASCII letters and digits and turns every other run into a word break, so that
/// `X-Hasura-User-Id`, `[translationKey]` and `search.params` all become clean words.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A snake_case identifier for a field, method or parameter (`userId` -> `user_id`).
pub fn snake(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A PascalCase identifier for a type or variant (`sign-in` -> `SignIn`).
pub fn pascal(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    // `Self` cannot be a type or variant name; `Self_` would trip `non_camel_case_types`.
    if name == "Self" {
        name.push_str("Type");
    }
    name
}

/// The singular of an English plural, good enough for property names (`verificationRecords`,
/// `identities`, `addresses`); words that do not look plural are returned unchanged.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if lower.ends_with("ies") && word.len() > 3 {
        format!("{}y", &word[..word.len() - 3])
    } else if lower.ends_with("sses") || lower.ends_with("xes") || lower.ends_with("ches") {
        word[..word.len() - 2].to_owned()
    } else if lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && word.len() > 1
    {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// True when `name` can name a generated type as written: an UpperCamelCase Rust identifier
/// (an ASCII capital, then ASCII letters and digits) other than `Self`. Lower-case names are
/// refused: they would shadow primitives (`i64`, `str`) and modules the generated code uses.
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// A set of names in one Rust namespace (a module's types, a struct's fields, an enum's
/// variants); [`Namespace::claim`] hands out a name no one else holds.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace for type names, with the names generated code relies on already taken.
    pub fn for_types() -> Self {
        Self::with(&[RESERVED_TYPES])
    }

    /// A namespace holding `reserved` already.
    fn with(reserved: &[&[&str]]) -> Self {
        let mut ns = Self::default();
        for list in reserved {
            ns.taken.extend(list.iter().map(|s| (*s).to_owned()));
        }
        ns
    }

    /// The type names of the `calls` module (request builders, `{Op}Outcome` and
    /// `{Op}ErrorBody` enums) and of the `groups` module (group structs beside `ClientExt`).
    pub fn for_items() -> Self {
        Self::with(&[RESERVED_TYPES, RESERVED_IN_GROUPS])
    }

    /// Group accessors: methods of `logto_api::Client`.
    pub fn for_accessors() -> Self {
        Self::with(&[CLIENT_METHODS, TRAIT_METHODS])
    }

    /// The methods of one group struct.
    pub fn for_group_methods() -> Self {
        Self::with(&[GROUP_METHODS, TRAIT_METHODS])
    }

    /// The parameters of one operation: builder fields, setters and method arguments.
    pub fn for_builder() -> Self {
        Self::with(&[BUILDER_NAMES, TRAIT_METHODS])
    }

    /// True when `name` is still free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Takes `name`, or `name2`, `name3`, ... when it is held already.
    pub fn claim(&mut self, name: &str) -> String {
        let mut candidate = name.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = if name.ends_with(|c: char| c.is_ascii_digit()) {
                format!("{name}_{n}")
            } else {
                format!("{name}{n}")
            };
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Takes the first free candidate, falling back to numbering the first one.
    pub fn claim_first(&mut self, candidates: &[String]) -> String {
        match candidates.iter().find(|c| self.is_free(c)) {
            Some(free) => self.claim(free),
            None => self.claim(candidates.first().map_or("Type", String::as_str)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_becomes_a_usable_identifier() {
        for kw in KEYWORDS {
            let name = snake(kw);
            let ident = if needs_raw(&name) {
                format!("r#{name}")
            } else {
                name.clone()
            };
            assert!(
                syn::parse_str::<syn::Ident>(&ident).is_ok(),
                "{kw} -> {ident}"
            );
            let ty = pascal(kw);
            let ty_ident = if needs_raw(&ty) {
                format!("r#{ty}")
            } else {
                ty.clone()
            };
            assert!(
                syn::parse_str::<syn::Ident>(&ty_ident).is_ok(),
                "{kw} -> {ty_ident}"
            );
        }
    }

    #[test]
    fn case_conversion_table() {
        let cases = [
            ("userId", "user_id", "UserId"),
            ("X-Hasura-User-Id", "x_hasura_user_id", "XHasuraUserId"),
            ("[translationKey]", "translation_key", "TranslationKey"),
            ("WebAuthn", "web_authn", "WebAuthn"),
            ("SAMLRequest", "saml_request", "SamlRequest"),
            ("page_size", "page_size", "PageSize"),
            (
                "logto-verification-id",
                "logto_verification_id",
                "LogtoVerificationId",
            ),
            ("2fa", "_2fa", "V2fa"),
            ("", "value", "Empty"),
            ("self", "self_", "SelfType"),
            ("type", "type", "Type"),
            ("search.params", "search_params", "SearchParams"),
        ];
        for (raw, snake_case, pascal_case) in cases {
            assert_eq!(snake(raw), snake_case, "snake({raw:?})");
            assert_eq!(pascal(raw), pascal_case, "pascal({raw:?})");
        }
    }

    #[test]
    fn collisions_get_numbers() {
        let mut ns = Namespace::for_types();
        assert_eq!(ns.claim("User"), "User");
        assert_eq!(ns.claim("User"), "User2");
        assert_eq!(ns.claim("User"), "User3");
        assert_eq!(ns.claim("String"), "String2");
        assert_eq!(ns.claim("Base64"), "Base64");
        assert_eq!(ns.claim("Base64"), "Base64_2");
        let wanted = ["Profile".to_owned(), "UserProfile".to_owned()];
        assert_eq!(ns.claim_first(&wanted), "Profile");
        assert_eq!(ns.claim_first(&wanted), "UserProfile");
        assert_eq!(ns.claim_first(&wanted), "Profile2");
    }

    #[test]
    fn each_scope_reserves_the_names_generated_code_uses() {
        type Scope = fn() -> Namespace;
        let cases: [(Scope, &str, &str); 16] = [
            (Namespace::for_types, "String", "String2"),
            (Namespace::for_types, "From", "From2"),
            (Namespace::for_types, "ClientExt", "ClientExt"),
            (Namespace::for_items, "Vec", "Vec2"),
            (Namespace::for_items, "Into", "Into2"),
            (Namespace::for_items, "ClientExt", "ClientExt2"),
            (Namespace::for_items, "Types", "Types"),
            (Namespace::for_accessors, "timeout", "timeout2"),
            (Namespace::for_accessors, "into", "into2"),
            (Namespace::for_accessors, "users", "users"),
            (Namespace::for_group_methods, "new", "new2"),
            (Namespace::for_group_methods, "clone", "clone2"),
            (Namespace::for_builder, "send", "send2"),
            (Namespace::for_builder, "send_page", "send_page2"),
            (Namespace::for_builder, "client", "client2"),
            (Namespace::for_builder, "page", "page"),
        ];
        for (scope, wanted, given) in cases {
            assert_eq!(scope().claim(wanted), given, "{wanted}");
        }
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("verificationRecords"), "verificationRecord");
        assert_eq!(singular("identities"), "identity");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("mfa"), "mfa");
    }

    #[test]
    fn explicit_type_names_must_be_identifiers() {
        for good in ["User", "MfaFactor2", "X"] {
            assert!(is_type_name(good), "{good}");
        }
        for bad in [
            "",
            "9Lives",
            "user profile",
            "Self",
            "type",
            "_",
            "Ünicode",
            "a-b",
            "i64",
            "str",
            "std",
            "_Private",
            "Foo_Bar",
        ] {
            assert!(!is_type_name(bad), "{bad}");
        }
    }
}
