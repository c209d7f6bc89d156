//! A typed client for a pet store's API, generated at build time from `openapi/petstore.json`.
//! Run it with `PETSTORE_URL` pointing at a server that implements the document.

mod petstore {
    logto_api::generate!(spec = "openapi/petstore.json");
}

use petstore::types::{Kind, NewPet};
use petstore::ClientExt as _;

#[tokio::main]
async fn main() -> logto_api::Result<()> {
    let url = std::env::var("PETSTORE_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let client = logto_api::Client::builder(url)
        .bearer_token("<api token>")
        .build()?;

    let new_pet = NewPet { name: "Rex".into(), kind: Kind::Dog, birthday: None };
    let created = client.pets().create_pet(new_pet).send().await?.into_body();

    let dogs = client.pets().list_pets().kind(Kind::Dog).limit(10).send().await?;
    for pet in dogs.into_body() {
        println!("{} {}", pet.id, pet.name);
    }

    client.pets().delete_pet(&created.id).send().await?;
    Ok(())
}
