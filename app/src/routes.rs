//! The composition root: the HTML shell and the router, which bring every
//! feature's pages together. Nothing imports this module but the crate
//! root; features and `ui/` never do.

mod lazy_pages;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use lazy_pages::*;

use crate::auth::context::provide_auth;
use crate::auth::top_bar::TopBar;
use crate::cases::list::MyCasesPage;
use crate::help::pages::HomePage;
use crate::i18n::*;
use crate::ui::layout::NotFound;
use crate::ui::title::AppTitle;

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
    crate::ui::title::provide_head();
    provide_auth();
    crate::workspace::live::provide_live();
    crate::chat::alert::provide_waiting_chats();
    crate::time::provide_zone();
    provide_inline_loader();
    // While a page (and perhaps its code) loads, the old one stays: it is
    // marked busy, and the body says so to styles and tests.
    let (routing, set_routing) = signal(false);
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = match routing.get() {
                true => body.set_attribute("data-routing", ""),
                false => body.remove_attribute("data-routing"),
            };
        }
    });

    view! {
        <I18nContextProvider>
            <AppTitle />
            <Router set_is_routing=set_routing>
                <TopBar />
                <main id="main" aria-busy=move || routing.get().then_some("true")>
                    // Async: reading pages arrive complete, so they work
                    // without JavaScript.
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/help/articles/:id") view=HelpPages::Article ssr=SsrMode::Async />
                        <Route path=path!("/help/search") view=HelpPages::Search ssr=SsrMode::Async />
                        <Route path=path!("/help/collections/:country") view=HelpPages::Collection ssr=SsrMode::Async />
                        <Route path=path!("/help/folders/:id") view=HelpPages::Folder ssr=SsrMode::Async />
                        <Route path=path!("/signin") view=AccountPages::SignIn ssr=SsrMode::Async />
                        <Route path=path!("/signup") view=AccountPages::SignUp ssr=SsrMode::Async />
                        <Route path=path!("/signup/sent") view=AccountPages::CheckEmail ssr=SsrMode::Async />
                        <Route path=path!("/forgot") view=AccountPages::ForgotPassword ssr=SsrMode::Async />
                        <Route path=path!("/reset") view=AccountPages::ResetPassword ssr=SsrMode::Async />
                        <Route path=path!("/link") view=AccountPages::Link ssr=SsrMode::Async />
                        <Route path=path!("/follow") view=AccountPages::Follow ssr=SsrMode::Async />
                        <Route path=path!("/profile") view=AccountPages::Profile ssr=SsrMode::Async />
                        <Route path=path!("/cases") view=MyCasesPage ssr=SsrMode::Async />
                        <Route path=path!("/chat") view=CasePages::Chat ssr=SsrMode::Async />
                        <Route path=path!("/contact") view=CasePages::Contact ssr=SsrMode::Async />
                        <Route path=path!("/cases/new") view=CasePages::NewCase ssr=SsrMode::Async />
                        <Route path=path!("/cases/:number") view=CasePages::Case ssr=SsrMode::Async />
                        <Route path=path!("/staff") view=StaffPages::Staff ssr=SsrMode::Async />
                        <Route path=path!("/staff/cases/new") view=StaffPages::StaffNewCase ssr=SsrMode::Async />
                        <Route path=path!("/staff/self-help") view=StaffPages::SelfHelp ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles") view=StaffPages::StaffArticles ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/new") view=StaffPages::NewArticle ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/:id/edit") view=StaffPages::EditArticle ssr=SsrMode::Async />
                        <Route path=path!("/staff/help-center") view=StaffPages::HelpAdmin ssr=SsrMode::Async />
                        <Route path=path!("/staff/outbox") view=StaffPages::Outbox ssr=SsrMode::Async />
                        <Route path=path!("/staff/departments") view=StaffPages::Departments ssr=SsrMode::Async />
                        <Route path=path!("/staff/users") view=StaffPages::Users ssr=SsrMode::Async />
                        <Route path=path!("/staff/service-levels") view=StaffPages::ServiceLevels ssr=SsrMode::Async />
                        <Route path=path!("/staff/canned") view=StaffPages::Canned ssr=SsrMode::Async />
                        <Route path=path!("/staff/chats") view=StaffPages::Chats ssr=SsrMode::Async />
                        <Route path=path!("/staff/settings") view=StaffPages::Settings ssr=SsrMode::Async />
                    </Routes>
                </main>
                <crate::chat::button::HelpButton />
            </Router>
        </I18nContextProvider>
    }
}
