//! Names for types that several places share.
//!
//! An inline schema is named after the first place that uses it, so a shape that recurs (Logto
//! repeats the identifier `{type, value}` in a dozen bodies) would carry an unrelated operation's
//! name everywhere. Once every use is known, such a type is renamed to what its uses have in
//! common: `CreatePasswordVerificationBodyIdentifierType` and
//! `NewPasswordIdentityVerificationRecordIdentifierType` share `IdentifierType`.

use crate::ir::{Api, Output, Payload, TypeKind, TypeRef};
use crate::naming::Namespace;
use std::collections::BTreeMap;

/// Renames every type used from two or more differently named places to the longest word
/// suffix those places share, when that suffix has at least two words and is free.
pub(crate) fn name_shared_types(
    api: &mut Api,
    contexts: &BTreeMap<String, Vec<String>>,
    names: &mut Namespace,
) {
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    // Types in definition order, so that the outcome does not depend on map order.
    for def in &api.types {
        let Some(uses) = contexts.get(&def.name) else {
            continue;
        };
        let Some(shared) = common_suffix(uses) else {
            continue;
        };
        if shared != def.name && names.is_free(&shared) {
            renames.insert(def.name.clone(), names.claim(&shared));
        }
    }
    if renames.is_empty() {
        return;
    }
    for def in &mut api.types {
        if let Some(new) = renames.get(&def.name) {
            def.name = new.clone();
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.fields
                    .iter_mut()
                    .for_each(|f| rename(&mut f.ty, &renames));
                if let Some(extra) = &mut s.extra {
                    rename(extra, &renames);
                }
            }
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| rename(&mut v.ty, &renames)),
            TypeKind::Newtype(inner) => rename(inner, &renames),
            TypeKind::Enum(_) => {}
        }
    }
    for op in api.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        op.params
            .iter_mut()
            .for_each(|p| rename(&mut p.ty, &renames));
        if let Some(body) = &mut op.body {
            rename(&mut body.ty, &renames);
        }
        for r in &mut op.responses {
            if let Payload::Json(t) = &mut r.payload {
                rename(t, &renames);
            }
        }
        for e in &mut op.errors {
            rename(&mut e.ty, &renames);
        }
        if let Output::Json(t) | Output::OptionalJson(t) = &mut op.output {
            rename(t, &renames);
        }
    }
}

fn rename(ty: &mut TypeRef, renames: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named(n) => {
            if let Some(new) = renames.get(n) {
                *n = new.clone();
            }
        }
        TypeRef::List(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            rename(t, renames)
        }
        _ => {}
    }
}

/// PascalCase words: `IdentifierType` -> `["Identifier", "Type"]`.
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

/// The longest run of trailing words all `uses` share, if they differ and share two or more.
fn common_suffix(uses: &[String]) -> Option<String> {
    let first = uses.first()?;
    if uses.iter().all(|u| u == first) {
        return None;
    }
    let split: Vec<Vec<&str>> = uses.iter().map(|u| words(u)).collect();
    let shortest = split.iter().map(Vec::len).min()?;
    let mut shared = 0;
    while shared < shortest {
        let word = split[0][split[0].len() - 1 - shared];
        if split.iter().all(|w| w[w.len() - 1 - shared] == word) {
            shared += 1;
        } else {
            break;
        }
    }
    // A name must start with a noun of its own: `BodyPayload` says where, not what.
    const PLACES: &[&str] = &[
        "Body", "Payload", "Response", "Request", "Item", "Value", "Data",
    ];
    while shared >= 2 && PLACES.contains(&split[0][split[0].len() - shared]) {
        shared -= 1;
    }
    (shared >= 2).then(|| split[0][split[0].len() - shared..].concat())
}

#[cfg(test)]
mod tests {
    use super::common_suffix;

    fn of(uses: &[&str]) -> Option<String> {
        common_suffix(&uses.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn shared_suffixes() {
        assert_eq!(
            of(&[
                "CreatePasswordVerificationBodyIdentifierType",
                "NewPasswordIdentityIdentifierType"
            ])
            .as_deref(),
            Some("IdentifierType")
        );
        assert_eq!(
            of(&["UpdatePasswordBody", "CreateVerificationByPasswordBody"]).as_deref(),
            Some("PasswordBody")
        );
        assert_eq!(
            of(&["UserProfile", "UserProfile"]),
            None,
            "one context: keep the name"
        );
        assert_eq!(
            of(&["GetUserResponse", "ListRolesResponse"]),
            None,
            "one shared word is too vague"
        );
        assert_eq!(
            of(&["VerifyAuthBodyPayload", "VerifyPasskeyBodyPayload"]),
            None,
            "places are not names"
        );
    }
}
