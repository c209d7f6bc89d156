//! Absent, `null` and a value (fixture `fixtures/presence.json`): in what a PATCH body reaches
//! they are three requests (`logto_api::Patch`), and the exact JSON of each goes out; everywhere
//! else an optional `null` reads as `None` like an absent field, and `None` is left out.
//! Every call runs against a loopback server.

use logto_api::{Client, Patch};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod presence {
    logto_api::generate!(spec = "fixtures/presence.json");
}
use presence::types::{Address, Link, NewProfile, Profile, ProfileChanges};
use presence::ClientExt as _;

/// A server on 127.0.0.1 answering every request with `status` and `answer` as JSON, and a
/// client for it.
async fn serve_as(status: u16, answer: Value) -> (MockServer, Client) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(answer))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).expect("loopback URL");
    (server, client)
}

/// [`serve_as`] with 200.
async fn serve(answer: Value) -> (MockServer, Client) {
    serve_as(200, answer).await
}

/// The JSON bodies the server received, in order.
async fn sent_bodies(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON body"))
        .collect()
}

fn ada() -> Value {
    json!({ "id": "p1", "avatar": null })
}

#[tokio::test]
async fn a_patch_body_sends_unchanged_null_and_set_as_three_requests() {
    let (server, client) = serve(ada()).await;
    let changes = [
        (ProfileChanges::default(), json!({})),
        (
            ProfileChanges {
                name: Patch::Null,
                ..Default::default()
            },
            json!({ "name": null }),
        ),
        (
            ProfileChanges {
                name: Patch::Set("Ada".into()),
                ..Default::default()
            },
            json!({ "name": "Ada" }),
        ),
    ];
    let expected: Vec<Value> = changes.iter().map(|(_, wire)| wire.clone()).collect();
    for (body, _) in changes {
        let answer = client.profiles().update_profile("p1", body).send().await;
        assert_eq!(answer.expect("the answer decodes").status.as_u16(), 200);
    }
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.iter().all(|r| r.method.as_str() == "PATCH"));
    assert_eq!(sent_bodies(&server).await, expected);
}

#[tokio::test]
async fn types_a_patch_body_reaches_say_all_three_too() {
    let (server, client) = serve(ada()).await;
    let body = ProfileChanges {
        avatar: Patch::Null,
        bio: None,
        address: Patch::Set(Address {
            city: Patch::Null,
            country: Some("NZ".into()),
        }),
        links: Some(vec![
            Link {
                url: "https://a.example".into(),
                label: Patch::Unchanged,
            },
            Link {
                url: "https://b.example".into(),
                label: Patch::Null,
            },
            Link {
                url: "https://c.example".into(),
                label: "home".to_owned().into(),
            },
        ]),
        ..Default::default()
    };
    client
        .profiles()
        .update_profile("p1", body)
        .send()
        .await
        .expect("the answer decodes");
    let expected = json!({
        "avatar": null,
        "address": { "city": null, "country": "NZ" },
        "links": [
            { "url": "https://a.example" },
            { "url": "https://b.example", "label": null },
            { "url": "https://c.example", "label": "home" }
        ]
    });
    assert_eq!(sent_bodies(&server).await, [expected]);
}

#[tokio::test]
async fn a_post_body_leaves_none_out() {
    let (server, client) = serve_as(201, ada()).await;
    let body = NewProfile {
        id: "p1".into(),
        name: None,
    };
    client
        .profiles()
        .create_profile(body)
        .send()
        .await
        .expect("the answer decodes");
    assert_eq!(sent_bodies(&server).await, [json!({ "id": "p1" })]);
}

#[tokio::test]
async fn an_answer_reads_null_and_absent_alike() {
    for served in [
        json!({ "id": "p1", "name": null, "avatar": null, "address": null }),
        json!({ "id": "p1", "avatar": null }),
    ] {
        let (_server, client) = serve(served.clone()).await;
        let profile: Profile = client
            .profiles()
            .get_profile("p1")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{served} does not decode: {e}"))
            .into_body();
        assert_eq!(profile.name, None, "{served}");
        assert_eq!(profile.address, None, "{served}");
        // `None` is left out, except for a required field, which is always written.
        assert_eq!(
            serde_json::to_value(&profile).expect("encodes"),
            json!({ "id": "p1", "avatar": null })
        );
    }
    let (_server, client) = serve(json!({ "id": "p1", "name": "Ada", "avatar": "a.png" })).await;
    let profile = client.profiles().get_profile("p1").send().await;
    let profile = profile.expect("decodes").into_body();
    assert_eq!(profile.name.as_deref(), Some("Ada"));
    assert_eq!(profile.avatar.as_deref(), Some("a.png"));
}

#[tokio::test]
async fn a_type_shared_with_a_patch_body_decodes_answers_as_patch() {
    let served = json!({
        "id": "p1",
        "avatar": null,
        "address": { "city": null },
        "links": [{ "url": "u1" }, { "url": "u2", "label": "home" }]
    });
    let (_server, client) = serve(served.clone()).await;
    let profile = client.profiles().get_profile("p1").send().await;
    let profile = profile.expect("decodes").into_body();
    let address = profile.address.as_ref().expect("an address");
    assert_eq!(address.city, Patch::Null);
    let links = profile.links.as_deref().expect("links");
    assert_eq!(links[0].label, Patch::Unchanged);
    assert_eq!(links[1].label.as_deref(), Patch::Set("home"));
    // A `Patch` keeps what it read, so this answer encodes back as it came.
    assert_eq!(serde_json::to_value(&profile).expect("encodes"), served);
}

#[test]
fn a_wrongly_typed_patch_value_is_a_decode_error_not_a_panic() {
    let wrong = serde_json::from_value::<Link>(json!({ "url": "u", "label": 3 }));
    assert!(wrong.is_err());
}
