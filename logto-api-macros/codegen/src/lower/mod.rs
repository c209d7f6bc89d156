//! Stage 2: OpenAPI -> IR. Resolves `$ref`s, decides every Rust name, dedupes identical inline
//! schemas and classifies each schema as a struct, enum, union, map, list or scalar.

mod operation;
mod schema;
mod shape;
mod union;

use crate::diag::Diagnostics;
use crate::ir::{Api, TypeDef, TypeRef};
use crate::load::Document;
use crate::naming::Namespace;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::collections::{BTreeMap, HashMap};

pub use shape::literal;

/// Lowers a loaded document to the IR, reporting every problem found.
pub fn lower(doc: &Document) -> Result<Api, Diagnostics> {
    let mut lowerer = Lowerer::new(&doc.file, &doc.api);
    let groups = lowerer.operations();
    let api = Api {
        title: doc.api.info.title.clone(),
        types: lowerer.types,
        groups,
    };
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

/// State shared by the whole lowering of one document.
pub(crate) struct Lowerer<'a> {
    pub file: &'a str,
    pub api: &'a OpenAPI,
    pub diags: Diagnostics,
    pub names: Namespace,
    pub types: Vec<TypeDef>,
    /// Canonical JSON of an inline schema -> the type made for it, so repeats share one type.
    pub by_shape: HashMap<String, TypeRef>,
    /// Lowered component schemas by key.
    pub components: BTreeMap<String, TypeRef>,
    /// Named types whose definition is being built (a reference back to one needs a `Box`).
    pub in_progress: Vec<String>,
}

impl<'a> Lowerer<'a> {
    fn new(file: &'a str, api: &'a OpenAPI) -> Self {
        Lowerer {
            file,
            api,
            diags: Diagnostics::default(),
            names: Namespace::for_types(),
            types: Vec::new(),
            by_shape: HashMap::new(),
            components: BTreeMap::new(),
            in_progress: Vec::new(),
        }
    }

    /// Records a problem at `pointer`.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(self.file, pointer, message);
    }
}
