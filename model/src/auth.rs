//! Who is asking: roles and the signed-in person as the UI sees them.

use serde::{Deserialize, Serialize};

crate::text_enum! {
    pub enum Role {
        Customer = "customer",
        Agent = "agent",
        Admin = "admin",
    }
}

impl Role {
    /// Agents and admins work cases from the staff workspace.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Agent | Role::Admin)
    }
}

/// The signed-in person as the UI sees them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}
