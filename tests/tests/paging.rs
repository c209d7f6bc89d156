//! Paging: `stream()` yields every item exactly once and stops at the last one, for lists of 0,
//! 1, `page_size` and `page_size + 1` items, with and without `Total-Number`; `send_page()`
//! exposes the total and honours the page size.

use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod paged {
    logto_api_macros::generate!(spec = "fixtures/paging.json");
}
use paged::ClientExt as _;

/// A server holding `len` users that pages like Logto.
struct Users {
    len: usize,
    send_total: bool,
}

impl Respond for Users {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let (page, size) = (query("page").unwrap_or(1), query("page_size").unwrap_or(20));
        let start = (page - 1) * size;
        let items: Vec<_> = (start..self.len.min(start + size))
            .map(|i| json!({ "id": format!("u{i}") }))
            .collect();
        let mut answer = ResponseTemplate::new(200).set_body_json(items);
        if self.send_total {
            answer = answer.insert_header("total-number", self.len.to_string().as_str());
        }
        answer
    }
}

async fn server(len: usize, send_total: bool) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/users"))
        .respond_with(Users { len, send_total })
        .mount(&server)
        .await;
    server
}

async fn streamed(len: usize, page_size: i64, send_total: bool) -> (Vec<String>, usize) {
    let server = server(len, send_total).await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let ids: Vec<String> = client
        .paged_users()
        .list_users()
        .page_size(page_size)
        .stream()
        .map(|user| user.expect("every page decodes").id)
        .collect()
        .await;
    let requests = server.received_requests().await.expect("recording is on");
    for r in &requests {
        let size = r
            .url
            .query_pairs()
            .find(|(k, _)| k == "page_size")
            .map(|(_, v)| v.into_owned());
        assert_eq!(
            size.as_deref(),
            Some(page_size.to_string().as_str()),
            "page size honoured"
        );
    }
    (ids, requests.len())
}

#[tokio::test]
async fn stream_ends_exactly_at_the_last_item() {
    const SIZE: i64 = 3;
    for send_total in [true, false] {
        for len in [
            0,
            1,
            SIZE as usize,
            SIZE as usize + 1,
            2 * SIZE as usize + 2,
        ] {
            let (ids, requests) = streamed(len, SIZE, send_total).await;
            let expected: Vec<String> = (0..len).map(|i| format!("u{i}")).collect();
            assert_eq!(ids, expected, "{len} items, total sent: {send_total}");
            // A short page ends the list; a full last page needs the total (or one more request).
            let full_pages = len / SIZE as usize;
            let wanted = if send_total {
                len.div_ceil(SIZE as usize).max(1)
            } else {
                full_pages + 1
            };
            assert_eq!(
                requests, wanted,
                "requests for {len} items, total sent: {send_total}"
            );
        }
    }
}

#[tokio::test]
async fn send_page_exposes_the_total() {
    let server = server(7, true).await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let page = client
        .paged_users()
        .list_users()
        .page(2)
        .page_size(5)
        .send_page()
        .await
        .expect("page 2");
    assert_eq!((page.page, page.page_size, page.total), (2, 5, Some(7)));
    assert_eq!(
        page.items.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["u5", "u6"]
    );
    assert!(page.is_last());
    let first = client
        .paged_users()
        .list_users()
        .send_page()
        .await
        .expect("default page");
    assert_eq!(
        (first.page, first.page_size, first.items.len()),
        (1, logto_api::DEFAULT_PAGE_SIZE, 7)
    );
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({ "code": "oops", "message": "down" })),
        )
        .mount(&server)
        .await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let results: Vec<_> = client.paged_users().list_users().stream().collect().await;
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].as_ref().err().and_then(|e| e.code()),
        Some("oops")
    );
}
