//! The outbox benchmark: queued mails delivered to a local SMTP server.

pub mod bench;
