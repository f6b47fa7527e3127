//! Translated names for shared values. Each reads the locale, so a closure
//! calling one re-renders when the language changes.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use model::cases::record::Priority;
use model::cases::{CaseStatus, Origin};
use model::error::{AppError, Quota};
use model::files::FileProblem;
use model::validate::{self, Field, Problem};

pub type I18n = I18nContext<Locale>;

/// The language of the page as a code ("en", "es", "fr"), as articles
/// store it and as the server's HTML parts are asked for.
pub fn locale_code(i18n: I18n) -> &'static str {
    match i18n.get_locale() {
        Locale::en => "en",
        Locale::es => "es",
        Locale::fr => "fr",
    }
}

/// The status as customers read it (PRODUCT.md §3.4), or as staff do.
pub fn status(i18n: I18n, s: CaseStatus, for_staff: bool) -> String {
    use CaseStatus::*;
    if for_staff {
        return match s {
            New => t_string!(i18n, status_staff.new),
            InProgress => t_string!(i18n, status_staff.in_progress),
            Referred => t_string!(i18n, status_staff.referred),
            AwaitingConfirmation => t_string!(i18n, status_staff.awaiting_confirmation),
            AwaitingReply => t_string!(i18n, status_staff.awaiting_reply),
            AwaitingApproval => t_string!(i18n, status_staff.awaiting_approval),
            Resolved => t_string!(i18n, status_staff.resolved),
            Closed => t_string!(i18n, status_staff.closed),
            ClosedByCustomer => t_string!(i18n, status_staff.closed_by_customer),
            Duplicate => t_string!(i18n, status_staff.duplicate),
        }
        .to_string();
    }
    match s {
        New => t_string!(i18n, status.new),
        InProgress => t_string!(i18n, status.in_progress),
        Referred => t_string!(i18n, status.referred),
        AwaitingConfirmation => t_string!(i18n, status.awaiting_confirmation),
        AwaitingReply => t_string!(i18n, status.awaiting_reply),
        AwaitingApproval => t_string!(i18n, status.awaiting_approval),
        Resolved => t_string!(i18n, status.resolved),
        Closed => t_string!(i18n, status.closed),
        ClosedByCustomer => t_string!(i18n, status.closed_by_customer),
        Duplicate => t_string!(i18n, status.duplicate),
    }
    .to_string()
}

/// The page's language, as the core names languages.
pub fn language(i18n: I18n) -> model::auth::Language {
    use model::auth::Language;
    match i18n.get_locale() {
        Locale::en => Language::En,
        Locale::es => Language::Es,
        Locale::fr => Language::Fr,
    }
}

pub fn origin(i18n: I18n, o: Origin) -> String {
    match o {
        Origin::Web => t_string!(i18n, origin.web),
        Origin::Chat => t_string!(i18n, origin.chat),
        Origin::HelpForm => t_string!(i18n, origin.help_form),
        Origin::Email => t_string!(i18n, origin.email),
        Origin::Phone => t_string!(i18n, origin.phone),
    }
    .to_string()
}

pub fn priority(i18n: I18n, p: Priority) -> String {
    match p {
        Priority::Low => t_string!(i18n, priority.low),
        Priority::Normal => t_string!(i18n, priority.normal),
        Priority::High => t_string!(i18n, priority.high),
        Priority::Urgent => t_string!(i18n, priority.urgent),
    }
    .to_string()
}

/// The name of a case field, as the details panel shows it.
pub fn field_name(i18n: I18n, field: Field) -> String {
    match field {
        Field::Subject => t_string!(i18n, cases.subject),
        Field::CaseType => t_string!(i18n, cases.type_label),
        Field::Priority => t_string!(i18n, cases.priority),
        Field::TaxId => t_string!(i18n, cases.tax_id),
        Field::Company => t_string!(i18n, cases.company),
        Field::Phone => t_string!(i18n, cases.phone),
        Field::Country => t_string!(i18n, cases.country),
        Field::Brand => t_string!(i18n, cases.brand),
        Field::Product => t_string!(i18n, cases.product),
        Field::Cc => t_string!(i18n, cases.cc),
        _ => t_string!(i18n, cases.details),
    }
    .to_string()
}

