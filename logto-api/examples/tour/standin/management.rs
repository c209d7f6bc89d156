//! The stand-in's Management API: the client-credentials token endpoint and the user and role
//! calls the tour makes. Users created here are separate from the one Experience/Account user,
//! which is listed first so that `GET /api/users` shows it as Logto would.

use super::support::*;
use super::*;
use base64::Engine;

/// The machine-to-machine application the stand-in accepts at `POST /oidc/token`.
pub const M2M_APP_ID: &str = "standin-m2m-app";
pub const M2M_APP_SECRET: &str = "standin-m2m-secret";
/// The Management API resource indicator of an OSS Logto (`https://{tenant}.logto.app/api` on
/// Cloud); a token for anything else would not be accepted by `/api`.
const MANAGEMENT_RESOURCE: &str = "https://default.logto.app/api";
/// `expires_in` of a client-credentials token, in seconds.
const M2M_TOKEN_TTL_S: u64 = 3600;

impl Inner {
    /// `POST /oidc/token` with `grant_type=client_credentials`: client authentication by HTTP
    /// Basic (RFC 6749 §2.3.1, id and secret form-encoded before base64), the `resource`
    /// parameter naming the Management API and `scope=all`. Errors use OAuth's `{error,
    /// error_description}` body, as the OIDC provider inside Logto does.
    pub(super) fn issue_m2m_token(&mut self, request: &Request) -> Reply {
        let oauth = |status: StatusCode, error: &str, description: &str| {
            let body = json!({ "error": error, "error_description": description });
            Err(ApiError(status, body))
        };
        let form: HashMap<String, String> =
            form_urlencoded::parse(&request.body).into_owned().collect();
        if form.get("grant_type").map(String::as_str) != Some("client_credentials") {
            let description = "the stand-in only grants client_credentials";
            return oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                description,
            );
        }
        if basic_credentials(&request.headers) != Some((M2M_APP_ID.into(), M2M_APP_SECRET.into())) {
            let description = "client authentication failed";
            return oauth(StatusCode::UNAUTHORIZED, "invalid_client", description);
        }
        if form.get("resource").map(String::as_str) != Some(MANAGEMENT_RESOURCE) {
            let description = "resource indicator is missing or unknown";
            return oauth(StatusCode::BAD_REQUEST, "invalid_target", description);
        }
        let scope = form.get("scope").cloned().unwrap_or_default();
        let token = self.ids.string(43, URL_SAFE);
        let expires_at = now_ms() + M2M_TOKEN_TTL_S * 1000;
        let scopes = scope.split_whitespace().map(str::to_owned).collect();
        self.tokens.insert(token.clone(), (expires_at, scopes));
        ok(json!({
            "access_token": token, "expires_in": M2M_TOKEN_TTL_S,
            "token_type": "Bearer", "scope": scope
        }))
    }

    /// A Management API caller: a bearer token with the `all` scope, else `403 auth.forbidden`.
    fn management_caller(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let scopes = self.bearer(headers)?;
        match scopes.iter().any(|s| s == "all") {
            true => Ok(()),
            false => Err(fail(403, "auth.forbidden")),
        }
    }

    /// `POST /api/users`: `200` with the new user; a taken username `422
    /// user.username_already_in_use`.
    pub(super) fn create_user(&mut self, request: &Request) -> Reply {
        self.management_caller(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let username = guard.string(&body, "username", true);
        let name = guard.string(&body, "name", true);
        guard.check()?;
        let taken = self
            .all_users()
            .any(|u| u["username"].as_str() == username.as_deref());
        if username.is_some() && taken {
            return Err(fail(422, "user.username_already_in_use"));
        }
        let now = now_ms();
        let user = json!({
            "id": self.ids.string(12, LOWER_ALNUM), "username": username,
            "primaryEmail": null, "primaryPhone": null, "name": name, "avatar": null,
            "customData": {}, "identities": {}, "lastSignInAt": null, "createdAt": now,
            "updatedAt": now, "profile": {}, "applicationId": null, "cimdClientId": null,
            "isSuspended": false
        });
        self.users.push(user.clone());
        ok(user)
    }

    /// `GET /api/users`: one page (`page` from 1, `page_size` default 20) and the total in
    /// `Total-Number`.
    pub(super) fn list_users(&self, request: &Request) -> Reply {
        self.management_caller(&request.headers)?;
        let number = |name: &str, default: usize| match request.query.get(name) {
            None => Ok(default),
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    let details = format!("`{name}` must be a positive integer");
                    error(400, "guard.invalid_input", json!({ "details": details }))
                }),
        };
        let (page, page_size) = (number("page", 1)?, number("page_size", 20)?);
        let users: Vec<Value> = self.all_users().cloned().collect();
        let items: Vec<Value> = users
            .iter()
            .skip((page - 1) * page_size)
            .take(page_size)
            .map(as_listed)
            .collect();
        let mut response = json_response(StatusCode::OK, Value::Array(items));
        response
            .headers_mut()
            .insert("total-number", users.len().into());
        Ok(response)
    }

    /// `DELETE /api/users/{userId}`: `204`; an unknown id `404 entity.not_exists_with_id`.
    pub(super) fn delete_user(&mut self, request: &Request, id: &str) -> Reply {
        self.management_caller(&request.headers)?;
        remove_by_id(&mut self.users, id)?;
        self.user_roles.remove(id);
        no_content()
    }

    /// `POST /api/roles`: `200` with the new role (type `User` unless the body says otherwise).
    pub(super) fn create_role(&mut self, request: &Request) -> Reply {
        self.management_caller(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let name = guard.string(&body, "name", false);
        let description = guard.string(&body, "description", false);
        guard.check()?;
        if self
            .roles
            .iter()
            .any(|r| r["name"].as_str() == name.as_deref())
        {
            return Err(fail(422, "role.name_in_use"));
        }
        let role = json!({
            "tenantId": "default", "id": self.ids.string(21, LOWER_ALNUM), "name": name,
            "description": description, "type": body.get("type").cloned().unwrap_or("User".into()),
            "isDefault": body.get("isDefault").cloned().unwrap_or(false.into())
        });
        self.roles.push(role.clone());
        ok(role)
    }

    /// `DELETE /api/roles/{id}`: `204`; an unknown id `404 entity.not_exists_with_id`.
    pub(super) fn delete_role(&mut self, request: &Request, id: &str) -> Reply {
        self.management_caller(&request.headers)?;
        remove_by_id(&mut self.roles, id)?;
        self.user_roles
            .values_mut()
            .for_each(|ids| ids.retain(|r| r != id));
        no_content()
    }

    /// `POST /api/users/{userId}/roles`: `201 {roleIds, addedRoleIds}`; an unknown user or role
    /// `404 entity.not_exists_with_id`.
    pub(super) fn assign_user_roles(&mut self, request: &Request, user_id: &str) -> Reply {
        self.management_caller(&request.headers)?;
        let body = json_body(request)?;
        let ids: Vec<String> = match body.get("roleIds") {
            Some(Value::Array(ids)) => ids
                .iter()
                .filter_map(|id| id.as_str().map(str::to_owned))
                .collect(),
            _ => {
                let mut guard = Guard::default();
                guard.invalid_type("roleIds", "array", type_name(body.get("roleIds")));
                return guard.check().and_then(|()| no_content());
            }
        };
        let user_known = self.all_users().any(|u| u["id"] == user_id);
        let roles_known = ids
            .iter()
            .all(|id| self.roles.iter().any(|r| r["id"] == *id));
        if !user_known || !roles_known {
            return Err(fail(404, "entity.not_exists_with_id"));
        }
        let assigned = self.user_roles.entry(user_id.to_owned()).or_default();
        let added: Vec<String> = ids
            .iter()
            .filter(|id| !assigned.contains(id))
            .cloned()
            .collect();
        assigned.extend(added.iter().cloned());
        let body = json!({ "roleIds": ids, "addedRoleIds": added });
        Ok(json_response(StatusCode::CREATED, body))
    }

    /// The Experience/Account user first, then those created through the Management API.
    fn all_users(&self) -> impl Iterator<Item = &Value> {
        std::iter::once(&self.profile).chain(&self.users)
    }
}

/// Removes the entity with `id`; none: `404 entity.not_exists_with_id`.
fn remove_by_id(entities: &mut Vec<Value>, id: &str) -> Result<(), ApiError> {
    let before = entities.len();
    entities.retain(|e| e["id"] != id);
    match entities.len() < before {
        true => Ok(()),
        false => Err(fail(404, "entity.not_exists_with_id")),
    }
}

/// A user as the Management API lists it: without the Account API's own fields.
fn as_listed(user: &Value) -> Value {
    let mut user = user.clone();
    if let Value::Object(map) = &mut user {
        map.remove("hasPassword");
        map.remove("hasSecurityVerificationMethod");
    }
    user
}

/// The form-decoded `(client_id, client_secret)` of an `Authorization: Basic` header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |text: &str| -> String {
        form_urlencoded::parse(format!("x={text}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}
