logto_api_macros::generate!(spec = "${LOGTO_API_MACROS_TESTS}/ui/specs/swagger2.json", flavour = "spicy", color = 3);

fn main() {}
