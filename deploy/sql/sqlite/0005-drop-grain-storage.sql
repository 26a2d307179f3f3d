-- Orleans' ADO.NET grain storage held licenses until 0004 carried them over to the license store; nothing else
-- was stored there (SQLite never held membership).
DROP TABLE OrleansStorage;
DROP TABLE OrleansQuery;
