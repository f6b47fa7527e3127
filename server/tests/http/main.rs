//! The server over real HTTP, as a browser or a script calls it: who may
//! see what, cookie flags, pages, and status codes for bad input. One test
//! binary, so the app is linked once.

mod accounts;
mod cases;
mod crash;
mod export;
mod files;
mod hardening;
mod help;
mod help_admin;
mod hostile;
mod live;
mod mail;
mod matrix;
mod matrix_table;
mod pages;
mod profile;
mod support;
mod world;
