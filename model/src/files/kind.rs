//! The file types a case accepts (PRODUCT.md §3.6), shared by the picker
//! (its `accept` list and icons) and the server (which checks the bytes).

crate::text_enum! {
    pub enum FileKind {
        Png = "png",
        Jpeg = "jpeg",
        Gif = "gif",
        Tiff = "tiff",
        Pdf = "pdf",
        Xls = "xls",
        Xlsx = "xlsx",
        Csv = "csv",
        Doc = "doc",
        Docx = "docx",
    }
}

impl FileKind {
    /// The kind a file name claims by its extension (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        let (_, ext) = name.rsplit_once('.')?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "png" => FileKind::Png,
            "jpg" | "jpeg" => FileKind::Jpeg,
            "gif" => FileKind::Gif,
            "tif" | "tiff" => FileKind::Tiff,
            "pdf" => FileKind::Pdf,
            "xls" => FileKind::Xls,
            "xlsx" => FileKind::Xlsx,
            "csv" => FileKind::Csv,
            "doc" => FileKind::Doc,
            "docx" => FileKind::Docx,
            _ => return None,
        })
    }

    /// The type a download is served as; never HTML or SVG.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Gif => "image/gif",
            FileKind::Tiff => "image/tiff",
            FileKind::Pdf => "application/pdf",
            FileKind::Xls => "application/vnd.ms-excel",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Doc => "application/msword",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// Images get a preview (a re-encoded thumbnail).
    pub fn is_image(self) -> bool {
        matches!(
            self,
            FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Tiff
        )
    }

    /// The short label on a file's icon.
    pub fn badge(self) -> &'static str {
        match self {
            FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Tiff => "IMG",
            FileKind::Pdf => "PDF",
            FileKind::Xls | FileKind::Xlsx | FileKind::Csv => "XLS",
            FileKind::Doc | FileKind::Docx => "DOC",
        }
    }
}

/// The picker's `accept` attribute.
pub const ACCEPT: &str = ".png,.jpg,.jpeg,.gif,.tif,.tiff,.pdf,.xls,.xlsx,.csv,.doc,.docx";

/// "1.5 MB", "820 KB", "12 B": sizes as people read them.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_kinds_and_back() {
        assert_eq!(FileKind::from_name("Factura.PDF"), Some(FileKind::Pdf));
        assert_eq!(FileKind::from_name("a.b.jpg"), Some(FileKind::Jpeg));
        assert_eq!(FileKind::from_name("passwd"), None);
        assert_eq!(FileKind::from_name("x.exe"), None);
        assert_eq!(FileKind::from_name("x.svg"), None);
        assert_eq!(FileKind::from_name("x.html"), None);
        for k in FileKind::ALL {
            assert_eq!(FileKind::parse(k.as_str()), Some(k));
            assert!(!k.mime().contains("html") && !k.mime().contains("svg"));
        }
        assert_eq!(human_size(1536 * 1024), "1.5 MB");
    }
}
