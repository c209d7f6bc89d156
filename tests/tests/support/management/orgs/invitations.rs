//! `Organization invitations`: invitations to join an organization, their e-mails and status.

use super::super::case;
use super::{ids, ORG, ROLE_MEMBER, USER_A, USER_B};
use crate::support::{Case, ExpectedRequest as Req, Reply, HOSTILE};
use logto_api::management::types as t;
use logto_api::Timestamp;
use serde_json::{json, Value};

const INVITE: &str = "1nv1t3j0rdan000000001";
const INVITE_OPEN: &str = "1nv1t3k1m000000000002";
const EXPIRES: i64 = 1767830400000;

/// An invitation sent by `USER_A` with the member role, in the given state.
fn invitation(status: &str, accepted_by: Option<&str>) -> Value {
    json!({
        "tenantId": "default",
        "id": INVITE,
        "inviterId": USER_A,
        "invitee": "jordan@fieldfare.example",
        "acceptedUserId": accepted_by,
        "organizationId": ORG,
        "status": status,
        "createdAt": 1767225600500_u64,
        "updatedAt": 1767225600500_u64,
        "expiresAt": EXPIRES,
        "organizationRoles": [{ "id": ROLE_MEMBER, "name": "member" }]
    })
}

/// An invitation created without an inviter or roles.
fn open_invitation() -> Value {
    json!({
        "tenantId": "default",
        "id": INVITE_OPEN,
        "inviterId": null,
        "invitee": "kim@fieldfare.example",
        "acceptedUserId": null,
        "organizationId": ORG,
        "status": "Expired",
        "createdAt": 1767225601000_u64,
        "updatedAt": 1767312001000_u64,
        "expiresAt": 1767312000000_u64,
        "organizationRoles": []
    })
}

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "GetOrganizationInvitation",
            invoke!(|c| c
                .organization_invitations()
                .get_organization_invitation(HOSTILE)),
            Req::new("GET", concat!("/api/organization-invitations/", enc!())),
            Reply::Json(200, invitation("Pending", None)),
        ),
        case(
            "DeleteOrganizationInvitation",
            invoke!(|c| c
                .organization_invitations()
                .delete_organization_invitation(HOSTILE)),
            Req::new("DELETE", concat!("/api/organization-invitations/", enc!())),
            Reply::Empty(204),
        ),
        case(
            "ListOrganizationInvitations",
            invoke!(|c| c.organization_invitations().list_organization_invitations()),
            Req::new("GET", "/api/organization-invitations"),
            Reply::Json(200, json!([invitation("Pending", None), open_invitation()])),
        ),
        case(
            "ListOrganizationInvitations",
            invoke!(|c| c
                .organization_invitations()
                .list_organization_invitations()
                .organization_id(ORG)
                .inviter_id(USER_A)
                .invitee("jordan@fieldfare.example")),
            Req::new("GET", "/api/organization-invitations").query(&[
                ("organizationId", ORG),
                ("inviterId", USER_A),
                ("invitee", "jordan@fieldfare.example"),
            ]),
            Reply::Json(200, json!([invitation("Pending", None)])),
        )
        .variant("filtered"),
        // `messagePayload: false` creates the invitation without sending an e-mail.
        case(
            "CreateOrganizationInvitation",
            invoke!(|c| {
                let body = t::CreateOrganizationInvitationBody {
                    inviter_id: Some(USER_A.into()),
                    invitee: "jordan@fieldfare.example".into(),
                    organization_id: ORG.into(),
                    expires_at: Timestamp::from_millis(EXPIRES),
                    organization_role_ids: Some(ids(&[ROLE_MEMBER])),
                    message_payload: t::CreateOrganizationInvitationBodyMessagePayload::Bool(false),
                };
                c.organization_invitations()
                    .create_organization_invitation(body)
            }),
            Req::new("POST", "/api/organization-invitations").json(json!({
                "inviterId": USER_A,
                "invitee": "jordan@fieldfare.example",
                "organizationId": ORG,
                "expiresAt": EXPIRES,
                "organizationRoleIds": [ROLE_MEMBER],
                "messagePayload": false
            })),
            Reply::Json(201, invitation("Pending", None)),
        ),
        // The object form asks Logto to e-mail the invitee the link.
        case(
            "CreateOrganizationInvitation",
            invoke!(|c| {
                let body = t::CreateOrganizationInvitationBody {
                    inviter_id: None,
                    invitee: "kim@fieldfare.example".into(),
                    organization_id: ORG.into(),
                    expires_at: Timestamp::from_millis(1767312000000),
                    organization_role_ids: None,
                    message_payload:
                        t::CreateOrganizationInvitationBodyMessagePayload::InvitationMessagePayload(
                            t::InvitationMessagePayload {
                                link: Some("https://app.fieldfare.example/join?code=7QX2".into()),
                                locale: Some("de".into()),
                                ..Default::default()
                            },
                        ),
                };
                c.organization_invitations()
                    .create_organization_invitation(body)
            }),
            Req::new("POST", "/api/organization-invitations").json(json!({
                "invitee": "kim@fieldfare.example",
                "organizationId": ORG,
                "expiresAt": 1767312000000_u64,
                "messagePayload": {
                    "link": "https://app.fieldfare.example/join?code=7QX2",
                    "locale": "de"
                }
            })),
            Reply::Json(201, {
                let mut invitation = open_invitation();
                invitation["status"] = json!("Pending");
                invitation["updatedAt"] = json!(1767225601000_u64);
                invitation
            }),
        )
        .variant("send e-mail"),
        case(
            "CreateOrganizationInvitationMessage",
            invoke!(|c| {
                let body = t::InvitationMessagePayload {
                    code: Some("7QX2".into()),
                    link: Some("https://app.fieldfare.example/join?code=7QX2".into()),
                    locale: Some("en".into()),
                    ui_locales: Some("en fr".into()),
                };
                c.organization_invitations()
                    .create_organization_invitation_message(HOSTILE, body)
            }),
            Req::new(
                "POST",
                concat!("/api/organization-invitations/", enc!(), "/message"),
            )
            .json(json!({
                "code": "7QX2",
                "link": "https://app.fieldfare.example/join?code=7QX2",
                "locale": "en",
                "uiLocales": "en fr"
            })),
            Reply::Empty(204),
        ),
        case(
            "ReplaceOrganizationInvitationStatus",
            invoke!(|c| {
                let body = t::ReplaceOrganizationInvitationStatusBody {
                    accepted_user_id: Some(USER_B.into()),
                    status: t::ReplaceOrganizationInvitationStatusBodyStatus::Accepted,
                };
                c.organization_invitations()
                    .replace_organization_invitation_status(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organization-invitations/", enc!(), "/status"),
            )
            .json(json!({ "acceptedUserId": USER_B, "status": "Accepted" })),
            Reply::Json(200, invitation("Accepted", Some(USER_B))),
        ),
        case(
            "ReplaceOrganizationInvitationStatus",
            invoke!(|c| {
                let body = t::ReplaceOrganizationInvitationStatusBody {
                    accepted_user_id: None,
                    status: t::ReplaceOrganizationInvitationStatusBodyStatus::Revoked,
                };
                c.organization_invitations()
                    .replace_organization_invitation_status(HOSTILE, body)
            }),
            Req::new(
                "PUT",
                concat!("/api/organization-invitations/", enc!(), "/status"),
            )
            .json(json!({ "status": "Revoked" })),
            Reply::Json(200, invitation("Revoked", None)),
        )
        .variant("revoke"),
    ]
}
