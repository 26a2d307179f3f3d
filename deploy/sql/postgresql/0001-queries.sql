-- Orleans.Licensing schema for PostgreSQL 15: the table Orleans' ADO.NET providers load their SQL from.
-- Written for the providers' query contract, not copied from Orleans.
--
-- Applied once by the schema migrator, inside its transaction (so no BEGIN/COMMIT here). Plain CREATE, not
-- CREATE ... IF NOT EXISTS: these scripts assume an empty database, and a table left by someone else's
-- script (e.g. Orleans' own) must stop the migration loudly rather than be silently mixed with ours.
--
-- Every identifier in 0001..0003 is unquoted on purpose: Orleans runs
-- SELECT QueryKey, QueryText FROM OrleansQuery without quotes, which PostgreSQL folds to lower case, so the
-- objects must be created folded the same way.

CREATE TABLE OrleansQuery
(
    -- Each provider looks a key up with Single()/a dictionary: the key must be unique.
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
