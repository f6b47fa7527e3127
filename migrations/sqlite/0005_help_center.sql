-- The knowledge base (PRODUCT.md §2): collections by country, folders by
-- product, typed articles with a language, a status and tags; related
-- articles; "Was this article helpful?" votes; the home-page banner; and the
-- FTS5 index the search reads.
CREATE TABLE help_collections (
    id       INTEGER PRIMARY KEY,
    -- ISO 3166 alpha-2, lower case; its name comes from the translations.
    country  TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE help_folders (
    id            INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES help_collections (id) ON DELETE CASCADE,
    product       TEXT    NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (collection_id, product)
);

-- Articles outside any folder are the portal's own usage guides.
ALTER TABLE articles ADD COLUMN folder_id INTEGER REFERENCES help_folders (id);
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'how_to';
ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE articles ADD COLUMN tags TEXT NOT NULL DEFAULT '';
-- The sanitized HTML of `body` (Markdown), made when the article is saved.
ALTER TABLE articles ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
-- The plain text of `body`, which the search indexes and quotes.
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
UPDATE articles SET body_text = body;
-- Words for the search filters (language, type, folder, country), such as
-- `zzflanges zzfkindhowto zzffolder3 zzfcountryes`, so a filtered search is
-- one FTS5 query with no join. The `zzf` start keeps them apart from any
-- word of an article or a query.
ALTER TABLE articles ADD COLUMN facets TEXT NOT NULL DEFAULT '';
UPDATE articles SET facets = 'zzflang' || locale || ' zzfkind' || replace(kind, '_', '');
-- One or two sentences: the page's description for search engines.
ALTER TABLE articles ADD COLUMN summary TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_folder ON articles (folder_id, status, locale, title);
CREATE INDEX articles_listing ON articles (status, locale, title);

CREATE TABLE article_related (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, related_id)
);

-- One vote per voter and article: `voter` is `user:<id>` for someone signed
-- in, else `visitor:<random cookie value>`.
CREATE TABLE article_votes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    voter      TEXT    NOT NULL,
    helpful    BOOLEAN NOT NULL,
    comment    TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    UNIQUE (article_id, voter)
);

CREATE TABLE help_banners (
    id        INTEGER PRIMARY KEY,
    -- news, announcement or disruption
    kind      TEXT    NOT NULL,
    -- info, warning or critical
    severity  TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    starts_at BIGINT  NOT NULL,
    ends_at   BIGINT  NOT NULL
);
CREATE INDEX help_banners_window ON help_banners (starts_at, ends_at);

-- The search reads two FTS5 indexes of published articles only (drafts
-- are never indexed): `article_titles` (title, tags, facets), small, read
-- first; and `article_text` (everything), read when titles are not enough
-- and for snippets. Accents are folded; words of three letters or more
-- are looked up as prefixes through a 3-letter prefix index. Both are
-- external-content indexes over `articles`, kept by the triggers below.
CREATE VIRTUAL TABLE article_titles USING fts5(
    title, tags, facets,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);
CREATE VIRTUAL TABLE article_text USING fts5(
    title, body_text, tags, facets,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);
INSERT INTO article_titles (rowid, title, tags, facets)
SELECT id, title, tags, facets FROM articles WHERE status = 'published';
INSERT INTO article_text (rowid, title, body_text, tags, facets)
SELECT id, title, body_text, tags, facets FROM articles WHERE status = 'published';

CREATE TRIGGER article_index_insert AFTER INSERT ON articles WHEN new.status = 'published' BEGIN
    INSERT INTO article_titles (rowid, title, tags, facets)
    VALUES (new.id, new.title, new.tags, new.facets);
    INSERT INTO article_text (rowid, title, body_text, tags, facets)
    VALUES (new.id, new.title, new.body_text, new.tags, new.facets);
END;
CREATE TRIGGER article_index_delete AFTER DELETE ON articles WHEN old.status = 'published' BEGIN
    INSERT INTO article_titles (article_titles, rowid, title, tags, facets)
    VALUES ('delete', old.id, old.title, old.tags, old.facets);
    INSERT INTO article_text (article_text, rowid, title, body_text, tags, facets)
    VALUES ('delete', old.id, old.title, old.body_text, old.tags, old.facets);
END;
CREATE TRIGGER article_index_unpublish
AFTER UPDATE OF title, body_text, tags, facets, status ON articles WHEN old.status = 'published' BEGIN
    INSERT INTO article_titles (article_titles, rowid, title, tags, facets)
    VALUES ('delete', old.id, old.title, old.tags, old.facets);
    INSERT INTO article_text (article_text, rowid, title, body_text, tags, facets)
    VALUES ('delete', old.id, old.title, old.body_text, old.tags, old.facets);
END;
CREATE TRIGGER article_index_publish
AFTER UPDATE OF title, body_text, tags, facets, status ON articles WHEN new.status = 'published' BEGIN
    INSERT INTO article_titles (rowid, title, tags, facets)
    VALUES (new.id, new.title, new.tags, new.facets);
    INSERT INTO article_text (rowid, title, body_text, tags, facets)
    VALUES (new.id, new.title, new.body_text, new.tags, new.facets);
END;
