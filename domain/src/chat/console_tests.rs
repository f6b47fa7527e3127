//! The agents' console against a real database: who the visitor is and
//! their past cases, chats awaiting an answer, transfers to an agent or a
//! department, and open chats heading the staff's list.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use super::agents;
use super::console::{chat_for, open_chats, transfer, Transfer};
use super::state::ChatState;
use super::visitor::{self, Start};
use crate::auth::Language;
use crate::cases::departments;
use crate::cases::filter::{CaseFilter, Sort};
use crate::cases::listing::list_all;
use crate::cases::open::{open_case, NewCase};
use crate::cases::store::reply_with_files;
use crate::cases::test_world::{world, World};
use crate::cases::CaseType;
use crate::error::AppError;
use crate::validate::{DepartmentName, Field, MessageBody, Problem, Subject};

const CLIENT: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 45)));

async fn start(w: &World, name: &str, email: &str) -> (String, i64) {
    w.t.db.clock.advance(Duration::from_secs(60));
    let form = Start {
        name: name.into(),
        email: email.into(),
        message: "Where is my parcel?".into(),
    };
    visitor::start(&w.t.db, &form, Language::En, CLIENT, None)
        .await
        .unwrap()
}

/// Ana's case of built-in type `kind` (0 to 2: one open case per type, so
/// none joins another).
async fn ana_case(w: &World, subject: &str, kind: usize) -> i64 {
    w.t.db.clock.advance(Duration::from_secs(60));
    let new = NewCase::new(
        Subject::parse(subject).unwrap(),
        CaseType::BUILT_IN[kind].clone(),
        MessageBody::parse("Please help").unwrap(),
    );
    open_case(&w.t.db, &w.ana, &new).await.unwrap().number()
}

#[tokio::test]
async fn the_console_shows_who_the_visitor_is_and_their_past_cases() {
    let w = world().await;
    let earlier = ana_case(&w, "My invoice", 1).await;
    // Ana chats with the address of her account; a stranger with a name.
    let (_, hers) = start(&w, "Ana", "ana@example.com").await;
    let (_, theirs) = start(&w, "Marc", "").await;
    let ana = chat_for(&w.t.db, &w.alex, hers).await.unwrap().unwrap();
    assert!(ana.account);
    assert_eq!(ana.visitor_email.as_deref(), Some("ana@example.com"));
    let past: Vec<(i64, &str)> = ana
        .past
        .iter()
        .map(|p| (p.number, p.subject.as_str()))
        .collect();
    assert_eq!(past, [(earlier, "My invoice")]);
    let marc = chat_for(&w.t.db, &w.alex, theirs).await.unwrap().unwrap();
    assert!(!marc.account);
    assert_eq!(marc.visitor_email, None);
    assert!(marc.past.is_empty());
    // A case that is no chat has no console.
    assert_eq!(chat_for(&w.t.db, &w.alex, earlier).await.unwrap(), None);
}

