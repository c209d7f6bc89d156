//! Lowering of paths and operations: parameters, request bodies, success responses, groups.

use super::{wire, Hint, Lowerer, SchemaRef};
use crate::diag::child;
use crate::ir::{
    Body, BodyEncoding, Group, Location, Method, Operation, Output, Paging, Param, Payload,
    Response, TypeRef,
};
use crate::naming::{pascal, snake, Namespace};
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, StatusCode};
use std::collections::BTreeMap;

impl Lowerer<'_> {
    /// Every operation of the document, grouped by first tag, in document order.
    pub(crate) fn operations(&mut self) -> Vec<Group> {
        let api = self.api;
        let mut groups: Vec<Group> = Vec::new();
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        // One namespace per Rust scope: the `calls` module, the `groups` module, the client's
        // methods, and each group's methods.
        let mut builders = Namespace::for_items();
        let mut structs = Namespace::for_items();
        let mut accessors = Namespace::for_accessors();
        let mut methods: Vec<Namespace> = Vec::new();
        for (path, item) in api.paths.paths.iter() {
            let path_ptr = child("/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.error(
                        &path_ptr,
                        format!("path item $ref `{reference}` is not supported"),
                    );
                    continue;
                }
            };
            for (method, op) in item.iter() {
                let op_ptr = child(&path_ptr, method);
                let id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| pascal(&format!("{method} {path}")));
                if let Some(first) = seen_ids.insert(id.clone(), op_ptr.clone()) {
                    self.error(
                        &op_ptr,
                        format!("duplicate operationId `{id}` (first used at {first})"),
                    );
                    continue;
                }
                let tag = op
                    .tags
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "Default".to_owned());
                let index = match groups.iter().position(|g| g.tag == tag) {
                    Some(i) => i,
                    None => {
                        let accessor = accessors.claim(&snake(&tag));
                        let own = pascal(&accessor);
                        let struct_name =
                            structs.claim_first(&[own.clone(), format!("{own}Group")]);
                        methods.push(Namespace::for_group_methods());
                        groups.push(Group {
                            tag: tag.clone(),
                            accessor,
                            struct_name,
                            operations: Vec::new(),
                        });
                        groups.len() - 1
                    }
                };
                let mut params: Vec<&ReferenceOr<Parameter>> = item.parameters.iter().collect();
                params.extend(op.parameters.iter());
                let mut lowered = self.operation(OperationInput {
                    id,
                    method: parse_method(method),
                    path,
                    op,
                    params,
                    ptr: &op_ptr,
                    builder: &mut builders,
                });
                lowered.method_name = methods[index].claim(&lowered.method_name);
                groups[index].operations.push(lowered);
            }
        }
        groups
    }

    fn operation(&mut self, input: OperationInput<'_, '_>) -> Operation {
        let OperationInput {
            id,
            method,
            path,
            op,
            params,
            ptr,
            builder,
        } = input;
        let op_name = pascal(&id);
        // Identical inline schemas share a type only inside this operation, so no other
        // operation's presence or order decides its types or their names.
        let outer = std::mem::replace(&mut self.scope, ptr.to_owned());
        let mut arg_names = Namespace::for_builder();
        let params = self.params(&op_name, path, params, ptr, &mut arg_names);
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.body(&op_name, b, &child(ptr, "requestBody")));
        let responses = self.responses(&id, op, ptr);
        let builder_name = builder.claim(&format!("{op_name}Builder"));
        let mut output = output_of(&responses, &op_name);
        if let Output::PerStatus(name) = &mut output {
            *name = builder.claim(name);
        }
        let paging = paging_of(&params, &output);
        let errors = self.error_answers(&op_name, op, ptr);
        let error_body =
            (!errors.is_empty()).then(|| builder.claim(&format!("{op_name}ErrorBody")));
        self.scope = outer;
        Operation {
            method_name: snake(&id),
            builder: builder_name,
            id,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            params,
            body,
            responses,
            output,
            errors,
            error_body,
            paging,
        }
    }

    fn params(
        &mut self,
        op_name: &str,
        path: &str,
        raw: Vec<&ReferenceOr<Parameter>>,
        ptr: &str,
        names: &mut Namespace,
    ) -> Vec<Param> {
        let mut out: Vec<Param> = Vec::new();
        for (i, p) in raw.into_iter().enumerate() {
            let p_ptr = child(&child(ptr, "parameters"), &i.to_string());
            let Some(param) = self.parameter(p, &p_ptr) else {
                continue;
            };
            let (data, location) = match &param {
                Parameter::Path { parameter_data, .. } => (parameter_data, Location::Path),
                Parameter::Query { parameter_data, .. } => (parameter_data, Location::Query),
                Parameter::Header { parameter_data, .. } => (parameter_data, Location::Header),
                Parameter::Cookie { parameter_data, .. } => (parameter_data, Location::Cookie),
            };
            // OpenAPI 3.0.3: header parameters named Accept, Content-Type or Authorization "SHALL
            // be ignored" (the media types and the security scheme decide those headers).
            if location == Location::Header
                && ["accept", "content-type", "authorization"]
                    .contains(&data.name.to_ascii_lowercase().as_str())
            {
                continue;
            }
            if location == Location::Cookie && !is_cookie_name(&data.name) {
                self.error(
                    &p_ptr,
                    format!("cookie parameter name `{}` is not a cookie name (RFC 6265: a token, no separators such as `;`, `=`, `,` or spaces)", data.name),
                );
                continue;
            }
            // An operation-level parameter overrides a path-level one of the same name and place.
            out.retain(|o| !(o.wire == data.name && o.location == location));
            let hint = Hint::new([format!("{op_name}{}", pascal(&data.name))]);
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    self.schema(s.into(), &hint, &child(&p_ptr, "schema")).ty
                }
                ParameterSchemaOrContent::Content(_) => TypeRef::String,
            };
            let (style, explode) = self.param_style(&param, &ty, &p_ptr);
            out.push(Param {
                wire: data.name.clone(),
                name: String::new(),
                location,
                ty,
                required: data.required || location == Location::Path,
                style,
                explode,
                doc: data.description.clone(),
            });
        }
        let in_template = template_names(path);
        for name in &in_template {
            if !out
                .iter()
                .any(|p| p.location == Location::Path && &p.wire == name)
            {
                self.error(ptr, format!("path `{path}` uses `{{{name}}}` but the operation declares no such path parameter"));
            }
        }
        for p in out.iter().filter(|p| p.location == Location::Path) {
            if !in_template.contains(&p.wire) {
                self.error(
                    ptr,
                    format!("path parameter `{}` does not appear in `{path}`", p.wire),
                );
            }
        }
        // Path parameters first, in template order, so positional arguments read like the URL.
        out.sort_by_key(|p| match p.location {
            Location::Path => in_template.iter().position(|n| n == &p.wire).unwrap_or(0),
            _ => usize::MAX,
        });
        for p in &mut out {
            p.name = names.claim(&snake(&p.wire));
        }
        out
    }

    fn parameter(&mut self, p: &ReferenceOr<Parameter>, ptr: &str) -> Option<Parameter> {
        match p {
            ReferenceOr::Item(p) => Some(p.clone()),
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/parameters/");
                let found = key.and_then(|k| self.api.components.as_ref()?.parameters.get(k));
                match found {
                    Some(ReferenceOr::Item(p)) => Some(p.clone()),
                    _ => {
                        self.error(
                            ptr,
                            format!("dangling $ref `{reference}`: no such component parameter"),
                        );
                        None
                    }
                }
            }
        }
    }

    fn body(&mut self, op_name: &str, body: &ReferenceOr<RequestBody>, ptr: &str) -> Option<Body> {
        // Where the body really is, for reading the raw document.
        let mut raw_ptr = ptr.to_owned();
        let mut shared_key = None;
        let body = match body {
            ReferenceOr::Item(b) => b.clone(),
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/requestBodies/");
                match key.and_then(|k| self.api.components.as_ref()?.request_bodies.get(k)) {
                    Some(ReferenceOr::Item(b)) => {
                        raw_ptr = child("/components/requestBodies", key.unwrap_or_default());
                        shared_key = key;
                        b.clone()
                    }
                    _ => {
                        self.error(
                            ptr,
                            format!("dangling $ref `{reference}`: no such request body"),
                        );
                        return None;
                    }
                }
            }
        };
        let Some((media, m, encoding)) = wire::pick_request(&body.content) else {
            self.error(
                ptr,
                "a request body needs at least one media type in `content`",
            );
            return None;
        };
        let media_ptr = child(&child(ptr, "content"), media);
        let schema_ptr = child(&media_ptr, "schema");
        // A shared body (`components/requestBodies`) is one type for every operation using it.
        let hint = match shared_key {
            Some(key) => Hint::new([format!("{}Body", pascal(key))]),
            None => Hint::new([format!("{op_name}Body")]),
        };
        let owner = match shared_key {
            Some(_) => raw_ptr.clone(),
            None => self.scope.clone(),
        };
        let outer = std::mem::replace(&mut self.scope, owner);
        let ty = match (&m.schema, encoding) {
            // The schema of a text or bytes body says nothing the generated code can use.
            (_, BodyEncoding::Text) => TypeRef::String,
            (_, BodyEncoding::Bytes) => TypeRef::Bytes,
            (None, _) => TypeRef::Any,
            (Some(s), BodyEncoding::Multipart) => self.multipart(s, &hint, &schema_ptr),
            (Some(s), _) => self.schema(s.into(), &hint, &schema_ptr).ty,
        };
        self.scope = outer;
        let styles = if encoding == BodyEncoding::Form {
            self.check_form_body(&ty, &schema_ptr);
            let raw_media_ptr = child(&child(&raw_ptr, "content"), media);
            self.form_styles(m, &ty, &raw_media_ptr)
        } else {
            Vec::new()
        };
        Some(Body {
            media: wire::content_type(media, encoding),
            styles,
            encoding,
            ty,
            required: body.required,
            doc: body.description.clone(),
        })
    }

    /// A multipart body: a struct whose untyped or binary properties are file parts.
    fn multipart(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        hint: &Hint,
        ptr: &str,
    ) -> TypeRef {
        let schema = match SchemaRef::from(schema) {
            SchemaRef::Inline(s) => self.effective(s).into_owned(),
            SchemaRef::Ref(r) => match self.lookup(r) {
                Some(s) => self.effective(s).into_owned(),
                None => {
                    self.error(ptr, format!("dangling $ref `{r}`"));
                    return TypeRef::Any;
                }
            },
        };
        let super::shape::Shape::Object {
            properties,
            required,
            ..
        } = super::shape::Shape::of(&schema)
        else {
            self.error(ptr, "a multipart/form-data body must be an object");
            return TypeRef::Any;
        };
        let key = format!(
            "{}|multipart|{}",
            self.scope,
            super::schema::canonical(&schema)
        );
        if let Some(existing) = self.by_shape.get(&key) {
            return existing.clone();
        }
        let name = self.names.claim_first(&hint.candidates);
        self.by_shape.insert(key, TypeRef::Named(name.clone()));
        let mut s = self.object(properties, required, None, &name, ptr, None, None);
        for (field, (_, prop)) in s.fields.iter_mut().zip(properties.iter()) {
            if is_file(prop) {
                field.ty = TypeRef::File;
            }
        }
        s.multipart = true;
        let doc = super::schema::type_doc(&schema);
        self.types.push(crate::ir::TypeDef {
            name: name.clone(),
            doc,
            pointer: ptr.to_owned(),
            kind: crate::ir::TypeKind::Struct(s),
        });
        TypeRef::Named(name)
    }

    fn responses(&mut self, id: &str, op: &openapiv3::Operation, ptr: &str) -> Vec<Response> {
        let mut out = Vec::new();
        let mut documented: Vec<Documented<'_>> = Vec::new();
        for (status, resp) in &op.responses.responses {
            let (code, covers) = match status {
                StatusCode::Code(c) if (200..400).contains(c) => (Some(*c), (*c, *c)),
                StatusCode::Range(r) if (2..4).contains(r) => (None, (r * 100, r * 100 + 99)),
                _ => continue,
            };
            documented.push((code, covers, status.to_string(), resp));
        }
        // `default` stands for every status the operation does not list: with no success status
        // listed, a successful answer is the `default` one (its body is not dropped).
        if documented.is_empty() {
            if let Some(resp) = &op.responses.default {
                documented.push((None, (200, 299), "default".to_owned(), resp));
            }
        }
        for (code, covers, key, resp) in documented {
            let r_ptr = child(&child(ptr, "responses"), &key);
            let Some((shared, resp)) = self.resolve_response(resp, &r_ptr) else {
                continue;
            };
            let payload = match wire::pick_response(&resp.content) {
                Some((media, m, BodyEncoding::Json)) => {
                    let ty = match &m.schema {
                        Some(schema) => {
                            let own = Hint::new([format!("{}Response", pascal(id))]);
                            let scope = self.scope.clone();
                            self.response_schema(
                                schema,
                                shared.as_deref(),
                                &r_ptr,
                                media,
                                (own, scope),
                            )
                        }
                        None => TypeRef::Any,
                    };
                    Payload::Json(ty)
                }
                Some((_, _, BodyEncoding::Text)) => Payload::Text,
                Some(_) => Payload::Bytes,
                None => Payload::Empty,
            };
            out.push(Response {
                status: code,
                covers,
                payload,
                doc: Some(resp.description.clone()).filter(|d| !d.is_empty()),
            });
        }
        out
    }

    /// The type of a response's JSON `schema`, written for `media` in the response at `r_ptr`.
    /// A shared response (`shared` is its key in `components/responses`) is one type for every
    /// operation that answers with it: named after the key and lowered in a scope of its own.
    /// An operation's own response takes the hint and scope in `own`.
    pub(crate) fn response_schema(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        shared: Option<&str>,
        r_ptr: &str,
        media: &str,
        own: (Hint, String),
    ) -> TypeRef {
        let (hint, owner, scope) = match shared {
            Some(key) => {
                let owner = child("/components/responses", key);
                let names = [pascal(key), format!("{}Response", pascal(key))];
                (Hint::new(names), owner.clone(), owner)
            }
            None => (own.0, r_ptr.to_owned(), own.1),
        };
        let s_ptr = child(&child(&child(&owner, "content"), media), "schema");
        let outer = std::mem::replace(&mut self.scope, scope);
        let ty = self.schema(schema.into(), &hint, &s_ptr).or_null();
        self.scope = outer;
        ty
    }

    /// The response behind `resp`, with the key of the `components/responses` entry it came
    /// from, if any; a dangling `$ref` is a diagnostic at `ptr`.
    pub(crate) fn resolve_response(
        &mut self,
        resp: &ReferenceOr<openapiv3::Response>,
        ptr: &str,
    ) -> Option<(Option<String>, openapiv3::Response)> {
        match resp {
            ReferenceOr::Item(r) => Some((None, r.clone())),
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/responses/");
                match key.and_then(|k| self.api.components.as_ref()?.responses.get(k)) {
                    Some(ReferenceOr::Item(r)) => Some((key.map(str::to_owned), r.clone())),
                    _ => {
                        self.error(
                            ptr,
                            format!("dangling $ref `{reference}`: no such response"),
                        );
                        None
                    }
                }
            }
        }
    }
}

