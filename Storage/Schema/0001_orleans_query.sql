-- The Orleans ADO.NET providers read every statement they run from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"); the rows are the whole contract between them and this
-- database: they bind parameters and read result columns by name, so those names must not change.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
