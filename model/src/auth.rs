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
    /// The language the account reads in (pages win it over the browser's).
    pub language: Language,
    /// An IANA zone name every date is shown in; `None`: the browser's.
    pub time_zone: Option<String>,
    /// When the profile photo was set (its version in URLs); `None`: none.
    pub photo: Option<i64>,
    /// A visitor following a case by a mailed link: the only case (its
    /// number) this session may see. Such a session is never staff.
    pub following: Option<i64>,
}

impl User {
    /// Where this person's photo is served, when they have one.
    pub fn photo_url(&self) -> Option<String> {
        self.photo.map(|v| photo_url(self.id, v))
    }
}

/// The address of user `id`'s photo, version `v`.
pub fn photo_url(id: i64, v: i64) -> String {
    format!("/files/photo/{id}?v={v}")
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

/// Longest job title.
pub const JOB_TITLE_MAX: usize = 100;

/// A person's profile as they edit it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub phone: String,
    /// `en`, `es` or `fr`.
    pub language: String,
    /// An IANA name; empty: the browser's.
    pub time_zone: String,
    pub photo: Option<String>,
}

/// What staff see of a requester beside a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    pub job_title: String,
    pub phone: String,
    pub time_zone: Option<String>,
}

/// An account as the admins' users page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub deactivated: bool,
    pub created_at: i64,
}
