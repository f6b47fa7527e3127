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
    /// The address was confirmed by a link mailed to it; until then the
    /// account sees only the cases it opened itself.
    pub verified: bool,
}

crate::text_enum! {
    /// The product's languages: pages, mails and a person's preference.
    pub enum Language {
        En = "en",
        Es = "es",
        Fr = "fr",
    }
}

impl Language {
    /// The language a tag names (`es`, `es-MX`, `FR`); `None` for others.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::parse(&primary)
    }
}
