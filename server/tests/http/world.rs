//! What the access matrix and the hostile-input test ask about: the six
//! people, a fresh set of things for each question (a case of the owner's
//! with the CC'd person on it, its file, an article, ...), and a
//! fingerprint of the stored data to tell that a refusal wrote nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::auth::{accounts, Person, Role};
use domain::db::Db;
use domain::mail::inbound::receive;

use crate::support::{TestApp, PNG};

/// Emails of the signed-in columns (the visitor has none).
const PEOPLE: [&str; 5] = [
    "bob@example.com",
    "ana@example.com",
    "carla@example.com",
    "agent@example.com",
    "admin@example.com",
];

pub struct World<'a> {
    app: &'a TestApp,
    people: Vec<Person>,
    made: AtomicUsize,
    fingerprint: Fingerprint,
}

/// The values a line's placeholders stand for, made for one question.
pub struct Fixtures(HashMap<&'static str, String>);

impl Fixtures {
    pub fn fill(&self, template: &str) -> String {
        let mut out = template.to_owned();
        for (name, value) in &self.0 {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

impl<'a> World<'a> {
    /// Adds the CC'd person (Carla) to the test app's accounts.
    pub async fn new(app: &'a TestApp) -> World<'a> {
        let carla = accounts::register(&app.db, Role::Customer, "Carla", PEOPLE[2], "password-123");
        carla.await.unwrap();
        let mut people = Vec::new();
        for email in PEOPLE {
            people.push(
                accounts::authenticate(&app.db, email, "password-123")
                    .await
                    .unwrap(),
            );
        }
        World {
            app,
            people,
            made: AtomicUsize::new(0),
            fingerprint: Fingerprint::of(&app.db).await,
        }
    }

    /// Every stored row, as text, to compare before and after a request.
    pub async fn stored(&self) -> Vec<String> {
        self.fingerprint.take(&self.app.db).await
    }

    /// A fresh session of the person in `column` (none for the visitor), so
    /// a line that signs out or changes a password spoils no other.
    pub async fn session(&self, column: usize) -> Option<String> {
        let person = self.people.get(column.checked_sub(1)?)?;
        let token = accounts::start_session(&self.app.db, person, None, 30)
            .await
            .unwrap();
        Some(format!("{}={token}", app::auth::session::COOKIE_NAME))
    }

    async fn admin(&self) -> String {
        self.session(5).await.unwrap()
    }

    /// Makes what `target` and `body` name, and nothing else.
    pub async fn fixtures(&self, target: &str, body: &str) -> Fixtures {
        let text = format!("{target} {body}");
        let wants = |name: &str| text.contains(&format!("{{{name}}}"));
        let turn = self.made.fetch_add(1, Ordering::Relaxed);
        let mut f = HashMap::new();
        f.insert("n", turn.to_string());
        let case_wanted = ["case", "file", "mail"].iter().any(|n| wants(n));
        if case_wanted {
            f.insert("case", self.case().await.to_string());
        }
        if wants("case2") {
            f.insert("case2", self.case().await.to_string());
        }
        if wants("file") {
            let path = format!("/upload/cases/{}", f["case"]);
            let ana = self.session(2).await.unwrap();
            let parts: &[crate::support::Part] = &[("files", Some("a.png"), PNG)];
            let r = self
                .app
                .upload(&path, parts, Some(&ana), "application/json");
            assert!(r.await.status.is_success());
            f.insert("file", self.last_id("attachments").await);
        }
        if wants("mail") {
            f.insert("mail", self.mail(&f["case"]).await);
        }
        if wants("article") || wants("folder") || wants("collection") || wants("country") {
            f.insert("collection", self.collection().await);
            f.insert("country", "mx".into());
        }
        if wants("folder") {
            let add = format!("collection={}&product=Card+{turn}", f["collection"]);
            self.admin_call("help/admin/add-folder", &add).await;
            f.insert("folder", self.last_id("help_folders").await);
        }
        if wants("article") {
            let body = format!(
                "article[id]=0&article[locale]=en&article[title]=Guide+{turn}&article[body]=Hi\
                 &article[kind]=HowTo&article[published]=true&article[tags]="
            );
            f.insert("article", self.admin_call("help/staff/save", &body).await);
        }
        if wants("free_country") {
            let taken = sqlx::query_scalar::<_, i64>(
                "SELECT id FROM help_collections WHERE country = 'fr'",
            );
            if let Some(id) = taken.fetch_optional(&self.app.db.read).await.unwrap() {
                let remove = format!("id={id}");
                self.admin_call("help/admin/remove-collection", &remove)
                    .await;
            }
            f.insert("free_country", "fr".into());
        }
        if wants("banner") {
            let add = "kind=news&severity=info&message=Soon\
                &starts=2030-01-01T00:00&ends=2030-01-02T00:00";
            self.admin_call("help/admin/add-banner", add).await;
            f.insert("banner", self.last_id("help_banners").await);
        }
        if wants("answer") {
            let add = "case_type=technical&title=Restart&body=Turn+it+off+and+on";
            self.admin_call("self-help/add", add).await;
            f.insert("answer", self.last_id("self_help_answers").await);
        }
        if wants("user") {
            let ana = self.session(2).await.unwrap();
            let parts: &[crate::support::Part] = &[("photo", Some("me.png"), PNG)];
            let r = self
                .app
                .upload("/upload/photo", parts, Some(&ana), "application/json");
            assert!(r.await.status.is_success());
            f.insert("user", self.people[1].id.to_string());
        }
        if wants("canned") {
            let add =
                format!("id=&title=Shared+{turn}&shared=1&body_en=Hi&body_es=Hola&body_fr=Salut");
            self.admin_call("canned/save", &add).await;
            f.insert("canned", self.last_id("canned_responses").await);
        }
        if wants("saved_view") {
            let add = format!("name=Admin+view+{turn}&query=view%3Dopen");
            self.admin_call("workspace/saved-views/save", &add).await;
            f.insert("saved_view", self.last_id("saved_views").await);
        }
        if wants("department") {
            let add = format!("name=Department+{turn}");
            self.admin_call("departments/add", &add).await;
            f.insert("department", self.last_id("departments").await);
        }
        if wants("cc_user") {
            f.insert("cc_user", self.people[2].id.to_string());
        }
        if wants("agent") {
            f.insert("agent", self.people[3].id.to_string());
        }
        if wants("email") {
            f.insert("email", format!("new{turn}%40example.com"));
        }
        Fixtures(f)
    }

    /// A case of the owner's (Ana's), with Carla in CC, opened by staff.
    async fn case(&self) -> i64 {
        let form = "customer=ana%40example.com&origin=phone&subject=Matrix\
            &case_type=technical&description=Help&cc=carla%40example.com";
        let number = self.admin_call("cases/open-for", form).await;
        number.parse().unwrap()
    }

    async fn collection(&self) -> String {
        let find = || async {
            sqlx::query_scalar::<_, i64>("SELECT id FROM help_collections WHERE country = 'mx'")
                .fetch_optional(&self.app.db.read)
                .await
                .unwrap()
        };
        if find().await.is_none() {
            self.admin_call("help/admin/add-collection", "country=mx")
                .await;
        }
        find().await.unwrap().to_string()
    }

    /// A mail received from the owner about `case`; its id.
    async fn mail(&self, case: &str) -> String {
        let db = &self.app.db;
        let intake = domain::mail::testing::intake(db, self.app.files.clone()).await;
        let turn = self.made.fetch_add(1, Ordering::Relaxed);
        let raw = format!(
            "From: ana@example.com\r\nSubject: Re: [#{case}]\r\n\
             Message-ID: <m{turn}@example.com>\r\n\r\nMore details\r\n"
        );
        receive(db, &intake, raw.as_bytes()).await.unwrap();
        self.last_id("inbound_mails").await
    }

    async fn admin_call(&self, endpoint: &str, form: &str) -> String {
        let admin = self.admin().await;
        let r = self
            .app
            .call(&format!("/api/{endpoint}"), form, Some(&admin))
            .await;
        assert!(r.status.is_success(), "{endpoint}: {}", r.body);
        r.body
    }

    async fn last_id(&self, table: &str) -> String {
        sqlx::query_scalar::<_, i64>(&format!("SELECT MAX(id) FROM {table}"))
            .fetch_one(&self.app.db.read)
            .await
            .unwrap()
            .to_string()
    }
}

/// Tables whose rows a question may add without writing anything a person
/// would call data: sessions (each question brings a new one, and reading
/// marks them used) and counted attempts.
const NOT_DATA: [&str; 3] = ["sessions", "auth_attempts", "_sqlx_migrations"];

/// Every stored row of every table but those above, as text: one query
/// per table, each column cast to text (the Any driver reads no booleans).
struct Fingerprint(Vec<String>);

impl Fingerprint {
    /// Reads the tables and their columns once (migrations are done).
    async fn of(db: &Db) -> Fingerprint {
        let postgres = db.backend() == domain::db::Backend::Postgres;
        let tables: Vec<String> = sqlx::query_scalar(if postgres {
            "SELECT table_name::TEXT FROM information_schema.tables \
             WHERE table_schema = 'public' ORDER BY table_name"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name"
        })
        .fetch_all(&db.read)
        .await
        .unwrap();
        let mut selects = Vec::new();
        for table in tables.iter().filter(|t| !NOT_DATA.contains(&t.as_str())) {
            let columns: Vec<String> = sqlx::query_scalar(if postgres {
                "SELECT column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position"
            } else {
                "SELECT name FROM pragma_table_info($1) ORDER BY cid"
            })
            .bind(table)
            .fetch_all(&db.read)
            .await
            .unwrap();
            let as_text: Vec<String> = columns
                .iter()
                .map(|c| match postgres {
                    true => format!("COALESCE(CAST({c} AS TEXT), '-')"),
                    // Blobs too, as valid text.
                    false => format!("quote({c})"),
                })
                .collect();
            selects.push(format!(
                "SELECT '{table}|' || {} FROM {table} ORDER BY 1",
                as_text.join(" || '|' || ")
            ));
        }
        Fingerprint(selects)
    }

    async fn take(&self, db: &Db) -> Vec<String> {
        let mut rows = Vec::new();
        for select in &self.0 {
            rows.extend(
                sqlx::query_scalar::<_, String>(select)
                    .fetch_all(&db.read)
                    .await
                    .unwrap(),
            );
        }
        rows
    }
}
