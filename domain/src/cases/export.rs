//! CSV export of a filtered case list: streamed row by row (a million rows
//! are never held in memory), RFC 4180 quoting by the `csv` crate, UTF-8
//! with a BOM for spreadsheet programs, and formula-looking cells defused.
//! Column names and values are in the exporter's language; times are ISO
//! 8601 in their zone, with its offset.

use std::borrow::Cow;

use futures::StreamExt;

use super::filter::CaseFilter;
use super::listing::{export_query, SummaryRow};
use crate::auth::{Language, Person};
use crate::db::Db;
use crate::error::AppError;
use crate::mail::words::t;
use crate::time::{iso_in, UTC};

/// Rows per chunk sent to the client.
const CHUNK_ROWS: usize = 500;
const COLUMNS: [&str; 8] = [
    "number",
    "subject",
    "type",
    "status",
    "origin",
    "created",
    "last_update",
    "requester",
];
/// After those, for staff only: who works on the case, the department it
/// waits on, and the next service-level due time (empty when none counts).
const STAFF_COLUMNS: [&str; 3] = ["assignee", "department", "sla_due"];

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a
/// leading tab or carriage return) gets a `'` in front, so it stays text.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes rows as CSV into a byte buffer (the BOM and header first).
struct CsvRows {
    writer: csv::Writer<Vec<u8>>,
    lang: Language,
    /// Staff read staff's status names.
    staff: bool,
    zone: String,
    /// For the types' labels (admins define them).
    types: Vec<super::case_type::CaseTypeInfo>,
}

impl CsvRows {
    fn new(lang: Language, staff: bool, zone: &str) -> Self {
        let mut bom = Vec::new();
        bom.extend_from_slice("\u{feff}".as_bytes());
        let mut writer = Self::writer(bom);
        let extra: &[&str] = if staff { &STAFF_COLUMNS } else { &[] };
        let header = COLUMNS
            .iter()
            .chain(extra)
            .map(|c| t(lang, &format!("export.columns.{c}"), &[]))
            .collect::<Vec<_>>();
        // Writing to memory cannot fail.
        let _ = writer.write_record(&header);
        let zone = if zone.is_empty() { UTC } else { zone };
        Self {
            writer,
            lang,
            staff,
            zone: zone.to_owned(),
            types: Vec::new(),
        }
    }

    /// The name of `value` in list `list` (`status`, `case_type`, ...).
    fn word(&self, list: &str, value: &str) -> String {
        t(self.lang, &format!("export.{list}.{value}"), &[])
    }

    /// A type's label in the exporter's language; its key if unknown.
    fn case_type(&self, key: &str) -> String {
        let found = self.types.iter().find(|t| t.key.as_str() == key);
        found.map_or(key, |t| t.label(self.lang)).to_owned()
    }

    fn writer(buffer: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(buffer)
    }

    fn push(&mut self, row: &SummaryRow) {
        let number = row.number.to_string();
        let zone = self.zone.as_str();
        let (created, updated) = (iso_in(row.created_at, zone), iso_in(row.updated_at, zone));
        let statuses = if self.staff { "status_staff" } else { "status" };
        let cells = [
            number.as_str(),
            &spreadsheet_safe(&row.subject),
            &self.case_type(&row.case_type),
            &self.word(statuses, &row.status),
            &self.word("origin", &row.origin),
            &created,
            &updated,
            &spreadsheet_safe(&row.requester),
        ];
        if !self.staff {
            let _ = self.writer.write_record(cells);
            return;
        }
        let due = match row.sla_due {
            super::sla::NO_DUE => String::new(),
            due => iso_in(due, zone),
        };
        let assignee = spreadsheet_safe(row.assignee.as_deref().unwrap_or_default());
        let department = spreadsheet_safe(row.department.as_deref().unwrap_or_default());
        let staff = [&*assignee, &*department, &due];
        let _ = self.writer.write_record(cells.into_iter().chain(staff));
    }

    /// The bytes written since the last take.
    fn take(&mut self) -> Vec<u8> {
        let full = std::mem::replace(&mut self.writer, Self::writer(Vec::new()));
        full.into_inner().unwrap_or_default()
    }
}

/// A CSV download as it is produced: chunks of bytes, or an I/O error that
/// ends the download.
pub type Chunks = futures::stream::BoxStream<'static, Result<Vec<u8>, std::io::Error>>;

