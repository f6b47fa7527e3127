//! The demo knowledge base: two countries, three products, every article
//! type in English, Spanish and French, the portal guides, and a banner.

use super::store::{self, Draft};
use super::structure;
use super::{ArticleKind, Banner};
use crate::auth::Admin;
use crate::db::Db;
use crate::error::AppError;

type Demo = (&'static str, &'static str, &'static str, &'static str);
/// (title, Markdown body) in en, es and fr.
type Texts = [(&'static str, &'static str); 3];

/// (country, product, kind, tags) and the article's texts.
const ARTICLES: [(&str, &str, ArticleKind, &str, Texts); 5] = [
    ("es", "Trading platform", ArticleKind::ProductInfo, "orders trading", [
        ("Order types on the trading platform", "The platform takes three kinds of order:\n\n- **Market**: filled at once at the best price.\n- **Limit**: filled only at your price or better.\n- **Stop**: becomes a market order when the price reaches your level.\n\nOrders stay open until the market closes unless you choose *good till cancelled*."),
        ("Tipos de órdenes en la plataforma de trading", "La plataforma admite tres tipos de orden:\n\n- **De mercado**: se ejecuta al momento al mejor precio.\n- **Limitada**: solo se ejecuta a su precio o mejor.\n- **Stop**: pasa a ser de mercado cuando el precio alcanza su nivel.\n\nLas órdenes siguen abiertas hasta el cierre del mercado salvo que elija *válida hasta cancelar*."),
        ("Types d’ordres sur la plateforme de trading", "La plateforme accepte trois types d’ordres :\n\n- **Au marché** : exécuté aussitôt au meilleur prix.\n- **À cours limité** : exécuté seulement à votre prix ou mieux.\n- **Stop** : devient un ordre au marché quand le cours atteint votre seuil.\n\nLes ordres restent ouverts jusqu’à la clôture sauf si vous choisissez *valable jusqu’à annulation*."),
    ]),
    ("es", "Trading platform", ArticleKind::SelfHelp, "login error password", [
        ("Error 403 when signing in to the platform", "This error means your session expired or your password changed.\n\n1. Sign out on every device.\n2. Clear the browser's cookies for this site.\n3. Sign in again with your new password.\n\nStill blocked? Open a case and quote the error code."),
        ("Error 403 al iniciar sesión en la plataforma", "Este error indica que su sesión caducó o que su contraseña cambió.\n\n1. Cierre la sesión en todos sus dispositivos.\n2. Borre las cookies del navegador para este sitio.\n3. Inicie sesión de nuevo con su nueva contraseña.\n\n¿Sigue bloqueado? Abra un caso e indique el código de error."),
        ("Erreur 403 à la connexion à la plateforme", "Cette erreur signifie que votre session a expiré ou que votre mot de passe a changé.\n\n1. Déconnectez-vous sur tous vos appareils.\n2. Effacez les cookies du navigateur pour ce site.\n3. Reconnectez-vous avec votre nouveau mot de passe.\n\nToujours bloqué ? Ouvrez un dossier en citant le code d’erreur."),
    ]),
    ("es", "Cards", ArticleKind::Regulatory, "fees invoice billing", [
        ("Card fees and your monthly invoice", "Every fee charged to your card appears on the monthly invoice, with its date and legal basis.\n\nUnder the payment services rules you may dispute a charge within **13 months**. Keep the invoice: it is your proof of payment."),
        ("Comisiones de la tarjeta y facturación mensual", "Cada comisión cargada a su tarjeta aparece en la facturación mensual, con su fecha y su base legal.\n\nSegún la normativa de servicios de pago puede reclamar un cargo durante **13 meses**. Conserve la factura: es su justificante de pago."),
        ("Frais de carte et facturation mensuelle", "Chaque frais prélevé sur votre carte figure sur la facturation mensuelle, avec sa date et sa base légale.\n\nSelon la réglementation des services de paiement, vous pouvez contester un prélèvement pendant **13 mois**. Gardez la facture : c’est votre preuve de paiement."),
    ]),
    ("fr", "Mobile app", ArticleKind::HowTo, "security 2fa app", [
        ("How to turn on two-step verification in the mobile app", "1. Open the app and go to **Profile → Security**.\n2. Choose **Two-step verification** and follow the steps.\n3. Keep the recovery codes somewhere safe.\n\nFrom then on, signing in asks for a code from your phone."),
        ("Cómo activar la verificación en dos pasos en la app móvil", "1. Abra la app y vaya a **Perfil → Seguridad**.\n2. Elija **Verificación en dos pasos** y siga los pasos.\n3. Guarde los códigos de recuperación en un lugar seguro.\n\nA partir de entonces, el inicio de sesión pide un código de su teléfono."),
        ("Activer la validation en deux étapes dans l’application mobile", "1. Ouvrez l’application et allez dans **Profil → Sécurité**.\n2. Choisissez **Validation en deux étapes** et suivez les étapes.\n3. Gardez les codes de secours en lieu sûr.\n\nDésormais, la connexion demande un code reçu sur votre téléphone."),
    ]),
    ("fr", "Trading platform", ArticleKind::Regulatory, "regulation risk", [
        ("Investor protection: what the regulator requires", "Before your first trade we must check that the product suits your experience (the *appropriateness test*).\n\nLeveraged products carry a risk warning and a cap on leverage set by the regulator."),
        ("Protección del inversor: lo que exige el regulador", "Antes de su primera operación debemos comprobar que el producto se ajusta a su experiencia (el *test de conveniencia*).\n\nLos productos apalancados llevan una advertencia de riesgo y un límite de apalancamiento fijado por el regulador."),
        ("Protection des investisseurs : ce qu’exige le régulateur", "Avant votre premier ordre, nous vérifions que le produit convient à votre expérience (le *test d’adéquation*).\n\nLes produits à effet de levier portent un avertissement de risque et un levier plafonné par le régulateur."),
    ]),
];

