//! The pieces every page shares: forms, labels, titles, the language
//! switch. Built on `model` types only; no feature is imported here.

pub mod data;
pub mod forms;
pub mod fragment;
pub mod labels;
pub mod layout;
pub mod settle;
pub mod status;
pub mod text;
pub mod title;
