//! Where recursive types need a `Box`: decided once, on the whole type graph, after lowering.
//!
//! A type that contains itself by value (directly or through other types, unions and newtypes
//! included) has infinite size. `Vec` and `BTreeMap` already put their items on the heap, so
//! only by-value edges count (a plain or `Option` field, a union payload, a newtype's inner
//! type). Every cycle of such edges must lose one edge to a `Box`. The edges chosen are the back
//! edges of a depth-first search that starts from the types in name order and follows fields in
//! their written order: that breaks every cycle, boxes nothing outside a cycle, and depends only
//! on the graph, not on the order in which lowering happened to create the types. The search is
//! iterative, so no graph is too deep for it.
//!
//! rustc also gives up on types nested too deeply by value without a cycle (drop check and
//! layout stop at its recursion limit of 128 steps, and every `Option` is a step too), so a
//! chain of by-value types deeper than [`MAX_BY_VALUE_DEPTH`] gets a `Box` on the edge where it
//! would cross that depth, counted from the innermost type.

use crate::ir::{TypeDef, TypeKind, TypeRef};
use std::collections::HashMap;

/// How many types deep a value may nest by value before a `Box` breaks the chain.
const MAX_BY_VALUE_DEPTH: usize = 32;

/// Wraps in `Box` the by-value references that close a cycle, then those that would nest
/// types deeper than rustc follows.
pub(crate) fn box_cycles(types: &mut [TypeDef]) {
    box_edges(types, back_edges);
    box_edges(types, |edges, _| too_deep(edges));
}

/// Boxes the by-value references that `choose` picks, as `(type, position among its by-value
/// references)`, from the graph of by-value references.
fn box_edges(
    types: &mut [TypeDef],
    choose: impl FnOnce(&[Vec<usize>], &[&str]) -> Vec<(usize, usize)>,
) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    // A name without a definition (never made by lowering) points at an extra node with no
    // edges, so positions in each list stay those of `by_value_mut`.
    let sink = types.len();
    let mut edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            by_value(&t.kind)
                .map(|name| index.get(name).copied().unwrap_or(sink))
                .collect()
        })
        .collect();
    edges.push(Vec::new());
    let mut names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    names.push("");
    let mut chosen = choose(&edges, &names);
    chosen.sort_unstable();
    // Positions count the by-value references before any is boxed: box each type's chosen
    // positions in one pass, since a boxed reference no longer counts as by value.
    for (from, group) in chosen.chunk_by(|a, b| a.0 == b.0).map(|g| (g[0].0, g)) {
        let Some(def) = types.get_mut(from) else {
            continue;
        };
        for (position, ty) in by_value_mut(&mut def.kind).enumerate() {
            if group.iter().any(|(_, slot)| *slot == position) {
                let inner = std::mem::replace(ty, TypeRef::Any);
                *ty = TypeRef::Boxed(Box::new(inner));
            }
        }
    }
}

/// Names of the types `kind` holds by value, in field order.
fn by_value(kind: &TypeKind) -> impl Iterator<Item = &str> {
    slots(kind).filter_map(|ty| match ty {
        TypeRef::Named(name) => Some(name.as_str()),
        _ => None,
    })
}

/// The by-value type references of `kind`, mutably, in the same order as [`by_value`].
fn by_value_mut(kind: &mut TypeKind) -> impl Iterator<Item = &mut TypeRef> {
    let refs: Vec<&mut TypeRef> = match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Newtype(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    };
    refs.into_iter()
        .filter(|ty| matches!(ty, TypeRef::Named(_)))
}

fn slots(kind: &TypeKind) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
        TypeKind::Union(u) => Box::new(u.variants.iter().map(|v| &v.ty)),
        TypeKind::Newtype(ty) => Box::new(std::iter::once(ty)),
        TypeKind::Enum(_) => Box::new(std::iter::empty()),
    }
}

