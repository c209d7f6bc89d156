//! The stand-in's handlers: one method of `Inner` per served operation.

use super::support::*;
use super::*;

impl Inner {
    pub(super) fn new(user: StandInUser, endpoint: String) -> Inner {
        let password = user.password;
        let mut inner = Inner {
            endpoint,
            password,
            signing: super::oidc::SigningKey::generate(),
            ..Inner::default()
        };
        let now = now_ms();
        inner.profile = json!({
            "id": inner.ids.string(12, LOWER_ALNUM), "username": user.username,
            "primaryEmail": null, "primaryPhone": null, "name": user.name, "avatar": null,
            "customData": {}, "identities": {}, "lastSignInAt": null, "createdAt": now,
            "updatedAt": now, "profile": {}, "applicationId": null, "cimdClientId": null,
            "isSuspended": false, "hasPassword": true, "hasSecurityVerificationMethod": true
        });
        inner
    }

    /// Loads the interaction named by the signed `_interaction` cookie. Missing, tampered or
    /// expired: `400 session.not_found` (experience-sign-in.json#2, #3; errors.json#60, #61).
    /// A `logto-app-id` of another client: `400 oidc.invalid_request` (experience-sign-in.json#33).
    pub(super) fn session(
        &mut self,
        headers: &HeaderMap,
    ) -> Result<(String, Interaction), ApiError> {
        let not_found = || fail(400, "session.not_found");
        let uid = cookie(headers, "_interaction").ok_or_else(not_found)?;
        if cookie(headers, "_interaction.sig") != Some(&self.ids.sign("_interaction", uid)) {
            return Err(not_found());
        }
        let now = now_ms();
        self.interactions.retain(|_, it| it.expires_at > now);
        let interaction = self.interactions.get(uid).filter(|it| !it.submitted);
        let interaction = interaction.ok_or_else(not_found)?;
        let app_id = headers.get("logto-app-id").map(|id| id.as_bytes());
        if app_id.is_some_and(|id| id != interaction.client_id.as_bytes()) {
            return Err(fail(400, "oidc.invalid_request"));
        }
        Ok((uid.to_owned(), interaction.clone()))
    }

    /// The scopes of the bearer token, checked like Logto's `koaOidcAuth`: no header `401
    /// auth.authorization_header_missing` (errors.json#7); not `Bearer` `401
    /// auth.authorization_token_type_not_supported` (errors.json#5); unknown or expired `401
    /// auth.unauthorized` (errors.json#4, #8).
    pub(super) fn bearer(&self, headers: &HeaderMap) -> Result<Vec<String>, ApiError> {
        let value = headers.get(header::AUTHORIZATION);
        let value = value.ok_or_else(|| fail(401, "auth.authorization_header_missing"))?;
        let Some(rest) = value.to_str().unwrap_or("").strip_prefix("Bearer") else {
            let data = json!({ "data": { "supportedTypes": ["Bearer"] } });
            let code = "auth.authorization_token_type_not_supported";
            return Err(error(401, code, data));
        };
        let token = self.tokens.get(rest.get(1..).unwrap_or(""));
        let token = token.filter(|(expires_at, _)| *expires_at > now_ms());
        let scopes = token.map(|(_, scopes)| scopes.clone());
        scopes.ok_or_else(|| fail(401, "auth.unauthorized"))
    }

    /// Whether `logto-verification-id` names a live verification record.
    pub(super) fn identity_verified(&self, headers: &HeaderMap) -> bool {
        let id = headers.get("logto-verification-id").map(|id| id.to_str());
        let expiry = id.and_then(|id| self.verifications.get(id.ok()?));
        expiry.is_some_and(|expires_at| *expires_at > now_ms())
    }

    /// The profile as a token with `scopes` sees it (account-profile.json#6 with every scope;
    /// errors.json#54 with `openid offline_access profile` only).
    pub(super) fn profile_for(&self, scopes: &[String]) -> Value {
        let mut profile = self.profile.clone();
        let scoped = [("email", "primaryEmail"), ("phone", "primaryPhone")];
        let scoped = scoped.into_iter().chain([("custom_data", "customData")]);
        for (scope, key) in scoped.chain([("identities", "identities")]) {
            if let (false, Some(fields)) = (scopes.contains(&scope.into()), profile.as_object_mut())
            {
                fields.shift_remove(key);
            }
        }
        profile
    }

