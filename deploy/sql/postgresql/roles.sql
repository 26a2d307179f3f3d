-- The service's database roles, created once by the DBA (creating roles needs CREATEROLE or a superuser), then
-- again whenever a password changes. Not a schema migration: roles belong to the whole PostgreSQL server, and the
-- service's own credentials cannot and should not create them. Run it connected to the service's database:
--
--   psql "host=db.example dbname=licensing user=postgres" -v ON_ERROR_STOP=1 \
--     -v owner_password="$OWNER_PW" -v silo_password="$SILO_PW" -v frontend_password="$FRONTEND_PW" \
--     -f deploy/sql/postgresql/roles.sql
--
-- Three login roles, one per workload, each with only what it needs:
--   owner_role    (licensing_owner)    the migration Job: owns every table and function it creates;
--   silo_role     (licensing_silo)     silos: membership, license state, history (insert, never update or delete);
--   frontend_role (licensing_frontend) frontends: read the membership table to find the silos' gateways.
-- Table privileges are granted by the migrate command after each migration, so tables of later migrations are
-- covered too; here only the roles, connecting, and the schema.
--
-- Optional: -v silo_role=… / frontend_role=… / owner_role=… for other names (several deployments on one server;
-- then set Licensing__Storage__SiloRole and Licensing__Storage__FrontendRole for the migration Job to match), and
-- -v previous_owner=<role> to hand a database migrated before these roles existed over to the owner role.

\set ON_ERROR_STOP on

\if :{?owner_role}
\else
\set owner_role licensing_owner
\endif
\if :{?silo_role}
\else
\set silo_role licensing_silo
\endif
\if :{?frontend_role}
\else
\set frontend_role licensing_frontend
\endif

\if :{?owner_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'set -v owner_password=… (and silo_password, frontend_password)'; END $$;
\endif
\if :{?silo_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'set -v silo_password=…'; END $$;
\endif
\if :{?frontend_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'set -v frontend_password=…'; END $$;
\endif

-- Created without privileges, then (again on every run) given LOGIN and the password: re-running rotates them.
SELECT format('CREATE ROLE %I', name)
FROM unnest(ARRAY[:'owner_role', :'silo_role', :'frontend_role']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name)
\gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'owner_role', :'owner_password')
\gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'silo_role', :'silo_password')
\gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'frontend_role', :'frontend_password')
\gexec

SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I', current_database(), :'owner_role', :'silo_role', :'frontend_role')
\gexec

-- The schema the service's unqualified names resolve to (public unless search_path says otherwise): the owner
-- creates there, the others only look things up. PostgreSQL before 15 lets every role create in public.
SELECT format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema())
\gexec
SELECT format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', current_schema(), :'owner_role')
\gexec
SELECT format('GRANT USAGE ON SCHEMA %I TO %I, %I', current_schema(), :'silo_role', :'frontend_role')
\gexec

\if :{?previous_owner}
SELECT format('REASSIGN OWNED BY %I TO %I', :'previous_owner', :'owner_role')
\gexec
\endif
