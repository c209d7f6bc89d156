//! Verification records for sensitive Account API calls.
//!
//! Logto asks a signed-in user to prove again who they are before it changes a password, an
//! e-mail, a phone, MFA factors or linked identities: the caller first creates a *verification
//! record* (by password, or by a code sent to the user) and then sends its id in the
//! `logto-verification-id` header. Records expire after a few minutes. This module wraps that
//! dance:
//!
//! ```no_run
//! # async fn demo(client: logto_api::Client) -> logto_api::Result<()> {
//! use logto_api::account::types::PasswordBody;
//!
//! let record = client.verify_by_password("current-password").await?;
//! client
//!     .with_verification(&record, |verified| async move {
//!         let body = PasswordBody { password: "a-new-long-password".into() };
//!         verified.my_account().update_password(body).send().await
//!     })
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! An expired record is refused before anything is sent, and a record the server no longer
//! knows comes back as [`Error::Verification`] instead of a bare 400/401, so callers can tell
//! "ask the user to verify again" apart from every other failure.

use crate::account::types::{
    CreateVerificationByVerificationCodeBody, PasswordBody, VerificationCodeTarget,
    VerificationCodeTargetEmail, VerificationCodeTargetPhone, VerificationRecordCreated,
    VerifyVerificationByVerificationCodeBody,
};
use crate::{codes, ApiResponse, Client, Error, Result, VerificationProblem};
use std::fmt;
use std::future::Future;
use std::time::SystemTime;

/// A verified record: its id goes into `logto-verification-id` until `expires_at`.
///
/// The id authorises sensitive changes to the account for a few minutes, so `Debug` does not
/// show it.
#[derive(Clone, PartialEq, Eq)]
pub struct VerificationRecord {
    id: String,
    expires_at: Option<SystemTime>,
}

impl VerificationRecord {
    /// A record created some other way (e.g. a social or WebAuthn verification through
    /// `client.verifications()`), with the expiry Logto reported, if known.
    pub fn new(id: impl Into<String>, expires_at: Option<SystemTime>) -> VerificationRecord {
        VerificationRecord {
            id: id.into(),
            expires_at,
        }
    }

    /// The record id, as sent in `logto-verification-id`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// When Logto stops accepting the record, if it said.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// True once the expiry Logto reported has passed (by this machine's clock).
    pub fn is_expired(&self) -> bool {
        self.expires_at.is_some_and(|at| SystemTime::now() >= at)
    }
}

impl fmt::Debug for VerificationRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerificationRecord")
            .field("id", &"<redacted>")
            .field(
                "expires_at",
                &self
                    .expires_at
                    .map(|at| humantime::format_rfc3339_millis(at).to_string()),
            )
            .finish()
    }
}

/// Where a verification code goes: one of the user's own e-mail addresses or phone numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeTarget {
    /// An e-mail address.
    Email(String),
    /// A phone number, digits only (e.g. `"15551234567"`).
    Phone(String),
}

impl CodeTarget {
    fn identifier(&self) -> VerificationCodeTarget {
        match self {
            CodeTarget::Email(value) => {
                VerificationCodeTarget::Email(VerificationCodeTargetEmail {
                    value: value.clone(),
                })
            }
            CodeTarget::Phone(value) => {
                VerificationCodeTarget::Phone(VerificationCodeTargetPhone {
                    value: value.clone(),
                })
            }
        }
    }
}

/// A code was sent; the record becomes usable once [`Client::verify_code`] accepts the code
/// the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCode {
    target: CodeTarget,
    record: VerificationRecord,
}

impl PendingCode {
    /// Where the code went.
    pub fn target(&self) -> &CodeTarget {
        &self.target
    }

    /// When the code (and the record it verifies) expires, if Logto said.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.record.expires_at
    }
}

impl Client {
    /// Creates a verification record from the signed-in user's current password
    /// (`CreateVerificationByPassword`). A wrong password is an [`Error::Api`] with code
    /// [`codes::INVALID_CREDENTIALS`].
    pub async fn verify_by_password(
        &self,
        password: impl Into<String>,
    ) -> Result<VerificationRecord> {
        let body = PasswordBody {
            password: password.into(),
        };
        let created = self
            .verifications()
            .create_verification_by_password(body)
            .send()
            .await?;
        record("CreateVerificationByPassword", created)
    }