    /// `GET /oidc/auth`: starts an interaction, `303` to `/sign-in?app_id=…` with six cookies
    /// (experience-sign-in.json#4). Unlike the real provider it takes any query.
    pub(super) fn start_interaction(&mut self, request: &Request) -> Reply {
        let (uid, session) = (self.ids.string(43, URL_SAFE), self.ids.string(43, URL_SAFE));
        let query = |key: &str, default| request.query.get(key).map_or(default, String::as_str);
        let client_id = query("client_id", DEFAULT_CLIENT_ID).to_owned();
        let scopes = query("scope", DEFAULT_SCOPES).split_whitespace();
        let mut scopes: Vec<String> = scopes.map(str::to_owned).collect();
        if !scopes.contains(&"openid".into()) {
            scopes.insert(0, "openid".to_owned());
        }
        let location = format!("/sign-in?app_id={client_id}");
        let expires_at = now_ms() + INTERACTION_TTL_MS;
        let owned = |key: &str| request.query.get(key).cloned();
        let s256 = owned("code_challenge_method").as_deref() == Some("S256");
        let authorization = Authorization {
            redirect_uri: owned("redirect_uri").unwrap_or_default(),
            state: owned("state"),
            nonce: owned("nonce"),
            code_challenge: owned("code_challenge").filter(|_| s256).unwrap_or_default(),
        };
        let interaction = Interaction {
            expires_at,
            client_id,
            scopes,
            authorization,
            ..Default::default()
        };
        let resume = format!("/oidc/auth/{uid}");
        let mut cookies = Vec::new();
        for (name, value, path, max_age) in [
            ("_logto", &session, "/", 1_209_600),
            ("_interaction", &uid, "/", 3_600),
            ("_interaction_resume", &uid, resume.as_str(), 3_600),
        ] {
            let attributes = format!("path={path}; max-age={max_age}; samesite=lax; httponly");
            let sig = self.ids.sign(name, value);
            cookies.push(format!("{name}={value}; {attributes}"));
            cookies.push(format!("{name}.sig={sig}; {attributes}"));
        }
        self.interactions.insert(uid, interaction);
        let cookies = AppendHeaders(cookies.into_iter().map(|c| (header::SET_COOKIE, c)));
        let headers = [
            (header::LOCATION, location.clone()),
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
        ];
        let body = format!("Redirecting to {location}.");
        Ok((StatusCode::SEE_OTHER, headers, cookies, body).into_response())
    }

