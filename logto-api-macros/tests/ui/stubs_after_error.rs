// A broken spec reports its own problem; the generated module names still resolve, so the `use`
// lines below add no follow-on errors.
mod api {
    logto_api_macros::generate!(spec = "${LOGTO_API_MACROS_TESTS}/ui/specs/openapi31.json");
}

#[allow(unused_imports)]
use api::calls::*;
#[allow(unused_imports)]
use api::types::*;

fn main() {}
