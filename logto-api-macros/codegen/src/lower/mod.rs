//! Stage 2: OpenAPI -> IR. Resolves `$ref`s, decides every Rust name, dedupes identical inline
//! schemas within an operation or component and classifies each schema as a struct, enum,
//! union, map, list or scalar.

#[cfg(test)]
mod conformance;
mod errors;
mod indirection;
mod merge;
#[cfg(test)]
mod name_tests;
mod operation;
mod patch;
mod pins;
mod schema;
mod shape;
mod union;
mod wire;

use crate::diag::Diagnostics;
use crate::ir::{Api, TypeDef, TypeRef};
use crate::load::Document;
use crate::naming::Namespace;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::collections::{BTreeMap, HashMap};

pub use shape::literal;
/// How a body of a media type is encoded (the rule in the crate docs' "On the wire").
pub use wire::classify as media_encoding;

/// Lowers a loaded document to the IR, reporting every problem found.
pub fn lower(doc: &Document) -> Result<Api, Diagnostics> {
    let mut lowerer = Lowerer::new(&doc.file, &doc.api, &doc.raw);
    let groups = lowerer.operations();
    let mut api = Api {
        title: doc.api.info.title.clone(),
        types: std::mem::take(&mut lowerer.types),
        groups,
    };
    indirection::box_cycles(&mut api.types);
    patch::mark_patch_fields(&mut api);
    lowerer.diags.into_result(api)
}

