//! What goes on the wire for media types other than JSON and for every parameter style: each
//! call runs against a loopback server, and the test asserts the exact path, query string,
//! headers, body bytes and content type received, and the decoded answer.
//! Fixtures: `fixtures/media.json` and `fixtures/encoding.json`; expected strings follow
//! OpenAPI 3.0.3's "Style Examples" table.

// Panicking on an unexpected answer is the point of a test.
#![allow(clippy::unwrap_used)]

use logto_api::{Bytes, Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod media {
    logto_api::generate!(spec = "fixtures/media.json");
}
mod encoding {
    logto_api::generate!(spec = "fixtures/encoding.json");
}
use encoding::types::{FileTicketBody, Person, SearchWindow};
use encoding::ClientExt as _;
use media::ClientExt as _;

/// A PNG signature followed by bytes that are not UTF-8.
const PNG: [u8; 11] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe,
];

/// A server on 127.0.0.1 answering every request with `answer`, and a client for it.
async fn serve(answer: ResponseTemplate) -> (MockServer, Client) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = Client::new(server.uri()).expect("loopback URL");
    (server, client)
}

/// The only request the server received.
async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "expected exactly one request");
    all.remove(0)
}

fn header(request: &wiremock::Request, name: &str) -> Option<String> {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert!(
        values.len() <= 1,
        "header `{name}` sent {} times",
        values.len()
    );
    values
        .first()
        .map(|v| v.to_str().expect("text header").to_owned())
}

fn alex() -> Person {
    Person {
        role: Some("admin".into()),
        first_name: Some("Alex".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Media types
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn text_bodies_go_with_their_media_type_and_html_answers_are_strings() {
    let html = "<p>Grüße &amp; <b>hi</b></p>";
    let (server, client) = serve(
        ResponseTemplate::new(200)
            .set_body_raw(html.as_bytes().to_vec(), "text/html; charset=utf-8"),
    )
    .await;
    let source = "# Grüße\n\n* one\r\n";
    let answer = client.pages().preview_page(source).send().await.unwrap();
    assert_eq!(answer.body, html);
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("text/plain")
    );
    assert_eq!(request.body, source.as_bytes());
}

#[tokio::test]
async fn a_markdown_body_is_sent_as_markdown() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .pages()
        .save_draft(String::from("*draft*"))
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("text/x-markdown; charset=utf-8")
    );
    assert_eq!(request.body, b"*draft*");
}

#[tokio::test]
async fn a_text_answer_that_is_not_utf8_is_an_error_never_lossy() {
    let (_server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(PNG.to_vec(), "text/html")).await;
    let err = client.pages().preview_page("x").send().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn latin1_text_answers_decode_by_their_charset() {
    let (_server, client) = serve(
        ResponseTemplate::new(200)
            .set_body_raw(vec![b'G', 0xfc, b'l'], "text/html; charset=ISO-8859-1"),
    )
    .await;
    let answer = client.pages().preview_page("x").send().await.unwrap();
    assert_eq!(answer.body, "Gül");
}

#[tokio::test]
async fn octet_stream_uploads_arrive_unchanged() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .vault()
        .store_blob("a b", PNG.to_vec())
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/vault/a%20b");
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, PNG);
}

#[tokio::test]
async fn a_wildcard_upload_is_sent_as_octet_stream() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .vault()
        .replace_thumbnail(7)
        .body(Bytes::from_static(&PNG))
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/thumbnails/7");
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, PNG);
}

#[tokio::test]
async fn byte_answers_come_back_exact() {
    for content_type in ["application/octet-stream", "image/png", "text/plain"] {
        let (_server, client) =
            serve(ResponseTemplate::new(200).set_body_raw(PNG.to_vec(), content_type)).await;
        let blob = client.vault().fetch_blob("k").send().await.unwrap();
        assert_eq!(
            blob.body.as_ref(),
            PNG,
            "octet-stream answer sent as {content_type}"
        );
        let png = client.vault().get_thumbnail(1).send().await.unwrap();
        assert_eq!(png.body, Bytes::from_static(&PNG), "image/png answer");
        let any = client.vault().echo_anything().send().await.unwrap();
        assert_eq!(any.body.to_vec(), PNG.to_vec(), "*/* answer");
    }
}

