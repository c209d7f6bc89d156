// `examples` must be a Rust path: generated doctests name it.
logto_api_macros::generate!(
    spec = "${LOGTO_API_MACROS_TESTS}/ui/specs/swagger2.json",
    examples = "not a path"
);

fn main() {}