/// The back edges `(node, position in its edge list)` of a depth-first search over `edges`,
/// starting from nodes in the order of their `names`.
fn back_edges(edges: &[Vec<usize>], names: &[&str]) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    let mut roots: Vec<usize> = (0..edges.len()).collect();
    roots.sort_by_key(|&i| names[i]);
    let mut back = Vec::new();
    for root in roots {
        if state[root] != State::New {
            continue;
        }
        // (node, next edge to look at)
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::OnPath;
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            match edges[node].get(*next) {
                Some(&target) => {
                    let slot = *next;
                    *next += 1;
                    match state[target] {
                        State::New => {
                            state[target] = State::OnPath;
                            path.push((target, 0));
                        }
                        State::OnPath => back.push((node, slot)),
                        State::Done => {}
                    }
                }
                None => {
                    state[node] = State::Done;
                    path.pop();
                }
            }
        }
    }
    back
}

/// In an acyclic graph, the edges to cut so that no path is longer than [`MAX_BY_VALUE_DEPTH`]:
/// each node's height (the longest path below it) is computed children first, and an edge that
/// would make a node taller than the limit is cut.
fn too_deep(edges: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let mut height: Vec<Option<usize>> = vec![None; edges.len()];
    let mut opened = vec![false; edges.len()];
    let mut cut = Vec::new();
    for root in 0..edges.len() {
        // (node, children pushed yet)
        let mut stack = vec![(root, false)];
        while let Some((node, expanded)) = stack.pop() {
            if height[node].is_some() {
                continue;
            }
            if !expanded {
                // Opened twice before finishing would mean a cycle; the first pass breaks them
                // all, but never loop on one either way.
                if std::mem::replace(&mut opened[node], true) {
                    continue;
                }
                stack.push((node, true));
                stack.extend(
                    edges[node]
                        .iter()
                        .filter(|t| height[**t].is_none())
                        .map(|t| (*t, false)),
                );
                continue;
            }
            let mut tallest = 0;
            for (slot, target) in edges[node].iter().enumerate() {
                // Every child is finished: the graph has no cycle left.
                let below = height[*target].unwrap_or(0) + 1;
                if below > MAX_BY_VALUE_DEPTH {
                    cut.push((node, slot));
                } else {
                    tallest = tallest.max(below);
                }
            }
            height[node] = Some(tallest);
        }
    }
    cut.sort_unstable();
    cut
}

#[cfg(test)]
mod tests {
    use super::{back_edges, too_deep, MAX_BY_VALUE_DEPTH};

    #[test]
    fn a_long_acyclic_chain_is_cut_every_few_dozen_links() {
        let n = 1000;
        let edges: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let cut = too_deep(&edges);
        assert!(!cut.is_empty());
        // No run of uncut links is longer than the limit.
        let mut run = 0;
        for i in 0..n - 1 {
            run = if cut.contains(&(i, 0)) { 0 } else { run + 1 };
            assert!(run <= MAX_BY_VALUE_DEPTH, "run of {run} at {i}");
        }
        let shallow = vec![vec![1, 2], vec![2], vec![]];
        assert!(too_deep(&shallow).is_empty());
    }

    #[test]
    fn every_cycle_loses_exactly_its_closing_edge() {
        // 0 -> 1 -> 2 -> 0, 2 -> 2, 3 -> 0 (not on a cycle)
        let edges = vec![vec![1], vec![2], vec![0, 2], vec![0]];
        let back = back_edges(&edges, &["A", "B", "C", "D"]);
        assert_eq!(back, [(2, 0), (2, 1)]);
    }

    #[test]
    fn the_choice_follows_names_not_positions() {
        // Same cycle, listed in another order: the search still starts at `A`.
        let edges = vec![vec![2], vec![0], vec![1]];
        let back = back_edges(&edges, &["C", "A", "B"]);
        // A(1) -> C(0) -> B(2) -> A(1): the edge back to A, from B, is boxed.
        assert_eq!(back, [(2, 0)]);
    }

    #[test]
    fn a_long_chain_is_searched_without_recursion() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let names: Vec<String> = (0..n).map(|i| format!("T{i:06}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(back_edges(&edges, &names), [(n - 1, 0)]);
    }
}
