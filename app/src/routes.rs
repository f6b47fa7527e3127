//! The composition root: the HTML shell and the router, which bring every
//! feature's pages together. Nothing imports this module but the crate
//! root; features and `ui/` never do.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::auth::context::provide_auth;
use crate::auth::follow::FollowPage;
use crate::auth::pages::{SignInPage, SignUpPage};
use crate::auth::top_bar::TopBar;
use crate::cases::detail::CasePage;
use crate::cases::list::MyCasesPage;
use crate::cases::new::{NewCasePage, StaffNewCasePage};
use crate::cases::self_help_page::SelfHelpPage;
use crate::cases::staff::StaffPage;
use crate::help::admin_page::HelpAdminPage;
use crate::help::article_page::ArticlePage;
use crate::help::editor::{EditArticlePage, NewArticlePage};
use crate::help::pages::HomePage;
use crate::help::search_page::SearchPage;
use crate::help::shelf::{CollectionPage, FolderPage};
use crate::help::staff_list::StaffArticlesPage;
use crate::i18n::*;
use crate::mail::outbox_page::OutboxPage;
use crate::mail::pages::{CheckEmailPage, ForgotPasswordPage, LinkPage, ResetPasswordPage};
use crate::profile::page::ProfilePage;
use crate::ui::layout::NotFound;
use crate::ui::title::AppTitle;
use crate::workspace::canned_page::CannedPage;
use crate::workspace::departments_page::DepartmentsPage;
use crate::workspace::service_levels_page::ServiceLevelsPage;
use crate::workspace::settings_page::SettingsPage;
use crate::workspace::users_page::UsersPage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::set_page_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The zone this page's dates are in, read back by the browser.
                <meta name=crate::time::ZONE_META content=crate::time::page_zone() />
                // No icon yet; this spares every page a request for /favicon.ico.
                <link rel="icon" href="data:," />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_auth();
    crate::workspace::live::provide_live();
    crate::cases::case_types::provide_case_types();
    crate::time::provide_zone();

    view! {
        <I18nContextProvider>
            <AppTitle />
            <Router>
                <TopBar />
                <main id="main">
                    // Async: reading pages arrive complete, so they work
                    // without JavaScript.
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/help/articles/:id") view=ArticlePage ssr=SsrMode::Async />
                        <Route path=path!("/help/search") view=SearchPage ssr=SsrMode::Async />
                        <Route path=path!("/help/collections/:country") view=CollectionPage ssr=SsrMode::Async />
                        <Route path=path!("/help/folders/:id") view=FolderPage ssr=SsrMode::Async />
                        <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                        <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                        <Route path=path!("/signup/sent") view=CheckEmailPage ssr=SsrMode::Async />
                        <Route path=path!("/forgot") view=ForgotPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/reset") view=ResetPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/link") view=LinkPage ssr=SsrMode::Async />
                        <Route path=path!("/follow") view=FollowPage ssr=SsrMode::Async />
                        <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/cases") view=MyCasesPage ssr=SsrMode::Async />
                        <Route path=path!("/cases/new") view=NewCasePage ssr=SsrMode::Async />
                        <Route path=path!("/cases/:number") view=CasePage ssr=SsrMode::Async />
                        <Route path=path!("/staff") view=StaffPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/cases/new") view=StaffNewCasePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/self-help") view=SelfHelpPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles") view=StaffArticlesPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/new") view=NewArticlePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/:id/edit") view=EditArticlePage ssr=SsrMode::Async />
                        <Route path=path!("/staff/help-center") view=HelpAdminPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/outbox") view=OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/departments") view=DepartmentsPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/users") view=UsersPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/service-levels") view=ServiceLevelsPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/canned") view=CannedPage ssr=SsrMode::Async />
                        <Route path=path!("/staff/settings") view=SettingsPage ssr=SsrMode::Async />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}