#[tokio::test]
async fn each_agent_sees_their_chats_and_those_awaiting_an_answer() {
    let w = world().await;
    let (token, n) = start(&w, "Lucía", "lucia@example.com").await;
    let (_, m) = start(&w, "Marc", "marc@example.com").await;
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    agents::accept(&w.t.db, &w.bea, m).await.unwrap();
    let mine = |rows: Vec<super::console::ChatRow>| -> Vec<(i64, bool, bool)> {
        rows.into_iter()
            .map(|r| (r.number, r.mine, r.unanswered))
            .collect()
    };
    let rows = open_chats(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(mine(rows), [(n, true, true), (m, false, true)]);
    // Alex answers: answered, until Lucía writes again.
    w.t.db.clock.advance(Duration::from_secs(5));
    reply_with_files(&w.t.db, &w.alex, n, "On it", &[], false)
        .await
        .unwrap();
    let rows = open_chats(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(mine(rows)[0], (n, true, false));
    w.t.db.clock.advance(Duration::from_secs(5));
    visitor::send(&w.t.db, &token, "Thanks!").await.unwrap();
    let rows = open_chats(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(mine(rows)[0], (n, true, true));
}

#[tokio::test]
async fn a_chat_moves_to_another_agent_or_back_to_wait_in_a_department() {
    let w = world().await;
    let (token, n) = start(&w, "Lucía", "lucia@example.com").await;
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    // To Bea: still under way, now hers and assigned to her.
    transfer(&w.t.db, &w.alex, n, Transfer::Agent(w.bea.user().id))
        .await
        .unwrap();
    let chat = visitor::chat_of(&w.t.db, &token).await.unwrap();
    assert_eq!(
        (chat.state, chat.agent.as_deref()),
        (ChatState::Active, Some("Bea"))
    );
    let row = chat_for(&w.t.db, &w.bea, n).await.unwrap().unwrap();
    assert!(row.mine);
    // To a department: nobody holds it; it waits there.
    let billing = DepartmentName::parse("Billing").unwrap();
    let billing = departments::add(&w.t.db, &w.admin, &billing).await.unwrap();
    transfer(&w.t.db, &w.bea, n, Transfer::Department(billing))
        .await
        .unwrap();
    let row = chat_for(&w.t.db, &w.bea, n).await.unwrap().unwrap();
    assert_eq!(row.state, ChatState::Waiting);
    assert_eq!(
        (row.agent, row.department.as_deref()),
        (None, Some("Billing"))
    );
    let assignee: Option<i64> =
        sqlx::query_scalar("SELECT assignee_id FROM cases WHERE number = $1")
            .bind(n)
            .fetch_one(&w.t.db.read)
            .await
            .unwrap();
    assert_eq!(assignee, None);
    // An agent of it accepts it again.
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    // Unknown targets and ended chats: a clear refusal, nothing moves.
    assert_eq!(
        transfer(&w.t.db, &w.alex, n, Transfer::Agent(w.ana.user().id)).await,
        Err(AppError::invalid(Field::Assignee, Problem::Unknown))
    );
    assert_eq!(
        transfer(&w.t.db, &w.alex, n, Transfer::Department(9_999)).await,
        Err(AppError::invalid(Field::Department, Problem::Unknown))
    );
    let row = chat_for(&w.t.db, &w.alex, n).await.unwrap().unwrap();
    assert_eq!(
        (row.state, row.agent.as_deref()),
        (ChatState::Active, Some("Alex"))
    );
    agents::end(&w.t.db, &w.alex, n).await.unwrap();
    assert_eq!(
        transfer(&w.t.db, &w.alex, n, Transfer::Agent(w.bea.user().id)).await,
        Err(AppError::ChatEnded)
    );
    assert_eq!(
        transfer(&w.t.db, &w.alex, 9_999, Transfer::Agent(w.bea.user().id)).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn open_chats_head_the_staff_list_and_ended_ones_take_their_place() {
    let w = world().await;
    let (_, chat) = start(&w, "Lucía", "lucia@example.com").await;
    // Two cases updated after the chat began.
    let a = ana_case(&w, "First", 0).await;
    let b = ana_case(&w, "Second", 1).await;
    let filter = CaseFilter {
        sort: Sort::LastUpdate,
        ..Default::default()
    };
    let numbers = |page: model::cases::CasePage| -> Vec<i64> {
        page.rows.into_iter().map(|r| r.number).collect()
    };
    let page = list_all(&w.t.db, &w.alex, &filter, None).await.unwrap();
    assert_eq!(numbers(page), [chat, b, a]);
    // Once ended, it sits where its last update puts it.
    agents::accept(&w.t.db, &w.alex, chat).await.unwrap();
    agents::end(&w.t.db, &w.alex, chat).await.unwrap();
    w.t.db.clock.advance(Duration::from_secs(60));
    let c = ana_case(&w, "Third", 2).await;
    let page = list_all(&w.t.db, &w.alex, &filter, None).await.unwrap();
    let listed = numbers(page);
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[0], c);
    assert_eq!(listed.iter().filter(|&&n| n == chat).count(), 1);
}