    /// `PUT /api/experience`: (re)starts the interaction with an event, `204`
    /// (experience-sign-in.json#10); unknown event `400 guard.invalid_input` (#9).
    pub(super) fn init_interaction(&mut self, request: &Request) -> Reply {
        let (uid, mut interaction) = self.session(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let event = guard.one_of(&body, "interactionEvent", &EVENTS);
        guard.check()?;
        interaction.event = event;
        (interaction.user_id, interaction.password) = (None, None);
        interaction.ip = request.peer.ip().to_string();
        self.interactions.insert(uid, interaction);
        no_content()
    }

    /// `GET /api/experience/interaction`: `200` with the interaction (experience-sign-in.json#11,
    /// #20, #22); before `PUT /api/experience` `404 session.interaction_not_found` (#5).
    pub(super) fn get_interaction(&mut self, request: &Request) -> Reply {
        let (_, interaction) = self.session(&request.headers)?;
        let mut out = Map::new();
        out.insert("interactionEvent".into(), started(&interaction)?.into());
        if let Some(user_id) = interaction.user_id {
            out.insert("userId".into(), user_id.into());
        }
        let records = interaction.password.iter().map(|(id, kind, value)| {
            let identifier = json!({ "type": kind, "value": value });
            json!({ "id": id, "type": "Password", "identifier": identifier, "verified": true })
        });
        if let Value::Object(rest) = json!({
            "profile": {}, "verificationRecords": records.collect::<Vec<_>>(), "mfa": {},
            "signInContext": { "ip": interaction.ip },
            "captcha": { "verified": false, "skipped": false }
        }) {
            out.extend(rest);
        }
        ok(Value::Object(out))
    }

    /// `POST /api/experience/verification/password`: `200 {"verificationId"}` for the user's
    /// username and password (experience-sign-in.json#19); otherwise `422
    /// session.invalid_credentials` (#15, #16); malformed `400 guard.invalid_input` (#18).
    pub(super) fn verify_password(&mut self, request: &Request) -> Reply {
        let (uid, mut interaction) = self.session(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let (mut kind, mut value) = (None, None);
        if let Some(Value::Object(identifier)) = guard.get(&body, "identifier", "object", false) {
            kind = guard.one_of(identifier, "identifier.type", &IDENTIFIER_TYPES);
            value = guard.string(identifier, "identifier.value", false);
        }
        let password = guard.string(&body, "password", false);
        guard.check()?;
        started(&interaction)?;
        let (Some(kind), Some(value)) = (kind, value) else {
            return Err(fail(400, "guard.invalid_input"));
        };
        let known = kind == "username" && self.profile["username"].as_str() == Some(&value);
        if !known || password.as_ref() != Some(&self.password) {
            return Err(fail(422, "session.invalid_credentials"));
        }
        let id = self.ids.string(21, LOWER_ALNUM);
        interaction.password = Some((id.clone(), kind, value));
        self.interactions.insert(uid, interaction);
        ok(json!({ "verificationId": id }))
    }

    /// `POST /api/experience/identification`: `204` for a SignIn password verification
    /// (experience-sign-in.json#21); no `verificationId` `400 guard.invalid_input` with the
    /// uninterpolated message (#13); unknown id `404 session.verification_session_not_found`
    /// (#14); a password record when registering `400 session.verification_failed`
    /// (experience-register.json#19), when resetting a password `422
    /// session.not_supported_for_forgot_password` (from Logto's source; not recorded).
    pub(super) fn identify_user(&mut self, request: &Request) -> Reply {
        let (uid, mut interaction) = self.session(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let verification_id = guard.string(&body, "verificationId", true);
        guard.check()?;
        let event = started(&interaction)?;
        let Some(verification_id) = verification_id else {
            let mut error = fail(400, "guard.invalid_input");
            error.1["message"] = "The request has no verification to identify with.".into();
            return Err(error);
        };
        if !matches!(&interaction.password, Some((id, ..)) if *id == verification_id) {
            return Err(fail(404, "session.verification_session_not_found"));
        }
        match event {
            "Register" => Err(fail(400, "session.verification_failed")),
            "ForgotPassword" => Err(fail(422, "session.not_supported_for_forgot_password")),
            _ => {
                interaction.user_id = self.profile["id"].as_str().map(str::to_owned);
                self.interactions.insert(uid, interaction);
                no_content()
            }
        }
    }

    /// `POST /api/experience/submit`: `200 {"redirectTo"}` once identified
    /// (experience-sign-in.json#24); before `404 session.identifier_not_found` (#12). The
    /// Experience API is then done with the interaction: its cookie gets `400
    /// session.not_found` (#26), and `redirectTo` resumes it into a code (`oidc.rs`).
    pub(super) fn submit_interaction(&mut self, request: &Request) -> Reply {
        let (uid, interaction) = self.session(&request.headers)?;
        started(&interaction)?;
        if interaction.user_id.is_none() {
            return Err(fail(404, "session.identifier_not_found"));
        }
        let now = now_ms();
        if self.profile["applicationId"].is_null() {
            self.profile["applicationId"] = interaction.client_id.clone().into();
        }
        (self.profile["lastSignInAt"], self.profile["updatedAt"]) = (now.into(), now.into());
        let submitted = Interaction {
            submitted: true,
            ..interaction
        };
        self.interactions.insert(uid.clone(), submitted);
        ok(json!({ "redirectTo": format!("{}/oidc/auth/{uid}", self.endpoint) }))
    }

    /// `GET /api/my-account`: `200` with the profile (account-profile.json#6, errors.json#54).
    pub(super) fn get_profile(&mut self, request: &Request) -> Reply {
        let scopes = self.bearer(&request.headers)?;
        ok(self.profile_for(&scopes))
    }

    /// `PATCH /api/my-account`: `200` with the new profile (account-profile.json#8, #9); bad
    /// avatar URL or username `400 guard.invalid_input` (#11, #30); `username` without a
    /// verification record `401 verification_record.permission_denied` (#12); `customData`
    /// without the `custom_data` scope `400 auth.unauthorized` (#10).
    pub(super) fn update_profile(&mut self, request: &Request) -> Reply {
        let scopes = self.bearer(&request.headers)?;
        let body = json_body(request)?;
        let (mut guard, mut updates) = (Guard::default(), Vec::new());
        for (key, check, validation, message) in [
            ("name", (|_| true) as fn(&str) -> bool, "", ""),
            ("avatar", is_url, "url", "Not a valid URL"),
            ("username", is_username, "regex", "Invalid"),
        ] {
            let text = match body.get(key) {
                Some(Value::Null) => Some(Value::Null),
                _ => guard.string(&body, key, true).map(Value::String),
            };
            if text
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|text| !check(text))
            {
                guard.invalid_string(key, validation, message);
            }
            updates.extend(text.map(|text| (key, text)));
        }
        let custom_data = guard.get(&body, "customData", "object", true).cloned();
        updates.extend(custom_data.map(|data| ("customData", data)));
        guard.check()?;
        let updating = |field: &str| updates.iter().any(|(key, _)| *key == field);
        if updating("username") && !self.identity_verified(&request.headers) {
            return Err(fail(401, "verification_record.permission_denied"));
        }
        if updating("customData") && !scopes.contains(&"custom_data".into()) {
            return Err(fail(400, "auth.unauthorized"));
        }
        for (key, value) in updates {
            self.profile[key] = value;
        }
        self.profile["updatedAt"] = now_ms().into();
        ok(self.profile_for(&scopes))
    }

    /// `POST /api/verifications/password`: `201 {"verificationRecordId", "expiresAt"}`
    /// (account-profile.json#23); wrong password `422 session.invalid_credentials` (#21);
    /// missing password `400 guard.invalid_input` (#22).
    pub(super) fn verify_account_password(&mut self, request: &Request) -> Reply {
        self.bearer(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let password = guard.string(&body, "password", false);
        guard.check()?;
        if password.as_ref() != Some(&self.password) {
            return Err(fail(422, "session.invalid_credentials"));
        }
        let id = self.ids.string(21, LOWER_ALNUM);
        let expires_at = now_ms() + VERIFICATION_TTL_MS;
        self.verifications.insert(id.clone(), expires_at);
        let body = json!({ "verificationRecordId": id, "expiresAt": iso8601(expires_at) });
        Ok(json_response(StatusCode::CREATED, body))
    }

    /// `POST /api/my-account/password`: `204` (account-profile.json#34, #36); without a live
    /// `logto-verification-id` `401 verification_record.permission_denied` (#31, #32); against
    /// the password policy `422 password.rejected` with the issues as `data` (#33).
    pub(super) fn update_password(&mut self, request: &Request) -> Reply {
        self.bearer(&request.headers)?;
        let body = json_body(request)?;
        let mut guard = Guard::default();
        let password = guard.string(&body, "password", false);
        guard.check()?;
        if !self.identity_verified(&request.headers) {
            return Err(fail(401, "verification_record.permission_denied"));
        }
        let password = password.unwrap_or_default();
        let issues = self.password_issues(&password);
        if !issues.is_empty() {
            return Err(error(422, "password.rejected", json!({ "data": issues })));
        }
        self.password = password;
        self.profile["updatedAt"] = now_ms().into();
        no_content()
    }

    /// Logto's `PasswordPolicyChecker.check` for the recorded policy, without the pwned check
    /// (off on the recorded server). Lengths count chars where Logto counts UTF-16 units.
    pub(super) fn password_issues(&self, password: &str) -> Vec<Value> {
        let (length, mut issues) = (password.chars().count(), Vec::new());
        if length < 8 {
            issues.push(
                json!({ "code": "password_rejected.too_short", "interpolation": { "min": 8 } }),
            );
        } else if length > 256 {
            issues.push(
                json!({ "code": "password_rejected.too_long", "interpolation": { "max": 256 } }),
            );
        }
        if password
            .chars()
            .any(|c| !c.is_ascii_alphanumeric() && !SYMBOLS.contains(c))
        {
            issues.push(json!({ "code": "password_rejected.unsupported_characters" }));
        } else if password.is_empty() {
            let min = json!({ "min": 1 });
            issues
                .push(json!({ "code": "password_rejected.character_types", "interpolation": min }));
        }
        // Mark the characters that start a repetition, a sequence, a rejected word or user
        // info; when more than all but three of them are marked, report what was found.
        let name = self.profile["name"].as_str().unwrap_or("").to_lowercase();
        let mut infos: Vec<String> = name.split(' ').map(str::to_owned).collect();
        infos.extend([name.split_whitespace().collect(), name.clone()]);
        infos.extend(self.profile["username"].as_str().map(str::to_lowercase));
        let words = REJECTED_WORDS.map(str::to_owned);
        let lower: Vec<char> = password.to_lowercase().chars().collect();
        let (mut marked, mut codes) = (vec![false; lower.len()], Vec::<&str>::new());
        for start in 0..lower.len() {
            let (rest, text) = (&lower[start..], lower[start..].iter().collect::<String>());
            let repeated = rest.iter().take_while(|c| **c == rest[0]).count();
            let mut sequence = 1;
            while sequence < rest.len() && is_sequential(&rest[..=sequence]) {
                sequence += 1;
            }
            let prefix = |words: &[String]| {
                let found = words.iter().filter(|word| text.starts_with(word.as_str()));
                found.map(|word| word.chars().count()).max().unwrap_or(0)
            };
            let found = [
                (repeated * usize::from(repeated >= 3), "repetition"),
                (sequence * usize::from(sequence >= 3), "sequence"),
                (prefix(&words), "words"),
                (prefix(&infos), "user_info"),
            ];
            for (len, code) in found.into_iter().filter(|(len, _)| *len > 0) {
                marked[start..(start + len).min(lower.len())].fill(true);
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
        if marked.iter().filter(|m| **m).count() > lower.len().saturating_sub(3).max(1) {
            let codes = codes
                .iter()
                .map(|c| format!("password_rejected.restricted.{c}"));
            issues.extend(codes.map(|code| json!({ "code": code })));
        }
        issues
    }
}
