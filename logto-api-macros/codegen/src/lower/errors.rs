//! Lowering of documented error answers: 4xx/5xx, `4XX`/`5XX` and `default` responses with a
//! JSON schema get a type like success answers do, and a variant of the operation's
//! `{Op}ErrorBody` enum, which decodes them from the error a call returns.
//!
//! The runtime turns every 4xx/5xx into `logto_api::Error::Api` whatever the document says (with
//! Logto's `{code, message, data}` read when present); the documented body is an addition, read
//! from the raw bytes that error keeps.

use super::{Hint, Lowerer};
use crate::diag::child;
use crate::ir::ErrorAnswer;
use crate::naming::Namespace;
use openapiv3::StatusCode;

impl Lowerer<'_> {
    /// The error answers of `op` documented with a JSON schema, in spec order.
    pub(crate) fn error_answers(
        &mut self,
        op_name: &str,
        op: &openapiv3::Operation,
        ptr: &str,
    ) -> Vec<ErrorAnswer> {
        let mut variants = Namespace::default();
        let mut out = Vec::new();
        // Statuses in document order, then `default`, the fallback.
        let responses = op
            .responses
            .responses
            .iter()
            .map(|(s, r)| (Some(s), r))
            .chain(op.responses.default.iter().map(|r| (None, r)));
        for (status, resp) in responses {
            let covers = match status {
                None => None,
                Some(StatusCode::Code(c)) if (400..600).contains(c) => Some((*c, *c)),
                Some(StatusCode::Range(r)) if (4..6).contains(r) => Some((r * 100, r * 100 + 99)),
                Some(_) => continue,
            };
            let key = status.map_or_else(|| "default".to_owned(), ToString::to_string);
            let r_ptr = child(&child(ptr, "responses"), &key);
            let Some((shared, resp)) = self.resolve_response(resp, &r_ptr) else {
                continue;
            };
            let json = resp
                .content
                .iter()
                .find(|(media, _)| super::wire::classify(media) == crate::ir::BodyEncoding::Json)
                .and_then(|(media, m)| Some((media.clone(), m.schema.clone()?)));
            let Some((media, schema)) = json else {
                continue;
            };
            let variant = variants.claim(&variant_name(covers));
            let own = Hint::new([
                format!("{op_name}Error"),
                format!("{op_name}{variant}Error"),
            ]);
            let ty = self.response_schema(
                &schema,
                shared.as_deref(),
                &r_ptr,
                &media,
                (own, r_ptr.clone()),
            );
            out.push(ErrorAnswer {
                covers,
                variant,
                ty,
                doc: Some(resp.description.clone()).filter(|d| !d.trim().is_empty()),
            });
        }
        out
    }
}

/// `404` -> `NotFound`, `4XX` -> `ClientError`, `default` -> `Default`; `Status418` for a code
/// without a common name.
fn variant_name(covers: Option<(u16, u16)>) -> String {
    let Some((low, high)) = covers else {
        return "Default".to_owned();
    };
    if low != high {
        return if low == 400 {
            "ClientError"
        } else {
            "ServerError"
        }
        .to_owned();
    }
    let known = match low {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "",
    };
    if known.is_empty() {
        format!("Status{low}")
    } else {
        known.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, TypeRef};

    fn lower(responses: &str) -> Api {
        let doc = format!(
            r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/w":{{"get":{{
            "operationId":"GetWidget","responses":{{{responses}}}}}}}}},"components":{{
            "schemas":{{"Problem":{{"type":"object","properties":{{"title":{{"type":"string"}}}}}}}},
            "responses":{{"Gone":{{"description":"gone","content":{{"application/json":{{"schema":
            {{"type":"object","properties":{{"since":{{"type":"string"}}}}}}}}}}}}}}}}}}"##
        );
        let doc = crate::load::load_str("t.json", &doc).expect("loads");
        crate::lower::lower(&doc).expect("lowers")
    }

    const OK: &str = r#""200":{"description":"ok"}"#;

    #[test]
    fn documented_error_answers_get_types_and_variants() {
        let api = lower(&format!(
            r##"{OK},"default":{{"description":"other","content":{{"application/json":{{"schema":
            {{"type":"object","properties":{{"reason":{{"type":"string"}}}}}}}}}}}},
            "404":{{"description":"missing","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Problem"}}}}}}}},
            "410":{{"$ref":"#/components/responses/Gone"}},
            "5XX":{{"description":"down","content":{{"application/problem+json":{{"schema":{{"type":"string"}}}}}}}},
            "400":{{"description":"no body"}},
            "422":{{"description":"text","content":{{"text/plain":{{"schema":{{"type":"string"}}}}}}}},
            "302":{{"description":"moved"}}"##
        ));
        let op = api.operations().next().expect("one operation");
        type Row<'a> = (Option<(u16, u16)>, &'a str, &'a TypeRef);
        let errors: Vec<Row<'_>> = op
            .errors
            .iter()
            .map(|e| (e.covers, e.variant.as_str(), &e.ty))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    Some((404, 404)),
                    "NotFound",
                    &TypeRef::Named("Problem".into())
                ),
                (Some((410, 410)), "Gone", &TypeRef::Named("Gone".into())),
                (Some((500, 599)), "ServerError", &TypeRef::String),
                (None, "Default", &TypeRef::Named("GetWidgetError".into())),
            ]
        );
        assert_eq!(op.error_body.as_deref(), Some("GetWidgetErrorBody"));
        assert_eq!(op.responses.len(), 2, "success answers are unchanged");
    }

    #[test]
    fn without_documented_error_bodies_nothing_changes() {
        let api = lower(&format!(
            r#"{OK},"400":{{"description":"no body"}},"default":{{"description":"any"}}"#
        ));
        let op = api.operations().next().expect("one operation");
        assert!(op.errors.is_empty());
        assert_eq!(op.error_body, None);
    }

    #[test]
    fn a_default_answer_changes_the_generated_code() {
        let with = lower(&format!(
            r#"{OK},"default":{{"description":"other","content":{{"application/json":{{"schema":{{"type":"object","properties":{{"reason":{{"type":"string"}}}}}}}}}}}}"#
        ));
        let without = lower(OK);
        let emit = |api: &Api| crate::emit::emit(api, &Default::default()).to_string();
        assert_ne!(emit(&with), emit(&without));
        assert!(emit(&with).contains("GetWidgetErrorBody"));
    }
}
