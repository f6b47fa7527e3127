//! The help center (PRODUCT.md §2): collections by country, folders by
//! product, articles in Markdown rendered to sanitized HTML, full-text
//! search, "Was this article helpful?" votes and the home-page banner.

pub mod admin;
pub mod admin_page;
pub mod api;
pub mod article_page;
pub mod authoring;
pub mod editor;
pub mod feedback;
pub mod pages;
pub mod parts;
pub mod search_page;
pub mod shelf;
pub mod staff_list;
pub mod suggest;

#[cfg(feature = "ssr")]
mod home_lists;
#[cfg(feature = "ssr")]
pub mod visitor;

pub use model::help::*;
