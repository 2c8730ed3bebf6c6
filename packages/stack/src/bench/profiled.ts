// Runs PROFILED_ENTRY under the V8 CPU profiler and writes PROFILE_DIR/<name>-<pid>.cpuprofile when
// the process is asked to stop (SIGTERM): `--cpu-prof` itself is not allowed in NODE_OPTIONS, and
// the launcher runs services as `node --import tsx <entry>`. Open the file in Chrome DevTools.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.env.PROFILED_ENTRY;
const dir = process.env.PROFILE_DIR;
if (!entry || !dir) throw new Error('PROFILED_ENTRY and PROFILE_DIR must be set');

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
// Before the service's own SIGTERM handler, which closes the database and exits.
process.prependListener('SIGTERM', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error) console.error('profiler', error);
    else
      writeFileSync(
        join(dir, `${basename(entry, '.ts')}-${process.env.BANK_CODE ?? 'cloud'}-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
  });
});
await import(pathToFileURL(entry).href);
