//! Live chat and the help form (PRODUCT.md §4): business hours, and the
//! form that opens a case when nobody can chat.

pub mod help_form;
pub mod hours;

#[cfg(test)]
mod help_form_tests;
#[cfg(test)]
mod hours_tests;
