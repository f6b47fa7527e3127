//! Live chat and the help form (PRODUCT.md §4): business hours, the form
//! that opens a case when nobody can chat, and chats (each one a case).

pub mod agents;
pub mod help_form;
pub mod hours;
pub mod state;
pub mod visitor;

#[cfg(test)]
mod chat_tests;
#[cfg(test)]
mod help_form_tests;
#[cfg(test)]
mod hours_tests;
