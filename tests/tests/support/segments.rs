//! Every operation that has a path parameter, callable with a parameter value of the caller's
//! choosing (the main table always passes `HOSTILE`). Used to check that no value, dot segments
//! included, can steer a call to another endpoint.

use super::{outcome, Auth, CallFuture};
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
        exp("CreateSocialVerification", |c, v| {
            Box::pin(async move {
                let body = e::CreateSocialVerificationBody::default();
                outcome(
                    c.experience()
                        .create_social_verification(v, body)
                        .send()
                        .await,
                )
            })
        }),
        exp("VerifySocialVerification", |c, v| {
            Box::pin(async move {
                let body = e::VerifySocialVerificationBody::default();
                outcome(
                    c.experience()
                        .verify_social_verification(v, body)
                        .send()
                        .await,
                )
            })
        }),
        exp("CreateEnterpriseSsoVerification", |c, v| {
            Box::pin(async move {
                let body = e::CreateSocialVerificationBody::default();
                let call = c.experience().create_enterprise_sso_verification(v, body);
                outcome(call.send().await)
            })
        }),
        exp("VerifyEnterpriseSsoVerification", |c, v| {
            Box::pin(async move {
                let body = e::VerifyEnterpriseSsoVerificationBody::default();
                let call = c.experience().verify_enterprise_sso_verification(v, body);
                outcome(call.send().await)
            })
        }),
        acc("GetSocialIdentityAccessToken", |c, v| {
            Box::pin(async move {
                outcome(
                    c.my_account()
                        .get_social_identity_access_token(v)
                        .send()
                        .await,
                )
            })
        }),
        acc("UpdateSocialIdentityAccessTokenByVerificationId", |c, v| {
            Box::pin(async move {
                let body = a::UpdateSocialIdentityAccessTokenByVerificationIdBody::default();
                let call = c
                    .my_account()
                    .update_social_identity_access_token_by_verification_id(v, body);
                outcome(call.send().await)
            })
        }),
        acc("GetEnterpriseSsoIdentityAccessToken", |c, v| {
            Box::pin(async move {
                let call = c.my_account().get_enterprise_sso_identity_access_token(v);
                outcome(call.send().await)
            })
        }),
        acc("DeleteIdentity", |c, v| {
            Box::pin(async move { outcome(c.my_account().delete_identity(v).send().await) })
        }),
        acc("UpdateMfaVerificationName", |c, v| {
            Box::pin(async move {
                let body = a::UpdateMfaVerificationNameBody::default();
                outcome(
                    c.my_account()
                        .update_mfa_verification_name(v, body)
                        .send()
                        .await,
                )
            })
        }),
        acc("DeleteMfaVerification", |c, v| {
            Box::pin(async move { outcome(c.my_account().delete_mfa_verification(v).send().await) })
        }),
        acc("DeleteSessionById", |c, v| {
            Box::pin(async move { outcome(c.my_account().delete_session_by_id(v).send().await) })
        }),
        acc("DeleteGrantById", |c, v| {
            Box::pin(async move { outcome(c.my_account().delete_grant_by_id(v).send().await) })
        }),
    ]
}
