//! File parts of `multipart/form-data` bodies (avatar uploads and the like).

use bytes::Bytes;

/// A file to upload as one part of a multipart body.
#[derive(Debug, Clone)]
pub struct FilePart {
    bytes: Bytes,
    file_name: String,
    mime: String,
}

impl FilePart {
    /// A file with its name and MIME type (Logto checks the type, e.g. `image/png`).
    pub fn new(
        bytes: impl Into<Bytes>,
        file_name: impl Into<String>,
        mime: impl Into<String>,
    ) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: file_name.into(),
            mime: mime.into(),
        }
    }

    /// Turns the file into a reqwest part. An unparsable MIME type is sent without one rather
    /// than failing, so the server gets to say what it accepts.
    #[doc(hidden)]
    pub fn into_part(self) -> reqwest::multipart::Part {
        let part = |bytes: Bytes| {
            reqwest::multipart::Part::stream(bytes).file_name(self.file_name.clone())
        };
        // `Bytes` clones share the buffer, so the fallback costs no copy.
        part(self.bytes.clone())
            .mime_str(&self.mime)
            .unwrap_or_else(|_| part(self.bytes))
    }
}
