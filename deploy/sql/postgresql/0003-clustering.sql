-- Orleans.Licensing schema for PostgreSQL 15: cluster membership behind Orleans' ADO.NET clustering
-- provider (silos and gateway-list clients). Written for the provider's query contract (the nine required
-- query keys, @parameters, result columns), not copied from Orleans. Applied once, inside the migrator's
-- transaction.

-- One row per cluster (the provider's DeploymentId is our ClusterId). Version is the membership table's
-- etag: every change to a member row must move it by exactly one, and only from the version the silo read.
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation. Port, Generation, Status and ProxyPort are integer because the provider
-- reads them with GetInt32; the times are timestamptz so they come back as UTC instants.
CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL, -- long enough for any textual IPv6 address
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    -- A member can only exist under its cluster's version row: the row every change is serialized on.
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Insert a silo, and move the version on, as one step or not at all. The provider runs it without a
-- transaction and reads one row with one column: 1 (applied) or 0 (nothing changed).
-- The version row is locked first, and only while it still holds the expected version: concurrent
-- inserts/updates of the same cluster queue on that lock, and after waiting, FOR UPDATE re-checks the
-- version on the newest row, so a silo holding a stale version gets 0. Checking before writing means a
-- failure has nothing to undo.
CREATE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = p_deploymentid
      AND v.Version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    -- The same silo incarnation must not be inserted twice: an existing row is a failure, not an update.
    INSERT INTO OrleansMembershipTable AS m
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         StartTime, IAmAliveTime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname, p_status, p_proxyport,
         p_starttime, p_iamalivetime)
    ON CONFLICT ON CONSTRAINT PK_OrleansMembershipTable DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1,
        Timestamp = now()
    WHERE v.DeploymentId = p_deploymentid;
    RETURN 1;
END
$fn$;

-- Update a silo's status, suspicions and liveness, and move the version on, as one step or not at all;
-- same locking and result as orleans_membership_insert. A missing member row is a failure.
CREATE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = p_deploymentid
      AND v.Version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable AS m
    SET Status = p_status,
        SuspectTimes = p_suspecttimes,
        IAmAliveTime = p_iamalivetime
    WHERE m.DeploymentId = p_deploymentid
      AND m.Address = p_address
      AND m.Port = p_port
      AND m.Generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable AS v
    SET Version = v.Version + 1,
        Timestamp = now()
    WHERE v.DeploymentId = p_deploymentid;
    RETURN 1;
END
$fn$;

-- The query texts. Parameters are cast explicitly wherever a NULL could arrive without a useful type, and
-- where they are handed to a function, to pin the overload. Result columns are read by name,
-- case-insensitively, so the unquoted (lower-cased) names match.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Liveness heartbeat: not part of the versioned state, so it neither checks nor moves the version.
-- The provider ignores the result.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime::timestamptz
WHERE DeploymentId = @DeploymentId::text
  AND Address = @Address::text
  AND Port = @Port::integer
  AND Generation = @Generation::integer;
$q$),

-- Creates the cluster's version row if missing. One row, one column: 1 if this call created it, else 0.
-- Counting the CTE's rows always yields exactly one row, whether or not the insert happened.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId::text)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS Created FROM created;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
                                 @SiloName::text, @HostName::text, @Status::integer, @ProxyPort::integer,
                                 @StartTime::timestamptz, @IAmAliveTime::timestamptz,
                                 @Version::integer) AS Applied;
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
                                 @Status::integer, @SuspectTimes::text, @IAmAliveTime::timestamptz,
                                 @Version::integer) AS Applied;
$q$),

-- Driven from the version row with an outer join, so the version comes back even when the silo has no
-- member row yet (the provider takes the etag from the first row and reads a NULL StartTime as "no member").
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT OUTER JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId
   AND m.Address = @Address::text
   AND m.Port = @Port::integer
   AND m.Generation = @Generation::integer
WHERE v.DeploymentId = @DeploymentId::text;
$q$),

('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT OUTER JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId::text;
$q$),

-- Members first: the foreign key forbids removing the version row under them. Both statements go in one
-- batch, which PostgreSQL runs as one implicit transaction.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId::text;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId::text;
$q$),

-- Gateways a client may connect to: silos with the requested status (Active) that accept clients.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId::text
  AND Status = @Status::integer
  AND ProxyPort > 0;
$q$),

-- Removes silos not heard from since the cut-off, but never an Active (3) one. It deliberately leaves the
-- version alone, as the provider expects.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId::text
  AND IAmAliveTime < @IAmAliveTime::timestamptz
  AND Status <> 3;
$q$);
