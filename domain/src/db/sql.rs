//! A query built piece by piece with bound values (`$1`, `$2`, ...), which
//! both backends read; sqlx's own builder writes `?` for the `Any` driver,
//! which PostgreSQL does not accept.

use std::fmt::Write;

use sqlx::any::{AnyArguments, AnyRow, AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Any, Arguments, Decode, Encode, Executor, FromRow, Type, ValueRef};

#[derive(Default)]
pub struct Sql {
    text: String,
    args: AnyArguments<'static>,
    n: usize,
    error: Option<BoxDynError>,
}

impl Sql {
    pub fn new(text: impl AsRef<str>) -> Self {
        Self {
            text: text.as_ref().to_owned(),
            ..Self::default()
        }
    }

    /// Appends SQL text: fixed fragments only, never a user's value.
    pub fn push(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.text.push_str(text.as_ref());
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'static, Any> + Type<Any> + Send + 'static,
    {
        self.n += 1;
        let _ = write!(self.text, "${}", self.n);
        if let Err(err) = self.args.add(value) {
            self.error.get_or_insert(err);
        }
        self
    }

    /// Appends `$a, $b, ...`, one placeholder per value.
    pub fn bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        I: IntoIterator<Item = T>,
        T: Encode<'static, Any> + Type<Any> + Send + 'static,
    {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self
    }

    /// Appends `VALUES (..), (..)`: one tuple per item, filled by `each`.
    pub fn values<I, F>(&mut self, items: I, mut each: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(&mut Tuple<'_>, I::Item),
    {
        self.text.push_str("VALUES ");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.text.push('(');
            each(
                &mut Tuple {
                    sql: self,
                    first: true,
                },
                item,
            );
            self.text.push(')');
        }
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text and its arguments, for a query that must own them (a
    /// stream read in another task).
    pub fn into_parts(self) -> Result<(String, AnyArguments<'static>), sqlx::Error> {
        match self.error {
            Some(err) => Err(sqlx::Error::Encode(err)),
            None => Ok((self.text, self.args)),
        }
    }

    pub async fn fetch_all<'e, O, E>(self, exec: E) -> Result<Vec<O>, sqlx::Error>
    where
        O: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
        E: Executor<'e, Database = Any>,
    {
        let (text, args) = self.into_parts()?;
        sqlx::query_as_with(&text, args).fetch_all(exec).await
    }

    pub async fn fetch_scalars<'e, T, E>(self, exec: E) -> Result<Vec<T>, sqlx::Error>
    where
        (T,): for<'r> FromRow<'r, AnyRow>,
        T: Send + Unpin,
        E: Executor<'e, Database = Any>,
    {
        let (text, args) = self.into_parts()?;
        sqlx::query_scalar_with(&text, args).fetch_all(exec).await
    }

    pub async fn execute<'e, E>(self, exec: E) -> Result<u64, sqlx::Error>
    where
        E: Executor<'e, Database = Any>,
    {
        let (text, args) = self.into_parts()?;
        Ok(sqlx::query_with(&text, args)
            .execute(exec)
            .await?
            .rows_affected())
    }
}

/// One tuple of [`Sql::values`]: bound values separated by commas.
pub struct Tuple<'a> {
    sql: &'a mut Sql,
    first: bool,
}

impl Tuple<'_> {
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'static, Any> + Type<Any> + Send + 'static,
    {
        if !self.first {
            self.sql.text.push_str(", ");
        }
        self.first = false;
        self.sql.bind(value);
        self
    }
}

/// A yes/no column or expression. PostgreSQL answers a boolean; SQLite
/// has none and answers 0 or 1, which the `Any` driver will not read as
/// `bool`. (SQLite's `BOOLEAN` columns must be selected as an expression,
/// such as `CASE WHEN x THEN 1 ELSE 0 END`: the driver refuses the
/// declared type.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        ty.kind() == AnyTypeInfoKind::Bool || ty.kind().is_integer()
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.type_info().kind() == AnyTypeInfoKind::Bool {
            <bool as Decode<Any>>::decode(value).map(Flag)
        } else {
            <i64 as Decode<Any>>::decode(value).map(|n| Flag(n != 0))
        }
    }
}
