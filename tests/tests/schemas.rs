//! The generator's schema rules on real values: `allOf` as an intersection, properties beside
//! unions, discriminators, recursive type graphs and number formats, each decoded from and
//! encoded to the exact JSON a server sends (fixture `fixtures/schemas.json`).

use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod shapes {
    logto_api_macros::generate!(spec = "fixtures/schemas.json");
}
use shapes::types::*;
use shapes::ClientExt as _;

/// Decodes `value` as `T` and checks that encoding it again gives the same JSON.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not decode: {e}"));
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value);
    decoded
}

#[test]
fn all_of_a_string_decodes_either_form() {
    for text in ["plain text", "0x0000abcd"] {
        let note: Note = round_trip(json!({ "text": text }));
        assert_eq!(note.text, text);
    }
    let note: Note = round_trip(json!({ "text": "t", "mood": "busy" }));
    assert_eq!(note.mood, Some(Mood::Busy));
    // Outside a PATCH body an optional `null` reads as `None`, and `None` is left out.
    let note: Note = serde_json::from_value(json!({ "text": "t", "mood": null })).expect("decodes");
    assert_eq!(note.mood, None);
    assert_eq!(
        serde_json::to_value(&note).expect("encodes"),
        json!({ "text": "t" })
    );
}

#[test]
fn required_from_another_part_is_required() {
    let post = NewPost {
        title: "t".into(),
        body: None,
    };
    assert_eq!(
        serde_json::to_value(&post).unwrap(),
        json!({ "title": "t" })
    );
    let missing = serde_json::from_value::<NewPost>(json!({ "body": "b" }));
    assert!(missing.is_err(), "title is required");
    let stored: StoredPost = round_trip(json!({ "id": 7, "title": "t" }));
    assert_eq!((stored.id, stored.title.as_str()), (7, "t"));
    assert!(serde_json::from_value::<StoredPost>(json!({ "title": "t" })).is_err());
}

#[test]
fn branches_that_only_require_keep_a_typed_struct() {
    let badge: Badge = round_trip(json!({ "slug": "mit", "caption": "x" }));
    assert_eq!(badge.slug.as_deref(), Some("mit"));
    assert_eq!(badge.caption.as_deref(), Some("x"));
    assert_eq!(badge.url, None);
}

#[test]
fn union_variants_carry_the_parents_properties() {
    let Figure::Radius(round) = round_trip(json!({ "id": "f1", "radius": 2.5 })) else {
        panic!("not the radius variant")
    };
    assert_eq!((round.id.as_str(), round.radius), ("f1", 2.5));
    let Figure::Side(square) = round_trip(json!({ "id": "f2", "side": 1.5, "corners": 4 })) else {
        panic!("not the side variant")
    };
    assert_eq!((square.id.as_str(), square.corners), ("f2", 4));
}

#[test]
fn a_discriminator_picks_the_branch_by_its_tag() {
    let goat = json!({ "kind": "goat", "name": "g", "horns": true });
    let Animal::Goat(g) = round_trip(goat) else {
        panic!("not a goat")
    };
    assert_eq!(g.horns, Some(true), "the branch keeps its own fields");
    // Same required set as Hen's; only the tag tells them apart.
    let Animal::Hen(h) = round_trip(json!({ "kind": "hen", "eggs": 3 })) else {
        panic!("not a hen")
    };
    assert_eq!(h.eggs, Some(3));
    // Implicit mapping: the component's name.
    let Animal::Owl(o) = round_trip(json!({ "kind": "Owl", "wingspan": 1.5 })) else {
        panic!("not an owl")
    };
    assert_eq!(o.wingspan, Some(1.5f32));
    // An unknown tag is kept as sent, never forced into a branch.
    let cow = json!({ "kind": "cow", "horns": true });
    let Animal::Unknown(kept) = round_trip(cow.clone()) else {
        panic!("an unknown kind was forced into a branch")
    };
    assert_eq!(kept, cow);
}

#[test]
fn encoding_writes_the_variants_tag() {
    let hen = Animal::Hen(Hen {
        kind: "anything".into(),
        name: Some("h".into()),
        eggs: None,
    });
    assert_eq!(
        serde_json::to_value(&hen).unwrap(),
        json!({ "kind": "hen", "name": "h" })
    );
}

#[tokio::test]
async fn a_discriminated_body_goes_out_and_comes_back_tagged() {
    let server = MockServer::start().await;
    let goat = json!({ "kind": "goat", "horns": false });
    Mock::given(method("PUT"))
        .and(path("/animals"))
        .and(body_json(&goat))
        .respond_with(ResponseTemplate::new(200).set_body_json(&goat))
        .expect(1)
        .mount(&server)
        .await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let body = Animal::Goat(Goat {
        kind: String::new(),
        name: None,
        horns: Some(false),
    });
    let answer = client.animals().put_animal(body.clone()).send().await;
    let answer = answer.expect("sent and decoded").into_body();
    assert_eq!(
        answer,
        Animal::Goat(Goat {
            kind: "goat".into(),
            name: None,
            horns: Some(false),
        })
    );
}

