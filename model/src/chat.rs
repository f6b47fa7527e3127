//! Live chat and the help form (PRODUCT.md §4): what the browser and the
//! server share.

pub mod hours;

crate::text_enum! {
    /// Where a chat is: waiting for an agent, with one, or over.
    pub enum ChatState {
        Waiting = "waiting",
        Active = "active",
        Ended = "ended",
    }
}