/// A success answer as listed: its status (`None` for a range), the statuses it covers, its
/// key in `responses`, and the response.
type Documented<'o> = (
    Option<u16>,
    (u16, u16),
    String,
    &'o ReferenceOr<openapiv3::Response>,
);

/// Logto's paging: optional integer `page` and `page_size` query parameters on an operation
/// that answers with a JSON array.
fn paging_of(params: &[Param], output: &Output) -> Option<Paging> {
    let Output::Json(TypeRef::List(item)) = output else {
        return None;
    };
    let find = |wire: &str| {
        params.iter().find(|p| {
            p.wire == wire
                && p.location == Location::Query
                && !p.required
                && p.ty == TypeRef::Integer
        })
    };
    Some(Paging {
        page: find("page")?.name.clone(),
        page_size: find("page_size")?.name.clone(),
        item: (**item).clone(),
    })
}

struct OperationInput<'o, 'n> {
    id: String,
    method: Method,
    path: &'o str,
    op: &'o openapiv3::Operation,
    params: Vec<&'o ReferenceOr<Parameter>>,
    ptr: &'o str,
    builder: &'n mut Namespace,
}

fn parse_method(method: &str) -> Method {
    match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "patch" => Method::Patch,
        "head" => Method::Head,
        "options" => Method::Options,
        _ => Method::Trace,
    }
}

