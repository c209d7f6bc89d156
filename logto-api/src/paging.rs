//! Logto's paging: `page`/`page_size` query parameters, and the total in `Total-Number`.

use crate::{ApiResponse, Result};
use futures_util::stream::{self, Stream, StreamExt};
use http::HeaderMap;
use std::future::Future;

/// The page size asked for when the caller sets none; it is Logto's own default, sent
/// explicitly so that the end of the list can be recognised.
pub const DEFAULT_PAGE_SIZE: i64 = 20;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Which page this is (from 1).
    pub page: i64,
    /// The page size that was asked for.
    pub page_size: i64,
    /// How many items the whole list has (`Total-Number`), when the server said.
    pub total: Option<u64>,
    /// The response headers (`Link`, `Total-Number-Is-Capped`, ...).
    pub headers: HeaderMap,
}

impl<T> Page<T> {
    /// A page from a decoded list answer.
    pub fn from_response(response: ApiResponse<Vec<T>>, page: i64, page_size: i64) -> Page<T> {
        let total = response
            .header("total-number")
            .and_then(|t| t.trim().parse().ok());
        Page {
            items: response.body,
            page,
            page_size,
            total,
            headers: response.headers,
        }
    }

    /// True when no page follows this one: it is short, empty, or reaches the total.
    pub fn is_last(&self) -> bool {
        let len = self.items.len() as i64;
        let reached = self.page.saturating_mul(self.page_size);
        len == 0
            || len < self.page_size
            || self
                .total
                .is_some_and(|total| u64::try_from(reached).is_ok_and(|r| r >= total))
    }
}

enum Cursor<B> {
    Next(B, i64),
    Done,
}

/// Every item of every page from `first` on (used by generated `stream()` methods); `fetch`
/// gets a fresh copy of the request for each page.
pub fn paginate<'a, B, T, F, Fut>(
    builder: B,
    first: i64,
    fetch: F,
) -> impl Stream<Item = Result<T>> + Unpin + 'a
where
    B: Clone + 'a,
    T: 'a,
    F: Fn(B, i64) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>>> + 'a,
{
    // Boxed so the stream is `Unpin`: callers can use `.next().await` without pinning it.
    let pages = stream::unfold(
        (Cursor::Next(builder, first), fetch),
        |(cursor, fetch)| async move {
            let Cursor::Next(builder, page) = cursor else {
                return None;
            };
            match fetch(builder.clone(), page).await {
                Err(e) => Some((vec![Err(e)], (Cursor::Done, fetch))),
                Ok(p) => {
                    let next = if p.is_last() {
                        Cursor::Done
                    } else {
                        Cursor::Next(builder, page + 1)
                    };
                    Some((
                        p.items.into_iter().map(Ok).collect::<Vec<_>>(),
                        (next, fetch),
                    ))
                }
            }
        },
    );
    Box::pin(pages.flat_map(stream::iter))
}
