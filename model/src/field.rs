//! Which field of a form a problem is about, and what the problem is.

use serde::{Deserialize, Serialize};

/// The form field an input error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Name,
    Password,
    Subject,
    CaseType,
    Message,
    Status,
    /// List filters.
    Date,
    Search,
    Number,
    Sort,
    /// The full case record.
    Cc,
    Priority,
    TaxId,
    Company,
    Phone,
    Country,
    Brand,
    Product,
    Origin,
    /// The case another is merged into.
    MergeTarget,
    /// The help center: an article's folder, language, tags and related
    /// articles; a banner's time window and text.
    Folder,
    Language,
    Tags,
    Related,
    Window,
    BannerText,
    /// The profile: job title, time zone, the password asked for before a
    /// new one is set.
    JobTitle,
    TimeZone,
    CurrentPassword,
    Photo,
    /// The staff workspace: a case's agent and department, a view.
    Assignee,
    Department,
    View,
    /// The cases a bulk action is for.
    Selection,
    /// A service-level target (hours).
    Target,
    /// A canned response: its title, its text in each language, which one.
    Title,
    BodyEn,
    BodyEs,
    BodyFr,
    Canned,
    /// Settings: a case type's label in each language; the automatic-close
    /// waits (hours).
    LabelEn,
    LabelEs,
    LabelFr,
    CloseAwaitingReply,
    CloseAwaitingConfirmation,
    CloseResolved,
    /// Business hours: a day's opening times, the holidays.
    Hours,
    Holidays,
    /// A chat an agent accepts; the most chats an agent holds.
    Chat,
    MaxChats,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    Malformed,
    /// A password outside 8 to 128 characters.
    PasswordLength,
    /// A value outside the known set (status, type, role).
    Unknown,
    /// A name already in use (a collection's country, a folder's product).
    Taken,
    /// A collection or folder that still holds something.
    NotEmpty,
}
