//! Every operation that has a path parameter, callable with a parameter value of the caller's
//! choosing (the main table always passes `HOSTILE`). Used to check that no value, dot segments
//! included, can steer a call to another endpoint.

use super::{Auth, CallFuture};
use logto_api::account::types as a;
use logto_api::experience::types as e;
use logto_api::Client;

/// Calls one operation with `value` as its path parameter and otherwise minimal arguments.
pub type InvokeWith = fn(Client, &'static str) -> CallFuture;

pub struct SegmentCall {
    pub op: &'static str,
    pub auth: Auth,
    pub call: InvokeWith,
}

fn exp(op: &'static str, call: InvokeWith) -> SegmentCall {
    SegmentCall {
        op,
        auth: Auth::Cookie,
        call,
    }
}

fn acc(op: &'static str, call: InvokeWith) -> SegmentCall {
    SegmentCall {
        op,
        auth: Auth::BearerAndVerification,
        call,
    }
}

pub fn calls() -> Vec<SegmentCall> {
    vec![
        exp(
            "CreateSocialVerification",
            invoke!(|c, v| {
                let body = e::SocialAuthorizationBody::default();
                c.experience().create_social_verification(v, body)
            }),
        ),
        exp(
            "VerifySocialVerification",
            invoke!(|c, v| {
                let body = e::VerifySocialVerificationBody::default();
                c.experience().verify_social_verification(v, body)
            }),
        ),
        exp(
            "CreateEnterpriseSsoVerification",
            invoke!(|c, v| {
                let body = e::SocialAuthorizationBody::default();
                let call = c.experience().create_enterprise_sso_verification(v, body);
                call
            }),
        ),
        exp(
            "VerifyEnterpriseSsoVerification",
            invoke!(|c, v| {
                let body = e::VerifyEnterpriseSsoVerificationBody::default();
                let call = c.experience().verify_enterprise_sso_verification(v, body);
                call
            }),
        ),
        acc(
            "GetSocialIdentityAccessToken",
            invoke!(|c, v| c.my_account().get_social_identity_access_token(v)),
        ),
        acc(
            "UpdateSocialIdentityAccessTokenByVerificationId",
            invoke!(|c, v| {
                let body = a::UpdateSocialIdentityAccessTokenByVerificationIdBody::default();
                let call = c
                    .my_account()
                    .update_social_identity_access_token_by_verification_id(v, body);
                call
            }),
        ),
        acc(
            "GetEnterpriseSsoIdentityAccessToken",
            invoke!(|c, v| c.my_account().get_enterprise_sso_identity_access_token(v)),
        ),
        acc(
            "DeleteIdentity",
            invoke!(|c, v| c.my_account().delete_identity(v)),
        ),
        acc(
            "UpdateMfaVerificationName",
            invoke!(|c, v| {
                let body = a::UpdateMfaVerificationNameBody::default();
                c.my_account().update_mfa_verification_name(v, body)
            }),
        ),
        acc(
            "DeleteMfaVerification",
            invoke!(|c, v| c.my_account().delete_mfa_verification(v)),
        ),
        acc(
            "DeleteSessionById",
            invoke!(|c, v| c.my_account().delete_session_by_id(v)),
        ),
        acc(
            "DeleteGrantById",
            invoke!(|c, v| c.my_account().delete_grant_by_id(v)),
        ),
    ]
}
