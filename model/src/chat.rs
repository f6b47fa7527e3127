//! Live chat and the help form (PRODUCT.md §4): what the browser and the
//! server share.

pub mod hours;
