//! The new part of a reply: what the sender wrote above the quoted history
//! and the signature. Mail programs mark quotes differently; the markers
//! below are those of the common ones (Gmail, Apple Mail, Thunderbird,
//! Outlook), in English, Spanish and French. Only the stored text is cut:
//! the whole original stays available to staff.

/// The reply without quoted history, signature or trailing blank lines.
/// When cutting would leave nothing (a mail that is all quote), the text
/// is kept whole, so nothing the sender wrote is lost.
pub fn new_part(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if starts_history(&lines, i) || is_signature(line) {
            end = i;
            break;
        }
    }
    // Quoted lines (`>`) at the end, with the blank lines around them.
    while end > 0 {
        let line = lines[end - 1].trim();
        if line.is_empty() || line.starts_with('>') {
            end -= 1;
        } else {
            break;
        }
    }
    let kept = lines[..end].join("\n");
    let kept = kept.trim();
    if kept.is_empty() {
        text.trim().to_owned()
    } else {
        kept.to_owned()
    }
}

/// Whether line `i` begins the quoted history.
fn starts_history(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    if line.is_empty() {
        return false;
    }
    let lower = line.to_lowercase();
    // "-----Original Message-----", "----- Mensaje original -----",
    // "-------- Message d'origine --------", "---------- Forwarded message".
    if lower.starts_with("---") {
        let words = lower.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if [
            "original message",
            "mensaje original",
            "message d'origine",
            "message d’origine",
        ]
        .iter()
        .any(|w| words.starts_with(w))
        {
            return true;
        }
    }
    // The attribution line, which may wrap onto the next line:
    // "On Mon, 23 Nov 2026 at 10:00, Ana <ana@example.com> wrote:",
    // "El lun, 23 nov 2026 a las 10:00, Ana (<ana@example.com>) escribió:",
    // "Le lun. 23 nov. 2026 à 10:00, Ana <ana@example.com> a écrit :".
    let joined = match lines.get(i + 1) {
        Some(next) => format!("{lower} {}", next.trim().to_lowercase()),
        None => lower.clone(),
    };
    let opens = ["on ", "el ", "le "].iter().any(|p| lower.starts_with(p));
    let closes = |s: &str| {
        let s = s.trim_end();
        ["wrote:", "escribió:", "a écrit :", "a écrit:"]
            .iter()
            .any(|w| s.ends_with(w))
    };
    if opens && (closes(&lower) || closes(&joined)) {
        return true;
    }
    // Outlook's header block: "From: ..." followed by "Sent:"/"Date:" (or
    // their Spanish and French names) on one of the next lines.
    let header = |s: &str, names: &[&str]| names.iter().any(|n| s.starts_with(n));
    if header(&lower, &["from:", "de:", "de :"]) {
        return lines[i + 1..].iter().take(3).any(|next| {
            let next = next.trim().to_lowercase();
            header(
                &next,
                &[
                    "sent:",
                    "date:",
                    "enviado:",
                    "fecha:",
                    "envoyé :",
                    "envoyé:",
                ],
            )
        });
    }
    false
}

/// A signature's first line: the standard delimiter, or the phone apps'
/// "Sent from my ..." lines.
fn is_signature(line: &str) -> bool {
    if line == "-- " || line == "--" {
        return true;
    }
    let lower = line.trim().to_lowercase();
    [
        "sent from my ",
        "enviado desde mi ",
        "envoyé de mon ",
        "envoyé depuis mon ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::new_part;

    #[test]
    fn gmail_english_reply() {
        let mail = "Thanks, that worked.\n\nOn Mon, 23 Nov 2026 at 10:00, Help Center <helpdesk@example.com> wrote:\n> Your case 1042 was answered.\n> Regards";
        assert_eq!(new_part(mail), "Thanks, that worked.");
    }

    #[test]
    fn gmail_attribution_wrapped_over_two_lines() {
        let mail = "Still broken.\n\nOn Mon, 23 Nov 2026 at 10:00, Help Center\n<helpdesk@example.com> wrote:\n\n> Try again";
        assert_eq!(new_part(mail), "Still broken.");
    }

    #[test]
    fn spanish_and_french_attributions() {
        let es = "Sigue sin funcionar.\n\nEl lun, 23 nov 2026 a las 10:00, Centro de ayuda (<helpdesk@example.com>) escribió:\n> Hola";
        assert_eq!(new_part(es), "Sigue sin funcionar.");
        let fr = "Merci beaucoup.\r\n\r\nLe lun. 23 nov. 2026 à 10:00, Centre d'aide <helpdesk@example.com> a écrit :\r\n> Bonjour";
        assert_eq!(new_part(fr), "Merci beaucoup.");
    }

    #[test]
    fn outlook_header_block() {
        let mail = "Please call me.\n\nFrom: Help Center <helpdesk@example.com>\nSent: Monday, November 23, 2026 10:00 AM\nTo: ana@example.com\nSubject: [#1042] New reply";
        assert_eq!(new_part(mail), "Please call me.");
        let es = "Llámenme.\n\nDe: Centro de ayuda <helpdesk@example.com>\nEnviado: lunes, 23 de noviembre de 2026 10:00\nPara: ana@example.com";
        assert_eq!(new_part(es), "Llámenme.");
        let original = "See below.\n\n-----Original Message-----\nFrom: x\nold text";
        assert_eq!(new_part(original), "See below.");
    }

    #[test]
    fn signatures_are_cut() {
        let mail = "Here is the invoice.\n\n-- \nAna García\nACME S.L.";
        assert_eq!(new_part(mail), "Here is the invoice.");
        let phone = "Ok\n\nEnviado desde mi iPhone";
        assert_eq!(new_part(phone), "Ok");
    }

    #[test]
    fn trailing_quotes_without_attribution_are_cut_but_inline_answers_kept() {
        let mail = "> What is your tax ID?\nB12345678\n> And your phone?\n600 000 000\n\n> Regards\n> Support";
        assert_eq!(
            new_part(mail),
            "> What is your tax ID?\nB12345678\n> And your phone?\n600 000 000"
        );
    }

    #[test]
    fn a_mail_that_is_all_quote_is_kept_whole() {
        let mail = "> only a quote\n> nothing else";
        assert_eq!(new_part(mail), mail);
    }

    #[test]
    fn words_that_look_like_markers_inside_a_sentence_stay() {
        let mail = "On Monday I paid, and the bank wrote: nothing.\nFrom: my account, twice.";
        assert_eq!(new_part(mail), mail);
    }
}
