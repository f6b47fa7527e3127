//! Who gets what: one line per server function, HTTP route and page, with
//! the status each person gets, in the columns of `matrix::ASKERS`:
//! visitor, another customer, the case's owner, a person CC'd on it, an
//! agent, an admin. Placeholders in braces are made fresh for each cell by
//! `world.rs` ({case} is the owner's, with the CC'd person on it).
//!
//! 401: sign in first. 403: not for your role. 404: not yours, answered as
//! for something that does not exist. 303: a page or file sending a visitor
//! to sign in, a signed-in person to their own start page (`page_gate.rs`),
//! or a mailed link to its result page.

pub struct Row {
    /// `METHOD /path` as the router lists it.
    pub target: &'static str,
    /// The path asked, when it has placeholders the route names otherwise.
    pub at: &'static str,
    pub body: &'static str,
    pub expect: [u16; 6],
}

const fn api(target: &'static str, body: &'static str, expect: [u16; 6]) -> Row {
    Row {
        target,
        at: "",
        body,
        expect,
    }
}

const fn at(target: &'static str, at: &'static str, expect: [u16; 6]) -> Row {
    Row {
        target,
        at,
        body: "",
        expect,
    }
}

const ALL: [u16; 6] = [200; 6];
const SIGNED_IN: [u16; 6] = [401, 200, 200, 200, 200, 200];
const STAFF: [u16; 6] = [401, 403, 403, 403, 200, 200];
const ADMIN: [u16; 6] = [401, 403, 403, 403, 403, 200];
const CASE_READERS: [u16; 6] = [401, 404, 200, 200, 200, 200];
const PAGE_SIGNED_IN: [u16; 6] = [303, 200, 200, 200, 200, 200];
const PAGE_STAFF: [u16; 6] = [303, 303, 303, 303, 200, 200];
const PAGE_ADMIN: [u16; 6] = [303, 303, 303, 303, 303, 200];

