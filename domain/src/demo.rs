//! Demo content loaded on first start with an empty database: three
//! accounts, a few cases in different statuses, and a few help articles.

use crate::auth::{accounts, store as users, Person, Role};
use crate::cases::record::{CaseFields, Priority};
use crate::cases::sla::SlaTarget;
use crate::cases::{store as cases, CaseStatus, CaseType};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{DepartmentName, MessageBody, Subject};

/// The demo accounts: (role, name, email, password). Also in the README.
pub const ACCOUNTS: [(Role, &str, &str, &str); 3] = [
    (
        Role::Customer,
        "Carmen Customer",
        "customer@example.com",
        "customer-demo",
    ),
    (
        Role::Agent,
        "Alex Agent",
        "agent@example.com",
        "agent-demo-pass",
    ),
    (
        Role::Admin,
        "Ada Admin",
        "admin@example.com",
        "admin-demo-pass",
    ),
];

/// Loads the demo content if there are no accounts yet; returns whether it did.
pub async fn load_if_empty(db: &Db) -> Result<bool, AppError> {
    if users::count_users(db).await? > 0 {
        return Ok(false);
    }
    let mut made = Vec::new();
    for (role, name, email, password) in ACCOUNTS {
        made.push(accounts::register(db, role, name, email, password).await?);
        tracing::info!(%email, %password, role = role.as_str(), "demo account created");
    }
    let customer = &made[0];
    let agent = &made[1].staff()?;

    let admin = made[2].staff()?.admin()?;
    crate::help::demo::load(db, &admin).await?;
    // The departments the seeds refer cases to; the agent works in all.
    for name in ["Technical", "Finance", "Account"] {
        let id = crate::cases::departments::add(db, &admin, &DepartmentName::parse(name)?).await?;
        crate::cases::departments::set_member(db, &admin, id, agent.user().id, true).await?;
    }
    // Service levels of a typical desk: first response and resolution, in
    // hours, per priority.
    let hours = |h: i64| Some(h * 3_600_000);
    let targets = [
        (Priority::Urgent, 1, 8),
        (Priority::High, 4, 24),
        (Priority::Normal, 8, 72),
        (Priority::Low, 24, 168),
    ]
    .map(|(priority, first, resolution)| SlaTarget {
        priority,
        first_response_ms: hours(first),
        resolution_ms: hours(resolution),
    });
    crate::cases::sla::set_targets(db, &admin, &targets).await?;

    let text = |s: &str| MessageBody::parse(s);
    open(
        db,
        customer,
        "I cannot sign in to the trading platform",
        CaseType::TECHNICAL,
        "Since this morning the platform says my password is wrong, although I reset it twice.",
    )
    .await?;

    let n = open(
        db,
        customer,
        "Invoice for October is missing",
        CaseType::FINANCE,
        "I can see September's invoice in my account but not October's. Could you send it?",
    )
    .await?;
    cases::reply(
        db,
        agent,
        n,
        &text("Thank you for writing. Could you tell us the account number the invoice is for?")?,
    )
    .await?;
    cases::set_status(db, agent, n, CaseStatus::AwaitingReply).await?;

    let n = open(
        db,
        customer,
        "Change the email address of my account",
        CaseType::ACCOUNT,
        "I would like to use my new work address for all messages.",
    )
    .await?;
    cases::reply(
        db,
        agent,
        n,
        &text("Done: your account now uses the new address.")?,
    )
    .await?;
    cases::set_status(db, agent, n, CaseStatus::Resolved).await?;

    let n = open(
        db,
        customer,
        "Question about trading hours",
        CaseType::OTHER,
        "Are the markets open on public holidays?",
    )
    .await?;
    cases::reply(
        db,
        agent,
        n,
        &text("Markets follow the exchange's calendar; see our help article on trading hours.")?,
    )
    .await?;
    cases::set_status(db, agent, n, CaseStatus::Closed).await?;
    Ok(true)
}

async fn open(
    db: &Db,
    who: &Person,
    subject: &str,
    case_type: CaseType,
    body: &str,
) -> Result<i64, AppError> {
    let technical = case_type == CaseType::TECHNICAL;
    let mut new = crate::cases::open::NewCase::new(
        Subject::parse(subject)?,
        case_type,
        MessageBody::parse(body)?,
    );
    // The details a real case carries, so the details panel has content.
    new.fields = CaseFields {
        priority: if technical {
            Priority::High
        } else {
            Priority::Normal
        },
        country: "Spain".into(),
        brand: "Acme Markets".into(),
        product: "Trading platform".into(),
        phone: "+34 600 000 000".into(),
        ..Default::default()
    };
    Ok(crate::cases::open::open_case(db, who, &new).await?.number())
}
