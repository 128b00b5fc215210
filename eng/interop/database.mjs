// Creates or drops a database on the server in POSTGRES_URL (used by eng/interop.sh).
//   node database.mjs create [name]   prints the new database's connection string
//   node database.mjs drop name
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fail, requireUrl, urlForDatabase } from './common.mjs';

const [command, nameArg] = process.argv.slice(2);
const url = requireUrl();
const pg = createRequire(fileURLToPath(import.meta.resolve('@elizaos/plugin-sql')))('pg');
const name = nameArg ?? `interop_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(3).toString('hex')}`;
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) fail(2, `database name "${name}" must be lowercase letters, digits and underscores`);

const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
} catch (e) {
  fail(1, `cannot connect to POSTGRES_URL: ${e.message}`);
}
try {
  if (command === 'create') {
    await client.query(`CREATE DATABASE "${name}"`);
    process.stdout.write(urlForDatabase(url, name) + '\n');
  } else if (command === 'drop') {
    if (!nameArg) fail(2, 'drop needs the database name');
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else fail(2, `unknown command "${command ?? ''}": use create [name] or drop name`);
} catch (e) {
  fail(1, `${command} database "${name}" failed: ${e.message}${/permission denied/.test(e.message) ? ' (the role in POSTGRES_URL needs CREATEDB)' : ''}`);
} finally {
  await client.end();
}