    /// Sends a verification code to `target` (`CreateVerificationByVerificationCode`); pass the
    /// code the user receives to [`Client::verify_code`].
    pub async fn send_verification_code(&self, target: CodeTarget) -> Result<PendingCode> {
        let body = CreateVerificationByVerificationCodeBody {
            identifier: target.identifier(),
            template_type: None,
        };
        let created = self
            .verifications()
            .create_verification_by_verification_code(body)
            .send()
            .await?;
        let record = record("CreateVerificationByVerificationCode", created)?;
        Ok(PendingCode { target, record })
    }

    /// Checks the code the user received (`VerifyVerificationByVerificationCode`) and returns
    /// the now verified record. A wrong code is an [`Error::Api`] with Logto's
    /// `verification_code.code_mismatch`; a pending record the server no longer knows
    /// (`verification_record.not_found`: this call names no other record) or refuses is
    /// [`Error::Verification`], so send a new code.
    pub async fn verify_code(
        &self,
        pending: &PendingCode,
        code: impl Into<String>,
    ) -> Result<VerificationRecord> {
        let body = VerifyVerificationByVerificationCodeBody {
            identifier: pending.target.identifier(),
            verification_id: pending.record.id.clone(),
            code: code.into(),
        };
        let verified = self
            .verifications()
            .verify_verification_by_verification_code(body)
            .send()
            .await
            .map_err(lost_pending_record)?;
        Ok(VerificationRecord {
            id: verified.into_body().verification_record_id,
            expires_at: pending.record.expires_at,
        })
    }

    /// Runs `call` with a client that sends `record` in `logto-verification-id`.
    ///
    /// An expired record is refused without a request; if the server refuses the record
    /// (`401 verification_record.permission_denied`), the error becomes
    /// [`Error::Verification`], so that the caller knows to verify the user again. Every other
    /// result of `call` is returned as it is, `verification_record.not_found` included: Logto
    /// also sends that code when the call's *target* is missing (no such MFA factor, no backup
    /// codes) while the record is fine, so it stays an [`Error::Api`] with its code.
    pub async fn with_verification<T, F, Fut>(
        &self,
        record: &VerificationRecord,
        call: F,
    ) -> Result<T>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let verified = self.verified(record)?;
        call(verified).await.map_err(rejected_record)
    }

    /// The same client that sends `record` in `logto-verification-id`, after checking that the
    /// record has not expired. Prefer [`Client::with_verification`], which also turns the
    /// server's refusal into [`Error::Verification`].
    pub fn verified(&self, record: &VerificationRecord) -> Result<Client> {
        if let Some(at) = record.expires_at.filter(|_| record.is_expired()) {
            return Err(Error::Verification {
                operation: "client",
                problem: VerificationProblem::Expired { at },
                api: None,
            });
        }
        self.with_verification_id(&record.id)
    }
}

/// A record from a creation answer; an `expiresAt` that is not RFC 3339 is a decode error
/// rather than a silently unlimited record.
fn record(
    operation: &'static str,
    response: ApiResponse<VerificationRecordCreated>,
) -> Result<VerificationRecord> {
    let status = response.status;
    let VerificationRecordCreated {
        verification_record_id: id,
        expires_at,
        ..
    } = response.into_body();
    let expires_at = humantime::parse_rfc3339_weak(&expires_at).map_err(|e| {
        let message = format!("`expiresAt` is not an RFC 3339 time: {e}");
        Error::decode(
            operation,
            status,
            serde::de::Error::custom(message),
            expires_at.clone(),
        )
    })?;
    Ok(VerificationRecord {
        id,
        expires_at: Some(expires_at),
    })
}

/// Turns the server's refusal of the record a sensitive call sent into
/// [`Error::Verification`]; any other error passes through unchanged.
fn rejected_record(error: Error) -> Error {
    as_rejection(error, &[codes::VERIFICATION_PERMISSION_DENIED])
}

/// Like [`rejected_record`] for the code verification, whose only subject is the pending
/// record: there, `not_found` can only mean that record is gone.
fn lost_pending_record(error: Error) -> Error {
    as_rejection(
        error,
        &[
            codes::VERIFICATION_PERMISSION_DENIED,
            codes::VERIFICATION_RECORD_NOT_FOUND,
        ],
    )
}

fn as_rejection(error: Error, refusals: &[&str]) -> Error {
    match error {
        Error::Api(api) if api.code().is_some_and(|code| refusals.contains(&code)) => {
            Error::Verification {
                operation: api.operation,
                problem: VerificationProblem::Rejected,
                api: Some(api),
            }
        }
        other => other,
    }
}