/// A stored field value for people: types and priorities translated,
/// empty as a dash.
pub fn field_value(i18n: I18n, field: Field, raw: &str) -> String {
    match field {
        _ if raw.is_empty() => "—".to_string(),
        Field::Priority => Priority::parse(raw).map_or(raw.to_string(), |p| priority(i18n, p)),
        _ => raw.to_string(),
    }
}

fn max_len(field: Field) -> usize {
    match field {
        Field::Subject => validate::SUBJECT_MAX,
        Field::Name => validate::NAME_MAX,
        Field::Title => model::cases::canned::TITLE_MAX,
        Field::LabelEn | Field::LabelEs | Field::LabelFr => model::cases::case_type::LABEL_MAX,
        Field::Email => validate::EMAIL_MAX,
        Field::Password => validate::PASSWORD_MAX,
        Field::Search => model::cases::filter::SEARCH_MAX,
        Field::Phone => model::cases::record::PHONE_MAX,
        Field::Cc => model::cases::record::CC_MAX,
        Field::Tags => model::help::TAGS_MAX,
        Field::BannerText => model::help::BANNER_MAX,
        Field::JobTitle => model::auth::JOB_TITLE_MAX,
        Field::Department => model::cases::workspace::DEPARTMENT_NAME_MAX,
        Field::TaxId | Field::Company | Field::Country | Field::Brand | Field::Product => {
            model::cases::record::SHORT_TEXT_MAX
        }
        _ => validate::MESSAGE_MAX,
    }
}

/// A view, not a string: only views can interpolate (the longest length).
pub fn problem(i18n: I18n, field: Field, p: Problem) -> AnyView {
    match p {
        Problem::Required if field == Field::Department => {
            tr!(i18n, errors.department_required).into_any()
        }
        Problem::Required if field == Field::View => {
            tr!(i18n, errors.view_needs_filters).into_any()
        }
        Problem::Required if field == Field::Photo => tr!(i18n, errors.photo_required).into_any(),
        Problem::Required => tr!(i18n, errors.required).into_any(),
        Problem::Unknown if field == Field::TimeZone => {
            tr!(i18n, errors.unknown_time_zone).into_any()
        }
        Problem::Malformed if field == Field::CurrentPassword => {
            tr!(i18n, errors.wrong_current_password).into_any()
        }
        Problem::Taken if field == Field::Email => tr!(i18n, errors.same_email).into_any(),
        Problem::Taken if field == Field::Chat => tr!(i18n, errors.chat_taken).into_any(),
        Problem::TooLong if field == Field::MaxChats => tr!(i18n, errors.chats_full).into_any(),
        Problem::TooLong if field == Field::Cc => {
            tr_with!(i18n, errors.too_many_cc, max = model::cases::record::CC_MAX)
        }
        Problem::TooLong if field == Field::Related => tr_with!(
            i18n,
            errors.too_many_related,
            max = model::help::RELATED_MAX
        ),
        Problem::TooLong if field == Field::CaseType => tr_with!(
            i18n,
            errors.too_many_case_types,
            max = model::cases::case_type::CASE_TYPES_MAX
        ),
        Problem::TooLong if field == Field::View => tr_with!(
            i18n,
            errors.too_many_views,
            max = model::cases::saved_view::SAVED_VIEWS_MAX
        ),
        Problem::TooLong if field == Field::Holidays => tr_with!(
            i18n,
            errors.too_many_holidays,
            max = model::chat::hours::HOLIDAYS_MAX
        ),
        Problem::TooLong => {
            let max = max_len(field);
            tr_with!(i18n, errors.too_long, max = max)
        }
        Problem::Malformed if matches!(field, Field::Email | Field::Cc) => {
            tr!(i18n, errors.malformed_email).into_any()
        }
        Problem::Malformed if field == Field::Phone => tr!(i18n, errors.malformed_phone).into_any(),
        Problem::Unknown if field == Field::MergeTarget => {
            tr!(i18n, errors.unknown_case).into_any()
        }
        Problem::Malformed if field == Field::MergeTarget => {
            tr!(i18n, errors.merge_self).into_any()
        }
        Problem::Unknown if field == Field::Email => tr!(i18n, errors.unknown_customer).into_any(),
        Problem::Unknown if field == Field::Assignee => tr!(i18n, errors.unknown_agent).into_any(),
        Problem::NotEmpty if field == Field::Department => {
            tr!(i18n, errors.department_in_use).into_any()
        }
        Problem::Malformed if field == Field::Window => tr!(i18n, errors.window).into_any(),
        Problem::Malformed if field == Field::Target => tr!(i18n, errors.target_hours).into_any(),
        Problem::Malformed
            if matches!(
                field,
                Field::CloseAwaitingReply | Field::CloseAwaitingConfirmation | Field::CloseResolved
            ) =>
        {
            tr!(i18n, errors.close_hours).into_any()
        }
        Problem::Malformed if field == Field::Hours => tr!(i18n, errors.hours).into_any(),
        Problem::Malformed if field == Field::MaxChats => tr!(i18n, errors.max_chats).into_any(),
        Problem::Malformed if field == Field::Chat => tr!(i18n, errors.chat_wait).into_any(),
        Problem::Malformed if field == Field::Holidays => tr!(i18n, errors.holidays).into_any(),
        Problem::Malformed => tr!(i18n, errors.malformed).into_any(),
        Problem::Taken => tr!(i18n, errors.taken).into_any(),
        Problem::NotEmpty => tr!(i18n, errors.not_empty).into_any(),
        Problem::PasswordLength => tr!(i18n, errors.password_length).into_any(),
        Problem::Unknown => tr!(i18n, errors.unknown).into_any(),
    }
}