/// A schema found inline or behind a `$ref`.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'s> {
    Ref(&'s str),
    Inline(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// Names to try, best first, if a schema turns into a named type.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hint {
    pub candidates: Vec<String>,
}

impl Hint {
    pub fn new(candidates: impl IntoIterator<Item = String>) -> Self {
        let mut out: Vec<String> = Vec::new();
        for c in candidates {
            if !c.is_empty() && !out.contains(&c) {
                out.push(c);
            }
        }
        Hint { candidates: out }
    }
}

/// The result of lowering one schema.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl Lowered {
    /// The type where no field carries `nullable`: `Option<T>` when `null` is allowed (`Any`
    /// already holds `null`).
    pub fn or_null(self) -> TypeRef {
        if self.nullable && self.ty != TypeRef::Any {
            TypeRef::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// State shared by the whole lowering of one document.
pub(crate) struct Lowerer<'a> {
    pub file: &'a str,
    pub api: &'a OpenAPI,
    /// The document as JSON, for what `openapiv3` does not keep.
    pub raw: &'a serde_json::Value,
    pub diags: Diagnostics,
    pub names: Namespace,
    pub types: Vec<TypeDef>,
    /// Scope and canonical JSON of an inline schema -> the type made for it, so repeats inside
    /// one operation or component share one type.
    pub by_shape: HashMap<String, TypeRef>,
    /// Where inline schemas are being lowered now: the pointer of the operation, component or
    /// shared response that owns them. Identical schemas share a type only within a scope, so
    /// a type's name never depends on which other operations exist.
    pub scope: String,
    /// Names given with `x-rust-type-name` -> the pointer of the schema that took them: such a
    /// name is one type wherever it appears, so a second, different schema is an error.
    pub explicit: HashMap<String, String>,
    /// Lowered component schemas by key.
    pub components: BTreeMap<String, TypeRef>,
    /// Keys of the lowered component schemas that admit `null`.
    pub component_nullable: std::collections::HashSet<String>,
    /// Component names handed out as `$ref` targets before their definition was finished:
    /// a component that turns out to be a list or map needs a newtype then.
    pub handed_out: std::collections::HashSet<String>,
    /// Components whose `$ref` is being followed to another `$ref` (an alias chain), to report
    /// a chain that comes back to itself.
    pub following: Vec<String>,
    /// Rewrites of combined schemas in progress (see `merge`).
    pub rewrites: usize,
    /// The type name of every component schema, claimed before anything is lowered so that an
    /// inline schema lowered first never takes a component's name.
    pub component_names: BTreeMap<String, String>,
}

impl<'a> Lowerer<'a> {
    fn new(file: &'a str, api: &'a OpenAPI, raw: &'a serde_json::Value) -> Self {
        let mut lowerer = Lowerer {
            file,
            api,
            raw,
            diags: Diagnostics::default(),
            names: Namespace::for_types(),
            component_names: BTreeMap::new(),
            types: Vec::new(),
            by_shape: HashMap::new(),
            scope: String::new(),
            explicit: HashMap::new(),
            components: BTreeMap::new(),
            component_nullable: Default::default(),
            handed_out: Default::default(),
            following: Vec::new(),
            rewrites: 0,
        };
        lowerer.name_components();
        lowerer
    }

    /// Claims every component schema's type name before anything is lowered: the name its
    /// `x-rust-type-name` gives, else its key in PascalCase.
    fn name_components(&mut self) {
        let schemas = self.api.components.iter().flat_map(|c| c.schemas.iter());
        for (key, schema) in schemas {
            let ptr = format!("/components/schemas/{}", crate::diag::escape_token(key));
            let explicit = match schema {
                ReferenceOr::Item(schema) => self.explicit_name(schema, &ptr),
                ReferenceOr::Reference { .. } => None,
            };
            let claimed = match explicit {
                Some(name) => self.claim_explicit(&name, &ptr),
                None => self.names.claim(&crate::naming::pascal(key)),
            };
            self.component_names.insert(key.clone(), claimed);
        }
    }

    /// Records a problem at `pointer`.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(self.file, pointer, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, TypeKind, TypeRef};

    /// A chain of 5,000 components, each referring to the next, generates on a 2 MiB stack
    /// (rustc's default for the thread running a proc macro is 8 MiB, but any stack will do).
    #[test]
    fn a_long_reference_chain_does_not_overflow_the_stack() {
        const LINKS: usize = 5000;
        let schemas: Vec<String> = (0..LINKS)
            .map(|i| match i + 1 {
                next if next < LINKS => format!(
                    r##""C{i}":{{"type":"object","properties":{{"next":{{"$ref":"#/components/schemas/C{next}"}}}}}}"##
                ),
                _ => format!(r#""C{i}":{{"type":"object","properties":{{"end":{{"type":"string"}}}}}}"#),
            })
            .collect();
        let doc = format!(
            r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x":{{"get":{{
            "operationId":"GetChain","responses":{{"200":{{"description":"ok",
            "content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/C0"}}}}}}}}}}}}}}}},
            "components":{{"schemas":{{{}}}}}}}"##,
            schemas.join(",")
        );
        let small_stack = std::thread::Builder::new().stack_size(2 * 1024 * 1024);
        let generated = small_stack
            .spawn(move || {
                let doc = crate::load::load_str("chain.json", &doc).expect("loads");
                let api = super::lower(&doc).expect("lowers");
                let tokens = crate::emit::emit(&api, &Default::default());
                (api.types.len(), tokens.to_string().len())
            })
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(generated.0 >= LINKS, "{} types", generated.0);
        assert!(generated.1 > 0);
    }

    fn lower_schema(schema: &str) -> Api {
        let doc = format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/x":{{"get":{{
            "operationId":"GetThing","responses":{{"200":{{"description":"ok",
            "content":{{"application/json":{{"schema":{schema}}}}}}}}}}}}}}}}}"#
        );
        let doc = crate::load::load_str("t.json", &doc).expect("loads");
        super::lower(&doc).expect("lowers")
    }

    fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
        &api.types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
            .kind
    }

    #[test]
    fn literal_formats_make_a_tagged_union() {
        let api = lower_schema(
            r#"{"type":"object","required":["record"],"properties":{"record":{"oneOf":[
            {"type":"object","properties":{"type":{"type":"string","format":"\"Password\""},"id":{"type":"string"}}},
            {"type":"object","properties":{"type":{"type":"string","format":"\"Totp\""},"secret":{"type":"string"}}}]}}}"#,
        );
        let TypeKind::Union(u) = kind(&api, "GetThingResponseRecord") else {
            panic!("not a union")
        };
        assert_eq!(u.tag.as_deref(), Some("type"));
        let names: Vec<_> = u
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.tag_value.as_deref()))
            .collect();
        assert_eq!(
            names,
            [("Password", Some("Password")), ("Totp", Some("Totp"))]
        );
        let TypeKind::Struct(s) = kind(&api, "GetThingResponseRecordPassword") else {
            panic!("not a struct")
        };
        assert!(
            s.fields.iter().all(|f| f.wire != "type"),
            "the tag is not a field"
        );
    }

    #[test]
    fn literal_string_branches_make_one_open_enum() {
        let api = lower_schema(
            r#"{"type":"object","properties":{"flag":{"oneOf":[
            {"type":"string","format":"\"true\""},{"type":"string","format":"\"false\""}]}}}"#,
        );
        let TypeKind::Enum(values) = kind(&api, "GetThingResponseFlag") else {
            panic!("not an enum")
        };
        assert_eq!(
            values.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>(),
            ["true", "false"]
        );
    }

    #[test]
    fn nullable_optional_and_any_json() {
        let api = lower_schema(
            r#"{"type":"object","required":["id"],"properties":{"id":{"type":"string"},
            "name":{"type":"string","nullable":true},"raw":{"type":"object","nullable":true,"oneOf":[
            {"type":"object","additionalProperties":true},{"type":"array","items":{"type":"string"}},
            {"type":"string"},{"type":"number"},{"type":"boolean"}]},"script":{"description":"any"}}}"#,
        );
        let TypeKind::Struct(s) = kind(&api, "GetThingResponse") else {
            panic!("not a struct")
        };
        let field = |wire: &str| s.fields.iter().find(|f| f.wire == wire).expect("field");
        assert!(field("id").required && !field("id").nullable);
        assert!(!field("name").required && field("name").nullable);
        assert_eq!(field("raw").ty, TypeRef::Any);
        assert_eq!(field("script").ty, TypeRef::Any);
    }

    #[test]
    fn identical_inline_schemas_share_one_type() {
        let api = lower_schema(
            r#"{"type":"object","properties":{
            "home":{"type":"object","description":"one","properties":{"city":{"type":"string"}}},
            "work":{"type":"object","description":"two","properties":{"city":{"type":"string"}}}}}"#,
        );
        let TypeKind::Struct(s) = kind(&api, "GetThingResponse") else {
            panic!("not a struct")
        };
        assert_eq!(
            s.fields[0].ty, s.fields[1].ty,
            "prose differences do not make a new type"
        );
    }
}
