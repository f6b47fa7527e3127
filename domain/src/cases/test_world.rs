//! The people most workspace tests need: a customer, two agents and an
//! admin, on a fresh database with a clock moved by hand.

use crate::auth::{accounts, Admin, Person, Role, Staff};
use crate::db::testing::{test_db, TestDb};

pub(crate) struct World {
    pub t: TestDb,
    pub ana: Person,
    pub alex: Staff,
    pub bea: Staff,
    pub admin: Admin,
}

pub(crate) async fn world() -> World {
    let t = test_db().await;
    let mk = |role, name: &'static str, email: &'static str| {
        let db = t.db.clone();
        async move {
            accounts::register(&db, role, name, email, "password-123")
                .await
                .unwrap()
        }
    };
    let ana = mk(Role::Customer, "Ana", "ana@example.com").await;
    let alex = mk(Role::Agent, "Alex", "alex@example.com").await;
    let bea = mk(Role::Agent, "Bea", "bea@example.com").await;
    let admin = mk(Role::Admin, "Ada", "ada@example.com").await;
    World {
        t,
        ana,
        alex: alex.staff().unwrap(),
        bea: bea.staff().unwrap(),
        admin: admin.staff().and_then(|s| s.admin()).unwrap(),
    }
}