#[tokio::test]
async fn vendor_json_types_are_json() {
    let (server, client) = serve(ResponseTemplate::new(201).set_body_raw(
        br#"{"id":"m1","text":"hi"}"#.to_vec(),
        "application/problem+json",
    ))
    .await;
    let body = media::types::CreateMemoBody {
        text: "hi".into(),
        attachment: Some("not bytes: a string inside JSON".into()),
    };
    let memo = client.memos().create_memo(body).send().await.unwrap().body;
    assert_eq!(memo.id.as_deref(), Some("m1"));
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/vnd.quill.memo+json")
    );
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"text": "hi", "attachment": "not bytes: a string inside JSON"})
    );
}

#[tokio::test]
async fn json_is_preferred_over_form() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let body = media::types::UpdatePreferencesBody {
        theme: Some("dark".into()),
    };
    client
        .memos()
        .update_preferences(body)
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(request.body, br#"{"theme":"dark"}"#);
}

#[tokio::test]
async fn per_status_answers_keep_bytes_and_text_apart() {
    use media::calls::GetExportOutcome;
    let (_s, client) =
        serve(ResponseTemplate::new(200).set_body_raw(PNG.to_vec(), "application/zip")).await;
    let answer = client.memos().get_export("e").send().await.unwrap().body;
    assert_eq!(answer, GetExportOutcome::Ok(Bytes::from_static(&PNG)));
    let (_s, client) = serve(ResponseTemplate::new(202).set_body_string("working")).await;
    let answer = client.memos().get_export("e").send().await.unwrap().body;
    assert_eq!(answer, GetExportOutcome::Accepted("working".into()));
    let (_s, client) = serve(ResponseTemplate::new(204)).await;
    let answer = client.memos().get_export("e").send().await.unwrap().body;
    assert_eq!(answer, GetExportOutcome::NoContent);
}

// ---------------------------------------------------------------------------------------------
// Parameter styles
// ---------------------------------------------------------------------------------------------

/// The raw query string of one `search` call built by `set`.
async fn query_of(
    set: impl for<'a> FnOnce(encoding::calls::SearchBuilder<'a>) -> encoding::calls::SearchBuilder<'a>,
) -> String {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    set(client.styles().search()).send().await.unwrap();
    let request = only_request(&server).await;
    request.url.query().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn query_scalars() {
    assert_eq!(query_of(|b| b.word("blue")).await, "word=blue");
    assert_eq!(query_of(|b| b.word_plain("blue")).await, "word_plain=blue");
    assert_eq!(query_of(|b| b.word("")).await, "word=");
    assert_eq!(
        query_of(|b| b.word("a b&c=d,e|f[g]")).await,
        "word=a%20b%26c%3Dd%2Ce%7Cf%5Bg%5D"
    );
}

#[tokio::test]
async fn query_arrays() {
    assert_eq!(
        query_of(|b| b.ids(vec![3, 4, 5])).await,
        "ids=3&ids=4&ids=5"
    );
    assert_eq!(
        query_of(|b| b.ids_csv(vec![3, 4, 5])).await,
        "ids_csv=3,4,5"
    );
    assert_eq!(
        query_of(|b| b.ids_space(vec![3, 4, 5])).await,
        "ids_space=3%204%205"
    );
    assert_eq!(
        query_of(|b| b.ids_pipe(vec![3, 4, 5])).await,
        "ids_pipe=3|4|5"
    );
    assert_eq!(query_of(|b| b.ids(vec![])).await, "");
    assert_eq!(query_of(|b| b.ids_csv(vec![])).await, "ids_csv=");
}

#[tokio::test]
async fn query_objects() {
    assert_eq!(
        query_of(|b| b.who(alex())).await,
        "role=admin&firstName=Alex"
    );
    assert_eq!(
        query_of(|b| b.who_csv(alex())).await,
        "who_csv=role,admin,firstName,Alex"
    );
    assert_eq!(
        query_of(|b| b.who_space(alex())).await,
        "who_space=role%20admin%20firstName%20Alex"
    );
    assert_eq!(
        query_of(|b| b.who_pipe(alex())).await,
        "who_pipe=role|admin|firstName|Alex"
    );
    assert_eq!(
        query_of(|b| b.who_deep(alex())).await,
        "who_deep[role]=admin&who_deep[firstName]=Alex"
    );
    // `deepObject` without `explode` is taken as exploded (the only way it is defined).
    let window = SearchWindow {
        size: Some(20),
        offset: Some(100),
    };
    assert_eq!(
        query_of(|b| b.window(window)).await,
        "window[size]=20&window[offset]=100"
    );
    // Absent properties are left out.
    let partial = Person {
        role: Some("a&b".into()),
        first_name: None,
    };
    assert_eq!(
        query_of(|b| b.who_deep(partial)).await,
        "who_deep[role]=a%26b"
    );
}

#[tokio::test]
async fn path_arrays() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let ids = || vec![3, 4, 5];
    client
        .styles()
        .arrays_in_path(ids(), ids(), ids(), ids(), ids(), ids())
        .send()
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/grid/3,4,5/3,4,5/.3.4.5/.3.4.5/;semi=3,4,5/;semix=3;semix=4;semix=5"
    );
}

