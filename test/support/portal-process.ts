import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The demo portal's server script, as the README starts it. */
export const PORTAL_SERVER = fileURLToPath(new URL('../../examples/portal/server.mjs', import.meta.url));

/** A demo portal in its own process, with the URLs it printed at start. */
export interface PortalProcess {
  child: ChildProcess;
  portal: string;
  phone: string;
}

/**
 * Starts `node examples/portal/server.mjs` on free ports (plus `args`) and resolves once it has printed
 * its portal and phone URLs, as a developer reads them from the terminal.
 */
export function startPortalProcess(args: string[] = []): Promise<PortalProcess> {
  const child = spawn(process.execPath, [PORTAL_SERVER, '--port', '0', '--sandbox-port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const portal = /portal: (http:\/\/\S+?)\/\s/.exec(out)?.[1];
      const phone = /phone: {2}(http:\/\/\S+)/.exec(out)?.[1];
      if (portal && phone) resolve({ child, portal, phone });
    });
    child.once('exit', (code) => reject(new Error(`the portal exited with ${code}: ${out}`)));
  });
}
