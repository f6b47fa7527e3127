//! Case data shared by the server and the browser.

pub mod canned;
pub mod case_type;
pub mod close_times;
pub mod filter;
pub mod record;
pub mod rules;
pub mod saved_view;
pub mod sla;
pub mod status;
pub mod types;
pub mod workspace;

pub use status::CaseStatus;
pub use types::*;