#[tokio::test]
async fn path_objects() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .styles()
        .objects_in_path(alex(), alex(), alex(), alex(), alex(), alex())
        .send()
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/people/role,admin,firstName,Alex/role=admin,firstName=Alex\
         /.role.admin.firstName.Alex/.role=admin.firstName=Alex\
         /;semi=role,admin,firstName,Alex/;role=admin;firstName=Alex"
    );
}

#[tokio::test]
async fn path_scalars_stay_one_segment() {
    let cases = [
        ("x y", "blue", "/tags/.x%20y/;semi=blue"),
        ("a/b.c", "../d;e=f", "/tags/.a%2Fb%2Ec/;semi=..%2Fd%3Be%3Df"),
    ];
    for (dotted, semi, expected) in cases {
        let (server, client) = serve(ResponseTemplate::new(204)).await;
        client
            .styles()
            .scalars_in_path(dotted, semi)
            .send()
            .await
            .unwrap();
        assert_eq!(only_request(&server).await.url.path(), expected);
    }
}

#[tokio::test]
async fn label_values_that_would_read_as_dot_segments_are_refused() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    for value in ["", "."] {
        let err = client
            .styles()
            .scalars_in_path(value, "x")
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest { .. }),
            "{value:?}: {err:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn headers_and_cookies() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client
        .styles()
        .send_headers()
        .x_ids(vec![3, 4, 5])
        .x_person(alex())
        .x_person_pairs(alex())
        .flavours(vec!["mint".into(), "dark chocolate".into()])
        .flavour_list(vec!["a;b".into(), "c".into()])
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-ids").as_deref(), Some("3,4,5"));
    assert_eq!(
        header(&request, "x-person").as_deref(),
        Some("role,admin,firstName,Alex")
    );
    assert_eq!(
        header(&request, "x-person-pairs").as_deref(),
        Some("role=admin,firstName=Alex")
    );
    assert_eq!(
        header(&request, "cookie").as_deref(),
        Some("flavours=mint; flavours=dark%20chocolate; flavour_list=a%3Bb,c")
    );
}

// ---------------------------------------------------------------------------------------------
// Form bodies
// ---------------------------------------------------------------------------------------------

async fn form_of(body: FileTicketBody) -> String {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    client.forms().file_ticket(body).send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    String::from_utf8(request.body).unwrap()
}

#[tokio::test]
async fn form_arrays_repeat_their_name_by_default() {
    let body = FileTicketBody {
        title: "t".into(),
        labels: Some(vec!["a".into(), "b".into()]),
        weights: Some(vec![1, 2]),
        ..Default::default()
    };
    assert_eq!(
        form_of(body).await,
        "title=t&labels=a&labels=b&weights=1&weights=2"
    );
}

#[tokio::test]
async fn form_properties_follow_their_encoding() {
    let body = FileTicketBody {
        title: "a b+c".into(),
        owner: Some(alex()),
        codes: Some(vec!["x,y".into(), "z".into()]),
        steps: Some(vec![1, 2, 3]),
        ..Default::default()
    };
    assert_eq!(
        form_of(body).await,
        "title=a%20b%2Bc&owner[role]=admin&owner[firstName]=Alex&codes=x%2Cy,z&steps=1|2|3"
    );
}

// ---------------------------------------------------------------------------------------------
// The shared case documents
// ---------------------------------------------------------------------------------------------

/// The four wire-related documents of `../shared/cases/openapi` generate (their behaviour is
/// covered above on this crate's own fixtures); skipped with a notice when that folder is absent.
#[test]
fn shared_wire_cases_generate() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/cases/openapi"
    ));
    if !dir.is_dir() {
        logto_api_tests::notice(&format!(
            "{} is absent: the shared wire cases were not generated",
            dir.display()
        ));
        return;
    }
    for name in [
        "text-request-bodies.json",
        "binary-body-and-response.json",
        "query-deep-object.json",
        "form-body-arrays.json",
    ] {
        let path = dir.join(name);
        let tokens = logto_api_codegen::generate_file(&path, name, &Default::default())
            .unwrap_or_else(|d| panic!("{name} does not generate:\n{d}"));
        let source = logto_api_codegen::pretty(&tokens).expect("generated code parses");
        assert!(!source.is_empty(), "{name}");
    }
}
