// Imported before Ink: the live view only ever runs on a terminal (the CLI refuses a non-TTY
// stdout), so a CI or CONTINUOUS_INTEGRATION variable inherited from the user's shell must not
// switch Ink into its CI mode, where it draws nothing until exit. Ink reads them once, when it
// is first imported, so this module has to be evaluated first.

import { env } from 'node:process';

for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
  if (name in env) env[name] = 'false';
}
