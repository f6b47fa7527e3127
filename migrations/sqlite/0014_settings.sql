-- The settings page (issue 16): case types admins define, each with its
-- three labels (cases keep the key of theirs; one out of use still names
-- them), and the automatic-close waits (no row: the server's flags).
CREATE TABLE case_types (
    key      TEXT    PRIMARY KEY,
    label_en TEXT    NOT NULL,
    label_es TEXT    NOT NULL,
    label_fr TEXT    NOT NULL,
    active   BOOLEAN NOT NULL DEFAULT TRUE,
    position BIGINT  NOT NULL
);
INSERT INTO case_types (key, label_en, label_es, label_fr, active, position) VALUES
    ('technical', 'Technical', 'Técnico', 'Technique', TRUE, 1),
    ('finance', 'Finance', 'Finanzas', 'Finance', TRUE, 2),
    ('account', 'Account', 'Cuenta', 'Compte', TRUE, 3),
    ('other', 'Other', 'Otro', 'Autre', TRUE, 4);

CREATE TABLE close_times (
    id                       INTEGER PRIMARY KEY CHECK (id = 1),
    awaiting_reply_ms        BIGINT  NOT NULL,
    awaiting_confirmation_ms BIGINT  NOT NULL,
    resolved_ms              BIGINT  NOT NULL
);
