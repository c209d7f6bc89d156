//! Management API cases (to be filled in).

use super::super::Case;

pub fn cases() -> Vec<Case> {
    Vec::new()
}
