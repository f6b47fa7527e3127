//! The composition root: the HTML shell and the router, which bring every
//! feature's pages together. Nothing imports this module but the crate
//! root; features and `ui/` never do.

mod lazy_pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use lazy_pages::*;

use crate::auth::context::provide_auth;
use crate::auth::top_bar::TopBar;
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
    provide_meta_context();
    provide_auth();
    crate::workspace::live::provide_live();
    crate::chat::alert::provide_waiting_chats();
    crate::cases::case_types::provide_case_types();
    crate::time::provide_zone();
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
                        <Route path=path!("/help/articles/:id") view={Lazy::<Article>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/help/search") view={Lazy::<Search>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/help/collections/:country") view={Lazy::<Collection>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/help/folders/:id") view={Lazy::<Folder>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/signin") view={Lazy::<SignIn>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/signup") view={Lazy::<SignUp>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/signup/sent") view={Lazy::<CheckEmail>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/forgot") view={Lazy::<ForgotPassword>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/reset") view={Lazy::<ResetPassword>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/link") view={Lazy::<Link>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/follow") view={Lazy::<Follow>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/profile") view={Lazy::<Profile>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/cases") view={Lazy::<MyCases>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/chat") view={Lazy::<Chat>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/contact") view={Lazy::<Contact>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/cases/new") view={Lazy::<NewCase>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/cases/:number") view={Lazy::<Case>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff") view={Lazy::<Staff>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/cases/new") view={Lazy::<StaffNewCase>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/self-help") view={Lazy::<SelfHelp>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles") view={Lazy::<StaffArticles>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/new") view={Lazy::<NewArticle>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/articles/:id/edit") view={Lazy::<EditArticle>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/help-center") view={Lazy::<HelpAdmin>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/outbox") view={Lazy::<Outbox>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/departments") view={Lazy::<Departments>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/users") view={Lazy::<Users>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/service-levels") view={Lazy::<ServiceLevels>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/canned") view={Lazy::<Canned>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/chats") view={Lazy::<Chats>::new()} ssr=SsrMode::Async />
                        <Route path=path!("/staff/settings") view={Lazy::<Settings>::new()} ssr=SsrMode::Async />
                    </Routes>
                </main>
                <crate::chat::button::HelpButton />
            </Router>
        </I18nContextProvider>
    }
}
