//! The shell, the layout and the pieces every page shares.

pub mod app;
pub mod forms;
pub mod labels;
pub mod layout;
pub mod settle;
pub mod status;
pub mod title;
