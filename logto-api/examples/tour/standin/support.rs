//! Errors, request guards and small helpers shared by the stand-in's handlers.

use super::*;

/// The event of a started interaction; before `PUT /api/experience` `404
/// session.interaction_not_found` (experience-sign-in.json#5).
pub(super) fn started(interaction: &Interaction) -> Result<&'static str, ApiError> {
    (interaction.event).ok_or_else(|| fail(404, "session.interaction_not_found"))
}

pub(super) fn is_sequential(chars: &[char]) -> bool {
    let text: String = chars.iter().collect();
    let reversed: String = chars.iter().rev().collect();
    let mut rows = SEQUENCES.split_whitespace();
    rows.any(|row| row.contains(&text) || row.contains(&reversed))
}

/// A Logto error response.
#[derive(Debug)]
pub(super) struct ApiError(pub(super) StatusCode, pub(super) Value);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.0, self.1)
    }
}

pub(super) fn fail(status: u16, code: &str) -> ApiError {
    error(status, code, Value::Null)
}

/// A Logto error body, `{code, data?, details?, message}` in that order; `extra` holds `data` and
/// `details`. The codes are Logto's; the messages are the stand-in's own wording (clients must
/// branch on `code`, never on `message`). Session errors from the OIDC provider add `error` and
/// `error_description` (shape: experience-sign-in.json#2, #33).
pub(super) fn error(status: u16, code: &str, extra: Value) -> ApiError {
    let messages = json!({
        "session.not_found": "No sign-in session is open; start a new one.",
        "session.interaction_not_found": "No interaction has been started in this session yet.",
        "session.identifier_not_found": "The interaction does not know which user this is yet.",
        "session.verification_session_not_found":
            "No verification record with this id belongs to the interaction.",
        "session.verification_failed": "This verification record cannot be used for this step.",
        "session.invalid_credentials": "The identifier and password do not match a user.",
        "session.not_supported_for_forgot_password":
            "A password reset cannot use this kind of verification.",
        "oidc.invalid_request": "The OIDC provider refused the request.",
        "auth.authorization_header_missing": "The request carries no `Authorization` header.",
        "auth.authorization_token_type_not_supported": "Only `Bearer` tokens are accepted here.",
        "auth.unauthorized": "The access token is missing, expired or not for this API.",
        "verification_record.permission_denied":
            "This call needs a fresh verification record; verify the user again.",
        "password.rejected": "The new password breaks the password policy.",
        "guard.invalid_input": "The request body does not match what this endpoint takes.",
        "auth.forbidden": "The token lacks the scope this call needs.",
        "user.username_already_in_use": "Another user has this username.",
        "role.name_in_use": "Another role has this name.",
        "entity.not_exists_with_id": "Nothing with this id exists."
    });
    let descriptions = json!({
        "session.not_found": "no interaction session for this cookie",
        "oidc.invalid_request": "the interaction belongs to another client"
    });
    let mut body = Map::new();
    body.insert("code".into(), code.into());
    if let Value::Object(extra) = extra {
        body.extend(extra);
    }
    body.insert("message".into(), messages[code].clone());
    if let Some(description) = descriptions.get(code) {
        body.insert("error".into(), "invalid_request".into());
        body.insert("error_description".into(), description.clone());
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    ApiError(status, Value::Object(body))
}

/// Zod issues for a request body, reported like Logto's `koaGuard` (experience-sign-in.json#9,
/// #18; account-profile.json#11, #22; errors.json#17, #18). Paths are dotted, `""` the root.
#[derive(Debug, Default)]
pub(super) struct Guard(pub(super) Vec<Value>, pub(super) Vec<String>);

impl Guard {
    pub(super) fn push(&mut self, path: &str, issue: Value, detail: &str) {
        let code = issue["code"].as_str().unwrap_or_default();
        self.1
            .push(format!("Error in key path \"{path}\": ({code}) {detail}"));
        self.0.push(issue);
    }

    pub(super) fn invalid_type(&mut self, path: &str, expected: &str, received: &str) {
        let message = match received {
            "undefined" => "Required".to_owned(),
            _ => format!("Expected {expected}, received {received}"),
        };
        let issue = json!({ "code": "invalid_type", "expected": expected, "received": received,
            "path": segments(path), "message": message });
        self.push(
            path,
            issue,
            &format!("Expected {expected} but received {received}."),
        );
    }

    /// The value at `path` (its last key, in `object`) if its JSON type is `expected`.
    pub(super) fn get<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        path: &str,
        expected: &str,
        optional: bool,
    ) -> Option<&'a Value> {
        let value = object.get(path.rsplit('.').next().unwrap_or_default());
        let received = type_name(value);
        if received != expected && !(optional && value.is_none()) {
            self.invalid_type(path, expected, received);
        }
        value.filter(|_| received == expected)
    }

    pub(super) fn string(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        optional: bool,
    ) -> Option<String> {
        self.get(object, path, "string", optional)?
            .as_str()
            .map(str::to_owned)
    }

    /// A Zod `nativeEnum` of strings.
    pub(super) fn one_of(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        options: &[&'static str],
    ) -> Option<&'static str> {
        let value = object.get(path.rsplit('.').next().unwrap_or_default());
        let joined: Vec<String> = options.iter().map(|option| format!("'{option}'")).collect();
        let joined = joined.join(" | ");
        let shown = match value {
            Some(Value::String(text)) => text.clone(),
            Some(number @ Value::Number(_)) => number.to_string(),
            other => {
                self.invalid_type(path, &joined, type_name(other));
                return None;
            }
        };
        if let Some(option) = options.iter().find(|option| **option == shown) {
            return Some(option);
        }
        let message = format!("Not one of the allowed values ({joined}): '{shown}'");
        let issue = json!({ "received": value, "code": "invalid_enum_value", "options": options,
            "path": segments(path), "message": message });
        self.push(path, issue, &message);
        None
    }

    /// A failed Zod string check such as `.url()` or `.regex()`.
    pub(super) fn invalid_string(&mut self, path: &str, validation: &str, message: &str) {
        let issue = json!({ "validation": validation, "code": "invalid_string",
            "message": message, "path": segments(path) });
        self.push(path, issue, message);
    }

    pub(super) fn check(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let data = json!({ "issues": self.0, "name": "ZodError" });
        Err(error(
            400,
            "guard.invalid_input",
            json!({ "data": data, "details": self.1.join("\n") }),
        ))
    }
}

