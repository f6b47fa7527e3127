//! Pages whose code is a wasm chunk of its own, loaded when the page is
//! first opened (split by `cargo leptos build --split`): a visitor's first
//! load carries the help center's home and the shell, not the staff
//! workspace, the editor or the admin pages. The server names a page's
//! chunk in the HTML, so a direct visit fetches it beside the main module.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// `$route`: the lazy route of component `$page` (no props).
macro_rules! lazy_page {
    ($($route:ident => $page:path),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_page! {
    Article => crate::help::article_page::ArticlePage,
    Search => crate::help::search_page::SearchPage,
    Collection => crate::help::shelf::CollectionPage,
    Folder => crate::help::shelf::FolderPage,
    SignIn => crate::auth::pages::SignInPage,
    SignUp => crate::auth::pages::SignUpPage,
    CheckEmail => crate::mail::pages::CheckEmailPage,
    ForgotPassword => crate::mail::pages::ForgotPasswordPage,
    ResetPassword => crate::mail::pages::ResetPasswordPage,
    Link => crate::mail::pages::LinkPage,
    Follow => crate::auth::follow::FollowPage,
    Profile => crate::profile::page::ProfilePage,
    MyCases => crate::cases::list::MyCasesPage,
    NewCase => crate::cases::new::NewCasePage,
    Case => crate::cases::detail::CasePage,
    Staff => crate::cases::staff::StaffPage,
    StaffNewCase => crate::cases::new::StaffNewCasePage,
    SelfHelp => crate::cases::self_help_page::SelfHelpPage,
    StaffArticles => crate::help::staff_list::StaffArticlesPage,
    NewArticle => crate::help::editor::NewArticlePage,
    EditArticle => crate::help::editor::EditArticlePage,
    HelpAdmin => crate::help::admin_page::HelpAdminPage,
    Outbox => crate::mail::outbox_page::OutboxPage,
    Departments => crate::workspace::departments_page::DepartmentsPage,
    Users => crate::workspace::users_page::UsersPage,
    ServiceLevels => crate::workspace::service_levels_page::ServiceLevelsPage,
    Canned => crate::workspace::canned_page::CannedPage,
    Settings => crate::workspace::settings_page::SettingsPage,
}
