logto_api_macros::generate!(inherent = false);

fn main() {}