/// The cases `person` may export as CSV: their own, or with `all` (staff
/// only) every case; filtered as the list is.
pub fn export(
    db: &Db,
    person: &Person,
    all: bool,
    filter: CaseFilter,
    lang: Language,
) -> Result<Chunks, AppError> {
    if all {
        person.staff()?;
    }
    let filter = if all { filter } else { filter.for_customer() };
    let mut csv = CsvRows::new(lang, person.role.is_staff(), &filter.zone);
    let query = export_query((db.backend(), db.now()), person.user(), !all, &filter);
    let (text, args) = query.into_parts()?;
    let db = db.clone();

    // The query runs in its own task and hands chunks over a small channel:
    // a slow download slows the query instead of filling memory.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    tokio::spawn(async move {
        match super::settings::all(&db).await {
            Ok(types) => csv.types = types,
            Err(err) => tracing::warn!(?err, "case types unread; the export shows their keys"),
        }
        let mut rows = sqlx::query_as_with::<_, SummaryRow, _>(&text, args).fetch(&db.read);
        let mut pending = 0;
        while let Some(row) = rows.next().await {
            match row {
                Ok(row) => csv.push(&row),
                Err(err) => {
                    tracing::error!(error = %err, "case export failed mid-way");
                    let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
                    return;
                }
            }
            pending += 1;
            if pending == CHUNK_ROWS {
                pending = 0;
                if tx.send(Ok(csv.take())).await.is_err() {
                    return; // the client went away
                }
            }
        }
        let _ = tx.send(Ok(csv.take())).await;
    });
    Ok(Box::pin(futures::stream::poll_fn(move |cx| {
        rx.poll_recv(cx)
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(subject: &str, requester: &str) -> SummaryRow {
        SummaryRow {
            id: 1,
            number: 1001,
            subject: subject.into(),
            case_type: "technical".into(),
            status: "new".into(),
            origin: "web".into(),
            created_at: 0,
            updated_at: 60_000,
            unread: false,
            requester: requester.into(),
            assignee: Some("Alex".into()),
            department: None,
            sla_due: 3_600_000,
            sla_paused: false,
            sla_first: false,
        }
    }

    /// Rows with the built-in "technical" type and its labels.
    fn rows(lang: Language, staff: bool, zone: &str) -> CsvRows {
        let mut csv = CsvRows::new(lang, staff, zone);
        csv.types = vec![crate::cases::case_type::CaseTypeInfo {
            key: crate::cases::CaseType::TECHNICAL,
            labels: ["Technical".into(), "Técnico".into(), "Technique".into()],
            active: true,
        }];
        csv
    }

    #[test]
    fn formulas_are_defused_and_plain_text_is_left_alone() {
        for cell in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"));
        }
        assert_eq!(spreadsheet_safe("Hello = world"), "Hello = world");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn output_is_rfc_4180_with_a_bom() {
        let mut csv = rows(Language::En, false, "");
        csv.push(&row("Say \"hi\", then\nleave", "=cmd|' /C calc'!A0"));
        let text = String::from_utf8(csv.take()).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let text = &text['\u{feff}'.len_utf8()..];
        assert_eq!(
            text,
            "Case number,Subject,Type,Status,Origin,Created,Last update,Requester\r\n\
             1001,\"Say \"\"hi\"\", then\nleave\",Technical,Submitted,Web,\
             1970-01-01T00:00:00+00:00,1970-01-01T00:01:00+00:00,'=cmd|' /C calc'!A0\r\n"
        );
    }

    #[test]
    fn names_values_and_times_follow_the_exporter() {
        let mut csv = rows(Language::Fr, true, "America/Mexico_City");
        csv.push(&row("Facture", "ana@example.com"));
        let text = String::from_utf8(csv.take()).unwrap();
        assert_eq!(
            &text['\u{feff}'.len_utf8()..],
            "Numéro de dossier,Objet,Type,Statut,Origine,Créé le,Dernière mise à jour,Demandeur,\
             Attribué à,Service,Échéance du niveau de service\r\n\
             1001,Facture,Technique,Nouveau,Web,\
             1969-12-31T18:00:00-06:00,1969-12-31T18:01:00-06:00,ana@example.com,\
             Alex,,1969-12-31T19:00:00-06:00\r\n"
        );
    }
}
