//! [`Patch`]: what a PATCH request says about one optional, nullable field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a PATCH request does to one optional, nullable field: leave it [`Unchanged`]
/// (the field is left out of the JSON), clear it ([`Null`], sends `null`) or [`Set`] it.
///
/// The generator uses it for a property that is both optional and `nullable` in a type reachable
/// from the body of a PATCH operation, where those are three different requests. Everywhere
/// else such a property is a plain `Option<T>`.
///
/// Generated fields carry `#[serde(default, skip_serializing_if = "Patch::is_unchanged")]`, so:
///
/// | value | JSON sent | JSON received | value decoded |
/// | --- | --- | --- | --- |
/// | `Patch::Unchanged` | field left out | field absent | `Patch::Unchanged` |
/// | `Patch::Null` | `null` | `null` | `Patch::Null` |
/// | `Patch::Set(v)` | `v` | `v` | `Patch::Set(v)` |
///
/// ```
/// use logto_api::Patch;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Default, Serialize, Deserialize)]
/// struct UpdateRole {
///     #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
///     description: Patch<String>,
/// }
///
/// let json = |description| serde_json::to_string(&UpdateRole { description }).unwrap();
/// assert_eq!(json(Patch::Unchanged), r#"{}"#);
/// assert_eq!(json(Patch::Null), r#"{"description":null}"#);
/// assert_eq!(json("Admins".to_owned().into()), r#"{"description":"Admins"}"#);
///
/// let read = |text| serde_json::from_str::<UpdateRole>(text).unwrap().description;
/// assert_eq!(read(r#"{}"#), Patch::Unchanged);
/// assert_eq!(read(r#"{"description":null}"#), Patch::Null);
/// assert_eq!(read(r#"{"description":"Admins"}"#).as_deref(), Patch::Set("Admins"));
/// ```
///
/// [`Unchanged`]: Patch::Unchanged
/// [`Null`]: Patch::Null
/// [`Set`]: Patch::Set
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Leave the field as it is: it is left out of the JSON.
    #[default]
    Unchanged,
    /// Clear the field: sends `null`.
    Null,
    /// Set the field to this value.
    Set(T),
}

impl<T> Patch<T> {
    /// The patch that makes the field equal to `value` whatever it was: `Null` for `None`,
    /// `Set(v)` for `Some(v)`.
    ///
    /// ```
    /// use logto_api::Patch;
    ///
    /// assert_eq!(Patch::from_option(Some(3)), Patch::Set(3));
    /// assert_eq!(Patch::<i32>::from_option(None), Patch::Null);
    /// ```
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Patch::Null, Patch::Set)
    }

    /// True for `Unchanged`: the field is left out of the JSON.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// True for `Null`: the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// True for `Set(_)`.
    pub fn is_set(&self) -> bool {
        matches!(self, Patch::Set(_))
    }

    /// A `Patch` of a reference to the value, leaving `self` in place.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Unchanged => Patch::Unchanged,
            Patch::Null => Patch::Null,
            Patch::Set(value) => Patch::Set(value),
        }
    }

    /// A `Patch` of a mutable reference to the value.
    pub fn as_mut(&mut self) -> Patch<&mut T> {
        match self {
            Patch::Unchanged => Patch::Unchanged,
            Patch::Null => Patch::Null,
            Patch::Set(value) => Patch::Set(value),
        }
    }

    /// A `Patch` of the dereferenced value (`Patch<String>` to `Patch<&str>`), handy in
    /// comparisons and `match`es.
    pub fn as_deref(&self) -> Patch<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.as_ref().map(|value| &**value)
    }

    /// Applies `f` to a `Set` value; `Unchanged` and `Null` stay as they are.
    ///
    /// ```
    /// use logto_api::Patch;
    ///
    /// assert_eq!(Patch::Set("abc").map(str::len), Patch::Set(3));
    /// assert_eq!(Patch::<&str>::Null.map(str::len), Patch::Null);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Unchanged => Patch::Unchanged,
            Patch::Null => Patch::Null,
            Patch::Set(value) => Patch::Set(f(value)),
        }
    }

    /// The value of `Set`; `None` for both `Unchanged` and `Null` (use [`Patch::is_null`] to
    /// tell those apart).
    ///
    /// ```
    /// use logto_api::Patch;
    ///
    /// assert_eq!(Patch::Set(3).into_option(), Some(3));
    /// assert_eq!(Patch::<i32>::Null.into_option(), None);
    /// assert_eq!(Patch::<i32>::Unchanged.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Unchanged | Patch::Null => None,
        }
    }
}

/// `Set(value)`, so a plain value can be passed where a `Patch` is expected.
///
/// ```
/// use logto_api::Patch;
///
/// let name: Patch<String> = String::from("Ada").into();
/// assert_eq!(name, Patch::Set("Ada".to_owned()));
/// ```
impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

/// `Set(v)` is written as `v`; `Null` as `null`, and so is `Unchanged` where nothing skips it
/// (generated fields skip it with [`Patch::is_unchanged`]).
impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_ref().into_option().serialize(serializer)
    }
}

/// `null` reads as `Null` and a value as `Set`; an absent field is `Unchanged` through
/// `#[serde(default)]`, since a deserializer never sees a field that is not there.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Patch::from_option)
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;
    use serde::{Deserialize, Serialize};
    use serde_json::{json, Value};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        tags: Patch<Vec<String>>,
    }

    #[test]
    fn each_state_has_its_own_json_and_reads_back_as_itself() {
        let cases = [
            (Patch::Unchanged, json!({})),
            (Patch::Null, json!({ "tags": null })),
            (Patch::Set(vec!["a".to_owned()]), json!({ "tags": ["a"] })),
        ];
        for (tags, wire) in cases {
            let body = Body { tags };
            assert_eq!(serde_json::to_value(&body).unwrap(), wire);
            assert_eq!(serde_json::from_value::<Body>(wire).unwrap(), body);
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error() {
        let wrong = serde_json::from_value::<Body>(json!({ "tags": "a" }));
        assert!(wrong.is_err());
    }

    #[test]
    fn unchanged_outside_a_skipping_field_is_null() {
        let list = vec![Patch::Unchanged, Patch::Null, Patch::Set(1)];
        assert_eq!(serde_json::to_value(&list).unwrap(), json!([null, null, 1]));
        let back: Vec<Patch<i32>> = serde_json::from_value(json!([null, 1])).unwrap();
        assert_eq!(back, [Patch::Null, Patch::Set(1)]);
        assert_eq!(
            serde_json::to_value(Patch::Set(Value::Null)).unwrap(),
            Value::Null
        );
    }
}
