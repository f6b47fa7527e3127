//! The help center ("Questions and Answers"): for now a home page listing
//! articles and an article page; the full knowledge base comes later.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub locale: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub locale: String,
    pub title: String,
    pub body: String,
    pub updated_at: i64,
}
