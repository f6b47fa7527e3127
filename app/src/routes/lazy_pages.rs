//! Pages whose code arrives when first opened (split by `cargo leptos build
//! --split`): a visitor's first load carries the shell, the help center's
//! home and "My cases" (both light: their lists come from the server as
//! HTML, `ui::fragment`), not the staff workspace, the editor or the admin
//! pages. The server names a page's chunk in the HTML, so a direct visit
//! fetches it beside the main module.
//!
//! Pages come in groups, one chunk per group: pages that are used together
//! load together, and code shared by a handful of groups makes a handful of
//! shared chunks. (One chunk per page made ~440 chunks and ~200 requests for
//! "My cases" alone.)

use leptos::prelude::*;
use leptos_router::ChooseView;

/// `$group`: a lazy function (one wasm chunk) that renders any page of the
/// group; `$preload` is the name `#[lazy]` gives its loader. `$which` names
/// the group's pages, and each of them is a route's view: one view type per
/// group rather than one per page keeps the router's code in the main
/// module small.
///
/// A group may also render one part of a page that is not a route
/// (`$part(args) => $render`).
macro_rules! lazy_group {
    ($group:ident, $preload:ident, $which:ident { $($route:ident => $page:path),* $(,)? }
        $(, $part:ident($($arg:ident: $ty:ty),*) => $render:path)?) => {
        #[derive(Clone, Copy)]
        pub enum $which {
            $($route,)*
            $($part($($ty),*),)?
        }

        #[leptos::lazy]
        fn $group(page: $which) -> AnyView {
            match page {
                $($which::$route => $page().into_any(),)*
                $($which::$part($($arg),*) => $render($($arg),*),)?
            }
        }

        impl ChooseView for $which {
            async fn choose(self) -> AnyView {
                $group(self).await
            }

            async fn preload(&self) {
                // Only the browser build has chunks to fetch.
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    };
}

// Reading the help center beyond its home.
lazy_group!(help_pages, __preload_help_pages, HelpPages {
    Article => crate::help::article_page::ArticlePage,
    Search => crate::help::search_page::SearchPage,
    Collection => crate::help::shelf::CollectionPage,
    Folder => crate::help::shelf::FolderPage,
});

// Signing in and up, the mailed links, the profile.
lazy_group!(account_pages, __preload_account_pages, AccountPages {
    SignIn => crate::auth::pages::SignInPage,
    SignUp => crate::auth::pages::SignUpPage,
    CheckEmail => crate::mail::pages::CheckEmailPage,
    ForgotPassword => crate::mail::pages::ForgotPasswordPage,
    ResetPassword => crate::mail::pages::ResetPasswordPage,
    Link => crate::mail::pages::LinkPage,
    Follow => crate::auth::follow::FollowPage,
    Profile => crate::profile::page::ProfilePage,
});

// A customer's case, a new case, the help form and the chat (the case
// page serves staff too); and a case list's opened row, which shows the
// case page's conversation and reply box.
lazy_group!(case_pages, __preload_case_pages, CasePages {
    NewCase => crate::cases::new::NewCasePage,
    Contact => crate::chat::help_page::HelpFormPage,
    Chat => crate::chat::window::ChatPage,
    Case => crate::cases::detail::CasePage,
}, InlineCase(number: i64, for_staff: bool) => crate::cases::expand::inline_case);

/// Lets the case lists open a row in place (`cases::expand`).
pub fn provide_inline_loader() {
    provide_context(crate::cases::expand::InlineLoader(|number, for_staff| {
        Box::pin(case_pages(CasePages::InlineCase(number, for_staff)))
    }));
}

// The staff workspace, the help center's editor and the admin pages: one
// group, as staff move between them. The splitter makes a chunk for each
// set of groups sharing code, and "My cases" fetches and instantiates
// every one it needs: 44 wasm files with these three groups apart, 19
// with them together.
lazy_group!(staff_pages, __preload_staff_pages, StaffPages {
    Staff => crate::cases::staff::StaffPage,
    StaffNewCase => crate::cases::new::StaffNewCasePage,
    SelfHelp => crate::cases::self_help_page::SelfHelpPage,
    Chats => crate::chat::console::ChatsPage,
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
});
