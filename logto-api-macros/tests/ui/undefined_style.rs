// The spec path goes through ${LOGTO_API_MACROS_TESTS} because trybuild compiles this file from
// its own scratch crate, whose CARGO_MANIFEST_DIR is not this package's.
logto_api_macros::generate!(spec = "${LOGTO_API_MACROS_TESTS}/ui/specs/undefined_style.json");

fn main() {}