/// An RFC 6265 cookie name: an RFC 7230 token (visible ASCII without separators).
fn is_cookie_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b))
}

/// `{id}` names in a path template, in order.
fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
        .collect()
}

fn is_file(prop: &ReferenceOr<Box<openapiv3::Schema>>) -> bool {
    match prop {
        ReferenceOr::Item(s) => match super::shape::Shape::of(s) {
            super::shape::Shape::Any => true,
            super::shape::Shape::String { .. } => matches!(
                &s.schema_kind,
                openapiv3::SchemaKind::Type(openapiv3::Type::String(t))
                    if matches!(t.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
            ),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// One output type when every success answer reads the same way (an empty answer reads as
/// `None` beside JSON, as `""` beside text and as no bytes beside bytes), else a per-status enum.
fn output_of(responses: &[Response], op_name: &str) -> Output {
    let mut json: Vec<&TypeRef> = Vec::new();
    let (mut text, mut bytes, mut empty) = (false, false, false);
    for r in responses {
        match &r.payload {
            Payload::Json(t) if !json.contains(&t) => json.push(t),
            Payload::Json(_) => {}
            Payload::Text => text = true,
            Payload::Bytes => bytes = true,
            Payload::Empty => empty = true,
        }
    }
    match (json.as_slice(), text, bytes) {
        ([], false, false) => Output::Unit,
        ([], true, false) => Output::Text,
        ([], false, true) => Output::Bytes,
        ([t], false, false) if empty => Output::OptionalJson((*t).clone()),
        ([t], false, false) => Output::Json((*t).clone()),
        _ => Output::PerStatus(format!("{op_name}Outcome")),
    }
}
