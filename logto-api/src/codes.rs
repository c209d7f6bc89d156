//! Logto error codes that callers commonly branch on, as constants to compare with
//! [`Error::code`](crate::Error::code) or pass to [`Error::is_code`](crate::Error::is_code).
//!
//! Codes are strings because Logto adds new ones between releases; these are the ones seen
//! from a Logto 1.42 server for ordinary mistakes. Any other code still reaches you as text.
//!
//! ```
//! # fn handle(err: logto_api::Error) {
//! use logto_api::codes;
//! if err.is_code(codes::USERNAME_ALREADY_IN_USE) {
//!     println!("pick another username");
//! }
//! # }
//! ```

/// The username is taken by another user.
pub const USERNAME_ALREADY_IN_USE: &str = "user.username_already_in_use";
/// The e-mail address is taken by another user.
pub const EMAIL_ALREADY_IN_USE: &str = "user.email_already_in_use";
/// A social or enterprise identity is linked to another user already.
pub const IDENTITY_ALREADY_IN_USE: &str = "user.identity_already_in_use";
/// The user is suspended.
pub const USER_SUSPENDED: &str = "user.suspended";
/// The password breaks the sign-in experience's password policy; `data` lists the broken rules.
pub const PASSWORD_REJECTED: &str = "password.rejected";
/// Wrong identifier or password.
pub const INVALID_CREDENTIALS: &str = "session.invalid_credentials";
/// No Experience API session: the `_interaction` cookie is missing or expired.
pub const SESSION_NOT_FOUND: &str = "session.not_found";
/// The interaction needs an MFA verification before it can be submitted.
pub const MFA_REQUIRED: &str = "session.mfa.require_mfa_verification";
/// A sensitive Account API call lacks a valid `logto-verification-id`.
pub const VERIFICATION_PERMISSION_DENIED: &str = "verification_record.permission_denied";
/// The verification record does not exist or has expired.
pub const VERIFICATION_RECORD_NOT_FOUND: &str = "verification_record.not_found";
/// The request body or parameters fail validation; `details` says where.
pub const INVALID_INPUT: &str = "guard.invalid_input";
/// The entity does not exist.
pub const ENTITY_NOT_FOUND: &str = "entity.not_found";
/// The entity with the given id does not exist.
pub const ENTITY_NOT_EXISTS_WITH_ID: &str = "entity.not_exists_with_id";
/// A unique value (name, identifier) is used already.
pub const UNIQUE_INTEGRITY_VIOLATION: &str = "entity.unique_integrity_violation";
/// The token is missing, invalid or lacks the needed scope.
pub const UNAUTHORIZED: &str = "auth.unauthorized";
/// The token is valid but not allowed to do this.
pub const FORBIDDEN: &str = "auth.forbidden";
/// The call needs a connector (e-mail, SMS, social) that is not configured.
pub const CONNECTOR_NOT_FOUND: &str = "connector.not_found";