#[test]
fn recursive_graphs_decode_and_encode() {
    let graph: Graph = round_trip(json!({
        "chain": { "label": "a", "next": { "label": "b", "next": { "label": "c", "next": true } } },
        "tree": [[[]], []],
        "dict": { "a": { "b": {} } },
        "left": { "right": { "left": { "right": {} } } }
    }));
    let chain = graph.chain.expect("chain");
    let Some(ChainNext::Chain(b)) = chain.next else {
        panic!("the second link is a chain")
    };
    assert_eq!(b.label, "b");
    assert_eq!(graph.tree.expect("tree").0.len(), 2);
    assert!(graph.dict.expect("dict").0["a"].0.contains_key("b"));
}

#[test]
fn formats_pick_exact_number_types() {
    let volume: Volume = round_trip(json!({
        "bytes": 18446744073709551615u64,
        "blocks": 4294967295u32,
        "offset": -2147483648i32,
        "ratio": 0.5,
        "count": 3
    }));
    assert_eq!(volume.bytes, u64::MAX);
    assert_eq!(volume.blocks, u32::MAX);
    assert_eq!(volume.offset, i32::MIN);
    assert_eq!(volume.ratio, 0.5f32);
    let too_big = json!({ "bytes": 0, "blocks": 4294967296u64, "offset": 0, "ratio": 0 });
    assert!(
        serde_json::from_value::<Volume>(too_big).is_err(),
        "u32 overflow refused"
    );
}

#[test]
fn unixtime_ms_is_a_timestamp() {
    let base = json!({ "bytes": 0, "blocks": 0, "offset": 0, "ratio": 0.5 });
    let mut with = base.clone();
    with["created"] = json!(1795329566043i64);
    let volume: Volume = round_trip(with);
    assert_eq!(
        volume.created,
        Some(logto_api::Timestamp::from_millis(1_795_329_566_043))
    );
    // Before the epoch too; a fraction is not a count of milliseconds.
    with = base.clone();
    with["created"] = json!(-1);
    let volume: Volume = round_trip(with);
    assert_eq!(volume.created.map(i64::from), Some(-1));
    with = base;
    with["created"] = json!(1795329566043.5);
    assert!(serde_json::from_value::<Volume>(with).is_err());
}

#[test]
fn a_binary_tree_boxes_both_children() {
    let node: Node = round_trip(json!({
        "label": "root",
        "left": { "label": "l", "right": { "label": "lr" } },
        "right": { "label": "r" }
    }));
    assert_eq!(node.left.expect("left").right.expect("lr").label, "lr");
}

#[test]
fn null_items_and_values_decode() {
    let sparse: Sparse =
        round_trip(json!({ "names": ["a", null], "counts": { "x": null, "y": 2 } }));
    assert_eq!(sparse.names, Some(vec![Some("a".to_owned()), None]));
    assert_eq!(sparse.counts.expect("counts")["y"], Some(2));
}

#[test]
fn an_all_of_with_a_discriminated_union_keeps_both() {
    let Tagged::Goat(goat) = round_trip(json!({ "id": "g1", "kind": "goat", "horns": true }))
    else {
        panic!("not a goat")
    };
    assert_eq!((goat.id.as_str(), goat.horns), ("g1", Some(true)));
    // A nullable reference to a discriminated union is that union.
    let owner: Owner = round_trip(json!({ "pet": { "kind": "hen", "eggs": 2 } }));
    assert!(matches!(owner.pet, Some(Animal::Hen(_))));
    let owner: Owner = serde_json::from_value(json!({ "pet": null })).expect("decodes");
    assert_eq!(owner.pet, None);
}

#[tokio::test]
async fn a_ranged_success_status_decodes_into_its_variant() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/graphs"))
        .respond_with(ResponseTemplate::new(201).set_body_raw("made", "text/plain; charset=utf-8"))
        .mount(&server)
        .await;
    let client = logto_api::Client::new(server.uri()).expect("loopback URL");
    let answer = client
        .graphs()
        .get_graph()
        .send()
        .await
        .expect("a documented 2XX");
    assert_eq!(
        answer.into_body(),
        shapes::calls::GetGraphOutcome::Status2XX("made".into())
    );
}

