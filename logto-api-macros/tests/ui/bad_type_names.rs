// `x-rust-type-name` must be a Rust type name, and one name cannot stand for two schemas.
logto_api_macros::generate!(spec = "${LOGTO_API_MACROS_TESTS}/ui/specs/bad_type_names.json");

fn main() {}