pub(super) fn segments(path: &str) -> Vec<&str> {
    path.split('.')
        .filter(|segment| !segment.is_empty())
        .collect()
}

/// The type names Zod uses in `invalid_type` issues.
pub(super) fn type_name(value: Option<&Value>) -> &'static str {
    match value {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

/// The body as koa-body hands it to Logto's guards: JSON when the content type says so, text for
/// `text/*`, `{}` otherwise or when empty. Broken JSON `400 {"message"}` (errors.json#16); not
/// an object `400 guard.invalid_input` (errors.json#17).
pub(super) fn json_body(request: &Request) -> Result<Map<String, Value>, ApiError> {
    let content_type = request
        .headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str());
    let content_type = content_type.and_then(Result::ok).unwrap_or_default();
    let bytes = &request.body;
    let value = if bytes.is_empty() {
        json!({})
    } else if content_type.to_ascii_lowercase().contains("json") {
        serde_json::from_slice(bytes).map_err(|error| {
            let message = match error.is_eof() {
                true => "The JSON body ends too early".to_owned(),
                false => error.to_string(),
            };
            ApiError(StatusCode::BAD_REQUEST, json!({ "message": message }))
        })?
    } else if content_type.starts_with("text/") {
        Value::String(String::from_utf8_lossy(bytes).into_owned())
    } else {
        json!({})
    };
    if let Value::Object(object) = value {
        return Ok(object);
    }
    let mut guard = Guard::default();
    guard.invalid_type("", "object", type_name(Some(&value)));
    guard.check().map(|()| Map::new())
}

pub(super) fn json_response(status: StatusCode, body: Value) -> Response {
    let content_type = [(header::CONTENT_TYPE, "application/json; charset=utf-8")];
    (status, content_type, body.to_string()).into_response()
}

pub(super) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, body))
}

pub(super) fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(super) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let values = headers.get_all(header::COOKIE).into_iter();
    let values = values.filter_map(|value| value.to_str().ok());
    let mut pairs = values.flat_map(|value| value.split(';').map(str::trim));
    pairs.find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// Zod's `.url()` (WHATWG URL parsing), approximated: a scheme, and a host for web schemes.
pub(super) fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.trim().split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let web = ["http", "https", "ws", "wss", "ftp"].contains(&&*scheme.to_ascii_lowercase());
    let host = rest
        .trim_start_matches(['/', '\\'])
        .split(['/', '\\', '?', '#'])
        .next();
    scheme_ok && (!web || host.is_some_and(|host| !host.is_empty() && !host.contains(' ')))
}

/// Logto's username rule, `/^[A-Z_a-z]\w*$/`.
pub(super) fn is_username(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn now_ms() -> u64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    u64::try_from(since_epoch.as_millis()).unwrap_or(u64::MAX)
}

/// Epoch milliseconds as `2025-05-06T14:17:09.381Z`, like JavaScript's `toISOString`.
pub(super) fn iso8601(ms: u64) -> String {
    let at = UNIX_EPOCH + std::time::Duration::from_millis(ms);
    humantime::format_rfc3339_millis(at).to_string()
}
