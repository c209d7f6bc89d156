//! A small `multipart/form-data` reader, enough to check what the client put in an upload.

/// One part as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPart {
    pub name: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Splits `body` into its parts, using the boundary named in `content_type`.
pub fn parse(content_type: &str, body: &[u8]) -> Result<Vec<ReceivedPart>, String> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .ok_or_else(|| format!("no boundary in content type `{content_type}`"))?;
    let delimiter = format!("--{boundary}").into_bytes();
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&body[from..], &delimiter) {
        starts.push(from + at);
        from += at + delimiter.len();
    }
    if starts.len() < 2 {
        return Err("fewer than two boundary lines".to_owned());
    }
    let last = starts[starts.len() - 1] + delimiter.len();
    if !body[last..].starts_with(b"--") {
        return Err("the last boundary is not a closing one (`--` missing)".to_owned());
    }
    let mut parts = Vec::new();
    for pair in starts.windows(2) {
        let segment = &body[pair[0] + delimiter.len()..pair[1]];
        let segment = segment
            .strip_prefix(b"\r\n")
            .ok_or("a boundary line does not end with CRLF")?;
        let segment = segment
            .strip_suffix(b"\r\n")
            .ok_or("a part does not end with CRLF before the next boundary")?;
        let split =
            find(segment, b"\r\n\r\n").ok_or("a part has no blank line after its headers")?;
        let headers = String::from_utf8_lossy(&segment[..split]).into_owned();
        let mut part = ReceivedPart {
            name: None,
            file_name: None,
            content_type: None,
            data: segment[split + 4..].to_vec(),
        };
        for line in headers.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                return Err(format!("bad part header line `{line}`"));
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split(';').map(str::trim) {
                        if let Some(v) = param.strip_prefix("name=") {
                            part.name = Some(v.trim_matches('"').to_owned());
                        } else if let Some(v) = param.strip_prefix("filename=") {
                            part.file_name = Some(v.trim_matches('"').to_owned());
                        }
                    }
                }
                "content-type" => part.content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(part);
    }
    Ok(parts)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
