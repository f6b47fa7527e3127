//! The one error type server functions return to the UI.
//!
//! Variants carry no text: the UI turns each into a translated message, so the
//! same error reads right in every language.

use serde::{Deserialize, Serialize};

use crate::field::{Field, Problem};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Unknown, or not the caller's to see: both read the same.
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    SignInRequired,
    #[error("not allowed")]
    Forbidden,
    #[error("wrong email or password")]
    WrongCredentials,
    #[error("email already registered")]
    EmailTaken,
    #[error("invalid {0:?}: {1:?}")]
    Invalid(Field, Problem),
    /// A refused attachment: which file (its cleaned name, possibly empty)
    /// and why.
    #[error("file {name:?}: {problem:?}")]
    File {
        name: String,
        problem: crate::files::FileProblem,
    },
    /// A reply or change on a case whose status is final.
    #[error("case is closed")]
    CaseClosed,
    /// A message or change for a chat that has ended.
    #[error("chat ended")]
    ChatEnded,
    /// A link from a mail that is unknown, expired or already used.
    #[error("link expired or used")]
    LinkInvalid,
    /// Too many attempts or too much in a day: try again after this many
    /// seconds (the `Retry-After` of the 429).
    #[error("too many attempts; retry after {retry_after} s")]
    TooMany { retry_after: u32 },
    /// A customer's daily limit is used up: which one, and the seconds until
    /// the oldest counted item leaves the 24 hours.
    #[error("daily limit of {what:?} reached; retry after {retry_after} s")]
    DailyLimit { what: Quota, retry_after: u32 },
    /// The request itself could not be read (malformed arguments).
    #[error("bad request")]
    BadRequest,
    /// The server could not be reached or its answer could not be read.
    #[error("network")]
    Network,
    /// Logged on the server with its cause; the user sees a generic message.
    #[error("internal error")]
    Internal,
}

/// What a customer may only do so much of in a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quota {
    Cases,
    Messages,
    Bytes,
}

impl AppError {
    /// The seconds a 429 asks the client to wait.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::TooMany { retry_after } | AppError::DailyLimit { retry_after, .. } => {
                Some(*retry_after)
            }
            _ => None,
        }
    }

    pub fn invalid(field: Field, problem: Problem) -> Self {
        AppError::Invalid(field, problem)
    }

    /// The problem with `field`, if this error is about it.
    pub fn problem_for(&self, field: Field) -> Option<Problem> {
        match self {
            AppError::Invalid(f, p) if *f == field => Some(*p),
            _ => None,
        }
    }

    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::NotFound => S::NOT_FOUND,
            AppError::SignInRequired | AppError::WrongCredentials => S::UNAUTHORIZED,
            AppError::Forbidden => S::FORBIDDEN,
            AppError::EmailTaken | AppError::CaseClosed | AppError::ChatEnded => S::CONFLICT,
            AppError::Invalid(..) => S::UNPROCESSABLE_ENTITY,
            AppError::File { problem, .. } => problem.status(),
            AppError::LinkInvalid => S::GONE,
            AppError::TooMany { .. } | AppError::DailyLimit { .. } => S::TOO_MANY_REQUESTS,
            AppError::BadRequest => S::BAD_REQUEST,
            AppError::Network => S::BAD_GATEWAY,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "server-fn")]
mod server_fn_error {
    use server_fn::codec::JsonEncoding;
    use server_fn::error::{FromServerFnError, ServerFnErrorErr};

    use super::AppError;

    impl FromServerFnError for AppError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            match value {
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
                ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                    AppError::Network
                }
                _ => AppError::Internal,
            }
        }
    }
}

#[cfg(feature = "server")]
mod server {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }

    impl From<std::io::Error> for AppError {
        fn from(err: std::io::Error) -> Self {
            tracing::error!(error = %err, "file error");
            AppError::Internal
        }
    }

    impl From<tokio::task::JoinError> for AppError {
        fn from(err: tokio::task::JoinError) -> Self {
            tracing::error!(error = %err, "background task failed");
            AppError::Internal
        }
    }
}