/// An untagged union whose branches have the same fields and differ in a literal `type`, which
/// decodes as an open enum in each: every value takes the branch its literal names, not the
/// first branch listed.
#[test]
fn untagged_branches_are_told_apart_by_their_literals() {
    let value = json!({ "type": "MultiChoice", "key": "k", "options": ["a", "b"] });
    let item: FormItem = round_trip(value);
    assert!(
        matches!(&item, FormItem::MultiChoice(m) if m.r#type == FormItemMultiChoiceType::MultiChoice),
        "{item:?}"
    );
    let item: FormItem = round_trip(json!({ "type": "Choice", "key": "k", "options": [] }));
    assert!(matches!(item, FormItem::Choice(_)), "{item:?}");
    // The input branch names two kinds; an input has no `options`.
    let item: FormItem = round_trip(json!({ "type": "Number", "key": "k" }));
    assert!(matches!(item, FormItem::Input(_)), "{item:?}");
}

/// A literal this client does not know yet still decodes, into the first branch whose fields
/// fit, and is kept as sent.
#[test]
fn untagged_value_with_an_unknown_literal_decodes_and_is_kept() {
    let value = json!({ "type": "Slider", "key": "k", "options": ["1", "9"] });
    let item: FormItem = round_trip(value);
    let FormItem::Choice(choice) = item else {
        panic!("{item:?}")
    };
    assert_eq!(choice.r#type.as_str(), "Slider");
}

/// Boolean literals, written as Logto's `format: "true"` or as `enum: [false]`, pick the
/// branch, also when the value would fit an earlier branch's fields.
#[test]
fn untagged_branches_are_told_apart_by_boolean_literals() {
    let on: Expiry = round_trip(json!({ "enabled": true, "days": 90.0 }));
    assert!(matches!(on, Expiry::On(_)), "{on:?}");
    let off: Expiry = round_trip(json!({ "enabled": false }));
    assert!(matches!(off, Expiry::Off(_)), "{off:?}");
    // `On` is tried first (more required fields) and its `enabled: bool` accepts `false`.
    let off: Expiry =
        serde_json::from_value(json!({ "enabled": false, "days": 90 })).expect("decodes");
    assert!(matches!(off, Expiry::Off(_)), "{off:?}");

    let passed: Verdict = round_trip(json!({ "result": true, "issues": [] }));
    assert!(matches!(passed, Verdict::Passed(_)), "{passed:?}");
    let failed: Verdict = round_trip(json!({ "result": false, "issues": ["short"] }));
    assert!(matches!(failed, Verdict::Failed(_)), "{failed:?}");
}

/// A value no branch fits is an error that names every branch and why it did not fit.
#[test]
fn untagged_value_that_fits_no_branch_names_each_branch() {
    let err = serde_json::from_value::<FormItem>(json!({ "type": "Choice" }))
        .expect_err("no branch fits");
    let message = err.to_string();
    for branch in ["Choice", "MultiChoice", "Input"] {
        assert!(message.contains(&format!("{branch}: ")), "{message}");
    }
    assert!(message.contains("missing field `key`"), "{message}");
}

/// A value that names one branch's literal is that branch or an error, never another branch
/// whose fields happen to fit: a `MultiChoice` without its options is no `Input`, an
/// `enabled: true` without its days is no `Off`.
#[test]
fn a_literal_another_branch_names_rules_a_branch_out() {
    let err = serde_json::from_value::<FormItem>(json!({ "type": "MultiChoice", "key": "k" }))
        .expect_err("a multi choice needs options");
    let message = err.to_string();
    assert!(
        message.contains("MultiChoice: missing field `options`"),
        "{message}"
    );
    assert!(
        message.contains("Input: `type` does not match"),
        "{message}"
    );
    serde_json::from_value::<Expiry>(json!({ "enabled": true }))
        .expect_err("`enabled: true` needs days");
}

/// Integer `enum`s, references made nullable through `allOf`, and a pinned branch listed after
/// a branch that is itself a union (and pins nothing) all pick their branch.
#[test]
fn literals_pick_branches_in_every_form_they_are_written() {
    let v2: Versioned = round_trip(json!({ "version": 2, "a": "x" }));
    assert!(matches!(v2, Versioned::V2(_)), "{v2:?}");
    let v1: Versioned = round_trip(json!({ "version": 1 }));
    assert!(matches!(v1, Versioned::V1(_)), "{v1:?}");

    let blue: Paint = round_trip(json!({ "color": "blue", "shade": "navy" }));
    assert!(matches!(blue, Paint::Blue(_)), "{blue:?}");
    let red: Paint = round_trip(json!({ "color": "red" }));
    assert!(matches!(red, Paint::Red(_)), "{red:?}");

    let line: Drawing = round_trip(json!({ "kind": "line", "length": 2.0 }));
    assert!(matches!(line, Drawing::Line(_)), "{line:?}");
    let dot: Drawing = round_trip(json!({ "kind": "dot", "size": 1.0 }));
    assert!(matches!(dot, Drawing::Stroke(_)), "{dot:?}");
}