pub const ROWS: &[Row] = &[
    // Accounts. Sign-in comes before the password change below.
    api("POST /api/auth/me", "", ALL),
    api(
        "POST /api/auth/sign_up",
        "name=New&email={email}&password=password-123",
        ALL,
    ),
    api(
        "POST /api/auth/sign_in",
        "email=bob%40example.com&password=password-123",
        ALL,
    ),
    api("POST /api/auth/sign_out", "", ALL),
    api("POST /api/auth/sign_out_everywhere", "", SIGNED_IN),
    api("POST /api/auth/forgot", "email=ana%40example.com", ALL),
    api("POST /api/auth/reset-check", "token=nope", [410; 6]),
    api(
        "POST /api/auth/reset",
        "token=nope&password=password-456",
        [410; 6],
    ),
    api("POST /api/auth/resend-verification", "", SIGNED_IN),
    api(
        "POST /api/follow",
        "number={case}&email=ana%40example.com",
        ALL,
    ),
    api("POST /api/profile/get", "", SIGNED_IN),
    api("POST /api/profile/zones", "", ALL),
    api(
        "POST /api/profile/save",
        "name=Someone&job_title=&phone=&language=en&time_zone=UTC",
        SIGNED_IN,
    ),
    api("POST /api/profile/language", "language=es", ALL),
    api(
        "POST /api/profile/password",
        "current=password-123&password=password-123",
        SIGNED_IN,
    ),
    api(
        "POST /api/profile/email",
        "email=changed{n}%40example.com",
        SIGNED_IN,
    ),
    api("POST /api/profile/remove-photo", "", SIGNED_IN),
    // Cases.
    api("POST /api/cases/mine", "query[sort]=", SIGNED_IN),
    api(
        "POST /api/cases/mine/part",
        "search=&locale=en&zone=UTC",
        SIGNED_IN,
    ),
    api("POST /api/cases/mine/filters", "search=&locale=en", ALL),
    api("POST /api/cases/all", "query[sort]=", STAFF),
    api("POST /api/cases/counts", "", STAFF),
    api(
        "POST /api/cases/open",
        "subject=S&case_type=technical&description=D",
        SIGNED_IN,
    ),
    api(
        "POST /api/cases/open-for",
        "customer=ana%40example.com&origin=phone&subject=S&case_type=technical&description=D",
        STAFF,
    ),
    api("POST /api/cases/get", "number={case}", CASE_READERS),
    api(
        "POST /api/cases/reply",
        "number={case}&body=Hi",
        CASE_READERS,
    ),
    api(
        "POST /api/cases/status",
        "number={case}&status=resolved",
        STAFF,
    ),
    // Referred takes the department the case waits on.
    api(
        "POST /api/cases/status",
        "number={case}&status=referred&department={department}",
        STAFF,
    ),
    // The staff workspace: views, assignment, departments.
    api("POST /api/workspace/views", "", STAFF),
    api("POST /api/workspace/directory", "", STAFF),
    api(
        "POST /api/cases/assign",
        "number={case}&assignee={agent}",
        STAFF,
    ),
    api("POST /api/cases/take", "number={case}", STAFF),
    api(
        "POST /api/cases/presence",
        "number={case}&typing=false",
        STAFF,
    ),
    api("POST /api/cases/presence/gone", "number={case}", STAFF),
    api(
        "POST /api/cases/bulk",
        "numbers[0]={case}&action=assign&value={agent}",
        STAFF,
    ),
    api(
        "POST /api/cases/bulk/count",
        "query[view]=unassigned",
        STAFF,
    ),
    api(
        "POST /api/cases/department",
        "number={case}&department={department}",
        STAFF,
    ),
    api("POST /api/departments/add", "name=Dept+{n}", ADMIN),
    // Canned responses: staff keep their own and use the shared ones,
    // which are the admins' to change.
    api("POST /api/canned", "", STAFF),
    api(
        "POST /api/canned/save",
        "id=&title=Mine+{n}&body_en=Hi+{{customer.name}}&body_es=Hola&body_fr=Salut",
        STAFF,
    ),
    api("POST /api/canned/fill", "number={case}&id={canned}", STAFF),
    api("POST /api/canned/remove", "id={canned}", ADMIN),
    // Saved views: each agent's own; another's reads as "not found".
    api("POST /api/workspace/saved-views", "", STAFF),
    api(
        "POST /api/workspace/saved-views/save",
        "name=Mine+{n}&query=view%3Dmine",
        STAFF,
    ),
    api(
        "POST /api/workspace/saved-views/remove",
        "id={saved_view}",
        [401, 403, 403, 403, 404, 200],
    ),
    // Service levels: staff read the targets, admins set them.
    api("POST /api/service-levels", "", STAFF),
    api(
        "POST /api/service-levels/save",
        "priority=urgent&first_response=1&resolution=8",
        ADMIN,
    ),
    // Settings: anyone reads the case types' labels; admins change them
    // and the automatic-close waits.
    api("POST /api/case-types", "", ALL),
    api("POST /api/settings/close-times", "", ADMIN),
    api(
        "POST /api/settings/close-times/save",
        "awaiting_reply=48&awaiting_confirmation=24&resolved=48",
        ADMIN,
    ),
    api(
        "POST /api/settings/case-types/add",
        "label_en=Kind+{n}&label_es=Tipo+{n}&label_fr=Type+{n}",
        ADMIN,
    ),
    api(
        "POST /api/settings/case-types/relabel",
        "key=finance&label_en=Money+{n}&label_es=Dinero&label_fr=Argent",
        ADMIN,
    ),
    api(
        "POST /api/settings/case-types/active",
        "key=finance&active=true",
        ADMIN,
    ),
    api("POST /api/users/list", "search=a", ADMIN),
    // Carla (CC'd) gets a role and is deactivated: other lines use Ana's
    // and the staff's accounts.
    api("POST /api/users/role", "id={cc_user}&role=customer", ADMIN),
    api("POST /api/users/active", "id={cc_user}&active=true", ADMIN),
    api(
        "POST /api/departments/rename",
        "id={department}&name=Renamed+{n}",
        ADMIN,
    ),
    api("POST /api/departments/remove", "id={department}", ADMIN),
    api(
        "POST /api/departments/member",
        "id={department}&user={agent}&member=true",
        ADMIN,
    ),
    // The customer's "Close case"; staff change the status instead.
    api(
        "POST /api/cases/close",
        "number={case}",
        [401, 404, 200, 403, 403, 403],
    ),
    api(
        "POST /api/cases/edit",
        "number={case}&phone=555",
        [401, 404, 200, 403, 200, 200],
    ),
    // Some fields are staff's: refused for any case, as for none.
    api("POST /api/cases/edit", "number={case}&subject=New", STAFF),
    api("POST /api/cases/merge", "number={case}&into={case2}", STAFF),
    api(
        "POST /api/cases/confirm",
        "number={case}&solved=true",
        // The owner's case was not offered an answer.
        [401, 404, 422, 403, 403, 403],
    ),
    api("POST /api/files/limits", "", ALL),
    api("POST /api/mail/outbox", "", ADMIN),
    api("POST /api/self-help/list", "", ADMIN),
    api(
        "POST /api/self-help/add",
        "case_type=technical&title=T&body=B",
        ADMIN,
    ),
    api("POST /api/self-help/remove", "id={answer}", ADMIN),
    // The help center: reading is public, writing is staff's, arranging admins'.
    api("POST /api/help/home", "locale=en", ALL),
    api("POST /api/help/shelf", "country={country}&locale=en", ALL),
    api("POST /api/help/article", "id={article}", ALL),
    api("POST /api/help/search", "query[q]=card", ALL),
    api("POST /api/help/suggest", "subject=card&locale=en", ALL),
    api("POST /api/help/vote", "id={article}&helpful=yes", ALL),
    api("POST /api/help/staff/articles", "", STAFF),
    api("POST /api/help/staff/choices", "", STAFF),
    api("POST /api/help/staff/article", "id={article}", STAFF),
    api("POST /api/help/staff/preview", "body=Hi", STAFF),
    api(
        "POST /api/help/staff/save",
        "article[id]=0&article[locale]=en&article[title]=T{n}&article[body]=B\
         &article[kind]=HowTo&article[published]=true&article[tags]=",
        STAFF,
    ),
    api("POST /api/help/staff/delete", "id={article}", STAFF),
    api("POST /api/help/admin/collections", "", ADMIN),
    api(
        "POST /api/help/admin/add-collection",
        "country={free_country}",
        ADMIN,
    ),
    api(
        "POST /api/help/admin/remove-collection",
        "id={collection}",
        ADMIN,
    ),
    api(
        "POST /api/help/admin/add-folder",
        "collection={collection}&product=New+{n}",
        ADMIN,
    ),
    api(
        "POST /api/help/admin/rename-folder",
        "id={folder}&product=Renamed+{n}",
        ADMIN,
    ),
    api("POST /api/help/admin/remove-folder", "id={folder}", ADMIN),
    api("POST /api/help/admin/banners", "", ADMIN),
    api(
        "POST /api/help/admin/add-banner",
        "kind=news&severity=info&message=M&starts=2030-01-01T00:00&ends=2030-01-02T00:00",
        ADMIN,
    ),
    api("POST /api/help/admin/remove-banner", "id={banner}", ADMIN),
    // Business hours and chat settings: everyone reads the hours; admins
    // set them.
    api("POST /api/chat/hours", "", ALL),
    api("POST /api/settings/hours", "", ADMIN),
    api(
        "POST /api/settings/hours/save",
        "hours[time_zone]=UTC&hours[opens][0]=09:00&hours[closes][0]=18:00",
        ADMIN,
    ),
    api("POST /api/settings/chat", "", ADMIN),
    api(
        "POST /api/settings/chat/save",
        "max_chats=3&wait_minutes=2",
        ADMIN,
    ),
    // A visitor's chat: anyone starts one; without its cookie there is no
    // chat to read, write to or end (the same for everyone).
    api("POST /api/chat/mode", "", ALL),
    api("POST /api/chat/mine", "", ALL),
    api(
        "POST /api/chat/start",
        "name=Visitor&email={email}&message=Hello",
        ALL,
    ),
    api("POST /api/chat/lines", "after=0", [404; 6]),
    api("POST /api/chat/send", "message=Hi", [404; 6]),
    api("POST /api/chat/typing", "", [404; 6]),
    api("POST /api/chat/transcript", "", [404; 6]),
    api("POST /api/chat/end", "", [404; 6]),
    // The agents' side; a case that is no chat is "not found" to them.
    api("POST /api/chat/available", "", STAFF),
    api("POST /api/chat/available/set", "available=false", STAFF),
    api("POST /api/chat/open", "", STAFF),
    api("POST /api/chat/of-case", "number={case}", STAFF),
    api(
        "POST /api/chat/accept",
        "number={case}",
        [401, 403, 403, 403, 404, 404],
    ),
    api(
        "POST /api/chat/staff-end",
        "number={case}",
        [401, 403, 403, 403, 404, 404],
    ),
    api(
        "POST /api/chat/transfer",
        "number={case}&to=agent:1",
        [401, 403, 403, 403, 404, 404],
    ),
    // HTTP routes: uploads, files, the export, mailed links.
    api(
        "POST /upload/cases",
        "subject=S&case_type=technical&description=D",
        SIGNED_IN,
    ),
    Row {
        target: "POST /upload/cases/{number}",
        at: "/upload/cases/{case}",
        body: "body=Hi",
        expect: CASE_READERS,
    },
    // An internal note: staff only; who may read the case learns no more.
    Row {
        target: "POST /upload/cases/{number}",
        at: "/upload/cases/{case}",
        body: "body=Note+for+%40alex&note=1",
        expect: [401, 404, 403, 403, 200, 200],
    },
    at(
        "GET /files/{id}",
        "/files/{file}",
        [303, 404, 200, 200, 200, 200],
    ),
    at(
        "GET /files/{id}/preview",
        "/files/{file}/preview",
        // An image in a page: no sign-in page to send it to.
        [404, 404, 200, 200, 200, 200],
    ),
    at(
        "GET /files/mail/{id}",
        "/files/mail/{mail}",
        [303, 404, 404, 404, 200, 200],
    ),
    api("POST /upload/photo", "", SIGNED_IN),
    // The help form: anyone, no account needed.
    api(
        "POST /upload/help",
        "name=Visitor&email={email}&message=Hello",
        ALL,
    ),
    // Live updates: each signed-in person hears what they may know of.
    at("GET /events", "", [401, 200, 200, 200, 200, 200]),
    at(
        "GET /files/photo/{user}",
        "/files/photo/{user}",
        [404, 404, 200, 404, 200, 200],
    ),
    at("GET /export/cases.csv", "", PAGE_SIGNED_IN),
    at("GET /mail/{token}", "/mail/nope", [303; 6]),
    // Pages.
    at("GET /", "", ALL),
    at("GET /signin", "", ALL),
    at("GET /signup", "", ALL),
    at("GET /signup/sent", "", ALL),
    at("GET /forgot", "", ALL),
    at("GET /reset", "", ALL),
    at("GET /link", "", ALL),
    at("GET /follow", "", ALL),
    at("GET /help/search", "/help/search?q=card", ALL),
    at("GET /help/articles/{id}", "/help/articles/{article}", ALL),
    at(
        "GET /help/collections/{country}",
        "/help/collections/{country}",
        ALL,
    ),
    at("GET /help/folders/{id}", "/help/folders/{folder}", ALL),
    at("GET /cases", "", PAGE_SIGNED_IN),
    at("GET /cases/new", "", PAGE_SIGNED_IN),
    at(
        "GET /cases/{number}",
        "/cases/{case}",
        [303, 404, 200, 200, 200, 200],
    ),
    at("GET /profile", "", PAGE_SIGNED_IN),
    at("GET /staff", "", PAGE_STAFF),
    at("GET /staff/cases/new", "", PAGE_STAFF),
    at("GET /staff/articles", "", PAGE_STAFF),
    at("GET /staff/articles/new", "", PAGE_STAFF),
    at(
        "GET /staff/articles/{id}/edit",
        "/staff/articles/{article}/edit",
        PAGE_STAFF,
    ),
    at("GET /staff/self-help", "", PAGE_ADMIN),
    at("GET /staff/help-center", "", PAGE_ADMIN),
    at("GET /staff/outbox", "", PAGE_ADMIN),
    at("GET /staff/departments", "", PAGE_ADMIN),
    at("GET /staff/users", "", PAGE_ADMIN),
    at("GET /staff/service-levels", "", PAGE_ADMIN),
    at("GET /staff/settings", "", PAGE_ADMIN),
    at("GET /staff/canned", "", PAGE_STAFF),
    at("GET /staff/chats", "", PAGE_STAFF),
    at("GET /chat", "", ALL),
    at("GET /contact", "", ALL),
];