pub fn error(i18n: I18n, e: &AppError) -> AnyView {
    match e {
        AppError::NotFound => tr!(i18n, errors.not_found).into_any(),
        AppError::SignInRequired => tr!(i18n, errors.sign_in_required).into_any(),
        AppError::Forbidden => tr!(i18n, errors.forbidden).into_any(),
        AppError::WrongCredentials => tr!(i18n, errors.wrong_credentials).into_any(),
        AppError::EmailTaken => tr!(i18n, errors.email_taken).into_any(),
        AppError::LinkInvalid => tr!(i18n, errors.link_invalid).into_any(),
        AppError::Invalid(field, p) => problem(i18n, *field, *p),
        AppError::File { name, problem } => file_problem(i18n, name, *problem),
        AppError::CaseClosed => tr!(i18n, errors.case_closed).into_any(),
        AppError::ChatEnded => tr!(i18n, errors.chat_ended).into_any(),
        AppError::TooMany { retry_after } => {
            let minutes = retry_after.div_ceil(60).max(1);
            tr_with!(i18n, errors.too_many, minutes = minutes)
        }
        AppError::DailyLimit { what, retry_after } => {
            let hours = retry_after.div_ceil(3600).max(1);
            match what {
                Quota::Cases => tr_with!(i18n, errors.limit_cases, hours = hours),
                Quota::Messages => tr_with!(i18n, errors.limit_messages, hours = hours),
                Quota::Bytes => tr_with!(i18n, errors.limit_bytes, hours = hours),
            }
        }
        AppError::BadRequest => tr!(i18n, errors.bad_request).into_any(),
        AppError::Network => tr!(i18n, errors.network).into_any(),
        AppError::Internal => tr!(i18n, errors.internal).into_any(),
    }
}

/// "report.pdf — The content of this file does not match its type."
pub fn file_problem(i18n: I18n, name: &str, p: FileProblem) -> AnyView {
    let text = match p {
        FileProblem::TooMany => tr!(i18n, files.too_many).into_any(),
        FileProblem::TooLarge => tr!(i18n, files.too_large).into_any(),
        FileProblem::NotAllowed => tr!(i18n, files.not_allowed).into_any(),
        FileProblem::Mismatch => tr!(i18n, files.mismatch).into_any(),
        FileProblem::Empty => tr!(i18n, files.empty).into_any(),
        FileProblem::BadName => tr!(i18n, files.bad_name).into_any(),
        FileProblem::Broken => tr!(i18n, files.broken).into_any(),
    };
    let name = (!name.is_empty()).then(|| view! { <strong>{name.to_owned()}</strong> " — " });
    view! { {name} {text} }.into_any()
}