/// How to use the portal: articles in no folder.
const GUIDES: [Demo; 4] = [
    ("en", "How to follow your cases", "how_to", "Choose \"Write to us\" at the top right of any help page and sign in. You will see all your open and closed cases, sorted by last update.\n\nWhen we answer, the case moves to the top of the list and its row is highlighted until you open it."),
    ("en", "What each case status means", "how_to", "**Submitted**: your case reached our queue. **Under review**: an agent is working on it. **Awaiting your reply**: we need more information from you.\n\nResolved cases reopen when you reply; closed cases cannot be reopened, but you can always open a new case."),
    ("es", "Cómo seguir sus casos", "how_to", "Elija \"Escríbenos\" en la parte superior derecha de cualquier página de ayuda e inicie sesión. Verá todos sus casos abiertos y cerrados, ordenados por la última actualización."),
    ("fr", "Comment suivre vos dossiers", "how_to", "Choisissez « Écrivez-nous » en haut à droite de n'importe quelle page d'aide et connectez-vous. Vous verrez tous vos dossiers ouverts et fermés, triés par dernière mise à jour."),
];

const LOCALES: [&str; 3] = ["en", "es", "fr"];

pub async fn load(db: &Db, admin: &Admin) -> Result<(), AppError> {
    for (locale, title, _, body) in GUIDES {
        store::insert(
            db,
            &draft(locale, title, body, ArticleKind::HowTo, "guide", None),
        )
        .await?;
    }
    for (country, product, kind, tags, texts) in ARTICLES {
        let folder = structure::place(db, country, product).await?;
        for (locale, (title, body)) in LOCALES.into_iter().zip(texts) {
            store::insert(db, &draft(locale, title, body, kind, tags, Some(folder))).await?;
        }
    }
    // The order types and the sign-in fix are related, in each language.
    for offset in 0..3 {
        let first: i64 = sqlx::query_scalar("SELECT id FROM articles WHERE title = $1")
            .bind(ARTICLES[0].4[offset].0)
            .fetch_one(&db.read)
            .await?;
        let second: i64 = sqlx::query_scalar("SELECT id FROM articles WHERE title = $1")
            .bind(ARTICLES[1].4[offset].0)
            .fetch_one(&db.read)
            .await?;
        let mut tx = db.begin_write().await?;
        structure::set_related(&mut tx, first, &[second]).await?;
        tx.commit().await?;
    }
    let now = db.now();
    structure::add_banner(
        db,
        admin,
        &Banner {
            kind: "disruption".into(),
            severity: "warning".into(),
            message:
                "Scheduled maintenance of the trading platform on Sunday from 02:00 to 04:00 CET."
                    .into(),
            starts_at: now - 3_600_000,
            ends_at: now + 30 * 24 * 3_600_000,
        },
    )
    .await?;
    Ok(())
}

fn draft(
    locale: &str,
    title: &str,
    body: &str,
    kind: ArticleKind,
    tags: &str,
    folder: Option<i64>,
) -> Draft {
    Draft {
        locale: locale.into(),
        title: title.into(),
        body: body.into(),
        kind,
        published: true,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        folder,
    }
}
